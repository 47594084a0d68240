"""The composition root: what it builds, and that it builds it lazily and without Qt."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from newsdesk.context import Context, build_context
from newsdesk.credentials import SessionCredentialStore
from newsdesk.paths import Paths
from newsdesk.sync.worker import OutboxWorker


def test_the_context_builds_the_store_the_worker_and_the_session_store(tmp_path: Path) -> None:
    context = build_context(Paths(tmp_path / "data"))
    assert isinstance(context, Context)
    assert context.paths.root.is_dir()
    assert context.db is None  # the window's lane is app.py's to add
    with context.open_store() as store:
        assert store.list_articles() == []
        kept = context.session_credentials()
        assert isinstance(kept, SessionCredentialStore)
        assert isinstance(context.make_worker(store, kept), OutboxWorker)


def test_the_credentials_given_are_the_ones_used(tmp_path: Path) -> None:
    kept = SessionCredentialStore()
    context = build_context(Paths(tmp_path / "data"), credentials=lambda: kept)
    assert context.credentials() is kept
    with context.open_store() as store:
        assert context.make_worker(store).store is store


def test_building_it_imports_neither_qt_nor_the_dear_libraries(tmp_path: Path) -> None:
    script = (
        "import sys\n"
        "from newsdesk.context import build_context\n"
        "from pathlib import Path\n"
        "from newsdesk.paths import Paths\n"
        f"build_context(Paths(Path({str(tmp_path / 'data')!r})))\n"
        "loaded = [m for m in ('PySide6', 'sqlalchemy', 'keyring', 'httpx') if m in sys.modules]\n"
        "print(','.join(loaded))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=60
    )
    assert done.stdout.strip() == ""
