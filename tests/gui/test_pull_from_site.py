"""Fichier ▸ Ouvrir un article du site… : a post written on the site's block editor is
opened, corrected by one word in the window and pushed back; on the real WordPress."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import httpx
import pytest
from PySide6.QtGui import QTextCursor

from newsdesk.credentials import SessionCredentialStore
from newsdesk.publishing.marker import strip_marker
from newsdesk.storage.store import Store
from newsdesk.sync import sites
from newsdesk.ui.main_window import MainWindow, SaveState
from tests.gui.conftest import WindowFactory, type_text
from tests.gui.test_publish_button import SITE
from tests.integration.conftest import wordpress, wp  # noqa: F401  (fixtures)
from tests.integration.publish_helpers import admin_get
from tests.wordpress.harness import WordPress

pytestmark = [pytest.mark.gui, pytest.mark.webengine, pytest.mark.wordpress]

CORPUS = Path(__file__).resolve().parents[1] / "corpus" / "wordpress"


@pytest.fixture
def desk(windows: WindowFactory, store: Store, wp: WordPress) -> MainWindow:  # noqa: F811
    credentials = SessionCredentialStore()
    sites.add_site(
        store, credentials, wp.base_url, wp.reporter.username, wp.reporter.app_password, SITE
    )
    return windows.open(credentials=credentials)


def _post_on_site(wp: WordPress) -> tuple[int, str]:  # noqa: F811
    content = (CORPUS / "blocks-article-fr.html").read_bytes().decode("utf-8")
    response = httpx.post(
        wp.api_url("/wp/v2/posts"),
        json={"title": "Budget 2027 : le gouvernement présente son projet", "content": content,
              "status": "publish"},
        auth=wp.reporter.auth,
        timeout=30,
    )  # fmt: skip
    response.raise_for_status()
    post_id = int(response.json()["id"])
    return post_id, admin_get(wp, f"/wp/v2/posts/{post_id}")["content"]["raw"]


def _open_dialog(desk: MainWindow, qtbot: Any) -> Any:
    desk.pull.action.trigger()
    qtbot.waitUntil(lambda: desk.pull.dialog is not None and desk.pull.dialog.isVisible())
    return desk.pull.dialog


def test_a_post_of_the_site_is_opened_fixed_and_sent_back_changing_one_word(
    desk: MainWindow,
    qtbot: Any,
    wp: WordPress,  # noqa: F811
) -> None:
    post_id, before = _post_on_site(wp)
    dialog = _open_dialog(desk, qtbot)
    dialog.reference.setText(f"{wp.base_url}/?p={post_id}")
    dialog.open_button.click()
    qtbot.waitUntil(lambda: desk.pull.dialog is None, timeout=30000)
    qtbot.waitUntil(lambda: desk.editor.title.text().startswith("Budget 2027"), timeout=10000)
    body = desk.editor.body.toPlainText()
    assert "<!-- wp:image" in body  # the site's image block, kept as it is
    assert "## Les priorités" in body  # the heading, as Markdown to edit

    # One word fixed where a reporter types it, then « Mettre à jour ».
    cursor = desk.editor.body.textCursor()
    at = body.index("prioritaires")
    cursor.setPosition(at)
    cursor.setPosition(at + len("prioritaires"), QTextCursor.MoveMode.KeepAnchor)
    desk.editor.body.setTextCursor(cursor)
    type_text(desk.editor.body, "essentiels")
    desk.save_now()
    qtbot.waitUntil(lambda: desk._state == SaveState.SAVED, timeout=10000)
    desk.publish.update_action.trigger()
    qtbot.waitUntil(lambda: desk.publish.status_text() == "En ligne", timeout=60000)

    after = admin_get(wp, f"/wp/v2/posts/{post_id}")["content"]["raw"]
    assert strip_marker(after) == before.replace("prioritaires", "essentiels", 1)


def test_a_wrong_reference_is_said_in_the_dialog_and_nothing_opens(
    desk: MainWindow, qtbot: Any
) -> None:
    dialog = _open_dialog(desk, qtbot)
    dialog.reference.setText("pas un lien")
    dialog.open_button.click()
    qtbot.waitUntil(lambda: dialog.error.isVisible(), timeout=10000)
    assert "ni le lien d’un article du site ni son numéro" in dialog.error.text()
    dialog.reference.setText("999999")
    dialog.open_button.click()
    qtbot.waitUntil(lambda: "n’existe pas" in dialog.error.text(), timeout=30000)
    assert dialog.isVisible() and dialog.open_button.isEnabled()
    dialog.reject()
