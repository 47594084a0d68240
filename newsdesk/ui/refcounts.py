"""A reserve of references for ``None``, ``True`` and ``False``, against PySide6 6.12.

Measured here (``sys.getrefcount`` before and after a hundred calls): every
``Signal.emit()`` drops one reference to ``True`` it never took, and every Qt method
that returns nothing (``QTimer.start``, ``setFormat``, ``processEvents``...) drops one
to ``None``. When a count reaches zero the interpreter aborts ("Fatal Python error:
bool_dealloc" / "none_dealloc"): a few thousand keystrokes of a working day are
enough. Python 3.12 makes these objects immortal; on 3.11 newsdesk gives each a
reserve of 2**40 references once, at start-up, so that no day of typing can use it
up. Where the interpreter does not lay out its objects as CPython 3.11's release
builds do, nothing is touched.

Some rooms (``ui/pyside_refs.py``, the highlighters) also give back what their hot
paths take; with the reserve that is belt and braces, and costs nothing.
"""

from __future__ import annotations

import ctypes
import sys

RESERVE = 1 << 40


def reserve_singleton_references() -> bool:
    """Give ``None``, ``True`` and ``False`` their reserve (once); whether they have it."""
    if sys.implementation.name != "cpython" or sys.version_info >= (3, 12):
        return True  # immortal already (3.12+), or not CPython's object layout
    if hasattr(sys, "gettotalrefcount"):
        return False  # a debug build: its object header is laid out otherwise
    for singleton in (None, True, False):
        before = sys.getrefcount(singleton)
        if before >= RESERVE:
            continue
        # ob_refcnt is the first field of every object in a release build of 3.11; it
        # reads as getrefcount's answer less the references of the call itself.
        count = ctypes.c_ssize_t.from_address(id(singleton))
        if not 0 <= before - count.value <= 8:
            return False
        count.value += RESERVE
    return True
