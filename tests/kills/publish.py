"""``newsdesk publish`` killed before, during and after the upload to the real WordPress.

The site (tests/wordpress/harness.py) runs on 127.0.0.1 behind tests/faultproxy.py,
which holds back some answers (the site has acted; newsdesk does not know yet) so that
kills land while the photo or the post is on its way. After each kill the reporter
starts newsdesk again: ``newsdesk sync`` sends what the outbox holds (or, when the
kill fell before the publish was even queued, ``newsdesk publish`` is asked again).
Then exactly one post on the site carries the article's marker, published, and the
article's words are as they were.
"""

from __future__ import annotations

import json
import random
import sqlite3
from pathlib import Path

from tests.faultproxy import Fault, FaultProxy, Mode
from tests.kills.harness import (
    Outcome,
    check_store,
    cli,
    draw_delay,
    newsdesk_argv,
    run_and_kill,
    startup_time,
    timed,
)

LAVROV = Path(__file__).resolve().parents[1] / "fixtures" / "lavrov" / "article.md"
SITE = "actu"
POSTS = "rest_route=/wp/v2/posts"
MEDIA = "rest_route=/wp/v2/media"
#: How many times the reporter runs ``newsdesk sync`` before it counts as a failure.
SYNCS = 6


class PublishKills:
    name = "publish"

    def __init__(self, quick: bool = False) -> None:
        self.quick = quick

    def setup(self, work: Path, rng: random.Random) -> None:
        from tests.wordpress.harness import WordPress, ensure_installed

        reason = ensure_installed()
        if reason is not None:
            raise RuntimeError(reason)
        self.work = work
        self.site = WordPress.start(work / "wordpress")
        self.proxy = FaultProxy(self.site.port).start()
        self.data = work / "data"
        added = cli(
            self.data,
            "site", "add", self.proxy.base_url, "--user", "reporter", "--name", SITE,
            "--password-stdin",
            stdin=self.site.reporter.app_password + "\n",
        )  # fmt: skip
        assert added.returncode == 0, added.stderr
        self.pool: list[str] = []
        self.startup = startup_time(self.data, work / "calibrate.log", 1 if self.quick else 3)
        article = self._next_article()
        self.seconds = timed(newsdesk_argv(self.data, "publish", article), work / "calibrate.log")
        assert len(self._posts(article)) == 1

    def _next_article(self) -> str:
        """A new article (its own marker), imported ten at a time to spare the starts."""
        if not self.pool:
            done = cli(self.data, "import", *[str(LAVROV)] * 10)
            assert done.returncode == 0, done.stderr
            self.pool = done.stdout.split()
        return self.pool.pop()

    def _posts(self, article: str) -> list[tuple[int, str]]:
        from tests.integration.publish_helpers import posts_with_marker

        return posts_with_marker(self.site, article)

    def kill_once(self, index: int, rng: random.Random) -> Outcome:
        article = self._next_article()
        body = _body(self.data, article)
        hold = rng.uniform(0.3, 1.5)
        fault = rng.choice(
            [
                None,
                Fault(Mode.TIMEOUT_AFTER, seconds=hold, method="POST", path_contains=POSTS),
                Fault(Mode.TIMEOUT_AFTER, seconds=hold, method="POST", path_contains=MEDIA),
                Fault(Mode.TIMEOUT_AFTER, seconds=hold, method="GET", path_contains=POSTS),
            ]
        )
        if fault is not None:
            self.proxy.add(fault)
        span = self.seconds + (hold if fault is not None else 0.0)
        delay = draw_delay(rng, index, self.startup, span)
        outcome = Outcome(self.name, delay, note=fault.mode.value if fault else "pass")
        log = self.work / f"kill-{index}.log"
        outcome.finished = not run_and_kill(
            newsdesk_argv(self.data, "publish", article), delay, log
        )
        self.proxy.wait_idle(10)
        self._clear_faults()
        outcome.failures = check_store(self.data)
        queued = _outbox_rows(self.data, article)
        outcome.note += f", {'queued' if queued else 'not queued'} at the kill"
        if not queued:
            # Killed before the action was even written: the reporter clicks again.
            again = cli(self.data, "publish", article)
            if again.returncode != 0:
                outcome.failures.append(f"publish again: {again.stderr.strip()[:300]}")
        for _ in range(SYNCS):
            if _state(self.data, article) == "on_site":
                break
            cli(self.data, "sync")
        state = _state(self.data, article)
        if state != "on_site":
            outcome.failures.append(f"after {SYNCS} syncs the article is {state}")
        posts = self._posts(article)
        if len(posts) != 1 or posts[0][1] != "publish":
            outcome.failures.append(f"posts on the site with its marker: {posts}")
        if _body(self.data, article) != body:
            outcome.failures.append("the article's words changed")
        log.unlink(missing_ok=True)
        return outcome

    def _clear_faults(self) -> None:
        # A fault no request reached is dropped: the restarted program meets a good line.
        with self.proxy._lock:
            self.proxy._scheduled.clear()

    def close(self) -> None:
        self.proxy.stop()
        self.site.stop()


def _state(data: Path, article: str) -> str:
    shown = cli(data, "status", article, "--json")
    if shown.returncode != 0:
        return f"unknown ({shown.stderr.strip()[:200]})"
    return str(json.loads(shown.stdout)["state"])


def _outbox_rows(data: Path, article: str) -> int:
    connection = sqlite3.connect(data / "newsdesk.sqlite3", timeout=10)
    try:
        row = connection.execute(
            "SELECT COUNT(*) FROM outbox WHERE article_id = ?", (article,)
        ).fetchone()
    finally:
        connection.close()
    return int(row[0])


def _body(data: Path, article: str) -> str:
    connection = sqlite3.connect(data / "newsdesk.sqlite3", timeout=10)
    try:
        row = connection.execute("SELECT body FROM articles WHERE id = ?", (article,)).fetchone()
    finally:
        connection.close()
    return "" if row is None else str(row[0])
