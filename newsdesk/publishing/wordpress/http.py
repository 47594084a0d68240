"""The HTTP side of the WordPress client: one request, its URL, and the site's errors
turned into newsdesk's typed errors.

Sites without pretty permalinks answer only on ``?rest_route=``: every URL is built
from the discovered API root, in either form (``endpoint_url``).

:class:`RestClient` owns the ``httpx.Client`` (with the Application Password in its
Basic auth, nowhere else) and the one way every call goes out (``_call``);
:class:`~newsdesk.publishing.wordpress.publisher.WordPressPublisher` builds on it.
"""

from __future__ import annotations

import email.utils
import html
import json
import logging
import re
import ssl
import threading
import time
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, NoReturn, Self
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import httpcore
import httpx

from newsdesk.core.errors import (
    AuthenticationFailed,
    InvalidServerResponse,
    PermissionDenied,
    RemotePostNotFound,
    RequestRejected,
    ServerError,
    SiteUnreachable,
    UntrustedCertificate,
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


#: The whole answer must be in within this many seconds of the request going out.
#: httpx's read timeout is per read: a site (or a portal) trickling a byte a second would
#: keep it from ever firing. ``deadline_transport`` bounds every read by what is left of
#: it; with another transport it is checked between chunks of the body only.
ANSWER_DEADLINE = 90.0
#: An upload's answer comes after its body went out at 3G speed (``UPLOAD_TIMEOUT``).
UPLOAD_DEADLINE = 300.0
#: No answer of the API newsdesk reads is near this (a page of 100 posts with their text
#: is a few hundred kB); reading stops here, decompressed bytes counted, so that neither
#: a 1 GB body nor a compression bomb fills an old laptop's memory.
MAX_ANSWER_BYTES = 8 * 1024 * 1024

log = logging.getLogger(__name__)

#: OpenSSL's verification codes (``X509_V_ERR_*``) newsdesk words apart.
_CERTIFICATE_REASONS = {
    10: UntrustedCertificate.EXPIRED,  # CERT_HAS_EXPIRED
    18: UntrustedCertificate.SELF_SIGNED,  # DEPTH_ZERO_SELF_SIGNED_CERT
    19: UntrustedCertificate.SELF_SIGNED,  # SELF_SIGNED_CERT_IN_CHAIN
    62: UntrustedCertificate.WRONG_HOST,  # HOSTNAME_MISMATCH
    64: UntrustedCertificate.WRONG_HOST,  # IP_ADDRESS_MISMATCH
}


#: The deadline of the request this thread is making (``send_request`` sets it), read
#: by ``_DeadlineStream`` so that every read, the answer's head included, is bounded.
_current = threading.local()


class _DeadlineStream(httpcore.NetworkStream):
    """A connection whose reads never wait past the current request's deadline.

    Written by hand because httpx has no whole-answer timeout: its read timeout is per
    read, and a head trickled a byte at a time would otherwise take hours.
    """

    def __init__(self, stream: httpcore.NetworkStream) -> None:
        self._stream = stream

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        deadline: float | None = getattr(_current, "deadline", None)
        bounded = False
        if deadline is not None:
            left = deadline - time.monotonic()
            if left <= 0:
                _current.hit = True
                raise httpcore.ReadTimeout("the answer's deadline passed")
            bounded = timeout is None or left < timeout
            timeout = left if bounded else timeout
        try:
            return self._stream.read(max_bytes, timeout)
        except httpcore.ReadTimeout:
            if bounded:  # the deadline, not the site's silence, cut this read short
                _current.hit = True
            raise

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._stream.write(buffer, timeout)

    def close(self) -> None:
        self._stream.close()

    def start_tls(
        self,
        ssl_context: ssl.SSLContext,
        server_hostname: str | None = None,
        timeout: float | None = None,
    ) -> httpcore.NetworkStream:
        return _DeadlineStream(self._stream.start_tls(ssl_context, server_hostname, timeout))

    def get_extra_info(self, info: str) -> Any:
        return self._stream.get_extra_info(info)


class _DeadlineBackend(httpcore.SyncBackend):
    def connect_tcp(self, *args: Any, **kwargs: Any) -> httpcore.NetworkStream:
        return _DeadlineStream(super().connect_tcp(*args, **kwargs))


def deadline_transport(**kwargs: Any) -> httpx.HTTPTransport:
    """httpx's transport, its reads bounded by ``send_request``'s deadline.

    httpx (0.27, 0.28) builds its httpcore pool without a way to pass a network
    backend: it is set on the pool it made (``tests/unit/publishing/test_hostile_site``
    fails loudly should a new httpx move it).
    """
    transport = httpx.HTTPTransport(**kwargs)
    pool = getattr(transport, "_pool", None)
    if pool is not None and hasattr(pool, "_network_backend"):
        pool._network_backend = _DeadlineBackend()
    return transport


@dataclass(frozen=True, slots=True)
class AnswerLimits:
    """How long an answer may take to come in whole, and how big it may be."""

    deadline: float = ANSWER_DEADLINE
    upload_deadline: float = UPLOAD_DEADLINE
    max_bytes: int = MAX_ANSWER_BYTES


def send_request(
    client: httpx.Client,
    method: str,
    url: str,
    *,
    follow_redirects: bool | None = None,
    deadline: float = ANSWER_DEADLINE,
    max_bytes: int = MAX_ANSWER_BYTES,
    **kwargs: Any,
) -> httpx.Response:
    """One request, its answer read whole within ``deadline`` seconds and ``max_bytes``.

    Network trouble becomes ``SiteUnreachable`` (the outbox retries it), a refused
    certificate ``UntrustedCertificate``, an answer past the limit
    ``InvalidServerResponse`` (``too_large``). The library's own words go to the log
    (never a header: they carry the password).
    """
    started = time.monotonic()
    where = f"{method} {safe_url(url)}"
    _current.deadline, _current.hit = started + deadline, False
    try:
        request = client.build_request(method, url, **kwargs)
        send_kwargs: dict[str, Any] = {"stream": True}
        if follow_redirects is not None:
            send_kwargs["follow_redirects"] = follow_redirects
        response = client.send(request, **send_kwargs)
        try:
            body = _read_bounded(response, where, started + deadline, max_bytes)
        finally:
            response.close()
    except httpx.TimeoutException as exc:
        if getattr(_current, "hit", False):
            log.warning("%s: answer still coming after its deadline (%.0f s)", where, deadline)
            raise SiteUnreachable(f"{where}: answer too slow", SiteUnreachable.TOO_SLOW) from exc
        log.info("%s: %s", where, type(exc).__name__)
        raise SiteUnreachable(
            f"{where}: timed out ({type(exc).__name__})", SiteUnreachable.TIMEOUT
        ) from exc
    except httpx.RequestError as exc:
        certificate = _certificate_error(exc)
        if certificate is not None:
            reason = _CERTIFICATE_REASONS.get(
                certificate.verify_code, UntrustedCertificate.UNTRUSTED
            )
            detail = certificate.verify_message or str(certificate)
            log.warning("%s: certificate refused: %s", where, detail)
            raise UntrustedCertificate(httpx.URL(url).host, reason, detail) from exc
        # ConnectError, ReadError, RemoteProtocolError (connection dropped mid-answer),
        # DecodingError (a compressed answer cut short)...
        log.info("%s: %s: %s", where, type(exc).__name__, exc)
        raise SiteUnreachable(f"{where}: {type(exc).__name__}") from exc
    finally:
        _current.deadline = None
    headers = httpx.Headers(response.headers)
    # The body is decoded already: a copy must not decode it again.
    for name in ("content-encoding", "content-length", "transfer-encoding"):
        headers.pop(name, None)
    return httpx.Response(
        response.status_code,
        headers=headers,
        content=body,
        request=response.request,
        history=response.history,
    )


def _read_bounded(response: httpx.Response, where: str, deadline: float, max_bytes: int) -> bytes:
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > max_bytes:
        log.warning("%s: answer of %s bytes refused (limit %d)", where, declared, max_bytes)
        raise InvalidServerResponse(
            f"{where}: an answer of {declared} bytes (limit {max_bytes})",
            InvalidServerResponse.TOO_LARGE,
        )
    chunks: list[bytes] = []
    size = 0
    for chunk in response.iter_bytes():
        size += len(chunk)
        if size > max_bytes:
            log.warning("%s: answer past %d bytes, reading stopped", where, max_bytes)
            raise InvalidServerResponse(
                f"{where}: an answer past {max_bytes} bytes", InvalidServerResponse.TOO_LARGE
            )
        if time.monotonic() > deadline:
            log.warning("%s: answer still coming after its deadline (%d bytes in)", where, size)
            raise SiteUnreachable(f"{where}: answer too slow", SiteUnreachable.TOO_SLOW)
        chunks.append(chunk)
    return b"".join(chunks)


def _certificate_error(exc: BaseException) -> ssl.SSLCertVerificationError | None:
    """The certificate verification failure under httpx's ConnectError, if that is it."""
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        if isinstance(current, ssl.SSLCertVerificationError):
            return current
        seen.add(id(current))
        current = current.__cause__ or current.__context__
    return None


def retry_after_seconds(value: str | None) -> float | None:
    """``Retry-After`` in seconds (it may be a number or an HTTP date); None if absent or
    unreadable. Never negative."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - datetime.now(UTC)).total_seconds())


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
        limits: AnswerLimits | None = None,
    ) -> None:
        self.account = account
        self.limits = limits or AnswerLimits()
        self._client = httpx.Client(
            auth=httpx.BasicAuth(account.username, password),
            timeout=TIMEOUT,
            transport=transport or deadline_transport(retries=2),
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
        limits = self.limits
        upload = kwargs.get("timeout") is UPLOAD_TIMEOUT
        response = send_request(
            self._client,
            method,
            url,
            deadline=limits.upload_deadline if upload else limits.deadline,
            max_bytes=limits.max_bytes,
            **kwargs,
        )
        if response.is_success or response.status_code in allow:
            return response
        self._raise_for(response, auth_check=auth_check)

    def _json(self, response: httpx.Response) -> Any:
        try:
            return response.json()
        except ValueError as exc:
            # A captive portal's login page, or a PHP notice printed before the JSON.
            kind = response.headers.get("content-type", "?").split(";")[0].strip().lower()
            log.info(
                "%s: not JSON (%s, %d bytes): %s", response.url, kind, len(response.content), exc
            )
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
            raise InvalidServerResponse(
                f"the API moved to {where}: connect the site again",
                InvalidServerResponse.MOVED,
                location=where,
            )
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
            raise ServerError(
                status, code, retry_after=retry_after_seconds(response.headers.get("retry-after"))
            )
        raise RequestRejected(code or f"http_{status}", message, status)
