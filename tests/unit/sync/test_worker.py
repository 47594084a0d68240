"""The outbox state machine on a real store, against the in-memory WordPress."""

from __future__ import annotations

import random
from datetime import timedelta

import httpx
import pytest

from newsdesk.core.errors import InvalidSchedule, NotPublishable, SiteNotChosen
from newsdesk.publishing.marker import extract_marker
from newsdesk.storage import outbox_repo as repo
from newsdesk.storage.store import Store
from newsdesk.sync import outbox
from newsdesk.sync.worker import BACKOFF_CAP, backoff_delay
from tests.unit.sync.conftest import Crash, Desk, fault_on


def _posts_with_marker(desk: Desk, article_id: str) -> list[int]:
    return [
        post_id
        for post_id, post in desk.wp.posts.items()
        if extract_marker(post["content"])[0] == article_id
    ]


def test_publish_sends_the_article_once_with_its_terms_and_photo(desk: Desk) -> None:
    article = desk.article()
    entry = outbox.queue_publish(desk.store, article.id, None)
    assert entry.state == repo.QUEUED
    assert desk.wp.requests[-1].url.path.endswith("/users/me")  # nothing sent by queuing

    report = desk.worker().drain()

    assert [r.state for r in report.results] == [repo.DONE]
    [post_id] = _posts_with_marker(desk, article.id)
    post = desk.wp.posts[post_id]
    assert post["status"] == "publish"
    assert "Lavrov" in post["title"]
    assert '<p class="chapeau"><strong>' in post["content"]
    assert post["excerpt"].startswith("Le ministre")
    assert post["categories"] == [5]
    assert sorted(post["tags"]) == [20, 21]
    media = desk.wp.media[post["featured_media"]]
    assert media["alt_text"].startswith("Les ministres")
    assert "Sergueï Lavrov et Abdoulaye Diop" in media["caption"]
    state = outbox.remote_state(desk.store, article.id)
    assert state.state == "on_site"
    assert state.on("actu").link == f"{desk.wp.base}/?p={post_id}"
    assert state.on("actu").remote_id == post_id


def test_an_article_that_breaks_the_rules_is_refused_and_nothing_is_queued(desk: Desk) -> None:
    article = desk.article(title=" ", byline="")
    with pytest.raises(NotPublishable) as caught:
        outbox.queue_publish(desk.store, article.id, "actu")
    assert {code for _field, code in caught.value.problems} == {"missing_title", "missing_byline"}
    assert outbox.entries(desk.store) == []


def test_a_schedule_needs_an_aware_future_date(desk: Desk) -> None:
    article = desk.article()
    now = desk.clock()
    with pytest.raises(InvalidSchedule, match="missing_date"):
        outbox.queue_publish(desk.store, article.id, "actu", "future", now=now)
    with pytest.raises(InvalidSchedule, match="naive_date"):
        outbox.queue_publish(desk.store, article.id, "actu", "future", now.replace(tzinfo=None))
    with pytest.raises(InvalidSchedule, match="past_date"):
        outbox.queue_publish(
            desk.store, article.id, "actu", "future", now - timedelta(hours=1), now=now
        )
    assert outbox.entries(desk.store) == []


def test_no_site_named_and_several_connected(desk: Desk) -> None:
    article = desk.article()
    repo.insert_site(
        desk.store,
        name="autre",
        kind="wordpress",
        site_url="https://autre.example",
        api_root="https://autre.example/wp-json/",
        username="x",
        user_id=1,
        display_name="X",
        roles=["author"],
        can_publish=True,
    )
    with pytest.raises(SiteNotChosen) as caught:
        outbox.queue_publish(desk.store, article.id, None)
    assert caught.value.available == ["actu", "autre"]


def test_queuing_again_replaces_the_live_action(desk: Desk) -> None:
    article = desk.article()
    outbox.queue_publish(desk.store, article.id, "actu", "draft")
    article.title = "Mali : Lavrov à Bamako"
    article = desk.store.save(article)
    entry = outbox.queue_publish(desk.store, article.id, "actu", "pending")
    live = outbox.entries(desk.store, live_only=True)
    assert [e.id for e in live] == [entry.id]
    assert (entry.target_status, entry.article_revision) == ("pending", article.revision)
    desk.worker().drain()
    [post_id] = _posts_with_marker(desk, article.id)
    assert desk.wp.posts[post_id]["status"] == "pending"
    assert desk.wp.posts[post_id]["title"].startswith("Mali\u00a0: Lavrov à Bamako")


def test_a_crash_after_the_create_reached_the_site_adopts_the_post(desk: Desk) -> None:
    article = desk.article()
    outbox.queue_publish(desk.store, article.id, "actu")

    def create_then_die(request: httpx.Request) -> httpx.Response | None:
        desk.wp.faults.clear()
        desk.wp.handle(request)  # the site creates the post...
        raise Crash  # ...and the laptop dies before reading the answer

    desk.wp.faults.append(fault_on("POST", "/wp/v2/posts", create_then_die))
    with pytest.raises(Crash):
        desk.worker().drain()
    [left] = outbox.entries(desk.store)
    assert (left.state, left.maybe_sent) == (repo.SENDING, True)
    assert outbox.remote_state(desk.store, article.id).state == "sending"

    # The program starts again: a new worker on the same file.
    path = desk.store.paths
    desk.store.close()
    desk.store = Store.open(path)
    report = desk.worker().drain()

    assert [r.state for r in report.results] == [repo.DONE]
    assert len(_posts_with_marker(desk, article.id)) == 1
    assert desk.creates() == 2  # the lost one (counted twice by the fake) and no other


def test_a_lost_answer_waits_then_adopts_instead_of_creating_again(desk: Desk) -> None:
    article = desk.article()
    outbox.queue_publish(desk.store, article.id, "actu")

    def create_then_drop(request: httpx.Request) -> httpx.Response | None:
        desk.wp.faults.clear()
        desk.wp.handle(request)
        raise httpx.ReadError("connection reset", request=request)

    desk.wp.faults.append(fault_on("POST", "/wp/v2/posts", create_then_drop))
    worker = desk.worker()
    first = worker.drain()
    assert [r.state for r in first.results] == [repo.WAITING_NETWORK]
    waiting = first.results[0]
    assert waiting.next_attempt_at is not None and waiting.next_attempt_at > desk.clock()
    assert outbox.remote_state(desk.store, article.id).state == "waiting_network"

    assert desk.worker().drain().results == []  # not due yet
    desk.clock.advance(minutes=11)
    second = desk.worker().drain()
    assert [r.state for r in second.results] == [repo.DONE]
    assert len(_posts_with_marker(desk, article.id)) == 1
    assert len(desk.wp.posts) == 1


def test_backoff_doubles_with_jitter_and_stops_at_ten_minutes() -> None:
    rng = random.Random(1)
    for attempts in range(1, 12):
        ceiling = min(BACKOFF_CAP, timedelta(seconds=5 * 2 ** (attempts - 1)))
        for _ in range(20):
            delay = backoff_delay(attempts, rng)
            assert ceiling / 2 <= delay <= ceiling
    # Days offline: hundreds of attempts, still a sane delay.
    assert BACKOFF_CAP / 2 <= backoff_delay(10_000, rng) <= BACKOFF_CAP


def test_server_errors_back_off_longer_each_time_and_keep_the_action(desk: Desk) -> None:
    article = desk.article()
    outbox.queue_publish(desk.store, article.id, "actu")
    desk.wp.faults.append(lambda request: httpx.Response(502, text="Bad Gateway"))
    waits = []
    for _ in range(5):
        [result] = desk.worker().drain().results
        assert result.state == repo.WAITING_NETWORK
        assert result.next_attempt_at is not None
        waits.append(result.next_attempt_at - desk.clock())
        desk.clock.now = result.next_attempt_at
    assert waits == sorted(waits) and waits[-1] > waits[0] * 4
    desk.wp.faults.clear()
    assert [r.state for r in desk.worker().drain().results] == [repo.DONE]
    assert desk.store.get(article.id).revision == article.revision


def test_an_edit_on_the_site_in_the_same_second_is_a_conflict(desk: Desk) -> None:
    article = desk.article()
    outbox.queue_publish(desk.store, article.id, "actu")
    desk.worker().drain()
    [post_id] = _posts_with_marker(desk, article.id)
    post = desk.wp.posts[post_id]
    # An editor fixes a word; modified_gmt stays what it was (same second).
    modified = post["modified_gmt"]
    post["content"] = post["content"].replace("Bamako", "Bamako (Mali)", 1)
    post["modified_gmt"] = modified
    edited = post["content"]

    article.body += "\n\nMise à jour : la visite est confirmée.\n"
    article = desk.store.save(article)
    outbox.queue_publish(desk.store, article.id, "actu")
    [result] = desk.worker().drain().results

    assert result.state == repo.CONFLICT
    assert desk.wp.posts[post_id]["content"] == edited  # nothing overwritten
    assert outbox.remote_state(desk.store, article.id).state == "conflict"
    # Publishing again does not get round it.
    outbox.queue_publish(desk.store, article.id, "actu")
    assert outbox.entries(desk.store, live_only=True)[0].state == repo.CONFLICT
    assert desk.worker().drain().results == []


def test_a_rejected_password_keeps_the_queue_until_a_new_one(desk: Desk) -> None:
    article = desk.article()
    desk.wp.users["reporter"] = ("revoked", "author")
    outbox.queue_publish(desk.store, article.id, "actu")
    [result] = desk.worker().drain().results
    assert result.state == repo.NEEDS_PASSWORD
    assert repo.get_site(desk.store, "actu").needs_password
    assert outbox.remote_state(desk.store, article.id).state == "needs_password"
    assert desk.worker().drain().results == []  # waits for the password

    from newsdesk.core.errors import AuthenticationFailed
    from newsdesk.sync import sites

    with pytest.raises(AuthenticationFailed):
        sites.set_password(
            desk.store, desk.credentials, "actu", "still wrong", publisher_maker=desk.publisher
        )
    assert repo.get_site(desk.store, "actu").needs_password
    sites.set_password(
        desk.store, desk.credentials, "actu", "revoked", publisher_maker=desk.publisher
    )
    assert [r.state for r in desk.worker().drain().results] == [repo.DONE]
    assert len(_posts_with_marker(desk, article.id)) == 1
    assert "revoked" not in repr(desk.store.paths.database.read_bytes()[:0])
    assert b"revoked" not in desk.store.paths.database.read_bytes()


def test_republishing_reuses_the_uploaded_photo(desk: Desk) -> None:
    article = desk.article()
    outbox.queue_publish(desk.store, article.id, "actu")
    desk.worker().drain()
    assert desk.uploads() == 1
    article.title = "Mali : Lavrov est arrivé à Bamako"
    article = desk.store.save(article)
    outbox.queue_publish(desk.store, article.id, "actu")
    assert [r.state for r in desk.worker().drain().results] == [repo.DONE]
    assert desk.uploads() == 1
    assert len(desk.wp.media) == 1


def test_a_photo_deleted_on_the_site_fails_verification_then_goes_up_again(desk: Desk) -> None:
    article = desk.article()
    outbox.queue_publish(desk.store, article.id, "actu")
    desk.worker().drain()
    desk.wp.media.clear()  # someone emptied the media library
    article.title = "Mali : Lavrov est arrivé"
    article = desk.store.save(article)
    outbox.queue_publish(desk.store, article.id, "actu")
    [result] = desk.worker().drain().results
    # The site dropped the photo id newsdesk remembered: forgotten, and tried again.
    assert (result.state, result.error_code) == (repo.QUEUED, "verification")
    assert [r.state for r in desk.worker().drain().results] == [repo.DONE]
    assert desk.uploads() == 2
    assert len(_posts_with_marker(desk, article.id)) == 1


def test_a_tag_deleted_on_the_site_is_asked_for_again(desk: Desk) -> None:
    article = desk.article()
    outbox.queue_publish(desk.store, article.id, "actu")
    desk.worker().drain()
    term_requests = sum(1 for r in desk.wp.requests if "/wp/v2/tags" in r.url.path)
    # The cache spares the requests on the next publish...
    article.title = "Mali : Lavrov est arrivé"
    article = desk.store.save(article)
    outbox.queue_publish(desk.store, article.id, "actu")
    desk.worker().drain()
    assert sum(1 for r in desk.wp.requests if "/wp/v2/tags" in r.url.path) == term_requests
    # ...until someone deletes « Mali » in wp-admin: the site drops the id in silence.
    del desk.wp.terms["tags"][20]
    article.title = "Mali : Lavrov est reparti"
    article = desk.store.save(article)
    outbox.queue_publish(desk.store, article.id, "actu")
    [first] = desk.worker().drain().results
    assert (first.state, first.error_code) == (repo.QUEUED, "verification")
    assert [r.state for r in desk.worker().drain().results] == [repo.DONE]
    [post_id] = _posts_with_marker(desk, article.id)
    tags = {desk.wp.terms["tags"][i] for i in desk.wp.posts[post_id]["tags"]}
    assert tags == {"Mali", "Russie"}  # created again by get-or-create


def test_unpublish_takes_the_post_back_to_a_draft(desk: Desk) -> None:
    article = desk.article()
    outbox.queue_publish(desk.store, article.id, "actu")
    desk.worker().drain()
    outbox.queue_unpublish(desk.store, article.id, "actu")
    [result] = desk.worker().drain().results
    assert result.state == repo.DONE
    [post_id] = _posts_with_marker(desk, article.id)
    assert desk.wp.posts[post_id]["status"] == "draft"
    assert outbox.remote_state(desk.store, article.id).state == "draft_on_site"


def test_a_request_refused_by_the_site_fails_with_its_reason(desk: Desk) -> None:
    article = desk.article(category="Économie")  # an author may not create categories
    outbox.queue_publish(desk.store, article.id, "actu")
    [result] = desk.worker().drain().results
    assert result.state == repo.FAILED
    assert result.error_code == "permission"
    state = outbox.remote_state(desk.store, article.id).on("actu")
    assert state.state == "failed" and state.error_message
    assert desk.store.get(article.id).category == "Économie"


def test_inline_images_go_up_once_and_the_body_points_at_the_site(desk: Desk) -> None:
    article = desk.article()
    assert article.featured_image is not None
    photo = article.featured_image.path
    article.body += f"\n\n![Le ministre à l’aéroport](media:{photo})\n"
    article = desk.store.save(article)
    outbox.queue_publish(desk.store, article.id, "actu")
    assert [r.state for r in desk.worker().drain().results] == [repo.DONE]
    [post_id] = _posts_with_marker(desk, article.id)
    content = desk.wp.posts[post_id]["content"]
    [media] = desk.wp.media.values()  # the same bytes as the header: one upload
    assert f'src="{desk.wp.base}/wp-content/uploads/2026/11/{media["file"]}"' in content
    assert "media:" not in content
    assert desk.uploads() == 1


def test_states_for_the_library_and_the_next_wake_up(desk: Desk) -> None:
    on_site = desk.article()
    outbox.queue_publish(desk.store, on_site.id, "actu")
    desk.worker().drain()
    waiting = desk.article(slug="autre-lavrov")
    outbox.queue_publish(desk.store, waiting.id, "actu")
    desk.wp.faults.append(lambda request: httpx.Response(500, json={}))
    [result] = desk.worker().drain().results
    never = desk.article(slug="encore-lavrov")

    states = outbox.remote_states(desk.store)
    assert states == {on_site.id: "on_site", waiting.id: "waiting_network"}
    assert never.id not in states
    assert outbox.next_due(desk.store) == result.next_attempt_at
