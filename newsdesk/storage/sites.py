"""The connected sites as newsdesk remembers them (never a password): the ``sites`` table."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import delete, select, text, update

from newsdesk.core.article import utcnow
from newsdesk.core.errors import SiteExists, SiteNotFound
from newsdesk.core.outbox_states import NEEDS_PASSWORD, QUEUED
from newsdesk.core.sites import SiteAccount

from .publishing_models import OutboxRow, RemoteMediaRow, RemotePostRow, SiteRow, SiteTermRow

if TYPE_CHECKING:
    from .store import Store


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
    #: The site's zone as it declares it: by name ("" when set to a bare offset), and
    #: its offset in hours (None when newsdesk has not read it).
    timezone_string: str = ""
    gmt_offset: float | None = None

    @property
    def account(self) -> SiteAccount:
        return SiteAccount(
            name=self.name, api_root=self.api_root, username=self.username, kind=self.kind
        )


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
        timezone_string=row.timezone_string or "",
        gmt_offset=row.gmt_offset,
    )


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
    timezone_string: str = "",
    gmt_offset: float | None = None,
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
            timezone_string=timezone_string,
            gmt_offset=gmt_offset,
        )
        session.add(row)
        session.flush()
        return _site(row)


def set_site_zone(store: Store, name: str, timezone_string: str, gmt_offset: float | None) -> None:
    """Record the zone the site declares now (it may have been changed in wp-admin)."""
    with store.writing() as session:
        session.execute(
            update(SiteRow)
            .where(SiteRow.name == name)
            .values(timezone_string=timezone_string, gmt_offset=gmt_offset)
        )


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
        # The tables of the modules that build on this one (which it cannot import).
        for table in ("article_sites", "site_profiles"):
            session.execute(text(f"DELETE FROM {table} WHERE site = :name"), {"name": name})
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
