"""What the window's start-up imports, and what it keeps of it (checked in a fresh
interpreter: the test process itself has imported everything already)."""

from __future__ import annotations

import subprocess
import sys


def _run(code: str) -> str:
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    )
    return done.stdout.strip()


def test_pyside_checks_imported_modules_without_keeping_their_source() -> None:
    # PySide's own check kept every line of every module imported after it in
    # linecache (~20 MiB at start-up); newsdesk's reads the file and keeps nothing.
    out = _run(
        "import linecache, sys\n"
        "from newsdesk.app import lighten_pyside_import_check\n"
        "import PySide6.QtCore\n"
        "lighten_pyside_import_check()\n"
        "from newsdesk.ui.tasks import DbWorker\n"
        "from newsdesk.core.rules import WORDS_PER_MINUTE\n"
        "flags = sys.modules['PySide6.support.feature'].pyside_feature_dict\n"
        "print(flags['newsdesk.ui.tasks'], flags['newsdesk.core.rules'],"
        " [f for f in linecache.cache if 'newsdesk' in f])\n"
    )
    assert out.split(maxsplit=2) == ["0", "-1", "[]"]


def test_the_window_imports_none_of_the_store_publishing_or_image_libraries() -> None:
    # They load later, off the interface thread, when used: the store's (SQLAlchemy,
    # Alembic) on the database worker, publishing's (httpx, keyring) and the image
    # pipeline's (Pillow) when a site or an image is touched, the renderer's on the
    # preview's thread.
    out = _run(
        "import os, sys\n"
        "os.environ.setdefault('QT_QPA_PLATFORM', 'offscreen')\n"
        "import newsdesk.app, newsdesk.context, newsdesk.services\n"
        "import newsdesk.ui.main_window\n"
        "heavy = ('sqlalchemy', 'alembic', 'httpx', 'keyring', 'PIL', 'bs4', 'yaml',\n"
        "         'markdown', 'nh3', 'babel')\n"
        "print(sorted({m.split('.')[0] for m in sys.modules} & set(heavy)))\n"
    )
    assert out == "[]"


def test_the_window_imports_no_dialog_it_does_not_show_at_start() -> None:
    # The history, the site's publishing rules and the PDF printer are imported when
    # they are asked for: the window's first second imports only what it shows.
    out = _run(
        "import os, sys\n"
        "os.environ.setdefault('QT_QPA_PLATFORM', 'offscreen')\n"
        "import newsdesk.app, newsdesk.ui.main_window\n"
        "later = ('history_dialog', 'profile_dialog', 'pdf_export', 'typography_dialog',\n"
        "         'spelling_dialog', 'preferences_dialog', 'about_dialog', 'guide_window',\n"
        "         'backup_actions')\n"
        "print(sorted(m for m in later if 'newsdesk.ui.' + m in sys.modules))\n"
    )
    assert out == "[]"


def test_the_application_finds_its_icon_without_the_renderer() -> None:
    # newsdesk.resources is below the renderer: the window's icon (and the guide and
    # the dictionaries) must not import Python-Markdown with it (~60 ms at start-up).
    out = _run(
        "import os, sys\n"
        "os.environ.setdefault('QT_QPA_PLATFORM', 'offscreen')\n"
        "import newsdesk.app\n"
        "newsdesk.app.create_application(['newsdesk'])\n"
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'markdown', 'nh3'}),\n"
        "      'newsdesk.render' in sys.modules)\n"
    )
    assert out == "[] False"


def test_the_window_starts_no_process_module_before_its_spelling_does() -> None:
    # The spelling process starts after the first preview (ui/spell_service.py):
    # ``subprocess`` is imported then, not in the window's first frame (~5 ms).
    out = _run(
        "import os, sys\n"
        "os.environ.setdefault('QT_QPA_PLATFORM', 'offscreen')\n"
        "import newsdesk.__main__, newsdesk.app, newsdesk.ui.main_window\n"
        "print('subprocess' in sys.modules)\n"
    )
    assert out == "False"
