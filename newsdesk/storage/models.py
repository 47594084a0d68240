"""The tables of the local store, as typed SQLAlchemy models.

The schema itself is owned by the Alembic migrations in ``migrations/``: these
models describe it for queries and must follow the latest migration (a test
compares them). The full-text index ``articles_fts`` is an FTS5 virtual table
and has no model; ``fulltext.py`` speaks to it in SQL.

Room for what comes next: per-site remote state, the outbox, sites and a terms
cache hang off ``articles.pk`` / ``articles.id`` in tables of their own, so
the article rows never need to know about publishing.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, Integer, String, Text
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.types import TypeDecorator

from .serialize import parse_utc_text, utc_text


class UTCDateTime(TypeDecorator[datetime]):
    """An aware datetime kept as fixed-width UTC text: sortable, no driver quirks."""

    impl = String(26)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> str | None:
        return None if value is None else utc_text(value)

    def process_result_value(self, value: str | None, dialect: Dialect) -> datetime | None:
        return None if value is None else parse_utc_text(value)


class Base(DeclarativeBase):
    pass


class ArticleRow(Base):
    """The current state of an article. Older states live in ``revisions``."""

    __tablename__ = "articles"

    # An integer key of our own: the FTS rowid and the link tables point at it,
    # and unlike SQLite's implicit rowid it survives VACUUM.
    pk: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    id: Mapped[str] = mapped_column(String(36), unique=True)
    title: Mapped[str] = mapped_column(Text, default="")
    standfirst: Mapped[str] = mapped_column(Text, default="")
    body: Mapped[str] = mapped_column(Text, default="")
    category: Mapped[str] = mapped_column(Text, default="")
    byline: Mapped[str] = mapped_column(Text, default="")
    source: Mapped[str] = mapped_column(Text, default="")
    dateline: Mapped[str] = mapped_column(Text, default="")
    slug: Mapped[str] = mapped_column(Text, default="")
    language: Mapped[str] = mapped_column(String(8))
    status: Mapped[str] = mapped_column(String(16))
    #: The article's own spelling and order of its tags; ``article_tags`` is the index.
    tags_json: Mapped[str] = mapped_column(Text, default="[]")
    featured_image_json: Mapped[str | None] = mapped_column(Text, nullable=True)
    extra_json: Mapped[str] = mapped_column(Text, default="{}")
    #: Publication date in UTC (or as given, when the date came without a zone).
    date_utc: Mapped[str | None] = mapped_column(String(26), nullable=True)
    #: Offset of the original date from UTC; NULL with a date means a naive date.
    date_offset_seconds: Mapped[int | None] = mapped_column(Integer, nullable=True)
    #: IANA zone name when the date carried one (Africa/Niamey), so it survives.
    date_zone: Mapped[str | None] = mapped_column(String(64), nullable=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)
    revision: Mapped[int] = mapped_column(Integer)
    word_count: Mapped[int] = mapped_column(Integer, default=0)
    #: Set when moved to the trash: hidden from lists and search, still recoverable.
    deleted_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)

    __table_args__ = (
        Index("ix_articles_live_updated", "deleted_at", "updated_at"),
        Index("ix_articles_status_updated", "status", "updated_at"),
        Index("ix_articles_category", "category"),
    )


class TagRow(Base):
    __tablename__ = "tags"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    name: Mapped[str] = mapped_column(Text, unique=True)
    #: Case- and accent-folded name: the filter matches « Sénégal » and « senegal ».
    key: Mapped[str] = mapped_column(Text, index=True)


class ArticleTagRow(Base):
    __tablename__ = "article_tags"

    article_pk: Mapped[int] = mapped_column(
        ForeignKey("articles.pk", ondelete="CASCADE"), primary_key=True
    )
    position: Mapped[int] = mapped_column(Integer, primary_key=True)
    tag_id: Mapped[int] = mapped_column(ForeignKey("tags.id", ondelete="CASCADE"))

    __table_args__ = (Index("ix_article_tags_tag", "tag_id", "article_pk"),)


class RevisionRow(Base):
    """One saved state of an article, complete: restoring needs nothing else."""

    __tablename__ = "revisions"

    article_pk: Mapped[int] = mapped_column(
        ForeignKey("articles.pk", ondelete="CASCADE"), primary_key=True
    )
    revision: Mapped[int] = mapped_column(Integer, primary_key=True)
    saved_at: Mapped[datetime] = mapped_column(UTCDateTime)
    title: Mapped[str] = mapped_column(Text)
    word_count: Mapped[int] = mapped_column(Integer)
    #: The whole article as JSON (see serialize.py).
    content: Mapped[str] = mapped_column(Text)
