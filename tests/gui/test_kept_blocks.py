"""The body editor shows a block of the site kept as it is as one protected chip."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from newsdesk.ui.kept_lines import is_kept
from newsdesk.ui.markdown_edit import BodyEditor, exact_text
from tests.gui.conftest import type_text

GALLERY = (
    '<!-- wp:gallery {"linkTo":"none"} -->\n'
    '<figure class="wp-block-gallery"><!-- wp:image {"id":12} -->\n'
    '<figure class="wp-block-image"><img src="https://s.example/a.jpg" alt=""/></figure>\n'
    "<!-- /wp:image -->\n"
    "\n"
    '<!-- wp:image {"id":13} -->\n'
    '<figure class="wp-block-image"><img src="https://s.example/b.jpg" alt=""/></figure>\n'
    "<!-- /wp:image --></figure>\n"
    "<!-- /wp:gallery -->"
)
BODY = f'Avant le bloc.\n\n{GALLERY}\n\nAprès le bloc.\n\n[gallery ids="1,2"]'


def _editor(qtbot: Any) -> BodyEditor:
    editor = BodyEditor()
    qtbot.addWidget(editor)
    editor.setPlainText(BODY)
    editor.show()
    qtbot.waitExposed(editor)
    return editor


def _kept_lines(editor: BodyEditor) -> list[int]:
    document = editor.document()
    return [
        n
        for n in range(document.blockCount())
        if is_kept(document.findBlockByNumber(n).userState())
    ]


def _put_cursor(editor: BodyEditor, position: int) -> None:
    cursor = editor.textCursor()
    cursor.setPosition(position)
    editor.setTextCursor(cursor)


def test_the_block_is_one_chip_blank_line_included(qtbot: Any) -> None:
    editor = _editor(qtbot)
    # Lines 2 to 10 are the gallery (its inner blank line too), line 14 the shortcode.
    assert _kept_lines(editor) == [*range(2, 11), 14]


def test_typing_inside_is_refused_and_the_text_stays(qtbot: Any) -> None:
    editor = _editor(qtbot)
    _put_cursor(editor, BODY.index("wp-block-image") + 3)
    type_text(editor, "xé")
    QTest.keyClick(editor, Qt.Key.Key_Backspace)
    QTest.keyClick(editor, Qt.Key.Key_Delete)
    QTest.keyClick(editor, Qt.Key.Key_Return)
    assert editor.toPlainText() == BODY


def test_typing_around_it_works(qtbot: Any) -> None:
    editor = _editor(qtbot)
    _put_cursor(editor, BODY.index("Après") + len("Après"))
    type_text(editor, " — enfin")
    assert "Après — enfin le bloc." in editor.toPlainText()
    # A new line right before the block moves it down, whole.
    _put_cursor(editor, BODY.index("<!-- wp:gallery"))
    QTest.keyClick(editor, Qt.Key.Key_Return)
    assert GALLERY in editor.toPlainText()


def test_backspace_after_it_selects_it_and_a_second_removes_it(qtbot: Any) -> None:
    editor = _editor(qtbot)
    after = BODY.index("<!-- /wp:gallery -->") + len("<!-- /wp:gallery -->")
    _put_cursor(editor, after + 1)  # the blank line after the block
    QTest.keyClick(editor, Qt.Key.Key_Backspace)
    assert editor.textCursor().selectedText().replace("\u2029", "\n") == GALLERY
    QTest.keyClick(editor, Qt.Key.Key_Backspace)
    assert "wp:gallery" not in editor.toPlainText()
    assert editor.toPlainText().startswith("Avant le bloc.\n\n")
    assert 'Après le bloc.\n\n[gallery ids="1,2"]' in editor.toPlainText()


def test_a_selection_cutting_through_it_cannot_replace_it(qtbot: Any) -> None:
    editor = _editor(qtbot)
    cursor = editor.textCursor()
    cursor.setPosition(0)
    cursor.setPosition(BODY.index("wp:image"), QTextCursor.MoveMode.KeepAnchor)
    editor.setTextCursor(cursor)
    type_text(editor, "x")
    assert editor.toPlainText() == BODY
    QApplication.clipboard().setText("collé")
    editor.paste()  # a paste from the menu goes through the same rule
    assert editor.toPlainText() == BODY
    editor.selectAll()
    type_text(editor, "Tout neuf.")
    assert editor.toPlainText() == "Tout neuf."


def test_no_break_spaces_stay_in_the_text(qtbot: Any) -> None:
    """Qt's toPlainText() makes them ordinary spaces: a pulled post would lose every one
    on its first save, in paragraphs nobody touched."""
    editor = BodyEditor()
    qtbot.addWidget(editor)
    text = "Une hausse de 8\u00a0%\u202fici.\n\nDeux\u00a0: lignes."
    editor.setPlainText(text)
    assert exact_text(editor) == text
