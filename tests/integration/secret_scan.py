"""Looking for a site password everywhere newsdesk could have left it: files (zip
archives opened, SQLite's -wal/-shm included), new files anywhere under the folders a
desktop program writes to, the command lines and environments of newsdesk's running
processes, and captured output.

Used by tests/integration/test_secrets_never_written.py and test_secrets_window.py.
"""

from __future__ import annotations

import base64
import contextlib
import io
import os
import re
import threading
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType

#: Folders that belong to the test machinery or to the test sites, not newsdesk.
#: The WordPress site's own run and database folders (tests/wordpress/harness.py) are
#: MariaDB's and PHP's files; the Ghost site's (tests/ghost/harness.py) hold Ghost's
#: database, which keeps the Admin API key it issued.
EXCLUDED_PREFIXES = (
    "/tmp/bash_jobs",
    "/tmp/bash_tool_",
    "/tmp/newsdesk-wp-",
    "/tmp/newsdesk-ghost-",
)
#: Larger new files are some other program's (a bundle being built, a wheel cache).
MAX_SCANNED_BYTES = 64 * 1024 * 1024
#: An Authorization header as a request, a log line or a repr would write it:
#: ``Authorization: Basic``, ``'authorization': '...'``, ``(b'Authorization', b'...')``.
_HEADER = re.compile(rb"""(?i)(?:proxy-)?authorization['"]?\s*(?:[:=]|,\s*b?['"])""")
_BLANKED = re.compile(rb"""\s*b?['"]?\[redacted\]""")


@dataclass(frozen=True)
class Secret:
    username: str
    password: str

    def needles(self) -> dict[str, bytes]:
        """The password in every form it could take on its way to the site."""
        compact = self.password.replace(" ", "")
        forms = {
            "password": self.password.encode(),
            "password without spaces": compact.encode(),
            "password URL-encoded": self.password.replace(" ", "%20").encode(),
            "password form-encoded": self.password.replace(" ", "+").encode(),
            "password in UTF-16": self.password.encode("utf-16-le"),
        }
        for name, password in (("", self.password), (" without spaces", compact)):
            basic = base64.b64encode(f"{self.username}:{password}".encode())
            forms[f"Basic credentials{name}"] = basic
        return forms

    def hits(self, data: bytes, *, header_too: bool = True, blanked_ok: bool = False) -> list[str]:
        """What of the password (and, with ``header_too``, of an Authorization header
        at all, with or without a value) ``data`` holds. The header alone is only
        looked for in newsdesk's own files: another program's may well quote one.
        ``blanked_ok``: a header whose value is ``[redacted]`` (newsdesk.logs) is no hit:
        only for text that quotes a request on purpose (the crash test)."""
        found = [name for name, needle in self.needles().items() if needle in data]
        if header_too:
            found += [
                f"header {m.group(0)!r}"
                for m in _HEADER.finditer(data)
                if not (blanked_ok and _BLANKED.match(data, m.end()))
            ]
        return found


def file_hits(secret: Secret, path: Path, *, header_too: bool = True) -> list[str]:
    """Hits in one file; a zip archive's members are opened and searched too."""
    try:
        if path.stat().st_size > MAX_SCANNED_BYTES:
            return []
        data = path.read_bytes()
    except OSError:  # gone meanwhile (a -wal checkpointed, another program's temp file)
        return []
    return [f"{path}: {hit}" for hit in _data_hits(secret, data, header_too)]


def _data_hits(secret: Secret, data: bytes, header_too: bool, depth: int = 0) -> list[str]:
    found = secret.hits(data, header_too=header_too)
    if data[:4] == b"PK\x03\x04" and depth < 3:
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                for member in archive.namelist():
                    inner = archive.read(member)
                    found += [
                        f"{member}: {hit}"
                        for hit in _data_hits(secret, inner, header_too, depth + 1)
                    ]
        except zipfile.BadZipFile:
            # One of newsdesk's own archives must open; another program's may be broken
            # on purpose (a test of a damaged .docx running beside this one).
            if header_too:
                found.append("a zip archive that cannot be opened (so not searched)")
    return found


def files_under(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*") if p.is_file() and not p.is_symlink())


def tree_hits(secret: Secret, root: Path) -> list[str]:
    return [hit for path in files_under(root) for hit in file_hits(secret, path)]


# --- Before and after: what appeared ---------------------------------------------------


def _excluded(path: str) -> bool:
    return path.startswith(EXCLUDED_PREFIXES)


@dataclass
class Listing:
    """Every file and folder under ``roots``, with its modification time and size."""

    entries: dict[str, tuple[int, int, bool]] = field(default_factory=dict)

    @classmethod
    def take(cls, roots: Iterable[Path]) -> Listing:
        listing = cls()
        for root in roots:
            if not root.exists():
                continue
            for folder, dirs, files in os.walk(root, followlinks=False):
                if _excluded(folder):
                    dirs[:] = []
                    continue
                for name in (*dirs, *files):
                    path = os.path.join(folder, name)
                    if _excluded(path):
                        continue
                    try:
                        status = os.lstat(path)
                    except OSError:
                        continue
                    listing.entries[path] = (status.st_mtime_ns, status.st_size, name in dirs)
        return listing

    def changed_since(self, before: Listing) -> list[str]:
        """What is new or was written to since ``before``."""
        return sorted(
            path
            for path, entry in self.entries.items()
            if path not in before.entries or before.entries[path][:2] != entry[:2]
        )


def desktop_roots(*extra: Path) -> list[Path]:
    """Where a desktop program writes outside its data folder: the XDG folders (as set
    now, and their defaults under HOME), the real HOME's, /tmp and ``extra``."""
    home = Path(os.environ.get("HOME", "/root"))
    roots = [Path("/tmp"), *extra]
    for base in {home, Path("/root")}:
        roots += [base / ".local" / "share", base / ".cache", base / ".config", base / ".pki"]
    for variable in ("XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_CONFIG_HOME", "XDG_RUNTIME_DIR"):
        if os.environ.get(variable):
            roots.append(Path(os.environ[variable]))
    unique: list[Path] = []
    for root in roots:
        if root not in unique:
            unique.append(root)
    return unique


def qtwebengine_storage(paths: Iterable[str]) -> list[str]:
    """Paths that a QtWebEngine (Chromium) profile keeps on disk."""
    words = ("qtwebengine", "local storage", "indexeddb", "cookies", "service worker")
    return [p for p in paths if any(w in p.lower() for w in words)]


# --- Running processes -----------------------------------------------------------------


def _descendants(root_pid: int) -> list[int]:
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", "rb") as stat:
                # "pid (comm) state ppid ...": comm may hold spaces and parentheses.
                fields = stat.read().rsplit(b")", 1)[1].split()
        except OSError:
            continue
        children.setdefault(int(fields[1]), []).append(int(entry))
    found, todo = [], [root_pid]
    while todo:
        pid = todo.pop()
        found.append(pid)
        todo += children.get(pid, [])
    return found


class ProcessWatch:
    """While the block runs, reads the command line and environment of this process
    and of every process it starts (the command line's, the spelling process,
    QtWebEngine's), every few milliseconds, looking for the password."""

    def __init__(self, secret: Secret, interval: float = 0.005) -> None:
        self.secret = secret
        self.interval = interval
        self.hits: list[str] = []
        self.seen: set[str] = set()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="process-watch", daemon=True)

    def __enter__(self) -> ProcessWatch:
        self._thread.start()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self._stop.set()
        self._thread.join(timeout=10)
        self._look()  # once more, now

    def _run(self) -> None:
        while not self._stop.is_set():
            self._look()
            self._stop.wait(self.interval)

    def _look(self) -> None:
        for pid in _descendants(os.getpid()):
            for part in ("cmdline", "environ"):
                try:
                    with open(f"/proc/{pid}/{part}", "rb") as file:
                        data = file.read()
                except OSError:
                    continue
                if part == "cmdline":
                    self.seen.add(data.replace(b"\0", b" ").decode("utf-8", "replace").strip())
                for hit in self.secret.hits(data, header_too=False):
                    self.hits.append(f"/proc/{pid}/{part}: {hit}")

    def saw(self, words: str) -> bool:
        return any(words in line for line in self.seen)

    def commands(self) -> Iterator[str]:
        yield from sorted(self.seen)


@contextlib.contextmanager
def the_session_keyring() -> Iterator[None]:
    """The process's keyring is the session's Secret Service, as in newsdesk's own
    processes. In the test process keyring's discovery also sees the test keyrings that
    other test modules define (tests/unit/test_credentials.py's LockedKeyring has a
    real keyring's priority), and could pick one of them."""
    import keyring
    from keyring.backends import SecretService

    previous = keyring.get_keyring()
    keyring.set_keyring(SecretService.Keyring())
    try:
        yield
    finally:
        keyring.set_keyring(previous)
