"""Who may take a 'sending' entry: a live worker's claim is kept, a dead one's taken over.

The liveness probe never signals the other process: on Windows ``os.kill(pid, 0)`` would
send it CTRL_C_EVENT.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from datetime import timedelta

import pytest

from newsdesk.storage import outbox_repo as repo
from newsdesk.storage.outbox_repo import OutboxEntry
from newsdesk.sync import claims

from .conftest import Desk

_REAL_KILL = os.kill


def _probe_only(pid: int, sig: int) -> None:
    # Signal 0 is POSIX's "does it exist" (what psutil asks there); any other is a signal.
    if sig != 0 or sys.platform == "win32":
        raise AssertionError(f"the liveness probe sent signal {sig} to {pid}")
    _REAL_KILL(pid, sig)


@pytest.fixture
def no_kill(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """While a test probes, nothing is sent to another process (on Windows, not even
    os.kill(pid, 0), which there is CTRL_C_EVENT)."""
    with monkeypatch.context() as patched:
        patched.setattr(os, "kill", _probe_only)
        yield


@pytest.fixture
def sleeper() -> Iterator[subprocess.Popen[bytes]]:
    child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        yield child
    finally:
        child.kill()
        child.wait()


def _dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()  # exited and reaped: the pid names no process any more
    return child.pid


def test_this_process_is_alive_and_a_finished_one_is_not(no_kill: None) -> None:
    assert claims._process_alive(os.getpid())
    assert not claims._process_alive(_dead_pid())


def test_a_running_child_is_alive(sleeper: subprocess.Popen[bytes], no_kill: None) -> None:
    assert claims._process_alive(sleeper.pid)


@pytest.mark.parametrize("pid", [0, -1, -4242])
def test_no_pid_is_never_alive(no_kill: None, pid: int) -> None:
    assert not claims._process_alive(pid)


def _sending(desk: Desk, claimed_by: str) -> OutboxEntry:
    article = desk.article()
    entry = repo.upsert_entry(
        desk.store,
        article_id=article.id,
        site=desk.site.name,
        action="publish",
        target_status="publish",
        scheduled_at=None,
        article_revision=article.revision,
    )
    claimed = repo.claim_entry(desk.store, entry.id, entry.generation, claimed_by, may_write=True)
    assert claimed is not None and claimed.state == repo.SENDING
    return claimed


def _claimant(desk: Desk, entry: OutboxEntry) -> str | None:
    stored = repo.get_entry(desk.store, entry.id)
    assert stored is not None
    return stored.claimed_by


def test_the_claim_of_a_dead_worker_is_taken_over(desk: Desk, no_kill: None) -> None:
    entry = _sending(desk, f"{_dead_pid()}:gone")
    assert claims.may_take(desk.store, entry, "me:1", desk.clock)
    assert _claimant(desk, entry) == "me:1"


def test_a_live_workers_claim_is_left_alone_until_the_lease_ends(
    desk: Desk, sleeper: subprocess.Popen[bytes], no_kill: None
) -> None:
    entry = _sending(desk, f"{sleeper.pid}:busy")
    desk.clock.now = entry.updated_at + timedelta(minutes=1)
    assert not claims.may_take(desk.store, entry, "me:1", desk.clock)
    assert _claimant(desk, entry) == f"{sleeper.pid}:busy"
    desk.clock.now = entry.updated_at + claims.CLAIM_LEASE + timedelta(seconds=1)
    assert claims.may_take(desk.store, entry, "me:1", desk.clock)
    assert _claimant(desk, entry) == "me:1"


def test_its_own_entries_and_unclaimed_ones_are_the_workers(desk: Desk) -> None:
    entry = _sending(desk, "me:1")
    assert claims.may_take(desk.store, entry, "me:1", desk.clock)
    token = claims.worker_token()
    assert token.split(":")[0] == str(os.getpid())
    assert token != claims.worker_token()
