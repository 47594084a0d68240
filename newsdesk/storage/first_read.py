"""The article the window opens first, read before the store is open.

Opening the store means importing SQLAlchemy (~0.3-0.5 s on a laptop) and checking
the schema; the window's first second only needs one article, the one left open
last time, to show it and its preview. This reads that one row with ``sqlite3``
alone, read-only, through the same column translation as the store
(``serialize.field_of_row``), and gives up (None) whenever anything is not exactly
as the store would have it: no file, a schema older or newer than this newsdesk's,
a database busy or unreadable, the article missing or in the trash. The window then
waits for the store as before. Nothing is ever written.
"""

from __future__ import annotations

import sqlite3
from typing import Any

from newsdesk.core.article import FIELDS, Article
from newsdesk.core.fields import Kind
from newsdesk.paths import Paths

from .schema_version import HEAD
from .serialize import field_of_row, parse_utc_text

#: A writer holding the file longer than this (a backup, the command line's import)
#: and the window waits for the store instead.
BUSY_TIMEOUT_S = 0.2

_MOMENTS = tuple(f.name for f in FIELDS if f.kind is Kind.MOMENT)


class _Row:
    """A ``sqlite3.Row`` with its columns as attributes, the store's times parsed."""

    def __init__(self, row: sqlite3.Row) -> None:
        self._row = row

    def __getattr__(self, name: str) -> Any:
        value = self._row[name]
        return parse_utc_text(value) if name in _MOMENTS and value is not None else value


def read_article(paths: Paths, article_id: str) -> Article | None:
    """The live article ``article_id`` as the store holds it now, or None."""
    if not article_id or not paths.database.is_file():
        return None
    try:
        connection = sqlite3.connect(
            f"{paths.database.as_uri()}?mode=ro", uri=True, timeout=BUSY_TIMEOUT_S
        )
    except sqlite3.Error:
        return None
    try:
        connection.row_factory = sqlite3.Row
        version = connection.execute("SELECT version_num FROM alembic_version").fetchone()
        if version is None or version[0] != HEAD:
            return None
        row = connection.execute(
            "SELECT * FROM articles WHERE id = ? AND deleted_at IS NULL", (article_id,)
        ).fetchone()
        if row is None:
            return None
        return Article(**{field.name: field_of_row(field, _Row(row)) for field in FIELDS})
    except (sqlite3.Error, ValueError, KeyError, IndexError, TypeError):
        return None
    finally:
        connection.close()
