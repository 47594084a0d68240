"""Which worker may take an outbox entry: the claim each ``sending`` entry carries.

A worker marks an entry ``sending`` with its token (``pid:random``) before any request.
Another worker leaves such an entry alone while the claiming process lives, for at most
``CLAIM_LEASE``; a claim of a dead process (a crash, a kill) is taken over at once.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable
from datetime import datetime, timedelta

import psutil

from newsdesk.storage import outbox_repo as repo
from newsdesk.storage.outbox_repo import OutboxEntry
from newsdesk.storage.store import Store

#: A ``sending`` entry claimed by a live process is left alone this long; a longer upload
#: on a very slow link is then retried, and the marker lookup prevents a duplicate.
CLAIM_LEASE = timedelta(minutes=15)


def worker_token() -> str:
    """A new worker's claim token: this process's id, and a part of its own."""
    return f"{os.getpid()}:{uuid.uuid4().hex[:12]}"


def may_take(store: Store, entry: OutboxEntry, token: str, clock: Callable[[], datetime]) -> bool:
    """A ``sending`` entry is another worker's unless that worker is gone."""
    if entry.state != repo.SENDING or entry.claimed_by in (None, token):
        return True
    pid_text = (entry.claimed_by or "").split(":", 1)[0]
    pid = int(pid_text) if pid_text.isdigit() else -1
    if pid == os.getpid() or not _process_alive(pid):
        # Our own process with another token is a worker that was dropped (the
        # caller serialises workers within a process); a dead pid is a crash.
        repo.release_stale_claim(store, entry.id, token)
        return True
    if clock() - entry.updated_at > CLAIM_LEASE:
        repo.release_stale_claim(store, entry.id, token)
        return True
    return False


def _process_alive(pid: int) -> bool:
    """Whether a process ``pid`` is running on this machine.

    Not ``os.kill(pid, 0)``: on Windows that does not probe, it sends CTRL_C_EVENT
    (the other worker would be interrupted). psutil asks each system its own way.
    """
    if pid <= 0:
        return False
    return psutil.pid_exists(pid)
