"""The outbox's rules, on a real store: what may be queued, one live action per article
and site, the right moment, the date the site shows, and the state the reporter sees.

(Draining is test_worker.py's; the site's state after an action is test_site_state.py's.)
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from newsdesk.core.article import Article, Status
from newsdesk.core.errors import (
    InvalidSchedule,
    NotOnSite,
    NotPublishable,
    SiteNotChosen,
    SiteNotFound,
)
from newsdesk.storage import outbox_repo as repo
from newsdesk.storage.outbox_repo import RemotePostRecord
from newsdesk.sync import outbox

from .conftest import Desk

NOW = datetime(2026, 11, 27, 10, 0, tzinfo=UTC)
LATER = NOW + timedelta(days=1)


def _second_site(desk: Desk, name: str = "partenaire") -> None:
    repo.insert_site(
        desk.store,
        name=name,
        kind="wordpress",
        site_url=f"https://{name}.example",
        api_root=f"https://{name}.example/wp-json/",
        username="reporter",
        user_id=2,
        display_name="",
        roles=["author"],
        can_publish=True,
    )


def _synced(desk: Desk, article: Article, **changes: object) -> RemotePostRecord:
    values: dict[str, object] = {
        "article_id": article.id,
        "site": desk.site.name,
        "remote_id": 61,
        "link": "https://actu.example/?p=61",
        "remote_status": "publish",
        "synced_revision": article.revision,
        "synced_content_hash": "0" * 64,
        "synced_modified_gmt": NOW,
        "synced_date_gmt": NOW,
        "synced_title": article.title,
        "synced_content": "<p>…</p>",
        "synced_excerpt": "",
        "synced_slug": "",
    }
    values.update(changes)
    record = RemotePostRecord(**values)  # type: ignore[arg-type]
    repo.save_remote_post(desk.store, record)
    return record


# --- Which site ------------------------------------------------------------------------------


def test_the_only_site_is_chosen_and_several_must_be_named(desk: Desk) -> None:
    assert outbox.choose_site(desk.store, None) == "actu"
    _second_site(desk)
    with pytest.raises(SiteNotChosen) as caught:
        outbox.choose_site(desk.store, None)
    assert caught.value.available == ["actu", "partenaire"]
    assert outbox.choose_site(desk.store, "partenaire") == "partenaire"
    with pytest.raises(SiteNotFound):
        outbox.choose_site(desk.store, "nowhere")


# --- Queuing -------------------------------------------------------------------------------


def test_publishing_queues_the_current_revision_and_sends_nothing(desk: Desk) -> None:
    article = desk.article()
    before = len(desk.wp.requests)
    entry = outbox.queue_publish(desk.store, article.id, None)
    assert (entry.action, entry.target_status, entry.state) == ("publish", "publish", "queued")
    assert entry.article_revision == article.revision
    assert len(desk.wp.requests) == before  # nothing asked of the site
    assert repo.live_entry(desk.store, article.id, "actu") == entry


def test_queuing_again_replaces_the_live_action(desk: Desk) -> None:
    article = desk.article()
    first = outbox.queue_publish(desk.store, article.id, None)
    article.title = "Mali : Lavrov à Bamako"
    article = desk.store.save(article)

    again = outbox.queue_publish(desk.store, article.id, None, "pending")

    assert again.id == first.id
    assert (again.article_revision, again.target_status) == (article.revision, "pending")
    assert [e.id for e in outbox.entries(desk.store, live_only=True)] == [first.id]


def test_a_schedule_needs_an_aware_future_date(desk: Desk) -> None:
    article = desk.article()
    refusals = [
        ("future", None, "missing_date"),
        ("future", datetime(2026, 12, 1, 8, 0), "naive_date"),
        ("future", NOW - timedelta(minutes=1), "past_date"),
        ("publish", LATER, "date_not_expected"),
    ]
    for status, at, reason in refusals:
        with pytest.raises(InvalidSchedule) as caught:
            outbox.queue_publish(desk.store, article.id, None, status, at, now=NOW)  # type: ignore[arg-type]
        assert caught.value.reason == reason
    assert outbox.entries(desk.store) == []

    scheduled = outbox.queue_publish(desk.store, article.id, None, "future", LATER, now=NOW)
    assert (scheduled.target_status, scheduled.scheduled_at) == ("future", LATER)


def test_an_article_the_site_should_not_get_queues_nothing(desk: Desk) -> None:
    article = desk.article(title="", byline="")
    with pytest.raises(NotPublishable) as caught:
        outbox.queue_publish(desk.store, article.id, None)
    assert {code for _field, code in caught.value.problems} >= {"missing_title"}
    assert outbox.entries(desk.store) == []
    with pytest.raises(ValueError):
        outbox.queue_publish(desk.store, desk.article().id, None, "trash")  # type: ignore[arg-type]


def test_unpublishing_what_never_left_cancels_the_publish(desk: Desk) -> None:
    article = desk.article()
    with pytest.raises(NotOnSite):
        outbox.queue_unpublish(desk.store, article.id, None)
    queued = outbox.queue_publish(desk.store, article.id, None)

    cancelled = outbox.queue_unpublish(desk.store, article.id, None)

    assert cancelled.id == queued.id
    assert (cancelled.state, cancelled.last_error_code) == ("done", "cancelled")
    assert outbox.entries(desk.store, live_only=True) == []


def test_unpublishing_a_post_on_the_site_queues_a_draft(desk: Desk) -> None:
    article = desk.article()
    _synced(desk, article)
    entry = outbox.queue_unpublish(desk.store, article.id, None)
    assert (entry.action, entry.target_status, entry.state) == ("unpublish", "draft", "queued")


# --- The right moment ----------------------------------------------------------------------


def test_next_due_and_send_now(desk: Desk) -> None:
    assert outbox.next_due(desk.store) is None
    waiting = outbox.queue_publish(desk.store, desk.article().id, None)
    repo.set_entry_state(desk.store, waiting.id, repo.WAITING_NETWORK, next_attempt_at=LATER)
    conflict = outbox.queue_publish(desk.store, desk.article().id, None)
    repo.set_entry_state(desk.store, conflict.id, repo.CONFLICT, next_attempt_at=LATER)
    assert outbox.next_due(desk.store) == LATER

    assert outbox.send_now(desk.store) == 1

    after = {e.id: e for e in outbox.entries(desk.store)}
    assert after[waiting.id].next_attempt_at is None
    assert after[waiting.id].state == repo.WAITING_NETWORK
    assert after[conflict.id].next_attempt_at == LATER  # waits for the reporter
    assert outbox.send_now(desk.store) == 0


def test_a_site_waiting_for_its_password_has_nothing_due(desk: Desk) -> None:
    entry = outbox.queue_publish(desk.store, desk.article().id, None)
    repo.set_entry_state(desk.store, entry.id, repo.WAITING_NETWORK, next_attempt_at=LATER)
    repo.set_needs_password(desk.store, "actu", True)
    assert outbox.next_due(desk.store) is None
    assert outbox.send_now(desk.store) == 0


# --- The date the site shows ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("site_status", "site_date", "target", "at", "sent"),
    [
        (None, None, "future", LATER, LATER),  # a schedule: its moment
        ("publish", NOW - timedelta(days=3), "publish", None, NOW - timedelta(days=3)),
        ("future", LATER, "publish", None, NOW - outbox.CLOCK_MARGIN),  # publish now
        (None, None, "publish", None, None),  # first publish: the site's clock
        ("draft", NOW, "publish", None, None),
        ("publish", NOW, "pending", None, None),
    ],
)
def test_date_to_send(
    site_status: str | None,
    site_date: datetime | None,
    target: str,
    at: datetime | None,
    sent: datetime | None,
) -> None:
    assert outbox.date_to_send(site_status, site_date, target, at, NOW) == sent


def test_date_on_site_follows_the_same_rule(desk: Desk) -> None:
    niamey = ZoneInfo("Africa/Niamey")
    article = desk.article(date=datetime(2023, 2, 6, 9, 30, tzinfo=niamey))
    # A first publish goes out now, whatever date the article carries.
    assert outbox.date_on_site(article, None, "publish", None, NOW) == NOW
    # A schedule without --at takes the article's own (aware) date.
    assert outbox.date_on_site(article, None, "future", None, NOW) == datetime(
        2023, 2, 6, 8, 30, tzinfo=UTC
    )
    live = _synced(desk, article, synced_date_gmt=NOW - timedelta(days=2))
    assert outbox.date_on_site(article, live, "publish", None, NOW) == NOW - timedelta(days=2)
    # Taken back to draft, a post published before keeps its date; a floating draft not.
    taken_back = _synced(
        desk,
        article,
        remote_status="draft",
        synced_date_gmt=NOW - timedelta(days=2),
        synced_modified_gmt=NOW,
    )
    assert outbox.date_on_site(article, taken_back, "draft", None, NOW) == NOW - timedelta(days=2)
    floating = _synced(
        desk, article, remote_status="draft", synced_date_gmt=NOW, synced_modified_gmt=NOW
    )
    assert outbox.date_on_site(article, floating, "draft", None, LATER) == LATER


@pytest.mark.parametrize(
    ("action", "site_status", "current", "after"),
    [
        ("publish", "publish", Status.READY, Status.PUBLISHED),
        ("publish", "future", Status.READY, Status.SCHEDULED),
        ("publish", "pending", Status.DRAFT, Status.PENDING),
        ("publish", "draft", Status.READY, Status.READY),  # a draft there leaves Prêt alone
        ("publish", "draft", Status.PUBLISHED, Status.DRAFT),  # no longer live
        ("unpublish", "draft", Status.PUBLISHED, Status.DRAFT),
    ],
)
def test_the_articles_status_after_an_action(
    action: str, site_status: str, current: Status, after: Status
) -> None:
    assert outbox.article_status_after(action, site_status, current) == after


# --- What the reporter sees ----------------------------------------------------------------


def test_same_words_ignores_what_is_not_the_posts(desk: Desk) -> None:
    article = desk.article()
    other = desk.store.get(article.id)
    other.status = Status.PUBLISHED
    other.date = NOW
    other.extra = {"note": "interne"}
    assert outbox.same_words(article, other)
    other.body += "\n\nUn ajout."
    assert not outbox.same_words(article, other)


def test_the_state_shown_for_each_site(desk: Desk) -> None:
    article = desk.article()
    assert outbox.remote_state(desk.store, article.id).state == "not_sent"
    assert outbox.remote_state(desk.store, article.id).on("actu").state == "not_sent"

    entry = outbox.queue_publish(desk.store, article.id, None)
    assert outbox.remote_state(desk.store, article.id).state == "queued"
    repo.set_needs_password(desk.store, "actu", True)
    assert outbox.remote_state(desk.store, article.id).state == "needs_password"
    assert outbox.remote_states(desk.store) == {article.id: "needs_password"}
    repo.set_needs_password(desk.store, "actu", False)

    repo.set_entry_state(desk.store, entry.id, repo.DONE)
    _synced(desk, article)
    line = outbox.remote_state(desk.store, article.id).on("actu")
    assert (line.state, line.remote_id, line.link) == ("on_site", 61, "https://actu.example/?p=61")
    assert outbox.remote_states(desk.store) == {article.id: "on_site"}


def test_an_edit_since_the_sync_is_a_change_to_send_unless_the_words_are_the_same(
    desk: Desk,
) -> None:
    article = desk.article()
    _synced(desk, article)
    article.status = Status.PUBLISHED  # not a word of the post
    article = desk.store.save(article)
    assert outbox.remote_state(desk.store, article.id).state == "on_site"

    article.body += "\n\nUne précision."
    desk.store.save(article)

    assert outbox.remote_state(desk.store, article.id).state == "changed_locally"
    assert outbox.remote_states(desk.store) == {article.id: "changed_locally"}


def test_the_most_urgent_line_is_the_articles_state(desk: Desk) -> None:
    _second_site(desk)
    article = desk.article()
    _synced(desk, article)
    entry = outbox.queue_publish(desk.store, article.id, "partenaire")
    repo.set_entry_state(desk.store, entry.id, repo.FAILED, last_error_message="refusé")
    state = outbox.remote_state(desk.store, article.id)
    assert [(s.site, s.state) for s in state.sites] == [
        ("actu", "on_site"),
        ("partenaire", "failed"),
    ]
    assert state.state == "failed"
    assert state.on("partenaire").error_message == "refusé"
