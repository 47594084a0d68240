"""Whether an address is a Ghost site: Ghost answers ``GET /ghost/api/admin/site/``
without credentials, with its title, its address, its time zone and its version."""

from __future__ import annotations

from typing import Any

import httpx

from newsdesk.core.errors import PublishingError
from newsdesk.publishing.wordpress.http import send_request

from .http import ACCEPT_VERSION, admin_root


def ghost_site(site_url: str, client: httpx.Client) -> dict[str, Any] | None:
    """What a Ghost site says of itself (no credentials sent); None when it is not one."""
    try:
        response = send_request(
            client,
            "GET",
            admin_root(site_url) + "/site/",
            follow_redirects=True,
            headers={"Accept": "application/json", "Accept-Version": ACCEPT_VERSION},
        )
    except PublishingError:
        return None
    if response.status_code != 200:
        return None
    try:
        site = response.json().get("site")
    except (ValueError, AttributeError):
        return None
    if isinstance(site, dict) and isinstance(site.get("version"), str):
        return site
    return None


def is_ghost(site_url: str, client: httpx.Client) -> bool:
    return ghost_site(site_url, client) is not None
