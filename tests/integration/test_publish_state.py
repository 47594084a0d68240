"""Points 6, 7, 9 and 10 of issue 6 where the behaviour lives in WordPress: an Author may
not create categories (403 ``rest_cannot_create``), so an unknown rubrique is refused
before queuing; the statuses and dates the site gives after a publish, a schedule, a
review and an unpublish become the article's; the date the preview is told is the one
WordPress shows; after a network cut, ``send_now`` sends at once."""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest

from newsdesk.core.article import Status
from newsdesk.core.errors import UnknownRubrique
from newsdesk.paths import Paths
from newsdesk.storage import outbox_repo as repo
from newsdesk.storage.store import Store
from newsdesk.sync import outbox, sites
from tests.faultproxy import Fault, FaultProxy, Mode
from tests.integration.publish_helpers import (
    SITE,
    Desk,
    admin_get,
    make_desk,
    posts_with_marker,
    term_names,
)
from tests.wordpress.harness import WordPress

pytestmark = pytest.mark.wordpress


@pytest.fixture
def store(paths: Paths) -> Iterator[Store]:
    opened = Store.open(paths)
    try:
        yield opened
    finally:
        opened.close()


@pytest.fixture
def desk(wp: WordPress, store: Store) -> Desk:
    return make_desk(wp, store)


def _refresh(desk: Desk) -> None:
    publisher = sites.publisher_factory(desk.credentials)(desk.site.account)
    try:
        sites.refresh_terms(desk.store, publisher, SITE)
    finally:
        publisher.close()


def _post(desk: Desk, article_id: str) -> dict[str, object]:
    [(post_id, _status)] = posts_with_marker(desk.wp, article_id)
    post: dict[str, object] = admin_get(desk.wp, f"/wp/v2/posts/{post_id}")
    return post


def _gmt(post: dict[str, object], key: str = "date_gmt") -> datetime:
    return datetime.fromisoformat(str(post[key])).replace(tzinfo=UTC)


def _categories(wp: WordPress) -> set[str]:
    import html

    return {html.unescape(c["name"]) for c in admin_get(wp, "/wp/v2/categories", per_page=100)}


# --- Point 7: the Author and the site's categories ------------------------------------------


def test_wordpress_refuses_an_author_a_new_category_so_newsdesk_asks_first(desk: Desk) -> None:
    # Without the site's terms (never fetched), the worker meets WordPress's refusal.
    article = desk.lavrov(category="Agriculture")
    outbox.queue_publish(desk.store, article.id, SITE)
    [result] = desk.drain().results
    assert result.state == repo.FAILED and result.error_code == "permission", result
    assert "Agriculture" not in _categories(desk.wp)

    # With them, the same rubrique is refused before anything is queued.
    _refresh(desk)
    other = desk.lavrov(category="Economi")
    with pytest.raises(UnknownRubrique) as caught:
        outbox.queue_publish(desk.store, other.id, SITE)
    assert caught.value.suggestions[0] == "Économie"
    assert outbox.entries(desk.store, article_id=other.id) == []
    assert posts_with_marker(desk.wp, other.id) == []


def test_a_rubrique_without_its_accent_goes_out_as_the_sites(desk: Desk) -> None:
    _refresh(desk)
    article = desk.lavrov(category="economie")
    outbox.queue_publish(desk.store, article.id, SITE)
    [result] = desk.drain().results
    assert result.state == repo.DONE, result
    post = _post(desk, article.id)
    assert term_names(desk.wp, "categories", post["categories"]) == {"Économie"}  # type: ignore[arg-type]
    assert "economie" not in {c.casefold() for c in _categories(desk.wp)}


# --- Point 10: the article follows the site -------------------------------------------------


def test_statuses_and_dates_follow_the_site(desk: Desk) -> None:
    article = desk.lavrov()  # its fixed date: 5 February 2023
    before = datetime.now(UTC) - timedelta(seconds=2)
    predicted = outbox.date_on_site(article, None, "publish", None, datetime.now(UTC))
    outbox.queue_publish(desk.store, article.id, SITE)
    desk.drain()

    post = _post(desk, article.id)
    assert post["status"] == "publish"
    published = _gmt(post)
    assert published >= before.replace(microsecond=0)  # the moment of publishing, not 2023
    assert abs(published - predicted) < timedelta(seconds=30)
    after = desk.store.get(article.id)
    assert (after.status, after.date) == (Status.PUBLISHED, published)
    assert after.revision == article.revision

    # A correction keeps the site's date, and the rule says so beforehand.
    remote = repo.get_remote_post(desk.store, article.id, SITE)
    assert outbox.date_on_site(after, remote, "publish", None, datetime.now(UTC)) == published
    desk.store.save(dataclasses.replace(after, title=after.title + " (actualisé)"))
    assert outbox.remote_state(desk.store, article.id).state == "changed_locally"
    outbox.queue_publish(desk.store, article.id, SITE)
    desk.drain()
    assert _gmt(_post(desk, article.id)) == published
    assert outbox.remote_state(desk.store, article.id).state == "on_site"

    # Unpublished (a while later: WordPress's dates have one-second steps): a draft on
    # the site, « Brouillon » here.
    time.sleep(1.1)
    outbox.queue_unpublish(desk.store, article.id, SITE)
    desk.drain()
    assert _post(desk, article.id)["status"] == "draft"
    assert desk.store.get(article.id).status is Status.DRAFT

    # Published again: WordPress keeps the date of a post it published before, and the
    # rule told the preview so.
    remote = repo.get_remote_post(desk.store, article.id, SITE)
    told = outbox.date_on_site(
        desk.store.get(article.id), remote, "publish", None, datetime.now(UTC)
    )
    outbox.queue_publish(desk.store, article.id, SITE)
    desk.drain()
    again = _post(desk, article.id)
    assert again["status"] == "publish"
    assert _gmt(again) == told == published
    assert desk.store.get(article.id).status is Status.PUBLISHED


def test_a_schedule_and_a_review(desk: Desk) -> None:
    scheduled = desk.lavrov()
    at = (datetime.now(UTC) + timedelta(days=3)).replace(microsecond=0)
    outbox.queue_publish(desk.store, scheduled.id, SITE, "future", at)
    desk.drain()
    assert _post(desk, scheduled.id)["status"] == "future"
    assert _gmt(_post(desk, scheduled.id)) == at
    after = desk.store.get(scheduled.id)
    assert (after.status, after.date) == (Status.SCHEDULED, at)

    review = desk.lavrov(status=Status.READY)
    outbox.queue_publish(desk.store, review.id, SITE, "pending")
    desk.drain()
    assert _post(desk, review.id)["status"] == "pending"
    assert desk.store.get(review.id).status is Status.PENDING


def test_a_live_post_sent_back_for_review_keeps_its_date(desk: Desk) -> None:
    article = desk.lavrov()
    outbox.queue_publish(desk.store, article.id, SITE)
    desk.drain()
    published = _gmt(_post(desk, article.id))
    time.sleep(1.1)
    remote = repo.get_remote_post(desk.store, article.id, SITE)
    now = datetime.now(UTC)
    told = outbox.date_on_site(desk.store.get(article.id), remote, "pending", None, now)
    outbox.queue_publish(desk.store, article.id, SITE, "pending")
    desk.drain()
    post = _post(desk, article.id)
    assert post["status"] == "pending"
    assert _gmt(post) == told == published
    assert desk.store.get(article.id).status is Status.PENDING


def test_a_draft_on_the_site_goes_live_at_the_moment_of_publishing(desk: Desk) -> None:
    article = desk.lavrov(status=Status.READY)
    outbox.queue_publish(desk.store, article.id, SITE, "draft")
    desk.drain()
    assert desk.store.get(article.id).status is Status.READY  # a draft leaves « Prêt » alone
    remote = repo.get_remote_post(desk.store, article.id, SITE)
    later = datetime.now(UTC) + timedelta(seconds=1)
    told = outbox.date_on_site(desk.store.get(article.id), remote, "publish", None, later)
    assert abs(told - later) < timedelta(seconds=1)  # a draft's date floats
    outbox.queue_publish(desk.store, article.id, SITE)
    desk.drain()
    assert abs(_gmt(_post(desk, article.id)) - told) < timedelta(seconds=30)


# --- Point 9: after a network cut -----------------------------------------------------------


def test_after_a_cut_send_now_sends_at_once(wp: WordPress, store: Store) -> None:
    with FaultProxy(wp.port) as proxy:
        desk = make_desk(wp, store, api_root=f"{proxy.base_url}/index.php?rest_route=/")
        article = desk.lavrov()
        outbox.queue_publish(desk.store, article.id, SITE)
        proxy.add(Fault(Mode.DROP_BEFORE))  # the café's Wi-Fi drops the first request
        [result] = desk.drain().results
        assert result.state == repo.WAITING_NETWORK, result
        assert desk.drain().results == []  # the backoff still runs
        assert proxy.pending == []  # the network is back

        assert outbox.send_now(desk.store) == 1
        [result] = desk.drain().results
        assert result.state == repo.DONE, result
        assert len(posts_with_marker(wp, article.id)) == 1
