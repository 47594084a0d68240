"""Words never lost: a new article while a slow save runs, and the Corbeille."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from PySide6.QtGui import QTextCursor

from newsdesk.core.article import Article
from newsdesk.storage.store import Store
from newsdesk.ui.main_window import MainWindow, SaveState
from tests.gui.conftest import WindowFactory, type_text

pytestmark = [pytest.mark.gui, pytest.mark.webengine]


def block_the_database(window: MainWindow) -> threading.Event:
    """Hold the database lane until the returned event is set: every save queued
    meanwhile waits behind it, as behind a slow disk."""
    gate = threading.Event()
    started = threading.Event()

    def hold(_store: Any) -> None:
        started.set()
        gate.wait(30)

    window.db.submit(hold)
    assert started.wait(10)
    return gate


@pytest.mark.parametrize("switch", ["new", "open"])
def test_ctrl_n_while_a_slow_save_runs_keeps_the_words_typed_since(
    qtbot: Any, windows: WindowFactory, paths: Any, switch: str
) -> None:
    with Store.open(paths) as seeded:
        other = seeded.create(Article(title="Suivant", body="y"))
    window = windows.open()
    window.editor.title.setText("Premier jet")
    window.editor.body.setFocus()
    type_text(window.editor.body, "Avant l’enregistrement.")
    gate = block_the_database(window)
    try:
        window.save_now()
        assert window._saving
        type_text(window.editor.body, " Après : le ministre arrive à Niamey.")
        assert window._state == SaveState.DIRTY
        first_id = window.editor.base().id
        if switch == "new":
            window.new_action.trigger()  # Ctrl+N
            # The window did not wait for the database: the new article is there at once.
            assert window.editor.title.text() == ""
            assert window.editor.body.toPlainText() == ""
        else:
            window.open_article(other.id)
    finally:
        gate.set()
    if switch == "open":
        qtbot.waitUntil(lambda: window.editor.title.text() == "Suivant", timeout=10000)
    assert window.db.settle(10)
    with Store.open(paths) as reader:
        kept = reader.get(first_id)
    assert kept.title == "Premier jet"
    assert kept.body == "Avant l’enregistrement. Après : le ministre arrive à Niamey."
    assert [r.revision for r in reader_history(paths, first_id)] == [2, 1]
    # The article now on screen is not mistaken for the one left.
    assert window.editor.base().id != first_id
    assert window.error_box is None


def reader_history(paths: Any, article_id: str) -> list[Any]:
    with Store.open(paths) as reader:
        return reader.history(article_id)


def test_typing_in_the_new_article_while_the_old_one_saves_is_saved_too(
    qtbot: Any, windows: WindowFactory, paths: Any
) -> None:
    window = windows.open()
    window.editor.title.setText("Premier jet")
    gate = block_the_database(window)
    try:
        window.save_now()
        window.new_action.trigger()
        window.editor.title.setFocus()
        type_text(window.editor.title, "Deuxième article")
        window.save_now()  # Ctrl+S while the first save still runs
    finally:
        gate.set()
    second_id = window.editor.base().id
    qtbot.waitUntil(lambda: window.editor.base().revision == 1, timeout=10000)
    qtbot.waitUntil(lambda: window._state == SaveState.SAVED, timeout=10000)
    with Store.open(paths) as reader:
        assert reader.get(second_id).title == "Deuxième article"
        assert sorted(s.title for s in reader.list_articles()) == [
            "Deuxième article",
            "Premier jet",
        ]


def test_a_deleted_article_waits_in_the_corbeille_and_comes_back(
    qtbot: Any, windows: WindowFactory, paths: Any
) -> None:
    with Store.open(paths) as seeded:
        doomed = seeded.create(Article(title="Tillabéri sous les eaux", body="Les pluies."))
        seeded.create(Article(title="À garder", body="y"))
    window = windows.open()
    library = window.library
    qtbot.waitUntil(lambda: len(library.model.rows) == 2, timeout=10000)
    window.open_article(doomed.id)
    qtbot.waitUntil(lambda: window.editor.base().id == doomed.id, timeout=10000)
    window.editor.body.setFocus()
    window.editor.body.moveCursor(QTextCursor.MoveOperation.End)
    type_text(window.editor.body, " Encore.")

    window.delete_action.trigger()
    qtbot.waitUntil(lambda: window.delete_box is not None, timeout=5000)
    box = window.delete_box
    assert box is not None
    assert box.text() == "Mettre «\u00a0Tillabéri sous les eaux\u00a0» à la corbeille\u00a0?"
    assert "Restaurer" in box.informativeText()
    [delete_button] = [b for b in box.buttons() if b.text() == "Mettre à la corbeille"]
    with qtbot.waitSignal(library.refreshed, timeout=10000):
        delete_button.click()
    assert [r.title for r in library.model.rows] == ["À garder"]
    assert "Corbeille" in window.statusBar().currentMessage()
    assert window.editor.title.text() == ""

    with qtbot.waitSignal(library.refreshed, timeout=10000):
        window.trash_action.trigger()
    assert library.tabs.tabText(library.tabs.currentIndex()) == "Corbeille"
    assert [r.title for r in library.model.rows] == ["Tillabéri sous les eaux"]
    assert library.restore_button.isVisible() and not library.restore_button.isEnabled()
    library.list.setCurrentIndex(library.model.index(0))
    assert library.restore_button.isEnabled()
    with qtbot.waitSignal(window.article_opened, timeout=10000):
        library.restore_button.click()
    # Back as it was, with the words typed just before the deletion.
    assert window.editor.title.text() == "Tillabéri sous les eaux"
    assert window.editor.body.toPlainText() == "Les pluies. Encore."
    with Store.open(paths) as reader:
        assert reader.get(doomed.id).body == "Les pluies. Encore."
        assert reader.trash() == []
        assert [h.article.id for h in reader.search("tillaberi")] == [doomed.id]


def test_cancelling_the_deletion_keeps_the_article(
    qtbot: Any, windows: WindowFactory, paths: Any
) -> None:
    with Store.open(paths) as seeded:
        kept = seeded.create(Article(title="À garder", body="y"))
    window = windows.open()
    qtbot.waitUntil(lambda: len(window.library.model.rows) == 1, timeout=10000)
    window.delete_article(kept.id)
    qtbot.waitUntil(lambda: window.delete_box is not None, timeout=5000)
    assert window.delete_box is not None
    [cancel] = [b for b in window.delete_box.buttons() if b.text() == "Annuler"]
    cancel.click()
    assert window.db.settle(10)
    with Store.open(paths) as reader:
        assert reader.get(kept.id).title == "À garder"
        assert reader.trash() == []


def test_a_publish_left_waiting_for_an_article_put_in_the_corbeille_says_so(
    qtbot: Any, windows: WindowFactory, store: Store, lavrov_md: Any
) -> None:
    from newsdesk import services
    from newsdesk.credentials import SessionCredentialStore
    from newsdesk.storage import outbox_repo as repo
    from newsdesk.sync import outbox
    from tests.gui.test_publish_button import unreachable_site

    credentials = SessionCredentialStore()
    unreachable_site(store, credentials)
    article = services.import_file(store, lavrov_md)
    outbox.queue_publish(store, article.id, "actu")
    store.delete(article.id)
    window = windows.open(credentials=credentials)
    qtbot.waitUntil(
        lambda: (
            [e.last_error_code for e in repo.list_entries(store, article_id=article.id)]
            == ["article_missing"]
        ),
        timeout=30000,
    )
    store.undelete(article.id)
    window.open_article(article.id)
    qtbot.waitUntil(lambda: "Corbeille" in window.publish.status_text(), timeout=10000)
    assert window.publish.status_text().startswith("Échec de l’envoi")
