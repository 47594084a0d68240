"""The composition root: the one module that builds what both faces of newsdesk use.

The window (``app.py``) and the command line take a :class:`Context` from here:
where the data is, the settings, and the factories for everything that touches
the outside world: the store, the password store, the publishers and the outbox
worker. Nothing else constructs a ``Store``, a credential store or an
``OutboxWorker``; tests build their own context on a temporary data folder.

No Qt here (the window adds its database lane on top, in ``app.py``), and the
dear imports (SQLAlchemy, keyring, httpx) happen only when a factory is called:
start-up must not pay for them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from newsdesk.paths import Paths

if TYPE_CHECKING:
    from newsdesk.core.article import Article
    from newsdesk.credentials import Credentials
    from newsdesk.publishing.base import Publisher, SiteAccount
    from newsdesk.storage.store import Store
    from newsdesk.sync.worker import OutboxWorker


def open_credentials() -> Credentials:
    """The OS keyring; raises ``KeyringUnavailable`` when there is no safe one (the
    window then offers to keep the password for this session only)."""
    from newsdesk.credentials import CredentialStore

    return CredentialStore()


def session_credentials() -> Credentials:
    """Passwords kept in memory for this session only: only when the reporter accepts it."""
    from newsdesk.credentials import SessionCredentialStore

    return SessionCredentialStore()


@dataclass
class Context:
    """What the window and the command line need from the rest of newsdesk."""

    paths: Paths
    settings: Any
    # Opens the password store; slow (the OS keyring) and may fail with
    # KeyringUnavailable: the window calls it off the interface thread, once.
    credentials: Callable[[], Credentials] = open_credentials
    # The store kept in memory for this session, when the keyring failed and the
    # reporter accepted it.
    session_credentials: Callable[[], Credentials] = session_credentials
    # The window's database lane (``ui.tasks.DbWorker``), added by ``app.py``: a Qt
    # thread cannot be built here. The command line has none.
    db: Any = field(default=None)

    def open_store(self) -> Store:
        """A new Store on the data folder; the caller closes it."""
        # Imported here: SQLAlchemy's import is the dearest part of start-up.
        from newsdesk.storage.store import Store

        return Store.open(self.paths)

    def first_article(self, article_id: str) -> Article | None:
        """The article ``article_id`` as stored, read without opening the store (no
        SQLAlchemy); None whenever it cannot be read that way (see
        ``storage.first_read``). For the window's first second only."""
        from newsdesk.storage.first_read import read_article

        return read_article(self.paths, article_id)

    def publisher_factory(self, credentials: Credentials) -> Callable[[SiteAccount], Publisher]:
        """What finds a site's publisher, its password taken from ``credentials``."""
        from newsdesk.sync import sites

        return sites.publisher_factory(credentials)

    def make_worker(self, store: Store, credentials: Credentials | None = None) -> OutboxWorker:
        """The worker that drains the outbox of ``store``; ``credentials`` defaults to
        the keyring (``KeyringUnavailable`` when there is none)."""
        from newsdesk.sync.worker import OutboxWorker

        if credentials is None:
            credentials = self.credentials()
        return OutboxWorker(store, self.publisher_factory(credentials))


def build_context(
    paths: Paths,
    settings: Any = None,
    credentials: Callable[[], Credentials] | None = None,
) -> Context:
    """The context on the data folder ``paths`` (created when missing); ``settings``
    and ``credentials`` are for tests that bring their own."""
    paths.ensure()
    if settings is None:
        from newsdesk.settings import Settings

        settings = Settings.load(paths)
    return Context(paths=paths, settings=settings, credentials=credentials or open_credentials)


__all__ = ["Context", "build_context", "open_credentials", "session_credentials"]
