"""The real WordPress behind a hostile network (tests/faultproxy.py): a captive portal's
page, a 429 with Retry-After, an answer that trickles after the site acted. Each time the
action stays queued, goes again by itself, and the article ends on the site once."""

from __future__ import annotations

import random
import time
from collections.abc import Iterator
from datetime import timedelta

import pytest

from newsdesk.paths import Paths
from newsdesk.publishing.base import SiteAccount
from newsdesk.publishing.wordpress import WordPressPublisher
from newsdesk.publishing.wordpress.http import AnswerLimits
from newsdesk.storage import outbox_repo as repo
from newsdesk.storage.store import Store
from newsdesk.sync import outbox, sites
from newsdesk.sync.worker import OutboxWorker
from tests.faultproxy import Fault, FaultProxy, Mode
from tests.integration.publish_helpers import SITE, Desk, make_desk, posts_with_marker
from tests.wordpress.harness import WordPress

pytestmark = pytest.mark.wordpress

POSTS = "rest_route=/wp/v2/posts"


@pytest.fixture
def store(paths: Paths) -> Iterator[Store]:
    store = Store.open(paths)
    try:
        yield store
    finally:
        store.close()


def _through(proxy: FaultProxy, wp: WordPress, store: Store) -> Desk:
    return make_desk(wp, store, api_root=f"{proxy.base_url}/index.php?rest_route=/")


def test_a_captive_portal_on_the_create_waits_then_the_article_goes_once(
    wp: WordPress, store: Store
) -> None:
    portal = Fault(Mode.PORTAL, method="POST", path_contains=POSTS)
    with FaultProxy(wp.port, schedule=[portal]) as proxy:
        desk = _through(proxy, wp, store)
        article = desk.lavrov()
        outbox.queue_publish(store, article.id, SITE)
        [first] = desk.drain().results
        assert proxy.pending == []
        assert (first.state, first.error_code) == (
            repo.WAITING_NETWORK,
            "InvalidServerResponse:not_json",
        )
        desk.drain_until_settled()
    assert len(posts_with_marker(wp, article.id)) == 1


def test_a_429_is_waited_out_as_the_site_asks(wp: WordPress, store: Store) -> None:
    busy = Fault(Mode.STATUS_429, seconds=120, method="POST", path_contains=POSTS)
    with FaultProxy(wp.port, schedule=[busy]) as proxy:
        desk = _through(proxy, wp, store)
        article = desk.lavrov()
        outbox.queue_publish(store, article.id, SITE)
        [first] = desk.drain().results
        assert first.state == repo.WAITING_NETWORK and first.next_attempt_at is not None
        assert first.next_attempt_at - desk.clock() >= timedelta(seconds=120)
        # Not before: a drain at 100 s leaves it waiting.
        desk.clock.advance(seconds=100)
        assert desk.drain().results == []
        desk.clock.now = first.next_attempt_at
        assert [r.state for r in desk.drain().results] == [repo.DONE]
    assert len(posts_with_marker(wp, article.id)) == 1


def test_a_trickling_answer_to_the_create_is_given_up_and_the_post_adopted(
    wp: WordPress, store: Store
) -> None:
    trickle = Fault(Mode.TRICKLE_AFTER, seconds=0.2, method="POST", path_contains=POSTS)

    def publisher(account: SiteAccount, password: str) -> WordPressPublisher:
        return WordPressPublisher(account, password, limits=AnswerLimits(deadline=3.0))

    with FaultProxy(wp.port, schedule=[trickle]) as proxy:
        desk = _through(proxy, wp, store)
        factory = sites.publisher_factory(desk.credentials, publisher_maker=publisher)
        article = desk.lavrov()
        outbox.queue_publish(store, article.id, SITE)
        worker = OutboxWorker(store, factory, desk.clock, rng=random.Random(3))
        started = time.monotonic()
        [first] = worker.drain().results
        elapsed = time.monotonic() - started
        assert proxy.pending == []
        assert (first.state, first.error_code) == (repo.WAITING_NETWORK, "SiteUnreachable:too_slow")
        # The deadline of the create's answer, plus the requests before it (photo, terms).
        assert elapsed < 20, elapsed
        # The site made the post although its answer never came in whole: the next
        # attempt finds it by its marker rather than making a second one.
        assert len(posts_with_marker(wp, article.id)) == 1
        desk.drain_until_settled()
    assert len(posts_with_marker(wp, article.id)) == 1
    assert outbox.remote_state(store, article.id).state == "on_site"
