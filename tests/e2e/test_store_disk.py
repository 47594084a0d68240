"""A full disk, a read-only disk and a locked database under the real store and the
real command line: one French sentence each, nothing half-written, and everything
works again once the disk has room (or the lock is gone).

The data folder lives on a small tmpfs the test mounts (root only; skipped otherwise).
"""

from __future__ import annotations

import dataclasses
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from PIL import Image

from newsdesk import services
from newsdesk.core.errors import StoreError
from newsdesk.paths import Paths
from newsdesk.storage.archive import ArchiveError
from newsdesk.storage.store import Store

from .small_disk import SmallDisk, locked, small_disk

ROOT = Path(__file__).resolve().parents[2]
FULL_CLI = "Le disque est plein\u00a0: rien n’a été écrit. Libérez de la place, puis recommencez."
READ_ONLY = "Le dossier des articles est en lecture seule"
LOCKED = "Les articles sont verrouillés par un autre programme\u00a0: rien n’a été écrit."


def newsdesk(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("LC_ALL", "LC_MESSAGES")}
    env.pop("NEWSDESK_HOME", None)
    env["LANG"] = "fr_FR.UTF-8"
    return subprocess.run(
        [sys.executable, "-m", "newsdesk", "--data-dir", str(home), *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=ROOT,
        env=env,
        timeout=60,
    )


def one_line(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode == 1, result
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("newsdesk: "), result.stderr
    assert "Traceback" not in result.stderr
    return lines[0]


@pytest.fixture
def disk(tmp_path: Path) -> Iterator[SmallDisk]:
    with small_disk(tmp_path) as mounted:
        yield mounted


@pytest.fixture
def article_md(tmp_path: Path) -> Path:
    path = tmp_path / "crue.md"
    path.write_text(
        "---\ntitle: Crue du fleuve à Niamey\n---\nLe fleuve a atteint la cote d’alerte.\n",
        encoding="utf-8",
    )
    return path


@pytest.fixture
def photo(tmp_path: Path) -> Path:
    path = tmp_path / "fleuve.png"
    Image.effect_noise((600, 400), 80).convert("RGB").save(path)
    return path


def test_a_full_disk_refuses_every_write_in_one_sentence_and_loses_nothing(
    disk: SmallDisk, article_md: Path, photo: Path, tmp_path: Path
) -> None:
    assert newsdesk(disk.home, "import", str(article_md)).returncode == 0
    store = Store.open(Paths(disk.home))
    try:
        summary = store.list_articles()[0]
        before = store.get(summary.id)
        long_body = "Le fleuve monte encore à Niamey. " * 20_000
        disk.fill()

        with pytest.raises(StoreError) as saving:
            store.save(dataclasses.replace(before, body=long_body))
        assert saving.value.reason == "disk_full"
        assert store.get(summary.id) == before  # rolled back whole
        with pytest.raises(StoreError) as importing:
            store.import_image(photo)
        assert importing.value.reason == "disk_full"
        assert not list(Paths(disk.home).media.rglob("*.png"))  # no half photo

        assert one_line(newsdesk(disk.home, "import", str(article_md))).endswith(FULL_CLI)
        refused = newsdesk(disk.home, "backup", "-o", str(disk.mount / "save.zip"))
        assert "Le disque est plein" in one_line(refused)
        assert not (disk.mount / "save.zip").exists()
        # The daily archive checks for its size plus DAILY_MARGIN (256 MB) before writing
        # anything: on this small disk it refuses, full or not, and leaves nothing behind.
        with pytest.raises(ArchiveError) as daily:
            services.daily_backup(Paths(disk.home))
        assert daily.value.reason == "disk_full"
        assert not list(Paths(disk.home).backups.glob("*.partial"))
        # Reading still works on a full disk.
        listed = newsdesk(disk.home, "list")
        assert listed.returncode == 0 and "Crue du fleuve" in listed.stdout

        disk.free()
        saved = store.save(dataclasses.replace(before, body=long_body))
        assert saved.revision == before.revision + 1
        assert store.import_image(photo)
    finally:
        store.close()
    assert disk.integrity() == "ok"
    assert newsdesk(disk.home, "import", str(article_md)).returncode == 0
    done = newsdesk(disk.home, "backup", "-o", str(tmp_path / "save.zip"))
    assert done.returncode == 0, done.stderr
    with Store.open(Paths(disk.home)) as reopened:
        assert reopened.count_articles() == 2
        assert reopened.get(summary.id).body == long_body


def test_a_read_only_disk_is_said_in_one_sentence(disk: SmallDisk, article_md: Path) -> None:
    assert newsdesk(disk.home, "import", str(article_md)).returncode == 0
    disk.read_only()
    for command in (("list",), ("import", str(article_md))):
        assert READ_ONLY in one_line(newsdesk(disk.home, *command))
    with pytest.raises(StoreError) as opening:
        Store.open(Paths(disk.home))
    assert opening.value.reason == "read_only"
    disk.read_only(False)
    assert disk.integrity() == "ok"
    listed = newsdesk(disk.home, "list")
    assert listed.returncode == 0 and "Crue du fleuve" in listed.stdout


def test_a_locked_database_is_said_in_one_sentence(disk: SmallDisk, article_md: Path) -> None:
    assert newsdesk(disk.home, "import", str(article_md)).returncode == 0
    with locked(disk.home / "newsdesk.sqlite3"):
        started = time.monotonic()
        listed = newsdesk(disk.home, "list")  # WAL: readers are never blocked
        assert listed.returncode == 0 and "Crue du fleuve" in listed.stdout
        assert time.monotonic() - started < 4  # nor kept waiting at close
        assert LOCKED in one_line(newsdesk(disk.home, "import", str(article_md)))
    assert newsdesk(disk.home, "import", str(article_md)).returncode == 0
    assert disk.integrity() == "ok"
