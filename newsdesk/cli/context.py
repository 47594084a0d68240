"""What a command needs: where the data is, the output streams, the wording, the store.

The store, the password store and the outbox worker come from the composition root
(:mod:`newsdesk.context`), as the window's do; this adds what only a command has: its
streams, its wording, and one store opened on first use and closed when it ends.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TextIO

from newsdesk.context import Context as RootContext
from newsdesk.paths import Paths

from .messages import Messages
from .output import PROG

if TYPE_CHECKING:
    from newsdesk.credentials import Credentials
    from newsdesk.formats.pdf_page import MakePdf
    from newsdesk.storage.store import Store
    from newsdesk.sync.worker import OutboxWorker


class Context:
    """What a command needs: where the data is, the output streams, the wording."""

    def __init__(
        self,
        paths: Paths,
        messages: Messages,
        out: TextIO,
        err: TextIO,
        root: RootContext | None = None,
        make_pdf: MakePdf | None = None,
    ) -> None:
        self.paths = paths
        self.messages = messages
        self.out = out
        self.err = err
        # The PDF maker needs QtWebEngine: the entry point hands it in, as it hands in
        # the window (the command line never imports Qt). None: no PDF here.
        self.make_pdf = make_pdf
        # No settings: no command reads them, and a command must not fail on them.
        self.root = root if root is not None else RootContext(paths=paths, settings=None)
        self._store: Store | None = None

    @property
    def store(self) -> Store:
        if self._store is None:
            # SQLAlchemy costs half a second to import: only commands that need it pay.
            self._store = self.root.open_store()
        return self._store

    def close(self) -> None:
        if self._store is not None:
            self._store.close()
            self._store = None

    def fail(self, message: str, file: str | None = None) -> None:
        where = f"{file}: " if file is not None else ""
        self.err.write(f"{PROG}: {where}{message}\n")

    def credentials(self) -> Credentials:
        """The system keyring's credential store (KeyringUnavailable when there is none)."""
        return self.root.credentials()

    def worker(self) -> OutboxWorker:
        """The outbox's worker on this command's store, its passwords from the keyring."""
        return self.root.make_worker(self.store)
