"""Publishing a 12 MP photo over a phone's 3G while typing into a long article.

The real WordPress of ``tests/wordpress`` on 127.0.0.1, behind ``tests/slowlink.py``:
256 kbit/s each way, a 600 ms round trip, and the first two uploads cut partway (the
seed of ``tests/integration/test_slow_link.py``). The window (offscreen) has the
sample article (``tests/fixtures/lavrov``) with a 12-megapixel header photo
(``tests/big_photo.py``, 4.9 MB, GPS and serial in its EXIF) in its outbox, and a
20,000-word article (``benchmarks/corpus.py``) open. The outbox sends the sample by
itself, retries included; meanwhile a key is typed into the long article, its preview
awaited, then 100 ms of pause, over and over, and a 1 ms timer measures the gaps in
the UI thread's event loop (as ``gui_bench``'s stall figure does). The same typing for
20 s before the publish, with nothing sent, is printed beside it: on a shared machine
it tells the link's part from the machine's.

Figures: the bytes the link carried towards the site beside the photo's size (target:
at most a tenth), the time from queuing to the site's answer, the media items on the
site (target 1), the UI thread's longest stall (target 16 ms) and keystroke to
preview, p95 (target < 50 ms).
"""

from __future__ import annotations

import itertools
import shutil
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from benchmarks import figures

ROOT = Path(__file__).resolve().parents[1]
LAVROV = ROOT / "tests" / "fixtures" / "lavrov" / "article.md"
SITE = "slow"
#: Cuts the first two uploads (at 39 % and 42 % of their bodies): as the test does.
SEED = 3
#: Between a key's preview and the next key: a reporter typing and glancing.
KEY_PAUSE_MS = 100
#: The same typing with nothing sent first, for as long: what the machine itself gives.
REFERENCE_S = 20.0
TYPED = "Le président a salué l’accord signé à Ségou « sans réserve ». "
PUBLISH_DEADLINE_S = 300


def run() -> None:
    from tests.wordpress.harness import WordPress, ensure_installed

    reason = ensure_installed()
    if reason is not None:
        figures.show_warning(f"slow-link benchmark skipped: {reason}")
        return
    started = time.perf_counter()
    site = WordPress.start()
    figures.info(f"test WordPress started in {time.perf_counter() - started:.1f} s")
    try:
        with tempfile.TemporaryDirectory(prefix="newsdesk-slowlink-bench-") as folder:
            _measure(site, Path(folder))
    finally:
        site.stop()


def _measure(site: Any, folder: Path) -> None:
    from PySide6.QtCore import QCoreApplication, QEvent, Qt, QTimer

    from benchmarks.corpus import make_articles
    from benchmarks.gui_bench import PREVIEW_TARGET, STALL_TARGET, pause, send_char, wait_until
    from newsdesk import services
    from newsdesk.app import build_main_window, create_application, make_context
    from newsdesk.credentials import SessionCredentialStore
    from newsdesk.paths import Paths
    from newsdesk.storage import outbox_repo as repo
    from newsdesk.storage.store import Store
    from newsdesk.sync import outbox
    from tests.big_photo import twelve_megapixel_photo
    from tests.slowlink import SlowLink

    photo = twelve_megapixel_photo()
    sample_dir = folder / "sample"
    sample_dir.mkdir()
    shutil.copy(LAVROV, sample_dir / "article.md")
    (sample_dir / "header.jpg").write_bytes(photo)
    paths = Paths(folder / "data").ensure()
    credentials = SessionCredentialStore()
    with SlowLink(site.port, seed=SEED, cut_chance=0.5, max_cuts=2) as link:
        with Store.open(paths) as store:
            # The site as ``site add`` records it, its API reached through the link.
            repo.insert_site(
                store,
                name=SITE,
                kind="wordpress",
                site_url=site.base_url,
                api_root=f"{link.base_url}/index.php?rest_route=/",
                username=site.reporter.username,
                user_id=site.reporter.user_id,
                display_name="",
                roles=["author"],
                can_publish=True,
            )
            credentials.set(SITE, site.reporter.username, site.reporter.app_password)
            sample = services.import_file(store, sample_dir / "article.md")
            long_one = store.create(make_articles(1, 20_000, seed=20_001)[0])

        create_application(["newsdesk-benchmark"])
        window = build_main_window(make_context(paths, credentials=lambda: credentials))
        window.preview.page._open_url = lambda url: None  # never a real browser
        window.resize(1600, 1000)
        ready: list[bool] = []
        window.store_ready.connect(lambda: ready.append(True))
        window.show()
        try:
            wait_until(lambda: bool(ready) and window.preview.loaded, what="the store")
            opened: list[str] = []
            window.article_opened.connect(opened.append)
            window.open_article(long_one.id)
            wait_until(lambda: long_one.id in opened, what="the long article")
            live = window.live_preview
            wait_until(live.is_idle, what="the preview")
            # The spelling process's dictionaries loaded and the article's first check
            # over: both phases then type into the same, settled window.
            wait_until(
                lambda: window.spelling.service.checker("fr") is not None,
                timeout_s=120,
                what="the spelling dictionaries",
            )
            pause(3000)
            body = window.editor.body
            text = body.toPlainText()
            cursor = body.textCursor()
            cursor.setPosition(max(0, text.find("\n\n", len(text) // 2)))
            body.setTextCursor(cursor)
            body.setFocus()

            updates: list[tuple[int, float]] = []
            live.preview_updated.connect(lambda g: updates.append((g, time.perf_counter())))
            finished: list[float] = []

            def on_drained(report: Any) -> None:
                if report is not None and any(r.state == repo.DONE for r in report.results):
                    finished.append(time.perf_counter())

            window.outbox.drained.connect(on_drained)

            def type_until(done: Callable[[], bool]) -> tuple[list[float], list[float]]:
                """Type key after key until ``done()``: the event loop's gaps, and each
                key's time to the preview (ms)."""
                ticks: list[float] = []
                heartbeat = QTimer()
                heartbeat.setTimerType(Qt.TimerType.PreciseTimer)
                heartbeat.timeout.connect(lambda: ticks.append(time.perf_counter()))
                heartbeat.start(1)
                latencies: list[float] = []
                for ch in itertools.cycle(TYPED):
                    if done():
                        break
                    sent = time.perf_counter()
                    send_char(body, ch)
                    generation = live._generation
                    wait_until(
                        lambda g=generation: any(u >= g for u, _ in updates), what="the preview"
                    )
                    shown = next(w for u, w in updates if u >= generation)
                    latencies.append((shown - sent) * 1000)
                    pause(KEY_PAUSE_MS)
                heartbeat.stop()
                return [(b - a) * 1000 for a, b in itertools.pairwise(ticks)], latencies

            begun = time.perf_counter()
            quiet = type_until(lambda: time.perf_counter() - begun > REFERENCE_S)
            window.db.call(lambda s: outbox.queue_publish(s, sample.id, SITE))
            queued = time.perf_counter()
            window.outbox.drain()
            busy = type_until(
                lambda: bool(finished) or time.perf_counter() - queued > PUBLISH_DEADLINE_S
            )
        finally:
            window.flush()
            window.close()
            window.context.db.stop()
            window.deleteLater()
            QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    if not finished:
        figures.show_warning(f"the publish did not end within {PUBLISH_DEADLINE_S} s")
        return
    sent_ratio = link.sent / len(photo)
    media_items = _media_items(site)
    figures.info(
        f"photo {len(photo) / 1024:,.0f} KiB, sent over the link {link.sent / 1024:,.0f} KiB, "
        f"received {link.received / 1024:,.0f} KiB, {len(link.requests)} requests, "
        f"{len(link.uploads())} upload attempts of which {link.cuts()} cut by the link"
    )
    _line(
        "bytes sent over 3G / the photo's size",
        f"1/{1 / sent_ratio:.1f}",
        "at most 1/10",
        sent_ratio <= 0.1,
    )
    _line("uploads on the site (media items)", str(media_items), "1", media_items == 1)
    figures.show(
        "time to publish over 3G, cut uploads and retries included", (finished[0] - queued) * 1000
    )
    for label, (gaps, latencies) in (
        ("photo over 3G", busy),
        ("nothing sent", quiet),
    ):
        figures.show(
            f"longest UI stall typing, 20,000 words, {label}",
            max(gaps),
            STALL_TARGET,
            note=f"{sum(g > STALL_TARGET.limit_ms for g in gaps)} gaps over 16 ms in "
            f"{sum(gaps) / 1000:.0f} s",
        )
        figures.show(
            f"keystroke to preview p95, 20,000 words, {label}",
            figures.p95(latencies),
            PREVIEW_TARGET,
            note=f"median {figures.median(latencies):.1f} ms, {len(latencies)} keys",
        )


def _line(label: str, value: str, target: str, met: bool) -> None:
    """A figure that is not a time, printed as ``figures.show`` prints one."""
    verdict = "ok" if met else "MISSED"
    print(
        f"{label:<{figures.LABEL_WIDTH}} {value:>9}   {'target ' + target:<24} {verdict}",
        flush=True,
    )


def _media_items(site: Any) -> int:
    rows = site.query("SELECT COUNT(*) FROM wp_posts WHERE post_type = 'attachment'")
    return int(rows[0][0])
