"""Reading the site's answers: posts, media, terms and dates, checked field by field.

Anything that is not what WordPress documents raises ``InvalidServerResponse``: a
captive portal's page or a half-written answer never becomes a post.
"""

from __future__ import annotations

import html
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

from newsdesk.core.errors import InvalidServerResponse
from newsdesk.publishing.base import MediaRef, RemotePost
from newsdesk.publishing.marker import extract_marker


def parse_gmt(value: object) -> datetime | None:
    """WordPress gives ``YYYY-MM-DDTHH:MM:SS``, naive GMT; null on undated drafts."""
    if value in (None, "", "0000-00-00T00:00:00"):
        return None
    if not isinstance(value, str):
        raise InvalidServerResponse(f"a date that is not a string: {value!r}")
    try:
        parsed = datetime.fromisoformat(value.rstrip("Z"))
    except ValueError as exc:
        raise InvalidServerResponse(f"a date newsdesk cannot read: {value!r}") from exc
    return parsed.replace(tzinfo=UTC) if parsed.tzinfo is None else parsed.astimezone(UTC)


def format_gmt(value: datetime) -> str:
    if value.tzinfo is None:
        raise ValueError("publication dates must be timezone-aware")
    return value.astimezone(UTC).replace(tzinfo=None, microsecond=0).isoformat()


def required_field(obj: Mapping[str, Any], key: str, kind: type | tuple[type, ...]) -> Any:
    value = obj.get(key)
    if not isinstance(value, kind) or (isinstance(value, bool) and kind is int):
        raise InvalidServerResponse(f"the site's answer has no valid {key!r}")
    return value


def _raw(obj: Mapping[str, Any], key: str) -> str:
    """``{"raw": ..., "rendered": ...}`` in context=edit; only ``rendered`` otherwise."""
    value = obj.get(key)
    if isinstance(value, dict):
        raw = value.get("raw", value.get("rendered", ""))
        if isinstance(raw, str):
            return raw
    if isinstance(value, str):
        return value
    raise InvalidServerResponse(f"the site's answer has no valid {key!r}")


def _int_list(obj: Mapping[str, Any], key: str) -> list[int]:
    value = obj.get(key, [])
    if not isinstance(value, list) or not all(
        isinstance(v, int) and not isinstance(v, bool) for v in value
    ):
        raise InvalidServerResponse(f"the site's answer has no valid {key!r}")
    return list(value)


def parse_post(obj: object) -> RemotePost:
    if not isinstance(obj, dict):
        raise InvalidServerResponse("the site's answer is not a post")
    marker, content = extract_marker(_raw(obj, "content"))
    return RemotePost(
        remote_id=required_field(obj, "id", int),
        status=required_field(obj, "status", str),
        link=required_field(obj, "link", str),
        slug=required_field(obj, "slug", str),
        title_html=_raw(obj, "title"),
        content_html=content,
        excerpt_html=_raw(obj, "excerpt"),
        date_gmt=parse_gmt(obj.get("date_gmt")),
        modified_gmt=parse_gmt(obj.get("modified_gmt")),
        categories=_int_list(obj, "categories"),
        tags=_int_list(obj, "tags"),
        featured_media=required_field(obj, "featured_media", int)
        if obj.get("featured_media")
        else 0,
        marker=marker,
        author_name=_author_name(obj),
    )


def _author_name(obj: Mapping[str, Any]) -> str:
    """The embedded author's display name; "" when the site did not embed one (or
    embedded an error: a user the account may not see)."""
    embedded = obj.get("_embedded")
    authors = embedded.get("author") if isinstance(embedded, dict) else None
    if isinstance(authors, list) and authors and isinstance(authors[0], dict):
        name = authors[0].get("name")
        if isinstance(name, str):
            return name
    return ""


def parse_media(obj: object) -> MediaRef:
    if not isinstance(obj, dict):
        raise InvalidServerResponse("the site's answer is not a media")
    return MediaRef(
        remote_id=required_field(obj, "id", int), url=required_field(obj, "source_url", str)
    )


def checked_kind(kind: str) -> str:
    if kind not in ("categories", "tags"):
        raise ValueError(f"unknown term kind: {kind!r}")
    return kind


def parse_term(obj: object) -> tuple[int, str]:
    if not isinstance(obj, dict):
        raise InvalidServerResponse("the site's answer is not a term")
    return required_field(obj, "id", int), html.unescape(required_field(obj, "name", str))
