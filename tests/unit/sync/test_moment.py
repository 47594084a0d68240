"""Point 9 of issue 6, the right moment: when the network is back or the reporter asks,
what waits goes at once, whatever its backoff."""

from __future__ import annotations

import io
from datetime import timedelta

import httpx
import pytest

from newsdesk.cli import main
from newsdesk.storage import outbox_repo as repo
from newsdesk.sync import outbox
from tests.unit.sync.conftest import Desk, fault_on


def _cut(request: httpx.Request) -> httpx.Response:
    raise httpx.ConnectError("network is unreachable", request=request)


def _waiting_after_a_cut(desk: Desk) -> str:
    """An article whose publish met a network cut: waiting, due minutes from now."""
    article = desk.article()
    outbox.queue_publish(desk.store, article.id, "actu")
    desk.wp.faults.append(fault_on("POST", "/wp/v2/posts", _cut))
    for _ in range(4):  # a few failures: the backoff has grown
        [result] = desk.worker().drain().results
        assert result.state == repo.WAITING_NETWORK
        desk.clock.now = result.next_attempt_at or desk.clock.now
    [result] = desk.worker().drain().results
    assert result.next_attempt_at is not None
    assert result.next_attempt_at - desk.clock() > timedelta(seconds=30)
    desk.wp.faults.clear()  # the network is back
    return article.id


def test_send_now_makes_what_waits_due_at_once(desk: Desk) -> None:
    article_id = _waiting_after_a_cut(desk)
    assert desk.worker().drain().results == []  # the backoff still runs

    assert outbox.send_now(desk.store) == 1
    assert outbox.next_due(desk.store) is not None
    [result] = desk.worker().drain().results
    assert result.state == repo.DONE
    assert outbox.remote_state(desk.store, article_id).state == "on_site"
    assert outbox.send_now(desk.store) == 0  # nothing waits any more


def test_send_now_leaves_what_waits_for_the_reporter(desk: Desk) -> None:
    later = desk.clock() + timedelta(minutes=8)
    for state in (repo.CONFLICT, repo.FAILED, repo.NEEDS_PASSWORD):
        entry = outbox.queue_publish(desk.store, desk.article().id, "actu")
        repo.set_entry_state(desk.store, entry.id, state, next_attempt_at=later)

    assert outbox.send_now(desk.store) == 0
    assert {e.next_attempt_at for e in outbox.entries(desk.store)} == {later}
    assert {e.state for e in outbox.entries(desk.store)} == {
        repo.CONFLICT,
        repo.FAILED,
        repo.NEEDS_PASSWORD,
    }


def test_send_now_skips_a_site_that_needs_its_password(desk: Desk) -> None:
    _waiting_after_a_cut(desk)
    repo.set_needs_password(desk.store, "actu", True)
    assert outbox.send_now(desk.store) == 0


def test_a_request_that_succeeds_sends_the_others_in_the_same_drain(desk: Desk) -> None:
    waiting_id = _waiting_after_a_cut(desk)
    fresh = desk.article(title="Niger : la saison des pluies s’achève")
    outbox.queue_publish(desk.store, fresh.id, "actu")

    report = desk.worker().drain()  # same moment: only the fresh one was due

    assert [(r.article_id, r.state) for r in report.results] == [
        (fresh.id, repo.DONE),
        (waiting_id, repo.DONE),
    ]


def test_a_request_that_fails_again_wakes_nothing(desk: Desk) -> None:
    waiting_id = _waiting_after_a_cut(desk)
    fresh = outbox.queue_publish(desk.store, desk.article().id, "actu")
    desk.wp.faults.append(fault_on("POST", "/wp/v2/posts", _cut))
    report = desk.worker().drain()
    assert [(r.article_id, r.state) for r in report.results] == [
        (fresh.article_id, repo.WAITING_NETWORK)
    ]
    [waiting] = outbox.entries(desk.store, article_id=waiting_id)
    assert waiting.next_attempt_at is not None and waiting.next_attempt_at > desk.clock()


def test_newsdesk_sync_sends_at_once_what_waits(
    desk: Desk, monkeypatch: pytest.MonkeyPatch
) -> None:
    article_id = _waiting_after_a_cut(desk)
    # The command's own worker, on the fake site (the real one is in tests/integration).
    monkeypatch.setattr("newsdesk.cli.publishing._worker", lambda ctx: desk.worker())
    monkeypatch.setenv("LC_ALL", "fr_FR.UTF-8")
    out, err = io.StringIO(), io.StringIO()

    code = main(["--data-dir", str(desk.store.paths.root), "sync"], stdout=out, stderr=err)

    assert code == 0, err.getvalue()
    assert "1 action(s) en attente d’un nouvel essai" in err.getvalue()
    assert out.getvalue().startswith(article_id[:8])
    assert "En ligne" in out.getvalue()
    assert outbox.remote_state(desk.store, article_id).state == "on_site"
