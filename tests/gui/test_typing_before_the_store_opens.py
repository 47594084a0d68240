"""A reporter who types as soon as the window shows, before its store has opened (the
window comes first so that nobody waits for SQLAlchemy): the words stay on screen and are
saved, instead of the last article, or a blank one, taking their place once the store
answers. Found by killing the real window (``tests/kills``)."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import QSettings

from newsdesk.core.article import Article
from newsdesk.paths import Paths
from newsdesk.storage.store import Store
from newsdesk.ui.save_controller import SaveState
from tests.gui.conftest import type_text

pytestmark = [pytest.mark.gui, pytest.mark.webengine]

TYPED = "Crue à Niamey : le fleuve déborde"


@pytest.mark.parametrize("library", ["empty", "with_last_article"])
def test_words_typed_before_the_store_opened_stay_on_screen(
    qtbot, paths: Paths, library: str
) -> None:
    from newsdesk.app import build_main_window, make_context

    if library == "with_last_article":
        with Store.open(paths) as seeding:
            yesterday = seeding.create(Article(title="Hier", body="La dépêche d’hier."))
        state = QSettings(str(paths.ui_state), QSettings.Format.IniFormat)
        state.setValue("last_article", yesterday.id)
        state.sync()
    context = make_context(paths)
    gate = threading.Event()
    opening = context.db._open_store

    def held() -> object:
        gate.wait(30)  # the store opens when the test says (a slow laptop's disk)
        return opening()

    context.db._open_store = held
    window = build_main_window(context)
    qtbot.addWidget(window)
    window.show()
    if library == "with_last_article":
        qtbot.waitUntil(lambda: window.editor.title.text() == "Hier", timeout=15000)
    window.new_article()  # Ctrl+N
    type_text(window.editor.title, TYPED)
    with qtbot.waitSignal(window.store_ready, timeout=30000):
        gate.set()
    qtbot.waitUntil(
        lambda: window.saver.state == SaveState.SAVED and window.editor.base().revision > 0,
        timeout=15000,
    )
    qtbot.wait(500)  # whatever the opening still asked of the database has answered
    assert window.editor.title.text() == TYPED
    type_text(window.editor.title, ", des quartiers évacués")
    window.save_now()
    qtbot.waitUntil(lambda: window.saver.state == SaveState.SAVED, timeout=15000)
    with Store.open(paths) as reading:
        titles = [a.title for a in reading.list_articles()]
    assert TYPED + ", des quartiers évacués" in titles
    if library == "with_last_article":
        assert "Hier" in titles
    window.close()
    context.db.stop()
