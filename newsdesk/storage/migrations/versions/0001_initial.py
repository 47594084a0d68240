"""The first schema: articles, their tags and their revisions.

Revision ID: 0001
Revises:
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision: str | None = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "articles",
        sa.Column("pk", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("id", sa.String(36), nullable=False, unique=True),
        sa.Column("title", sa.Text, nullable=False, server_default=""),
        sa.Column("standfirst", sa.Text, nullable=False, server_default=""),
        sa.Column("body", sa.Text, nullable=False, server_default=""),
        sa.Column("category", sa.Text, nullable=False, server_default=""),
        sa.Column("byline", sa.Text, nullable=False, server_default=""),
        sa.Column("source", sa.Text, nullable=False, server_default=""),
        sa.Column("dateline", sa.Text, nullable=False, server_default=""),
        sa.Column("slug", sa.Text, nullable=False, server_default=""),
        sa.Column("language", sa.String(8), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("tags_json", sa.Text, nullable=False, server_default="[]"),
        sa.Column("featured_image_json", sa.Text, nullable=True),
        sa.Column("extra_json", sa.Text, nullable=False, server_default="{}"),
        sa.Column("date_utc", sa.String(26), nullable=True),
        sa.Column("date_offset_seconds", sa.Integer, nullable=True),
        sa.Column("date_zone", sa.String(64), nullable=True),
        sa.Column("created_at", sa.String(26), nullable=False),
        sa.Column("updated_at", sa.String(26), nullable=False),
        sa.Column("revision", sa.Integer, nullable=False),
        sa.Column("word_count", sa.Integer, nullable=False, server_default="0"),
        sa.Column("deleted_at", sa.String(26), nullable=True),
    )
    op.create_index("ix_articles_live_updated", "articles", ["deleted_at", "updated_at"])
    op.create_index("ix_articles_status_updated", "articles", ["status", "updated_at"])
    op.create_index("ix_articles_category", "articles", ["category"])

    op.create_table(
        "tags",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("name", sa.Text, nullable=False, unique=True),
        sa.Column("key", sa.Text, nullable=False),
    )
    op.create_index("ix_tags_key", "tags", ["key"])

    op.create_table(
        "article_tags",
        sa.Column(
            "article_pk",
            sa.Integer,
            sa.ForeignKey("articles.pk", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("position", sa.Integer, primary_key=True),
        sa.Column(
            "tag_id", sa.Integer, sa.ForeignKey("tags.id", ondelete="CASCADE"), nullable=False
        ),
    )
    op.create_index("ix_article_tags_tag", "article_tags", ["tag_id", "article_pk"])

    op.create_table(
        "revisions",
        sa.Column(
            "article_pk",
            sa.Integer,
            sa.ForeignKey("articles.pk", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("revision", sa.Integer, primary_key=True),
        sa.Column("saved_at", sa.String(26), nullable=False),
        sa.Column("title", sa.Text, nullable=False),
        sa.Column("word_count", sa.Integer, nullable=False),
        sa.Column("content", sa.Text, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("revisions")
    op.drop_table("article_tags")
    op.drop_table("tags")
    op.drop_table("articles")
