"""What the window does by itself once the store is open."""

from __future__ import annotations

import gc
from typing import Any

from newsdesk.paths import Paths
from tests.gui.conftest import WindowFactory


def test_start_up_makes_a_backup_of_the_store(
    qtbot: Any, windows: WindowFactory, paths: Paths
) -> None:
    windows.open()
    qtbot.waitUntil(lambda: any(paths.backups.glob("newsdesk-*.sqlite3")), timeout=10000)


def test_start_up_freezes_what_it_built(qtbot: Any, windows: WindowFactory) -> None:
    # Objects made while starting are moved out of the collector's way, so a full
    # collection while typing does not walk them all (it stalled typing ~50 ms).
    gc.unfreeze()  # an earlier test's window may have frozen objects already
    assert gc.get_freeze_count() == 0
    windows.open()
    qtbot.waitUntil(lambda: gc.get_freeze_count() > 10000, timeout=10000)
