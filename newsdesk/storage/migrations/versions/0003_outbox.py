"""Publishing: connected sites, their terms, the outbox, and what each site holds.

Revision ID: 0003
Revises: 0002

- ``sites``: one row per connected account. No password: it lives in the OS keyring.
- ``site_terms``: the site's categories and tags, for completion while offline.
- ``outbox``: every publishing action, written before anything is sent. At most one
  live (not ``done``) action per article and site: a partial unique index says so, so
  two windows or a window and the CLI cannot queue two creates of the same post.
- ``remote_posts``: the post each article became on each site, with a snapshot of what
  was last synced (the base of a three-way merge, and what tells an editor's change).
- ``remote_media``: images already uploaded, by the hash of the bytes sent.

The outbox and remote tables name articles by their UUID, not by ``articles.pk``: the
UUID is what the post carries on the site, and an article in the trash keeps its post.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision: str | None = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "sites",
        sa.Column("name", sa.String(64), primary_key=True),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("site_url", sa.Text, nullable=False),
        sa.Column("api_root", sa.Text, nullable=False),
        sa.Column("username", sa.Text, nullable=False),
        sa.Column("user_id", sa.Integer, nullable=True),
        sa.Column("display_name", sa.Text, nullable=False, server_default=""),
        sa.Column("roles_json", sa.Text, nullable=False, server_default="[]"),
        sa.Column("can_publish", sa.Boolean, nullable=False),
        sa.Column("needs_password", sa.Boolean, nullable=False),
        sa.Column("added_at", sa.String(26), nullable=False),
        sa.Column("terms_refreshed_at", sa.String(26), nullable=True),
    )
    op.create_table(
        "site_terms",
        sa.Column(
            "site",
            sa.String(64),
            sa.ForeignKey("sites.name", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("kind", sa.String(16), primary_key=True),
        sa.Column("remote_id", sa.Integer, primary_key=True),
        sa.Column("name", sa.Text, nullable=False),
    )
    op.create_table(
        "outbox",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("article_id", sa.String(36), nullable=False),
        sa.Column(
            "site", sa.String(64), sa.ForeignKey("sites.name", ondelete="CASCADE"), nullable=False
        ),
        sa.Column("action", sa.String(16), nullable=False),
        sa.Column("target_status", sa.String(16), nullable=False),
        sa.Column("scheduled_at", sa.String(26), nullable=True),
        sa.Column("article_revision", sa.Integer, nullable=False),
        sa.Column("state", sa.String(16), nullable=False),
        sa.Column("attempts", sa.Integer, nullable=False, server_default="0"),
        sa.Column("next_attempt_at", sa.String(26), nullable=True),
        sa.Column("last_error_code", sa.Text, nullable=True),
        sa.Column("last_error_message", sa.Text, nullable=True),
        sa.Column("maybe_sent", sa.Boolean, nullable=False, server_default="0"),
        sa.Column("generation", sa.Integer, nullable=False, server_default="0"),
        sa.Column("claimed_by", sa.Text, nullable=True),
        sa.Column("created_at", sa.String(26), nullable=False),
        sa.Column("updated_at", sa.String(26), nullable=False),
    )
    op.create_index(
        "ux_outbox_live",
        "outbox",
        ["article_id", "site"],
        unique=True,
        sqlite_where=sa.text("state <> 'done'"),
    )
    op.create_index("ix_outbox_state_due", "outbox", ["state", "next_attempt_at"])
    op.create_table(
        "remote_posts",
        sa.Column("article_id", sa.String(36), primary_key=True),
        sa.Column(
            "site",
            sa.String(64),
            sa.ForeignKey("sites.name", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("remote_id", sa.Integer, nullable=False),
        sa.Column("link", sa.Text, nullable=False, server_default=""),
        sa.Column("remote_status", sa.String(16), nullable=False),
        sa.Column("synced_revision", sa.Integer, nullable=False),
        sa.Column("synced_content_hash", sa.String(64), nullable=False),
        sa.Column("synced_modified_gmt", sa.String(26), nullable=True),
        sa.Column("synced_date_gmt", sa.String(26), nullable=True),
        sa.Column("synced_title", sa.Text, nullable=False, server_default=""),
        sa.Column("synced_content", sa.Text, nullable=False, server_default=""),
        sa.Column("synced_excerpt", sa.Text, nullable=False, server_default=""),
        sa.Column("synced_slug", sa.Text, nullable=False, server_default=""),
        sa.Column("synced_terms_json", sa.Text, nullable=False, server_default="{}"),
        sa.Column("synced_featured_media", sa.Integer, nullable=False, server_default="0"),
        sa.Column("synced_at", sa.String(26), nullable=False),
    )
    op.create_table(
        "remote_media",
        sa.Column(
            "site",
            sa.String(64),
            sa.ForeignKey("sites.name", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("sha256", sa.String(64), primary_key=True),
        sa.Column("remote_id", sa.Integer, nullable=False),
        sa.Column("url", sa.Text, nullable=False),
        sa.Column("alt", sa.Text, nullable=False, server_default=""),
        sa.Column("caption", sa.Text, nullable=False, server_default=""),
        sa.Column("uploaded_at", sa.String(26), nullable=False),
    )


def downgrade() -> None:
    for table in ("remote_media", "remote_posts", "outbox", "site_terms", "sites"):
        op.drop_table(table)
