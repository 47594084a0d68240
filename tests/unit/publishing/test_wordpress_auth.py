"""WordPress's application authorization flow: the URL out, the password back."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import httpx
import pytest

from newsdesk.core.errors import AuthenticationFailed, InvalidServerResponse
from newsdesk.publishing.wordpress_auth import (
    authorization_endpoint,
    authorization_url,
    parse_authorization_redirect,
)

ENDPOINT = "https://site.example/wp-admin/authorize-application.php"
APP_ID = "0b6c9c8e-4f0e-4d55-8e0a-8f1d2b3c4d5e"


def index_transport(body: object) -> httpx.MockTransport:
    return httpx.MockTransport(lambda request: httpx.Response(200, json=body))


def test_the_endpoint_comes_from_the_api_index() -> None:
    index = {
        "authentication": {"application-passwords": {"endpoints": {"authorization": ENDPOINT}}}
    }
    with httpx.Client(transport=index_transport(index)) as client:
        assert authorization_endpoint("https://site.example/wp-json/", client) == ENDPOINT
    with httpx.Client(transport=index_transport({"authentication": []})) as client:
        assert authorization_endpoint("https://site.example/wp-json/", client) is None


def test_the_url_to_open() -> None:
    url = authorization_url(
        ENDPOINT, app_name="newsdesk (portable d’Aïcha)", app_id=APP_ID,
        success_url="https://127.0.0.1:53124/done",
    )  # fmt: skip
    query = parse_qs(urlsplit(url).query)
    assert url.startswith(ENDPOINT + "?")
    assert query == {
        "app_name": ["newsdesk (portable d’Aïcha)"],
        "app_id": [APP_ID],
        "success_url": ["https://127.0.0.1:53124/done"],
    }


def test_the_password_comes_back_and_stays_out_of_repr() -> None:
    redirect = (
        "http://127.0.0.1:53124/done?site_url=https%3A%2F%2Fsite.example"
        "&user_login=aicha&password=abcd+EFGH+1234+ijkl+MNOP+5678"
    )
    app = parse_authorization_redirect(redirect)
    assert (app.site_url, app.user_login, app.password) == (
        "https://site.example",
        "aicha",
        "abcd EFGH 1234 ijkl MNOP 5678",
    )
    assert "abcd" not in repr(app)


def test_a_refusal_and_a_broken_redirect() -> None:
    with pytest.raises(AuthenticationFailed):
        parse_authorization_redirect("http://127.0.0.1:53124/done?success=false")
    with pytest.raises(InvalidServerResponse):
        parse_authorization_redirect("http://127.0.0.1:53124/done?user_login=aicha")
