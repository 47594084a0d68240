"""The invisible mark that ties a post on the site to the newsdesk article it came from.

WordPress has no idempotency key: when the answer to a create is lost, the only way to
know whether the post exists is to find it. The mark must survive an editor changing the
title or the slug, and an Author's HTML filtering (kses keeps HTML comments: the block
editor's ``<!-- wp:paragraph -->`` rely on it; the integration tests prove it on a real
site). It sits first in the content, where editors never type.
"""

from __future__ import annotations

import re

_UUID = r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}"
MARKER_RE = re.compile(rf"<!--\s*newsdesk:({_UUID})\s*-->[ \t]*\n?")


def validate_marker(marker: str) -> str:
    """Only an article UUID is a marker: anything else could break out of the comment."""
    if not re.fullmatch(_UUID, marker):
        raise ValueError(f"not an article id: {marker!r}")
    return marker.lower()


def embed_marker(content_html: str, marker: str) -> str:
    """``content_html`` with the marker first (and any older marker taken out)."""
    marker = validate_marker(marker)
    return f"<!-- newsdesk:{marker} -->\n{strip_marker(content_html)}"


def extract_marker(content_html: str) -> tuple[str | None, str]:
    """(marker or None, content without any marker)."""
    found = MARKER_RE.search(content_html)
    return (found.group(1).lower() if found else None, strip_marker(content_html))


def strip_marker(content_html: str) -> str:
    return MARKER_RE.sub("", content_html)
