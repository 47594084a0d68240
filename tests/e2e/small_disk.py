"""A small disk for the data folder: a tmpfs mounted by the test (root only), that a
test fills, remounts read-only, or whose database another process locks.

Root ignores file modes, so « read-only » is a read-only remount, never a chmod.
Where mounting is not permitted (not root, a container without CAP_SYS_ADMIN) the
tests that need it are skipped, and say why.
"""

from __future__ import annotations

import errno
import os
import sqlite3
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path

import pytest


class SmallDisk:
    def __init__(self, mount: Path) -> None:
        self.mount = mount
        self.home = mount / "newsdesk-home"
        self.filler = mount / "filler"

    def fill(self) -> None:
        """Fill the disk to the last byte (SQLite's next page, a photo, a backup fail)."""
        descriptor = os.open(self.filler, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
        try:
            for size in (1 << 20, 1 << 12, 1):
                try:
                    while True:
                        os.write(descriptor, b"\0" * size)
                except OSError as error:
                    assert error.errno == errno.ENOSPC, error
        finally:
            os.close(descriptor)

    def free(self) -> None:
        self.filler.unlink(missing_ok=True)

    def read_only(self, on: bool = True) -> None:
        option = "remount,ro" if on else "remount,rw"
        subprocess.run(["mount", "-o", option, str(self.mount)], check=True)

    def integrity(self) -> str:
        database = self.home / "newsdesk.sqlite3"
        with closing(sqlite3.connect(database)) as connection:
            return str(connection.execute("PRAGMA integrity_check").fetchone()[0])


@contextmanager
def small_disk(where: Path, megabytes: int = 16) -> Iterator[SmallDisk]:
    mount = where / "disk"
    mount.mkdir()
    if os.geteuid() != 0:
        pytest.skip("a full or read-only disk needs a tmpfs, and mounting one needs root")
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={megabytes}m,mode=0755", "tmpfs", str(mount)],
        capture_output=True,
        text=True,
    )
    if done.returncode != 0:
        pytest.skip(f"mounting a tmpfs is not permitted here: {done.stderr.strip()}")
    disk = SmallDisk(mount)
    disk.home.mkdir()
    try:
        yield disk
    finally:
        subprocess.run(["mount", "-o", "remount,rw", str(mount)], capture_output=True)
        subprocess.run(["umount", "-l", str(mount)], capture_output=True)


# The other program: holds an exclusive SQLite lock on the database until told to stop
# (a line on its stdin), having said « locked » once it holds it.
_LOCKER = textwrap.dedent(
    """
    import sqlite3, sys
    connection = sqlite3.connect(sys.argv[1], isolation_level=None)
    connection.execute("BEGIN EXCLUSIVE")
    print("locked", flush=True)
    sys.stdin.readline()
    connection.execute("ROLLBACK")
    """
)


@contextmanager
def locked(database: Path) -> Iterator[None]:
    """Another process holds ``BEGIN EXCLUSIVE`` on ``database`` while inside."""
    locker = subprocess.Popen(
        [sys.executable, "-c", _LOCKER, str(database)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert locker.stdout is not None and locker.stdout.readline().strip() == "locked"
        yield
    finally:
        assert locker.stdin is not None
        locker.stdin.write("\n")
        locker.stdin.flush()
        locker.stdin.close()
        locker.wait(timeout=10)
        if locker.stdout is not None:
            locker.stdout.close()
