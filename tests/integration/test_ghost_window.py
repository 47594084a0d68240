"""The window connects a real Ghost site with « Connecter un site… » (the kind found by
itself, the Admin API key where the password goes) and publishes to it with « Publier »."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtWidgets import QLabel

from newsdesk import services
from newsdesk.credentials import SessionCredentialStore
from newsdesk.storage import outbox_repo as repo
from newsdesk.storage.store import Store
from tests.ghost.harness import Ghost
from tests.gui.conftest import WindowFactory, store, windows  # noqa: F401  (fixtures)
from tests.integration.publish_helpers import LAVROV

pytestmark = [pytest.mark.gui, pytest.mark.webengine]

SITE = "journal"
DICTIONARY_LOAD_MS = 120_000  # as tests/gui/test_spelling.py: a loaded machine is slow


def test_the_window_connects_ghost_and_publishes_once(
    windows: WindowFactory,  # noqa: F811
    qtbot: Any,
    store: Store,  # noqa: F811
    ghost_site: Ghost,
) -> None:
    credentials = SessionCredentialStore()
    window = windows.open(credentials=credentials)
    publish = window.publish
    publish.connect_site_action.trigger()
    qtbot.waitUntil(lambda: publish.site_dialog is not None)
    dialog = publish.site_dialog
    hint = dialog.findChild(QLabel, "GhostHint")
    assert hint is not None and "clé d’API Admin" in hint.text()
    dialog.url.setText(ghost_site.base_url)
    dialog.user.setText("Aïcha")
    dialog.password.setText(ghost_site.admin_key)
    dialog.name.setText(SITE)
    with qtbot.waitSignal(dialog.connected, timeout=30000) as connected:
        dialog.connect_button.click()
    site = connected.args[0]
    assert site.kind == "ghost" and dialog.password.text() == ""
    assert credentials.get(SITE, "Aïcha") == ghost_site.admin_key
    assert ghost_site.admin_key.split(":")[1] not in (
        window.context.paths.database.read_bytes().decode("latin-1")
    )
    dialog.close()

    article = services.import_file(store, LAVROV)
    with qtbot.waitSignal(publish.state_shown, timeout=10000):
        window.open_article(article.id)
    # As the secrets window test: the checklist beside « Publier » waits for the spelling.
    qtbot.waitUntil(
        lambda: window.spelling.service.checker("fr") is not None, timeout=DICTIONARY_LOAD_MS
    )
    publish.button.click()
    qtbot.waitUntil(lambda: publish.link is not None, timeout=60000)
    [post] = ghost_site.posts(f"codeinjection_foot:~'{article.id}'")
    assert publish.link == post["url"] and post["status"] == "published"
    assert post["primary_tag"]["name"] == "Politique"
    assert [e.state for e in repo.list_entries(store, article_id=article.id)] == [repo.DONE]


def test_a_refused_key_is_asked_for_as_a_key(
    windows: WindowFactory,  # noqa: F811
    qtbot: Any,
    store: Store,  # noqa: F811
    ghost_site: Ghost,
) -> None:
    from PySide6.QtWidgets import QLineEdit

    from newsdesk.sync import outbox, sites

    credentials = SessionCredentialStore()
    sites.add_site(store, credentials, ghost_site.base_url, "Aïcha", ghost_site.admin_key, SITE)
    # The key kept is no longer the site's (its integration's key was regenerated).
    credentials.set(SITE, "Aïcha", "0123456789abcdef01234567:" + "cd" * 32)
    article = services.import_file(store, LAVROV)
    outbox.queue_publish(store, article.id, SITE)
    window = windows.open(credentials=credentials)
    publish = window.publish
    qtbot.waitUntil(
        lambda: outbox.remote_state(store, article.id).state == "needs_password", timeout=30000
    )
    with qtbot.waitSignal(
        publish.state_shown, timeout=10000, check_params_cb=lambda line: line is not None
    ):
        window.open_article(article.id)
    assert publish.status_text().startswith("Le site refuse la clé d’API Admin")
    assert "mot de passe" not in publish.status_text()
    [line] = [a.text() for a in publish.site_menu.actions()]
    assert line.endswith(" · ⚠ clé d’API Admin requise"), line
    # The library's line of the article says the same, once the outbox's look after the
    # refused send has reached it (its line from the window's start said « en attente »).
    model = window.library.model
    qtbot.waitUntil(
        lambda: model.remote.get(article.id) == ("⚠", "clé d’API Admin requise"), timeout=10000
    )

    publish.password_action.trigger()
    qtbot.waitUntil(lambda: publish.password_dialog is not None, timeout=10000)
    dialog = publish.password_dialog
    assert dialog.windowTitle() == "Nouvelle clé d’API Admin"
    [text] = [label.text() for label in dialog.findChildren(QLabel) if "refuse" in label.text()]
    assert "refuse la clé d’API Admin de Aïcha" in text and "mot de passe" not in text
    assert dialog.password.echoMode() == QLineEdit.EchoMode.Password
    dialog.password.setText(ghost_site.admin_key)
    with qtbot.waitSignal(dialog.accepted_password, timeout=30000):
        dialog.submit()
    qtbot.waitUntil(lambda: publish.link is not None, timeout=60000)
    assert len(ghost_site.posts(f"codeinjection_foot:~'{article.id}'")) == 1
