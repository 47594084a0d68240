"""The HTTP side of the WordPress client: one request, its URL, and the site's errors
turned into newsdesk's typed errors.

Sites without pretty permalinks answer only on ``?rest_route=``: every URL is built
from the discovered API root, in either form (``endpoint_url``).

:class:`RestClient` owns the ``httpx.Client`` (with the Application Password in its
Basic auth, nowhere else) and the one way every call goes out (``_call``);
:class:`~newsdesk.publishing.wordpress.publisher.WordPressPublisher` builds on it.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Mapping
from typing import Any, NoReturn, Self
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import httpx

from newsdesk.core.errors import (
    AuthenticationFailed,
    InvalidServerResponse,
    PermissionDenied,
    RemotePostNotFound,
    RequestRejected,
    ServerError,
    SiteUnreachable,
)
from newsdesk.core.sites import SiteAccount

#: Sized for a weak 3G link: a slow handshake is normal, a silent server for 30 s is not.
TIMEOUT = httpx.Timeout(connect=10.0, read=30.0, write=30.0, pool=10.0)
#: An upload of a few megabytes at 30 kB/s, then the site making its thumbnails.
UPLOAD_TIMEOUT = httpx.Timeout(connect=10.0, read=180.0, write=120.0, pool=10.0)

_MESSAGE_LIMIT = 300
_TAG_RE = re.compile(r"<[^>]+>")
USER_AGENT = "newsdesk (WordPress REST client)"


def endpoint_url(api_root: str, route: str, params: Mapping[str, str | int] | None = None) -> str:
    """The URL of ``route`` (``/wp/v2/posts``) under either form of API root.

    ``https://site/wp-json/`` gives ``https://site/wp-json/wp/v2/posts?x=1``;
    ``https://site/?rest_route=/`` gives ``https://site/?rest_route=/wp/v2/posts&x=1``.
    """
    route = "/" + route.lstrip("/")
    parts = urlsplit(api_root)
    query = parse_qsl(parts.query, keep_blank_values=True)
    rest_route = next((v for k, v in query if k == "rest_route"), None)
    if rest_route is not None:
        path = parts.path
        pairs = [("rest_route", rest_route.rstrip("/") + route)]
        pairs += [(k, v) for k, v in query if k != "rest_route"]
    else:
        path = parts.path.rstrip("/") + route
        pairs = list(query)
    pairs += [(k, str(v)) for k, v in (params or {}).items()]
    # Slashes and commas stay readable in the query (WordPress decodes either way).
    return urlunsplit((parts.scheme, parts.netloc, path or "/", urlencode(pairs, safe="/,"), ""))


def send_request(client: httpx.Client, method: str, url: str, **kwargs: Any) -> httpx.Response:
    """One request; network trouble becomes ``SiteUnreachable`` (the outbox retries it)."""
    try:
        return client.request(method, url, **kwargs)
    except httpx.TimeoutException as exc:
        raise SiteUnreachable(
            f"{method} {safe_url(url)}: timed out ({type(exc).__name__})"
        ) from exc
    except httpx.RequestError as exc:
        # ConnectError, ReadError, RemoteProtocolError (connection dropped mid-answer),
        # DecodingError (a compressed answer cut short)...
        raise SiteUnreachable(f"{method} {safe_url(url)}: {type(exc).__name__}") from exc


def safe_url(url: str) -> str:
    """The URL without any user:password@ a person may have typed into it."""
    parts = httpx.URL(url)
    return str(parts.copy_with(userinfo=b"")) if parts.userinfo else url


def plain_message(value: str) -> str:
    """WordPress error messages carry HTML and entities; keep a short plain sentence."""
    return html.unescape(_TAG_RE.sub("", value)).strip()[:_MESSAGE_LIMIT]


class RestClient:
    """A WordPress REST API root, with an Application Password: requests and errors.

    The password goes into the HTTP client's Basic auth and is kept nowhere else on this
    object; every error message leaves it (and the headers) out.
    """

    def __init__(
        self,
        account: SiteAccount,
        password: str,
        *,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        self.account = account
        self._client = httpx.Client(
            auth=httpx.BasicAuth(account.username, password),
            timeout=TIMEOUT,
            transport=transport or httpx.HTTPTransport(retries=2),
            headers={"User-Agent": USER_AGENT, "Accept": "application/json"},
            follow_redirects=False,
        )

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._client.close()

    def _url(self, route: str, params: Mapping[str, str | int] | None = None) -> str:
        return endpoint_url(self.account.api_root, route, params)

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
        url = self._url(route, params)
        if json_body is not None:
            # A lone surrogate (from a broken paste) is not text, and WordPress would refuse
            # the whole body as rest_invalid_json: it becomes "?" rather than block a publish.
            body = json.dumps(json_body, ensure_ascii=False)
            kwargs["content"] = body.encode("utf-8", errors="replace")
            kwargs.setdefault("headers", {})["Content-Type"] = "application/json"
        response = send_request(self._client, method, url, **kwargs)
        if response.is_success or response.status_code in allow:
            return response
        self._raise_for(response, auth_check=auth_check)

    def _json(self, response: httpx.Response) -> Any:
        try:
            return response.json()
        except ValueError as exc:
            # A captive portal's login page, or a PHP notice printed before the JSON.
            kind = response.headers.get("content-type", "?").split(";")[0]
            raise InvalidServerResponse(f"the site answered {kind}, not JSON") from exc

    def _raise_for(self, response: httpx.Response, *, auth_check: bool) -> NoReturn:
        status = response.status_code
        code, message = "", ""
        try:
            body = response.json()
        except ValueError:
            body = None
        if isinstance(body, dict):
            code = str(body.get("code") or "")
            message = plain_message(str(body.get("message") or ""))
        if 300 <= status < 400:
            where = safe_url(response.headers.get("location", "?"))
            raise InvalidServerResponse(f"the API moved to {where}: connect the site again")
        if status == 401 or (status == 403 and auth_check):
            raise AuthenticationFailed(code or f"HTTP {status}")
        if status == 403:
            raise PermissionDenied(f"{code}: {message}" if message else code or "HTTP 403")
        if status == 404 and code in (
            "rest_post_invalid_id",
            "rest_term_invalid",
            "rest_invalid_id",
        ):
            raise RemotePostNotFound(code, message, status)
        if status in (408, 429) or status >= 500:
            raise ServerError(status, code)
        raise RequestRejected(code or f"http_{status}", message, status)
