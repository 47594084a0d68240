"""Publishing's tables (migration 0003) as SQLAlchemy models: sites, their terms, the
outbox, remote posts and media.

All five in one module because they refer to one another (every table hangs off
``sites``; forgetting a site clears the others): the repositories that query them
(``sites``, ``terms``, ``outbox_entries``, ``remote_posts``) import from here and
never from each other's models. Like ``models.py``, these follow the latest migration.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, Float, ForeignKey, Index, Integer, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column

from .models import Base, UTCDateTime


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
    timezone_string: Mapped[str] = mapped_column(Text, default="", server_default="")
    gmt_offset: Mapped[float | None] = mapped_column(Float, nullable=True)


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
