"""The site each article goes to, as the reporter chose it.

Revision ID: 0004
Revises: 0003

- ``article_sites``: one row per article whose reporter picked a site in the window
  (« Publier sur… »). With several sites connected, nothing is sent to a site the
  reporter did not choose: an article without a row here makes the window ask.
  Forgetting a site forgets the choices of it (``ON DELETE CASCADE``).

Like the outbox, the row names the article by its UUID: an article in the trash
keeps its choice, and finds it again when it comes back.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision: str | None = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "article_sites",
        sa.Column("article_id", sa.String(36), primary_key=True),
        sa.Column(
            "site", sa.String(64), sa.ForeignKey("sites.name", ondelete="CASCADE"), nullable=False
        ),
        sa.Column("chosen_at", sa.String(26), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("article_sites")
