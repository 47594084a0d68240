"""The news article as newsdesk knows it: plain data, no I/O, no Qt."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from dataclasses import fields as dataclass_fields
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any

from .fields import Field, FrontMatter, Kind, Merge


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
        return all(getattr(self, k) == getattr(other, k) for k in CONTENT_FIELDS)


_ALWAYS, _IF_SET = FrontMatter.ALWAYS, FrontMatter.IF_SET

#: Every field of :class:`Article`, in its order, with what the serializers need to know
#: (see :mod:`newsdesk.core.fields`). A new field is one line here (and its own logic).
FIELDS: tuple[Field, ...] = (
    Field("title", Kind.TEXT, _ALWAYS, words=True, typed=True, merge=Merge.LINES),
    Field("standfirst", Kind.TEXT, _IF_SET, words=True, typed=True, merge=Merge.LINES),
    # The body is the interchange file's text after the front matter, not one of its keys.
    Field("body", Kind.TEXT, None, words=True, typed=True, merge=Merge.MARKDOWN),
    Field("category", Kind.TEXT, _IF_SET, words=True, typed=True, merge=Merge.LINES),
    Field("tags", Kind.NAMES, _IF_SET, words=True, typed=True, merge=Merge.NAMES),
    Field("byline", Kind.TEXT, _IF_SET, words=True, typed=True, merge=Merge.LINES),
    Field("source", Kind.TEXT, _IF_SET, words=True, typed=True, merge=Merge.LINES),
    # A post has no dateline: not in its words, nothing of the site's to merge.
    Field("dateline", Kind.TEXT, _IF_SET, typed=True),
    # Dates are the site's business once sent (see ``sync.outbox.date_on_site``).
    Field("date", Kind.DATE, _IF_SET, typed=True),
    # The site keeps no language: the reporter's stands in a merge.
    Field("language", Kind.ENUM, _ALWAYS, words=True, typed=True, enum=Language),
    Field("slug", Kind.TEXT, _IF_SET, words=True, typed=True, merge=Merge.LINES),
    # The reporter's workflow: chosen by menus and publishing, never typed in the form.
    Field("status", Kind.ENUM, _ALWAYS, enum=Status),
    # newsdesk does not download the site's photo: the reporter's stands in a merge.
    Field("featured_image", Kind.IMAGE, _IF_SET, words=True, typed=True),
    Field("id", Kind.ID),
    Field("created_at", Kind.MOMENT),
    Field("updated_at", Kind.MOMENT),
    Field("revision", Kind.COUNTER),
    # Front-matter keys newsdesk does not know: written after the known ones, not as a key.
    Field("extra", Kind.DATA),
)

#: What an article says: everything but the store's bookkeeping (``content_equals``).
CONTENT_FIELDS = tuple(f.name for f in FIELDS if f.content)
#: The front matter's known keys, in the order they are written; also the metadata a
#: comparison shows one line each, in the order a reporter reads an article.
FRONT_MATTER_FIELDS = tuple(f.name for f in FIELDS if f.front_matter is not None)
#: The fields a post is made of: alike in two revisions, nothing to send but a status.
WORD_FIELDS = tuple(f.name for f in FIELDS if f.words)
#: What the reporter types in the form (the rest comes from the store or the site).
TYPED_FIELDS = tuple(f.name for f in FIELDS if f.typed)
#: The fields a conflict with the site merges, each as its ``merge`` says.
MERGED_FIELDS = tuple(f for f in FIELDS if f.merge is not None)
#: The featured image's parts, in the order every serializer writes them.
IMAGE_KEYS = tuple(f.name for f in dataclass_fields(FeaturedImage))
