"""Point 10 of issue 6, the right state and the right date: the article follows the
site, the date the preview shows is the one the site will show, and an edit after
publishing is a change waiting to be sent."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime, timedelta

from newsdesk.core.article import Status
from newsdesk.publishing.marker import extract_marker
from newsdesk.storage import outbox_repo as repo
from newsdesk.sync import outbox
from tests.unit.sync.conftest import Desk

NOW = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)


def _post(desk: Desk, article_id: str) -> dict[str, object]:
    [post] = [p for p in desk.wp.posts.values() if extract_marker(p["content"])[0] == article_id]
    return post


def _site_date(post: dict[str, object]) -> datetime:
    return datetime.fromisoformat(str(post["date_gmt"])).replace(tzinfo=UTC)


def test_after_publish_now_the_article_is_published_at_the_sites_date(desk: Desk) -> None:
    article = desk.article()  # dated 5 February 2023, 18:00
    assert article.date is not None and article.date.year == 2023
    outbox.queue_publish(desk.store, article.id, "actu")
    [result] = desk.worker().drain().results
    assert result.state == repo.DONE

    post = _post(desk, article.id)
    assert _site_date(post) > datetime(2026, 1, 1, tzinfo=UTC)  # the moment, not 2023
    after = desk.store.get(article.id)
    assert after.status is Status.PUBLISHED
    assert after.date == _site_date(post)
    assert after.date is not None and after.date.utcoffset() == article.date.utcoffset()
    assert after.revision == article.revision  # no new revision: the window is not stale
    assert [s.status for s in desk.store.list_articles()] == [Status.PUBLISHED]


def test_a_schedule_makes_it_scheduled_at_the_scheduled_date(desk: Desk) -> None:
    article = desk.article()
    at = datetime.now(UTC).replace(microsecond=0) + timedelta(days=2)
    outbox.queue_publish(desk.store, article.id, "actu", "future", at)
    desk.worker().drain()
    after = desk.store.get(article.id)
    assert (after.status, after.date) == (Status.SCHEDULED, at)


def test_review_then_unpublish(desk: Desk) -> None:
    article = desk.article(status=Status.READY)
    outbox.queue_publish(desk.store, article.id, "actu", "pending")
    desk.worker().drain()
    after = desk.store.get(article.id)
    assert after.status is Status.PENDING and after.date == article.date  # no date yet

    outbox.queue_publish(desk.store, article.id, "actu")
    desk.worker().drain()
    assert desk.store.get(article.id).status is Status.PUBLISHED
    outbox.queue_unpublish(desk.store, article.id, "actu")
    desk.worker().drain()
    assert desk.store.get(article.id).status is Status.DRAFT


def test_a_draft_on_the_site_leaves_a_ready_article_ready(desk: Desk) -> None:
    article = desk.article(status=Status.READY)
    outbox.queue_publish(desk.store, article.id, "actu", "draft")
    desk.worker().drain()
    assert desk.store.get(article.id).status is Status.READY


def test_the_windows_copy_saved_after_the_drain_keeps_published(desk: Desk) -> None:
    in_memory = desk.article()
    outbox.queue_publish(desk.store, in_memory.id, "actu")
    desk.worker().drain()
    saved = desk.store.save(dataclasses.replace(in_memory))  # autosave of the old copy
    assert saved.status is Status.PUBLISHED


def test_an_edit_after_publishing_is_a_change_waiting_to_be_sent(desk: Desk) -> None:
    article = desk.article()
    outbox.queue_publish(desk.store, article.id, "actu")
    desk.worker().drain()
    article = desk.store.get(article.id)
    assert outbox.remote_state(desk.store, article.id).state == "on_site"

    # The status alone (the reporter's own workflow) is not a change for the site.
    desk.store.save(dataclasses.replace(article, status=Status.READY))
    assert outbox.remote_state(desk.store, article.id).state == "on_site"

    article = desk.store.get(article.id)
    desk.store.save(dataclasses.replace(article, body=article.body + "\n\nCorrectif.\n"))
    state = outbox.remote_state(desk.store, article.id)
    assert state.state == "changed_locally"
    assert state.on("actu").remote_status == "publish"  # still live on the site
    assert outbox.remote_states(desk.store) == {article.id: "changed_locally"}

    outbox.queue_publish(desk.store, article.id, "actu")
    assert outbox.remote_state(desk.store, article.id).state == "queued"
    desk.worker().drain()
    assert outbox.remote_states(desk.store) == {article.id: "on_site"}


def test_a_correction_keeps_the_sites_date(desk: Desk) -> None:
    article = desk.article()
    outbox.queue_publish(desk.store, article.id, "actu")
    desk.worker().drain()
    first = _site_date(_post(desk, article.id))
    article = desk.store.get(article.id)
    remote = repo.get_remote_post(desk.store, article.id, "actu")
    later = datetime.now(UTC) + timedelta(hours=5)
    assert outbox.date_on_site(article, remote, "publish", None, later) == first

    desk.store.save(dataclasses.replace(article, title=article.title + " (corrigé)"))
    outbox.queue_publish(desk.store, article.id, "actu")
    desk.worker().drain()
    assert _site_date(_post(desk, article.id)) == first
    assert desk.store.get(article.id).date == first


# --- The rule, as the window asks it before publishing ---------------------------------------


def _remote(status: str, date: datetime | None, modified: datetime | None) -> repo.RemotePostRecord:
    return repo.RemotePostRecord(
        article_id="a", site="actu", remote_id=1, link="", remote_status=status,
        synced_revision=1, synced_content_hash="", synced_modified_gmt=modified,
        synced_date_gmt=date, synced_title="", synced_content="", synced_excerpt="",
        synced_slug="",
    )  # fmt: skip


def test_date_on_site_for_each_case(desk: Desk) -> None:
    article = desk.article()  # a fixed date in 2023
    old = datetime(2026, 11, 20, 8, 0, tzinfo=UTC)
    at = NOW + timedelta(days=1)
    date_on_site = outbox.date_on_site

    assert date_on_site(article, None, "publish", None, NOW) == NOW  # never published
    assert date_on_site(article, _remote("publish", old, NOW), "publish", None, NOW) == old
    assert date_on_site(article, None, "future", at, NOW) == at
    assert date_on_site(article, _remote("publish", old, old), "future", at, NOW) == at
    # Publish now on a scheduled post: now, a clock margin back (so it is not rescheduled).
    scheduled = _remote("future", at, old)
    assert date_on_site(article, scheduled, "publish", None, NOW) == NOW - outbox.CLOCK_MARGIN
    # A draft's floating date (saved in the same second) moves to the moment of publishing;
    # one published before and taken back keeps its date, as WordPress does.
    assert date_on_site(article, _remote("draft", old, old), "publish", None, NOW) == NOW
    taken_back = _remote("draft", old, old + timedelta(days=2))
    assert date_on_site(article, taken_back, "publish", None, NOW) == old
    # A live post sent back for review or to draft keeps its date on the site.
    assert date_on_site(article, _remote("publish", old, NOW), "pending", None, NOW) == old
    assert date_on_site(article, _remote("publish", old, NOW), "draft", None, NOW) == old


def test_the_worker_sends_what_the_rule_says(desk: Desk) -> None:
    assert outbox.date_to_send(None, None, "publish", None, NOW) is None  # the site's clock
    old = datetime(2026, 11, 20, 8, 0, tzinfo=UTC)
    assert outbox.date_to_send("publish", old, "publish", None, NOW) == old
    assert outbox.date_to_send("future", old, "publish", None, NOW) == NOW - outbox.CLOCK_MARGIN
    assert outbox.date_to_send("publish", old, "future", NOW, NOW) == NOW


def test_taking_the_sites_version_takes_its_status_too(desk: Desk) -> None:
    from newsdesk.sync.resolve import resolve_conflict
    from tests.unit.publishing.fake_wordpress import PASSWORD

    article = desk.article()
    outbox.queue_publish(desk.store, article.id, "actu")
    desk.worker().drain()
    post = _post(desk, article.id)
    post["title"] = "Titre changé par l’éditeur"
    post["status"] = "pending"  # the desk took it back for review
    article = desk.store.get(article.id)
    desk.store.save(dataclasses.replace(article, body=article.body + "\n\nAjout.\n"))
    outbox.queue_publish(desk.store, article.id, "actu")
    assert [r.state for r in desk.worker().drain().results] == [repo.CONFLICT]

    publisher = desk.publisher(desk.site.account, PASSWORD)
    try:
        resolve_conflict(desk.store, article.id, "actu", "take_theirs", publisher=publisher)
    finally:
        publisher.close()
    assert desk.store.get(article.id).status is Status.PENDING


def test_the_drain_result_says_what_the_article_became(desk: Desk) -> None:
    article = desk.article()
    outbox.queue_publish(desk.store, article.id, "actu")
    [result] = desk.worker().drain().results
    stored = desk.store.get(article.id)
    assert (result.article_status, result.article_date) == (Status.PUBLISHED, stored.date)

    outbox.queue_unpublish(desk.store, article.id, "actu")
    [result] = desk.worker().drain().results
    assert (result.article_status, result.article_date) == (Status.DRAFT, stored.date)
