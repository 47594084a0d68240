"""How an article is laid out in the store's rows: the one translation both ways.

Columns from an :class:`~newsdesk.core.article.Article` (``row_values``), an
article from its row (``article_of_row``), a list row's summary
(``summary_of``), the full-text index's values (``fts_values``). The article
room, the revisions room and the search room all read and write through these.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select, text

from newsdesk.core.article import FIELDS, Article, Status
from newsdesk.core.errors import InvalidDocument
from newsdesk.core.fields import Field, Kind
from newsdesk.core.folding import fold
from newsdesk.core.rules import article_word_count

from .models import ArticleRow, ArticleTagRow, Base, TagRow
from .serialize import (
    article_to_json,
    copy_article,
    decode_date,
    encode_date,
    featured_to_json,
    field_of_row,
)


@dataclass(frozen=True)
class ArticleSummary:
    """What a list row shows; cheap to load by the hundred."""

    id: str
    title: str
    status: Status
    category: str
    tags: list[str]
    date: datetime | None
    updated_at: datetime
    word_count: int
    revision: int
    byline: str


#: Where a page of the listing ended: the last row's ``updated_at`` (as stored, UTC
#: text) and its key. Plain data, so it crosses from the database worker as it is.
PageCursor = tuple[str, int]


@dataclass(frozen=True)
class ListPage:
    """One page of the listing (``Store.list_page``)."""

    summaries: list[ArticleSummary]
    #: Where the next page starts; None when this page is the last.
    next: PageCursor | None


#: Core tables, for executemany inserts that skip the ORM's per-row work.
TABLES = Base.metadata.tables

SUMMARY_COLUMNS = (
    ArticleRow.id,
    ArticleRow.title,
    ArticleRow.status,
    ArticleRow.category,
    ArticleRow.tags_json,
    ArticleRow.date_utc,
    ArticleRow.date_offset_seconds,
    ArticleRow.date_zone,
    ArticleRow.updated_at,
    ArticleRow.word_count,
    ArticleRow.revision,
    ArticleRow.byline,
)


def summary_of(row: Any) -> ArticleSummary:
    return ArticleSummary(
        id=row.id,
        title=row.title,
        status=Status(row.status),
        category=row.category,
        tags=list(json.loads(row.tags_json)),
        date=decode_date(row.date_utc, row.date_offset_seconds, row.date_zone),
        updated_at=row.updated_at,
        word_count=row.word_count,
        revision=row.revision,
        byline=row.byline,
    )


#: The fields a row is written from: the times and the revision are the store's own
#: (``storage.articles`` sets them on each save).
_WRITTEN = tuple(f for f in FIELDS if f.kind not in (Kind.MOMENT, Kind.COUNTER))


def _columns(field: Field, value: Any) -> dict[str, Any]:
    """A field's columns: its name for text and enums; ``<name>_json`` for lists, the
    image and unknown keys; ``<name>_utc``, ``_offset_seconds`` and ``_zone`` for a date."""
    name = field.name
    match field.kind:
        case Kind.TEXT | Kind.ID:
            return {name: value}
        case Kind.ENUM:
            return {name: value.value}
        case Kind.NAMES:
            return {f"{name}_json": json.dumps(list(value), ensure_ascii=False)}
        case Kind.IMAGE:
            image = None if value is None else featured_to_json(value)
            return {
                f"{name}_json": None if image is None else json.dumps(image, ensure_ascii=False)
            }
        case Kind.DATA:
            return {f"{name}_json": json.dumps(value, ensure_ascii=False, default=str)}
        case Kind.DATE:
            utc, offset, zone = encode_date(value)
            return {f"{name}_utc": utc, f"{name}_offset_seconds": offset, f"{name}_zone": zone}
        case Kind.MOMENT | Kind.COUNTER:  # pragma: no cover - not in ``_WRITTEN``
            raise AssertionError(f"{name} is the store's to write")


def row_values(article: Article) -> dict[str, Any]:
    """Column values for an article (everything but pk, revision and times)."""
    values: dict[str, Any] = {}
    for field in _WRITTEN:
        values.update(_columns(field, getattr(article, field.name)))
    # The same count as the editor's status bar, so the list agrees with it.
    values["word_count"] = article_word_count(article)
    return values


def article_of_row(row: ArticleRow) -> Article:
    return Article(**{field.name: field_of_row(field, row) for field in FIELDS})


def storable(article: Article) -> Article:
    """A private copy of ``article``, or InvalidDocument if SQLite cannot hold its text.

    Text with lone surrogates (half of an emoji cut by a bad paste) cannot be
    encoded to UTF-8: refused with a clear error before anything is written.
    """
    try:
        article_to_json(article).encode("utf-8")
    except UnicodeEncodeError as error:
        raise InvalidDocument(
            f"text with an invalid character at position {error.start} cannot be stored"
        ) from error
    return copy_article(article)


def tagged(tag: str) -> Any:
    return (
        select(ArticleTagRow.article_pk)
        .join(TagRow, TagRow.id == ArticleTagRow.tag_id)
        .where(TagRow.key == fold(tag))
    )


# Not derived from ``core.article.FIELDS``: the index holds the few fields worth
# searching, as its migration (0002_fts) declared them, and a new field joins it only
# with a migration of its own.
def fts_values(pk: int, article: Article) -> dict[str, Any]:
    return {
        "pk": pk,
        "title": article.title,
        "standfirst": article.standfirst,
        "body": article.body,
        "tags": " ".join(article.tags),
        "byline": article.byline,
    }


#: A row of the full-text index, with the values of ``fts_values``.
FTS_INSERT = text(
    "INSERT INTO articles_fts(rowid, title, standfirst, body, tags, byline) "
    "VALUES (:pk, :title, :standfirst, :body, :tags, :byline)"
)
