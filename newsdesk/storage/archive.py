"""The whole data folder in one file, to move to another laptop or to keep each day.

``write_archive`` makes it, ``restore_archive`` brings it back (``check_archive`` only
reads and verifies). What an archive holds, under these names:

* ``newsdesk.sqlite3``: a consistent snapshot of the store, made with SQLite's backup
  API (never a copy of the live file, which may be half-way through a write);
* ``media/...``: every image of the store, as ``media/`` holds them;
* ``settings.json``: the settings; ``spelling/...``: the newsroom's word list and the
  reporter's own dictionaries;
* ``manifest.json``: the format, the newsdesk version, the schema revision of the
  snapshot, the date, and each file's size and SHA-256.

Never the passwords: they stay in the operating system's keyring, and the manifest says
so. Why a zip and not a tar: each member is found through the central directory at the
end, so a truncated file is refused at once (a tar or a .tar.gz cut short can read as
a shorter, valid archive); each member carries its CRC-32 as well as our SHA-256; photos
are stored as they are (already compressed) while the database and the text are
deflated; and Windows and macOS open a zip without any other program, should a desk's
technician need to look inside.

Writing, checking and restoring stay in one module (about 560 lines): they share the
format (member names, manifest, version), the atomic target and the snapshot, and a
change to one must be seen against the other two.
"""

from __future__ import annotations

import errno
import hashlib
import json
import os
import shutil
import sqlite3
import tempfile
import zipfile
from collections.abc import Callable, Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import IO, Any

from newsdesk import __version__
from newsdesk.core.article import utcnow
from newsdesk.core.errors import NewsdeskError
from newsdesk.paths import Paths

from . import copies
from .serialize import utc_text

FORMAT = "newsdesk-backup"
#: The archive's own layout; a newer one than this newsdesk reads is refused.
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
DATABASE = "newsdesk.sqlite3"
SETTINGS = "settings.json"
MEDIA = "media"
SPELLING = "spelling"
#: Kept as they are in the zip: deflating a JPEG costs an old laptop's CPU and saves ~1 %.
STORED_SUFFIXES = frozenset({".jpg", ".jpeg", ".jpe", ".png", ".gif", ".webp"})
PASSWORDS_NOTE = (
    "Les mots de passe des sites ne sont pas dans cette sauvegarde : ils restent dans le "
    "trousseau du système. Sur le nouvel ordinateur, reconnectez chaque site. / "
    "Site passwords are not in this backup: they stay in the operating system's keyring. "
    "On the new computer, connect each site again."
)
#: The daily archives kept in ``Paths.backups`` (each holds every photo: a few hundred MB).
DAILY_KEPT = 3
DAILY_GLOB = "newsdesk-*.zip"
#: The free space a daily archive must leave on the disk (the reporter's work needs it).
DAILY_MARGIN = 256 * 1024 * 1024
_CHUNK = 1024 * 1024


class ArchiveError(NewsdeskError):
    """A backup archive that cannot be written or restored; nothing was changed.

    ``reason`` is a code ``newsdesk.words.archive`` words for people.
    """

    DAMAGED = "damaged"  # truncated, not a readable zip
    NOT_NEWSDESK = "not_newsdesk"  # a zip, but not one newsdesk made
    TAMPERED = "tampered"  # a file that does not match its SHA-256 or size
    TOO_NEW = "too_new"  # from a newer newsdesk: schema revision not known here
    NOT_EMPTY = "not_empty"  # the store holds articles and --replace was not given
    IN_USE = "in_use"  # another program (the window) has the store open
    DISK_FULL = "disk_full"
    UNWRITABLE = "unwritable"

    def __init__(self, reason: str, path: str = "", detail: str = "", *, restoring: bool) -> None:
        super().__init__(f"{path}: {reason}" + (f" ({detail})" if detail else ""))
        self.reason = reason
        self.path = path
        self.detail = detail
        #: Whether it happened while restoring (else while writing an archive).
        self.restoring = restoring


@dataclass(frozen=True, slots=True)
class ArchiveInfo:
    """What a manifest says, once checked."""

    path: Path
    newsdesk_version: str
    schema_revision: str
    created_at: str
    files: int
    size: int


@dataclass(frozen=True, slots=True)
class Restored:
    info: ArchiveInfo
    #: Where the store that was there before went (None: the folder was empty).
    kept_aside: Path | None = None


@dataclass(slots=True)
class _Entry:
    path: str
    size: int = 0
    sha256: str = ""
    extra: dict[str, Any] = field(default_factory=dict)


# --- Writing -------------------------------------------------------------------------------


def write_archive(
    paths: Paths, target: Path, *, after_snapshot: Callable[[], object] | None = None
) -> ArchiveInfo:
    """Write the archive of the data folder ``paths`` to ``target``, atomically.

    The store must exist (open it first: opening creates or migrates it). Raises
    ArchiveError (``disk_full``, ``unwritable``); then nothing is left under ``target``
    nor beside it, and a file already there is untouched. ``after_snapshot`` is called
    once the store's copy is taken and its connection closed, before the compressing.
    """
    target = Path(target)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        with (
            _atomic_target(target) as handle,
            tempfile.TemporaryDirectory(dir=target.parent, prefix=".newsdesk-snapshot-") as scratch,
        ):
            snapshot = Path(scratch) / DATABASE
            revision = _snapshot(paths.database, snapshot)
            if after_snapshot is not None:
                after_snapshot()
            entries: list[_Entry] = []
            with zipfile.ZipFile(handle, "w", allowZip64=True) as archive:
                entries.append(_add(archive, snapshot, DATABASE))
                if paths.settings.is_file():
                    entries.append(_add(archive, paths.settings, SETTINGS))
                for folder, name in ((paths.media, MEDIA), (paths.spelling, SPELLING)):
                    for source in _files_under(folder):
                        relative = source.relative_to(folder).as_posix()
                        entries.append(_add(archive, source, f"{name}/{relative}"))
                created = utcnow().strftime("%Y-%m-%dT%H:%M:%SZ")
                manifest = {
                    "format": FORMAT,
                    "format_version": FORMAT_VERSION,
                    "newsdesk_version": __version__,
                    "schema_revision": revision,
                    "created_at": created,
                    "passwords": PASSWORDS_NOTE,
                    "files": [
                        {"path": e.path, "size": e.size, "sha256": e.sha256} for e in entries
                    ],
                }
                text = json.dumps(manifest, ensure_ascii=False, indent=2) + "\n"
                archive.writestr(MANIFEST, text.encode("utf-8"), zipfile.ZIP_DEFLATED)
    except (OSError, sqlite3.Error) as error:
        full = isinstance(error, OSError) and error.errno in (errno.ENOSPC, errno.EDQUOT)
        full = full or (isinstance(error, sqlite3.Error) and "full" in str(error).lower())
        reason = ArchiveError.DISK_FULL if full else ArchiveError.UNWRITABLE
        raise ArchiveError(reason, str(target), str(error), restoring=False) from error
    return ArchiveInfo(
        target, __version__, revision, created, len(entries), sum(e.size for e in entries)
    )


@contextmanager
def _atomic_target(target: Path) -> Iterator[IO[bytes]]:
    """A file beside ``target`` that becomes it only once whole and on disk.

    ``atomicfile.write_atomic`` does the same for data held in memory; an archive
    holds every photo (hundreds of MB), so it is streamed into the file instead.
    """
    fd, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w+b") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _snapshot(database: Path, copy: Path) -> str:
    """A consistent copy of ``database`` (SQLite's backup API); its schema revision."""
    if not database.is_file():
        raise FileNotFoundError(errno.ENOENT, "no store to back up", str(database))
    with (
        copies.copying(database),
        closing(sqlite3.connect(database)) as source,
        closing(sqlite3.connect(copy)) as dest,
    ):
        # The backup API copies a consistent snapshot even while the window writes.
        _copy_store(source, dest)
        row = dest.execute("SELECT version_num FROM alembic_version").fetchone()
        # The copy is one file, not in WAL mode: it can travel alone.
        dest.execute("PRAGMA journal_mode = DELETE")
    return str(row[0])


def _copy_store(source: sqlite3.Connection, dest: sqlite3.Connection) -> None:
    """SQLite's backup API (a function of its own: a test holds the copy open)."""
    source.backup(dest)


def _files_under(folder: Path) -> list[Path]:
    """The files of ``folder`` to keep, in a stable order; half-written ones (``.x.tmp``,
    hidden) are not."""
    if not folder.is_dir():
        return []
    return sorted(
        p
        for p in folder.rglob("*")
        if p.is_file() and not any(part.startswith(".") for part in p.relative_to(folder).parts)
    )


def _add(archive: zipfile.ZipFile, source: Path, name: str) -> _Entry:
    # A file dated before 1980 (a copy tool that lost the dates) goes in dated 1980.
    info = zipfile.ZipInfo.from_file(source, name, strict_timestamps=False)
    stored = PurePosixPath(name).suffix.lower() in STORED_SUFFIXES
    info.compress_type = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
    entry = _Entry(name)
    digest = hashlib.sha256()
    with source.open("rb") as handle, archive.open(info, "w", force_zip64=True) as out:
        while chunk := handle.read(_CHUNK):
            digest.update(chunk)
            out.write(chunk)
            entry.size += len(chunk)
    entry.sha256 = digest.hexdigest()
    return entry


# --- The daily archive ---------------------------------------------------------------------


def daily_archive(paths: Paths, *, after_snapshot: Callable[[], object] | None = None) -> Path:
    """Today's archive in ``paths.backups`` (``newsdesk-<UTC time>.zip``); keeps the
    DAILY_KEPT newest. For the window's housekeeping, on the database worker.

    Each archive holds every photo: when the disk could not take one more and still
    leave DAILY_MARGIN free for the reporter's work, the older ones go first (the newest
    is always kept), and if that is not enough none is written (``disk_full``).
    """
    backups = paths.backups
    backups.mkdir(parents=True, exist_ok=True)
    for leftover in backups.glob(".newsdesk-*"):
        # A temporary file or snapshot of an archive cut short (power cut, killed).
        if leftover.is_dir():
            shutil.rmtree(leftover, ignore_errors=True)
        else:
            leftover.unlink(missing_ok=True)
    needed = _estimated_size(paths) + DAILY_MARGIN
    # Names start with a fixed-width UTC time: name order is age order.
    kept = sorted(backups.glob(DAILY_GLOB))
    while shutil.disk_usage(backups).free < needed and len(kept) > 1:
        kept.pop(0).unlink(missing_ok=True)
    if shutil.disk_usage(backups).free < needed:
        raise ArchiveError(
            ArchiveError.DISK_FULL, str(backups), f"{needed} bytes needed", restoring=False
        )
    stamp = utc_text(utcnow()).replace("-", "").replace(":", "").replace(" ", "-")
    target = backups / f"newsdesk-{stamp.replace('.', '-')}.zip"
    write_archive(paths, target, after_snapshot=after_snapshot)
    for old in sorted(backups.glob(DAILY_GLOB))[:-DAILY_KEPT]:
        old.unlink(missing_ok=True)
    return target


def _estimated_size(paths: Paths) -> int:
    """About what an archive of ``paths`` takes (photos are stored as they are)."""
    files = [paths.database, paths.settings, *_files_under(paths.media)]
    files += _files_under(paths.spelling)
    return sum(p.stat().st_size for p in files if p.is_file())


# --- Reading and restoring -----------------------------------------------------------------


def check_archive(archive: Path) -> ArchiveInfo:
    """The archive's manifest, once every file was read and matched its SHA-256.

    ArchiveError (``damaged``, ``not_newsdesk``, ``tampered``, ``too_new``) otherwise.
    """
    with _open(archive) as (zipped, manifest, info):
        for entry in manifest:
            _copy_checked(zipped, entry, None, archive)
        return info


def store_has_articles(paths: Paths) -> bool:
    """Whether the data folder holds anything a restore would lose: an article (in
    the trash too) or an image."""
    if any(True for _ in _files_under(paths.media)):
        return True
    if not paths.database.is_file() or paths.database.stat().st_size == 0:
        return False
    try:
        # Not read-only: closing the last connection then folds and removes the -wal
        # and -shm files a read opens, and the folder is left exactly as it was.
        with closing(sqlite3.connect(paths.database)) as db:
            return db.execute("SELECT 1 FROM articles LIMIT 1").fetchone() is not None
    except sqlite3.Error:
        return True  # something we cannot read: never replaced without asking


def restore_archive(paths: Paths, archive: Path, *, replace: bool = False) -> Restored:
    """Bring the archive back into the data folder ``paths``.

    The store must be closed (by every program: close the window first). Everything is
    checked and unpacked beside the data first; only then is what was there moved aside,
    into ``backups/before-restore-<time>/``, and the archive's files moved into place.
    A folder holding articles is refused (``not_empty``) unless ``replace``. The store
    is then opened once, which migrates an archive made by an older newsdesk.
    """
    archive = Path(archive)
    paths.root.mkdir(parents=True, exist_ok=True)
    with _open(archive) as (zipped, manifest, info):
        if not replace and store_has_articles(paths):
            raise ArchiveError(ArchiveError.NOT_EMPTY, str(paths.root), restoring=True)
        try:
            staging = Path(tempfile.mkdtemp(dir=paths.root, prefix=".restore-"))
        except OSError as error:
            raise _restore_error(error, paths.root) from error
        try:
            try:
                for entry in manifest:
                    _copy_checked(zipped, entry, staging, archive)
            except OSError as error:
                raise _restore_error(error, paths.root) from error
            _check_snapshot(staging / DATABASE, archive)
            _check_not_in_use(paths.database)
            kept = _swap_in(paths, staging)
        finally:
            shutil.rmtree(staging, ignore_errors=True)
    from .store import Store  # SQLAlchemy, only now

    # Migrations run at open: an archive of an older newsdesk becomes this one's store.
    Store.open(paths).close()
    return Restored(info, kept)


def _check_not_in_use(database: Path) -> None:
    """Refuse (``in_use``) while another connection has the store open: the window's
    would go on writing into the file moved aside, and the reporter's work with it.

    A copy this process is taking for a backup is waited for first
    (``storage.copies``). In WAL mode every open connection keeps a lock that an
    exclusive transaction in exclusive locking mode cannot get past, even while that
    connection is idle; this one asks once, without waiting, and leaves nothing behind
    when it closes.
    """
    if not database.is_file():
        return
    copies.wait_for_copies(database)
    try:
        with closing(sqlite3.connect(database, timeout=0, isolation_level=None)) as probe:
            probe.execute("PRAGMA locking_mode = EXCLUSIVE")
            probe.execute("BEGIN EXCLUSIVE")
            probe.execute("SELECT count(*) FROM sqlite_master").fetchone()
            probe.execute("COMMIT")
    except sqlite3.OperationalError as error:
        if "locked" in str(error) or "busy" in str(error):
            raise ArchiveError(
                ArchiveError.IN_USE, str(database), str(error), restoring=True
            ) from error
        # Unreadable for another reason: moved aside like the rest, never deleted.


def _restore_error(error: OSError, where: Path) -> ArchiveError:
    full = error.errno in (errno.ENOSPC, errno.EDQUOT)
    reason = ArchiveError.DISK_FULL if full else ArchiveError.UNWRITABLE
    return ArchiveError(reason, str(where), str(error), restoring=True)


def _replaced(paths: Paths) -> list[Path]:
    """What a data folder holds that an archive replaces, moved aside together."""
    database = paths.database
    companions = [database.with_name(database.name + s) for s in ("-wal", "-shm", "-journal")]
    return [database, *companions, paths.media, paths.settings, paths.spelling]


def _swap_in(paths: Paths, staging: Path) -> Path | None:
    """Move what is there aside, and the staged files into place; all or nothing."""
    stamp = utc_text(utcnow()).replace("-", "").replace(":", "").replace(" ", "-")
    aside = paths.backups / f"before-restore-{stamp.replace('.', '-')}"
    present = [p for p in _replaced(paths) if p.exists()]
    moved_aside: list[tuple[Path, Path]] = []
    moved_in: list[Path] = []
    try:
        if present:
            aside.mkdir(parents=True)
        for path in present:
            # A stale -wal beside the restored file would be replayed into it: it goes too.
            os.replace(path, aside / path.name)
            moved_aside.append((path, aside / path.name))
        for name, place in (
            (DATABASE, paths.database),
            (MEDIA, paths.media),
            (SETTINGS, paths.settings),
            (SPELLING, paths.spelling),
        ):
            if (staging / name).exists():
                os.replace(staging / name, place)
                moved_in.append(place)
        paths.media.mkdir(exist_ok=True)
    except OSError as error:
        for place in moved_in:
            if place.is_dir():
                shutil.rmtree(place, ignore_errors=True)
            else:
                place.unlink(missing_ok=True)
        for original, kept in reversed(moved_aside):
            os.replace(kept, original)
        if aside.is_dir() and not any(aside.iterdir()):
            aside.rmdir()
        raise _restore_error(error, paths.root) from error
    return aside if present else None


@contextmanager
def _open(archive: Path) -> Iterator[tuple[zipfile.ZipFile, list[_Entry], ArchiveInfo]]:
    try:
        zipped = zipfile.ZipFile(archive)
    except FileNotFoundError:
        raise
    except (zipfile.BadZipFile, OSError, EOFError, ValueError) as error:
        damaged = ArchiveError.DAMAGED
        raise ArchiveError(damaged, str(archive), str(error), restoring=True) from error
    with zipped:
        manifest, info = _manifest(zipped, archive)
        yield zipped, manifest, info


def _manifest(zipped: zipfile.ZipFile, archive: Path) -> tuple[list[_Entry], ArchiveInfo]:
    def refuse(reason: str, detail: str = "") -> ArchiveError:
        return ArchiveError(reason, str(archive), detail, restoring=True)

    try:
        raw = zipped.read(MANIFEST)
    except KeyError as error:
        raise refuse(ArchiveError.NOT_NEWSDESK, "no manifest") from error
    except (zipfile.BadZipFile, OSError, EOFError) as error:
        raise refuse(ArchiveError.DAMAGED, str(error)) from error
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as error:
        raise refuse(ArchiveError.NOT_NEWSDESK, "manifest unreadable") from error
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise refuse(ArchiveError.NOT_NEWSDESK, "not a newsdesk manifest")
    version = data.get("format_version")
    revision = data.get("schema_revision")
    files = data.get("files")
    if not isinstance(version, int) or not isinstance(revision, str) or not isinstance(files, list):
        raise refuse(ArchiveError.NOT_NEWSDESK, "manifest incomplete")
    if version > FORMAT_VERSION or revision not in _known_revisions():
        raise refuse(ArchiveError.TOO_NEW, revision)
    entries: list[_Entry] = []
    for item in files:
        if not isinstance(item, dict):
            raise refuse(ArchiveError.NOT_NEWSDESK, "manifest entry")
        name, size, sha = item.get("path"), item.get("size"), item.get("sha256")
        if not (isinstance(name, str) and isinstance(size, int) and isinstance(sha, str)):
            raise refuse(ArchiveError.NOT_NEWSDESK, "manifest entry")
        if not _allowed(name):
            raise refuse(ArchiveError.NOT_NEWSDESK, f"unexpected path {name!r}")
        entries.append(_Entry(name, size, sha))
    listed = {e.path for e in entries}
    if DATABASE not in listed:
        raise refuse(ArchiveError.NOT_NEWSDESK, "no database")
    members = {i.filename for i in zipped.infolist() if not i.is_dir()} - {MANIFEST}
    if members != listed:
        # A file the manifest does not vouch for, or one it lists that is missing.
        raise refuse(ArchiveError.TAMPERED, ", ".join(sorted(members ^ listed))[:200])
    info = ArchiveInfo(
        archive,
        str(data.get("newsdesk_version", "?")),
        revision,
        str(data.get("created_at", "?")),
        len(entries),
        sum(e.size for e in entries),
    )
    return entries, info


def _allowed(name: str) -> bool:
    """Only the names an archive holds, and none that would leave the data folder."""
    path = PurePosixPath(name)
    if path.is_absolute() or "\\" in name or any(p in ("", ".", "..") for p in name.split("/")):
        return False
    if name in (DATABASE, SETTINGS):
        return True
    return len(path.parts) >= 2 and path.parts[0] in (MEDIA, SPELLING)


def _known_revisions() -> set[str]:
    from . import schema

    return schema.known_revisions()


def _copy_checked(
    zipped: zipfile.ZipFile, entry: _Entry, folder: Path | None, archive: Path
) -> None:
    """Read one member, checking its size and SHA-256; written under ``folder`` if given."""
    digest = hashlib.sha256()
    size = 0
    target = None if folder is None else folder / entry.path
    try:
        with zipped.open(entry.path) as member:
            out: IO[bytes] | None = None
            if target is not None:
                target.parent.mkdir(parents=True, exist_ok=True)
                out = target.open("wb")
            try:
                while chunk := member.read(_CHUNK):
                    digest.update(chunk)
                    size += len(chunk)
                    if size > entry.size:
                        break
                    if out is not None:
                        out.write(chunk)
            finally:
                if out is not None:
                    out.close()
    except (zipfile.BadZipFile, EOFError, zipfile.LargeZipFile) as error:
        # A CRC-32 that does not match, or a member cut short.
        raise ArchiveError(
            ArchiveError.DAMAGED, str(archive), f"{entry.path}: {error}", restoring=True
        ) from error
    if size != entry.size or digest.hexdigest() != entry.sha256:
        raise ArchiveError(ArchiveError.TAMPERED, str(archive), entry.path, restoring=True)


def _check_snapshot(database: Path, archive: Path) -> None:
    """The unpacked database is a SQLite file of a schema revision this newsdesk knows."""
    try:
        with closing(sqlite3.connect(f"{database.as_uri()}?mode=ro", uri=True)) as db:
            row = db.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.Error as error:
        raise ArchiveError(
            ArchiveError.NOT_NEWSDESK, str(archive), str(error), restoring=True
        ) from error
    if row is None or str(row[0]) not in _known_revisions():
        revision = "?" if row is None else str(row[0])
        raise ArchiveError(ArchiveError.TOO_NEW, str(archive), revision, restoring=True)
