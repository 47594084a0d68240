"""The copies of a store this process is taking right now (a backup's snapshot).

A restore must not swap a store another connection holds, and refuses it as in use
(``archive._check_not_in_use``). The window's own daily backup holds the store for
its first seconds, while SQLite's backup API copies it; a restore asked then waits
for that copy (``wait_for_copies``) instead of being refused. Only this process's
copies are known here: another program's connection is still refused at once.
"""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

#: How long a restore waits for such a copy (a few seconds; longer for years of
#: articles) before it refuses the store as in use.
WAIT_S = 120.0

_copying: Counter[Path] = Counter()
_changed = threading.Condition()


@contextmanager
def copying(database: Path) -> Iterator[None]:
    """Note that ``database`` is being copied for as long as the block runs."""
    key = database.resolve()
    with _changed:
        _copying[key] += 1
    try:
        yield
    finally:
        with _changed:
            _copying[key] -= 1
            if _copying[key] <= 0:
                del _copying[key]
            _changed.notify_all()


def wait_for_copies(database: Path, timeout_s: float | None = None) -> bool:
    """Wait until no copy of ``database`` runs in this process, ``WAIT_S`` at most;
    whether none runs now."""
    key = database.resolve()
    with _changed:
        return _changed.wait_for(
            lambda: key not in _copying, WAIT_S if timeout_s is None else timeout_s
        )


def copies_running() -> int:
    """How many copies run now, of any store (tests check that none is left)."""
    with _changed:
        return sum(_copying.values())
