"""WordPress's own authorization flow against the real site: the reporter approves
newsdesk in the browser and the password arrives at the 127.0.0.1 listener.

httpx plays the browser: it logs in as the reporter, opens the approval page
newsdesk would open, and presses « Approve » or « Reject ».
"""

from __future__ import annotations

import re
import threading
import uuid
from typing import Any

import httpx
import pytest

from newsdesk.core.errors import AuthenticationFailed
from newsdesk.publishing.authorization_listener import AuthorizationListener
from newsdesk.publishing.wordpress_auth import authorization_endpoint, authorization_url
from tests.wordpress.harness import WordPress

pytestmark = pytest.mark.wordpress


def _browser_logged_in(wp: WordPress) -> httpx.Client:
    browser = httpx.Client(base_url=wp.base_url, timeout=30)
    browser.cookies.set("wordpress_test_cookie", "WP Cookie check")
    account = wp.reporter
    response = browser.post(
        "/wp-login.php",
        data={
            "log": account.username,
            "pwd": account.login_password,
            "wp-submit": "Log In",
            "testcookie": "1",
        },
    )
    assert response.status_code == 302, "the reporter could not log in to the test site"
    return browser


def _answer(wp: WordPress, listener: AuthorizationListener, button: str) -> Any:
    with httpx.Client(timeout=30) as api:
        endpoint = authorization_endpoint(wp.api_root, api)
    assert endpoint is not None
    app_id = str(uuid.uuid4())
    page = authorization_url(
        endpoint,
        app_name="newsdesk",
        app_id=app_id,
        success_url=listener.success_url,
        reject_url=listener.reject_url,
    )
    outcome: dict[str, Any] = {}

    def wait() -> None:
        try:
            outcome["value"] = listener.wait(60)
        except Exception as error:
            outcome["error"] = error

    waiting = threading.Thread(target=wait)
    waiting.start()
    browser = _browser_logged_in(wp)
    try:
        form = browser.get(page)
        assert form.status_code == 200
        nonce = re.search(r'name="_wpnonce" value="([^"]+)"', form.text)
        assert nonce, "no approval form on the page"
        done = browser.post(
            "/wp-admin/authorize-application.php",
            data={
                "_wpnonce": nonce.group(1),
                "action": "authorize_application_password",
                "app_name": "newsdesk",
                "app_id": app_id,
                "success_url": listener.success_url,
                "reject_url": listener.reject_url,
                button: "1",
            },
            follow_redirects=True,
        )
        assert done.status_code == 200
    finally:
        browser.close()
    waiting.join(70)
    if "error" in outcome:
        raise outcome["error"]
    return outcome["value"]


def test_approving_in_the_browser_hands_newsdesk_a_working_password(wp: WordPress) -> None:
    authorized = _answer(wp, AuthorizationListener(), "approve")
    assert authorized.user_login == wp.reporter.username
    me = httpx.get(
        wp.api_url("/wp/v2/users/me", {"context": "edit"}),
        auth=(authorized.user_login, authorized.password),
        timeout=30,
    )
    assert me.status_code == 200
    assert "author" in me.json()["roles"]


def test_refusing_in_the_browser_gives_no_password(wp: WordPress) -> None:
    with pytest.raises(AuthenticationFailed):
        _answer(wp, AuthorizationListener(), "reject")
