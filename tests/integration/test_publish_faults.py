"""A bad connection between newsdesk and the real site (tests/faultproxy.py in between):
whatever is lost, dropped, refused or cut, every article ends on the site exactly once,
with the right content, and nothing is lost locally."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from newsdesk.core.article import Article, Status
from newsdesk.paths import Paths
from newsdesk.storage import outbox_repo as repo
from newsdesk.storage.store import Store
from newsdesk.sync import outbox
from tests.faultproxy import Fault, FaultProxy, Mode, RandomFaults
from tests.integration.publish_helpers import (
    SITE,
    Desk,
    admin_get,
    attachments,
    make_desk,
    posts_with_marker,
)
from tests.wordpress.harness import WordPress

pytestmark = pytest.mark.wordpress

HOLD_SECONDS = 0.3
POSTS = "rest_route=/wp/v2/posts"
MEDIA = "rest_route=/wp/v2/media"


@pytest.fixture
def store(paths: Paths) -> Iterator[Store]:
    store = Store.open(paths)
    try:
        yield store
    finally:
        store.close()


def _through(proxy: FaultProxy, wp: WordPress, store: Store) -> Desk:
    return make_desk(wp, store, api_root=f"{proxy.base_url}/index.php?rest_route=/")


def _gmt(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


def _assert_once_and_right(desk: Desk, article: Article) -> None:
    found = posts_with_marker(desk.wp, article.id)
    assert len(found) == 1, found
    post_id, status = found[0]
    assert status == "publish"
    post = admin_get(desk.wp, f"/wp/v2/posts/{post_id}")
    assert post["title"]["raw"].startswith(article.title.split(" :")[0])
    assert post["excerpt"]["raw"].startswith(article.standfirst[:30])
    assert '<p class="chapeau">' in post["content"]["raw"]
    assert post["featured_media"] != 0
    # Nothing lost or changed locally: the same words and revision; the status and the
    # date are the site's now (issue 6: the article follows the site).
    stored = desk.store.get(article.id)
    assert outbox.same_words(stored, article) and stored.dateline == article.dateline
    assert stored.revision == article.revision and stored.body == article.body
    assert stored.status is Status.PUBLISHED
    assert stored.date == _gmt(post["date_gmt"])
    assert outbox.remote_state(desk.store, article.id).on(SITE).remote_id == post_id


@pytest.mark.parametrize(
    ("mode", "where"),
    [
        (Mode.DROP_BEFORE, POSTS),
        (Mode.DROP_AFTER, POSTS),
        (Mode.STATUS_500, POSTS),
        (Mode.STATUS_502, POSTS),
        (Mode.TIMEOUT, POSTS),
        (Mode.TIMEOUT_AFTER, POSTS),
        (Mode.DROP_AFTER, MEDIA),
        (Mode.TIMEOUT_AFTER, MEDIA),
        (Mode.CUT_UPLOAD, MEDIA),
    ],
)
def test_each_fault_on_the_create_ends_with_one_post(
    wp: WordPress, store: Store, mode: Mode, where: str
) -> None:
    fault = Fault(mode, seconds=HOLD_SECONDS, method="POST", path_contains=where)
    with FaultProxy(wp.port, schedule=[fault]) as proxy:
        desk = _through(proxy, wp, store)
        article = desk.lavrov()
        outbox.queue_publish(store, article.id, SITE)
        first = desk.drain()
        assert proxy.pending == []  # the fault did happen
        assert [r.state for r in first.results] == [repo.WAITING_NETWORK]
        desk.drain_until_settled()
    _assert_once_and_right(desk, article)
    assert attachments(wp) == 1  # a lost upload answer is found again, not repeated


def test_a_lost_answer_to_a_correction_is_not_taken_for_a_conflict(
    wp: WordPress, store: Store
) -> None:
    with FaultProxy(wp.port) as proxy:
        desk = _through(proxy, wp, store)
        article = desk.lavrov()
        outbox.queue_publish(store, article.id, SITE)
        desk.drain()
        article.title = "Mali : Sergueï Lavrov est arrivé à Bamako"
        article = store.save(article)
        outbox.queue_publish(store, article.id, SITE)
        [(post_id, _s)] = posts_with_marker(wp, article.id)
        proxy.add(Fault(Mode.DROP_AFTER, method="POST", path_contains=f"posts/{post_id}"))
        assert [r.state for r in desk.drain().results] == [repo.WAITING_NETWORK]
        desk.drain_until_settled()
    assert outbox.remote_state(store, article.id).state == "on_site"
    post = admin_get(wp, f"/wp/v2/posts/{post_id}")
    assert "est arrivé" in post["title"]["raw"]


@pytest.mark.slow
def test_randomized_bad_networks_never_duplicate_nor_lose(wp: WordPress, paths: Paths) -> None:
    """25 seeded runs, every request through the proxy, about 30 % of them faulty."""
    weights = {
        Mode.PASS: 70,
        Mode.DROP_BEFORE: 5,
        Mode.DROP_AFTER: 7,
        Mode.STATUS_500: 4,
        Mode.STATUS_502: 4,
        Mode.TIMEOUT: 2,
        Mode.TIMEOUT_AFTER: 4,
        Mode.CUT_UPLOAD: 4,
    }
    started = time.monotonic()
    faults_seen = 0
    requests_seen = 0
    for seed in range(25):
        rng = random.Random(seed)
        run_paths = Paths(paths.root / f"run-{seed}").ensure()
        store = Store.open(run_paths)
        chooser = RandomFaults(seed=seed, weights=weights, seconds=HOLD_SECONDS)
        try:
            with FaultProxy(wp.port, chooser=chooser) as proxy:
                desk = _through(proxy, wp, store)
                desk.clock.advance(seconds=seed)
                articles = []
                for n in range(rng.randint(1, 3)):
                    article = desk.lavrov(
                        title=f"Mali : Lavrov à Bamako, épisode {seed}-{n}",
                        slug=f"lavrov-{seed}-{n}",
                    )
                    outbox.queue_publish(store, article.id, SITE)
                    articles.append(article)
                desk.drain_until_settled(rounds=60)
                faults_seen += sum(1 for m in proxy.modes() if m is not Mode.PASS)
                requests_seen += len(proxy.log)
            for article in articles:
                _assert_once_and_right(desk, article)
        finally:
            store.close()
        assert time.monotonic() - started < 600, "the randomized runs took too long"
    assert faults_seen > requests_seen * 0.2, (faults_seen, requests_seen)
    assert attachments(wp) == 1  # the same photo every time: uploaded once, ever


_CHILD = """
import sys
from newsdesk.credentials import SessionCredentialStore
from pathlib import Path
from newsdesk.paths import Paths
from newsdesk.storage.store import Store
from newsdesk.sync.sites import publisher_factory
from newsdesk.sync.worker import OutboxWorker

credentials = SessionCredentialStore()
credentials.set("actu", "reporter", sys.stdin.readline().strip())
store = Store.open(Paths(Path(sys.argv[1])))
OutboxWorker(store, publisher_factory(credentials)).drain()
"""


def test_newsdesk_killed_after_the_site_created_the_post(wp: WordPress, store: Store) -> None:
    """A real process, killed with SIGKILL while waiting for the create's answer: the
    next start finds the post by its marker instead of publishing it twice."""
    hold = Fault(Mode.TIMEOUT_AFTER, seconds=60, method="POST", path_contains=POSTS)
    with FaultProxy(wp.port, schedule=[hold]) as proxy:
        desk = _through(proxy, wp, store)
        article = desk.lavrov()
        outbox.queue_publish(store, article.id, SITE)
        child = subprocess.Popen(
            [sys.executable, "-c", _CHILD, str(store.paths.root)],
            stdin=subprocess.PIPE,
            cwd=Path(__file__).resolve().parents[2],
        )
        try:
            assert child.stdin is not None
            child.stdin.write(wp.reporter.app_password.encode() + b"\n")
            child.stdin.close()
            deadline = time.monotonic() + 60
            while not posts_with_marker(wp, article.id):
                assert child.poll() is None, "the worker ended before the create"
                assert time.monotonic() < deadline, "the create never reached the site"
                time.sleep(0.1)
        finally:
            os.kill(child.pid, signal.SIGKILL)
            child.wait(timeout=30)
        [left] = outbox.entries(store)
        assert (left.state, left.maybe_sent) == (repo.SENDING, True)
        assert left.claimed_by is not None and left.claimed_by.startswith(f"{child.pid}:")

        [result] = desk.drain().results  # the program, started again
    assert result.state == repo.DONE
    _assert_once_and_right(desk, article)
