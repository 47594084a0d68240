"""Giving the C allocator's free pages back to the system, after a burst of work.

A burst of allocations (an article opened: the store's rows, the render's strings,
Markdown's trees; in the spelling process, Grammalecte's rule graph built from its
modules) leaves the malloc arenas full of freed blocks, and glibc keeps them resident
until ``malloc_trim`` returns them: 10 MiB of the spelling process after its grammar
loaded, measured. No library does this one call; elsewhere than glibc it does nothing.
"""

from __future__ import annotations

import sys


def return_free_memory() -> None:
    """Give the C allocator's free pages back to the system (glibc only)."""
    if not sys.platform.startswith("linux"):
        return
    import ctypes

    try:
        libc = ctypes.CDLL("libc.so.6")
        trim = libc.malloc_trim
    except (OSError, AttributeError):
        return  # not glibc (musl has no malloc_trim)
    trim(0)
