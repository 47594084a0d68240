"""Spelling in the real window: underlines while typing, the menu, the reporter's words.

Needs the dictionaries that packaging/install.sh fetches (skipped with a word without).
"""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtGui import QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QPlainTextEdit

from newsdesk.spelling.dictionaries import dictionary_path
from newsdesk.ui.main_window import MainWindow
from tests.gui.conftest import WindowFactory, type_text

pytestmark = pytest.mark.skipif(
    dictionary_path("fr", "classique") is None,
    reason="no French dictionary: run packaging/install.sh",
)
DICTIONARY_LOAD_MS = 120_000  # spylls loads French in ~1 s, far more on a loaded machine


def underlined(edit: QPlainTextEdit, word: str) -> bool:
    """Whether every letter of ``word`` (its first occurrence) is drawn with a wavy line."""
    text = edit.toPlainText()
    at = text.index(word)
    block = edit.document().findBlock(at)
    column = at - block.position()
    covered = set()
    for fmt in block.layout().formats():
        style = fmt.format.underlineStyle()
        if style == QTextCharFormat.UnderlineStyle.SpellCheckUnderline:
            covered.update(range(fmt.start, fmt.start + fmt.length))
    return all(i in covered for i in range(column, column + len(word)))


def ready(qtbot: Any, window: MainWindow) -> None:
    qtbot.waitUntil(
        lambda: window.spelling.service.checker("fr") is not None, timeout=DICTIONARY_LOAD_MS
    )


def settle(qtbot: Any, window: MainWindow) -> None:
    # The words a line could not look up at once come back from the background.
    spell = window.spelling.body
    qtbot.waitUntil(lambda: not spell._waiting and not spell._redo, timeout=60_000)
    qtbot.wait(50)


def test_a_misspelt_french_word_is_underlined_but_not_tillaberi_nor_a_url(
    qtbot: Any, window: MainWindow
) -> None:
    ready(qtbot, window)
    body = window.editor.body
    body.setFocus()
    type_text(
        body,
        "À Tillabéri, l’armée a reçu le gouvernemant aujourd’hui. "
        "Lire https://www.actuniger.com/securite/tillaberri-attaque ici.",
    )
    settle(qtbot, window)
    qtbot.waitUntil(lambda: underlined(body, "gouvernemant"), timeout=30_000)
    for word in ("Tillabéri", "l’armée", "aujourd’hui", "tillaberri", "actuniger", "securite"):
        assert not underlined(body, word), word


def test_the_word_being_typed_waits_for_its_end_to_be_underlined(
    qtbot: Any, window: MainWindow
) -> None:
    ready(qtbot, window)
    window.activateWindow()
    body = window.editor.body
    body.setFocus()
    qtbot.waitUntil(body.hasFocus, timeout=5_000)
    type_text(body, "Le gouvernemant")
    settle(qtbot, window)
    # The caret is still at the end of the word: no red line blinking under each key.
    assert not underlined(body, "gouvernemant")
    assert "gouvernemant" in window.spelling.findings()[0]  # the checklist knows it
    type_text(body, " ")
    qtbot.waitUntil(lambda: underlined(body, "gouvernemant"), timeout=30_000)
    # The caret put back into a misspelt word that is not being typed: still underlined.
    cursor = body.textCursor()
    cursor.setPosition(body.toPlainText().index("gouvernemant") + 4)
    body.setTextCursor(cursor)
    settle(qtbot, window)
    assert underlined(body, "gouvernemant")


def test_a_suggestion_replaces_the_word(qtbot: Any, window: MainWindow) -> None:
    ready(qtbot, window)
    body = window.editor.body
    body.setFocus()
    type_text(body, "Le ministrre est arrivé.")
    settle(qtbot, window)
    qtbot.waitUntil(lambda: underlined(body, "ministrre"), timeout=30_000)

    cursor = QTextCursor(body.document())
    cursor.setPosition(body.toPlainText().index("ministrre") + 3)
    pos: QPoint = body.cursorRect(cursor).center()
    menu = window.spelling.menus.text_menu(body, window.spelling.body, pos)
    names = [a.objectName() for a in menu.actions()]
    assert "SpellAdd" in names and "SpellIgnore" in names
    qtbot.waitUntil(
        lambda: any(a.objectName() == "SpellSuggestion" for a in menu.actions()), timeout=60_000
    )
    first = next(a for a in menu.actions() if a.objectName() == "SpellSuggestion")
    assert first.text() == "ministre"
    first.trigger()
    assert body.toPlainText() == "Le ministre est arrivé."
    menu.deleteLater()


def test_a_word_added_to_the_dictionary_stays_after_a_restart(
    qtbot: Any, windows: WindowFactory
) -> None:
    first = windows.open()
    ready(qtbot, first)
    body = first.editor.body
    body.setFocus()
    type_text(body, "Le Kandadji est un barrage.")
    settle(qtbot, first)
    qtbot.waitUntil(lambda: underlined(body, "Kandadji"), timeout=30_000)
    cursor = QTextCursor(body.document())
    cursor.setPosition(body.toPlainText().index("Kandadji") + 2)
    menu = first.spelling.menus.text_menu(
        body, first.spelling.body, body.cursorRect(cursor).center()
    )
    next(a for a in menu.actions() if a.objectName() == "SpellAdd").trigger()
    menu.deleteLater()
    qtbot.waitUntil(lambda: not underlined(body, "Kandadji"), timeout=5_000)
    assert "Kandadji" in (first.context.paths.spelling / "personal-fr.txt").read_text("utf-8")
    windows.close_all()

    second = windows.open()
    ready(qtbot, second)
    again = second.editor.body
    again.setFocus()
    type_text(again, "Le Kandadji et le Kandaji.")
    settle(qtbot, second)
    qtbot.waitUntil(lambda: underlined(again, "Kandaji"), timeout=30_000)
    assert not underlined(again, "Kandadji")


def test_the_headline_is_checked_too(qtbot: Any, window: MainWindow) -> None:
    ready(qtbot, window)
    title = window.editor.title
    title.setFocus()
    type_text(title, "Niamey : le gouvernemant annonce")
    spell = window.spelling.lines["title"]
    qtbot.waitUntil(lambda: [m.word for m in spell.misspelt] == ["gouvernemant"], timeout=5_000)
    assert title.text() == "Niamey : le gouvernemant annonce"


def test_the_underlined_words_are_the_checklists_spelling_items(
    qtbot: Any, window: MainWindow
) -> None:
    ready(qtbot, window)
    body = window.editor.body
    body.setFocus()
    type_text(body, "Le gouvernemant a reçu le ministre à Tillabéri.")
    settle(qtbot, window)
    qtbot.waitUntil(lambda: underlined(body, "gouvernemant"), timeout=30_000)
    words, _phrases = window.spelling.findings()
    assert words is not None and "gouvernemant" in words
    assert "Tillabéri" not in words and "ministre" not in words
