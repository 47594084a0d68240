"""Articles to and from what the store writes: JSON revisions, date columns, and a
field from its row's columns (``field_of_row``).

Dates keep their zone: a date written in Niamey (+01:00, Africa/Niamey) comes
back as the same wall-clock time in the same zone, not as UTC.

No SQLAlchemy here: the window's first read (``first_read``), made before the store's
libraries are imported, reads its row through these very functions.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta, timezone
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from newsdesk.core.article import FIELDS, IMAGE_KEYS, Article, FeaturedImage
from newsdesk.core.fields import Field, Kind

#: Bumped if the revision JSON ever changes shape; old revisions stay readable.
REVISION_FORMAT = 1
#: The store's times as fixed-width UTC text, so that text order is time order
#: (indexes sort on it).
UTC_FORMAT = "%Y-%m-%d %H:%M:%S.%f"


def utc_text(value: datetime) -> str:
    if value.tzinfo is None:
        raise ValueError("a stored time must be timezone-aware")
    return value.astimezone(UTC).strftime(UTC_FORMAT)


def _parse_stored(value: str) -> datetime:
    """A time as ``UTC_FORMAT`` wrote it (naive). ``fromisoformat`` reads that exact
    shape ten times faster than ``strptime`` (a page of the library parses 400 of
    them); anything else goes through ``strptime``, as strict as before."""
    if len(value) == 26 and value[10] == " ":
        return datetime.fromisoformat(value)
    return datetime.strptime(value, UTC_FORMAT)


def parse_utc_text(value: str) -> datetime:
    return _parse_stored(value).replace(tzinfo=UTC)


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
    moment = _parse_stored(utc)
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
    return {key: getattr(image, key) for key in IMAGE_KEYS}


def featured_from_json(value: dict[str, Any] | None) -> FeaturedImage | None:
    if value is None:
        return None
    return FeaturedImage(**{key: str(value.get(key, "")) for key in IMAGE_KEYS})


def field_of_row(field: Field, row: Any) -> Any:
    """The value of ``field`` from a row of ``articles``: anything with its columns as
    attributes, the store's times (``created_at``...) already read as aware datetimes."""
    name = field.name
    match field.kind:
        case Kind.TEXT | Kind.ID | Kind.MOMENT | Kind.COUNTER:
            return getattr(row, name)
        case Kind.ENUM:
            assert field.enum is not None
            return field.enum(getattr(row, name))
        case Kind.NAMES:
            return list(json.loads(getattr(row, f"{name}_json")))
        case Kind.IMAGE:
            stored = getattr(row, f"{name}_json")
            return None if stored is None else featured_from_json(json.loads(stored))
        case Kind.DATA:
            return dict(json.loads(getattr(row, f"{name}_json")))
        case Kind.DATE:
            return decode_date(
                getattr(row, f"{name}_utc"),
                getattr(row, f"{name}_offset_seconds"),
                getattr(row, f"{name}_zone"),
            )


def _to_json(field: Field, value: Any) -> Any:
    match field.kind:
        case Kind.NAMES:
            return list(value)
        case Kind.DATE:
            return _date_to_json(value)
        case Kind.ENUM:
            return value.value
        case Kind.IMAGE:
            return featured_to_json(value)
        case Kind.MOMENT:
            return value.astimezone(UTC).strftime(UTC_FORMAT)
        case Kind.TEXT | Kind.ID | Kind.COUNTER | Kind.DATA:
            return value


def _from_json(field: Field, data: dict[str, Any]) -> Any:
    match field.kind:
        case Kind.NAMES:
            return list(data[field.name])
        case Kind.DATE:
            return _date_from_json(data[field.name])
        case Kind.ENUM:
            assert field.enum is not None
            return field.enum(data[field.name])
        case Kind.IMAGE:
            return featured_from_json(data[field.name])
        case Kind.MOMENT:
            return datetime.strptime(data[field.name], UTC_FORMAT).replace(tzinfo=UTC)
        case Kind.COUNTER:
            return int(data[field.name])
        case Kind.DATA:
            # Lenient, as it always was: a revision without it has no unknown keys.
            return dict(data.get(field.name) or {})
        case Kind.TEXT | Kind.ID:
            return data[field.name]


def article_to_json(article: Article) -> str:
    """One revision: every field of the article (see ``core.article.FIELDS``)."""
    data: dict[str, Any] = {"format": REVISION_FORMAT}
    for field in FIELDS:
        data[field.name] = _to_json(field, getattr(article, field.name))
    # default=str: ``extra`` holds whatever front matter came in (YAML dates...);
    # keeping a readable form beats refusing to save the reporter's work.
    return json.dumps(data, ensure_ascii=False, default=str, sort_keys=True)


def article_from_json(text: str) -> Article:
    data = json.loads(text)
    return Article(**{field.name: _from_json(field, data) for field in FIELDS})


def copy_article(article: Article) -> Article:
    """A deep copy that went through exactly what the store keeps."""
    return article_from_json(article_to_json(article))
