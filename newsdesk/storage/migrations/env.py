"""Alembic environment: newsdesk always hands over an open connection.

There is no alembic.ini and no URL here; ``newsdesk.storage.schema`` runs the
migrations on the store's own connection, inside its transaction, so an
upgrade either completes or leaves the file as it was.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy.engine import Connection

connection = context.config.attributes.get("connection")
if not isinstance(connection, Connection):
    raise RuntimeError("newsdesk migrations run through newsdesk.storage.schema.upgrade()")

# render_as_batch: SQLite cannot ALTER most things; batch mode copies the table.
context.configure(connection=connection, target_metadata=None, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
