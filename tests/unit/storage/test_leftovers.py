"""What a killed newsdesk leaves half-written in the data folder goes at the next
start-up, once it is an hour old; nothing else is touched."""

from __future__ import annotations

import os
import time
from pathlib import Path

from newsdesk import services
from newsdesk.paths import Paths
from newsdesk.storage import leftovers
from newsdesk.storage.store import Store

HOUR = 3600.0


def _make(path: Path, age_s: float, folder: bool = False) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if folder:
        path.mkdir()
        (path / "newsdesk.sqlite3").write_bytes(b"half a snapshot")
    else:
        path.write_bytes(b"half written")
    then = time.time() - age_s
    os.utime(path, (then, then))
    return path


def test_old_leftovers_go_and_young_ones_and_real_files_stay(paths: Paths) -> None:
    old = [
        _make(paths.media / ".photo.jpg.ab12cd.tmp", 2 * HOUR),
        _make(paths.root / ".settings.json.x1y2.tmp", 2 * HOUR),
        _make(paths.backups / "newsdesk-20261201.sqlite3.partial", 3 * HOUR),
        _make(paths.backups / ".newsdesk-snapshot-k3j4", 2 * HOUR, folder=True),
        _make(paths.root / ".restore-9z8y", 5 * HOUR, folder=True),
        _make(paths.first_page.parent / ".first-page.json.q1w2.tmp", 2 * HOUR),
    ]
    young = [
        _make(paths.backups / ".newsdesk-20261201.zip.r5t6.tmp", 60),  # a backup writing now
        _make(paths.media / ".photo2.jpg.zz99.tmp", 10),
    ]
    kept = [
        _make(paths.media / "2026" / "photo.jpg", 10 * HOUR),
        _make(paths.backups / "newsdesk-20261130.zip", 30 * HOUR),
        _make(paths.root / "settings.json", 10 * HOUR),
        _make(paths.root / "notes.tmp", 10 * HOUR),  # not a name newsdesk's writes take
    ]
    assert leftovers.sweep(paths) == len(old)
    assert [p for p in old if p.exists()] == []
    assert all(p.exists() for p in young + kept)
    assert leftovers.sweep(paths) == 0


def test_the_start_up_housekeeping_sweeps_them(store: Store) -> None:
    stale = _make(store.paths.media / ".photo.jpg.ab12cd.tmp", 2 * HOUR)
    done = services.housekeeping(store, archive=False)
    assert done.leftovers_removed == 1 and not stale.exists()


def test_a_missing_data_folder_is_no_error(tmp_path: Path) -> None:
    assert leftovers.sweep(Paths(tmp_path / "nothing-here")) == 0
