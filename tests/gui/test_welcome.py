"""The welcome in the editor's place while the library is empty."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from newsdesk.core.article import Article
from newsdesk.ui import article_actions
from newsdesk.ui.main_window import MainWindow
from tests.gui.conftest import WindowFactory, type_text

pytestmark = [pytest.mark.gui, pytest.mark.webengine]


def wait_shown(qtbot: Any, window: MainWindow, shown: bool = True) -> None:
    qtbot.waitUntil(lambda: window.welcome.is_shown() is shown, timeout=10000)


def test_an_empty_store_opens_on_the_welcome(window: MainWindow, qtbot: Any) -> None:
    wait_shown(qtbot, window)
    page = window.welcome.page
    assert page is not None
    assert window.welcome.stack_layout.currentWidget() is page
    assert page.isVisible()
    assert page.new_button.hasFocus() or not window.isActiveWindow()
    texts = [b.text() for b in (page.new_button, page.import_button, page.connect_button)]
    assert texts == ["Nouvel article", "Importer un fichier", "Connecter un site"]
    # The form's counts and hints speak of a form the welcome hides.
    assert not window.hints_label.isVisible()


def test_the_welcome_leaves_the_preview_its_width(window: MainWindow, qtbot: Any) -> None:
    # A first start's splitter sizes come from the columns' stretch and size hints,
    # and are kept: the welcome once took ~70 px of the preview's, for good.
    wait_shown(qtbot, window)
    library, editor, preview = window.splitter.sizes()
    stretch = window.splitter.widget(1).sizePolicy().horizontalStretch()
    assert stretch == window.editor.sizePolicy().horizontalStretch() == 3
    assert preview >= 0.6 * editor, (library, editor, preview)


def test_new_article_takes_the_welcome_away_until_the_last_goes_to_the_corbeille(
    window: MainWindow, qtbot: Any
) -> None:
    wait_shown(qtbot, window)
    assert window.welcome.page is not None
    with qtbot.waitSignal(window.new_action.triggered):
        qtbot.mouseClick(window.welcome.page.new_button, Qt.MouseButton.LeftButton)
    assert not window.welcome.is_shown()
    assert window.welcome.stack_layout.currentWidget() is window.editor
    assert window.hints_label.isVisible()
    # A library refresh while the new article is still blank does not bring it back.
    with qtbot.waitSignal(window.library.refreshed):
        window.library.refresh()
    qtbot.wait(100)
    assert not window.welcome.is_shown()

    with qtbot.waitSignal(window.saved, timeout=10000):
        type_text(window.editor.title, "Niamey : la rentrée scolaire")
        window.save_now()
    article_id = window.editor.base().id
    window.delete_article(article_id, confirm=False)
    wait_shown(qtbot, window)

    window.restore_article(article_id)
    wait_shown(qtbot, window, False)
    qtbot.waitUntil(lambda: window.editor.base().id == article_id)


def test_the_import_button_imports_and_the_welcome_goes(
    window: MainWindow, qtbot: Any, lavrov_md: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    wait_shown(qtbot, window)
    chosen = [str(lavrov_md)]
    monkeypatch.setattr(
        article_actions.QFileDialog,
        "getOpenFileNames",
        staticmethod(lambda *args, **kwargs: (chosen, "")),
    )
    assert window.welcome.page is not None
    with qtbot.waitSignal(window.import_action.triggered):
        qtbot.mouseClick(window.welcome.page.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(window.editor.base().revision), timeout=10000)
    assert window.editor.title.text().startswith("Mali")
    wait_shown(qtbot, window, False)
    with qtbot.waitSignal(window.library.refreshed):
        window.library.refresh()
    assert not window.welcome.is_shown()


def test_the_connect_button_opens_the_site_dialog(window: MainWindow, qtbot: Any) -> None:
    wait_shown(qtbot, window)
    assert window.welcome.page is not None
    with qtbot.waitSignal(window.publish.connect_site_action.triggered):
        qtbot.mouseClick(window.welcome.page.connect_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.publish.sites.site_dialog is not None)
    window.publish.sites.site_dialog.reject()


def test_no_welcome_over_a_library_with_articles(
    windows: WindowFactory, lavrov: Article, qtbot: Any
) -> None:
    window = windows.open()
    with qtbot.waitSignal(window.library.refreshed, timeout=10000):
        window.library.refresh()
    qtbot.wait(100)
    assert not window.welcome.is_shown()
    assert window.welcome.page is None  # never built: nothing spent at start-up
    assert window.editor.isVisible()


def test_tab_stays_on_the_welcome_buttons(window: MainWindow, qtbot: Any) -> None:
    wait_shown(qtbot, window)
    page = window.welcome.page
    assert page is not None
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    page.new_button.setFocus()
    seen = []
    for _ in range(4):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        seen.append(QApplication.focusWidget())
    assert seen == [page.import_button, page.connect_button, page.new_button, page.import_button]


def test_the_welcome_comes_back_when_an_imported_article_goes_to_the_corbeille(
    window: MainWindow, qtbot: Any, lavrov_md: Path
) -> None:
    wait_shown(qtbot, window)
    window.new_action.trigger()  # a blank asked for, then an import instead
    assert not window.welcome.is_shown()
    window.import_paths([lavrov_md])
    qtbot.waitUntil(lambda: bool(window.editor.base().revision), timeout=10000)
    window.delete_article(window.editor.base().id, confirm=False)
    wait_shown(qtbot, window)
