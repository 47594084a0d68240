"""The right moment: what waits goes at once when the network comes back or the reporter asks."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtNetwork import QNetworkInformation

from newsdesk import services
from newsdesk.core.article import Article
from newsdesk.credentials import SessionCredentialStore
from newsdesk.storage import outbox_repo as repo
from newsdesk.storage.store import Store
from newsdesk.ui.main_window import MainWindow
from tests.gui.conftest import WindowFactory
from tests.gui.test_publish_button import live_rows, open_on, unreachable_site

pytestmark = [pytest.mark.gui, pytest.mark.webengine]


@pytest.fixture
def waiting(
    windows: WindowFactory, store: Store, lavrov_md: Path, qtbot: Any
) -> tuple[MainWindow, Article]:
    """An article whose publish waits for the network, its next try minutes away."""
    credentials = SessionCredentialStore()
    unreachable_site(store, credentials)
    article = services.import_file(store, lavrov_md)
    window = windows.open(credentials=credentials)
    open_on(window, qtbot, article)
    with qtbot.waitSignal(window.outbox.drained, timeout=30000):
        window.publish.button.click()
    qtbot.waitUntil(
        lambda: [r.state for r in live_rows(store, article.id)] == [repo.WAITING_NETWORK],
        timeout=10000,
    )
    qtbot.waitUntil(lambda: window.publish.send_now_button.isVisible(), timeout=10000)
    return window, article


def attempts(store: Store, article_id: str) -> int:
    [row] = live_rows(store, article_id)
    return row.attempts


def test_envoyer_maintenant_sends_what_waits_at_once(
    waiting: tuple[MainWindow, Article], store: Store, qtbot: Any
) -> None:
    window, article = waiting
    publish = window.publish
    [row] = live_rows(store, article.id)
    assert row.next_attempt_at is not None
    before = row.attempts
    assert publish.send_now_action.isEnabled()
    assert publish.send_now_action in publish.menu.actions()
    assert publish.send_now_button.text() == "Envoyer maintenant"
    with qtbot.waitSignal(window.outbox.drained, timeout=30000) as drained:
        publish.send_now_button.click()
    # It was tried again now, not when the backoff ran out.
    assert [r.entry_id for r in drained.args[0].results] == [row.id]
    assert attempts(store, article.id) == before + 1


def test_the_network_coming_back_sends_at_once(
    waiting: tuple[MainWindow, Article], store: Store, qtbot: Any
) -> None:
    window, article = waiting
    runner = window.outbox
    before = attempts(store, article.id)
    runner._on_reachability(QNetworkInformation.Reachability.Disconnected)
    assert not runner.online
    with qtbot.waitSignal(runner.drained, timeout=30000) as drained:
        runner._on_reachability(QNetworkInformation.Reachability.Online)
    assert [r.article_id for r in drained.args[0].results] == [article.id]
    assert attempts(store, article.id) == before + 1


def test_nothing_waiting_offers_nothing_to_send(windows: WindowFactory, qtbot: Any) -> None:
    window = windows.open()
    assert not window.publish.send_now_button.isVisible()
    assert not window.publish.send_now_action.isEnabled()
