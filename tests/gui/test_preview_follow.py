"""The preview shows where the reporter types, and the editor follows the preview's scrolling."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QTextCursor, QWheelEvent
from PySide6.QtWidgets import QApplication

from newsdesk.ui.main_window import MainWindow
from tests.gui.conftest import read_dom, type_text, wait_dom

PARAGRAPHS = 150

# Where the body block holding ``text`` is in the view: JSON {top, bottom, view, y}.
_WHERE_JS = """
(function (text) {
  var kids = document.getElementById('nd-body').children;
  for (var i = kids.length - 1; i >= 0; i--) {
    if (kids[i].textContent.replace(/\\s+/g, ' ').indexOf(text) < 0) { continue; }
    var r = kids[i].getBoundingClientRect();
    return JSON.stringify(
      {index: i, top: r.top, bottom: r.bottom, view: window.innerHeight, y: window.scrollY});
  }
  return JSON.stringify(null);
})(%s)
"""


def _long_article(qtbot: Any, window: MainWindow) -> None:
    window.editor.body.setPlainText(
        "\n\n".join(
            f"Paragraphe {n} : la saison des pluies a commencé à Tillabéri, où les "
            "agriculteurs préparent leurs champs depuis le début de la semaine."
            for n in range(PARAGRAPHS)
        )
    )
    wait_dom(
        qtbot,
        window,
        "document.getElementById('nd-body').children.length",
        lambda n: n == PARAGRAPHS,
    )
    qtbot.waitUntil(window.live_preview.is_idle, timeout=10000)


def _where(qtbot: Any, window: MainWindow, text: str) -> dict[str, float] | None:
    found: dict[str, float] | None = json.loads(
        read_dom(qtbot, window, _WHERE_JS % json.dumps(text))
    )
    return found


def _in_view(where: dict[str, float] | None) -> bool:
    return where is not None and where["top"] >= 0 and where["bottom"] <= where["view"]


def _scroll_y(qtbot: Any, window: MainWindow) -> float:
    return float(read_dom(qtbot, window, "window.scrollY"))


def _page_still(qtbot: Any, window: MainWindow) -> None:
    """Wait until the page has stopped scrolling (the same position, read five times
    in a row, each read a round trip to the page)."""
    seen: list[float] = []

    def still() -> bool:
        seen.append(_scroll_y(qtbot, window))
        return len(seen) >= 5 and len(set(seen[-5:])) == 1

    qtbot.waitUntil(still, timeout=10000)


def _put_caret(window: MainWindow, position: int) -> None:
    body = window.editor.body
    cursor = body.textCursor()
    cursor.setPosition(position)
    body.setTextCursor(cursor)
    body.setFocus()


def test_typing_at_the_end_of_a_long_article_brings_it_into_view(qtbot, window: MainWindow) -> None:
    _long_article(qtbot, window)
    assert _scroll_y(qtbot, window) == 0
    _put_caret(window, len(window.editor.body.toPlainText()))
    type_text(window.editor.body, " Les premières pluies sont arrivées à Ségou.")
    # The paragraph being written, with the words just typed, is on screen.
    qtbot.waitUntil(
        lambda: _in_view(_where(qtbot, window, "sont arrivées à Ségou.")), timeout=10000
    )
    where = _where(qtbot, window, "sont arrivées à Ségou.")
    assert where is not None and where["index"] == PARAGRAPHS - 1
    assert where["y"] > 0

    # More words in the same paragraph: the page stays where it is (a wrapped
    # line may move it by a line, never a jump).
    y = where["y"]
    followed: list[float] = []
    window.preview_follow.preview_followed.connect(lambda _i, target: followed.append(target))
    type_text(window.editor.body, " Les semis commencent.")
    qtbot.waitUntil(lambda: _in_view(_where(qtbot, window, "Les semis commencent.")), timeout=10000)
    qtbot.waitUntil(window.live_preview.is_idle, timeout=10000)
    assert all(abs(target - y) < 80 for target in followed), (y, followed)


def test_typing_in_a_paragraph_on_screen_never_scrolls_the_page(qtbot, window: MainWindow) -> None:
    _long_article(qtbot, window)
    followed: list[int] = []
    window.preview_follow.preview_followed.connect(lambda index, _target: followed.append(index))
    third = window.editor.body.document().findBlockByNumber(4)  # paragraph 2 (blank lines)
    _put_caret(window, third.position() + third.length() - 1)
    type_text(window.editor.body, " Déjà vu à Niamey.")
    qtbot.waitUntil(lambda: _in_view(_where(qtbot, window, "Déjà vu à Niamey.")), timeout=10000)
    qtbot.waitUntil(window.live_preview.is_idle, timeout=10000)
    assert followed == []
    assert _scroll_y(qtbot, window) == 0


def test_moving_the_caret_far_away_shows_its_paragraph(qtbot, window: MainWindow) -> None:
    _long_article(qtbot, window)
    body = window.editor.body
    body.setFocus()
    body.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.waitUntil(
        lambda: _in_view(_where(qtbot, window, f"Paragraphe {PARAGRAPHS - 1} :")), timeout=10000
    )
    middle = body.document().findBlockByNumber(2 * 75)
    _put_caret(window, middle.position())
    qtbot.waitUntil(lambda: _in_view(_where(qtbot, window, "Paragraphe 75 :")), timeout=10000)


def _wheel(qtbot: Any, window: MainWindow, until: Callable[[], bool]) -> None:
    """Turn the mouse wheel over the preview, a notch at a time, as the reporter's
    hand does, until ``until()`` holds."""
    target = window.preview.view.focusProxy()
    assert target is not None
    at = QPointF(target.width() / 2, target.height() / 2)

    def notch() -> bool:
        if until():
            return True
        y = _scroll_y(qtbot, window)
        QApplication.sendEvent(
            target,
            QWheelEvent(
                at,
                QPointF(target.mapToGlobal(at.toPoint())),
                QPoint(0, 0),
                QPoint(0, -120),
                Qt.MouseButton.NoButton,
                Qt.KeyboardModifier.NoModifier,
                Qt.ScrollPhase.NoScrollPhase,
                False,
            ),
        )
        qtbot.waitUntil(lambda: _scroll_y(qtbot, window) > y, timeout=5000)
        return until()

    qtbot.waitUntil(notch, timeout=20000)


def _top_paragraph(qtbot: Any, window: MainWindow) -> int:
    """The number of the paragraph at the top of the preview's view."""
    text = read_dom(
        qtbot,
        window,
        "(function () { var kids = document.getElementById('nd-body').children;"
        " for (var i = 0; i < kids.length; i++) {"
        "  if (kids[i].getBoundingClientRect().bottom > 0) { return kids[i].textContent; } }"
        " return ''; })()",
    )
    return int(text.split()[1])


def _editor_top_paragraph(window: MainWindow) -> int:
    block = window.editor.body.firstVisibleBlock()
    while block.isValid() and not block.text().strip():
        block = block.next()
    return int(block.text().split()[1])


def test_scrolling_the_preview_scrolls_the_editor(qtbot, window: MainWindow) -> None:
    _long_article(qtbot, window)
    body = window.editor.body
    _put_caret(window, 0)
    caret = body.textCursor().position()
    followed: list[int] = []
    window.preview_follow.editor_followed.connect(followed.append)

    _wheel(qtbot, window, until=lambda: _top_paragraph(qtbot, window) >= 10)
    # The editor shows, at its top, the paragraph at the top of the page.
    qtbot.waitUntil(
        lambda: abs(_editor_top_paragraph(window) - _top_paragraph(qtbot, window)) <= 1,
        timeout=10000,
    )
    assert followed
    # Only its view moved: the caret is where the reporter left it.
    assert body.textCursor().position() == caret
    # The wheel's own glide ends before the reporter's hand reaches the keyboard.
    _page_still(qtbot, window)

    # Back to typing: the page returns to the caret's paragraph, and the editor,
    # which only follows the reporter's own scrolling, is left alone by it.
    followed.clear()
    type_text(body, "Aujourd’hui, ")
    qtbot.waitUntil(
        lambda: _in_view(_where(qtbot, window, "Aujourd’hui, Paragraphe 0")), timeout=10000
    )
    qtbot.waitUntil(window.live_preview.is_idle, timeout=10000)
    assert followed == []


def test_lines_of_the_editor_map_to_blocks_of_the_page_and_back(qtbot, window: MainWindow) -> None:
    live = window.live_preview
    window.editor.body.setPlainText(
        "Premier.\n\nDeuxième,\nsur deux lignes.\n\n[réf]: https://actuniger.com\n\nTroisième."
    )
    wait_dom(qtbot, window, "document.getElementById('nd-body').children.length", lambda n: n == 3)
    qtbot.waitUntil(live.is_idle, timeout=10000)
    assert live.shown_block_at(0) == (0, 0.0)
    assert live.shown_block_at(1) == (0, 1.0)  # a blank line belongs to the block above
    # The link definition renders to nothing: its lines belong to the block above,
    # which spans lines 2 to 5.
    assert live.shown_block_at(2) == (1, 0.0)
    assert live.shown_block_at(3, 0.5) == (1, 0.375)
    assert live.shown_block_at(5) == (1, 0.75)
    assert live.shown_block_at(7) == (2, 0.0)
    assert live.shown_line_at(1, 0.25) == 3.0
    assert live.shown_line_at(2) == 7.0
    assert live.shown_line_at(3) is None
