"""Work the reporter does not wait for, kept behind the work they do.

The daily backup of a store of years of articles copies, compresses and hashes
gigabytes (1.7 GB for 100,000 articles: about a minute of a core). On a two-core
laptop that minute is taken from the window: while it ran, scrolling the library
stalled 30-50 ms at a time. Once the store's copy is taken, its thread asks the
system for the lowest share of the processor, which it then gets only when the
window and the editor leave some. That work is in C (zlib, hashlib) without
Python's lock, so a low priority does not hold the window up on the lock either.

Linux lets a thread lower its own priority (``setpriority`` on its thread id); other
systems are left as they are, rather than lowering the whole process by mistake.
"""

from __future__ import annotations

import logging
import os
import sys
import threading

log = logging.getLogger(__name__)

#: The nicest niceness: the thread runs when nothing else wants the processor.
LOWEST = 19


def lower_this_thread() -> bool:
    """Give the calling thread the lowest share of the processor; whether it could."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), LOWEST)
    except OSError as error:  # a sandbox refusing it: the work still gets done
        log.info("could not lower the thread's priority: %s", error)
        return False
    return True
