"""Ghost's Admin API key (``id:hexsecret``) and the short-lived tokens made from it.

The key comes from the keyring like a WordPress password (``newsdesk.credentials``) and
is kept on :class:`AdminKey` only, never in its ``repr()``. Each request carries a fresh
token: HS256, header ``kid`` the key's id, ``aud`` ``/admin/``, five minutes of life
(Ghost refuses a token whose ``iat`` is older than that, so one is minted again well
before its end).
"""

from __future__ import annotations

import re
import time

import jwt

from newsdesk.core.errors import AdminKeyRefused

#: Ghost accepts tokens up to five minutes old; four leaves room for a laptop's clock.
TOKEN_LIFETIME = 4 * 60
_KEY = re.compile(r"([0-9a-f]{24}):([0-9a-f]{64})")


class AdminKey:
    """A Ghost Admin API key, checked for its shape (without saying what was typed)."""

    __slots__ = ("_secret", "_token", "_token_until", "key_id")

    def __init__(self, text: str) -> None:
        found = _KEY.fullmatch(text.strip().lower())
        if found is None:
            # Never echo the text: it may be a real key cut short.
            raise AdminKeyRefused("not a Ghost Admin API key (id:secret)")
        self.key_id = found.group(1)
        self._secret = bytes.fromhex(found.group(2))
        self._token = ""
        self._token_until = 0.0

    def __repr__(self) -> str:
        return f"AdminKey(id={self.key_id!r})"

    def token(self, now: float | None = None) -> str:
        """A token good for a few minutes more: minted again when half its life is gone."""
        now = time.time() if now is None else now
        if not self._token or now > self._token_until:
            issued = int(now)
            self._token = jwt.encode(
                {"iat": issued, "exp": issued + TOKEN_LIFETIME, "aud": "/admin/"},
                self._secret,
                algorithm="HS256",
                headers={"kid": self.key_id},
            )
            self._token_until = issued + TOKEN_LIFETIME / 2
        return self._token
