"""WordPress's own authorization flow against the real site: the reporter approves
newsdesk in the browser and the password arrives at the 127.0.0.1 listener.

httpx plays the browser: it logs in as the reporter, opens the approval page
newsdesk would open, and presses « Approve » or « Reject ».
"""

from __future__ import annotations

import threading
import uuid
from typing import Any

import httpx
import pytest

from newsdesk.core.errors import AuthenticationFailed
from newsdesk.publishing.authorization_listener import AuthorizationListener
from newsdesk.publishing.wordpress_auth import browser_authorization_page
from tests.integration.publish_helpers import answer_approval_page
from tests.wordpress.harness import WordPress

pytestmark = pytest.mark.wordpress


def _answer(wp: WordPress, listener: AuthorizationListener, button: str) -> Any:
    with httpx.Client(timeout=30) as client:
        page = browser_authorization_page(
            wp.base_url,
            app_id=str(uuid.uuid4()),
            success_url=listener.success_url,
            reject_url=listener.reject_url,
            client=client,
        )
    outcome: dict[str, Any] = {}

    def wait() -> None:
        try:
            outcome["value"] = listener.wait(60)
        except Exception as error:
            outcome["error"] = error

    waiting = threading.Thread(target=wait)
    waiting.start()
    answer_approval_page(wp, page, button)
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


def test_without_a_listener_the_site_shows_the_password_for_a_paste(wp: WordPress) -> None:
    # What newsdesk asks of a real site, which refuses an http:// return address.
    with httpx.Client(timeout=30) as client:
        page = browser_authorization_page(
            wp.base_url, app_id=str(uuid.uuid4()), success_url=None, reject_url=None, client=client
        )
    assert "authorize-application.php" in page
    assert "success_url" not in page
