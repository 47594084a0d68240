"""WordPress's own way of handing an Application Password to an application.

The reporter approves newsdesk in the browser, on the site's
``wp-admin/authorize-application.php``; WordPress then sends the browser to
``success_url`` with ``user_login`` and ``password`` in the query (or ``success=false``
when refused). The window opens the page and listens for that redirect; these functions
build the URL and read the answer, with no Qt and no network beyond the API index.

As written in Debian's WordPress 6.1.9 (which carries the security fixes of 6.3.2),
``wp_is_authorize_application_redirect_url_valid``: a ``success_url`` in plain
``http://`` is refused ("The URL must be served over a secure connection") unless the
site runs as a ``local`` environment. A listener on http://127.0.0.1 thus works only
against such sites; elsewhere, leave ``success_url`` out and WordPress shows the new
password on the page for the reporter to paste once.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

import httpx

from newsdesk.core.errors import AuthenticationFailed, InvalidServerResponse, RequestRejected
from newsdesk.publishing.wordpress import discover_api_root, send_request


@dataclass(frozen=True, slots=True)
class AuthorizedApplication:
    site_url: str
    user_login: str
    password: str = field(repr=False)


def authorization_endpoint(api_root: str, client: httpx.Client) -> str | None:
    """Where the site approves applications, as its API index says; None when the site
    has Application Passwords turned off (then only a pasted password will do)."""
    response = send_request(client, "GET", api_root, follow_redirects=True)
    try:
        index: Any = response.json()
    except ValueError as exc:
        raise InvalidServerResponse("the API index is not JSON") from exc
    try:
        endpoint = index["authentication"]["application-passwords"]["endpoints"]["authorization"]
    except (KeyError, TypeError):
        return None
    return endpoint if isinstance(endpoint, str) and endpoint.startswith("http") else None


def authorization_url(
    endpoint: str,
    *,
    app_name: str,
    app_id: str,
    success_url: str | None = None,
    reject_url: str | None = None,
) -> str:
    """The page to open in the reporter's browser. ``app_id`` (a UUID) lets the site
    group the passwords newsdesk asked for over time."""
    params = {"app_name": app_name, "app_id": app_id}
    if success_url:
        params["success_url"] = success_url
    if reject_url:
        params["reject_url"] = reject_url
    separator = "&" if urlsplit(endpoint).query else "?"
    return endpoint + separator + urlencode(params)


def parse_authorization_redirect(url: str) -> AuthorizedApplication:
    """The password from the redirect WordPress sent the browser to.

    Raises ``AuthenticationFailed`` when the reporter refused, ``InvalidServerResponse``
    when the redirect lacks what WordPress always sends.
    """
    query = parse_qs(urlsplit(url).query, keep_blank_values=True)

    def one(key: str) -> str:
        values = query.get(key) or [""]
        return values[0]

    if one("success") == "false":
        raise AuthenticationFailed("the reporter refused newsdesk access to the site")
    site_url, user_login, password = one("site_url"), one("user_login"), one("password")
    if not (site_url and user_login and password):
        raise InvalidServerResponse("the site's redirect carries no password")
    return AuthorizedApplication(site_url=site_url, user_login=user_login, password=password)


def browser_authorization_page(
    site_url: str,
    *,
    app_id: str,
    success_url: str | None,
    reject_url: str | None,
    client: httpx.Client,
) -> str:
    """The approval page of the site at ``site_url`` to open in the reporter's browser.

    Without ``success_url`` WordPress shows the new password on the page, for the
    reporter to paste once (what it requires of sites not in a ``local``
    environment, which refuse an ``http://`` return address).

    Raises ``RequestRejected`` (code ``application_passwords_unavailable``) when the
    site has Application Passwords turned off, and the usual network errors.
    """
    api_root = discover_api_root(site_url, client)
    endpoint = authorization_endpoint(api_root, client)
    if endpoint is None:
        raise RequestRejected(
            "application_passwords_unavailable",
            "the site does not offer Application Passwords",
        )
    return authorization_url(
        endpoint,
        app_name="newsdesk",
        app_id=app_id,
        success_url=success_url,
        reject_url=reject_url,
    )
