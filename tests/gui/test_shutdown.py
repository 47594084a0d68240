"""Closing the window while a drain is in flight: the window keeps to its bound, and
nothing is lost (the words are stored, the sending still waits in the outbox)."""

from __future__ import annotations

import logging
import secrets
import socket
import threading
import time
from pathlib import Path
from typing import Any

import pytest

from newsdesk import services
from newsdesk.credentials import SessionCredentialStore
from newsdesk.storage import outbox_repo as repo
from newsdesk.storage.store import Store
from newsdesk.ui import outbox_runner
from tests.gui.conftest import WindowFactory, type_text
from tests.gui.test_publish_button import SITE, live_rows, open_on

pytestmark = [pytest.mark.gui, pytest.mark.webengine]

BOUND_S = 1.0


class SilentSite:
    """A site on 127.0.0.1 that takes the connection and says nothing until released."""

    def __init__(self) -> None:
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.port = int(self._listener.getsockname()[1])
        self.connected = threading.Event()
        self._connections: list[socket.socket] = []
        self._thread = threading.Thread(target=self._accept, daemon=True)
        self._thread.start()

    def _accept(self) -> None:
        while True:
            try:
                connection, _address = self._listener.accept()
            except OSError:
                return  # released
            self._connections.append(connection)
            self.connected.set()

    def release(self) -> None:
        """Hang up on every waiting request and stop listening (the site is gone)."""
        self._listener.close()
        for connection in self._connections:
            connection.close()
        self._thread.join(5)


@pytest.fixture
def silent_site() -> Any:
    site = SilentSite()
    yield site
    site.release()


def test_closing_with_a_drain_in_flight_keeps_to_the_bound_and_loses_nothing(
    windows: WindowFactory,
    qtbot: Any,
    store: Store,
    lavrov_md: Path,
    silent_site: SilentSite,
    caplog: pytest.LogCaptureFixture,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(outbox_runner, "SHUTDOWN_TIMEOUT_S", BOUND_S)
    credentials = SessionCredentialStore()
    base = f"http://127.0.0.1:{silent_site.port}"
    repo.insert_site(
        store,
        name=SITE,
        kind="wordpress",
        site_url=base,
        api_root=f"{base}/index.php?rest_route=/",
        username="aicha",
        user_id=2,
        display_name="Aicha",
        roles=["author"],
        can_publish=True,
    )
    credentials.set(SITE, "aicha", secrets.token_urlsafe(18))  # drawn per run
    article = services.import_file(store, lavrov_md)
    window = windows.open(credentials=credentials)
    open_on(window, qtbot, article)
    runner = window.outbox
    with qtbot.waitSignal(runner.drain_started, timeout=10000):
        window.publish.button.click()
    assert silent_site.connected.wait(20), "the drain never reached the site"
    window.editor.body.setFocus()
    type_text(window.editor.body, " Last words before closing.")

    caplog.set_level(logging.INFO)
    started = time.monotonic()
    window.close()
    took = time.monotonic() - started

    assert not window.isVisible()
    assert took < BOUND_S + 2.0, f"closing took {took:.1f} s"
    assert runner.running, "the drain should still have been in flight"
    silent_site.release()
    # The drain ends by itself once the site hangs up, and closes its Store.
    qtbot.waitUntil(lambda: runner.network.active() == 0, timeout=60000)
    qtbot.waitUntil(lambda: runner._store is None, timeout=10000)
    assert "Last words before closing." in store.get(article.id).body
    [row] = live_rows(store, article.id)
    assert row.state in outbox_runner.WAITING_STATES
    assert [r for r in caplog.records if r.levelno >= logging.WARNING] == []
