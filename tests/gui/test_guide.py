"""Aide ▸ Guide de newsdesk: the guide shipped with newsdesk, in the window's language."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication

from newsdesk.app import install_translator
from newsdesk.resources import resources_dir
from newsdesk.ui.guide_window import GuideWindow, load_guide
from newsdesk.ui.main_window import MainWindow
from tests.gui.conftest import WindowFactory

pytestmark = [pytest.mark.gui]

FRENCH_SECTIONS = [
    "La fenêtre",
    "Écrire un article",
    "L’aperçu",
    "Rubriques et tags",
    "Les photos",
    "Publier",
    "La file d’envoi, hors connexion",
    "Corrections et conflits",
    "Où sont vos données",
    "Tout effacer",
    "Raccourcis clavier",
]


def open_guide(window: MainWindow, qtbot: Any) -> GuideWindow:
    help_menu = window.menuBar().actions()[-1].menu()
    assert window.guide_action in help_menu.actions()
    window.guide_action.trigger()
    qtbot.waitUntil(lambda: getattr(window.menus, "guide_window", None) is not None)
    guide: GuideWindow = window.menus.guide_window
    qtbot.waitUntil(guide.isVisible)
    return guide


@pytest.mark.webengine
def test_the_guide_opens_in_french_with_its_sections(window: MainWindow, qtbot: Any) -> None:
    assert window.guide_action.text() == "&Guide de newsdesk"
    guide = open_guide(window, qtbot)
    assert guide.windowTitle() == "Guide de newsdesk"
    assert guide.section_titles() == FRENCH_SECTIONS
    text = guide.text.toPlainText()
    assert "GPS" in text and "~/.local/share/newsdesk" in text
    assert "newsdesk site remove" in text
    # A section chosen in the contents scrolls the text to it.
    guide.text.verticalScrollBar().setValue(0)
    guide.contents.setCurrentRow(len(FRENCH_SECTIONS) - 1)
    qtbot.waitUntil(lambda: guide.text.verticalScrollBar().value() > 0)
    # Asked again: the same window, not a second one.
    window.guide_action.trigger()
    assert window.menus.guide_window is guide


@pytest.mark.webengine
def test_the_guide_speaks_english_in_the_english_window(
    qapp: Any, windows: WindowFactory, qtbot: Any
) -> None:
    installed = install_translator(qapp, "en")
    assert installed
    try:
        window = windows.open()
        guide = open_guide(window, qtbot)
        assert guide.windowTitle() == "newsdesk guide"
        titles = guide.section_titles()
        assert titles[0] == "The window" and "Wiping everything" in titles
        assert len(titles) == len(FRENCH_SECTIONS)
        assert "GPS position" in guide.text.toPlainText()
    finally:
        for translator in installed:
            QCoreApplication.removeTranslator(translator)


def test_both_guides_ship_with_the_resources_and_say_it_in_good_french() -> None:
    folder = resources_dir() / "guide"
    french = (folder / "guide.fr.md").read_text(encoding="utf-8")
    # No ordinary space before « : ; ! ? » nor inside the guillemets.
    for bad in (" :", " ;", " !", " ?", "« ", " »"):
        assert bad not in french, repr(bad)
    assert load_guide("en").language == "en"
    assert load_guide("xx").language == "fr"  # no guide in that language: French
