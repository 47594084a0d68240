"""Ghost's Admin API over HTTP: one request (``_call``), Ghost's errors as newsdesk's.

The requests go through WordPress's bounded sender (``wordpress.http.send_request``): the
whole answer within its deadline, its size capped, network trouble as
``SiteUnreachable``. Each request carries a fresh token (``auth.AdminKey``), never logged:
the sender logs the method and the URL only.

Ghost's errors are ``{"errors": [{"message", "type", "code", "context", "details"}]}``:
401 for an unknown key or a token out of date, 403 for what the key may not do, 404,
409 ``UPDATE_COLLISION`` when someone saved the post since it was read, 422 for what it
refuses to take.

A laptop's clock is often wrong (a flat clock battery, a time zone set by hand). Ghost
refuses a token whose ``iat`` is over five minutes old, answering 401 ``INVALID_JWT``
« jwt expired »: with a clock ten minutes behind, every request would fail as if the key
were wrong, and a new key would change nothing. So that answer is met once with the
site's own clock (its ``Date`` header): the difference is kept and the tokens dated by
it from then on (measured on Ghost 6.65: a token dated 400 s back is refused; one dated
ahead is taken).
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Callable, Mapping
from email.utils import parsedate_to_datetime
from typing import Any, NoReturn, Self
from urllib.parse import urlencode, urlsplit

import httpx

from newsdesk.core.errors import (
    AdminKeyRefused,
    EditCollision,
    InvalidServerResponse,
    PermissionDenied,
    RemotePostNotFound,
    RequestRejected,
    ServerError,
)
from newsdesk.core.sites import SiteAccount
from newsdesk.publishing.wordpress.http import (
    TIMEOUT,
    UPLOAD_TIMEOUT,
    AnswerLimits,
    deadline_transport,
    plain_message,
    retry_after_seconds,
    safe_url,
    send_request,
)

from .auth import AdminKey

USER_AGENT = "newsdesk (Ghost Admin API client)"
#: The Admin API's path under a site's address.
ADMIN_PATH = "/ghost/api/admin"
#: The API version newsdesk was written and proven against (Ghost 6).
ACCEPT_VERSION = "v6.0"
#: A clock this far from the site's is not what made a token « expired ».
CLOCK_SLACK_S = 60.0

log = logging.getLogger(__name__)


def admin_root(site_url: str) -> str:
    """``https://site/`` (or ``https://site/blog/``) gives its Admin API root."""
    parts = urlsplit(site_url.strip())
    path = parts.path.rstrip("/")
    if path.endswith(ADMIN_PATH):
        path = path[: -len(ADMIN_PATH)]
    return f"{parts.scheme}://{parts.netloc}{path}{ADMIN_PATH}"


class AdminClient:
    """A Ghost site's Admin API, with an Admin API key: requests and errors."""

    def __init__(
        self,
        account: SiteAccount,
        key: str,
        *,
        transport: httpx.BaseTransport | None = None,
        limits: AnswerLimits | None = None,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.account = account
        # This computer's clock (tests give one that is wrong).
        self._clock = clock
        self.limits = limits or AnswerLimits()
        self._key = AdminKey(key)
        # The site's clock less the laptop's, once a token was refused for its date.
        self.clock_offset = 0.0
        self._root = admin_root(account.api_root)
        self._client = httpx.Client(
            timeout=TIMEOUT,
            transport=transport or deadline_transport(retries=2),
            headers={
                "User-Agent": USER_AGENT,
                "Accept": "application/json",
                "Accept-Version": ACCEPT_VERSION,
            },
            follow_redirects=False,
        )

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._client.close()

    @property
    def site_url(self) -> str:
        return self._root[: -len(ADMIN_PATH)] + "/"

    def _url(self, route: str, params: Mapping[str, str | int] | None = None) -> str:
        url = self._root + route
        if params:
            url += "?" + urlencode({k: str(v) for k, v in params.items()}, safe="/,:'[]~^$")
        return url

    def _call(
        self,
        method: str,
        route: str,
        *,
        params: Mapping[str, str | int] | None = None,
        json_body: Mapping[str, Any] | None = None,
        auth_check: bool = False,
        allow: tuple[int, ...] = (),
        **kwargs: Any,
    ) -> httpx.Response:
        if json_body is not None:
            # A lone surrogate from a broken paste becomes "?" rather than block a publish.
            body = json.dumps(json_body, ensure_ascii=False)
            kwargs["content"] = body.encode("utf-8", errors="replace")
            kwargs.setdefault("headers", {})["Content-Type"] = "application/json"
        upload = kwargs.get("timeout") is UPLOAD_TIMEOUT
        limits = self.limits
        for attempt in (1, 2):
            token = self._key.token(self._clock() + self.clock_offset)
            kwargs.setdefault("headers", {})["Authorization"] = f"Ghost {token}"
            response = send_request(
                self._client,
                method,
                self._url(route, params),
                deadline=limits.upload_deadline if upload else limits.deadline,
                max_bytes=limits.max_bytes,
                **kwargs,
            )
            if attempt == 1 and self._clock_was_wrong(response):
                continue  # refused for its date alone, before anything was done: again
            break
        if response.is_success or response.status_code in allow:
            return response
        self._raise_for(response, auth_check=auth_check)

    def _clock_was_wrong(self, response: httpx.Response) -> bool:
        """Whether ``response`` refused the token as out of date while the laptop's
        clock is off the site's; if so, the difference is kept (see the module's text)."""
        if response.status_code != 401:
            return False
        code, _kind, message = error_of(response)
        if code != "INVALID_JWT" or "expired" not in message.lower():
            return False
        try:
            site_now = parsedate_to_datetime(response.headers.get("date", "")).timestamp()
        except (TypeError, ValueError, IndexError):
            return False
        offset = site_now - self._clock()
        if abs(offset - self.clock_offset) < CLOCK_SLACK_S:
            return False
        log.warning("this computer's clock is %.0f s behind the site's: tokens dated by it", offset)
        self.clock_offset = offset
        return True

    def _json(self, response: httpx.Response) -> Any:
        try:
            return response.json()
        except ValueError as exc:
            kind = response.headers.get("content-type", "?").split(";")[0].strip().lower()
            if kind.endswith("json"):
                raise InvalidServerResponse(
                    f"the site answered JSON cut short ({len(response.content)} bytes)",
                    InvalidServerResponse.TRUNCATED,
                ) from exc
            raise InvalidServerResponse(
                f"the site answered {kind}, not JSON", InvalidServerResponse.NOT_JSON
            ) from exc

    def _raise_for(self, response: httpx.Response, *, auth_check: bool) -> NoReturn:
        status = response.status_code
        code, kind, message = error_of(response)
        if 300 <= status < 400:
            where = safe_url(response.headers.get("location", "?"))
            raise InvalidServerResponse(
                f"the API moved to {where}: connect the site again",
                InvalidServerResponse.MOVED,
                location=where,
            )
        if status == 401 or (status == 403 and auth_check):
            raise AdminKeyRefused(code or kind or f"HTTP {status}")
        if status == 403:
            raise PermissionDenied(f"{kind}: {message}" if message else kind or "HTTP 403")
        if status == 404 and kind == "NotFoundError":
            raise RemotePostNotFound(code or kind, message, status)
        if status == 409 and code == "UPDATE_COLLISION":
            raise EditCollision(code, message, status)
        if status in (408, 429) or status >= 500:
            raise ServerError(
                status,
                code or kind,
                retry_after=retry_after_seconds(response.headers.get("retry-after")),
            )
        raise RequestRejected(code or kind or f"http_{status}", message, status)


def error_of(response: httpx.Response) -> tuple[str, str, str]:
    """(code, type, message) of Ghost's first error, "" where it says none."""
    try:
        body = response.json()
    except ValueError:
        return "", "", ""
    errors = body.get("errors") if isinstance(body, dict) else None
    first = errors[0] if isinstance(errors, list) and errors else None
    if not isinstance(first, dict):
        return "", "", ""
    message = str(first.get("message") or "")
    context = first.get("context")
    if context:
        message = f"{message} {context}".strip()
    return (
        str(first.get("code") or ""),
        str(first.get("type") or ""),
        plain_message(message),
    )
