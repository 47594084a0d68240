"""Why the store's disk refused a write: full, read-only or locked, in one reason code.

The window and the command line word each reason in one sentence
(``newsdesk.words.errors``); the codes are plain strings on ``StoreError.reason``
beside its own (``unreadable``...). SQLite's result code is read first (its
English message varies between versions), then the OS's errno.
"""

from __future__ import annotations

import errno
import sqlite3

from newsdesk.core.errors import StoreError

#: No room left on the disk of the data folder (SQLITE_FULL, ENOSPC, EDQUOT).
DISK_FULL = "disk_full"
#: The data folder or the database file cannot be written (a read-only disk, an
#: immutable file, missing rights): SQLITE_READONLY, EROFS, EACCES, EPERM.
READ_ONLY = "read_only"
#: Another program holds the database past the busy timeout (SQLITE_BUSY, SQLITE_LOCKED).
LOCKED = "locked"

_SQLITE_REASONS = {
    sqlite3.SQLITE_FULL: DISK_FULL,
    sqlite3.SQLITE_READONLY: READ_ONLY,
    sqlite3.SQLITE_PERM: READ_ONLY,
    sqlite3.SQLITE_BUSY: LOCKED,
    sqlite3.SQLITE_LOCKED: LOCKED,
}
_ERRNO_REASONS = {
    errno.ENOSPC: DISK_FULL,
    errno.EDQUOT: DISK_FULL,
    errno.EROFS: READ_ONLY,
    errno.EACCES: READ_ONLY,
    errno.EPERM: READ_ONLY,
}


def failure_reason(error: BaseException) -> str:
    """The reason code for a failed read or write; ``unreadable`` when it is none of them."""
    cause: BaseException | None = error
    while cause is not None:
        orig = getattr(cause, "orig", None)  # SQLAlchemy wraps the driver's error
        if isinstance(orig, BaseException) and orig is not cause:
            cause = orig
            continue
        if isinstance(cause, sqlite3.Error):
            code = getattr(cause, "sqlite_errorcode", None)
            if isinstance(code, int) and (code & 0xFF) in _SQLITE_REASONS:
                return _SQLITE_REASONS[code & 0xFF]
            # Older SQLite builds give a message only.
            text = str(cause).lower()
            if "disk is full" in text:
                return DISK_FULL
            if "readonly" in text or "read-only" in text:
                return READ_ONLY
            if "locked" in text or "busy" in text:
                return LOCKED
        if isinstance(cause, OSError) and cause.errno in _ERRNO_REASONS:
            return _ERRNO_REASONS[cause.errno]
        cause = cause.__cause__ or cause.__context__
    return StoreError.UNREADABLE


def store_failure(path: object, error: BaseException) -> StoreError:
    """A StoreError for ``path`` saying why ``error`` happened (its English text as detail)."""
    detail = str(getattr(error, "orig", None) or error)
    return StoreError(str(path), failure_reason(error), detail)
