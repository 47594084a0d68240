"""Connecting the site from the window, a refused password, and no keyring: on the real site."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QLineEdit

from newsdesk import services
from newsdesk.core.errors import KeyringUnavailable
from newsdesk.credentials import SessionCredentialStore
from newsdesk.storage import outbox_repo as repo
from newsdesk.storage.store import Store
from newsdesk.sync import outbox
from newsdesk.ui.main_window import MainWindow
from tests.gui.conftest import WindowFactory
from tests.integration.conftest import wordpress, wp  # noqa: F401  (fixtures)
from tests.integration.publish_helpers import (
    SITE,
    answer_approval_page,
    make_desk,
    posts_with_marker,
)
from tests.wordpress.harness import WordPress

pytestmark = [pytest.mark.gui, pytest.mark.webengine, pytest.mark.wordpress]


def open_site_dialog(window: MainWindow, qtbot: Any) -> Any:
    file_menu = window.menuBar().actions()[0].menu()
    assert window.publish.connect_site_action in file_menu.actions()
    assert window.publish.connect_site_action.text() == "Connecter un site…"
    window.publish.connect_site_action.trigger()
    qtbot.waitUntil(lambda: window.publish.site_dialog is not None)
    return window.publish.site_dialog


def fill(dialog: Any, url: str, user: str, password: str) -> None:
    dialog.url.setText(url)
    dialog.user.setText(user)
    dialog.password.setText(password)
    dialog.name.setText(SITE)


def test_connecting_shows_who_the_reporter_is_and_keeps_the_password_only_in_the_keyring(
    windows: WindowFactory,
    qtbot: Any,
    store: Store,
    wp: WordPress,  # noqa: F811
) -> None:
    credentials = SessionCredentialStore()
    window = windows.open(credentials=credentials)
    dialog = open_site_dialog(window, qtbot)
    assert dialog.password.echoMode() == QLineEdit.EchoMode.Password
    fill(dialog, wp.base_url, wp.reporter.username, wp.reporter.app_password)
    with qtbot.waitSignal(dialog.connected, timeout=30000) as connected:
        dialog.connect_button.click()
    site = connected.args[0]
    text = dialog.result_label.text()
    assert "vous pouvez publier vos articles" in text
    assert (site.display_name or site.username) in text
    assert dialog.password.text() == ""
    assert [s.name for s in repo.list_sites(store)] == [SITE]
    assert credentials.get(SITE, wp.reporter.username) == wp.reporter.app_password
    assert wp.reporter.app_password not in (
        window.context.paths.database.read_bytes().decode("latin-1")
    )


def test_a_wrong_password_is_refused_in_words_and_nothing_is_kept(
    windows: WindowFactory,
    qtbot: Any,
    store: Store,
    wp: WordPress,  # noqa: F811
) -> None:
    credentials = SessionCredentialStore()
    window = windows.open(credentials=credentials)
    dialog = open_site_dialog(window, qtbot)
    fill(dialog, wp.base_url, wp.reporter.username, "aaaa bbbb cccc dddd eeee ffff")
    with qtbot.waitSignal(dialog.failed, timeout=30000) as failed:
        dialog.connect_button.click()
    assert failed.args[0].startswith("Le site refuse ce nom d’utilisateur")
    assert repo.list_sites(store) == []
    assert credentials.get(SITE, wp.reporter.username) is None


def test_without_a_keyring_the_password_can_be_kept_for_this_session(
    windows: WindowFactory,
    qtbot: Any,
    store: Store,
    wp: WordPress,  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def no_keyring() -> Any:
        raise KeyringUnavailable("no Secret Service on the bus")

    monkeypatch.setattr("newsdesk.context.open_credentials", no_keyring)
    window = windows.open()
    dialog = open_site_dialog(window, qtbot)
    fill(dialog, wp.base_url, wp.reporter.username, wp.reporter.app_password)
    dialog.connect_button.click()
    qtbot.waitUntil(lambda: dialog.keyring_box is not None, timeout=30000)
    box = dialog.keyring_box
    assert "trousseau" in box.text()
    assert "cette session seulement" in box.informativeText()
    assert repo.list_sites(store) == []
    with qtbot.waitSignal(dialog.connected, timeout=30000):
        dialog.keep_for_session_button.click()
    kept = window.outbox._credentials
    assert isinstance(kept, SessionCredentialStore)
    assert kept.get(SITE, wp.reporter.username) == wp.reporter.app_password


def test_a_revoked_password_asks_for_a_new_one_and_keeps_the_queue(
    windows: WindowFactory,
    qtbot: Any,
    store: Store,
    wp: WordPress,  # noqa: F811
    lavrov_md: Path,
) -> None:
    desk = make_desk(wp, store)
    article = services.import_file(store, lavrov_md)
    # The password kept is no longer the site's (revoked in wp-admin, say).
    desk.credentials.set(SITE, wp.reporter.username, "aaaa bbbb cccc dddd eeee ffff")
    outbox.queue_publish(store, article.id, SITE)
    window = windows.open(credentials=desk.credentials)
    publish = window.publish
    qtbot.waitUntil(
        lambda: outbox.remote_state(store, article.id).state == "needs_password", timeout=30000
    )
    with qtbot.waitSignal(
        publish.state_shown, timeout=10000, check_params_cb=lambda line: line is not None
    ) as shown:
        window.open_article(article.id)
    assert shown.args[0].state == "needs_password"
    assert publish.status_text().startswith("Le site refuse le mot de passe")
    assert publish.password_action.isVisible()
    [row] = [e for e in repo.list_entries(store, article_id=article.id) if e.live]

    publish.password_action.trigger()
    qtbot.waitUntil(lambda: publish.password_dialog is not None, timeout=10000)
    dialog = publish.password_dialog
    assert dialog.password.echoMode() == QLineEdit.EchoMode.Password
    dialog.password.setText(wp.reporter.app_password)
    with qtbot.waitSignal(dialog.accepted_password, timeout=30000):
        dialog.submit()
    # The same queued action leaves, now with the new password.
    qtbot.waitUntil(lambda: publish.link is not None, timeout=60000)
    assert publish.status_text() == "En ligne"
    assert [e.id for e in repo.list_entries(store, article_id=article.id)] == [row.id]
    assert len(posts_with_marker(wp, article.id)) == 1


def test_approving_in_the_browser_connects_without_typing_a_password(
    windows: WindowFactory,
    qtbot: Any,
    store: Store,
    wp: WordPress,  # noqa: F811
) -> None:
    credentials = SessionCredentialStore()
    window = windows.open(credentials=credentials)
    dialog = open_site_dialog(window, qtbot)
    opened: list[str] = []
    dialog._open_url = lambda url: opened.append(url.toString())
    dialog.url.setText(wp.base_url)
    dialog.name.setText(SITE)
    dialog.browser_button.click()
    qtbot.waitUntil(lambda: bool(opened), timeout=30000)
    assert "authorize-application.php" in opened[0]
    # The reporter approves in the browser; the password comes back by itself.
    threading.Thread(target=answer_approval_page, args=(wp, opened[0])).start()
    with qtbot.waitSignal(dialog.connected, timeout=60000):
        pass
    assert dialog.user.text() == wp.reporter.username
    assert dialog.password.text() == ""
    assert [s.name for s in repo.list_sites(store)] == [SITE]
    assert credentials.get(SITE, wp.reporter.username)
