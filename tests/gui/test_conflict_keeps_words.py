"""Settling a conflict never drops what the reporter typed, on the real site."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtGui import QTextCursor

from newsdesk.core.article import Article
from newsdesk.storage import outbox_repo as repo
from newsdesk.storage.store import Store
from newsdesk.sync import outbox
from newsdesk.ui.main_window import MainWindow, SaveState
from tests.gui.conftest import WindowFactory, type_text
from tests.gui.test_publish_conflict import EDITOR_TITLE
from tests.integration.conftest import wordpress, wp  # noqa: F401  (fixtures)
from tests.integration.publish_helpers import SITE, admin_get, as_editor, make_desk
from tests.wordpress.harness import WordPress

pytestmark = [pytest.mark.gui, pytest.mark.webengine, pytest.mark.wordpress]


def _conflict(site: WordPress, store: Store) -> tuple[Any, Article, int]:
    """Published; then the editor changed the title on the site, the reporter the
    last paragraph, and the update stopped on the conflict."""
    desk = make_desk(site, store)
    article = desk.lavrov()
    outbox.queue_publish(store, article.id, SITE)
    desk.drain()
    remote = repo.get_remote_post(store, article.id, SITE)
    assert remote is not None
    as_editor(site, "POST", f"/wp/v2/posts/{remote.remote_id}", {"title": EDITOR_TITLE})
    article = store.get(article.id)
    article.body = article.body.rstrip("\n") + " (mise à jour)\n"
    article = store.save(article)
    outbox.queue_publish(store, article.id, SITE)
    [result] = desk.drain().results
    assert result.state == repo.CONFLICT
    return desk, article, remote.remote_id


BEFORE = " Mot tapé avant d’ouvrir le conflit."
DURING = " Et celui-ci, tapé pendant la lecture du site."


def type_at_end(window: MainWindow, text: str) -> None:
    window.editor.body.setFocus()
    window.editor.body.moveCursor(QTextCursor.MoveOperation.End)
    type_text(window.editor.body, text)


@pytest.mark.parametrize("choice", ["keep_mine", "merge"])
def test_words_typed_before_and_while_the_conflict_is_open_are_kept_and_stored(
    windows: WindowFactory,
    qtbot: Any,
    store: Store,
    wp: WordPress,  # noqa: F811
    choice: str,
) -> None:
    desk, article, post_id = _conflict(wp, store)
    window = windows.open(credentials=desk.credentials)
    publish = window.publish
    with qtbot.waitSignal(
        publish.state_shown, timeout=10000, check_params_cb=lambda line: line is not None
    ):
        window.open_article(article.id)
    type_at_end(window, BEFORE)
    assert window.is_dirty()  # not saved yet: the autosave pause has not passed

    publish.resolve_action.trigger()
    qtbot.waitUntil(lambda: publish.conflict_dialog is not None, timeout=30000)
    dialog = publish.conflict_dialog
    assert BEFORE.strip() in dialog.views[("body", "mine")].toPlainText()
    # Words that reach the editor while the view is open (typed as it was opening).
    type_at_end(window, DURING)
    button = {"keep_mine": "keep_button", "merge": "merge_button"}[choice]
    with qtbot.waitSignal(publish.resolved, timeout=30000):
        getattr(dialog, button).click()

    if choice == "merge":
        qtbot.waitUntil(lambda: window.editor.title.text() == EDITOR_TITLE, timeout=10000)
    qtbot.waitUntil(
        lambda: outbox.remote_state(store, article.id).state == "on_site", timeout=60000
    )
    qtbot.waitUntil(lambda: window._state == SaveState.SAVED, timeout=10000)
    body = window.editor.body.toPlainText()
    assert BEFORE in body and DURING in body
    stored = store.get(article.id)
    assert BEFORE in stored.body and DURING in stored.body
    # And they are what went to the site.
    post = admin_get(wp, f"/wp/v2/posts/{post_id}")
    assert "celui-ci, tapé pendant la lecture du site" in post["content"]["raw"]


def test_taking_the_site_s_version_keeps_the_reporter_s_in_the_history(
    windows: WindowFactory,
    qtbot: Any,
    store: Store,
    wp: WordPress,  # noqa: F811
) -> None:
    desk, article, _post_id = _conflict(wp, store)
    window = windows.open(credentials=desk.credentials)
    publish = window.publish
    with qtbot.waitSignal(
        publish.state_shown, timeout=10000, check_params_cb=lambda line: line is not None
    ):
        window.open_article(article.id)
    type_at_end(window, BEFORE)
    publish.resolve_action.trigger()
    qtbot.waitUntil(lambda: publish.conflict_dialog is not None, timeout=30000)
    with qtbot.waitSignal(publish.resolved, timeout=30000) as resolved:
        publish.conflict_dialog.take_button.click()
    qtbot.waitUntil(lambda: window.editor.title.text() == EDITOR_TITLE, timeout=10000)
    newest = resolved.args[0].article.revision
    mine = store.get_revision(article.id, newest - 1)
    assert BEFORE in mine.body
    assert f"version {newest - 1}" in window.statusBar().currentMessage()
