"""The local store: SQLite through SQLAlchemy, migrated by Alembic at open.

``store.Store`` is the entry point (articles, revisions, search, images,
backups), put together from rooms: ``engine``, ``articles``, ``revisions``,
``fulltext``, ``backup`` (``rows`` is the article <-> row translation they share).
``schema`` opens and migrates the file, ``models`` describes the
tables, ``search`` turns typed text into safe FTS5 queries, ``media`` checks
and copies images, ``serialize`` writes articles as revisions.

Publishing's tables: ``outbox_repo`` is the one name callers import; the code is in
``publishing_models``, ``sites``, ``terms``, ``outbox_entries`` and ``remote_posts``.
``article_sites`` remembers which site each article goes to.

Nothing is imported here: ``import newsdesk.storage`` stays free, and
SQLAlchemy (half a second to import) loads only with ``newsdesk.storage.store``.
"""
