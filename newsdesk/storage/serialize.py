"""Articles to and from what the store writes: JSON revisions and date columns.

Dates keep their zone: a date written in Niamey (+01:00, Africa/Niamey) comes
back as the same wall-clock time in the same zone, not as UTC.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta, timezone
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from newsdesk.core.article import Article, FeaturedImage, Language, Status

from .models import UTC_FORMAT

#: Bumped if the revision JSON ever changes shape; old revisions stay readable.
REVISION_FORMAT = 1


def encode_date(value: datetime | None) -> tuple[str | None, int | None, str | None]:
    """``(utc_text, offset_seconds, zone_key)`` for the three date columns."""
    if value is None:
        return None, None, None
    offset = value.utcoffset()
    if offset is None:
        # A naive date is kept as given (the article rules flag it); it is
        # never silently assigned a zone here.
        return value.strftime(UTC_FORMAT), None, None
    zone = value.tzinfo.key if isinstance(value.tzinfo, ZoneInfo) else None
    return value.astimezone(UTC).strftime(UTC_FORMAT), int(offset.total_seconds()), zone


def decode_date(utc: str | None, offset_seconds: int | None, zone: str | None) -> datetime | None:
    if utc is None:
        return None
    moment = datetime.strptime(utc, UTC_FORMAT)
    if offset_seconds is None:
        return moment
    moment = moment.replace(tzinfo=UTC)
    if zone:
        try:
            return moment.astimezone(ZoneInfo(zone))
        except (ZoneInfoNotFoundError, ValueError):
            pass  # a zone this machine lacks: the fixed offset still gives the right time
    return moment.astimezone(timezone(timedelta(seconds=offset_seconds)))


def _date_to_json(value: datetime | None) -> dict[str, Any] | None:
    utc, offset, zone = encode_date(value)
    if utc is None:
        return None
    return {"utc": utc, "offset": offset, "zone": zone}


def _date_from_json(value: dict[str, Any] | None) -> datetime | None:
    if value is None:
        return None
    return decode_date(value["utc"], value.get("offset"), value.get("zone"))


def featured_to_json(image: FeaturedImage | None) -> dict[str, str] | None:
    if image is None:
        return None
    return {"path": image.path, "caption": image.caption, "credit": image.credit, "alt": image.alt}


def featured_from_json(value: dict[str, Any] | None) -> FeaturedImage | None:
    if value is None:
        return None
    return FeaturedImage(
        path=str(value.get("path", "")),
        caption=str(value.get("caption", "")),
        credit=str(value.get("credit", "")),
        alt=str(value.get("alt", "")),
    )


def article_to_json(article: Article) -> str:
    data: dict[str, Any] = {
        "format": REVISION_FORMAT,
        "id": article.id,
        "title": article.title,
        "standfirst": article.standfirst,
        "body": article.body,
        "category": article.category,
        "tags": list(article.tags),
        "byline": article.byline,
        "source": article.source,
        "dateline": article.dateline,
        "date": _date_to_json(article.date),
        "language": article.language.value,
        "slug": article.slug,
        "status": article.status.value,
        "featured_image": featured_to_json(article.featured_image),
        "created_at": article.created_at.astimezone(UTC).strftime(UTC_FORMAT),
        "updated_at": article.updated_at.astimezone(UTC).strftime(UTC_FORMAT),
        "revision": article.revision,
        "extra": article.extra,
    }
    # default=str: ``extra`` holds whatever front matter came in (YAML dates...);
    # keeping a readable form beats refusing to save the reporter's work.
    return json.dumps(data, ensure_ascii=False, default=str, sort_keys=True)


def article_from_json(text: str) -> Article:
    data = json.loads(text)
    return Article(
        id=data["id"],
        title=data["title"],
        standfirst=data["standfirst"],
        body=data["body"],
        category=data["category"],
        tags=list(data["tags"]),
        byline=data["byline"],
        source=data["source"],
        dateline=data["dateline"],
        date=_date_from_json(data["date"]),
        language=Language(data["language"]),
        slug=data["slug"],
        status=Status(data["status"]),
        featured_image=featured_from_json(data["featured_image"]),
        created_at=datetime.strptime(data["created_at"], UTC_FORMAT).replace(tzinfo=UTC),
        updated_at=datetime.strptime(data["updated_at"], UTC_FORMAT).replace(tzinfo=UTC),
        revision=int(data["revision"]),
        extra=dict(data.get("extra") or {}),
    )


def copy_article(article: Article) -> Article:
    """A deep copy that went through exactly what the store keeps."""
    return article_from_json(article_to_json(article))
