"""The library's list of articles: a one-column table that looks like a list.

Why a ``QTableView`` and not a ``QListView``: a list view lays every row out again,
in one loop over all of them, whenever a row changes, joins or leaves. Measured on
100,000 uniform rows: 10-20 ms of the UI thread after an autosave put the article
on top, and after each page scrolled in (5 ms at 200 rows, 19 ms at 100,000).
A table keeps its rows' heights in its vertical header, which answers for rows of
one default height without a loop: the same changes cost 0.3-5 ms, whatever the
number of rows.

The listing's rows are all as high as one another (``uniform``): the header's
default height, nothing asked of any row. A search's hits, 50 at most, carry a
snippet and vary: each hit's height is asked of the delegate when it joins, and
again when the list's width changes.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QStyleOptionViewItem,
    QTableView,
    QWidget,
)

from newsdesk.ui.library_model import LibraryDelegate, LibraryModel


class LibraryView(QTableView):
    """One column, no headers, no grid; a row is chosen whole."""

    def __init__(self, model: LibraryModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.delegate = LibraryDelegate(self)
        self.setItemDelegate(self.delegate)
        self.setModel(model)
        self._model = model
        self.uniform = False
        self.setShowGrid(False)
        self.setWordWrap(False)
        self.setTabKeyNavigation(False)  # Tab leaves the list, as it leaves a list
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        columns = self.horizontalHeader()
        columns.hide()
        columns.setStretchLastSection(True)
        rows = self.verticalHeader()
        rows.hide()
        # Heights are set here, never measured by the header over every row.
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setMinimumSectionSize(1)
        model.modelReset.connect(self.delegate.forget)
        model.modelReset.connect(self._on_reset)
        model.rowsInserted.connect(self._fit)
        self._fitted_width = -1
        # Rows were given heights of their own (hits): the header keeps them across a
        # reset of the model (its own ``reset()`` too), so a listing after a search
        # gives the few rows it then holds the one height again.
        self._sized = False

    def set_uniform(self, uniform: bool) -> None:
        """Rows of one height (the listing, the Corbeille) or hits of their own."""
        self.uniform = uniform
        if uniform:
            self.verticalHeader().setDefaultSectionSize(self.delegate.uniform_height(self.font()))

    def _fit(self, parent: QModelIndex | QPersistentModelIndex, first: int, last: int) -> None:
        if self.uniform or parent.isValid():
            return
        option = QStyleOptionViewItem()
        self.initViewItemOption(option)
        width = self.viewport().width()
        option.rect.setWidth(width)
        self._fitted_width = width
        for row in range(first, last + 1):
            height = self.delegate.sizeHint(option, self._model.index(row)).height()
            self.setRowHeight(row, height)
        self._sized = True

    def _on_reset(self) -> None:
        if self.uniform and self._sized:
            rows = self.verticalHeader()
            for row in range(self._model.rowCount()):
                rows.resizeSection(row, rows.defaultSectionSize())
            self._sized = False
        self._fit_all()

    def _fit_all(self) -> None:
        if not self.uniform and self._model.rowCount():
            self._fit(QModelIndex(), 0, self._model.rowCount() - 1)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        # A hit's snippet wraps to the width: its height changes with it.
        if not self.uniform and self.viewport().width() != self._fitted_width:
            self._fit_all()


__all__ = ["LibraryView"]
