"""Pasting into the body, as Ctrl+V hands it the clipboard: HTML from a web page or from Word
becomes Markdown, plain text stays plain, a large paste does not hold typing up."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QUrl
from PySide6.QtGui import QGuiApplication, QTextCursor
from PySide6.QtWidgets import QApplication

from newsdesk.ui.main_window import MainWindow
from newsdesk.ui.markdown_edit import PASTE_IN_BACKGROUND_CHARS, BodyEditor, exact_text

pytestmark = pytest.mark.gui

WEB_PAGE = (
    '<meta charset="utf-8"><div class="article"><script>alert("x")</script>'
    '<h2 style="color:red">Les faits</h2>'
    "<p>Le ministre <b>Bakary Yaou Sangaré</b> a parlé de <i>souveraineté</i> "
    '(<a href="https://example.org/communique" target="_blank">communiqué</a>).</p>'
    "<ul><li>Niamey</li><li>Zinder</li></ul></div>"
)


#: What the last ``_clipboard`` put there. The data is handed to the body as a paste
#: hands it (``insertFromMimeData``), not through the system clipboard: PySide6 6.12
#: gives the clipboard a QMimeData made in Python without giving up its own
#: ownership, and the process then crashes at exit when both free it.
_CLIPBOARD: list[QMimeData] = []


def _clipboard(html: str | None = None, text: str | None = None) -> None:
    data = QMimeData()
    if html is not None:
        data.setHtml(html)
    if text is not None:
        data.setText(text)
    _CLIPBOARD[:] = [data]


def _paste(body: BodyEditor) -> None:
    """What Ctrl+V does with what ``_clipboard`` holds."""
    body.insertFromMimeData(_CLIPBOARD[0])


def _body(window: MainWindow, text: str) -> BodyEditor:
    body = window.editor.body
    body.setPlainText(text)
    body.setFocus()
    body.moveCursor(QTextCursor.MoveOperation.End)
    return body


def test_html_from_a_web_page_is_pasted_as_markdown(window: MainWindow) -> None:
    body = _body(window, "Début.\n\n")
    _clipboard(html=WEB_PAGE, text="Les faits Le ministre Bakary Yaou Sangaré a parlé")
    _paste(body)
    assert exact_text(body) == (
        "Début.\n\n## Les faits\n\n"
        "Le ministre **Bakary Yaou Sangaré** a parlé de *souveraineté* "
        "([communiqué](https://example.org/communique)).\n\n- Niamey\n- Zinder"
    )
    assert "<" not in exact_text(body)
    assert "alert" not in exact_text(body)


def test_plain_text_is_pasted_as_it_is(window: MainWindow) -> None:
    body = _body(window, "Avant : ")
    _clipboard(text="du texte avec <b>des chevrons</b> et **des étoiles**")
    _paste(body)
    assert exact_text(body) == "Avant : du texte avec <b>des chevrons</b> et **des étoiles**"


def test_coloured_text_from_a_code_editor_is_pasted_as_its_plain_text(window: MainWindow) -> None:
    body = _body(window, "")
    _clipboard(
        html='<div style="color:#d4d4d4"><span style="color:#569cd6">## Titre</span></div>',
        text="## Titre",
    )
    _paste(body)
    assert exact_text(body) == "## Titre"


def test_the_body_copied_and_pasted_back_is_the_same_markdown(window: MainWindow) -> None:
    text = "## Titre\n\nUn *mot* et un **autre**, 5\u00a0000 FCFA.\n\n- liste"
    body = _body(window, text)
    body.selectAll()
    body.copy()
    assert not QGuiApplication.clipboard().mimeData().hasHtml()
    body.moveCursor(QTextCursor.MoveOperation.End)
    body.insert_text("\n\n")
    body.paste()
    assert exact_text(body) == f"{text}\n\n{text}"


def test_a_large_paste_is_converted_off_the_ui_thread_where_it_was_pasted(
    qtbot, window: MainWindow
) -> None:
    paragraph = "<p>Le ministre <b>arrive</b> à Bamako, a-t-on appris de sources sûres.</p>"
    html = paragraph * (PASTE_IN_BACKGROUND_CHARS // len(paragraph) + 10)
    body = _body(window, "Avant.\n\nAprès.")
    cursor = body.textCursor()
    cursor.setPosition(len("Avant.\n\n"))
    body.setTextCursor(cursor)
    _clipboard(html=html, text="texte brut")
    with qtbot.waitSignal(body.paste_converted, timeout=20000):
        _paste(body)
        # The paste returns before the conversion: the reporter types at the top meanwhile.
        assert exact_text(body) == "Avant.\n\nAprès."
        top = body.textCursor()
        top.setPosition(0)
        top.insertText("Titre. ")
    text = exact_text(body)
    assert text.startswith("Titre. Avant.\n\nLe ministre **arrive** à Bamako")
    assert text.endswith("sources sûres.\n\nAprès.")
    assert "<p>" not in text


def test_a_paste_converted_for_another_article_is_dropped(qtbot, window: MainWindow) -> None:
    paragraph = "<p>Un <b>paragraphe</b> collé.</p>"
    html = paragraph * (PASTE_IN_BACKGROUND_CHARS // len(paragraph) + 10)
    body = _body(window, "Premier article.")
    _clipboard(html=html, text="brut")
    with qtbot.waitSignal(body.paste_converted, timeout=20000):
        _paste(body)
        body.setPlainText("Second article.")
    assert exact_text(body) == "Second article."


def test_a_word_file_dropped_on_the_body_asks_for_its_import(qtbot, tmp_path: Path) -> None:
    body = BodyEditor()
    qtbot.addWidget(body)
    data = QMimeData()  # only the URL, as a file manager may drag it
    data.setUrls([QUrl.fromLocalFile(str(tmp_path / "papier.docx"))])
    assert body.canInsertFromMimeData(data)
    with qtbot.waitSignal(body.files_dropped) as dropped:
        body.insertFromMimeData(data)
    assert dropped.args == [[tmp_path / "papier.docx"]]
    assert exact_text(body) == ""
    # An image is no article: its path is text, as before.
    image = QMimeData()
    image.setUrls([QUrl.fromLocalFile(str(tmp_path / "photo.jpg"))])
    image.setText("photo.jpg")
    with qtbot.assertNotEmitted(body.files_dropped):
        body.insertFromMimeData(image)
    assert exact_text(body) == "photo.jpg"


def test_highlighting_a_long_text_keeps_pythons_none_alive(qtbot) -> None:
    """PySide6 6.12 dropped a reference to None on each setFormat of the highlighter:
    a long paste (a few thousand lines) freed None and aborted the whole program."""
    body = BodyEditor()
    qtbot.addWidget(body)
    body.show()
    before = sys.getrefcount(None)
    body.setPlainText("Un **mot** et un *autre* ([lien](https://example.org)).\n\n" * 500)
    QApplication.processEvents()
    assert sys.getrefcount(None) >= before - 50  # without the fix: about 2,500 fewer
