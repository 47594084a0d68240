"""The one-shot listener on 127.0.0.1 that receives WordPress's authorization redirect.

The window opens ``wp-admin/authorize-application.php`` in the reporter's
browser with ``success_url`` and ``reject_url`` pointing here; when the reporter
approves, WordPress sends the browser to us with the new Application Password
in the query, so nobody ever copies a password by hand.

Written on the standard library's ``http.server``: one request to answer, on
loopback, for a few minutes; no web framework earns its place for that.

- Only 127.0.0.1, on a port the system picks.
- The path carries a random token: another program on the laptop that finds the
  port cannot hand us a password of its choosing.
- Nothing is logged: the request line holds the password.
"""

from __future__ import annotations

import secrets
import threading
import time
from http.server import BaseHTTPRequestHandler, HTTPServer
from typing import Any

from newsdesk.core.errors import AuthorizationAbandoned, NewsdeskError
from newsdesk.publishing.wordpress_auth import AuthorizedApplication, parse_authorization_redirect

_DONE_PAGE = """<!doctype html><html lang="fr"><meta charset="utf-8">
<title>newsdesk</title><body style="font-family:sans-serif;max-width:36em;margin:4em auto">
<h1>{title}</h1><p>{text}</p></body></html>"""

_APPROVED = (
    "newsdesk est connecté au site",
    "Vous pouvez fermer cet onglet et revenir à newsdesk. "
    "(newsdesk is connected: you may close this tab.)",
)
_REFUSED = (
    "Connexion refusée",
    "Vous avez refusé l’accès : newsdesk n’a reçu aucun mot de passe. "
    "(You refused access: newsdesk received no password.)",
)


class AuthorizationListener:
    """Listens once for the redirect; ``wait()`` returns the password or raises."""

    def __init__(self) -> None:
        self._token = secrets.token_urlsafe(16)
        self._outcome: AuthorizedApplication | NewsdeskError | None = None
        self._arrived = threading.Event()
        self._server = HTTPServer(("127.0.0.1", 0), self._handler_class())
        self._server.timeout = 0.2
        self._closed = False

    @property
    def success_url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}/{self._token}/authorized"

    @property
    def reject_url(self) -> str:
        # WordPress sends the browser to a given reject_url as it is (it adds
        # ``success=false`` only to the one it makes up itself).
        return f"{self.success_url}?success=false"

    def wait(self, timeout: float = 600.0) -> AuthorizedApplication:
        """Serve until the redirect arrives (run this off the GUI thread).

        Raises AuthenticationFailed when the reporter refused, AuthorizationAbandoned
        when nothing came within ``timeout`` seconds or ``close()`` was called.
        """
        deadline = time.monotonic() + timeout
        try:
            while not self._arrived.is_set():
                if self._closed or time.monotonic() > deadline:
                    raise AuthorizationAbandoned("no answer came back from the browser")
                self._server.handle_request()
        finally:
            self._server.server_close()
        outcome = self._outcome
        if isinstance(outcome, NewsdeskError):
            raise outcome
        assert outcome is not None
        return outcome

    def close(self) -> None:
        """Give up waiting (the reporter cancelled the dialog)."""
        self._closed = True

    def _handler_class(self) -> type[BaseHTTPRequestHandler]:
        listener = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                if not self.path.startswith(f"/{listener._token}/") or listener._arrived.is_set():
                    self._answer(404, "Not found", "")
                    return
                try:
                    listener._outcome = parse_authorization_redirect(self.path)
                    title, text = _APPROVED
                except NewsdeskError as error:
                    listener._outcome = error
                    title, text = _REFUSED
                listener._arrived.set()
                self._answer(200, title, text)

            def _answer(self, status: int, title: str, text: str) -> None:
                body = _DONE_PAGE.format(title=title, text=text).encode("utf-8")
                self.send_response(status)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.send_header("Cache-Control", "no-store")
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, format: str, *args: Any) -> None:
                # The request line carries the password: never written anywhere.
                pass

        return Handler
