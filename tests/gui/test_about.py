"""Aide ▸ À propos de newsdesk: the version, the licence, and the components' licences."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtWidgets import QLabel

from newsdesk import __version__
from newsdesk.ui.about_dialog import AboutDialog, dictionaries
from newsdesk.ui.main_window import MainWindow

pytestmark = [pytest.mark.gui]


@pytest.mark.webengine
def test_about_lists_newsdesk_pyside6_and_the_dictionaries(window: MainWindow, qtbot: Any) -> None:
    help_menu = window.menuBar().actions()[-1].menu()
    assert window.about_action in help_menu.actions()
    window.about_action.trigger()
    qtbot.waitUntil(lambda: getattr(window, "about_dialog", None) is not None)
    dialog: AboutDialog = window.about_dialog
    qtbot.waitUntil(dialog.isVisible)
    assert dialog.windowTitle() == "À propos de newsdesk"

    names = dialog.names()
    assert names[0] == "newsdesk"
    own = dialog.component("newsdesk")
    assert (own.version, own.licence) == (__version__, "GPL-3.0-or-later")
    header = dialog.findChild(QLabel, "AboutHeader")
    assert f"newsdesk {__version__}" in header.text() and "GPL-3.0-or-later" in header.text()
    # The Python packages newsdesk runs on, read from their installed metadata.
    pyside = dialog.component("PySide6")
    assert pyside.version.startswith("6.12") and "LGPL-3.0" in pyside.licence
    assert dialog.component("Markdown").licence == "BSD-3-Clause"
    # Its licence's text, from the package's own licence file.
    assert "Permission is hereby granted" in dialog.component("SQLAlchemy").licence_text()
    assert dialog.component("Qt").licence == "LGPL-3.0"
    assert any(name.startswith("Qt WebEngine") for name in names)

    # Each dictionary with the licence file it ships with, shown when chosen.
    dictionary_rows = [n for n in names if n.startswith("Dictionnaire ")]
    assert "Dictionnaire fr-classique" in dictionary_rows
    row = names.index("Dictionnaire fr-classique")
    dialog.table.setCurrentCell(row, 0)
    assert "Mozilla Public License" in dialog.text.toPlainText()
    assert dialog.component("Dictionnaire fr-classique").licence == "MPL-2.0"
    # A row without a licence file says so, with the licence's name.
    dialog.table.setCurrentCell(0, 0)
    assert dialog.text.toPlainText()
    dialog.close()


def test_every_shipped_dictionary_is_listed_with_its_licence_file() -> None:
    found = dictionaries()
    assert len(found) >= 2
    for component in found:
        assert component.texts and component.texts[0].name == "LICENSE"
        assert component.licence_text().strip()
        assert component.licence in ("MPL-2.0", "SCOWL (permissive, voir le texte)")
