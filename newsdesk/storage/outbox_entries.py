"""The outbox's entries: one row per action the reporter asked of a site (the ``outbox`` table).

Plain rows in, plain dataclasses out; the rules (what may be queued, what a state
means) live in ``newsdesk.sync``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import delete, select, update

from newsdesk.core.article import utcnow
from newsdesk.core.errors import SiteNotFound

# The states of an entry are declared in the core (the window reads them too).
from newsdesk.core.outbox_states import (
    CONFLICT,
    DONE,
    QUEUED,
    RUNNABLE,
    SENDING,
    WAITING_NETWORK,
)
from newsdesk.logs import redact

from .publishing_models import OutboxRow, RemotePostRow, SiteRow
from .remote_posts import RemotePostRecord, save_remote_row

if TYPE_CHECKING:
    from .store import Store

ACTIONS = ("publish", "unpublish")


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
            save_remote_row(session, remote)
        if drop_remote:
            session.execute(
                delete(RemotePostRow).where(
                    RemotePostRow.article_id == entry.article_id, RemotePostRow.site == entry.site
                )
            )
        values: dict[str, Any] = {
            "state": state,
            "last_error_code": error_code,
            # An exception's text may quote a request (its Authorization header, a
            # password): blanked as in the log, since the reporter sees it and the
            # store keeps it (newsdesk.logs.redact).
            "last_error_message": None if error_message is None else redact(error_message),
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
