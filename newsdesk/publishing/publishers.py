"""The registry: which Publisher speaks to which kind of site.

One line per site API. A new API (Ghost, Joomla, Micropub) is one module implementing
:class:`~newsdesk.publishing.base.Publisher` and one entry here.
"""

from __future__ import annotations

from collections.abc import Callable

import httpx

from newsdesk.publishing.base import Publisher, SiteAccount
from newsdesk.publishing.ghost import GhostPublisher
from newsdesk.publishing.wordpress import WordPressPublisher

Factory = Callable[..., Publisher]

_FACTORIES: dict[str, Factory] = {
    "wordpress": WordPressPublisher,
    # Ghost 6's Admin API; the "password" is the Admin API key (id:secret).
    "ghost": GhostPublisher,
}


def kinds() -> list[str]:
    return sorted(_FACTORIES)


def for_account(
    account: SiteAccount, password: str, *, transport: httpx.BaseTransport | None = None
) -> Publisher:
    """A publisher for ``account``. ``transport`` lets tests (and fault proxies) sit in
    between; left out, a real network transport is used. Raises ``InsecureTransport``
    for credentials over http:// to another machine, ``ValueError`` for an unknown kind."""
    try:
        factory = _FACTORIES[account.kind]
    except KeyError:
        raise ValueError(f"no publisher for sites of kind {account.kind!r}") from None
    return factory(account, password, transport=transport)
