"""Each site's content profile: what an article needs before it is published there.

Revision ID: 0006
Revises: 0005

- ``site_profiles``: one row per site whose desk changed the rules (« Règles de
  publication »), the profile as JSON (``core.profile.ContentProfile.to_dict``). A site
  without a row has the default profile. Forgetting a site forgets its profile
  (``ON DELETE CASCADE``).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision: str | None = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "site_profiles",
        sa.Column(
            "site",
            sa.String(64),
            sa.ForeignKey("sites.name", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("profile_json", sa.Text(), nullable=False),
        sa.Column("updated_at", sa.String(26), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("site_profiles")
