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

from newsdesk.core.article import Article, FeaturedImage, Language, Status
from newsdesk.core.errors import InvalidDocument
from newsdesk.core.folding import fold
from newsdesk.core.rules import article_word_count

from .models import ArticleRow, ArticleTagRow, Base, TagRow
from .serialize import (
    article_to_json,
    copy_article,
    decode_date,
    encode_date,
    featured_from_json,
    featured_to_json,
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


def row_values(article: Article) -> dict[str, Any]:
    """Column values for an article (everything but pk, revision and times)."""
    date_utc, offset, zone = encode_date(article.date)
    return {
        "id": article.id,
        "title": article.title,
        "standfirst": article.standfirst,
        "body": article.body,
        "category": article.category,
        "byline": article.byline,
        "source": article.source,
        "dateline": article.dateline,
        "slug": article.slug,
        "language": article.language.value,
        "status": article.status.value,
        "tags_json": json.dumps(list(article.tags), ensure_ascii=False),
        "featured_image_json": (
            None
            if article.featured_image is None
            else json.dumps(featured_to_json(article.featured_image), ensure_ascii=False)
        ),
        "extra_json": json.dumps(article.extra, ensure_ascii=False, default=str),
        "date_utc": date_utc,
        "date_offset_seconds": offset,
        "date_zone": zone,
        # The same count as the editor's status bar, so the list agrees with it.
        "word_count": article_word_count(article),
    }


def article_of_row(row: ArticleRow) -> Article:
    featured: FeaturedImage | None = None
    if row.featured_image_json is not None:
        featured = featured_from_json(json.loads(row.featured_image_json))
    return Article(
        id=row.id,
        title=row.title,
        standfirst=row.standfirst,
        body=row.body,
        category=row.category,
        tags=list(json.loads(row.tags_json)),
        byline=row.byline,
        source=row.source,
        dateline=row.dateline,
        date=decode_date(row.date_utc, row.date_offset_seconds, row.date_zone),
        language=Language(row.language),
        slug=row.slug,
        status=Status(row.status),
        featured_image=featured,
        created_at=row.created_at,
        updated_at=row.updated_at,
        revision=row.revision,
        extra=dict(json.loads(row.extra_json)),
    )


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
