"""A real store, an in-memory keyring, and the in-memory WordPress of the publishing tests
behind the real WordPress client: the outbox is tested through the same code that talks
to a real site, with faults injected at the HTTP level."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import pytest

from newsdesk import services
from newsdesk.core.article import Article
from newsdesk.credentials import CredentialStore
from newsdesk.paths import Paths
from newsdesk.publishing.base import Publisher, SiteAccount
from newsdesk.publishing.wordpress import WordPressPublisher
from newsdesk.storage.outbox_repo import SiteInfo
from newsdesk.storage.store import Store
from newsdesk.sync import sites
from newsdesk.sync.worker import OutboxWorker
from tests.memory_keyring import MemoryKeyring
from tests.unit.publishing.fake_wordpress import PASSWORD, FakeWordPress

LAVROV = Path(__file__).resolve().parents[2] / "fixtures" / "lavrov" / "article.md"


class Crash(BaseException):
    """The program dying mid-request: not an Exception, so nothing catches it."""


@dataclass
class Clock:
    now: datetime

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


@dataclass
class Desk:
    store: Store
    wp: FakeWordPress
    keyring: MemoryKeyring
    credentials: CredentialStore
    site: SiteInfo
    clock: Clock

    def publisher(self, account: SiteAccount, password: str) -> Publisher:
        return WordPressPublisher(account, password, transport=self.wp.transport())

    def worker(self) -> OutboxWorker:
        import random

        factory = sites.publisher_factory(self.credentials, publisher_maker=self.publisher)
        return OutboxWorker(self.store, factory, self.clock, rng=random.Random(7))

    def article(self, **changes: object) -> Article:
        article = services.import_file(self.store, LAVROV)
        # Tags the fake site knows, and one it creates for the author.
        article.tags = ["Mali", "Russie"]
        for key, value in changes.items():
            setattr(article, key, value)
        return self.store.save(article)

    def creates(self) -> int:
        return sum(
            1
            for r in self.wp.requests
            if r.method == "POST" and r.url.path.endswith("/wp/v2/posts")
        )

    def uploads(self) -> int:
        return sum(
            1
            for r in self.wp.requests
            if r.method == "POST" and r.url.path.endswith("/wp/v2/media")
        )


def fault_on(
    method: str, route_end: str, action: Callable[[httpx.Request], httpx.Response | None]
) -> Callable[[httpx.Request], httpx.Response | None]:
    def fault(request: httpx.Request) -> httpx.Response | None:
        if request.method == method and request.url.path.endswith(route_end):
            return action(request)
        return None

    return fault


@pytest.fixture
def desk(paths: Paths) -> Iterator[Desk]:
    wp = FakeWordPress()
    wp.terms["tags"] = {20: "Mali", 21: "Russie"}
    backend = MemoryKeyring()
    credentials = CredentialStore(backend)
    store = Store.open(paths)
    clock = Clock(datetime(2026, 11, 27, 10, 0, tzinfo=UTC))

    def client() -> httpx.Client:
        return httpx.Client(transport=wp.transport())

    desk = Desk(store, wp, backend, credentials, None, clock)  # type: ignore[arg-type]
    desk.site = sites.add_site(
        store,
        credentials,
        wp.base,
        "reporter",
        PASSWORD,
        name="actu",
        client_factory=client,
        publisher_maker=desk.publisher,
    )
    try:
        yield desk
    finally:
        store.close()
