"""The site's own time zone, as its REST index declares it.

Revision ID: 0005
Revises: 0004

- ``sites.timezone_string``: the site's zone by name (``Africa/Niamey``), "" when the
  site is set to a bare offset, and ``sites.gmt_offset``: its offset in hours. The
  schedule dialog shows a scheduled moment in the reporter's zone and in the site's.
  Sites connected before this revision have neither until they are read again
  (connecting, or the window's once-a-session fetch of the site's terms).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision: str | None = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("sites") as batch:
        batch.add_column(sa.Column("timezone_string", sa.Text(), nullable=False, server_default=""))
        batch.add_column(sa.Column("gmt_offset", sa.Float(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("sites") as batch:
        batch.drop_column("gmt_offset")
        batch.drop_column("timezone_string")
