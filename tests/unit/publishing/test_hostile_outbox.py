"""What the outbox does with a hostile site's answers: what passes waits and goes
again (once), what the reporter must fix fails with the action kept and a sentence
that says what to do; a site's ``Retry-After`` is honoured."""

from __future__ import annotations

import ssl
from datetime import timedelta

import httpx

from newsdesk.publishing.marker import extract_marker
from newsdesk.storage import outbox_repo as repo
from newsdesk.sync import outbox
from newsdesk.sync.backoff import RETRY_AFTER_CAP
from newsdesk.words import Face, Words
from newsdesk.words.states import state_sentence
from tests.unit.sync.conftest import Desk, desk, fault_on

__all__ = ["desk"]  # the fixture, shared with tests/unit/sync


def _posts(desk: Desk, article_id: str) -> list[int]:
    return [
        pid
        for pid, post in desk.wp.posts.items()
        if extract_marker(post["content"])[0] == article_id
    ]


def _sentences(result: object, desk: Desk) -> list[str]:
    out = []
    for language in ("fr", "en"):
        for face in Face:
            text = state_sentence(
                result.state,  # type: ignore[attr-defined]
                Words(language),
                face,
                site="actu",
                article_id=result.article_id,  # type: ignore[attr-defined]
                error_code=result.error_code,  # type: ignore[attr-defined]
                error_message=result.error_message,  # type: ignore[attr-defined]
            )
            # The error's own English (for the log) never reaches the sentence.
            assert result.error_message not in text, text  # type: ignore[attr-defined]
            if language == "fr":
                for word in ("Error", "post ", "answered", "certificate", "httpx"):
                    assert word not in text, text
            out.append(text)
    assert out[0] != out[2], "the English is there"
    return out


def test_a_429_waits_at_least_what_the_site_asks_then_sends_once(desk: Desk) -> None:
    article = desk.article()
    outbox.queue_publish(desk.store, article.id, "actu")
    too_many = httpx.Response(429, json={"code": "too_many"}, headers={"Retry-After": "600"})
    desk.wp.faults.append(fault_on("POST", "/posts", lambda request: too_many))
    [result] = desk.worker().drain().results
    assert result.state == repo.WAITING_NETWORK
    assert result.next_attempt_at is not None
    # The backoff alone would be 5 s or less after a first attempt.
    assert result.next_attempt_at - desk.clock() >= timedelta(seconds=600)
    desk.wp.faults.clear()
    desk.clock.now = result.next_attempt_at
    assert [r.state for r in desk.worker().drain().results] == [repo.DONE]
    assert len(_posts(desk, article.id)) == 1


def test_a_retry_after_of_a_day_is_capped(desk: Desk) -> None:
    article = desk.article()
    outbox.queue_publish(desk.store, article.id, "actu")
    day = httpx.Response(503, text="maintenance", headers={"Retry-After": "86400"})
    desk.wp.faults.append(lambda request: day)
    [result] = desk.worker().drain().results
    assert result.state == repo.WAITING_NETWORK and result.next_attempt_at is not None
    assert result.next_attempt_at - desk.clock() == RETRY_AFTER_CAP


def test_a_portal_page_keeps_the_action_queued_and_it_goes_once_after(desk: Desk) -> None:
    article = desk.article()
    outbox.queue_publish(desk.store, article.id, "actu")
    portal = httpx.Response(200, text="<html>Wi-Fi</html>", headers={"Content-Type": "text/html"})
    desk.wp.faults.append(lambda request: portal)
    [result] = desk.worker().drain().results
    assert result.state == repo.WAITING_NETWORK
    assert result.error_code == "InvalidServerResponse:not_json"
    assert result.next_attempt_at is not None
    desk.wp.faults.clear()
    desk.clock.now = result.next_attempt_at
    assert [r.state for r in desk.worker().drain().results] == [repo.DONE]
    assert len(_posts(desk, article.id)) == 1


def _refused_certificate(request: httpx.Request) -> httpx.Response:
    cause = ssl.SSLCertVerificationError(1, "certificate verify failed")
    cause.verify_code = 18
    cause.verify_message = "self-signed certificate"
    raise httpx.ConnectError("[SSL: CERTIFICATE_VERIFY_FAILED]", request=request) from cause


def test_a_refused_certificate_fails_with_what_to_do_and_keeps_the_action(desk: Desk) -> None:
    article = desk.article()
    outbox.queue_publish(desk.store, article.id, "actu")
    desk.wp.faults.append(_refused_certificate)
    [result] = desk.worker().drain().results
    assert result.state == repo.FAILED
    assert result.error_code == "UntrustedCertificate:self_signed"
    assert _posts(desk, article.id) == []
    french = _sentences(result, desk)[0]
    assert "certificat" in french and "portail d’hôtel" in french
    # The action is kept: once the network is right, publishing again sends it once.
    desk.wp.faults.clear()
    outbox.queue_publish(desk.store, article.id, "actu")
    assert [r.state for r in desk.worker().drain().results] == [repo.DONE]
    assert len(_posts(desk, article.id)) == 1


def test_an_answer_about_another_post_fails_and_nothing_is_sent_twice(desk: Desk) -> None:
    article = desk.article()
    outbox.queue_publish(desk.store, article.id, "actu")
    [first] = desk.worker().drain().results
    assert first.state == repo.DONE and first.remote_id is not None
    other = dict(desk.wp._post_out(desk.wp.posts[first.remote_id]), id=first.remote_id + 100)
    desk.wp.faults.append(
        fault_on(
            "POST", f"/posts/{first.remote_id}", lambda request: httpx.Response(200, json=other)
        )
    )
    article.title = "Mali : Lavrov est arrivé"
    article = desk.store.save(article)
    outbox.queue_publish(desk.store, article.id, "actu")
    [result] = desk.worker().drain().results
    assert result.state == repo.FAILED
    assert result.error_code == "InvalidServerResponse:wrong_post"
    assert _posts(desk, article.id) == [first.remote_id]
    assert "autre article" in _sentences(result, desk)[0]
