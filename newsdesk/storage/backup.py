"""Backups: consistent copies of the database file, rotated, the newest kept.

``backup_database`` is what :meth:`Store.backup` does; ``backup_file`` is the
copy the engine makes before a migration rewrites the tables. The daily backup
covers the photos, the settings and the dictionaries too: it is the archive of
``archive.daily_archive`` (the one ``newsdesk backup`` writes), not these copies.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from sqlalchemy import Engine

from newsdesk.core.article import utcnow
from newsdesk.paths import Paths

from .failures import store_failure
from .serialize import utc_text

#: How many backups ``backup_database()`` keeps.
BACKUPS_KEPT = 10


def backup_database(paths: Paths, engine: Engine) -> Path:
    """A consistent copy of the database in ``paths.backups``; keeps the 10 newest."""
    try:
        paths.backups.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise store_failure(paths.backups, error) from error
    raw = engine.raw_connection()
    try:
        source = raw.driver_connection
        assert isinstance(source, sqlite3.Connection)
        target = write_backup(source, paths.backups, label="")
    finally:
        raw.close()
    rotate(paths.backups)
    return target


def _backup_name(label: str) -> str:
    stamp = utc_text(utcnow()).replace("-", "").replace(":", "").replace(" ", "-").replace(".", "-")
    return f"newsdesk-{stamp}{'-' + label if label else ''}.sqlite3"


def write_backup(source: sqlite3.Connection, folder: Path, label: str) -> Path:
    target = folder / _backup_name(label)
    partial = target.with_suffix(".partial")
    try:
        destination = sqlite3.connect(partial)
        try:
            # The backup API copies a consistent snapshot even while others write.
            source.backup(destination)
        finally:
            destination.close()
        os.replace(partial, target)
    except (sqlite3.Error, OSError) as error:
        # A full disk must not leave half a backup that rotation would count.
        partial.unlink(missing_ok=True)
        raise store_failure(target, error) from error
    return target


def backup_file(database: Path, folder: Path, label: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    source = sqlite3.connect(database)
    try:
        return write_backup(source, folder, label)
    finally:
        source.close()


def rotate(folder: Path) -> None:
    # Names start with a fixed-width UTC time: name order is age order.
    backups = sorted(folder.glob("newsdesk-*.sqlite3"))
    for old in backups[:-BACKUPS_KEPT]:
        old.unlink(missing_ok=True)
