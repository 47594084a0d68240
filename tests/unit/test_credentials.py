"""Credentials: only a secure keyring, never a secret shown. The real Secret Service is
exercised by tests/integration/test_credentials_secretservice.py."""

from __future__ import annotations

import logging
import secrets
from collections.abc import Iterator

import keyring
import pytest
from keyring.backend import KeyringBackend
from keyring.backends import chainer, fail, null
from keyring.errors import KeyringLocked

from newsdesk.core.errors import KeyringUnavailable
from newsdesk.credentials import (
    SERVICE,
    CredentialStore,
    SessionCredentialStore,
    select_backend,
)
from tests.memory_keyring import MemoryKeyring

# Shaped like an Application Password (six groups of four), drawn anew each run.
SECRET = " ".join(secrets.token_hex(2) for _ in range(6))


class LockedKeyring(MemoryKeyring):
    def get_password(self, service: str, username: str) -> str | None:
        raise KeyringLocked("the collection is locked")


class PlaintextKeyring(MemoryKeyring):
    """Stands for keyrings.alt's file backends: they name themselves after their module."""


PlaintextKeyring.__module__ = "keyrings.alt.file"


class WeakKeyring(MemoryKeyring):
    priority = 0.5


def make_chain(members: list[KeyringBackend]) -> chainer.ChainerBackend:
    """What keyring builds when several backends are viable (its ``backends`` is a
    class property computed from the system: a subclass pins it)."""

    class Chain(chainer.ChainerBackend):
        backends = members

    return Chain()


@pytest.fixture
def memory() -> Iterator[MemoryKeyring]:
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


def test_set_get_delete_through_the_system_keyring(memory: MemoryKeyring) -> None:
    store = CredentialStore()
    assert store.get("actuniger", "aicha") is None
    store.set("actuniger", "aicha", SECRET)
    store.set("actuniger", "moussa", "other")
    assert store.get("actuniger", "aicha") == SECRET
    assert memory.entries[(SERVICE, "aicha@actuniger")] == SECRET
    store.delete("actuniger", "aicha")
    store.delete("actuniger", "aicha")  # already gone: not an error
    assert store.get("actuniger", "aicha") is None
    assert store.get("actuniger", "moussa") == "other"


def test_nothing_shows_the_secret(
    memory: MemoryKeyring, caplog: pytest.LogCaptureFixture, capsys: pytest.CaptureFixture[str]
) -> None:
    caplog.set_level(logging.DEBUG)
    store = CredentialStore()
    store.set("actuniger", "aicha", SECRET)
    store.get("actuniger", "aicha")
    session = SessionCredentialStore()
    session.set("actuniger", "aicha", SECRET)
    shown = repr(store) + str(store) + repr(session) + str(session) + caplog.text
    shown += "".join(capsys.readouterr())
    assert SECRET not in shown
    assert "MemoryKeyring" in repr(store)


@pytest.mark.parametrize(
    "backend",
    [fail.Keyring(), null.Keyring(), PlaintextKeyring(), WeakKeyring()],
    ids=["fail", "null", "keyrings.alt", "low-priority"],
)
def test_unsafe_keyrings_are_refused_with_a_reason(backend: KeyringBackend) -> None:
    with pytest.raises(KeyringUnavailable) as caught:
        CredentialStore(backend)
    assert caught.value.reason
    assert type(backend).__name__ in caught.value.reason


def test_refused_when_the_system_has_nothing_better(memory: MemoryKeyring) -> None:
    keyring.set_keyring(fail.Keyring())
    with pytest.raises(KeyringUnavailable):
        CredentialStore()


def test_a_chain_uses_its_best_secure_member() -> None:
    good, plaintext = MemoryKeyring(), PlaintextKeyring()
    plaintext.priority = 10.0  # even when it claims more
    chain = make_chain([plaintext, good])
    assert select_backend(chain) is good
    CredentialStore(chain).set("site", "user", SECRET)
    assert good.entries and not plaintext.entries


def test_a_chain_of_nothing_secure_is_refused() -> None:
    chain = make_chain([PlaintextKeyring(), null.Keyring()])
    with pytest.raises(KeyringUnavailable, match="no secure keyring"):
        CredentialStore(chain)


def test_a_locked_keyring_is_a_typed_error() -> None:
    store = CredentialStore(LockedKeyring())
    with pytest.raises(KeyringUnavailable, match="KeyringLocked") as caught:
        store.get("site", "user")
    assert caught.value.__cause__ is None  # the keyring's own exception stays out of logs


def test_bad_input() -> None:
    store = CredentialStore(MemoryKeyring())
    with pytest.raises(ValueError):
        store.set("site", "user", "")
    with pytest.raises(ValueError):
        store.get("", "user")


def test_session_store_keeps_nothing_beyond_itself() -> None:
    session = SessionCredentialStore()
    session.set("actuniger", "aicha", SECRET)
    assert session.get("actuniger", "aicha") == SECRET
    assert SessionCredentialStore().get("actuniger", "aicha") is None
    session.delete("actuniger", "aicha")
    session.delete("actuniger", "aicha")
    assert session.get("actuniger", "aicha") is None
