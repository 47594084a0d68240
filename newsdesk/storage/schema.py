"""The store's engine and its schema version: open, check, migrate.

Opening a store whose schema is current costs one small query; Alembic is
only imported when there is something to migrate.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event

from newsdesk.core.errors import StoreError

from .schema_version import HEAD, MIGRATIONS

__all__ = ["HEAD", "MIGRATIONS"]

SQLITE_MAGIC = b"SQLite format 3\x00"
#: How long a call waits for another process's write to finish before
#: giving up with StoreError (a save or an import takes milliseconds).
BUSY_TIMEOUT_MS = 5000
#: Execution option that makes a transaction start with BEGIN IMMEDIATE.
WRITE_OPTION = "newsdesk_write"


def check_header(database: Path) -> None:
    """Refuse, without writing a byte, a file that is not a SQLite database."""
    try:
        size = database.stat().st_size
    except FileNotFoundError:
        return
    except OSError as error:
        raise StoreError(str(database), StoreError.UNREADABLE, str(error)) from error
    if size == 0:
        return  # an empty file is what SQLite itself creates before the first write
    try:
        with database.open("rb") as handle:
            header = handle.read(len(SQLITE_MAGIC))
    except OSError as error:
        raise StoreError(str(database), StoreError.UNREADABLE, str(error)) from error
    if header != SQLITE_MAGIC:
        raise StoreError(str(database), StoreError.NOT_A_DATABASE, "no SQLite header")


def make_engine(database: Path) -> Engine:
    engine = create_engine(
        f"sqlite+pysqlite:///{database}",
        # One worker thread uses the store, serialized by the caller; the
        # connection may have been made on another thread.
        connect_args={"check_same_thread": False},
    )

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
        # Let SQLAlchemy's "begin" event decide how transactions start
        # (the pysqlite driver would otherwise defer BEGIN to the first write).
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys = ON")
        # In WAL mode NORMAL keeps the database consistent after a crash and
        # loses at most the last transactions, never a corrupted file.
        cursor.execute("PRAGMA synchronous = NORMAL")
        # A second newsdesk (the CLI while the window is open) waits its turn.
        cursor.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_MS)}")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Connection) -> None:
        # Writers take the write lock at once: a read-then-write transaction
        # can then never fail half-way because another process wrote first.
        immediate = connection.get_execution_options().get(WRITE_OPTION, False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

    return engine


def current_revision(connection: Connection) -> str | None:
    """The schema version written in the file; None for a new, empty database."""
    tables = {
        row[0]
        for row in connection.exec_driver_sql("SELECT name FROM sqlite_master WHERE type = 'table'")
    }
    if "alembic_version" not in tables:
        if tables:
            raise StoreError(
                str(connection.engine.url.database),
                StoreError.NOT_A_DATABASE,
                "a SQLite database of another program",
            )
        return None
    row = connection.exec_driver_sql("SELECT version_num FROM alembic_version").first()
    return None if row is None else str(row[0])


def migrate(engine: Engine, target: str = "head") -> None:
    """Switch the file to WAL and migrate it to ``target`` in one write transaction."""
    raw = engine.raw_connection()
    try:
        driver = raw.driver_connection
        assert isinstance(driver, sqlite3.Connection)
        # Persistent in the file. SQLite refuses it inside a transaction; the
        # raw connection is in autocommit mode (see make_engine).
        driver.execute("PRAGMA journal_mode = WAL")
    finally:
        raw.close()
    with engine.execution_options(**{WRITE_OPTION: True}).begin() as connection:
        upgrade(connection, target)


def upgrade(connection: Connection, target: str = "head") -> None:
    """Run the migrations up to ``target`` on this connection, in its transaction."""
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    command.upgrade(config, target)


def known_revisions() -> set[str]:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return {script.revision for script in ScriptDirectory.from_config(config).walk_revisions()}


def script_head() -> str | None:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return ScriptDirectory.from_config(config).get_current_head()
