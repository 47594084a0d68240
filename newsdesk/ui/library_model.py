"""What the library's list shows: its rows (from the store's summaries and search hits),
the model that holds them and the delegate that draws each one."""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QCoreApplication,
    QDate,
    QLocale,
    QModelIndex,
    QPersistentModelIndex,
    QPoint,
    QRect,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QFont,
    QFontMetrics,
    QPainter,
    QPalette,
    QTextDocument,
)
from PySide6.QtWidgets import (
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from newsdesk.core.article import Status

STATUS_GLYPHS = {
    Status.DRAFT: "○",
    Status.READY: "●",
    Status.PENDING: "◐",
    Status.SCHEDULED: "◷",
    Status.PUBLISHED: "✓",
}


def status_label(status: Status) -> str:
    return {
        Status.DRAFT: QCoreApplication.translate("LibraryPanel", "brouillon"),
        Status.READY: QCoreApplication.translate("LibraryPanel", "prêt"),
        Status.PENDING: QCoreApplication.translate("LibraryPanel", "en relecture"),
        Status.SCHEDULED: QCoreApplication.translate("LibraryPanel", "programmé"),
        Status.PUBLISHED: QCoreApplication.translate("LibraryPanel", "publié"),
    }.get(status, str(status))


@dataclass(slots=True)
class LibraryRow:
    """What one line of the list shows, built from an ArticleSummary or a SearchHit."""

    id: str
    title: str
    status: Status
    category: str
    when: datetime | None
    tags: list[str]
    snippet_html: str = ""
    extra: dict[str, Any] = field(default_factory=dict)


def highlight_snippet(snippet: str, highlights: list[tuple[int, int]]) -> str:
    """The snippet as HTML with the matched words in bold, everything else escaped."""
    out: list[str] = []
    pos = 0
    for start, end in sorted(highlights):
        if start < pos or end > len(snippet) or start >= end:
            continue
        out.append(html.escape(snippet[pos:start]))
        out.append(f"<b>{html.escape(snippet[start:end])}</b>")
        pos = end
    out.append(html.escape(snippet[pos:]))
    return "".join(out)


def row_from_summary(summary: Any) -> LibraryRow:
    return LibraryRow(
        id=summary.id,
        title=summary.title,
        status=Status(summary.status),
        category=summary.category,
        when=summary.date or summary.updated_at,
        tags=list(summary.tags),
    )


def row_from_hit(hit: Any) -> LibraryRow:
    article = hit.article
    return LibraryRow(
        id=article.id,
        title=article.title,
        status=Status(article.status),
        category=article.category,
        when=article.date or article.updated_at,
        tags=list(article.tags),
        snippet_html=highlight_snippet(hit.snippet, list(hit.highlights)),
    )


class LibraryModel(QAbstractListModel):
    """The rows the library holds now: the listing's first pages, or a search's hits.

    The listing is paged (``LibraryPanel`` asks the store for the next page when the
    view wants more): ``canFetchMore`` says whether the store has more, ``fetchMore``
    emits ``more_wanted``. ``uniform`` rows (the listing) are all as high as one
    another, so that the view lays out 100,000 of them without asking each one its
    size; a search's hits, 50 at most, carry their snippet and vary.
    """

    RowRole = Qt.ItemDataRole.UserRole + 1
    IdRole = Qt.ItemDataRole.UserRole + 2
    # (glyph, words) of the article's state on the site, or None when never sent.
    RemoteRole = Qt.ItemDataRole.UserRole + 3

    # The view scrolled to the end of what is held and the store has more.
    more_wanted = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: list[LibraryRow] = []
        # The ids in ``rows``: a page arriving never adds one twice, and ``position``
        # answers "not here" without walking the list.
        self._ids: set[str] = set()
        self.remote: dict[str, tuple[str, str]] = {}
        # Whether the store has rows after these (the panel sets it).
        self.has_more = False
        # A page is on its way: the view is not told it may fetch again meanwhile.
        self.fetching = False
        self.uniform = False

    def set_remote(self, remote: dict[str, tuple[str, str]]) -> None:
        """Where each article stands on the site; kept across reloads of the rows."""
        if remote == self.remote:
            return
        self.remote = remote
        if self.rows:
            self.dataChanged.emit(self.index(0), self.index(len(self.rows) - 1))

    def set_rows(self, rows: list[LibraryRow], *, uniform: bool = False) -> None:
        self.beginResetModel()
        self.rows = rows
        self._ids = {row.id for row in rows}
        self.uniform = uniform
        self.has_more = False
        self.fetching = False
        self.endResetModel()

    def append_rows(self, rows: list[LibraryRow]) -> int:
        """Add rows at the end, leaving out those already held; how many were added."""
        fresh = [row for row in rows if row.id not in self._ids]
        if not fresh:
            return 0
        first = len(self.rows)
        self.beginInsertRows(QModelIndex(), first, first + len(fresh) - 1)
        self.rows.extend(fresh)
        self._ids.update(row.id for row in fresh)
        self.endInsertRows()
        return len(fresh)

    def canFetchMore(self, parent: QModelIndex | QPersistentModelIndex) -> bool:
        return not parent.isValid() and self.has_more and not self.fetching

    def fetchMore(self, parent: QModelIndex | QPersistentModelIndex) -> None:
        if self.canFetchMore(parent):
            self.fetching = True
            self.more_wanted.emit()

    def position(self, article_id: str) -> int:
        if article_id not in self._ids:
            return -1
        return next((i for i, row in enumerate(self.rows) if row.id == article_id), -1)

    def replace_row(self, number: int, row: LibraryRow) -> None:
        self._ids.discard(self.rows[number].id)
        self.rows[number] = row
        self._ids.add(row.id)
        index = self.index(number)
        self.dataChanged.emit(index, index)

    def remove_row(self, number: int) -> None:
        self.beginRemoveRows(QModelIndex(), number, number)
        self._ids.discard(self.rows[number].id)
        del self.rows[number]
        self.endRemoveRows()

    def insert_row(self, number: int, row: LibraryRow) -> None:
        self.beginInsertRows(QModelIndex(), number, number)
        self.rows.insert(number, row)
        self._ids.add(row.id)
        self.endInsertRows()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex | None = None) -> int:
        return 0 if parent is not None and parent.isValid() else len(self.rows)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = 0) -> Any:
        if not index.isValid() or index.row() >= len(self.rows):
            return None
        row = self.rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return row.title or QCoreApplication.translate("LibraryPanel", "(sans titre)")
        if role == self.RowRole:
            return row
        if role == self.IdRole:
            return row.id
        if role == self.RemoteRole:
            return self.remote.get(row.id)
        if role == Qt.ItemDataRole.ToolTipRole:
            remote = self.remote.get(row.id)
            local = status_label(row.status)
            return f"{local} · {remote[1]}" if remote else local
        return None


class LibraryDelegate(QStyledItemDelegate):
    """Glyph, title in bold, « rubrique · date », tags, and the search snippet if any."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.locale = QLocale()
        # (font, width) -> the height every uniform row has.
        self._uniform_height: dict[tuple[str, int], int] = {}

    def _html(
        self,
        row: LibraryRow,
        selected: bool = False,
        remote: tuple[str, str] | None = None,
        title_width: int | None = None,
        font: QFont | None = None,
    ) -> str:
        """The row as rich text. With ``title_width`` (uniform rows), the title is cut
        with « … » to that width and every line stays one line high."""
        glyph = STATUS_GLYPHS.get(row.status, "○")
        title = row.title or QCoreApplication.translate("LibraryPanel", "(sans titre)")
        if title_width is not None and font is not None:
            bold = QFont(font)
            bold.setBold(True)
            title = QFontMetrics(bold).elidedText(
                title, Qt.TextElideMode.ElideRight, max(20, title_width)
            )
        title = html.escape(title)
        meta = [html.escape(row.category)] if row.category else []
        if row.when is not None:
            meta.append(
                html.escape(
                    self.locale.toString(
                        QDate(row.when.year, row.when.month, row.when.day), "d MMM yyyy"
                    )
                )
            )
        if row.status != Status.PUBLISHED:
            meta.append(html.escape(status_label(row.status)))
        # On the selection's dark background the muted colours would not read.
        accent, muted, link = ("inherit",) * 3 if selected else ("#8b1a1a", "#666", "#1f5fa8")
        # Uniform rows: one line each, whatever the width, so the row's height is fixed.
        keep = "white-space:nowrap;" if title_width is not None else ""
        parts = [
            f"<div style='{keep}'><span style='color:{accent}'>{glyph}</span>&nbsp;<b>{title}</b>"
            + (
                f"&nbsp;<span style='color:{link}'>{html.escape(remote[0])}</span>"
                if remote
                else ""
            )
            + "</div>",
            f"<div style='{keep}color:{muted}'>{' · '.join(meta)}</div>",
        ]
        if row.snippet_html:
            parts.append(f"<div>… {row.snippet_html} …</div>")
        if row.tags:
            tags = " ".join(f"#{html.escape(t)}" for t in row.tags[:6])
            parts.append(f"<div style='{keep}color:{link}'>{tags}</div>")
        elif title_width is not None:
            parts.append("<div>&nbsp;</div>")  # the tags' line kept, empty
        return "".join(parts)

    def _document(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QTextDocument:
        doc = QTextDocument()
        doc.setDefaultFont(option.font)
        doc.setDocumentMargin(6)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        width = max(80, option.rect.width())
        remote = index.data(LibraryModel.RemoteRole)
        title_width = None
        if _uniform(index):
            # The glyph, the margins and the site's mark beside the title.
            title_width = width - 12 - QFontMetrics(option.font).horizontalAdvance("○ ✓✓ ")
        doc.setHtml(
            self._html(index.data(LibraryModel.RowRole), selected, remote, title_width, option.font)
        )
        doc.setTextWidth(width)
        return doc

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        self.initStyleOption(option, index)
        style = option.widget.style() if option.widget else None
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

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        if _uniform(index):
            # Asked once for the whole list (uniformItemSizes): three lines of text.
            key = (option.font.key(), option.rect.width())
            height = self._uniform_height.get(key)
            if height is None:
                sample = LibraryRow("", "X", Status.DRAFT, "X", None, ["X"])
                doc = QTextDocument()
                doc.setDefaultFont(option.font)
                doc.setDocumentMargin(6)
                doc.setHtml(self._html(sample, title_width=200, font=option.font))
                height = self._uniform_height[key] = int(doc.size().height()) + 2
            return QSize(max(80, option.rect.width()), height)
        self.initStyleOption(option, index)
        doc = self._document(option, index)
        return QSize(int(doc.idealWidth()), int(doc.size().height()) + 2)


def _uniform(index: QModelIndex | QPersistentModelIndex) -> bool:
    model = index.model()
    return isinstance(model, LibraryModel) and model.uniform


__all__ = ["LibraryDelegate", "LibraryModel", "LibraryRow", "row_from_hit", "row_from_summary"]
