"""Finding a WordPress site's REST API root, and refusing to send credentials in clear."""

from __future__ import annotations

import ipaddress
from urllib.parse import urlsplit

import httpx

from newsdesk.core.errors import InsecureTransport, InvalidServerResponse, PublishingError

from .http import send_request

API_REL = "https://api.w.org/"


def is_loopback(host: str) -> bool:
    host = host.strip("[]").lower()
    # Not "*.localhost": a resolver may send those names to the network.
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def check_transport(url: str) -> None:
    """Refuse to send credentials in clear over a network: https, or this very machine."""
    parts = urlsplit(url)
    if parts.scheme == "https":
        return
    if parts.scheme == "http" and is_loopback(parts.hostname or ""):
        return
    raise InsecureTransport(
        f"refusing to send credentials to {parts.scheme}://{parts.hostname}: use https"
    )


def discover_api_root(site_url: str, client: httpx.Client) -> str:
    """Find the site's REST API root, as WordPress advertises it.

    The home page's ``Link: <...>; rel="https://api.w.org/"`` header first (it knows the
    permalink settings and any sub-folder install), then ``?rest_route=/``, which works
    on every WordPress even with plain permalinks. No credentials are sent here.
    """
    site_url = site_url.strip()
    if "://" not in site_url:
        site_url = "https://" + site_url
    home = send_request(client, "GET", site_url, follow_redirects=True)
    root = home.links.get(API_REL, {}).get("url")
    if root:
        root = str(home.url.join(root))
        if _looks_like_api_root(client, root):
            return root
    home_path = home.url.path if home.url.path.endswith("/") else home.url.path + "/"
    fallback = str(home.url.copy_with(path=home_path, query=None, fragment=None)) + "?rest_route=/"
    if _looks_like_api_root(client, fallback):
        return fallback
    raise InvalidServerResponse(
        f"{site_url} does not look like a WordPress site with its API on",
        InvalidServerResponse.NOT_WORDPRESS,
    )


def _looks_like_api_root(client: httpx.Client, root: str) -> bool:
    response = send_request(client, "GET", root, follow_redirects=True)
    if response.status_code != 200:
        return False
    try:
        index = response.json()
    except ValueError:
        return False
    return isinstance(index, dict) and "wp/v2" in (index.get("namespaces") or [])


def site_zone(client: httpx.Client, api_root: str) -> tuple[str, float | None] | None:
    """The zone the site declares in its REST index (readable without credentials):
    (``timezone_string``, ``gmt_offset`` in hours); None when the index cannot be read
    now or does not say. An offset WordPress gives as text ("1", "-2.5") is read too."""
    try:
        response = send_request(client, "GET", api_root, follow_redirects=True)
        index = response.json() if response.status_code == 200 else None
    except (PublishingError, ValueError):
        return None
    if not isinstance(index, dict):
        return None
    name = index.get("timezone_string")
    offset = index.get("gmt_offset")
    if isinstance(offset, str):
        try:
            offset = float(offset)
        except ValueError:
            offset = None
    if isinstance(offset, bool) or not isinstance(offset, int | float) or abs(offset) > 14:
        offset = None
    name = name.strip() if isinstance(name, str) else ""
    if not name and offset is None:
        return None
    return name, float(offset) if offset is not None else None
