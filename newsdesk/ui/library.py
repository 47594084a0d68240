"""The library on the left: every article, filtered by status and rubrique, and search.

It asks the store through the database worker and never waits for it: each
query carries a generation number and an answer to an older query is dropped,
so fast typing in the search field never shows stale results.

The listing is paged, for a reporter's 100,000 articles: the store gives
``PAGE_SIZE`` rows at a time by keyset (``Store.list_page``), the next page only
when the list is scrolled to the end of what it holds (the model's
``fetchMore``), and the rows of a page join the model ``BATCH_SIZE`` at a time,
one turn of the event loop each. The count of the whole listing is asked after
the first page. Nothing the UI thread does grows with the number of articles.

The rows and their model are ``library_model``, the list and how a row looks
``library_view``; what stays here (about 470 lines) is the panel: its filters, the
paging and the answers' generations, and a saved article's line kept in place.
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import (
    QLocale,
    QModelIndex,
    QPoint,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtWidgets import (
    QComboBox,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QTabBar,
    QVBoxLayout,
    QWidget,
)

from newsdesk.core.article import Status
from newsdesk.ui.library_model import (
    LibraryModel,
    LibraryRow,
    row_from_hit,
    row_from_summary,
)
from newsdesk.ui.library_view import LibraryView
from newsdesk.ui.tasks import DbWorker

SEARCH_DEBOUNCE_MS = 150
# Rows asked of the store at a time; one page is about 5 ms of the worker's time at
# 100,000 articles, and fills more than a tall screen.
PAGE_SIZE = 200
# Rows added to the model per turn of the event loop: the view lays them out
# between two, so the window keeps answering while a page comes in.
BATCH_SIZE = 50
# A search's hits measured and added per turn of the event loop (see ``_show_rows``).
HITS_PER_LAYOUT = 6
#: Search results shown: the best 50 are what a reporter reads, and each one
#: costs a snippet; 500 of them took ~50 ms on 10,000 articles (benchmarks).
SEARCH_LIMIT = 50

# Tab index -> status filter (None: all); the last tab, after these, is the trash.
STATUS_TABS: list[Status | None] = [None, Status.DRAFT, Status.READY, Status.PUBLISHED]
TRASH_TAB = len(STATUS_TABS)

log = logging.getLogger(__name__)


class LibraryPanel(QWidget):
    """Search, filters and the list. Emits the id of the article the reporter picks."""

    article_activated = Signal(str)
    history_requested = Signal(str)
    delete_requested = Signal(str)
    # « Restaurer » on an article in the Corbeille (its id).
    restore_requested = Signal(str)
    # The list was refreshed from the store: its first page is shown (tests wait on it).
    refreshed = Signal()
    # A further page joined the list (scrolled to its end).
    page_added = Signal()

    def __init__(self, db: DbWorker, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("LibraryPanel")
        self._db = db
        self._generation = 0
        self._current_id: str | None = None
        # Where the listing's next page starts (None: no more), the filters it was
        # asked with, and the rows of an answer not yet in the model.
        self._cursor: tuple[str, int] | None = None
        self._page_filters: dict[str, Any] = {}
        self._pending: list[LibraryRow] = []
        self._batch = BATCH_SIZE
        self._first_page = False
        # The whole listing's count (None: not known, or not a listing).
        self._total: int | None = None

        self.search = QLineEdit(self)
        self.search.setObjectName("LibrarySearch")
        self.search.setPlaceholderText(self.tr("Rechercher…"))
        self.search.setClearButtonEnabled(True)
        self.tabs = QTabBar(self)
        self.tabs.setExpanding(True)
        self.tabs.setDrawBase(False)
        # Five tabs in a narrow library: tight padding, so that « Corbeille » is seen
        # rather than hidden behind scroll arrows.
        self.tabs.setStyleSheet(
            "QTabBar::tab { padding: 4px 6px; border-bottom: 2px solid transparent; }"
            "QTabBar::tab:selected { border-bottom: 2px solid #8b1a1a; font-weight: bold; }"
            "QTabBar::tab:hover { border-bottom: 2px solid #d9b3b3; }"
        )
        for text in (self.tr("Tous"), self.tr("Brouillons"), self.tr("Prêts"), self.tr("Publiés")):
            self.tabs.addTab(text)
        self.tabs.addTab(self.tr("Corbeille"))
        self.tabs.setTabToolTip(TRASH_TAB, self.tr("Les articles supprimés, qu’on peut restaurer"))
        self.restore_button = QPushButton(self.tr("Restaurer"), self)
        self.restore_button.setObjectName("RestoreButton")
        self.restore_button.setToolTip(
            self.tr("Sortir l’article choisi de la Corbeille et le rouvrir")
        )
        self.restore_button.hide()
        self.restore_button.clicked.connect(self._restore_selected)
        self.category = QComboBox(self)
        self.category.addItem(self.tr("Toutes les rubriques"), "")
        self.model = LibraryModel(self)
        self.list = LibraryView(self.model, self)
        self.list.setObjectName("LibraryList")
        self.list.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        # How many articles the listing holds in all (asked after its first page).
        self.count = QLabel(self)
        self.count.setObjectName("LibraryCount")
        self.count.setStyleSheet("color:#777; padding:0 6px")
        self.count.hide()
        self.empty = QLabel(self)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self.empty.setStyleSheet("color:#777; padding:12px")
        self.empty.hide()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 0, 6)
        layout.setSpacing(4)
        layout.addWidget(self.search)
        layout.addWidget(self.tabs)
        layout.addWidget(self.category)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.count)
        layout.addWidget(self.empty)
        layout.addWidget(self.restore_button)

        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(SEARCH_DEBOUNCE_MS)
        self._debounce.timeout.connect(self.refresh)
        self._applying = QTimer(self)
        self._applying.setSingleShot(True)
        self._applying.setInterval(0)
        self._applying.timeout.connect(self._apply_batch)
        self.model.more_wanted.connect(self._fetch_more)
        self.search.textChanged.connect(lambda _text: self._debounce.start())
        self.tabs.currentChanged.connect(self._on_tab_changed)
        self.category.currentIndexChanged.connect(lambda _i: self.refresh())
        self.list.clicked.connect(self._on_clicked)
        self.list.activated.connect(self._on_clicked)
        self.list.customContextMenuRequested.connect(self._context_menu)
        self.list.selectionModel().currentChanged.connect(lambda *_: self._update_restore())

    # -- filters -----------------------------------------------------------------

    def status_filter(self) -> Status | None:
        index = max(0, self.tabs.currentIndex())
        return STATUS_TABS[index] if index < len(STATUS_TABS) else None

    def showing_trash(self) -> bool:
        return self.tabs.currentIndex() == TRASH_TAB

    def show_trash(self) -> None:
        self.tabs.setCurrentIndex(TRASH_TAB)

    def _on_tab_changed(self, _index: int) -> None:
        trash = self.showing_trash()
        self.restore_button.setVisible(trash)
        self.category.setEnabled(not trash)
        self.refresh()

    def category_filter(self) -> str | None:
        return self.category.currentData() or None

    def set_categories(self, categories: list[str]) -> None:
        shown = [self.category.itemData(i) for i in range(1, self.category.count())]
        if shown == categories:
            return
        current = self.category.currentData()
        self.category.blockSignals(True)
        self.category.clear()
        self.category.addItem(self.tr("Toutes les rubriques"), "")
        for name in categories:
            self.category.addItem(name, name)
        index = self.category.findData(current)
        self.category.setCurrentIndex(max(0, index))
        self.category.blockSignals(False)

    def set_current(self, article_id: str | None) -> None:
        """Mark the article open in the editor."""
        self._current_id = article_id
        self._select_current()

    # -- querying ----------------------------------------------------------------

    def refresh(self) -> None:
        """Ask the store again with the current query and filters (from the top)."""
        self._debounce.stop()
        self._generation += 1
        generation = self._generation
        self._applying.stop()
        self._pending = []
        self._cursor = None
        query = self.search.text().strip()
        status = self.status_filter()
        category = self.category_filter()
        status_value = status.value if status else None
        trash = self.showing_trash()
        filters: dict[str, Any] = {"status": status_value, "category": category}
        self._page_filters = filters

        def fetch(store: Any) -> tuple[list[LibraryRow], tuple[str, int] | None]:
            if trash:
                # The trash is small and outside the search index: filter its titles,
                # folded as the search folds them (« tillaberi » finds « Tillabéri »).
                from newsdesk.core.folding import fold

                folded = fold(query)
                rows = [
                    row_from_summary(s)
                    for s in store.trash()
                    if not folded or folded in fold(s.title)
                ]
                return rows, None
            if query:
                hits = store.search(query, limit=SEARCH_LIMIT, **filters)
                return [row_from_hit(h) for h in hits], None
            page = store.list_page(limit=PAGE_SIZE, **filters)
            return [row_from_summary(s) for s in page.summaries], page.next

        def show(answer: tuple[list[LibraryRow], tuple[str, int] | None]) -> None:
            if generation != self._generation:
                return  # a newer query is on its way
            rows, cursor = answer
            # The Corbeille's rows carry no snippet: uniform too, however many.
            self._show_rows(rows, query, cursor, listing=not (trash or query), uniform=trash)

        def failed(error: BaseException) -> None:
            if generation != self._generation:
                return
            self.model.set_rows([])
            self.count.hide()
            self.empty.setText(
                self.tr("La recherche n’a pas pu aboutir : %1").replace("%1", str(error))
            )
            self.empty.show()
            self.refreshed.emit()

        self._db.submit(fetch, show, failed, owner=self)

    def _show_rows(
        self,
        rows: list[LibraryRow],
        query: str,
        cursor: tuple[str, int] | None = None,
        listing: bool = False,
        uniform: bool = False,
    ) -> None:
        """The answer's first rows now, the others a batch per turn of the event loop."""
        uniform = uniform or listing
        self.list.set_uniform(uniform)
        # Hits are rich text, a millisecond or two each to measure: a few per turn.
        self._batch = BATCH_SIZE if uniform else HITS_PER_LAYOUT
        self.model.set_rows(rows[: self._batch], uniform=uniform)
        self._pending = rows[self._batch :]
        self._cursor = cursor
        self._first_page = True
        if rows:
            self.empty.hide()
        else:
            if query:
                text = self.tr("Aucun article ne correspond à « %1 ».").replace("%1", query)
            elif self.showing_trash():
                text = self.tr("La Corbeille est vide.")
            else:
                text = self.tr("Aucun article ici pour l’instant.")
            self.empty.setText(text)
            self.empty.show()
        self._select_current()
        self._update_restore()
        self._total = None
        self._show_count()
        if listing and rows:
            self._ask_count()
        if self._pending:
            self._apply_batch()
        else:
            self._page_done()

    def _apply_batch(self) -> None:
        batch, self._pending = self._pending[: self._batch], self._pending[self._batch :]
        if batch:
            self.model.append_rows(batch)
        if self._pending:
            self._applying.start()
        else:
            self._page_done()

    def _page_done(self) -> None:
        """The answer is all in the model: the view may ask for the next page."""
        self.model.has_more = self._cursor is not None
        self.model.fetching = False
        if self.list.currentIndex().data(LibraryModel.IdRole) != self._current_id:
            number = self.model.position(self._current_id or "")
            if number >= 0:
                self.list.setCurrentIndex(self.model.index(number))
        if self._first_page:
            self._first_page = False
            self.refreshed.emit()
        else:
            self.page_added.emit()

    def _fetch_more(self) -> None:
        """The view reached the end of the rows held: the next page, on the worker."""
        cursor, filters, generation = self._cursor, self._page_filters, self._generation
        if cursor is None:
            self.model.fetching = False
            return

        def fetch(store: Any) -> tuple[list[LibraryRow], tuple[str, int] | None]:
            page = store.list_page(after=cursor, limit=PAGE_SIZE, **filters)
            return [row_from_summary(s) for s in page.summaries], page.next

        def show(answer: tuple[list[LibraryRow], tuple[str, int] | None]) -> None:
            if generation != self._generation:
                return  # the filters changed since: that listing is gone
            rows, self._cursor = answer
            self._pending.extend(rows)
            self._apply_batch()

        def failed(error: BaseException) -> None:
            if generation == self._generation:
                # Scrolling to the end again asks again.
                self.model.fetching = False
                log.warning("the library's next page: %s", error)

        self._db.submit(fetch, show, failed, owner=self)

    def _ask_count(self) -> None:
        generation, filters = self._generation, self._page_filters

        def show(total: int) -> None:
            if generation == self._generation:
                self._total = total
                self._show_count()

        self._db.submit(
            lambda store: store.count_articles(**filters),
            show,
            lambda error: log.warning("the library's count: %s", error),
            owner=self,
        )

    def _show_count(self) -> None:
        total = self._total
        if total is None:
            self.count.hide()
            return
        if total == 1:
            text = self.tr("1 article en tout")
        else:
            text = self.tr("%1 articles en tout").replace("%1", QLocale().toString(total))
        self.count.setText(text)
        self.count.setVisible(total > 0)

    def _update_restore(self) -> None:
        self.restore_button.setEnabled(self.showing_trash() and self.list.currentIndex().isValid())

    def _restore_selected(self) -> None:
        index = self.list.currentIndex()
        if self.showing_trash() and index.isValid():
            self.restore_requested.emit(index.data(LibraryModel.IdRole))

    def _select_current(self) -> None:
        number = self.model.position(self._current_id or "")
        if number >= 0:
            self.list.setCurrentIndex(self.model.index(number))
        else:
            self.list.clearSelection()

    def article_saved(self, article: Any) -> None:
        """Show a just-saved article without asking the store for the whole list again.

        Autosave runs every few seconds while the reporter types; reloading and
        re-laying out hundreds of rows each time would be felt in the editor.
        The listing is most recently updated first, so the article goes on top.
        """
        row = LibraryRow(
            id=article.id,
            title=article.title,
            status=Status(article.status),
            category=article.category,
            when=article.date or article.updated_at,
            tags=tuple(article.tags),
        )
        number = self.model.position(article.id)
        if self.showing_trash():
            return  # a saved article is not in the trash
        # A copy still waiting for its turn would come back below, as it was.
        self._pending = [pending for pending in self._pending if pending.id != article.id]
        if self.search.text().strip() or self._debounce.isActive():
            if number >= 0:  # a search result keeps its place and its snippet
                row.snippet_html = self.model.rows[number].snippet_html
                self.model.replace_row(number, row)
            return
        status, category = self.status_filter(), self.category_filter()
        matches = (status is None or row.status == status) and (
            category is None or row.category == category
        )
        if article.revision == 1 and number < 0 and matches and self._total is not None:
            self._total += 1  # a new article: one more in the listing
            self._show_count()
        if number == 0 and matches:
            self.model.replace_row(0, row)
        else:
            if number >= 0:
                self.model.remove_row(number)
            if matches:
                self.model.insert_row(0, row)
        self.empty.setVisible(not self.model.rows)
        self._select_current()

    def visible_ids(self) -> list[str]:
        return list(self.model.rows.ids())

    # -- reactions ---------------------------------------------------------------

    def _on_clicked(self, index: QModelIndex) -> None:
        if self.showing_trash():
            # An article in the trash is restored before it can be opened.
            self._update_restore()
            return
        article_id = index.data(LibraryModel.IdRole)
        if article_id and article_id != self._current_id:
            self.article_activated.emit(article_id)

    def _context_menu(self, pos: QPoint) -> None:
        index = self.list.indexAt(pos)
        if not index.isValid():
            return
        article_id = index.data(LibraryModel.IdRole)
        menu = QMenu(self)
        if self.showing_trash():
            menu.addAction(self.tr("Restaurer"), lambda: self.restore_requested.emit(article_id))
        else:
            menu.addAction(self.tr("Historique…"), lambda: self.history_requested.emit(article_id))
            menu.addSeparator()
            menu.addAction(
                self.tr("Mettre à la corbeille"), lambda: self.delete_requested.emit(article_id)
            )
        menu.exec(self.list.viewport().mapToGlobal(pos))
