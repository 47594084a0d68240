"""A hostile or broken site, seen from newsdesk's HTTP layer through a real socket on
127.0.0.1 (``hostile_site``): a portal's page, cut JSON, another post, a redirect to
another host, refused certificates, a trickle, a huge body, a 429. Each ends as a typed
error, then as one French sentence (English beside it) without the library's words."""

from __future__ import annotations

import base64
import json
import logging
import ssl
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import httpx
import pytest

from newsdesk.core import errors
from newsdesk.publishing.base import PostPayload, SiteAccount
from newsdesk.publishing.marker import embed_marker
from newsdesk.publishing.wordpress import WordPressPublisher, discover_api_root
from newsdesk.publishing.wordpress.http import (
    MAX_ANSWER_BYTES,
    AnswerLimits,
    _DeadlineBackend,
    deadline_transport,
    retry_after_seconds,
)
from newsdesk.words import Face, Words
from newsdesk.words.errors import describe

from .hostile_site import Answer, Certificates, HostileSite, certificates, send

PASSWORD = "abcd EFGH ijkl MNOP qrst UVWX"
ARTICLE = "0b7f3c2e-5d1a-4c8e-9f00-1234567890ab"
OTHER_ARTICLE = "9e9e9e9e-5d1a-4c8e-9f00-1234567890ab"

#: What a library says, and must never reach a person's sentence.
LIBRARY_WORDS = (
    "Error",
    "httpx",
    "SSL",
    "verif",
    "does not look",
    "JSON",
    "bytes",
    "HTTP",
    "(fail)",
)


def _publisher(
    site: HostileSite,
    *,
    transport: httpx.BaseTransport | None = None,
    limits: AnswerLimits | None = None,
    host: str = "127.0.0.1",
) -> WordPressPublisher:
    account = SiteAccount("actu", f"{site.url(host)}/wp-json/", "reporter")
    return WordPressPublisher(account, PASSWORD, transport=transport, limits=limits)


def _post(remote_id: int, marker: str = ARTICLE) -> dict[str, object]:
    return {
        "id": remote_id,
        "status": "publish",
        "link": f"https://actu.example/?p={remote_id}",
        "slug": "lavrov",
        "title": {"raw": "Lavrov à Bamako"},
        "content": {"raw": embed_marker("<p>Texte</p>", marker)},
        "excerpt": {"raw": ""},
        "date_gmt": "2026-11-27T10:00:00",
        "modified_gmt": "2026-11-27T10:00:00",
        "categories": [5],
        "tags": [],
        "featured_media": 0,
    }


def _payload() -> PostPayload:
    return PostPayload(
        title="Lavrov à Bamako",
        content_html="<p>Texte</p>",
        excerpt="",
        status="publish",
        slug="lavrov",
        date_gmt=None,
        category_ids=[5],
        tag_ids=[],
        featured_media_id=None,
        marker=ARTICLE,
    )


def _json(obj: object) -> bytes:
    return json.dumps(obj).encode()


def _sentences(error: BaseException) -> list[str]:
    """The error's sentence for both faces in both languages, each checked."""
    out = []
    for face in Face:
        french = describe(error, Words("fr"), face)
        english = describe(error, Words("en"), face)
        assert french != english, f"no English for {french!r}"
        for text in (french, english):
            assert text[0].isupper() and text.endswith("."), text
            for word in LIBRARY_WORDS:
                assert word not in text, f"{word!r} in {text!r}"
            assert PASSWORD not in text
        out += [french, english]
    return out


# --- 1. A web page where JSON was expected ------------------------------------------------


def test_a_captive_portals_login_page_is_a_web_page_not_the_api() -> None:
    portal = b"<html><body><form>Connexion au Wi-Fi de l'hotel</form></body></html>"
    with (
        HostileSite(lambda h: send(h, 200, portal, "text/html; charset=utf-8")) as site,
        _publisher(site) as publisher,
        pytest.raises(errors.InvalidServerResponse) as info,
    ):
        publisher.verify()
    assert info.value.reason == errors.InvalidServerResponse.NOT_JSON
    assert info.value.retryable, "a portal passes: the outbox waits and tries again"
    french = _sentences(info.value)[0]
    assert "page web" in french and "portail d’hôtel" in french


def test_an_html_error_page_with_a_500_stays_a_server_error() -> None:
    page = b"<html><h1>500 Internal Server Error</h1></html>"
    with (
        HostileSite(lambda h: send(h, 500, page, "text/html")) as site,
        _publisher(site) as publisher,
        pytest.raises(errors.ServerError) as info,
    ):
        publisher.get_post(5)
    assert info.value.retryable and info.value.status == 500
    assert "erreur 500" in _sentences(info.value)[0]


# --- 2. JSON cut short --------------------------------------------------------------------


def test_truncated_json_is_said_to_be_cut_and_is_tried_again() -> None:
    cut = _json(_post(5))[:40]
    with (
        HostileSite(lambda h: send(h, 200, cut)) as site,
        _publisher(site) as publisher,
        pytest.raises(errors.InvalidServerResponse) as info,
    ):
        publisher.get_post(5)
    assert info.value.reason == errors.InvalidServerResponse.TRUNCATED
    assert info.value.retryable
    assert "coupée" in _sentences(info.value)[0]


# --- 3. Another post than the one asked for -------------------------------------------------


@pytest.mark.parametrize("call", ["get", "update", "status", "create"])
def test_an_answer_about_another_post_is_refused(call: str) -> None:
    other = _post(6) if call != "create" else _post(6, marker=OTHER_ARTICLE)
    with (
        HostileSite(lambda h: send(h, 200, _json(other))) as site,
        _publisher(site) as publisher,
        pytest.raises(errors.InvalidServerResponse) as info,
    ):
        if call == "get":
            publisher.get_post(5)
        elif call == "update":
            publisher.update_post(5, _payload())
        elif call == "status":
            publisher.set_status(5, "draft")
        else:
            publisher.create_post(_payload())
    assert info.value.reason == errors.InvalidServerResponse.WRONG_POST
    assert not info.value.retryable, "sending it again would not change the site's answer"
    assert "autre article" in _sentences(info.value)[0]


def test_the_post_asked_for_is_taken() -> None:
    with (
        HostileSite(lambda h: send(h, 200, _json(_post(5)))) as site,
        _publisher(site) as publisher,
    ):
        assert publisher.get_post(5).remote_id == 5


# --- 4. A redirect to another host ---------------------------------------------------------


def test_a_redirect_to_another_host_never_carries_the_password() -> None:
    def recorder(handler: BaseHTTPRequestHandler) -> None:
        send(handler, 200, _json({"id": 1, "roles": ["author"], "capabilities": {}}))

    # 127.0.0.1 and localhost are two origins for the browser and for httpx alike.
    with HostileSite(recorder) as other:
        target = f"{other.url('localhost')}/wp-json/wp/v2/users/me"

        def redirect(handler: BaseHTTPRequestHandler) -> None:
            send(handler, 307, b"", "text/plain", Location=target)

        with HostileSite(redirect) as site:
            with _publisher(site) as publisher, pytest.raises(errors.InvalidServerResponse) as info:
                publisher.verify()
            assert site.seen[0].headers.get("Authorization", "").startswith("Basic ")
            # newsdesk's client follows no redirect with the password: the other host
            # never hears of the request.
            assert other.seen == []
            assert info.value.reason == errors.InvalidServerResponse.MOVED
            sentences = _sentences(info.value)
            assert "localhost" in sentences[0] and "mot de passe" in sentences[0]

            # And httpx itself, told to follow, drops Authorization across origins (the
            # safety net should a caller ever turn redirects on).
            auth = httpx.BasicAuth("reporter", PASSWORD)
            with httpx.Client(auth=auth, follow_redirects=True) as client:
                assert client.get(f"{site.url()}/wp-json/wp/v2/users/me").status_code == 200
    [followed] = other.seen
    assert "Authorization" not in followed.headers and "authorization" not in followed.headers
    secret = base64.b64encode(f"reporter:{PASSWORD}".encode()).decode()
    assert all(secret not in value for value in followed.headers.values())


# --- 5. Certificates: self-signed, expired, another host's ---------------------------------


@pytest.fixture(scope="module")
def certs(tmp_path_factory: pytest.TempPathFactory) -> Certificates:
    return certificates(tmp_path_factory.mktemp("certificates"))


def _trusting(certs: Certificates) -> httpx.HTTPTransport:
    """A client that trusts the test CA, as a real laptop trusts a real CA."""
    return httpx.HTTPTransport(verify=ssl.create_default_context(cafile=str(certs.ca)))


def _index(handler: BaseHTTPRequestHandler) -> None:
    send(handler, 200, _json({"id": 1, "roles": ["author"], "capabilities": {}}))


def test_a_valid_certificate_is_accepted(certs: Certificates) -> None:
    with (
        HostileSite(_index, certs.valid) as site,
        _publisher(site, transport=_trusting(certs)) as publisher,
    ):
        assert publisher.verify().user_id == 1


@pytest.mark.parametrize(
    ("which", "trusted", "reason", "words"),
    [
        ("self_signed", False, "self_signed", "signé par le site lui-même"),
        ("self_signed", True, "self_signed", "signé par le site lui-même"),
        ("expired", True, "expired", "a expiré"),
        ("other_host", True, "wrong_host", "n’est pas celui de"),
        ("expired", False, "untrusted", "n’est pas reconnu"),
    ],
)
def test_a_refused_certificate_is_named_as_the_reason(
    certs: Certificates,
    caplog: pytest.LogCaptureFixture,
    which: str,
    trusted: bool,
    reason: str,
    words: str,
) -> None:
    with HostileSite(_index, getattr(certs, which)) as site:
        transport = _trusting(certs) if trusted else None
        with (
            _publisher(site, transport=transport) as publisher,
            caplog.at_level(logging.WARNING),
            pytest.raises(errors.UntrustedCertificate) as info,
        ):
            publisher.verify()
        assert not [s for s in site.seen], "nothing went over the refused connection"
    error = info.value
    assert error.reason == reason and error.host == "127.0.0.1"
    assert not error.retryable, "the reporter must act: waiting will not change the certificate"
    french = _sentences(error)[0]
    assert words in french and "«\u00a0127.0.0.1\u00a0»" in french
    assert "portail d’hôtel" in french and "injoignable" not in french
    # The library's own words (OpenSSL's) are in the log, for whoever helps.
    assert "certificate refused" in caplog.text and PASSWORD not in caplog.text


def test_connecting_a_site_with_a_self_signed_certificate_is_refused(certs: Certificates) -> None:
    with (
        HostileSite(_index, certs.self_signed) as site,
        httpx.Client() as client,
        pytest.raises(errors.UntrustedCertificate),
    ):
        discover_api_root(site.url(), client)


# --- 6. An answer that trickles ---------------------------------------------------------------


def test_an_answer_that_trickles_is_given_up_at_its_deadline() -> None:
    def trickle(handler: BaseHTTPRequestHandler) -> None:
        handler.send_response(200)
        handler.send_header("Content-Type", "application/json")
        handler.send_header("Content-Length", "100000")
        handler.end_headers()
        for _ in range(100_000):  # a byte every 0.2 s: never silent for a read timeout
            handler.wfile.write(b" ")
            handler.wfile.flush()
            time.sleep(0.2)

    with (
        HostileSite(trickle) as site,
        _publisher(site, limits=AnswerLimits(deadline=1.5)) as publisher,
    ):
        started = time.monotonic()
        with pytest.raises(errors.SiteUnreachable) as info:
            publisher.get_post(5)
        elapsed = time.monotonic() - started
    assert info.value.reason == errors.SiteUnreachable.TOO_SLOW and info.value.retryable
    assert 1.4 < elapsed < 3.0, elapsed
    assert "trop lentement" in _sentences(info.value)[0]


def test_a_trickled_head_is_given_up_at_the_deadline_too() -> None:
    def trickle_head(handler: BaseHTTPRequestHandler) -> None:
        head = b"HTTP/1.1 200 OK\r\n" + b"X-Slow: " + b"a" * 5000 + b"\r\n\r\n{}"
        for byte in head:  # a byte every 0.2 s, the head itself never complete
            handler.wfile.write(bytes([byte]))
            handler.wfile.flush()
            time.sleep(0.2)

    with (
        HostileSite(trickle_head) as site,
        _publisher(site, limits=AnswerLimits(deadline=1.5)) as publisher,
    ):
        started = time.monotonic()
        with pytest.raises(errors.SiteUnreachable) as info:
            publisher.get_post(5)
        elapsed = time.monotonic() - started
    assert info.value.reason == errors.SiteUnreachable.TOO_SLOW
    assert elapsed < 3.0, elapsed


def test_the_deadline_is_in_httpxs_pool() -> None:
    """``deadline_transport`` sets a private attribute of httpx's pool: a new httpx that
    moved it must fail here, not leave reads unbounded in silence."""
    transport = deadline_transport()
    assert isinstance(transport._pool._network_backend, _DeadlineBackend)  # type: ignore[attr-defined]
    transport.close()


# --- 7. A huge body ----------------------------------------------------------------------------


def _flood(declared: bool, sent: list[int]) -> Answer:
    def flood(handler: BaseHTTPRequestHandler) -> None:
        handler.send_response(200)
        handler.send_header("Content-Type", "application/json")
        if declared:
            handler.send_header("Content-Length", str(1024**3))
        handler.send_header("Connection", "close")
        handler.end_headers()
        chunk = b"[" + b"0," * 32767 + b"0"
        try:
            while sent[0] < 1024**3:
                handler.wfile.write(chunk)
                sent[0] += len(chunk)
        finally:
            handler.wfile.flush()

    return flood


@pytest.mark.parametrize("declared", [True, False], ids=["content-length", "until-close"])
def test_a_one_gigabyte_body_is_not_read_past_the_limit(declared: bool) -> None:
    sent = [0]
    flood = _flood(declared, sent)
    with (
        HostileSite(flood) as site,
        _publisher(site) as publisher,
        pytest.raises(errors.InvalidServerResponse) as info,
    ):
        publisher.get_post(5)
    assert info.value.reason == errors.InvalidServerResponse.TOO_LARGE
    assert not info.value.retryable
    # Reading stopped at the limit (what the socket buffers held besides).
    assert sent[0] < MAX_ANSWER_BYTES + 16 * 1024 * 1024, sent[0]
    assert "trop grosse" in _sentences(info.value)[0]


# --- 8. 429 and Retry-After -----------------------------------------------------------------------


def test_a_429_carries_the_sites_retry_after() -> None:
    answer = _json({"code": "too_many_requests", "message": "Slow down"})
    with (
        HostileSite(lambda h: send(h, 429, answer, Retry_After="120")) as site,
        _publisher(site) as publisher,
        pytest.raises(errors.ServerError) as info,
    ):
        publisher.get_post(5)
    assert info.value.status == 429 and info.value.retry_after == 120.0
    assert info.value.retryable
    assert "environ 2\u00a0min" in _sentences(info.value)[0]


def test_retry_after_as_seconds_or_a_date() -> None:
    assert retry_after_seconds("30") == 30.0
    assert retry_after_seconds(None) is None and retry_after_seconds("soon") is None
    assert retry_after_seconds("Wed, 21 Oct 2015 07:28:00 GMT") == 0.0  # past: no wait
    later = time.time() + 300
    when = time.strftime("%a, %d %b %Y %H:%M:%S GMT", time.gmtime(later))
    value = retry_after_seconds(when)
    assert value is not None and 290 < value <= 300


# --- The other sentences ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "error",
    [
        errors.SiteUnreachable("GET x: ConnectError"),
        errors.SiteUnreachable("GET x: timed out (ReadTimeout)", errors.SiteUnreachable.TIMEOUT),
        errors.ServerError(429),
        errors.ServerError(503, "Service Unavailable", retry_after=30),
        errors.InvalidServerResponse("x does not look like a WordPress site", "not_wordpress"),
        errors.InvalidServerResponse("the site's answer is not a post"),
        errors.UntrustedCertificate("actu.example", "untrusted", "unable to get local issuer"),
        errors.KeyringUnavailable("keyring.backends.fail.Keyring is not a secure keyring (fail)"),
    ],
    ids=lambda e: f"{type(e).__name__}:{getattr(e, 'reason', '')}",
)
def test_every_case_is_a_sentence_without_the_librarys_words(error: BaseException) -> None:
    sentences = _sentences(error)
    assert all("keyring.backends" not in text and "ConnectError" not in text for text in sentences)


def test_the_library_words_of_a_connect_error_go_to_the_log(
    caplog: pytest.LogCaptureFixture, tmp_path: Path
) -> None:
    with HostileSite(_index) as site:
        url = site.url()
    # The server is gone: nothing listens on its port any more.
    account = SiteAccount("actu", f"{url}/wp-json/", "reporter")
    with (
        WordPressPublisher(account, PASSWORD) as publisher,
        caplog.at_level(logging.INFO),
        pytest.raises(errors.SiteUnreachable) as info,
    ):
        publisher.get_post(5)
    assert info.value.reason == errors.SiteUnreachable.NETWORK
    assert "ConnectError" in caplog.text and PASSWORD not in caplog.text
    assert "injoignable" in _sentences(info.value)[0]


@pytest.fixture(autouse=True)
def _no_proxy(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """httpx reads proxies from the environment: these tests talk to 127.0.0.1 only."""
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy"):
        monkeypatch.delenv(name, raising=False)
    yield
