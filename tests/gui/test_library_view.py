"""The library's list: one height for the listing's rows, their own for a search's hits."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QStyleOptionViewItem

from newsdesk.core.article import Status
from newsdesk.ui.library_model import LibraryModel, LibraryRow
from newsdesk.ui.library_view import LibraryView

WHEN = datetime(2023, 2, 5, 18, tzinfo=UTC)


def _row(number: int, snippet: str = "") -> LibraryRow:
    return LibraryRow(
        id=f"article-{number}",
        title=f"Mali : article {number}",
        status=Status.DRAFT,
        category="Politique",
        when=WHEN,
        tags=("Mali",),
        snippet_html=snippet,
    )


def _view(qtbot: Any, width: int = 320) -> tuple[LibraryModel, LibraryView]:
    model = LibraryModel()
    view = LibraryView(model)
    qtbot.addWidget(view)
    view.resize(width, 600)
    view.show()
    qtbot.waitExposed(view)
    return model, view


def test_the_listings_rows_are_never_measured_one_by_one(qtbot: Any) -> None:
    model, view = _view(qtbot)
    asked: list[int] = []
    measure = view.delegate.sizeHint

    def counted(option: QStyleOptionViewItem, index: Any) -> Any:
        asked.append(index.row())
        return measure(option, index)

    view.delegate.sizeHint = counted  # type: ignore[method-assign]
    view.set_uniform(True)
    model.set_rows([_row(n) for n in range(200)], uniform=True)
    for start in range(200, 20_000, 200):
        model.append_rows([_row(n) for n in range(start, start + 200)])
    # What an autosave does to the list: the article on top, changed, moved.
    model.insert_row(0, _row(-1))
    model.replace_row(0, _row(-1))
    model.remove_row(5_000)
    view.verticalScrollBar().setValue(view.verticalScrollBar().maximum())
    qtbot.wait(50)
    height = view.delegate.uniform_height(view.font())
    assert {view.rowHeight(n) for n in (0, 1, 9_999, len(model.rows) - 1)} == {height}
    assert asked == []


def test_a_hits_height_is_its_snippets_and_follows_the_width(qtbot: Any) -> None:
    model, view = _view(qtbot)
    long_snippet = " ".join(["la <b>CEDEAO</b> a annoncé la transition"] * 12)
    view.set_uniform(False)
    model.set_rows([_row(1, "court <b>CEDEAO</b>"), _row(2, long_snippet)])

    def fitted(row: int) -> int:
        option = QStyleOptionViewItem()
        view.initViewItemOption(option)
        option.rect.setWidth(view.viewport().width())
        return int(view.delegate.sizeHint(option, model.index(row)).height())

    short, tall = view.rowHeight(0), view.rowHeight(1)
    assert (short, tall) == (fitted(0), fitted(1))
    assert tall > short > view.delegate.uniform_height(view.font())
    # Rows joining later are measured as they come.
    model.append_rows([_row(3, long_snippet)])
    assert view.rowHeight(2) == tall
    # A hit whose title grows (saved while shown) is measured again.
    model.replace_row(0, dataclasses.replace(_row(1, "court <b>CEDEAO</b>"), title=long_snippet))
    assert view.rowHeight(0) == fitted(0) > short
    model.replace_row(0, _row(1, "court <b>CEDEAO</b>"))
    assert view.rowHeight(0) == short
    # Narrower, the long snippet wraps on more lines.
    view.resize(200, 600)
    qtbot.waitUntil(lambda: view.rowHeight(1) == fitted(1) and view.rowHeight(1) > tall)
    # Back to the listing: one height again, the hits' own heights forgotten.
    view.set_uniform(True)
    model.set_rows([_row(n) for n in range(3)], uniform=True)
    assert {view.rowHeight(n) for n in range(3)} == {view.delegate.uniform_height(view.font())}


def test_the_keyboard_moves_a_row_at_a_time_and_tab_leaves(qtbot: Any) -> None:
    model, view = _view(qtbot)
    view.set_uniform(True)
    model.set_rows([_row(n) for n in range(10)], uniform=True)
    view.setFocus()
    view.setCurrentIndex(model.index(0))
    qtbot.keyClick(view, Qt.Key.Key_Down)
    assert view.currentIndex().row() == 1
    assert view.selectionModel().selectedRows() == [model.index(1)]
    assert not view.tabKeyNavigation()
