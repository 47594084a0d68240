"""What each site holds of newsdesk's articles: the posts they became, the media uploaded
(the ``remote_posts`` and ``remote_media`` tables)."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import delete, select

from newsdesk.core.article import utcnow

from .models import ArticleRow
from .publishing_models import RemoteMediaRow, RemotePostRow

if TYPE_CHECKING:
    from .store import Store


@dataclass(frozen=True, slots=True)
class RemotePostRecord:
    """The post an article became on a site, and the copy of it last synced."""

    article_id: str
    site: str
    remote_id: int
    link: str
    remote_status: str
    synced_revision: int
    synced_content_hash: str
    synced_modified_gmt: datetime | None
    synced_date_gmt: datetime | None
    synced_title: str
    synced_content: str
    synced_excerpt: str
    synced_slug: str
    synced_terms: dict[str, list[int]] = field(default_factory=dict)
    synced_featured_media: int = 0
    synced_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class RemoteMediaRecord:
    site: str
    sha256: str
    remote_id: int
    url: str
    alt: str
    caption: str


def _remote(row: RemotePostRow) -> RemotePostRecord:
    return RemotePostRecord(
        article_id=row.article_id,
        site=row.site,
        remote_id=row.remote_id,
        link=row.link,
        remote_status=row.remote_status,
        synced_revision=row.synced_revision,
        synced_content_hash=row.synced_content_hash,
        synced_modified_gmt=row.synced_modified_gmt,
        synced_date_gmt=row.synced_date_gmt,
        synced_title=row.synced_title,
        synced_content=row.synced_content,
        synced_excerpt=row.synced_excerpt,
        synced_slug=row.synced_slug,
        synced_terms={k: list(v) for k, v in json.loads(row.synced_terms_json or "{}").items()},
        synced_featured_media=row.synced_featured_media,
        synced_at=row.synced_at,
    )


def save_remote_row(session: Any, record: RemotePostRecord) -> None:
    """Record ``record`` inside a transaction already open (see ``finish_entry``)."""
    session.merge(
        RemotePostRow(
            article_id=record.article_id,
            site=record.site,
            remote_id=record.remote_id,
            link=record.link,
            remote_status=record.remote_status,
            synced_revision=record.synced_revision,
            synced_content_hash=record.synced_content_hash,
            synced_modified_gmt=record.synced_modified_gmt,
            synced_date_gmt=record.synced_date_gmt,
            synced_title=record.synced_title,
            synced_content=record.synced_content,
            synced_excerpt=record.synced_excerpt,
            synced_slug=record.synced_slug,
            synced_terms_json=json.dumps(record.synced_terms, sort_keys=True),
            synced_featured_media=record.synced_featured_media,
            synced_at=record.synced_at or utcnow(),
        )
    )


def save_remote_post(store: Store, record: RemotePostRecord) -> None:
    with store.writing() as session:
        save_remote_row(session, record)


def get_remote_post(store: Store, article_id: str, site: str) -> RemotePostRecord | None:
    with store.reading() as session:
        row = session.get(RemotePostRow, (article_id, site))
        return None if row is None else _remote(row)


def remote_posts_of(store: Store, article_id: str) -> list[RemotePostRecord]:
    with store.reading() as session:
        rows = session.scalars(
            select(RemotePostRow)
            .where(RemotePostRow.article_id == article_id)
            .order_by(RemotePostRow.site)
        )
        return [_remote(r) for r in rows]


def get_remote_media(store: Store, site: str, sha256: str) -> RemoteMediaRecord | None:
    with store.reading() as session:
        row = session.get(RemoteMediaRow, (site, sha256))
        if row is None:
            return None
        return RemoteMediaRecord(row.site, row.sha256, row.remote_id, row.url, row.alt, row.caption)


def save_remote_media(store: Store, record: RemoteMediaRecord) -> None:
    with store.writing() as session:
        session.merge(
            RemoteMediaRow(
                site=record.site,
                sha256=record.sha256,
                remote_id=record.remote_id,
                url=record.url,
                alt=record.alt,
                caption=record.caption,
                uploaded_at=utcnow(),
            )
        )


def forget_remote_media_id(store: Store, site: str, remote_id: int) -> None:
    """The site dropped this media (deleted from its library): upload it again next time."""
    with store.writing() as session:
        session.execute(
            delete(RemoteMediaRow).where(
                RemoteMediaRow.site == site, RemoteMediaRow.remote_id == remote_id
            )
        )


def all_remote_posts(store: Store) -> list[RemotePostRecord]:
    with store.reading() as session:
        return [_remote(r) for r in session.scalars(select(RemotePostRow))]


def article_revisions(store: Store, article_ids: Iterable[str]) -> dict[str, int]:
    """The current revision of each article still in use (not in the trash)."""
    wanted = list(dict.fromkeys(article_ids))
    found: dict[str, int] = {}
    with store.reading() as session:
        for start in range(0, len(wanted), 500):  # SQLite's limit on bound parameters
            rows = session.execute(
                select(ArticleRow.id, ArticleRow.revision).where(
                    ArticleRow.id.in_(wanted[start : start + 500]),
                    ArticleRow.deleted_at.is_(None),
                )
            )
            found.update({str(i): int(r) for i, r in rows})
    return found
