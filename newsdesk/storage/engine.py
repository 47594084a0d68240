"""The store's engine: opening (creating or migrating) the file, transactions, closing.

``StoreBase`` holds the engine and the two session factories; every room of the
store (articles, revisions, search) is a mixin on top of it, and
:class:`newsdesk.storage.store.Store` puts them together.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Self

from sqlalchemy import Engine
from sqlalchemy.exc import DatabaseError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from newsdesk.core.errors import StoreError
from newsdesk.paths import Paths

from . import schema
from .backup import backup_file
from .failures import READ_ONLY, store_failure


def _writable(folder: Path, database: Path) -> bool:
    # os.access asks the kernel: a read-only mount or an immutable file say no even to root.
    if not os.access(folder, os.W_OK):
        return False
    return not database.exists() or os.access(database, os.W_OK)


class StoreBase:
    """The engine and its transactions; the rooms of the store build on it."""

    def __init__(self, paths: Paths, engine: Engine) -> None:
        self.paths = paths
        self._engine = engine
        self._read = sessionmaker(engine, expire_on_commit=False)
        self._write = sessionmaker(
            engine.execution_options(**{schema.WRITE_OPTION: True}), expire_on_commit=False
        )

    # -- opening and closing -------------------------------------------------

    @classmethod
    def open(cls, paths: Paths) -> Self:
        """Open (creating or upgrading) the store under ``paths``.

        Raises StoreError when the file is not a newsdesk database, was
        written by a newer newsdesk, or cannot be read; the file is then left
        exactly as it was.
        """
        try:
            paths.ensure()
        except OSError as error:
            raise store_failure(paths.root, error) from error
        database = paths.database
        schema.check_header(database)
        engine = schema.make_engine(database)
        try:
            cls._prepare(paths, engine)
        except StoreError:
            engine.dispose()
            raise
        except OperationalError as error:
            engine.dispose()
            failure = store_failure(database, error)
            if failure.reason == StoreError.UNREADABLE and not _writable(paths.root, database):
                # A WAL database on a read-only disk cannot even be opened (its -shm
                # cannot be made): SQLite says « unable to open », the disk is the cause.
                failure = StoreError(str(database), READ_ONLY, failure.detail)
            raise failure from error
        except DatabaseError as error:
            engine.dispose()
            raise StoreError(str(database), StoreError.NOT_A_DATABASE, str(error.orig)) from error
        return cls(paths, engine)

    @staticmethod
    def _prepare(paths: Paths, engine: Engine) -> None:
        database = paths.database
        with engine.connect() as connection:
            current = schema.current_revision(connection)
            connection.rollback()
        if current == schema.HEAD:
            return
        if current is not None and current not in schema.known_revisions():
            raise StoreError(str(database), StoreError.TOO_NEW, f"schema {current}")
        if current is not None:
            # An upgrade rewrites tables: keep the reporter's data as it was first.
            backup_file(database, paths.backups, label=f"before-{schema.HEAD}")
        schema.migrate(engine)

    def close(self) -> None:
        try:
            raw = self._engine.raw_connection()
            try:
                driver = raw.driver_connection
                assert isinstance(driver, sqlite3.Connection)
                # Another program writing (the window beside the command line, a lock):
                # skip the tidying rather than wait the whole busy timeout for it.
                driver.execute("PRAGMA busy_timeout = 200")
                driver.execute("PRAGMA optimize")
                # Folds the WAL back into the main file: a closed store is one file.
                driver.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            finally:
                raw.close()
        except sqlite3.OperationalError:
            pass  # another process holds the database; its close will checkpoint
        self._engine.dispose()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    @contextmanager
    def writing(self) -> Iterator[Session]:
        """A session in a write transaction (BEGIN IMMEDIATE), committed on exit.

        For repositories of other tables in the same file (the outbox, the
        sites...): their writes then share the store's locking and can join
        an article change in one transaction. Keep it short: other windows
        and the CLI wait while it is open.
        """
        try:
            with self._write.begin() as session:
                yield session
        except OperationalError as error:
            raise self._unavailable(error) from error

    @contextmanager
    def reading(self) -> Iterator[Session]:
        """A session in a read transaction: a consistent snapshot, nothing written."""
        try:
            with self._read.begin() as session:
                yield session
        except OperationalError as error:
            raise self._unavailable(error) from error

    def _unavailable(self, error: OperationalError) -> StoreError:
        # Locked past the busy timeout, disk full, file gone: the transaction
        # was rolled back, nothing half-written; say so in the store's terms.
        return store_failure(self.paths.database, error)

    # Older names, still used inside the package.
    _writing = writing
    _reading = reading
