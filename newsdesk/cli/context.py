"""What a command needs: where the data is, the output streams, the wording, the store."""

from __future__ import annotations

from typing import TYPE_CHECKING, TextIO

from newsdesk.paths import Paths

from .messages import Messages
from .output import PROG

if TYPE_CHECKING:
    from newsdesk.credentials import CredentialStore
    from newsdesk.storage.store import Store


class Context:
    """What a command needs: where the data is, the output streams, the wording."""

    def __init__(self, paths: Paths, messages: Messages, out: TextIO, err: TextIO) -> None:
        self.paths = paths
        self.messages = messages
        self.out = out
        self.err = err
        self._store: Store | None = None

    @property
    def store(self) -> Store:
        if self._store is None:
            # SQLAlchemy costs half a second to import: only commands that need it pay.
            from newsdesk.storage.store import Store

            self._store = Store.open(self.paths)
        return self._store

    def close(self) -> None:
        if self._store is not None:
            self._store.close()
            self._store = None

    def fail(self, message: str, file: str | None = None) -> None:
        where = f"{file}: " if file is not None else ""
        self.err.write(f"{PROG}: {where}{message}\n")

    def credentials(self) -> CredentialStore:
        """The system keyring's credential store (KeyringUnavailable when there is none)."""
        from newsdesk.credentials import CredentialStore

        return CredentialStore()
