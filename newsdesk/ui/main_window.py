"""The main window: library on the left, the article in the middle, the preview on the right.

``MainWindow`` builds the panes and composes the rooms that do the work:

* ``ui.save_controller``: autosave, the save queue, refused (stale) saves, every
  path by which words reach the store (``window.saver``);
* ``ui.article_actions``: import and export, images, history, the Corbeille
  (``window.articles``);
* ``ui.window_menus``: the menus and their actions (kept on the window);
* ``ui.window_state``: geometry, splitters and the last article, between sessions;
* ``ui.status_line``: the save state, the counts and the hints in the status bar;
* ``ui.spell_menu``: the underlines and their menus (started after the first preview);
* ``ui.welcome``: the welcome over the empty form while the library is empty.

What stays here: opening and showing an article, the settings followed live, what
the outbox and the site change in the article on screen, the view, and closing.
The window's public methods (``save_now``, ``flush``, ``open_article``...) are the
ones the menus, the panes and the tests call; those that belong to a room hand over.

Longer than a room should be (about 750 lines): some 100 of them are those hand-overs
and the declarations of the actions the menus build, kept so that the window stays the
one object the rest of the program and the tests talk to; the start-up sequence (the
last article shown before the store opens, then the list) is the rest of the growth,
and the next room to move out (with ``_open_store_for_window`` in ``app.py``).
"""

from __future__ import annotations

import contextlib
import logging
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent
from PySide6.QtWidgets import QMainWindow, QMessageBox, QSplitter, QWidget

from newsdesk.core import rules
from newsdesk.core.article import Article
from newsdesk.core.errors import ArticleNotFound
from newsdesk.ui.article_actions import ArticleActions
from newsdesk.ui.article_editor import ArticleEditor
from newsdesk.ui.library import LibraryPanel
from newsdesk.ui.live_preview import LivePreview
from newsdesk.ui.messages import describe_error
from newsdesk.ui.preview import PreviewPane
from newsdesk.ui.preview_follow import PreviewFollow
from newsdesk.ui.publish_button import OutboxRunner, PublishButton, remote_mark
from newsdesk.ui.pull_dialog import PullFromSite
from newsdesk.ui.save_controller import DEFAULT_AUTOSAVE_SECONDS, SaveController, SaveState
from newsdesk.ui.spell_menu import SpellWiring
from newsdesk.ui.status_line import StatusLine
from newsdesk.ui.welcome import Welcome
from newsdesk.ui.window_menus import WindowMenus
from newsdesk.ui.window_state import WindowState

if TYPE_CHECKING:
    from newsdesk.context import Context

log = logging.getLogger(__name__)

#: At most how long the store waits for the first article's preview (see
#: ``MainWindow._show_first_article``).
FIRST_PREVIEW_HOLD_S = 1.5
#: Spelling starts with the first preview on screen, or this long after start-up
#: when none comes (the preview hidden, an empty library).
SPELLING_FALLBACK_MS = 2500
#: After the first preview has loaded, how long the store's opening (SQLAlchemy's import
#: on the database worker) and the spelling process wait: Chromium paints the page
#: meanwhile, on an interface thread that would otherwise share Python's lock with
#: them (measured from outside: the preview complete ~0.1 s sooner at 20,000 words).
PAINT_GRACE_MS = 250


class MainWindow(QMainWindow):
    """The one window of newsdesk."""

    # The article on screen was stored (its stored copy).
    saved = Signal(object)
    # An article was opened in the editor (its id).
    article_opened = Signal(str)
    # The store answered the first time (tests and start-up timing wait on it).
    store_ready = Signal()
    # The status bar's counts caught up with the text.
    stats_updated = Signal()
    # The store could not be opened (the window says why).
    store_failed = Signal()
    # The open article's status and date were taken from the store after a sending.
    site_state_refreshed = Signal(object)

    # Built by ``WindowMenus``.
    new_action: QAction
    import_action: QAction
    export_action: QAction
    delete_action: QAction
    trash_action: QAction
    save_action: QAction
    quit_action: QAction
    undo_action: QAction
    redo_action: QAction
    find_action: QAction
    find_text_action: QAction
    preview_action: QAction
    mobile_action: QAction
    fullscreen_action: QAction
    about_action: QAction

    def __init__(self, context: Context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.db = context.db
        self.setObjectName("MainWindow")
        self.setWindowTitle("newsdesk")
        self._store_answered = False
        # The last error shown (tests answer it).
        self.error_box: QMessageBox | None = None
        self.window_state = WindowState(self)
        self.ui_state = self.window_state.values

        self.library = LibraryPanel(self.db, self)
        self.editor = ArticleEditor(self)
        self.preview = PreviewPane(self)
        self.live_preview = LivePreview(
            self.preview,
            self._article_for_preview,
            media_url=self._media_url,
            media_dir=context.paths.media,
            parent=self,
        )
        self.preview_follow = PreviewFollow(self.editor.body, self.live_preview, self.preview, self)
        self.live_preview.keep_pages(context.paths.first_page, self.editor.current)
        # The article left open last time and, when it has not changed since, the page
        # the preview last showed of it: Chromium lays that out while the rest of the
        # window is built (``storage.first_page``).
        last = str(self.ui_state.value("last_article", "", type=str) or "")
        first, kept = self._kept_first_page(last)

        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("MainSplitter")
        self.splitter.addWidget(self.library)
        self.splitter.addWidget(self.editor)
        self.splitter.addWidget(self.preview)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setStretchFactor(2, 2)
        self.setCentralWidget(self.splitter)

        self.saver = SaveController(self)
        self.saver.saved.connect(self.saved)
        self.articles = ArticleActions(self)
        self.status_line = StatusLine(self)
        self.status_line.stats_updated.connect(self.stats_updated)
        self.saver.state_changed.connect(self.status_line.show_save_state)
        self.state_label = self.status_line.state_label
        self.stats_label = self.status_line.stats_label
        self.hints_label = self.status_line.hints_label
        # Spelling and grammar underlines in the form, « Grammaire indisponible » beside them.
        self.spelling = SpellWiring(self.editor, context.paths, context.settings, self)
        self.spelling.start_after(
            self.live_preview.preview_updated, SPELLING_FALLBACK_MS, PAINT_GRACE_MS
        )

        self.outbox = OutboxRunner(self.db, context, context.credentials, self)
        self.publish = PublishButton(
            self.db,
            self.outbox,
            self.flush,
            self._stored_id,
            self,
            article_title=lambda: self.editor.title.text(),
            article=lambda: self.editor.current(),
        )
        self.statusBar().addPermanentWidget(self.publish)
        self.publish.checklist.findings = self.spelling.findings
        self.outbox.states_changed.connect(self._show_remote_states)
        self.outbox.drained.connect(self._on_drained)
        self.publish.article_changed.connect(self._on_changed_by_publishing)
        # Fichier ▸ Ouvrir un article du site… : pulled into the library, then opened.
        self.pull = PullFromSite(self.db, self.outbox, self)
        self.pull.pulled.connect(self._on_pulled)
        self.publish.terms_refreshed.connect(self.refresh_choices)
        self.publish.state_shown.connect(self._on_publish_state_shown)

        self.menus = WindowMenus(self)
        # An empty library: a welcome in the editor's place (ui.welcome says when).
        self.welcome = Welcome(self)
        self._connect()
        self._apply_settings()
        subscribe = getattr(context.settings, "subscribe", None)
        self._unsubscribe = subscribe(self._on_setting_changed) if callable(subscribe) else None
        self.window_state.restore()
        self.saver.set_state(SaveState.SAVED)
        self._update_stats()

        self.db.store_opened.connect(self._on_store_opened)
        self.db.store_failed.connect(self._on_store_failed)
        # The article left open last time, read before the store opens (no SQLAlchemy):
        # it and its preview are on screen about half a second sooner.
        self._first_shown: str | None = None
        self._site_state_pending = False
        if last and not self.db.isRunning() and self.db.state == "opening":
            self.db.before_open(
                lambda: first if kept else _read_first_article(context, last, first),
                self._show_first_article,
                owner=self,
                hold_s=FIRST_PREVIEW_HOLD_S,
            )
        if not self.db.isRunning():
            self.db.start()
        # A worker started before this window existed may have answered
        # already, before anyone listened to its signals.
        if self.db.state == "open":
            QTimer.singleShot(0, self._on_store_opened)
        elif self.db.state == "failed":
            error = self.db.open_error
            QTimer.singleShot(0, lambda: self._on_store_failed(error or RuntimeError()))

    # -- the save state, as the tests and the rooms read it --------------------------

    @property
    def _state(self) -> str:
        return self.saver.state

    @property
    def _saving(self) -> bool:
        return self.saver.saving

    @property
    def _autosave_ms(self) -> int:
        return self.saver.autosave_ms

    @_autosave_ms.setter
    def _autosave_ms(self, ms: int) -> None:
        self.saver.autosave_ms = ms

    @property
    def conflict_box(self) -> QMessageBox | None:
        return self.saver.conflict_box

    @property
    def delete_box(self) -> QMessageBox | None:
        return self.articles.delete_box

    def is_dirty(self) -> bool:
        return self.saver.is_dirty()

    def save_now(self) -> None:
        """Save the article on screen now (Ctrl+S, autosave, focus out)."""
        self.saver.save_now()

    def flush(self, timeout: float = 30.0) -> bool:
        """Save now and wait for the store: True when nothing is left unsaved."""
        return self.saver.flush(timeout)

    def resolve_conflict(self) -> None:
        self.saver.resolve_conflict()

    def reload_keeping_edits(self) -> None:
        self.saver.reload_keeping_edits()

    def save_state_text(self) -> str:
        return self.state_label.text()

    # -- what the rooms of ``ArticleActions`` do, reached from the window -------------

    def import_featured_image(self, path: Path) -> None:
        self.articles.import_featured_image(path)

    def import_inline_image(self, path: Path) -> None:
        self.articles.import_inline_image(path)

    def import_files(self) -> None:
        self.articles.import_files()

    def import_paths(self, paths: list[Path]) -> None:
        self.articles.import_paths(paths)

    def export_article(self) -> None:
        self.articles.export_article()

    def export_to(self, target: Path, fmt: str) -> None:
        self.articles.export_to(target, fmt)

    def show_history(self, article_id: str) -> None:
        self.articles.show_history(article_id)

    def restore_revision(self, article_id: str, revision: int) -> None:
        self.articles.restore_revision(article_id, revision)

    def delete_current(self) -> None:
        self.articles.delete_current()

    def delete_article(self, article_id: str, confirm: bool = True) -> None:
        self.articles.delete_article(article_id, confirm)

    def restore_article(self, article_id: str) -> None:
        self.articles.restore_article(article_id)

    # -- set-up ----------------------------------------------------------------------

    def _media_url(self, relative: str) -> str:
        return (self.context.paths.media / relative).as_uri()

    def setting(self, key: str, default: Any) -> Any:
        try:
            return self.context.settings.get(key)
        except Exception:
            return default

    def _apply_settings(self) -> None:
        self.saver.set_autosave_seconds(
            float(self.setting("autosave_seconds", DEFAULT_AUTOSAVE_SECONDS))
        )
        size = self.setting("editor_font_size", 0)
        font = self.editor.body.font()
        # 0 is the size the body chose for itself (the system's, a point larger), kept
        # from the first call: what a size chosen earlier in Préférences gives back.
        if not hasattr(self, "_body_own_size"):
            self._body_own_size = font.pointSizeF()
        wanted = float(size) or self._body_own_size
        if wanted > 0 and font.pointSizeF() != wanted:
            font.setPointSizeF(wanted)
            self.editor.body.setFont(font)
        self.editor.default_zone = str(self.setting("time_zone", "") or "")
        self.publish.reporter_zone = self.editor.default_zone
        self.status_line.words_per_minute = int(
            self.setting("words_per_minute", rules.WORDS_PER_MINUTE)
        )

    def _on_setting_changed(self, name: str) -> None:
        # Settings may be changed by a dialog or another part of the program: follow them live.
        if name in ("autosave_seconds", "editor_font_size", "time_zone", "words_per_minute"):
            self._apply_settings()
            self._update_stats()
        elif name == "preview_width":
            self.preview.set_mobile(self.setting("preview_width", "desktop") == "mobile")
        elif name in ("spellcheck", "french_spelling", "english_spelling"):
            self.spelling.apply_settings()

    def _connect(self) -> None:
        self.editor.edited.connect(self._on_edited)
        self.editor.focus_left.connect(self.saver.focus_left)
        self.editor.image_file_chosen.connect(self.import_featured_image)
        self.editor.inline_image_chosen.connect(self.import_inline_image)
        self.library.article_activated.connect(self.open_article)
        self.library.history_requested.connect(self.show_history)
        self.library.delete_requested.connect(self.delete_article)
        self.library.restore_requested.connect(self.restore_article)
        self.live_preview.render_failed.connect(
            lambda text: self.statusBar().showMessage(
                self.tr("L’aperçu n’a pas pu être mis à jour : %1").replace("%1", text), 5000
            )
        )

    # -- start-up ------------------------------------------------------------------

    def _kept_first_page(self, article_id: str) -> tuple[Article | None, bool]:
        """The article ``article_id`` as read to check the page kept of it (None when
        there was nothing to check), and whether that page was current and now loads in
        the preview. When it was not, the renderer is warmed up with the article on the
        database worker, as before anything was kept."""
        from newsdesk.storage import first_page

        paths = self.context.paths
        if not article_id or not paths.first_page.is_file() or not self.live_preview.enabled:
            return None, False
        article = self.context.first_article(article_id)
        if article is None:
            return None, False
        kept = first_page.load(paths.first_page, article, str(paths.media))
        if kept is None:
            return article, False
        self.live_preview.show_kept(kept, article.language.value)
        return article, True

    def _show_first_article(self, article: Article | None) -> None:
        """The last article, read before the store opened. The store, held meanwhile,
        opens once its preview is on screen (``_release_store``): the render and the
        store's imports are both Python and would only slow each other down."""
        if (
            article is None
            or self._store_answered
            or self.editor.base().revision
            or self.is_dirty()
        ):
            self.db.release_open()
            return
        self._first_shown = article.id
        if self.live_preview.enabled:
            self.live_preview.preview_updated.connect(self._release_store)
            self.live_preview.render_failed.connect(self._release_store)
        self.show_article(article, site_state=False)
        if not self.live_preview.enabled:
            self.db.release_open()  # no preview to wait for: the store opens now

    def _release_store(self, *_args: object) -> None:
        """The first preview is on its way to the screen: the store opens a moment
        later (``PAINT_GRACE_MS``)."""
        for signal in (self.live_preview.preview_updated, self.live_preview.render_failed):
            with contextlib.suppress(RuntimeError):
                signal.disconnect(self._release_store)
        QTimer.singleShot(PAINT_GRACE_MS, self, self.db.release_open)

    def _check_first_article(self, article_id: str) -> None:
        """The article shown before the store opened is the store's copy still (another
        newsdesk may have saved it meanwhile); without edits, a newer one is shown."""

        def compare(stored: Article) -> None:
            base = self.editor.base()
            if stored.id == base.id and stored.revision != base.revision and not self.is_dirty():
                self.show_article(stored)

        def failed(error: BaseException) -> None:
            log.info("first article: %s", type(error).__name__)

        self.db.submit(lambda store: store.get(article_id), compare, failed, owner=self)

    def _on_store_opened(self) -> None:
        if self._store_answered:
            return
        self._store_answered = True
        self.saver.store_ok = True
        if self._first_shown is not None:
            self._check_first_article(self._first_shown)
        if self._site_state_pending:
            self._site_state_pending = False
            self.publish.refresh_state()
        # Typed into, or asked for (Ctrl+N) before the store answered: that article
        # stays on screen; showing the last one instead took the words away mid-sentence.
        own = self.is_dirty() or (
            self._first_shown is not None and self.editor.base().id != self._first_shown
        )
        if self.is_dirty():
            self.save_now()  # typed before the store could take it
        # The article first: its preview is what the reporter waits for, and the
        # database worker answers in the order it is asked. Then the list, then the
        # form's choices.
        last = str(self.ui_state.value("last_article", "", type=str) or "")
        if own:
            pass
        elif last:
            self.open_article(last, quiet=True)
        else:
            self.new_article()
        self.library.refresh()
        self.refresh_choices()
        self.store_ready.emit()
        # Actions left in the outbox by an earlier session leave now if they are due.
        self.outbox.refresh()
        # The sites' rubriques and tags, fetched once a session for the form (kept for
        # offline); without the network the cached ones stay.
        self.publish.refresh_site_terms()

    def _on_store_failed(self, error: BaseException) -> None:
        if self._store_answered:
            return
        self._store_answered = True
        self.saver.store_ok = False
        # Nothing can be saved: typing into the editor would only lose words.
        self.editor.setEnabled(False)
        self.library.setEnabled(False)
        box = QMessageBox(
            QMessageBox.Icon.Critical,
            self.tr("Impossible d’ouvrir les articles"),
            describe_error(error)
            + "\n\n"
            + self.tr("Aucun fichier n’a été modifié. Fermez newsdesk et réessayez."),
            parent=self,
        )
        box.setObjectName("StoreErrorBox")
        self.error_box = box
        box.open()
        self.store_failed.emit()

    def refresh_choices(self) -> None:
        def fetch(store: Any) -> tuple[list[str], list[str]]:
            return _rubriques(store), store.tags()

        def show(result: tuple[list[str], list[str]]) -> None:
            categories, tags = result
            self.editor.set_choices(categories, tags)
            self.spelling.set_terms(categories + tags)
            self.library.set_categories(categories)

        self.db.submit(fetch, show, self.report_failure, owner=self)

    # -- opening -------------------------------------------------------------------

    def _on_changed_by_publishing(self, article_id: str) -> None:
        # A conflict settled with the site's version (or a merge) is a new revision:
        # the editor must take it, or its next save would be refused as stale.
        if article_id == self.editor.base().id:
            self.reload_keeping_edits()
        self.library.refresh()

    def _on_pulled(self, article_id: str) -> None:
        self.library.refresh()
        if article_id == self.editor.base().id:
            self.reload_keeping_edits()  # pulled again: the site's text, the typed words kept
        else:
            self.open_article(article_id)

    def _on_drained(self, report: Any) -> None:
        """The worker sent something: the article's status (and date) on the site are in
        the store now; the form, the library and its tabs follow."""
        results = list(getattr(report, "results", []) or [])
        if not results:
            return
        self.library.refresh()
        article_id = self.editor.base().id
        if any(r.article_id == article_id for r in results):
            self.refresh_site_state()

    def refresh_site_state(self) -> None:
        """Take the open article's status and date from the store, nothing else: the
        text on screen and the edits not saved yet stay as they are."""
        article_id = self.editor.base().id

        def shown(stored: Article) -> None:
            if stored.id != self.editor.base().id:
                return
            self.editor.set_site_state(stored.status, stored.date)
            self.live_preview.show_article()
            self.site_state_refreshed.emit(stored)

        self.db.submit(
            lambda store: store.get(article_id),
            shown,
            lambda e: log.info("site state: %s", type(e).__name__),
            owner=self,
        )

    def _article_for_preview(self) -> Article:
        """The article on screen with the date the site will show (see ``ui.site_date``)."""
        article = self.editor.current()
        publish = getattr(self, "publish", None)
        if publish is None:
            return article
        try:
            shown: Article = publish.preview_article(article)
        except Exception:  # the preview must never fail for a date
            log.exception("preview date")
            return article
        self._preview_minute = shown.date.replace(second=0, microsecond=0) if shown.date else None
        return shown

    def _on_publish_state_shown(self, _line: object) -> None:
        # Where the article stands decides the date the preview shows: render again
        # only when that date changes (the preview patches just the date line).
        article = self.editor.current()
        try:
            shown = self.publish.preview_article(article)
        except Exception:
            return
        minute = shown.date.replace(second=0, microsecond=0) if shown.date else None
        if minute != getattr(self, "_preview_minute", None):
            self.live_preview.text_changed()

    def _show_remote_states(self, states: dict[str, str]) -> None:
        keys = self.outbox.key_articles
        marks = {
            a: mark
            for a, state in states.items()
            if (mark := remote_mark(state, "ghost" if a in keys else ""))
        }
        self.library.model.set_remote(marks)

    def _stored_id(self) -> str:
        """The id of the article on screen once it is in the store, else empty."""
        base = self.editor.base()
        return base.id if base.revision else ""

    def new_article(self) -> None:
        self.saver.leave_current()
        article = self.blank_article()
        self.show_article(article)
        self.editor.title.setFocus()

    def blank_article(self) -> Article:
        try:
            from newsdesk import services

            fresh: Article = services.new_article(self.context.settings)
            return fresh
        except Exception:
            log.exception("new_article from settings failed")
            return Article()

    def open_article(self, article_id: str, quiet: bool = False) -> None:
        if article_id == self.editor.base().id and self.editor.base().revision:
            return
        self.saver.leave_current()

        def opened(article: Article) -> None:
            self.saver.leave_current()  # words typed while the article was on its way
            self.show_article(article)

        def failed(error: BaseException) -> None:
            if isinstance(error, ArticleNotFound) and quiet:
                self.new_article()
                return
            self.report_failure(error)

        self.db.submit(lambda store: store.get(article_id), opened, failed, owner=self)

    def show_article(self, article: Article, site_state: bool = True) -> None:
        """Show ``article`` in the editor and the preview. ``site_state=False`` before
        the store is open: where it stands on the site is asked once the store opens."""
        image_path = None
        if article.featured_image is not None:
            image_path = self.context.paths.media / article.featured_image.path
        self.editor.load(article, image_path)
        self.saver.shown()
        self.library.set_current(article.id if article.revision else None)
        if article.revision:
            self.ui_state.setValue("last_article", article.id)
        self.live_preview.show_article()
        self._update_stats()
        self.window_state.fit_form_once()
        self.article_opened.emit(article.id)
        if site_state:
            self.publish.refresh_state()
        else:
            self._site_state_pending = True

    # -- editing -------------------------------------------------------------------

    def _on_edited(self, field_name: str) -> None:
        if not self.saver.edited():
            return  # the reporter has to answer the conflict question first
        self.live_preview.text_changed()
        self.status_line.timer.start()
        self.publish.checklist.article_edited()

    def image_path(self, article: Article) -> Path | None:
        if article.featured_image is None:
            return None
        return self.context.paths.media / article.featured_image.path

    # -- view ----------------------------------------------------------------------

    def focus_search(self) -> None:
        self.library.search.setFocus()
        self.library.search.selectAll()

    def set_preview_visible(self, visible: bool) -> None:
        self.preview.setVisible(visible)
        self.preview_action.setChecked(visible)
        self.live_preview.set_enabled(visible)

    def toggle_fullscreen(self) -> None:
        if self.isFullScreen():
            self.showNormal()
        else:
            self.showFullScreen()
        self.fullscreen_action.setChecked(self.isFullScreen())

    def show_about(self) -> None:
        """Aide ▸ À propos: the version, the licence and the components' licences."""
        from newsdesk.ui.about_dialog import AboutDialog  # reads metadata: not at start-up

        dialog = AboutDialog(self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.about_dialog = dialog
        dialog.open()

    def _update_stats(self) -> None:
        self.status_line.update_stats()

    # -- errors ----------------------------------------------------------------------

    def report_failure(self, error: BaseException) -> None:
        self.statusBar().showMessage(describe_error(error), 10000)

    def show_error(self, title: str, error: BaseException) -> None:
        box = QMessageBox(QMessageBox.Icon.Warning, title, describe_error(error), parent=self)
        box.setObjectName("ErrorBox")
        self.error_box = box
        box.open()

    # -- closing ---------------------------------------------------------------------

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.flush():
            if self.saver.conflict:
                event.ignore()
                self.resolve_conflict()
                return
            answer = QMessageBox.question(
                self,
                self.tr("Quitter sans enregistrer ?"),
                self.tr("L’article n’a pas pu être enregistré. Quitter quand même ?"),
            )
            if answer != QMessageBox.StandardButton.Yes:
                event.ignore()
                return
        if self._unsubscribe is not None:
            self._unsubscribe()
        self.window_state.save()
        self.live_preview.keep_now()
        self.outbox.shutdown()
        self.db.stop()
        super().closeEvent(event)


def _read_first_article(
    context: Context, article_id: str, article: Article | None = None
) -> Article | None:
    """On the database worker, before the store opens: the last article, and the
    preview's renderer made ready for it (its imports, Markdown's extensions, the
    page's template, the date's locale data) while the interface thread paints the
    window; the preview's render of the article then starts with all of it loaded.
    ``article``: the same, already read (to check a kept page), not read again."""
    if article is None:
        article = context.first_article(article_id)
    if article is not None:
        try:
            from newsdesk.render import render_body, render_page

            render_body("*Bamako*", article.language)
            render_page(article, body_html="", preview=True)
        except Exception:  # only a head start: the preview renders it again anyway
            log.exception("preview warm-up")
    return article


def _rubriques(store: Any) -> list[str]:
    """The rubriques the form offers: the connected sites' categories (cached, so
    offline too), then the local ones the sites do not have. A name differing from a
    site's only by case or accents is not offered twice."""
    from newsdesk.core.folding import fold
    from newsdesk.sync import sites

    names: list[str] = []
    for site in sites.list_sites(store):
        names.extend(sites.cached_terms(store, site.name, "categories"))
    names.sort(key=fold)
    names.extend(store.categories())
    seen: set[str] = set()
    offered = []
    for name in names:
        if name.strip() and fold(name) not in seen:
            seen.add(fold(name))
            offered.append(name)
    return offered


__all__ = ["MainWindow", "SaveState"]
