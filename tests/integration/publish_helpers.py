"""Shared by the publishing tests against the real WordPress: a desk (store, keyring for
the session, the reporter's site) and the admin's view of the site, read straight from its
database or API, never through newsdesk's own client."""

from __future__ import annotations

import io
import random
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
from PIL import Image

from newsdesk import services
from newsdesk.core.article import Article
from newsdesk.credentials import SessionCredentialStore
from newsdesk.storage import outbox_repo as repo
from newsdesk.storage.outbox_repo import SiteInfo
from newsdesk.storage.store import Store
from newsdesk.sync import sites
from newsdesk.sync.worker import DrainReport, OutboxWorker
from tests.wordpress.harness import WordPress

LAVROV = Path(__file__).resolve().parents[1] / "fixtures" / "lavrov" / "article.md"
SITE = "actu"


@dataclass
class Clock:
    now: datetime = field(default_factory=lambda: datetime.now(UTC))

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


@dataclass
class Desk:
    store: Store
    wp: WordPress
    credentials: SessionCredentialStore
    site: SiteInfo
    clock: Clock = field(default_factory=Clock)

    def worker(self, seed: int = 3) -> OutboxWorker:
        factory = sites.publisher_factory(self.credentials)
        return OutboxWorker(self.store, factory, self.clock, rng=random.Random(seed))

    def drain(self) -> DrainReport:
        return self.worker().drain()

    def drain_until_settled(self, rounds: int = 40) -> list[DrainReport]:
        """Drain, jumping the clock past every backoff, until nothing is left to run."""
        reports = []
        for _ in range(rounds):
            report = self.drain()
            reports.append(report)
            live = [
                e
                for e in repo.list_entries(self.store)
                if e.state in (repo.QUEUED, repo.SENDING, repo.WAITING_NETWORK)
            ]
            if not live:
                return reports
            self.clock.advance(minutes=11)
        raise AssertionError(f"still not settled after {rounds} drains: {live}")

    def lavrov(self, **changes: object) -> Article:
        article = services.import_file(self.store, LAVROV)
        for key, value in changes.items():
            setattr(article, key, value)
        return self.store.save(article)


def make_desk(wp: WordPress, store: Store, api_root: str | None = None) -> Desk:
    credentials = SessionCredentialStore()
    if api_root is None:
        site = sites.add_site(
            store, credentials, wp.base_url, wp.reporter.username, wp.reporter.app_password, SITE
        )
    else:
        # Through a proxy: the site is recorded as discovered, pointing at the proxy.
        site = repo.insert_site(
            store,
            name=SITE,
            kind="wordpress",
            site_url=wp.base_url,
            api_root=api_root,
            username=wp.reporter.username,
            user_id=wp.reporter.user_id,
            display_name="",
            roles=["author"],
            can_publish=True,
        )
        credentials.set(SITE, wp.reporter.username, wp.reporter.app_password)
    return Desk(store=store, wp=wp, credentials=credentials, site=site)


# --- The admin's view ---------------------------------------------------------------------


def posts_with_marker(wp: WordPress, article_id: str) -> list[tuple[int, str]]:
    """(ID, status) of every post carrying the article's marker, in either of its forms
    (a leading comment, or the first block's attribute): drafts, trash and all."""
    rows = wp.query(
        "SELECT ID, post_status FROM wp_posts WHERE post_type = 'post' "
        f"AND (post_content LIKE '%newsdesk:{article_id}%' "
        f'OR post_content LIKE \'%"newsdesk":"{article_id}"%\') ORDER BY ID'
    )
    return [(int(i), s) for i, s in rows]


def attachments(wp: WordPress) -> int:
    rows = wp.query("SELECT COUNT(*) FROM wp_posts WHERE post_type = 'attachment'")
    return int(rows[0][0])


def admin_get(wp: WordPress, route: str, **params: str | int) -> Any:
    response = httpx.get(
        wp.api_url(route, {"context": "edit", **params}), auth=wp.admin.auth, timeout=30
    )
    response.raise_for_status()
    return response.json()


def as_editor(
    wp: WordPress, method: str, route: str, body: dict[str, Any], *, user: str = "editor"
) -> Any:
    """A request made on the site by someone else than newsdesk (in wp-admin, say)."""
    auth = wp.accounts[user].auth
    response = httpx.request(method, wp.api_url(route), json=body, auth=auth, timeout=30)
    response.raise_for_status()
    return response.json()


def term_names(wp: WordPress, kind: str, ids: list[int]) -> set[str]:
    import html

    found = admin_get(wp, f"/wp/v2/{kind}", per_page=100)
    return {html.unescape(t["name"]) for t in found if t["id"] in ids}


def served_image(wp: WordPress, media_id: int) -> tuple[Image.Image, dict[str, Any]]:
    media = admin_get(wp, f"/wp/v2/media/{media_id}")
    data = httpx.get(media["source_url"], timeout=30).content
    return Image.open(io.BytesIO(data)), media


def answer_approval_page(wp: WordPress, page: str, button: str = "approve") -> None:
    """Play the reporter's browser on WordPress's authorize-application page: log in,
    open ``page`` and press « approve » or « reject » (WordPress then redirects the
    browser to newsdesk's listener)."""
    import re
    from urllib.parse import parse_qs, urlsplit

    browser = httpx.Client(base_url=wp.base_url, timeout=30)
    try:
        browser.cookies.set("wordpress_test_cookie", "WP Cookie check")
        login = browser.post(
            "/wp-login.php",
            data={
                "log": wp.reporter.username,
                "pwd": wp.reporter.login_password,
                "wp-submit": "Log In",
                "testcookie": "1",
            },
        )
        assert login.status_code == 302, "the reporter could not log in to the test site"
        form = browser.get(page)
        assert form.status_code == 200
        nonce = re.search(r'name="_wpnonce" value="([^"]+)"', form.text)
        assert nonce, "no approval form on the page"
        asked = {key: values[0] for key, values in parse_qs(urlsplit(page).query).items()}
        done = browser.post(
            "/wp-admin/authorize-application.php",
            data={
                "_wpnonce": nonce.group(1),
                "action": "authorize_application_password",
                "app_name": asked["app_name"],
                "app_id": asked.get("app_id", ""),
                "success_url": asked.get("success_url", ""),
                "reject_url": asked.get("reject_url", ""),
                button: "1",
            },
            follow_redirects=True,
        )
        assert done.status_code == 200
    finally:
        browser.close()
