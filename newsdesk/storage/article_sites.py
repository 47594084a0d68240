"""Which site each article goes to (migration 0004): the reporter's choice, remembered.

With one site connected there is nothing to choose. With several, the window shows the
site an article is bound for and sends nothing until the reporter has picked one; the
pick is kept here, per article, so that the next « Mettre à jour » goes to the same site.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import ForeignKey, String, delete, select
from sqlalchemy.orm import Mapped, mapped_column

from newsdesk.core.article import utcnow

from .models import Base, UTCDateTime
from .sites import get_site

if TYPE_CHECKING:
    from .store import Store


class ArticleSiteRow(Base):
    __tablename__ = "article_sites"

    article_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    site: Mapped[str] = mapped_column(ForeignKey("sites.name", ondelete="CASCADE"))
    chosen_at: Mapped[datetime] = mapped_column(UTCDateTime)


def chosen_site(store: Store, article_id: str) -> str | None:
    """The site the reporter chose for the article, or None when never chosen."""
    with store.reading() as session:
        row = session.get(ArticleSiteRow, article_id)
        return row.site if row is not None else None


def choose_site(store: Store, article_id: str, site: str) -> str:
    """Remember ``site`` for the article (``SiteNotFound`` if it is not connected)."""
    name = get_site(store, site).name
    with store.writing() as session:
        row = session.get(ArticleSiteRow, article_id)
        if row is None:
            session.add(ArticleSiteRow(article_id=article_id, site=name, chosen_at=utcnow()))
        else:
            row.site = name
            row.chosen_at = utcnow()
    return name


def forget_choice(store: Store, article_id: str) -> None:
    with store.writing() as session:
        session.execute(delete(ArticleSiteRow).where(ArticleSiteRow.article_id == article_id))


def all_choices(store: Store) -> dict[str, str]:
    """Every remembered choice, {article id: site}."""
    with store.reading() as session:
        rows = session.execute(select(ArticleSiteRow.article_id, ArticleSiteRow.site))
        return {article_id: site for article_id, site in rows}


__all__ = ["ArticleSiteRow", "all_choices", "choose_site", "chosen_site", "forget_choice"]
