"""Site passwords, kept in the operating system's keyring and nowhere else.

This is the only module that touches ``keyring``. A password is never written to the
store, the settings, a log or an exception message, and nothing here prints one.

Not every keyring is a safe place: ``keyrings.alt`` installs itself as the default where
present and keeps secrets base64-encoded in a file (plaintext, in effect); ``fail`` and
``null`` keep nothing. Those are refused with :class:`KeyringUnavailable`, and the
interface then offers to keep the password for this session only
(:class:`SessionCredentialStore`), which the reporter must accept knowingly.
"""

from __future__ import annotations

import contextlib
import logging
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol, TypeVar

from newsdesk.core.errors import KeyringUnavailable

if TYPE_CHECKING:
    from keyring.backend import KeyringBackend

SERVICE = "newsdesk"
_T = TypeVar("_T")
log = logging.getLogger(__name__)

#: Words in a backend's module or class name that betray a file or no storage at all.
_UNSAFE_WORDS = ("alt", "plaintext", "file", "null", "fail", "chainer")


class Credentials(Protocol):
    """What the rest of newsdesk asks of a place that keeps passwords."""

    def get(self, account_name: str, username: str) -> str | None: ...

    def set(self, account_name: str, username: str, password: str) -> None: ...

    def delete(self, account_name: str, username: str) -> None: ...


def _entry(account_name: str, username: str) -> str:
    # One site can hold several accounts (a reporter and a desk login): both names key it.
    if not account_name or not username:
        raise ValueError("account name and user name are both needed")
    return f"{username}@{account_name}"


def _describe(backend: object) -> str:
    cls = type(backend)
    return f"{cls.__module__}.{cls.__qualname__}"


def unsafe_reason(backend: KeyringBackend) -> str | None:
    """Why ``backend`` must not hold a password, or None when it may."""
    name = _describe(backend)
    lowered = name.lower()
    for word in _UNSAFE_WORDS:
        if word in lowered:
            return f"{name} is not a secure keyring ({word})"
    try:
        priority = float(backend.priority)
    except Exception as exc:  # a backend's priority check may probe D-Bus and fail any way
        return f"{name} is not usable here: {type(exc).__name__}"
    if priority < 1:
        return f"{name} is not recommended (priority {priority})"
    return None


def select_backend(backend: KeyringBackend | None = None) -> KeyringBackend:
    """The keyring newsdesk may use: ``backend`` or the system's, checked.

    The system's choice may be a chain of backends, which writes to the first that
    accepts: only its secure members are considered, the best first.
    """
    import keyring  # 150-200 ms: paid when credentials are needed, not at start-up
    from keyring.backends.chainer import ChainerBackend

    candidate = backend if backend is not None else keyring.get_keyring()
    if isinstance(candidate, ChainerBackend):
        members = list(candidate.backends)
        safe = [b for b in members if unsafe_reason(b) is None]
        if not safe:
            found = ", ".join(_describe(b) for b in members) or "none"
            log.warning("no secure keyring among: %s", found)
            raise KeyringUnavailable(f"no secure keyring among: {found}")
        best: KeyringBackend = max(safe, key=lambda b: float(b.priority))
        return best
    reason = unsafe_reason(candidate)
    if reason is not None:
        # The backend's name is for the log; the reporter reads words.errors' sentence.
        log.warning("keyring refused: %s", reason)
        raise KeyringUnavailable(reason)
    return candidate


class CredentialStore:
    """Passwords in the OS keyring (Secret Service, macOS Keychain, Windows Credential
    Locker) under the service name ``newsdesk``.

    Raises :class:`KeyringUnavailable` at construction when no secure keyring is there,
    and from any call when the keyring fails (locked, its daemon gone).
    """

    def __init__(self, backend: KeyringBackend | None = None) -> None:
        self._backend = select_backend(backend)

    @property
    def backend_name(self) -> str:
        return _describe(self._backend)

    def __repr__(self) -> str:
        return f"CredentialStore({self.backend_name})"

    def get(self, account_name: str, username: str) -> str | None:
        entry = _entry(account_name, username)
        return self._guarded(lambda: self._backend.get_password(SERVICE, entry))

    def set(self, account_name: str, username: str, password: str) -> None:
        if not password:
            raise ValueError("an empty password is not stored")
        entry = _entry(account_name, username)
        self._guarded(lambda: self._backend.set_password(SERVICE, entry, password))

    def delete(self, account_name: str, username: str) -> None:
        """Forget the password; forgetting one that is not there is not an error."""
        from keyring.errors import PasswordDeleteError

        entry = _entry(account_name, username)

        def delete() -> None:
            with contextlib.suppress(PasswordDeleteError):
                self._backend.delete_password(SERVICE, entry)

        self._guarded(delete)

    def _guarded(self, operation: Callable[[], _T]) -> _T:
        from keyring.errors import KeyringError

        try:
            return operation()
        except KeyringError as exc:
            # The keyring's own words name the failure (locked, no daemon), never the secret.
            raise KeyringUnavailable(f"{type(exc).__name__}: {exc}") from None


class SessionCredentialStore:
    """Passwords in memory, for this session only: nothing is written anywhere, and
    they are gone when newsdesk quits. Used only when the reporter accepts it."""

    def __init__(self) -> None:
        self._secrets: dict[str, str] = {}
        self._lock = threading.Lock()

    def __repr__(self) -> str:
        return f"SessionCredentialStore({len(self._secrets)} kept)"

    def get(self, account_name: str, username: str) -> str | None:
        with self._lock:
            return self._secrets.get(_entry(account_name, username))

    def set(self, account_name: str, username: str, password: str) -> None:
        if not password:
            raise ValueError("an empty password is not stored")
        with self._lock:
            self._secrets[_entry(account_name, username)] = password

    def delete(self, account_name: str, username: str) -> None:
        with self._lock:
            self._secrets.pop(_entry(account_name, username), None)
