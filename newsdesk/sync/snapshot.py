"""What was last synced with a site, and how to tell whether someone changed the post since.

WordPress has no ETag and ``modified_gmt`` has one-second resolution: an editor fixing a
typo in the same second as our last write would go unseen. So the post's words and
terms are hashed, exactly as the site gives them back in ``context=edit`` (after its
own HTML filtering), and the hash is compared before every update.
"""

from __future__ import annotations

import hashlib
import html
import json
import re

from newsdesk.core.article import utcnow
from newsdesk.publishing.base import PostPayload, RemotePost
from newsdesk.publishing.marker import strip_marker
from newsdesk.storage.outbox_repo import RemotePostRecord

_SPACE = re.compile(r"\s+")
_SELF_CLOSING = re.compile(r"\s*/>")


def post_hash(post: RemotePost) -> str:
    """The identity of what people see and edit in a post: words, terms, photo, slug."""
    material = [
        post.title_html,
        strip_marker(post.content_html),
        post.excerpt_html,
        sorted(post.categories),
        sorted(post.tags),
        post.featured_media,
    ]
    return hashlib.sha256(json.dumps(material, ensure_ascii=False).encode()).hexdigest()


def _loose(text: str) -> str:
    """Text with the differences a site's filter makes to what it receives taken out."""
    text = html.unescape(strip_marker(text))
    return _SPACE.sub(" ", _SELF_CLOSING.sub(">", text)).strip()


def matches_payload(post: RemotePost, payload: PostPayload) -> bool:
    """Whether ``post`` is what ``payload`` makes (our own write whose answer was lost)."""
    return (
        _loose(post.title_html) == _loose(payload.title)
        and _loose(post.content_html) == _loose(payload.content_html)
        and _loose(post.excerpt_html) == _loose(payload.excerpt)
        and (not payload.category_ids or set(post.categories) == set(payload.category_ids))
        and set(post.tags) == set(payload.tag_ids)
        and post.featured_media == (payload.featured_media_id or 0)
    )


def record_from_post(
    article_id: str, site: str, post: RemotePost, revision: int
) -> RemotePostRecord:
    return RemotePostRecord(
        article_id=article_id,
        site=site,
        remote_id=post.remote_id,
        link=post.link,
        remote_status=post.status,
        synced_revision=revision,
        synced_content_hash=post_hash(post),
        synced_modified_gmt=post.modified_gmt,
        synced_date_gmt=post.date_gmt,
        synced_title=post.title_html,
        synced_content=strip_marker(post.content_html),
        synced_excerpt=post.excerpt_html,
        synced_slug=post.slug,
        synced_terms={"categories": sorted(post.categories), "tags": sorted(post.tags)},
        synced_featured_media=post.featured_media,
        synced_at=utcnow(),
    )


def post_from_record(record: RemotePostRecord) -> RemotePost:
    """The post as it was at the last sync: the base of a three-way merge."""
    return RemotePost(
        remote_id=record.remote_id,
        status=record.remote_status,
        link=record.link,
        slug=record.synced_slug,
        title_html=record.synced_title,
        content_html=record.synced_content,
        excerpt_html=record.synced_excerpt,
        date_gmt=record.synced_date_gmt,
        modified_gmt=record.synced_modified_gmt,
        categories=list(record.synced_terms.get("categories", [])),
        tags=list(record.synced_terms.get("tags", [])),
        featured_media=record.synced_featured_media,
        marker=record.article_id,
    )


def changed_on_site(record: RemotePostRecord, current: RemotePost) -> bool:
    return post_hash(current) != record.synced_content_hash
