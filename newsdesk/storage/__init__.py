"""The local store: SQLite through SQLAlchemy, migrated by Alembic at open.

``store.Store`` is the entry point (articles, revisions, search, images,
backups). ``schema`` opens and migrates the file, ``models`` describes the
tables, ``search`` turns typed text into safe FTS5 queries, ``media`` checks
and copies images, ``serialize`` writes articles as revisions.

Nothing is imported here: ``import newsdesk.storage`` stays free, and
SQLAlchemy (half a second to import) loads only with ``newsdesk.storage.store``.
"""
