"""The WordPress REST API (v2) behind :class:`~newsdesk.publishing.base.Publisher`.

- ``http.py``: the HTTP client, one request (``_call``), the site's errors mapped to
  newsdesk's typed errors, URLs under either form of API root;
- ``discovery.py``: finding the API root, refusing credentials in clear;
- ``parsing.py``: reading posts, media, terms and dates out of the site's answers;
- ``publisher.py``: :class:`WordPressPublisher`, the Publisher itself.

Every name imported from ``newsdesk.publishing.wordpress`` before it became a package
is still here.
"""

from __future__ import annotations

from .discovery import API_REL, check_transport, discover_api_root, is_loopback, site_zone
from .http import TIMEOUT, UPLOAD_TIMEOUT, USER_AGENT, RestClient, endpoint_url, send_request
from .parsing import parse_post
from .publisher import WordPressPublisher, media_filename, media_stem

__all__ = [
    "API_REL",
    "TIMEOUT",
    "UPLOAD_TIMEOUT",
    "USER_AGENT",
    "RestClient",
    "WordPressPublisher",
    "check_transport",
    "discover_api_root",
    "endpoint_url",
    "is_loopback",
    "media_filename",
    "media_stem",
    "parse_post",
    "send_request",
    "site_zone",
]
