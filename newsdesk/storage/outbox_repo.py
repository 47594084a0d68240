"""Publishing's tables (migration 0003): sites, their terms, the outbox, remote posts, media.

Plain rows in, plain dataclasses out; the rules (what may be queued, what a state
means) live in ``newsdesk.sync``. Every function runs in one transaction of the
article store, with the write lock taken at once for writes (see ``schema``), so the
window and the command line can share the file.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import (
    Boolean,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    delete,
    select,
    text,
    update,
)
from sqlalchemy.orm import Mapped, mapped_column

from newsdesk.core.article import utcnow
from newsdesk.core.errors import SiteExists, SiteNotFound
from newsdesk.publishing.base import SiteAccount

from .models import ArticleRow, Base, UTCDateTime

if TYPE_CHECKING:
    from .store import Store

#: States of an outbox entry. ``done`` entries are history; all others are "live".
QUEUED = "queued"
SENDING = "sending"
DONE = "done"
FAILED = "failed"
CONFLICT = "conflict"
NEEDS_PASSWORD = "needs_password"
WAITING_NETWORK = "waiting_network"
STATES = (QUEUED, SENDING, DONE, FAILED, CONFLICT, NEEDS_PASSWORD, WAITING_NETWORK)
#: States the worker picks up by itself (when due).
RUNNABLE = (QUEUED, SENDING, WAITING_NETWORK)

ACTIONS = ("publish", "unpublish")


# --- Models -------------------------------------------------------------------------------


class SiteRow(Base):
    __tablename__ = "sites"

    name: Mapped[str] = mapped_column(String(64), primary_key=True)
    kind: Mapped[str] = mapped_column(String(32))
    site_url: Mapped[str] = mapped_column(Text)
    api_root: Mapped[str] = mapped_column(Text)
    username: Mapped[str] = mapped_column(Text)
    user_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    display_name: Mapped[str] = mapped_column(Text, default="")
    roles_json: Mapped[str] = mapped_column(Text, default="[]")
    can_publish: Mapped[bool] = mapped_column(Boolean)
    needs_password: Mapped[bool] = mapped_column(Boolean)
    added_at: Mapped[datetime] = mapped_column(UTCDateTime)
    terms_refreshed_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)


class SiteTermRow(Base):
    __tablename__ = "site_terms"

    site: Mapped[str] = mapped_column(
        ForeignKey("sites.name", ondelete="CASCADE"), primary_key=True
    )
    kind: Mapped[str] = mapped_column(String(16), primary_key=True)
    remote_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(Text)


class OutboxRow(Base):
    __tablename__ = "outbox"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    article_id: Mapped[str] = mapped_column(String(36))
    site: Mapped[str] = mapped_column(ForeignKey("sites.name", ondelete="CASCADE"))
    action: Mapped[str] = mapped_column(String(16))
    target_status: Mapped[str] = mapped_column(String(16))
    scheduled_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    article_revision: Mapped[int] = mapped_column(Integer)
    state: Mapped[str] = mapped_column(String(16))
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    last_error_code: Mapped[str | None] = mapped_column(Text, nullable=True)
    last_error_message: Mapped[str | None] = mapped_column(Text, nullable=True)
    #: A request that creates or changes the post may have reached the site: the next
    #: attempt looks before it writes. Survives re-queuing; cleared only when done.
    maybe_sent: Mapped[bool] = mapped_column(Boolean, default=False)
    #: Bumped when the entry is re-queued: a worker finishing an older generation
    #: must not mark the newer request done.
    generation: Mapped[int] = mapped_column(Integer, default=0)
    #: ``pid:token`` of the worker that marked it ``sending``.
    claimed_by: Mapped[str | None] = mapped_column(Text, nullable=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)

    __table_args__ = (
        Index(
            "ux_outbox_live",
            "article_id",
            "site",
            unique=True,
            sqlite_where=text("state <> 'done'"),
        ),
        Index("ix_outbox_state_due", "state", "next_attempt_at"),
    )


class RemotePostRow(Base):
    __tablename__ = "remote_posts"

    article_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    site: Mapped[str] = mapped_column(
        ForeignKey("sites.name", ondelete="CASCADE"), primary_key=True
    )
    remote_id: Mapped[int] = mapped_column(Integer)
    link: Mapped[str] = mapped_column(Text, default="")
    remote_status: Mapped[str] = mapped_column(String(16))
    synced_revision: Mapped[int] = mapped_column(Integer)
    synced_content_hash: Mapped[str] = mapped_column(String(64))
    synced_modified_gmt: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    synced_date_gmt: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    synced_title: Mapped[str] = mapped_column(Text, default="")
    synced_content: Mapped[str] = mapped_column(Text, default="")
    synced_excerpt: Mapped[str] = mapped_column(Text, default="")
    synced_slug: Mapped[str] = mapped_column(Text, default="")
    synced_terms_json: Mapped[str] = mapped_column(Text, default="{}")
    synced_featured_media: Mapped[int] = mapped_column(Integer, default=0)
    synced_at: Mapped[datetime] = mapped_column(UTCDateTime)


class RemoteMediaRow(Base):
    __tablename__ = "remote_media"

    site: Mapped[str] = mapped_column(
        ForeignKey("sites.name", ondelete="CASCADE"), primary_key=True
    )
    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    remote_id: Mapped[int] = mapped_column(Integer)
    url: Mapped[str] = mapped_column(Text)
    alt: Mapped[str] = mapped_column(Text, default="")
    caption: Mapped[str] = mapped_column(Text, default="")
    uploaded_at: Mapped[datetime] = mapped_column(UTCDateTime)


# --- Plain data ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SiteInfo:
    """A connected site as newsdesk remembers it (never its password)."""

    name: str
    kind: str
    site_url: str
    api_root: str
    username: str
    user_id: int | None
    display_name: str
    roles: tuple[str, ...]
    can_publish: bool
    needs_password: bool
    added_at: datetime

    @property
    def account(self) -> SiteAccount:
        return SiteAccount(
            name=self.name, api_root=self.api_root, username=self.username, kind=self.kind
        )


@dataclass(frozen=True, slots=True)
class OutboxEntry:
    id: int
    article_id: str
    site: str
    action: str
    target_status: str
    scheduled_at: datetime | None
    article_revision: int
    state: str
    attempts: int
    next_attempt_at: datetime | None
    last_error_code: str | None
    last_error_message: str | None
    maybe_sent: bool
    generation: int
    claimed_by: str | None
    created_at: datetime
    updated_at: datetime

    @property
    def live(self) -> bool:
        return self.state != DONE


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


def _site(row: SiteRow) -> SiteInfo:
    return SiteInfo(
        name=row.name,
        kind=row.kind,
        site_url=row.site_url,
        api_root=row.api_root,
        username=row.username,
        user_id=row.user_id,
        display_name=row.display_name,
        roles=tuple(json.loads(row.roles_json or "[]")),
        can_publish=bool(row.can_publish),
        needs_password=bool(row.needs_password),
        added_at=row.added_at,
    )


def _entry(row: OutboxRow) -> OutboxEntry:
    return OutboxEntry(
        id=row.id,
        article_id=row.article_id,
        site=row.site,
        action=row.action,
        target_status=row.target_status,
        scheduled_at=row.scheduled_at,
        article_revision=row.article_revision,
        state=row.state,
        attempts=row.attempts,
        next_attempt_at=row.next_attempt_at,
        last_error_code=row.last_error_code,
        last_error_message=row.last_error_message,
        maybe_sent=bool(row.maybe_sent),
        generation=row.generation,
        claimed_by=row.claimed_by,
        created_at=row.created_at,
        updated_at=row.updated_at,
    )


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


# --- Sites --------------------------------------------------------------------------------


def insert_site(
    store: Store,
    *,
    name: str,
    kind: str,
    site_url: str,
    api_root: str,
    username: str,
    user_id: int | None,
    display_name: str,
    roles: Sequence[str],
    can_publish: bool,
) -> SiteInfo:
    with store.writing() as session:
        if session.get(SiteRow, name) is not None:
            raise SiteExists(name)
        row = SiteRow(
            name=name,
            kind=kind,
            site_url=site_url,
            api_root=api_root,
            username=username,
            user_id=user_id,
            display_name=display_name,
            roles_json=json.dumps(list(roles)),
            can_publish=can_publish,
            needs_password=False,
            added_at=utcnow(),
        )
        session.add(row)
        session.flush()
        return _site(row)


def get_site(store: Store, name: str) -> SiteInfo:
    with store.reading() as session:
        row = session.get(SiteRow, name)
        if row is None:
            raise SiteNotFound(name)
        return _site(row)


def list_sites(store: Store) -> list[SiteInfo]:
    with store.reading() as session:
        return [_site(r) for r in session.scalars(select(SiteRow).order_by(SiteRow.name))]


def delete_site(store: Store, name: str) -> SiteInfo:
    """Forget the site and everything newsdesk knew of it (the articles stay)."""
    with store.writing() as session:
        row = session.get(SiteRow, name)
        if row is None:
            raise SiteNotFound(name)
        info = _site(row)
        # Foreign keys cascade, but say it in SQL too: a database opened without
        # PRAGMA foreign_keys must not keep orphans.
        for model in (SiteTermRow, OutboxRow, RemotePostRow, RemoteMediaRow):
            session.execute(delete(model).where(model.site == name))
        session.delete(row)
        return info


def update_site_identity(
    store: Store,
    name: str,
    *,
    user_id: int,
    display_name: str,
    roles: Sequence[str],
    can_publish: bool,
) -> None:
    with store.writing() as session:
        result = session.execute(
            update(SiteRow)
            .where(SiteRow.name == name)
            .values(
                user_id=user_id,
                display_name=display_name,
                roles_json=json.dumps(list(roles)),
                can_publish=can_publish,
            )
        )
        if result.rowcount != 1:  # type: ignore[attr-defined]
            raise SiteNotFound(name)


def set_needs_password(store: Store, name: str, needed: bool) -> None:
    """Flag (or clear) the site as needing a new password. Clearing it puts the entries
    that stopped for the password back in the queue, due at once."""
    now = utcnow()
    with store.writing() as session:
        result = session.execute(
            update(SiteRow).where(SiteRow.name == name).values(needs_password=needed)
        )
        if result.rowcount != 1:  # type: ignore[attr-defined]
            raise SiteNotFound(name)
        if not needed:
            session.execute(
                update(OutboxRow)
                .where(OutboxRow.site == name, OutboxRow.state == NEEDS_PASSWORD)
                .values(state=QUEUED, next_attempt_at=None, updated_at=now)
            )


# --- Terms --------------------------------------------------------------------------------


def replace_terms(store: Store, site: str, kind: str, terms: Iterable[tuple[int, str]]) -> None:
    with store.writing() as session:
        session.execute(
            delete(SiteTermRow).where(SiteTermRow.site == site, SiteTermRow.kind == kind)
        )
        session.add_all(
            SiteTermRow(site=site, kind=kind, remote_id=i, name=n) for i, n in dict(terms).items()
        )
        session.execute(
            update(SiteRow).where(SiteRow.name == site).values(terms_refreshed_at=utcnow())
        )


def add_terms(store: Store, site: str, kind: str, terms: dict[str, int]) -> None:
    """Remember terms met while publishing (get-or-create), without dropping others."""
    with store.writing() as session:
        for name, remote_id in terms.items():
            session.merge(SiteTermRow(site=site, kind=kind, remote_id=remote_id, name=name))


def terms_refreshed_at(store: Store, site: str) -> datetime | None:
    """When the site's whole list of terms was last fetched; None: never (the cache then
    holds at most the terms met while publishing, and says nothing of what is missing)."""
    with store.reading() as session:
        row = session.get(SiteRow, site)
        if row is None:
            raise SiteNotFound(site)
        return row.terms_refreshed_at


def cached_terms(store: Store, site: str, kind: str) -> list[tuple[int, str]]:
    with store.reading() as session:
        rows = session.execute(
            select(SiteTermRow.remote_id, SiteTermRow.name)
            .where(SiteTermRow.site == site, SiteTermRow.kind == kind)
            .order_by(SiteTermRow.name)
        )
        return [(int(i), str(n)) for i, n in rows]


# --- Outbox -------------------------------------------------------------------------------


def live_entry(store: Store, article_id: str, site: str) -> OutboxEntry | None:
    with store.reading() as session:
        row = session.scalar(
            select(OutboxRow).where(
                OutboxRow.article_id == article_id, OutboxRow.site == site, OutboxRow.state != DONE
            )
        )
        return None if row is None else _entry(row)


def upsert_entry(
    store: Store,
    *,
    article_id: str,
    site: str,
    action: str,
    target_status: str,
    scheduled_at: datetime | None,
    article_revision: int,
    keep_conflict: bool = True,
) -> OutboxEntry:
    """Queue an action, or replace the article's live action on this site.

    A re-queued entry keeps ``maybe_sent`` (a request may be on the site already) and
    a ``conflict`` stays a conflict: only ``resolve_conflict`` may overwrite the site.
    """
    now = utcnow()
    with store.writing() as session:
        if session.get(SiteRow, site) is None:
            raise SiteNotFound(site)
        row = session.scalar(
            select(OutboxRow).where(
                OutboxRow.article_id == article_id, OutboxRow.site == site, OutboxRow.state != DONE
            )
        )
        if row is None:
            row = OutboxRow(
                article_id=article_id,
                site=site,
                attempts=0,
                maybe_sent=False,
                generation=0,
                created_at=now,
            )
            session.add(row)
            row.state = QUEUED
        elif not (keep_conflict and row.state == CONFLICT):
            row.state = QUEUED
            row.generation = row.generation + 1
        row.action = action
        row.target_status = target_status
        row.scheduled_at = scheduled_at
        row.article_revision = article_revision
        row.next_attempt_at = None
        row.attempts = 0
        if row.state == QUEUED:
            row.last_error_code = None
            row.last_error_message = None
        row.updated_at = now
        session.flush()
        return _entry(row)


def get_entry(store: Store, entry_id: int) -> OutboxEntry | None:
    with store.reading() as session:
        row = session.get(OutboxRow, entry_id)
        return None if row is None else _entry(row)


def list_entries(
    store: Store,
    *,
    article_id: str | None = None,
    site: str | None = None,
    states: Sequence[str] | None = None,
) -> list[OutboxEntry]:
    query = select(OutboxRow).order_by(OutboxRow.id)
    if article_id is not None:
        query = query.where(OutboxRow.article_id == article_id)
    if site is not None:
        query = query.where(OutboxRow.site == site)
    if states is not None:
        query = query.where(OutboxRow.state.in_(list(states)))
    with store.reading() as session:
        return [_entry(r) for r in session.scalars(query)]


def due_entries(store: Store, now: datetime) -> list[OutboxEntry]:
    """Entries the worker may take now: runnable, due, on a site with a password."""
    query = (
        select(OutboxRow)
        .join(SiteRow, SiteRow.name == OutboxRow.site)
        .where(
            OutboxRow.state.in_(RUNNABLE),
            SiteRow.needs_password.is_(False),
        )
        .order_by(OutboxRow.next_attempt_at.is_not(None), OutboxRow.next_attempt_at, OutboxRow.id)
    )
    with store.reading() as session:
        rows = [_entry(r) for r in session.scalars(query)]
    return [e for e in rows if e.next_attempt_at is None or e.next_attempt_at <= now]


def make_due_now(store: Store) -> int:
    """Entries waiting for a retry time (``queued`` or ``waiting_network`` with a
    ``next_attempt_at``, on a site that has its password) become due at once.
    ``conflict``, ``needs_password``, ``failed`` and ``sending`` are left alone. Returns
    how many changed; their attempt counts (and so the next backoff) stay."""
    unlocked = select(SiteRow.name).where(SiteRow.needs_password.is_(False))
    with store.writing() as session:
        result = session.execute(
            update(OutboxRow)
            .where(
                OutboxRow.state.in_((QUEUED, WAITING_NETWORK)),
                OutboxRow.next_attempt_at.is_not(None),
                OutboxRow.site.in_(unlocked),
            )
            .values(next_attempt_at=None, updated_at=utcnow())
            .execution_options(synchronize_session=False)
        )
        return int(result.rowcount)  # type: ignore[attr-defined]


def claim_entry(
    store: Store, entry_id: int, generation: int, claimed_by: str, *, may_write: bool
) -> OutboxEntry | None:
    """Mark the entry ``sending`` and commit, before any request. None when it changed
    meanwhile (re-queued, resolved, taken by another worker)."""
    now = utcnow()
    with store.writing() as session:
        row = session.get(OutboxRow, entry_id)
        if row is None or row.generation != generation or row.state not in RUNNABLE:
            return None
        if row.state == SENDING and row.claimed_by not in (None, claimed_by):
            return None
        row.state = SENDING
        row.attempts = row.attempts + 1
        row.claimed_by = claimed_by
        row.maybe_sent = row.maybe_sent or may_write
        row.updated_at = now
        session.flush()
        return _entry(row)


def release_stale_claim(store: Store, entry_id: int, claimed_by: str) -> None:
    """Take over a ``sending`` entry whose worker is gone (the program was killed)."""
    with store.writing() as session:
        session.execute(
            update(OutboxRow)
            .where(OutboxRow.id == entry_id, OutboxRow.state == SENDING)
            .values(claimed_by=claimed_by)
        )


def finish_entry(
    store: Store,
    entry: OutboxEntry,
    *,
    state: str,
    error_code: str | None = None,
    error_message: str | None = None,
    next_attempt_at: datetime | None = None,
    remote: RemotePostRecord | None = None,
    drop_remote: bool = False,
) -> bool:
    """Record the outcome of an attempt, and what the site now holds, in one transaction.

    What the site holds is recorded even when the entry was re-queued meanwhile (it is
    the truth); the entry's state only when it is still the generation that was sent.
    Returns whether the entry took ``state``.
    """
    now = utcnow()
    with store.writing() as session:
        if remote is not None:
            _save_remote(session, remote)
        if drop_remote:
            session.execute(
                delete(RemotePostRow).where(
                    RemotePostRow.article_id == entry.article_id, RemotePostRow.site == entry.site
                )
            )
        values: dict[str, Any] = {
            "state": state,
            "last_error_code": error_code,
            "last_error_message": error_message,
            "next_attempt_at": next_attempt_at,
            "claimed_by": None,
            "updated_at": now,
        }
        if state == DONE or (remote is not None and state != SENDING):
            # The post is recorded: a later attempt updates it instead of looking for it.
            values["maybe_sent"] = False
        result = session.execute(
            update(OutboxRow)
            .where(OutboxRow.id == entry.id, OutboxRow.generation == entry.generation)
            .values(**values)
        )
        if result.rowcount == 1:  # type: ignore[attr-defined]
            return True
        # Re-queued while we sent: the new request stays queued; release our claim.
        session.execute(
            update(OutboxRow)
            .where(OutboxRow.id == entry.id, OutboxRow.state == SENDING)
            .values(state=QUEUED, claimed_by=None, updated_at=now)
        )
        return False


def set_entry_state(store: Store, entry_id: int, state: str, **values: Any) -> None:
    with store.writing() as session:
        session.execute(
            update(OutboxRow)
            .where(OutboxRow.id == entry_id)
            .values(state=state, updated_at=utcnow(), **values)
        )


# --- Remote posts and media ---------------------------------------------------------------


def _save_remote(session: Any, record: RemotePostRecord) -> None:
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
        _save_remote(session, record)


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


def forget_remote_media(store: Store, site: str, sha256: str) -> None:
    with store.writing() as session:
        session.execute(
            delete(RemoteMediaRow).where(
                RemoteMediaRow.site == site, RemoteMediaRow.sha256 == sha256
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


def forget_terms(store: Store, site: str, kind: str, remote_ids: Sequence[int]) -> None:
    """Terms the site no longer has (deleted in wp-admin): asked for again next time."""
    with store.writing() as session:
        session.execute(
            delete(SiteTermRow).where(
                SiteTermRow.site == site,
                SiteTermRow.kind == kind,
                SiteTermRow.remote_id.in_(list(remote_ids)),
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
