"""Édition ▸ « Typographie… » in the real window, with the real spelling process."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtGui import QTextCursor

from newsdesk.spelling.dictionaries import dictionary_path
from newsdesk.ui.main_window import MainWindow
from newsdesk.ui.markdown_edit import exact_text
from newsdesk.ui.typography_dialog import TypographyDialog

NBSP, NNBSP = "\u00a0", "\u202f"
DICTIONARY_LOAD_MS = 120_000  # as tests/gui/test_spelling.py: a loaded machine is slow
needs_french = pytest.mark.skipif(
    dictionary_path("fr", "classique") is None,
    reason="no French dictionary: run packaging/install.sh",
)

SOURCE = (
    "## Niamey : le coeur du pays\n"
    "\n"
    'Le ministre a dit : "Nous sommes prêts" à l\'Etat.\n'
    "Voir https://www.actuniger.com/page?id=2 et `x : y`.\n"
)


def put_text(window: MainWindow, text: str) -> None:
    cursor = QTextCursor(window.editor.body.document())
    cursor.insertText(text)


def open_typography(qtbot: Any, window: MainWindow) -> TypographyDialog:
    window.typography_action.trigger()
    dialog: TypographyDialog = window.menus.typography_dialog
    qtbot.waitUntil(lambda: dialog.received, timeout=DICTIONARY_LOAD_MS)
    return dialog


@needs_french
def test_one_fix_then_all_then_undo(qtbot: Any, window: MainWindow) -> None:
    body = window.editor.body
    body.setFocus()
    put_text(window, SOURCE)
    dialog = open_typography(qtbot, window)
    rows = [dialog.list.item(i).text() for i in range(dialog.list.count())]
    assert len(rows) == 7, rows
    assert rows[0].startswith("Espace insécable avant le deux-points")
    assert "Niamey·: le" in rows[0]
    assert any(row.startswith("«\u00a0œ\u00a0» lié") for row in rows)

    dialog.list.setCurrentRow(1)  # « coeur »: the text after it moves by one character
    dialog.apply_button.click()
    one = SOURCE.replace("coeur", "cœur")
    assert exact_text(body) == one
    assert dialog.list.count() == 6

    dialog.apply_all_button.click()
    done = (
        f"## Niamey{NBSP}: le cœur du pays\n"
        "\n"
        f"Le ministre a dit{NBSP}: «{NBSP}Nous sommes prêts{NBSP}» à l’État.\n"
        "Voir https://www.actuniger.com/page?id=2 et `x : y`.\n"
    )
    assert exact_text(body) == done
    assert dialog.list.count() == 0
    assert dialog.state.text() == "Toutes les corrections ont été traitées."
    assert not dialog.apply_all_button.isEnabled()

    body.undo()  # « Tout appliquer »: one step
    assert exact_text(body) == one
    body.undo()
    assert exact_text(body) == SOURCE
    dialog.close()


def test_ignore_then_nothing_left_and_a_clean_article(qtbot: Any, window: MainWindow) -> None:
    body = window.editor.body
    put_text(window, "Il a dit : oui.")
    dialog = open_typography(qtbot, window)
    assert dialog.list.count() == 1
    dialog.ignore_button.click()
    assert exact_text(body) == "Il a dit : oui."
    assert dialog.list.count() == 0
    dialog.close()

    cursor = QTextCursor(body.document())
    cursor.select(QTextCursor.SelectionType.Document)
    cursor.insertText(f"Il a dit{NBSP}: oui.\nTout est juste ici, à 10:30.")
    clean = open_typography(qtbot, window)
    assert clean.list.count() == 0
    assert clean.state.text().startswith("Rien à corriger\u00a0:")
    assert not clean.apply_all_button.isEnabled()
    clean.close()


def test_a_fix_whose_text_changed_meanwhile_is_not_applied(qtbot: Any, window: MainWindow) -> None:
    body = window.editor.body
    put_text(window, "Alors : non ! Et ...")
    dialog = open_typography(qtbot, window)
    assert dialog.list.count() == 3
    cursor = QTextCursor(body.document())
    cursor.setPosition(0)
    cursor.insertText("Bon. ")  # the reporter typed before them: the fixes follow
    cursor.setPosition(len("Bon. Alors : non"))
    cursor.setPosition(len("Bon. Alors : non !"), QTextCursor.MoveMode.KeepAnchor)
    cursor.insertText("?")  # and changed the « ! » fix's text: that one is dropped
    dialog.apply_all_button.click()
    assert exact_text(body) == f"Bon. Alors{NBSP}: non? Et …"
    dialog.close()


def test_an_english_article_is_not_given_french_typography(qtbot: Any, window: MainWindow) -> None:
    window.editor.language.setCurrentIndex(window.editor.language.findData("en"))
    put_text(window, 'He said: "yes".')
    dialog = open_typography(qtbot, window)
    assert dialog.list.count() == 0
    assert "pas en français" in dialog.state.text()
    dialog.close()


def test_a_kept_site_block_is_never_touched(qtbot: Any, window: MainWindow) -> None:
    kept = '<!-- wp:gallery {"columns":2} -->\nLégende "brute" : ici\n<!-- /wp:gallery -->\n'
    put_text(window, kept + "Fin :")
    dialog = open_typography(qtbot, window)
    assert dialog.list.count() == 1
    dialog.apply_all_button.click()
    assert exact_text(window.editor.body) == kept + f"Fin{NBSP}:"
    dialog.close()
