"""What a killed newsdesk leaves in the data folder, swept at the next start-up.

Nothing is ever written under its final name until it is whole: a file goes through a
temporary beside it (``atomicfile``, the archives: ``.NAME.XXXX.tmp``), a copy of the
store through ``NAME.partial`` (``storage.backup``), an archive through a
``.newsdesk-snapshot-*`` folder beside it, a restore through ``.restore-*``. A process
killed mid-write (a flat battery; ``tests/kills`` kills hundreds) leaves those behind,
and they would pile up. They are removed once they are an hour old: a younger one may
be another newsdesk's at work (the command line backing up while the window starts).
"""

from __future__ import annotations

import logging
import shutil
import time

from newsdesk.paths import Paths

log = logging.getLogger(__name__)

#: Younger than this, a leftover may still be some process's work in progress.
MIN_AGE_S = 3600.0
_FILES = (".*.tmp", "*.partial")
_FOLDERS = (".newsdesk-snapshot-*", ".restore-*")


def sweep(paths: Paths, *, now: float | None = None, min_age_s: float = MIN_AGE_S) -> int:
    """Remove the leftovers of ``paths`` older than ``min_age_s``; how many went."""
    now = time.time() if now is None else now
    removed = 0
    for folder in (paths.root, paths.media, paths.backups, paths.first_page.parent):
        if not folder.is_dir():
            continue
        for pattern, is_folder in [(p, False) for p in _FILES] + [(p, True) for p in _FOLDERS]:
            for path in folder.glob(pattern):
                if path.is_symlink() or path.is_dir() != is_folder:
                    continue
                try:
                    if now - path.stat().st_mtime < min_age_s:
                        continue
                    if is_folder:
                        shutil.rmtree(path)
                    else:
                        path.unlink()
                except OSError as error:  # gone meanwhile, or not ours to remove
                    log.info("leftover %s kept: %s", path.name, type(error).__name__)
                    continue
                removed += 1
    if removed:
        log.info("%d files left by an interrupted write removed", removed)
    return removed
