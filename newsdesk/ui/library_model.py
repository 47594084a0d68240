"""What the library's list shows: its rows (from the store's summaries and search hits)
and the model that holds them. The delegate that draws each one is the view's
(``library_view.py``)."""

from __future__ import annotations

import html
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, overload

from PySide6.QtCore import (
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    QStringListModel,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtWidgets import (
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
    """What one line of the list shows, built from an ArticleSummary or a SearchHit.

    The model holds them packed (see ``Rows``); this is what its callers see.
    """

    id: str
    title: str
    status: Status
    category: str
    when: datetime | None
    tags: tuple[str, ...]
    snippet_html: str = ""


def _pack(row: LibraryRow) -> tuple[Any, ...]:
    return (row.id, row.title, row.status.value, row.category, row.when, row.tags, row.snippet_html)


def _unpack(packed: tuple[Any, ...]) -> LibraryRow:
    article_id, title, status, category, when, tags, snippet_html = packed
    return LibraryRow(article_id, title, Status(status), category, when, tags, snippet_html)


class Rows(Sequence[LibraryRow]):
    """The rows the model holds, each kept as a plain tuple of strings and a datetime.

    Why not the ``LibraryRow`` objects themselves: Python's garbage collector walks
    every object that may hold others, on each full collection, and 100,000 rows made
    those collections 20-110 ms long, on whichever thread ran them, the UI's held
    all along. A tuple of strings, numbers and datetimes holds no such object, and the
    collector stops tracking it. A row is unpacked when asked for (the rows on screen).
    """

    __slots__ = ("_packed",)

    def __init__(self, rows: Iterable[LibraryRow] = ()) -> None:
        self._packed: list[tuple[Any, ...]] = [_pack(row) for row in rows]

    def __len__(self) -> int:
        return len(self._packed)

    @overload
    def __getitem__(self, number: int) -> LibraryRow: ...

    @overload
    def __getitem__(self, number: slice) -> list[LibraryRow]: ...

    def __getitem__(self, number: int | slice) -> LibraryRow | list[LibraryRow]:
        if isinstance(number, slice):
            return [_unpack(packed) for packed in self._packed[number]]
        return _unpack(self._packed[number])

    def __iter__(self) -> Iterator[LibraryRow]:
        return (_unpack(packed) for packed in self._packed)

    def __setitem__(self, number: int, row: LibraryRow) -> None:
        self._packed[number] = _pack(row)

    def __delitem__(self, number: int) -> None:
        del self._packed[number]

    def insert(self, number: int, row: LibraryRow) -> None:
        self._packed.insert(number, _pack(row))

    def extend(self, rows: Iterable[LibraryRow]) -> None:
        self._packed.extend(_pack(row) for row in rows)

    def id_at(self, number: int) -> str:
        return str(self._packed[number][0])

    def ids(self) -> Iterator[str]:
        return (packed[0] for packed in self._packed)


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
        tags=tuple(summary.tags),
    )


def row_from_hit(hit: Any) -> LibraryRow:
    article = hit.article
    return LibraryRow(
        id=article.id,
        title=article.title,
        status=Status(article.status),
        category=article.category,
        when=article.date or article.updated_at,
        tags=tuple(article.tags),
        snippet_html=highlight_snippet(hit.snippet, list(hit.highlights)),
    )


class LibraryModel(QStringListModel):
    """The rows the library holds now: the listing's first pages, or a search's hits.

    The listing is paged (``LibraryPanel`` asks the store for the next page when the
    view wants more): ``canFetchMore`` says whether the store has more, ``fetchMore``
    emits ``more_wanted``. ``uniform`` rows (the listing) are all as high as one
    another, so that the view lays out 100,000 of them without asking each one its
    size; a search's hits, 50 at most, carry their snippet and vary.

    Why a ``QStringListModel`` (of empty strings, one per row) under Python's rows:
    each time rows join, the view lays the list out again and asks the model for every
    row's index, which asks ``rowCount``; written in Python that was two calls into
    Python per row held (a fifth of a second per page at 20,000 rows). Its C++ row
    count answers them; Python is asked only ``data`` and ``flags``, for the rows on
    screen. The strings are never shown: ``data`` answers from ``rows``.
    """

    RowRole = Qt.ItemDataRole.UserRole + 1
    IdRole = Qt.ItemDataRole.UserRole + 2
    # (glyph, words) of the article's state on the site, or None when never sent.
    RemoteRole = Qt.ItemDataRole.UserRole + 3

    # The view scrolled to the end of what is held and the store has more.
    more_wanted = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows = Rows()
        # The ids in ``rows``: a page arriving never adds one twice, and ``position``
        # answers "not here" without walking the list.
        self._ids: set[str] = set()
        self.remote: dict[str, tuple[str, str]] = {}
        # Whether the store has rows after these (the panel sets it).
        self.has_more = False
        # A page is on its way: the view is not told it may fetch again meanwhile.
        self.fetching = False
        self.uniform = False
        # Rows of earlier answers, freed a slice per turn of the event loop.
        self._released: list[list[tuple[Any, ...]]] = []

    def set_remote(self, remote: dict[str, tuple[str, str]]) -> None:
        """Where each article stands on the site; kept across reloads of the rows."""
        if remote == self.remote:
            return
        self.remote = remote
        if self.rows:
            self.dataChanged.emit(self.index(0), self.index(len(self.rows) - 1))

    def set_rows(self, rows: list[LibraryRow], *, uniform: bool = False) -> None:
        if len(self.rows) > RELEASED_PER_TURN:
            # Freeing 100,000 rows at once holds the UI thread ~0.1 s: a slice a turn.
            self._released.append(self.rows._packed)
            QTimer.singleShot(0, self._release)
        self.rows = Rows(rows)
        self._ids = {row.id for row in rows}
        self.uniform = uniform
        self.has_more = False
        self.fetching = False
        self.setStringList([""] * len(rows))  # the model's reset, in C++

    def _release(self) -> None:
        while self._released and not self._released[0]:
            self._released.pop(0)
        if self._released:
            del self._released[0][-RELEASED_PER_TURN:]
            QTimer.singleShot(0, self._release)

    def append_rows(self, rows: list[LibraryRow]) -> int:
        """Add rows at the end, leaving out those already held; how many were added."""
        fresh = [row for row in rows if row.id not in self._ids]
        if not fresh:
            return 0
        first = len(self.rows)
        # Held before the view is told (it asks their data once they are in).
        self.rows.extend(fresh)
        self._ids.update(row.id for row in fresh)
        self.insertRows(first, len(fresh))
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
        return next((i for i, held in enumerate(self.rows.ids()) if held == article_id), -1)

    def replace_row(self, number: int, row: LibraryRow) -> None:
        self._ids.discard(self.rows.id_at(number))
        self.rows[number] = row
        self._ids.add(row.id)
        index = self.index(number)
        self.dataChanged.emit(index, index)

    def remove_row(self, number: int) -> None:
        # The row goes from the view first: until then it may still ask for its data.
        self.removeRows(number, 1)
        self._ids.discard(self.rows.id_at(number))
        del self.rows[number]

    def insert_row(self, number: int, row: LibraryRow) -> None:
        self.rows.insert(number, row)
        self._ids.add(row.id)
        self.insertRows(number, 1)

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        # Chosen, never edited nor dragged (a string list's rows would be).
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEnabled

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = 0) -> Any:
        if not index.isValid() or index.row() >= len(self.rows):
            return None
        if role == self.IdRole:
            return self.rows.id_at(index.row())
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


# Rows of an earlier answer freed per turn of the event loop (about 2 ms of work).
RELEASED_PER_TURN = 2_000


__all__ = ["LibraryModel", "LibraryRow", "Rows", "row_from_hit", "row_from_summary"]
