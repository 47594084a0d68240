"""Each site's categories and tags, cached: the ``site_terms`` table."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import delete, select, update

from newsdesk.core.article import utcnow
from newsdesk.core.errors import SiteNotFound

from .publishing_models import SiteRow, SiteTermRow

if TYPE_CHECKING:
    from .store import Store


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
