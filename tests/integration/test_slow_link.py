"""Publishing over a phone's 3G: 256 kbit/s each way, a 600 ms round trip, uploads cut.

The sample article (``tests/fixtures/lavrov``, from the shared seed) with a 12-megapixel
header photo (``tests/big_photo.py``: 4.9 MB, GPS position and camera serial in its
EXIF) goes through the outbox and ``tests/slowlink.py`` to the real WordPress:

- it completes by itself: the worker drains when the outbox says an action is due
  (``outbox.next_due``, as the window's runner does), with the outbox's own backoff
  after each cut connection, nobody pressing anything;
- at most a tenth of the photo's size crosses the link, cut uploads included: the photo
  is shrunk to the site's size before it leaves (``publishing/media.py``);
- once: one media item and one post on the site (read through its REST API);
- the photo on the site, in every size WordPress made of it, has no GPS position, no
  serial number, no EXIF at all.

And from the window: the same publish, from « Publier », while a 5 ms heartbeat on the
UI thread measures its longest stall (``test_the_window_stays_responsive``).
"""

from __future__ import annotations

import itertools
import random
import shutil
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
import pytest

from newsdesk import services
from newsdesk.core.article import Article, Status
from newsdesk.paths import Paths
from newsdesk.storage import outbox_repo as repo
from newsdesk.storage.store import Store
from newsdesk.sync import outbox, sites
from newsdesk.sync.worker import OutboxWorker
from tests.big_photo import says_where, twelve_megapixel_photo
from tests.gui.conftest import WindowFactory
from tests.integration.publish_helpers import LAVROV, SITE, Desk, admin_get, make_desk
from tests.integration.publish_helpers import posts_with_marker as marked_posts
from tests.slowlink import SlowLink
from tests.wordpress.harness import WordPress

pytestmark = pytest.mark.wordpress

#: The seed whose draws cut the first two uploads, at 39 % and 42 % of their body
#: (``SlowLink``: each upload cut with a chance of one half, two cuts at most).
SEED = 3
#: However slow the link, the publish ends within this (it takes about 35 s here).
PUBLISH_DEADLINE_S = 180.0
#: The UI thread's longest stall allowed while the photo is prepared and uploaded.
#: The issue's target is 16 ms on a quiet machine (the benchmark prints the real figure
#: beside it); on a shared CI machine, with two cores and other tests' processes, 100 ms
#: is still a window that never visibly freezes, and far below the whole-second stalls
#: of preparing a 12 MP photo or waiting for the network on the UI thread.
MAX_STALL_MS = 100.0


@pytest.fixture
def store(paths: Paths) -> Iterator[Store]:
    opened = Store.open(paths)
    try:
        yield opened
    finally:
        opened.close()


def sample_with_big_photo(store: Store, folder: Path) -> Article:
    """The sample article, its header photo replaced by the 12 MP one."""
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(LAVROV, folder / "article.md")
    (folder / "header.jpg").write_bytes(twelve_megapixel_photo())
    return services.import_file(store, folder / "article.md")


def through(link: SlowLink, wp: WordPress, store: Store) -> Desk:
    return make_desk(wp, store, api_root=f"{link.base_url}/index.php?rest_route=/")


def publish_by_itself(desk: Desk, seed: int = SEED) -> float:
    """Drain whenever the outbox has something due, with the real clock and the outbox's
    own backoff, until nothing waits; the seconds it took."""
    worker = OutboxWorker(
        desk.store, sites.publisher_factory(desk.credentials), rng=random.Random(seed)
    )
    started = time.monotonic()
    while True:
        worker.drain()
        live = outbox.entries(desk.store, live_only=True)
        if not any(e.state in (repo.QUEUED, repo.SENDING, repo.WAITING_NETWORK) for e in live):
            return time.monotonic() - started
        due = outbox.next_due(desk.store)
        assert due is not None, live
        wait = (due - datetime.now(UTC)).total_seconds()
        assert time.monotonic() - started + wait < PUBLISH_DEADLINE_S, live
        time.sleep(max(0.0, wait))


def served_files(wp: WordPress, media_id: int) -> dict[str, bytes]:
    """Every file WordPress made of the upload, by size name."""
    media = admin_get(wp, f"/wp/v2/media/{media_id}")
    urls = {"full": media["source_url"]}
    urls.update({name: s["source_url"] for name, s in media["media_details"]["sizes"].items()})
    return {name: httpx.get(url, timeout=30).content for name, url in urls.items()}


def assert_on_site_once_and_clean(wp: WordPress, article: Article, photo_size: int) -> None:
    [(post_id, status)] = marked_posts(wp, article.id)
    assert status == "publish"
    media = admin_get(wp, "/wp/v2/media", per_page=100)
    assert len(media) == 1, [m["id"] for m in media]
    post = admin_get(wp, f"/wp/v2/posts/{post_id}")
    assert post["featured_media"] == media[0]["id"]
    assert media[0]["media_details"]["width"] <= 1350  # the site's size, not 4000
    for name, data in served_files(wp, media[0]["id"]).items():
        assert len(data) < photo_size / 10, name
        assert says_where(data) == [], name


def test_a_12_megapixel_photo_over_3g_with_cut_uploads(
    wp: WordPress, store: Store, tmp_path: Path
) -> None:
    photo = twelve_megapixel_photo()
    assert says_where(photo) == [
        "GPS position",
        "camera serial number",
        "camera maker",
        "an EXIF block",
    ]
    with SlowLink(wp.port, seed=SEED, cut_chance=0.5, max_cuts=2) as link:
        desk = through(link, wp, store)
        article = sample_with_big_photo(store, tmp_path / "sample")
        outbox.queue_publish(store, article.id, SITE)
        seconds = publish_by_itself(desk)
    [entry] = outbox.entries(store)
    assert entry.state == repo.DONE
    assert store.get(article.id).status is Status.PUBLISHED
    # Cut as the seed says, then sent whole once.
    uploads = link.uploads()
    assert [u.cut for u in uploads] == [True, True, False], uploads
    assert link.sent <= len(photo) / 10, (link.sent, len(photo))
    assert_on_site_once_and_clean(wp, article, len(photo))
    print(
        f"\nslow link: {link.sent / 1024:.0f} KiB sent for a {len(photo) / 1024:.0f} KiB photo "
        f"(1/{len(photo) / link.sent:.1f}), {link.received / 1024:.0f} KiB received, "
        f"{len(link.requests)} requests, {link.cuts()} cut, published in {seconds:.1f} s"
    )


# --- the window ----------------------------------------------------------------------------


@pytest.mark.gui
@pytest.mark.webengine
def test_the_window_stays_responsive(
    wp: WordPress, paths: Paths, tmp_path: Path, qtbot: Any
) -> None:
    """« Publier » in the window, over the slow link with one upload cut: the UI thread
    never stalls past ``MAX_STALL_MS`` while the photo is prepared, cut, sent again."""
    from PySide6.QtCore import Qt, QTimer

    with Store.open(paths) as setup, SlowLink(wp.port, seed=1, cut_chance=1, max_cuts=1) as link:
        desk = through(link, wp, setup)
        article = sample_with_big_photo(setup, tmp_path / "sample")
        factory = WindowFactory(qtbot, paths)
        try:
            window = factory.open(credentials=desk.credentials)
            publish = window.publish
            with qtbot.waitSignal(publish.state_shown, timeout=10000):
                window.open_article(article.id)
            qtbot.waitUntil(window.live_preview.is_idle, timeout=10000)
            qtbot.wait(300)  # the article's first render and layout are behind us

            ticks: list[float] = []
            heartbeat = QTimer()
            heartbeat.setTimerType(Qt.TimerType.PreciseTimer)
            heartbeat.timeout.connect(lambda: ticks.append(time.perf_counter()))
            heartbeat.start(5)
            try:
                # Two seconds with nothing sent first: what the machine itself gives, to
                # read a failure by.
                qtbot.wait(2000)
                clicked = len(ticks)
                publish.button.click()
                qtbot.waitUntil(
                    lambda: publish.link is not None, timeout=int(PUBLISH_DEADLINE_S * 1000)
                )
            finally:
                heartbeat.stop()
        finally:
            factory.close_all()
    idle = max((b - a) * 1000 for a, b in itertools.pairwise(ticks[:clicked]))
    sending = ticks[clicked - 1 :]
    gaps = [(b - a) * 1000 for a, b in itertools.pairwise(sending)]
    worst = max(gaps)
    # The longest gaps and when they began, in seconds after the click.
    longest = sorted((round(g, 1), round(sending[i] - sending[0], 2)) for i, g in enumerate(gaps))
    said = (
        f"longest stall {worst:.1f} ms in {len(gaps)} beats, {sum(g > 16 for g in gaps)} over "
        f"16 ms, the five longest (ms, s after the click) {longest[-5:]}; with nothing sent "
        f"before, {idle:.1f} ms"
    )
    print(f"\nwindow over the slow link, {link.cuts()} upload cut: {said}")
    assert [u.cut for u in link.uploads()] == [True, False]
    assert worst <= MAX_STALL_MS, said
    assert len(marked_posts(wp, article.id)) == 1
    assert len(admin_get(wp, "/wp/v2/media", per_page=100)) == 1
