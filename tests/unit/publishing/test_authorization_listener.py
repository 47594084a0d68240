"""The one-shot listener that receives WordPress's authorization redirect."""

from __future__ import annotations

import secrets
import threading
from collections.abc import Callable
from typing import Any
from urllib.parse import quote_plus, urlencode, urlsplit

import httpx
import pytest

from newsdesk.core.errors import AuthenticationFailed, AuthorizationAbandoned
from newsdesk.publishing.authorization_listener import AuthorizationListener

# Shaped like an Application Password (six groups of four), drawn anew each run.
PASSWORD = " ".join(secrets.token_hex(2) for _ in range(6))


def _waiting(listener: AuthorizationListener, timeout: float = 10) -> Callable[[], Any]:
    """Run wait() in a thread, as the window does; the returned call joins it."""
    outcome: dict[str, Any] = {}

    def run() -> None:
        try:
            outcome["value"] = listener.wait(timeout)
        except Exception as error:
            outcome["error"] = error

    thread = threading.Thread(target=run)
    thread.start()

    def join() -> Any:
        thread.join(timeout + 5)
        assert not thread.is_alive()
        if "error" in outcome:
            raise outcome["error"]
        return outcome["value"]

    return join


def test_the_approved_redirect_hands_over_the_password(capfd: pytest.CaptureFixture[str]) -> None:
    listener = AuthorizationListener()
    assert urlsplit(listener.success_url).hostname == "127.0.0.1"
    join = _waiting(listener)
    query = urlencode(
        {"site_url": "http://127.0.0.1:8080", "user_login": "aicha", "password": PASSWORD}
    )
    response = httpx.get(f"{listener.success_url}?{query}")
    assert response.status_code == 200
    assert "newsdesk est connecté" in response.text
    assert PASSWORD not in response.text
    authorized = join()
    assert (authorized.user_login, authorized.password) == ("aicha", PASSWORD)
    assert PASSWORD not in repr(authorized)
    out, err = capfd.readouterr()
    logged = out + err
    assert PASSWORD not in logged
    assert quote_plus(PASSWORD) not in logged, "the request line must never be logged"


def test_a_refusal_is_told_as_such() -> None:
    listener = AuthorizationListener()
    join = _waiting(listener)
    response = httpx.get(listener.reject_url)
    assert "refusé" in response.text
    with pytest.raises(AuthenticationFailed):
        join()


def test_a_request_without_the_token_is_ignored() -> None:
    listener = AuthorizationListener()
    join = _waiting(listener)
    port = urlsplit(listener.success_url).port
    forged = httpx.get(
        f"http://127.0.0.1:{port}/guess/authorized?site_url=x&user_login=evil&password=p"
    )
    assert forged.status_code == 404
    query = urlencode({"site_url": "http://s", "user_login": "aicha", "password": PASSWORD})
    httpx.get(f"{listener.success_url}?{query}")
    assert join().user_login == "aicha"


def test_no_answer_in_time_is_abandoned_and_the_port_freed() -> None:
    listener = AuthorizationListener()
    with pytest.raises(AuthorizationAbandoned):
        listener.wait(timeout=0.5)
    with pytest.raises(httpx.ConnectError):
        httpx.get(listener.success_url, timeout=2)


def test_closing_stops_the_wait() -> None:
    listener = AuthorizationListener()
    join = _waiting(listener, timeout=30)
    listener.close()
    with pytest.raises(AuthorizationAbandoned):
        join()
