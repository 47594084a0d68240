"""An article as an IPTC ninjs 3.1 news item (News in JSON), for agencies and partner sites.

Pure: the article in, a JSON-ready ``dict`` out. Where the images are is the caller's
business (``PictureOf``): the export embeds them as ``data:`` URLs so that the file is
whole by itself, each made fit to leave the laptop first (upright, shrunk to
``PICTURE_MAX_WIDTH``, re-encoded without any metadata, GPS positions included), as
the site's photos are.

How newsdesk's fields map (schema: ``tests/fixtures/ninjs/ninjs-schema_3.1.json``):

* ``uri``: ``urn:uuid:ID`` (newsdesk's ids are UUIDs; ``urn:newsdesk:article:ID``
  otherwise), and the id itself again in ``altIds`` (role ``newsdesk``), which is what
  ``newsdesk show ID`` takes; ``slugline``: the slug the site gives it; ``version``:
  the store's revision.
* ``headlines``: the headline (role ``main``). The standfirst (chapeau) is a
  paragraph the site prints under the headline, not a headline: it is the
  ``descriptions`` entry of role ``summary`` (ninjs 1 and 2 called it
  ``description_text``, which is where agencies put their lede).
* ``bodies``: the body as the site gets it, the HTML of ``newsdesk.render`` (sanitized,
  French typography), role ``main``, with its word count.
* ``by``: the byline; ``infoSources``: the source (« actuniger.com »), role ``source``;
  ``located``: the dateline.
* ``subjects``: the rubrique (``rel`` ``category``) then each tag (``rel`` ``tag``),
  their names as the reporter wrote them and a folded ``literal`` (« Économie » →
  ``economie``) to match them by.
* Dates: ``firstCreated`` and ``versionCreated`` are the store's (UTC);
  ``contentCreated`` is the article's own date (the one its dateline shows) in its
  own offset; a scheduled article is also ``embargoedUntil`` that date. A date
  without an offset is left out of these fields (the schema wants RFC 3339, and
  newsdesk never guesses a zone; the rules flag it before publishing).
* ``associations``: the featured picture (name ``featured-image``), its caption and
  alt text as ``descriptions`` (roles ``caption``, ``alt-text``), its credit as ``by``,
  the file as the ``original`` rendition.

Text fields carry the same French typography as the page (no-break spaces, « », ’).
"""

from __future__ import annotations

import base64
import html
import json
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath
from typing import Any, Final, Protocol

from newsdesk.core import rules
from newsdesk.core.article import Article, Language, Status
from newsdesk.core.errors import NewsdeskError
from newsdesk.core.folding import fold
from newsdesk.render import render_body, resolve_media
from newsdesk.render.page import safe_media_path
from newsdesk.render.typography import french_typography

VERSION: Final = "3.1"
SCHEMA_URI: Final = "http://www.iptc.org/std/ninjs/ninjs-schema_3.1.json#"
#: The association's name for the featured picture.
FEATURED_NAME: Final = "featured-image"


@dataclass(frozen=True, slots=True)
class Picture:
    """An image of the store as a ninjs rendition: where to get it, and what it is."""

    href: str
    content_type: str | None = None
    size: int | None = None
    width: int | None = None
    height: int | None = None


#: The picture a store-relative media path names, or None when it is missing.
PictureOf = Callable[[str], Picture | None]
#: The file a store-relative media path names (``Store.media_path``: it refuses a path
#: that leaves the media folder).
MediaPath = Callable[[str], Path]


class Prepared(Protocol):
    """An image made fit to leave the laptop (``publishing.media.PreparedImage``)."""

    @property
    def data(self) -> bytes: ...
    @property
    def mime(self) -> str: ...
    @property
    def width(self) -> int: ...
    @property
    def height(self) -> int: ...


#: Makes a stored image fit to leave the laptop: upright, every metadata field (GPS
#: positions included) dropped, re-encoded, shrunk: ``publishing.media.prepare_image``,
#: which the faces hand in (``formats`` sits beside ``publishing``, not above it).
#: Raises ``NewsdeskError`` (``InvalidImage``) for a file it cannot read.
Prepare = Callable[[bytes], Prepared]
#: The width the export's pictures are shrunk to (large enough to print or crop), and
#: their JPEG quality: ``prepare_image(data, max_width=..., quality=...)``.
PICTURE_MAX_WIDTH: Final = 2048
PICTURE_QUALITY: Final = 90


def ninjs_text(article: Article, media_path: MediaPath, *, prepare: Prepare) -> str:
    """The ninjs file's text (UTF-8 JSON), its images prepared and embedded as
    ``data:`` URLs: the file goes to other people, its photos carry no metadata."""
    item = to_ninjs(article, picture_of=embedded_pictures(media_path, prepare))
    return json.dumps(item, ensure_ascii=False, indent=2) + "\n"


def embedded_pictures(media_path: MediaPath, prepare: Prepare) -> PictureOf:
    """Each stored image, prepared, as a ``data:`` URL with its type, size and
    dimensions (those of the prepared image)."""
    cache: dict[str, Picture | None] = {}

    def picture_of(relative: str) -> Picture | None:
        if relative not in cache:
            try:
                image = prepare(media_path(relative).read_bytes())
            except (OSError, NewsdeskError):
                # A photo missing from the store (or unreadable): the item says so by
                # having no rendition, and the rest of the export is still made.
                cache[relative] = None
            else:
                encoded = base64.b64encode(image.data).decode("ascii")
                cache[relative] = Picture(
                    f"data:{image.mime};base64,{encoded}",
                    image.mime,
                    len(image.data),
                    image.width,
                    image.height,
                )
        return cache[relative]

    return picture_of


def to_ninjs(article: Article, *, picture_of: PictureOf | None = None) -> dict[str, Any]:
    """The article as a ninjs 3.1 object (valid against IPTC's schema)."""
    item: dict[str, Any] = {
        "uri": article_uri(article.id),
        "standard": {"name": "ninjs", "version": VERSION, "schema": SCHEMA_URI},
        "type": "text",
        "representationType": "full",
        "profile": "text-photo" if article.featured_image is not None else "text-only",
        "version": str(article.revision),
        "altIds": [{"role": "newsdesk", "value": article.id}],
        "slugline": rules.effective_slug(article),
        "firstCreated": _utc(article.created_at),
        "versionCreated": _utc(article.updated_at),
        "language": article.language.value,
    }
    if article.date is not None and article.date.utcoffset() is not None:
        moment = article.date.isoformat(timespec="seconds")
        item["contentCreated"] = moment
        if article.status is Status.SCHEDULED:
            item["embargoedUntil"] = moment
    _put(item, "by", _plain(article.byline, article.language))
    _put(item, "located", _plain(article.dateline, article.language))
    if article.source.strip():
        item["infoSources"] = [{"name": _plain(article.source, article.language), "role": "source"}]
    if article.title.strip():
        item["headlines"] = [{"role": "main", "value": _plain(article.title, article.language)}]
    if article.standfirst.strip():
        item["descriptions"] = [
            {
                "role": "summary",
                "contentType": "text/plain",
                "value": _plain(article.standfirst, article.language),
            }
        ]
    subjects = _subjects(article)
    if subjects:
        item["subjects"] = subjects
    if article.body.strip():
        item["bodies"] = [_body(article, picture_of)]
    picture = _featured(article, picture_of)
    if picture is not None:
        item["associations"] = [picture]
    return item


def article_uri(article_id: str) -> str:
    """The item's global identifier: ``urn:uuid:`` for a UUID, newsdesk's own URN else."""
    try:
        return uuid.UUID(article_id).urn
    except ValueError:
        return "urn:newsdesk:article:" + _urn_part(article_id)


def _urn_part(text: str) -> str:
    # RFC 8141's characters, the rest percent-encoded: any id becomes a valid URI.
    from urllib.parse import quote

    return quote(text, safe="-._~!$&'()*+,;=:@")


def _utc(moment: datetime) -> str:
    value = moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)
    return value.astimezone(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def _plain(text: str, language: Language) -> str:
    """The text as the page shows it (French typography), as plain text."""
    value = text.strip()
    if language is not Language.FR or not value:
        return value
    return html.unescape(french_typography(html.escape(value, quote=False)))


def _put(item: dict[str, Any], key: str, value: str) -> None:
    if value:
        item[key] = value


def _subjects(article: Article) -> list[dict[str, str]]:
    subjects: list[dict[str, str]] = []
    if article.category.strip():
        subjects.append(_subject(article.category, "category", article.language))
    seen: set[str] = set()
    for tag in article.tags:
        key = fold(tag)
        if tag.strip() and key not in seen:
            seen.add(key)
            subjects.append(_subject(tag, "tag", article.language))
    return subjects


def _subject(name: str, rel: str, language: Language) -> dict[str, str]:
    subject = {"name": _plain(name, language), "rel": rel}
    _put(subject, "literal", rules.slugify(name))
    return subject


def _body(article: Article, picture_of: PictureOf | None) -> dict[str, Any]:
    def media_url(relative: str) -> str:
        picture = picture_of(relative) if picture_of is not None else None
        return picture.href if picture is not None else ""

    fragment = render_body(article.body, article.language)
    return {
        "role": "main",
        "contentType": "text/html",
        "wordCount": rules.word_count(article.body),
        "value": resolve_media(fragment, media_url if picture_of is not None else None),
    }


def _featured(article: Article, picture_of: PictureOf | None) -> dict[str, Any] | None:
    image = article.featured_image
    if image is None:
        return None
    language = article.language
    path = safe_media_path(image.path)
    stem = PurePosixPath(path).stem if path else image.path
    association: dict[str, Any] = {
        "name": FEATURED_NAME,
        "rel": "featured",
        "uri": "urn:newsdesk:media:" + _urn_part(stem or "missing"),
        "type": "picture",
    }
    descriptions = [
        {"role": role, "contentType": "text/plain", "value": _plain(text, language)}
        for role, text in (("caption", image.caption), ("alt-text", image.alt))
        if text.strip()
    ]
    if descriptions:
        association["descriptions"] = descriptions
    _put(association, "by", _plain(image.credit, language))
    picture = picture_of(path) if picture_of is not None and path is not None else None
    if picture is not None and picture.href:
        rendition: dict[str, Any] = {"name": "original", "href": picture.href}
        for key, value in (
            ("contentType", picture.content_type),
            ("width", picture.width),
            ("height", picture.height),
            ("sizeInBytes", picture.size),
        ):
            if value is not None:
                rendition[key] = value
        association["renditions"] = [rendition]
    return association


__all__ = ["FEATURED_NAME", "PICTURE_MAX_WIDTH", "PICTURE_QUALITY", "SCHEMA_URI", "VERSION"]
__all__ += ["MediaPath", "Picture", "PictureOf", "Prepare", "Prepared", "article_uri"]
__all__ += ["embedded_pictures", "ninjs_text", "to_ninjs"]
