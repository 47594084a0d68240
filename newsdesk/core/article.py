"""The news article as newsdesk knows it: plain data, no I/O, no Qt."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any


class Status(StrEnum):
    """Where an article stands in the reporter's own workflow.

    The publishing states (queued, on the site, failed...) are the outbox's
    business and live beside the article, not in it.
    """

    DRAFT = "draft"
    READY = "ready"
    PENDING = "pending"  # submitted for review on the site
    SCHEDULED = "scheduled"
    PUBLISHED = "published"


class Language(StrEnum):
    FR = "fr"
    EN = "en"


#: The site's header photo: 675 x 240 pixels.
FEATURED_ASPECT = (675, 240)


@dataclass(slots=True)
class FeaturedImage:
    """The header photo. ``path`` is relative to the store's media folder
    (or to the Markdown file, in the interchange format)."""

    path: str
    caption: str = ""
    credit: str = ""
    alt: str = ""


def new_article_id() -> str:
    return str(uuid.uuid4())


def utcnow() -> datetime:
    return datetime.now(UTC)


@dataclass(slots=True)
class Article:
    """One article. ``revision`` is the store's counter: 0 means never saved."""

    title: str = ""
    standfirst: str = ""
    body: str = ""
    category: str = ""
    tags: list[str] = field(default_factory=list)
    byline: str = ""
    source: str = ""
    dateline: str = ""
    #: Publication date, always timezone-aware when set.
    date: datetime | None = None
    language: Language = Language.FR
    slug: str = ""
    status: Status = Status.DRAFT
    featured_image: FeaturedImage | None = None
    id: str = field(default_factory=new_article_id)
    created_at: datetime = field(default_factory=utcnow)
    updated_at: datetime = field(default_factory=utcnow)
    revision: int = 0
    #: Front-matter keys newsdesk does not know, kept as they came.
    extra: dict[str, Any] = field(default_factory=dict)

    def content_equals(self, other: Article) -> bool:
        """True when both carry the same words and metadata (ignores times and revision)."""
        keys = (
            "title", "standfirst", "body", "category", "tags", "byline", "source",
            "dateline", "date", "language", "slug", "status", "featured_image", "extra",
        )  # fmt: skip
        return all(getattr(self, k) == getattr(other, k) for k in keys)
