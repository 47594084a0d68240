"""Édition ▸ « Préférences… »: the interface's language (read at the next start), what a
new article starts with, the autosave and the text size, and the data folder."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices

from newsdesk.app import ui_language
from newsdesk.settings import Settings
from newsdesk.ui.main_window import MainWindow
from newsdesk.ui.preferences_dialog import PreferencesDialog

pytestmark = [pytest.mark.gui, pytest.mark.webengine]


def open_preferences(window: MainWindow) -> PreferencesDialog:
    window.preferences_action.trigger()
    dialog: PreferencesDialog = window.menus.preferences_dialog
    assert dialog.isVisible()
    return dialog


def test_preferences_come_after_typography_and_spelling_in_edition(window: MainWindow) -> None:
    edition = next(
        menu.menu()
        for menu in window.menuBar().actions()
        if menu.text().replace("&", "") == "Édition"
    )
    actions = [a for a in edition.actions() if not a.isSeparator()]
    assert actions[-3:] == [
        window.typography_action,
        window.spelling_action,
        window.preferences_action,
    ]
    assert window.preferences_action.text().replace("&", "") == "Préférences…"


def test_the_defaults_are_saved_and_a_new_article_starts_with_them(
    qtbot: Any, window: MainWindow
) -> None:
    dialog = open_preferences(window)
    assert dialog.language.currentData() == "system"
    dialog.defaults["default_byline"].setText("A.Y. Barma")
    dialog.defaults["default_source"].setText("  actuniger.com ")
    dialog.defaults["default_dateline"].setText("Tillabéri")
    dialog.autosave.setValue(5)
    dialog.font_size.setValue(14)
    dialog.save_button.click()
    assert not dialog.isVisible()

    settings = Settings.load(window.context.paths)
    assert settings.get("default_byline") == "A.Y. Barma"
    assert settings.get("default_source") == "actuniger.com"
    assert settings.get("default_dateline") == "Tillabéri"
    # The window follows at once what it can.
    assert window._autosave_ms == 5000
    assert window.editor.body.font().pointSizeF() == 14.0

    # Back to 0: the body's own size again.
    own_size = window._body_own_size
    dialog = open_preferences(window)
    dialog.font_size.setValue(0)
    assert dialog.font_size.text() == "celle du système"
    dialog.save_button.click()
    assert window.editor.body.font().pointSizeF() == own_size

    window.new_action.trigger()
    qtbot.waitUntil(lambda: window.editor.dateline.text() == "Tillabéri", timeout=5000)
    assert window.editor.byline.text() == "A.Y. Barma"
    assert window.editor.source.text() == "actuniger.com"


def test_the_language_follows_the_system_until_chosen_and_applies_at_the_next_start(
    window: MainWindow,
) -> None:
    settings = window.context.settings
    assert settings.get("ui_language") == "system"
    dialog = open_preferences(window)
    notes = [label.text() for label in dialog.findChildren(type(dialog.error))]
    assert "Un changement de langue prend effet au prochain démarrage de newsdesk." in notes
    dialog.language.setCurrentIndex(dialog.language.findData("en"))
    dialog.save_button.click()
    assert Settings.load(window.context.paths).get("ui_language") == "en"
    assert ui_language(settings) == "en"
    # The window itself stays in French until it starts again.
    assert window.preferences_action.text().replace("&", "") == "Préférences…"


def test_the_data_folder_is_shown_and_opened(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[QUrl] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    dialog = open_preferences(window)
    assert dialog.folder_label.text() == str(window.context.paths.root)
    dialog.open_folder_button.click()
    assert [url.toLocalFile() for url in opened] == [str(window.context.paths.root)]
    dialog.reject()


def test_the_spelling_dialog_is_one_button_away(window: MainWindow) -> None:
    dialog = open_preferences(window)
    dialog.spelling_button.click()
    assert window.menus.spelling_dialog.isVisible()
    window.menus.spelling_dialog.reject()
    dialog.reject()
