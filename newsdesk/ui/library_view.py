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
snippet and vary: each hit's height is asked of the delegate when it joins or
changes, and again when the list's width changes. The delegate (``LibraryDelegate``) draws a row.
"""

from __future__ import annotations

import collections
import html
from typing import Any

from PySide6.QtCore import (
    QCoreApplication,
    QDate,
    QLocale,
    QModelIndex,
    QPersistentModelIndex,
    QPoint,
    QRect,
    QSize,
    Qt,
)
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QColor,
    QFont,
    QFontMetrics,
    QPainter,
    QPalette,
    QResizeEvent,
    QTextDocument,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QWidget,
)

from newsdesk.core.article import Status
from newsdesk.ui.library_model import STATUS_GLYPHS, LibraryModel, LibraryRow, status_label


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
        # A hit saved while shown (its title edited) may wrap on more or fewer lines.
        # Each hit's laid-out text is kept by the delegate: a row that did not change
        # is measured again from it at no cost.
        model.dataChanged.connect(self._on_changed)
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

    def _on_changed(self, top: QModelIndex, bottom: QModelIndex, _roles: object = ()) -> None:
        self._fit(QModelIndex(), top.row(), bottom.row())

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


class LibraryDelegate(QStyledItemDelegate):
    """Glyph, title in bold, « rubrique · date », tags, and the search snippet if any.

    A uniform row (the listing's) is three lines drawn straight with the painter, its
    title cut with « … »: about a tenth of a millisecond, where laying out rich text
    costs one or two, so that a screen of new rows scrolled into view stays within a
    frame. A search's hits, 50 at most, are rich text, their snippet's words in bold.
    """

    # Space around a row's text, as ``QTextDocument.setDocumentMargin``.
    MARGIN = 6

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.locale = QLocale()
        # A search hit's laid-out text, made for its size and kept for its painting
        # (the same row is asked both, and each costs a millisecond or two).
        self._documents: collections.OrderedDict[tuple[Any, ...], QTextDocument] = (
            collections.OrderedDict()
        )
        # The fonts of uniform rows and their metrics, made once per font of the view.
        self._fonts: dict[str, tuple[QFont, QFontMetrics, QFont, QFontMetrics]] = {}

    def forget(self) -> None:
        """Drop the kept hits (the model's rows were replaced)."""
        self._documents.clear()

    def _fonts_for(self, font: QFont) -> tuple[QFont, QFontMetrics, QFont, QFontMetrics]:
        key = font.key()
        found = self._fonts.get(key)
        if found is None:
            plain = QFont(font)
            bold = QFont(font)
            bold.setBold(True)
            found = self._fonts[key] = (plain, QFontMetrics(plain), bold, QFontMetrics(bold))
        return found

    def _meta(self, row: LibraryRow) -> list[str]:
        """« rubrique », the date and the status (unless published), as plain text."""
        meta = [row.category] if row.category else []
        if row.when is not None:
            meta.append(
                self.locale.toString(
                    QDate(row.when.year, row.when.month, row.when.day), "d MMM yyyy"
                )
            )
        if row.status != Status.PUBLISHED:
            meta.append(status_label(row.status))
        return meta

    def _html(
        self, row: LibraryRow, selected: bool = False, remote: tuple[str, str] | None = None
    ) -> str:
        glyph = STATUS_GLYPHS.get(row.status, "○")
        title = html.escape(row.title or QCoreApplication.translate("LibraryPanel", "(sans titre)"))
        meta = [html.escape(part) for part in self._meta(row)]
        # On the selection's dark background the muted colours would not read.
        accent, muted, link = ("inherit",) * 3 if selected else (ACCENT, MUTED, LINK)
        parts = [
            f"<div><span style='color:{accent}'>{glyph}</span>&nbsp;<b>{title}</b>"
            + (
                f"&nbsp;<span style='color:{link}'>{html.escape(remote[0])}</span>"
                if remote
                else ""
            )
            + "</div>",
            f"<div style='color:{muted}'>{' · '.join(meta)}</div>",
        ]
        if row.snippet_html:
            parts.append(f"<div>… {row.snippet_html} …</div>")
        if row.tags:
            tags = " ".join(f"#{html.escape(t)}" for t in row.tags[:6])
            parts.append(f"<div style='color:{link}'>{tags}</div>")
        return "".join(parts)

    def _document(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QTextDocument:
        row: LibraryRow = index.data(LibraryModel.RowRole)
        remote = index.data(LibraryModel.RemoteRole)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        width = max(80, option.rect.width())
        # The row's content, not its identity: the model unpacks a new LibraryRow at
        # each ask, and a freed one's address comes back for the next (a hit whose
        # title was saved then showed its old laid-out text).
        shown = (row.id, row.title, row.status, row.category, row.when, row.tags)
        key = (shown, row.snippet_html, remote, selected, width, option.font.key())
        doc = self._documents.get(key)
        if doc is not None:
            self._documents.move_to_end(key)
            return doc
        doc = QTextDocument()
        doc.setDefaultFont(option.font)
        doc.setDocumentMargin(self.MARGIN)
        doc.setHtml(self._html(row, selected, remote))
        doc.setTextWidth(width)
        self._documents[key] = doc
        while len(self._documents) > DOCUMENTS_KEPT:
            self._documents.popitem(last=False)
        return doc

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        style = option.widget.style() if option.widget else None
        if _uniform(index):
            # The background and the selection only (the view set the state): none of
            # the roles ``initStyleOption`` would ask, a dozen calls into Python each.
            if style:
                style.drawControl(
                    QStyle.ControlElement.CE_ItemViewItem, option, painter, option.widget
                )
            self._paint_lines(painter, option, index)
            return
        self.initStyleOption(option, index)
        option.text = ""
        if style:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, option, painter, option.widget)
        doc = self._document(option, index)
        painter.save()
        painter.translate(option.rect.topLeft())
        ctx = QAbstractTextDocumentLayout.PaintContext()
        if option.state & QStyle.StateFlag.State_Selected:
            ctx.palette.setColor(
                QPalette.ColorRole.Text, option.palette.color(QPalette.ColorRole.HighlightedText)
            )
        painter.setClipRect(QRect(QPoint(0, 0), option.rect.size()))
        doc.documentLayout().draw(painter, ctx)
        painter.restore()

    def _paint_lines(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        """A uniform row: the glyph and the title, the meta line, the tags line."""
        row: LibraryRow = index.data(LibraryModel.RowRole)
        remote: tuple[str, str] | None = index.data(LibraryModel.RemoteRole)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        text = option.palette.color(
            QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        )
        accent, muted, link = (text,) * 3 if selected else (_ACCENT, _MUTED, _LINK)
        font, metrics, bold, bold_metrics = self._fonts_for(option.font)
        area = option.rect.adjusted(self.MARGIN, self.MARGIN, -self.MARGIN, 0)
        line = metrics.lineSpacing()
        painter.save()
        painter.setClipRect(option.rect)
        x, y = area.left(), area.top()
        glyph = STATUS_GLYPHS.get(row.status, "○") + "\u00a0"
        painter.setFont(font)
        painter.setPen(accent)
        painter.drawText(QRect(x, y, area.width(), line), _LINE, glyph)
        x += metrics.horizontalAdvance(glyph)
        mark = ("\u00a0" + remote[0]) if remote else ""
        room = area.right() - x - metrics.horizontalAdvance(mark)
        title = row.title or QCoreApplication.translate("LibraryPanel", "(sans titre)")
        title = bold_metrics.elidedText(title, Qt.TextElideMode.ElideRight, max(0, room))
        painter.setFont(bold)
        painter.setPen(text)
        painter.drawText(QRect(x, y, max(0, room), line), _LINE, title)
        if mark:
            x += bold_metrics.horizontalAdvance(title)
            painter.setFont(font)
            painter.setPen(link)
            painter.drawText(QRect(x, y, area.right() - x, line), _LINE, mark)
        painter.setFont(font)
        for words, colour in (
            (" · ".join(self._meta(row)), muted),
            (" ".join(f"#{tag}" for tag in row.tags[:6]), link),
        ):
            y += line
            if words:
                painter.setPen(colour)
                elided = metrics.elidedText(words, Qt.TextElideMode.ElideRight, area.width())
                painter.drawText(QRect(area.left(), y, area.width(), line), _LINE, elided)
        painter.restore()

    @classmethod
    def uniform_height(cls, font: QFont) -> int:
        """A listing's row: three lines and the margins."""
        return 3 * QFontMetrics(font).lineSpacing() + 2 * cls.MARGIN + 2

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        if _uniform(index):
            return QSize(max(80, option.rect.width()), self.uniform_height(option.font))
        self.initStyleOption(option, index)
        doc = self._document(option, index)
        return QSize(int(doc.idealWidth()), int(doc.size().height()) + 2)


# Laid-out hits kept: two screens of them, selected or not.
DOCUMENTS_KEPT = 120
ACCENT, MUTED, LINK = "#8b1a1a", "#666", "#1f5fa8"
_ACCENT, _MUTED, _LINK = QColor(ACCENT), QColor(MUTED), QColor(LINK)
_LINE = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter | Qt.TextFlag.TextSingleLine)


def _uniform(index: QModelIndex | QPersistentModelIndex) -> bool:
    model = index.model()
    return isinstance(model, LibraryModel) and model.uniform


__all__ = ["LibraryDelegate", "LibraryView"]
