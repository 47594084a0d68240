"""The main window: library on the left, the article in the middle, the preview on the right.

The window owns the article's life cycle on screen: opening it, autosaving it,
and never losing what the reporter typed. Saving works like this:

* Every edit marks the article dirty and restarts the autosave timer
  (``autosave_seconds`` after the last change). Focus leaving the editor,
  switching article, Ctrl+S and closing the window save at once.
* One save in flight at a time, through the database worker. An edit made
  while a save runs leaves the article dirty and triggers one more save.
* The store refuses a save based on an old revision (StaleRevision). The
  window then keeps the reporter's text on screen, stops autosaving it, and
  asks: reload the stored version, or save theirs as a copy.
* Leaving an article (Ctrl+N, another one opened) while a save runs queues the
  last words right behind it, on the revision it writes; nothing waits, nothing
  is dropped. What the site does to the article (its status and date, after each
  drain) is taken into the editor without touching the text.

Longer than a room should be (about 1,200 lines): every path by which words reach
the store or could be lost (autosave, switching, conflicts, the Corbeille, a reload
after publishing) goes through this one state machine, and it is easier to keep it
whole where it can be read at once than to spread it over mixins.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QByteArray, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from newsdesk import __version__
from newsdesk.core import rules
from newsdesk.core.article import Article, new_article_id
from newsdesk.core.errors import ArticleNotFound, StaleRevision
from newsdesk.ui.article_editor import ArticleEditor
from newsdesk.ui.library import LibraryPanel
from newsdesk.ui.live_preview import LivePreview
from newsdesk.ui.messages import describe_error, describe_problem
from newsdesk.ui.preview import PreviewPane
from newsdesk.ui.publish_button import OutboxRunner, PublishButton, remote_mark
from newsdesk.ui.pull_dialog import PullFromSite
from newsdesk.ui.tasks import run_in_background

if TYPE_CHECKING:
    from newsdesk.context import Context

log = logging.getLogger(__name__)

DEFAULT_AUTOSAVE_SECONDS = 2.0
# After a failed save (disk full, file locked), the next attempt without any edit.
SAVE_RETRY_MS = 10_000


class SaveState:
    SAVED = "saved"
    DIRTY = "dirty"
    SAVING = "saving"
    CONFLICT = "conflict"
    FAILED = "failed"


class HistoryDialog(QDialog):
    """The saved versions of one article; restoring one makes it the newest revision."""

    def __init__(self, revisions: list[Any], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Historique de l’article"))
        self.list = QListWidget(self)
        locale = self.locale()
        for info in revisions:
            when = locale.toString(info.saved_at.astimezone(), "d MMM yyyy HH:mm")
            text = self.tr("Version %1 · %2 · %3 mots · %4")
            text = (
                text.replace("%1", str(info.revision))
                .replace("%2", when)
                .replace("%3", str(info.word_count))
                .replace("%4", info.title or self.tr("(sans titre)"))
            )
            item = QListWidgetItem(text, self.list)
            item.setData(Qt.ItemDataRole.UserRole, info.revision)
        buttons = QDialogButtonBox(self)
        self.restore_button = buttons.addButton(
            self.tr("Restaurer cette version"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        buttons.addButton(QDialogButtonBox.StandardButton.Close)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.list)
        layout.addWidget(buttons)
        self.resize(520, 360)

    def chosen_revision(self) -> int | None:
        item = self.list.currentItem()
        return int(item.data(Qt.ItemDataRole.UserRole)) if item else None


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

    def __init__(self, context: Context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.db = context.db
        self.setObjectName("MainWindow")
        self.setWindowTitle("newsdesk")
        self._state = SaveState.SAVED
        self._edit_generation = 0
        self._saving = False
        self._save_again = False
        # The save in flight (what it sends, and the article stored once it is done).
        self._last_save: _SaveTicket | None = None
        # The article being left for another (its late answers leave the editor alone).
        self._left_id: str | None = None
        self._conflict = False
        self._store_ok = False
        # The open conflict question and the last error shown (tests answer them).
        self.conflict_box: QMessageBox | None = None
        self.error_box: QMessageBox | None = None
        self.delete_box: QMessageBox | None = None
        self._stats_generation = 0
        self._words_per_minute = rules.WORDS_PER_MINUTE
        self.ui_state = QSettings(str(context.paths.ui_state), QSettings.Format.IniFormat)

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

        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("MainSplitter")
        self.splitter.addWidget(self.library)
        self.splitter.addWidget(self.editor)
        self.splitter.addWidget(self.preview)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setStretchFactor(2, 2)
        self.setCentralWidget(self.splitter)

        self._autosave = QTimer(self)
        self._autosave.setSingleShot(True)
        self._autosave.timeout.connect(self.save_now)
        self._stats_timer = QTimer(self)
        self._stats_timer.setSingleShot(True)
        self._stats_timer.setInterval(120)
        self._stats_timer.timeout.connect(self._update_stats)

        self.state_label = QLabel(self)
        self.state_label.setObjectName("SaveState")
        self.stats_label = QLabel(self)
        self.stats_label.setObjectName("Stats")
        self.hints_label = QLabel(self)
        self.hints_label.setObjectName("Hints")
        self.hints_label.setStyleSheet("color:#8b5a00")
        bar = self.statusBar()
        bar.addWidget(self.state_label)
        bar.addWidget(self.stats_label)
        bar.addWidget(self.hints_label, 1)
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
        bar.addPermanentWidget(self.publish)
        self.outbox.states_changed.connect(self._show_remote_states)
        self.outbox.drained.connect(self._on_drained)
        self.publish.article_changed.connect(self._on_changed_by_publishing)
        # Fichier ▸ Ouvrir un article du site… : pulled into the library, then opened.
        self.pull = PullFromSite(self.db, self.outbox, self)
        self.pull.pulled.connect(self._on_pulled)
        self.publish.terms_refreshed.connect(self.refresh_choices)
        self.publish.state_shown.connect(self._on_publish_state_shown)

        self._build_actions()
        self._connect()
        self._apply_settings()
        subscribe = getattr(context.settings, "subscribe", None)
        self._unsubscribe = subscribe(self._on_setting_changed) if callable(subscribe) else None
        self._restore_ui_state()
        self._set_state(SaveState.SAVED)
        self._update_stats()

        self._store_answered = False
        self.db.store_opened.connect(self._on_store_opened)
        self.db.store_failed.connect(self._on_store_failed)
        if not self.db.isRunning():
            self.db.start()
        # A worker started before this window existed may have answered
        # already, before anyone listened to its signals.
        if self.db.state == "open":
            QTimer.singleShot(0, self._on_store_opened)
        elif self.db.state == "failed":
            error = self.db.open_error
            QTimer.singleShot(0, lambda: self._on_store_failed(error or RuntimeError()))

    # -- set-up ----------------------------------------------------------------------

    def _media_url(self, relative: str) -> str:
        return (self.context.paths.media / relative).as_uri()

    def _setting(self, key: str, default: Any) -> Any:
        try:
            return self.context.settings.get(key)
        except Exception:
            return default

    def _apply_settings(self) -> None:
        seconds = float(self._setting("autosave_seconds", DEFAULT_AUTOSAVE_SECONDS))
        self._autosave_ms = max(250, int(seconds * 1000))
        self._autosave.setInterval(self._autosave_ms)
        size = self._setting("editor_font_size", 0)
        if size:
            font = self.editor.body.font()
            font.setPointSizeF(float(size))
            self.editor.body.setFont(font)
        self.editor.default_zone = str(self._setting("time_zone", "") or "")
        self.publish.reporter_zone = self.editor.default_zone
        self._words_per_minute = int(self._setting("words_per_minute", rules.WORDS_PER_MINUTE))

    def _on_setting_changed(self, name: str) -> None:
        # Settings may be changed by a dialog or another part of the program: follow them live.
        if name in ("autosave_seconds", "editor_font_size", "time_zone", "words_per_minute"):
            self._apply_settings()
            self._update_stats()
        elif name == "preview_width":
            self.preview.set_mobile(self._setting("preview_width", "desktop") == "mobile")

    def _action(
        self,
        text: str,
        slot: Callable[..., Any],
        shortcut: QKeySequence | QKeySequence.StandardKey | str | None = None,
    ) -> QAction:
        action = QAction(text, self)
        action.triggered.connect(slot)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        self.addAction(action)
        return action

    def _build_actions(self) -> None:
        key = QKeySequence.StandardKey
        self.new_action = self._action(self.tr("&Nouvel article"), self.new_article, key.New)
        self.import_action = self._action(self.tr("&Importer…"), self.import_files, key.Open)
        self.export_action = self._action(self.tr("&Exporter…"), self.export_article, "Ctrl+E")
        self.delete_action = self._action(self.tr("Mettre à la &corbeille…"), self.delete_current)
        self.trash_action = self._action(self.tr("Voir la Co&rbeille"), self.library.show_trash)
        self.save_action = self._action(self.tr("&Enregistrer"), self.save_now, key.Save)
        self.quit_action = self._action(self.tr("&Quitter"), self.close, key.Quit)
        file_menu = self.menuBar().addMenu(self.tr("&Fichier"))
        for action in (self.new_action, self.import_action, self.export_action):
            file_menu.addAction(action)
        file_menu.addSeparator()
        file_menu.addAction(self.delete_action)
        file_menu.addAction(self.trash_action)
        file_menu.addSeparator()
        file_menu.addAction(self.publish.connect_site_action)
        file_menu.addAction(self.pull.action)
        file_menu.addSeparator()
        file_menu.addAction(self.save_action)
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)

        body = self.editor.body
        self.undo_action = self._action(self.tr("&Annuler"), body.undo)
        self.undo_action.setShortcut(QKeySequence(key.Undo))
        self.undo_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.redo_action = self._action(self.tr("&Rétablir"), body.redo)
        self.redo_action.setShortcut(QKeySequence(key.Redo))
        self.redo_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        body.undoAvailable.connect(self.undo_action.setEnabled)
        body.redoAvailable.connect(self.redo_action.setEnabled)
        self.undo_action.setEnabled(False)
        self.redo_action.setEnabled(False)
        self.find_action = self._action(self.tr("&Rechercher"), self.focus_search, key.Find)
        self.find_text_action = self._action(
            self.tr("Chercher dans le &texte…"), self.editor.show_find, "Ctrl+Shift+F"
        )
        edit_menu = self.menuBar().addMenu(self.tr("É&dition"))
        for action in (self.undo_action, self.redo_action):
            edit_menu.addAction(action)
        edit_menu.addSeparator()
        edit_menu.addAction(self.find_action)
        edit_menu.addAction(self.find_text_action)

        self.preview_action = self._action(
            self.tr("&Aperçu"), self.set_preview_visible, "Ctrl+Shift+P"
        )
        self.preview_action.setCheckable(True)
        self.preview_action.setChecked(True)
        self.mobile_action = self._action(self.tr("Aperçu &mobile"), self.preview.set_mobile)
        self.mobile_action.setCheckable(True)
        self.preview.mobile_button.toggled.connect(self.mobile_action.setChecked)
        self.preview.mobile_button.toggled.connect(self._remember_preview_width)
        self.fullscreen_action = self._action(
            self.tr("&Plein écran"), self.toggle_fullscreen, key.FullScreen
        )
        self.fullscreen_action.setCheckable(True)
        view_menu = self.menuBar().addMenu(self.tr("&Affichage"))
        for action in (self.preview_action, self.mobile_action, self.fullscreen_action):
            view_menu.addAction(action)

        self.about_action = self._action(self.tr("À &propos de newsdesk"), self.show_about)
        self.menuBar().addMenu(self.tr("&Aide")).addAction(self.about_action)

    def _connect(self) -> None:
        self.editor.edited.connect(self._on_edited)
        self.editor.focus_left.connect(self._on_focus_left)
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

    def _on_store_opened(self) -> None:
        if self._store_answered:
            return
        self._store_answered = True
        self._store_ok = True
        self.refresh_choices()
        self.library.refresh()
        last = str(self.ui_state.value("last_article", "", type=str) or "")
        if last:
            self.open_article(last, quiet=True)
        else:
            self.new_article()
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
        self._store_ok = False
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
            self.library.set_categories(categories)

        self.db.submit(fetch, show, self._report_failure, owner=self)

    # -- opening -------------------------------------------------------------------

    def current_article(self) -> Article:
        return self.editor.current()

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

    def reload_keeping_edits(self) -> None:
        """Show the stored article again, with the fields typed since the last save put
        back on top of it and saved: words typed while a conflict was being settled on
        the network are not dropped by the reload that follows."""
        article_id = self.editor.base().id

        def reloaded(stored: Article) -> None:
            if stored.id != self.editor.base().id:
                return  # the reporter opened another article meanwhile
            base, mine = self.editor.base(), self.editor.current()
            typed = {
                name: getattr(mine, name)
                for name in _TYPED_FIELDS
                if getattr(mine, name) != getattr(base, name)
            }
            if not typed:
                self._show_article(stored)
                return
            self._show_article(dataclasses.replace(stored, **typed))
            self._edit_generation += 1
            self._set_state(SaveState.DIRTY)
            self.save_now()

        self.db.submit(
            lambda store: store.get(article_id), reloaded, self._report_failure, owner=self
        )

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
        marks = {a: mark for a, state in states.items() if (mark := remote_mark(state))}
        self.library.model.set_remote(marks)

    def _stored_id(self) -> str:
        """The id of the article on screen once it is in the store, else empty."""
        base = self.editor.base()
        return base.id if base.revision else ""

    def new_article(self) -> None:
        self._leave_current()
        article = self._blank_article()
        self._show_article(article)
        self.editor.title.setFocus()

    def _blank_article(self) -> Article:
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
        self._leave_current()

        def opened(article: Article) -> None:
            self._leave_current()  # words typed while the article was on its way
            self._show_article(article)

        def failed(error: BaseException) -> None:
            if isinstance(error, ArticleNotFound) and quiet:
                self.new_article()
                return
            self._report_failure(error)

        self.db.submit(lambda store: store.get(article_id), opened, failed, owner=self)

    def _show_article(self, article: Article) -> None:
        image_path = None
        if article.featured_image is not None:
            image_path = self.context.paths.media / article.featured_image.path
        self.editor.load(article, image_path)
        self._left_id = None
        self._edit_generation = 0
        self._conflict = False
        self._set_state(SaveState.SAVED)
        self.library.set_current(article.id if article.revision else None)
        if article.revision:
            self.ui_state.setValue("last_article", article.id)
        self.live_preview.show_article()
        self._update_stats()
        self._fit_form_once()
        self.article_opened.emit(article.id)
        self.publish.refresh_state()

    def _leave_current(self) -> None:
        """Save what is on screen before it goes away (FIFO: before the next load)."""
        if self._state not in (SaveState.DIRTY, SaveState.FAILED) or self._conflict:
            return
        article = self.editor.current()
        if article.revision == 0 and not _has_content(article):
            return
        # Saved now, whatever is in flight: a save still on its way (a slow disk, a
        # busy database) is followed in the queue, on the revision it writes. The
        # window never waits for it (that would freeze it) nor gives up on it (that
        # would drop the words typed since). Answers for this article no longer
        # touch the editor, which is about to show another one.
        self._left_id = article.id
        self._set_state(SaveState.SAVING)

        def saved(stored: Article) -> None:
            self.library.article_saved(stored)
            self.saved.emit(stored)

        self._submit_save(article, saved, lambda error: self._on_save_failed(error, article))

    def _submit_save(
        self,
        article: Article,
        on_success: Callable[[Article], None],
        on_failure: Callable[[BaseException], None],
    ) -> None:
        """Queue the save of ``article`` behind the saves already queued.

        When the save before it started from the same revision (the reporter left the
        article while it ran), this one is based on the revision that save wrote.
        """
        before = self._last_save
        ticket = self._last_save = _SaveTicket(article)

        def run(store: Any) -> Article:
            based = article
            done = before.stored if before is not None else None
            if (
                before is not None
                and done is not None
                and done.id == article.id
                and before.article.revision == article.revision
            ):
                based = dataclasses.replace(article, revision=done.revision)
            stored: Article = _save_operation(based)(store)
            ticket.stored = stored
            return stored

        self.db.submit(run, on_success, on_failure, owner=self)

    # -- editing and saving --------------------------------------------------------

    def _on_edited(self, field_name: str) -> None:
        self._edit_generation += 1
        if self._conflict:
            return  # the reporter has to answer the conflict question first
        self._set_state(SaveState.DIRTY)
        self._autosave.start(self._autosave_ms)
        self.live_preview.text_changed()
        self._stats_timer.start()

    def _on_focus_left(self) -> None:
        if self._state == SaveState.DIRTY:
            self.save_now()

    def is_dirty(self) -> bool:
        return self._state in (SaveState.DIRTY, SaveState.FAILED, SaveState.CONFLICT)

    def save_now(self) -> None:
        """Save the article on screen now (Ctrl+S, autosave, focus out)."""
        self._autosave.stop()
        if self._conflict or not self._store_ok:
            return
        if self._saving:
            self._save_again = True
            return
        if self._state not in (SaveState.DIRTY, SaveState.FAILED):
            return
        article = self.editor.current()
        if article.revision == 0 and not _has_content(article):
            self._set_state(SaveState.SAVED)
            return
        generation = self._edit_generation
        self._saving = True
        self._set_state(SaveState.SAVING)
        self._submit_save(
            article,
            lambda stored: self._on_saved(stored, generation),
            lambda error: self._on_save_failed(error, article),
        )

    def _on_saved(self, stored: Article, generation: int) -> None:
        self._saving = False
        if stored.id != self.editor.base().id or stored.id == self._left_id:
            # Saved on the way out of an article: just show it in the library.
            self.library.article_saved(stored)
            self.saved.emit(stored)
            again, self._save_again = self._save_again, False
            if self._state in (SaveState.DIRTY, SaveState.FAILED):
                # The article now on screen was edited while that save ran.
                if again:
                    self.save_now()
                else:
                    self._autosave.start(self._autosave_ms)
            return
        self.editor.rebase(stored)
        self.ui_state.setValue("last_article", stored.id)
        self.library.set_current(stored.id)
        if generation == self._edit_generation:
            self._set_state(SaveState.SAVED)
        else:
            self._set_state(SaveState.DIRTY)
        self.library.article_saved(stored)
        self.refresh_choices()
        self.saved.emit(stored)
        if self.publish.remote is not None and self.publish.remote.sites:
            # Edited after sending: the button and the library say a change waits.
            self.publish.refresh_state()
            self.outbox.refresh()
        again, self._save_again = self._save_again, False
        if self._state == SaveState.DIRTY:
            # Edits arrived during the save: Ctrl+S then saves them at once,
            # otherwise the usual pause applies.
            if again:
                self.save_now()
            else:
                self._autosave.start(self._autosave_ms)

    def _on_save_failed(self, error: BaseException, article: Article) -> None:
        self._saving = False
        self._save_again = False
        if article.id != self.editor.base().id or article.id == self._left_id:
            # A save on the way out of an article failed: that article is gone
            # from the screen, so the reporter must hear of it now.
            self._show_error(self.tr("Enregistrement impossible"), error)
            return
        if isinstance(error, StaleRevision):
            if article.id == self.editor.base().id:
                self._conflict = True
                self._set_state(SaveState.CONFLICT)
                self.resolve_conflict()
            return
        self._set_state(SaveState.FAILED)
        self.statusBar().showMessage(describe_error(error), 10000)
        # The text stays on screen and dirty. A full disk or a locked file may
        # clear up by itself: try again later, as well as on the next edit or Ctrl+S.
        log.warning("save failed: %s", type(error).__name__)
        self._autosave.start(SAVE_RETRY_MS)

    def resolve_conflict(self) -> None:
        """Ask the reporter what to do with their text after a refused save."""
        box = QMessageBox(self)
        box.setObjectName("ConflictBox")
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(self.tr("Article modifié ailleurs"))
        box.setText(describe_error(StaleRevision(self.editor.base().id, 0, 0)))
        box.setInformativeText(
            self.tr(
                "Votre texte est toujours à l’écran et n’a pas été perdu. "
                "Vous pouvez l’enregistrer comme un nouvel article, ou recharger la version "
                "enregistrée (vos modifications seront alors abandonnées)."
            )
        )
        copy_button = box.addButton(
            self.tr("Enregistrer comme copie"), QMessageBox.ButtonRole.AcceptRole
        )
        reload_button = box.addButton(
            self.tr("Recharger la version enregistrée"), QMessageBox.ButtonRole.DestructiveRole
        )
        box.addButton(self.tr("Décider plus tard"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(copy_button)
        self.conflict_box = box

        def answered(button: Any) -> None:
            self.conflict_box = None
            if button is copy_button:
                self.save_as_copy()
            elif button is reload_button:
                self.reload_stored()
            else:
                self.statusBar().showMessage(
                    self.tr("Conflit non résolu : Ctrl+S pour choisir à nouveau."), 10000
                )

        box.buttonClicked.connect(answered)
        box.open()

    def save_as_copy(self) -> None:
        """Keep the reporter's text as a new article; the stored one stays as it was."""
        mine = self.editor.current()
        copy = dataclasses.replace(
            mine,
            id=new_article_id(),
            revision=0,
            slug="",
            title=mine.title + self.tr(" (copie)") if mine.title else mine.title,
        )
        self._conflict = False
        self.editor.load(copy, self._image_path(copy))
        self._edit_generation += 1
        self._set_state(SaveState.DIRTY)
        self.live_preview.show_article()
        self.save_now()

    def reload_stored(self) -> None:
        article_id = self.editor.base().id
        self._conflict = False
        self._set_state(SaveState.SAVED)
        self.db.submit(
            lambda store: store.get(article_id),
            self._show_article,
            self._report_failure,
            owner=self,
        )

    def _image_path(self, article: Article) -> Path | None:
        if article.featured_image is None:
            return None
        return self.context.paths.media / article.featured_image.path

    # -- images, import, export ----------------------------------------------------

    def import_featured_image(self, path: Path) -> None:
        self.editor.image_zone.show_busy()
        previous = self._image_path(self.editor.base())

        def imported(relative: str) -> None:
            self.editor.set_featured_image(relative, self.context.paths.media / relative)

        def failed(error: BaseException) -> None:
            self.editor.image_zone.show_image(previous)
            self._show_error(self.tr("Photo refusée"), error)

        self.db.submit(lambda store: store.import_image(path), imported, failed, owner=self)

    def import_inline_image(self, path: Path) -> None:
        def imported(relative: str) -> None:
            alt = self.tr("description")
            self.editor.body.insert_text(f"![{alt}](media:{relative})")

        self.db.submit(
            lambda store: store.import_image(path),
            imported,
            lambda error: self._show_error(self.tr("Image refusée"), error),
            owner=self,
        )

    def import_files(self) -> None:
        names, _ = QFileDialog.getOpenFileNames(
            self,
            self.tr("Importer des articles"),
            "",
            self.tr("Articles (*.md *.markdown *.txt *.docx);;Tous les fichiers (*)"),
        )
        if names:
            self.import_paths([Path(n) for n in names])

    def import_paths(self, paths: list[Path]) -> None:
        """Import files as new articles through the database worker; open the last one."""

        def run(store: Any) -> tuple[list[Article], list[tuple[Path, BaseException]]]:
            from newsdesk import services

            done: list[Article] = []
            failures: list[tuple[Path, BaseException]] = []
            for path in paths:
                try:
                    done.append(services.import_file(store, path))
                except Exception as exc:
                    failures.append((path, exc))
            return done, failures

        def finished(result: tuple[list[Article], list[tuple[Path, BaseException]]]) -> None:
            done, failures = result
            self.library.refresh()
            self.refresh_choices()
            if done:
                self.open_article(done[-1].id)
                self.statusBar().showMessage(
                    self.tr("%n article(s) importé(s)", "", len(done)), 5000
                )
            if failures:
                text = "\n".join(f"{p.name}\u00a0: {describe_error(e)}" for p, e in failures)
                box = QMessageBox(
                    QMessageBox.Icon.Warning, self.tr("Import incomplet"), text, parent=self
                )
                box.setObjectName("ImportProblems")
                box.open()

        self.db.submit(run, finished, self._report_failure, owner=self)

    def export_article(self) -> None:
        self.save_now()
        article = self.editor.current()
        suggested = rules.effective_slug(article) or "article"
        name, chosen = QFileDialog.getSaveFileName(
            self,
            self.tr("Exporter l’article"),
            suggested + ".md",
            self.tr("Markdown (*.md);;Page HTML (*.html)"),
        )
        if name:
            fmt = "html" if name.endswith(".html") or "html" in chosen.lower() else "md"
            self.export_to(Path(name), fmt)

    def export_to(self, target: Path, fmt: str) -> None:
        article = self.editor.current()

        def run(store: Any) -> Path:
            from newsdesk import services

            if fmt == "html":
                services.export_html(store, article, target)
            else:
                services.export_markdown(store, article, target)
            return target

        self.db.submit(
            run,
            lambda path: self.statusBar().showMessage(
                self.tr("Exporté : %1").replace("%1", str(path)), 5000
            ),
            lambda error: self._show_error(self.tr("Export impossible"), error),
            owner=self,
        )

    # -- library actions -------------------------------------------------------------

    def show_history(self, article_id: str) -> None:
        if article_id == self.editor.base().id:
            self.save_now()

        def show(revisions: list[Any]) -> None:
            dialog = HistoryDialog(revisions, self)
            if dialog.exec() and dialog.chosen_revision() is not None:
                self.restore_revision(article_id, dialog.chosen_revision() or 0)

        self.db.submit(lambda store: store.history(article_id), show, self._report_failure)

    def restore_revision(self, article_id: str, revision: int) -> None:
        def restored(article: Article) -> None:
            self.library.refresh()
            if article.id == self.editor.base().id:
                self._show_article(article)

        self.db.submit(
            lambda store: store.restore(article_id, revision),
            restored,
            self._report_failure,
            owner=self,
        )

    def delete_current(self) -> None:
        """Fichier ▸ Mettre à la corbeille: the article on screen."""
        base = self.editor.base()
        if base.revision:
            self.delete_article(base.id)

    def delete_article(self, article_id: str, confirm: bool = True) -> None:
        """Move the article to the Corbeille, after asking; it can be restored from there."""
        if not confirm:
            self._delete(article_id)
            return

        def ask(title: str) -> None:
            box = QMessageBox(self)
            box.setObjectName("DeleteBox")
            box.setIcon(QMessageBox.Icon.Question)
            box.setWindowTitle(self.tr("Mettre à la corbeille"))
            box.setText(
                self.tr("Mettre « %1 » à la corbeille ?").replace(
                    "%1", title.strip() or self.tr("(sans titre)")
                )
            )
            box.setInformativeText(
                self.tr(
                    "Il quitte la bibliothèque et la recherche, mais rien n’est effacé : "
                    "l’onglet « Corbeille » le garde, avec « Restaurer » pour le reprendre. "
                    "Ce qui est déjà sur le site n’y est pas touché."
                )
            )
            delete_button = box.addButton(
                self.tr("Mettre à la corbeille"), QMessageBox.ButtonRole.DestructiveRole
            )
            cancel = box.addButton(self.tr("Annuler"), QMessageBox.ButtonRole.RejectRole)
            box.setDefaultButton(cancel)
            self.delete_box = box

            def answered(button: Any) -> None:
                self.delete_box = None
                if button is delete_button:
                    self._delete(article_id)

            box.buttonClicked.connect(answered)
            box.open()

        if article_id == self.editor.base().id:
            ask(self.editor.title.text())
            return
        self.db.submit(
            lambda store: store.get(article_id).title, ask, self._report_failure, owner=self
        )

    def _delete(self, article_id: str) -> None:
        def deleted(title: str) -> None:
            self.library.refresh()
            if article_id == self.editor.base().id:
                self._show_article(self._blank_article())
            self.statusBar().showMessage(
                self.tr(
                    "« %1 » est dans la Corbeille (onglet « Corbeille », puis « Restaurer »)."
                ).replace("%1", title.strip() or self.tr("(sans titre)")),
                10000,
            )

        def run(store: Any) -> str:
            title = str(store.get(article_id).title)
            store.delete(article_id)
            return title

        if article_id == self.editor.base().id:
            # Unsaved words of the article go with it: it is whole in the Corbeille.
            self.flush()
            self._autosave.stop()
            self._set_state(SaveState.SAVED)
        self.db.submit(run, deleted, self._report_failure, owner=self)

    def restore_article(self, article_id: str) -> None:
        """« Restaurer »: the article leaves the Corbeille, as it was, and opens."""

        def restored(article: Article) -> None:
            self.library.refresh()
            self.refresh_choices()
            self.open_article(article.id)
            self.statusBar().showMessage(
                self.tr("« %1 » est de retour dans la bibliothèque.").replace(
                    "%1", article.title.strip() or self.tr("(sans titre)")
                ),
                10000,
            )

        self.db.submit(
            lambda store: store.undelete(article_id), restored, self._report_failure, owner=self
        )

    # -- view ----------------------------------------------------------------------

    def focus_search(self) -> None:
        self.library.search.setFocus()
        self.library.search.selectAll()

    def set_preview_visible(self, visible: bool) -> None:
        self.preview.setVisible(visible)
        self.preview_action.setChecked(visible)
        self.live_preview.set_enabled(visible)

    def _remember_preview_width(self, mobile: bool) -> None:
        wanted = "mobile" if mobile else "desktop"
        if self._setting("preview_width", "desktop") != wanted:
            try:
                self.context.settings.set("preview_width", wanted)
            except Exception:
                log.warning("could not remember the preview width")

    def toggle_fullscreen(self) -> None:
        if self.isFullScreen():
            self.showNormal()
        else:
            self.showFullScreen()
        self.fullscreen_action.setChecked(self.isFullScreen())

    def show_about(self) -> None:
        QMessageBox.about(
            self,
            self.tr("À propos de newsdesk"),
            self.tr(
                "<b>newsdesk</b> %1<br>Écrire hors ligne, prévisualiser comme sur le site, "
                "publier sans risque.<br>Licence GPL 3 ou ultérieure."
            ).replace("%1", __version__),
        )

    # -- status bar ----------------------------------------------------------------

    def _set_state(self, state: str) -> None:
        self._state = state
        text = {
            SaveState.SAVED: self.tr("Enregistré"),
            SaveState.DIRTY: self.tr("Modifications non enregistrées"),
            SaveState.SAVING: self.tr("Enregistrement…"),
            SaveState.CONFLICT: self.tr("Conflit : article modifié ailleurs"),
            SaveState.FAILED: self.tr("Échec de l’enregistrement"),
        }[state]
        # Called on every keystroke: touch the widgets only when something shows a change.
        if self.state_label.text() != text:
            self.state_label.setText(text)
        title = self.editor.title.text().strip() or self.tr("Nouvel article")
        window_title = f"{title}{'*' if state != SaveState.SAVED else ''} — newsdesk"
        if self.windowTitle() != window_title:
            self.setWindowTitle(window_title)

    def save_state_text(self) -> str:
        return self.state_label.text()

    def _update_stats(self) -> None:
        """Word count, reading time and hints, counted off the GUI thread.

        Counting a 20,000-word article takes about 20 ms: more than a frame,
        so it runs in the background like the preview and the newest count wins.
        """
        article = self.editor.current()
        self._stats_generation += 1
        generation = self._stats_generation
        per_minute = self._words_per_minute

        def count() -> tuple[int, int, int, list[Any]]:
            words = rules.article_word_count(article)
            minutes = rules.reading_time_minutes(words, per_minute)
            return words, len(article.body), minutes, rules.validate(article)

        def show(result: tuple[int, int, int, list[Any]]) -> None:
            if generation != self._stats_generation:
                return
            words, chars, minutes, problems = result
            self.stats_label.setText(
                "· "
                + self.tr("%1 mots · %2 caractères · %3 min de lecture")
                .replace("%1", self.locale().toString(words))
                .replace("%2", self.locale().toString(chars))
                .replace("%3", str(minutes))
            )
            self.hints_label.setText(
                "· " + " · ".join(describe_problem(p.code) for p in problems[:3])
                if problems
                else ""
            )
            self.stats_updated.emit()

        run_in_background(count, show, owner=self)

    # -- errors ----------------------------------------------------------------------

    def _report_failure(self, error: BaseException) -> None:
        self.statusBar().showMessage(describe_error(error), 10000)

    def _show_error(self, title: str, error: BaseException) -> None:
        box = QMessageBox(QMessageBox.Icon.Warning, title, describe_error(error), parent=self)
        box.setObjectName("ErrorBox")
        self.error_box = box
        box.open()

    # -- window state and closing ----------------------------------------------------

    def _restore_ui_state(self) -> None:
        geometry = self.ui_state.value("geometry")
        if isinstance(geometry, QByteArray | bytes) and not self.restoreGeometry(geometry):
            geometry = None
        if not geometry:
            screen = self.screen().availableGeometry() if self.screen() else None
            if screen is not None and screen.width() > 0:
                # First start: most of the screen, since three panes need the room.
                self.resize(int(screen.width() * 0.96), int(screen.height() * 0.94))
                self.move(screen.center() - self.rect().center())
            else:
                self.resize(1480, 900)
        state = self.ui_state.value("window_state")
        if isinstance(state, QByteArray | bytes):
            self.restoreState(state)
        sizes = _int_list(self.ui_state.value("main_splitter"))
        if len(sizes) != 3 or not all(sizes):
            width = max(self.width(), 1000)
            sizes = [int(width * 0.2), int(width * 0.44), int(width * 0.36)]
        self.splitter.setSizes(sizes)
        editor_sizes = _int_list(self.ui_state.value("editor_splitter"))
        self._editor_sizes_restored = len(editor_sizes) == 2 and all(editor_sizes)
        if self._editor_sizes_restored:
            self.editor.splitter.setSizes(editor_sizes)
        if self._setting("preview_width", "desktop") == "mobile":
            self.preview.set_mobile(True)
        if not self.ui_state.value("preview_visible", True, type=bool):
            self.set_preview_visible(False)

    def _save_ui_state(self) -> None:
        self.ui_state.setValue("geometry", self.saveGeometry())
        self.ui_state.setValue("window_state", self.saveState())
        self.ui_state.setValue("main_splitter", self.splitter.sizes())
        self.ui_state.setValue("editor_splitter", self.editor.splitter.sizes())
        self.ui_state.setValue("preview_visible", self.preview.isVisible())
        self.ui_state.sync()

    def flush(self, timeout: float = 30.0) -> bool:
        """Save now and wait for the store: True when nothing is left unsaved."""
        self._autosave.stop()
        # Deliver the answers of saves already done (their new revision) first.
        self.db.settle(timeout)
        if self._conflict or self._state not in (SaveState.DIRTY, SaveState.FAILED):
            return not self._conflict
        if not self._store_ok:
            return False
        article = self.editor.current()
        if article.revision == 0 and not _has_content(article):
            return True
        try:
            stored = self.db.call(_save_operation(article), timeout)
        except StaleRevision:
            self._conflict = True
            self._set_state(SaveState.CONFLICT)
            return False
        except Exception as error:
            self._set_state(SaveState.FAILED)
            self._show_error(self.tr("Enregistrement impossible"), error)
            return False
        self.editor.rebase(stored)
        self.ui_state.setValue("last_article", stored.id)
        self._set_state(SaveState.SAVED)
        return True

    def _fit_form_once(self) -> None:
        # The form's height is only known once an article fills it (tag chips
        # wrap) at the window's real size; a size the reporter chose is kept.
        if not self._editor_sizes_restored and self.isVisible():
            self._editor_sizes_restored = True
            self.editor.fit_form_automatically = True
            QTimer.singleShot(0, self.editor.fit_form)

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.flush():
            if self._conflict:
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
        self._save_ui_state()
        self.outbox.shutdown()
        self.db.stop()
        super().closeEvent(event)


# What the reporter types in the form (the rest comes from the store or the site).
_TYPED_FIELDS = (
    "title",
    "standfirst",
    "body",
    "category",
    "tags",
    "byline",
    "source",
    "dateline",
    "date",
    "language",
    "slug",
    "featured_image",
)


@dataclasses.dataclass(slots=True, eq=False)
class _SaveTicket:
    """One save: what was sent, and (set on the database thread) what was stored."""

    article: Article
    stored: Article | None = None


def _rubriques(store: Any) -> list[str]:
    """The rubriques the form offers: the connected sites' categories (cached, so
    offline too), then the local ones the sites do not have. A name differing from a
    site's only by case or accents is not offered twice."""
    from newsdesk.storage.search import fold
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


def _has_content(article: Article) -> bool:
    return bool(article.title or article.body.strip() or article.standfirst)


def _save_operation(article: Article) -> Callable[[Any], Article]:
    def run(store: Any) -> Article:
        stored: Article = store.create(article) if article.revision == 0 else store.save(article)
        return stored

    return run


def _int_list(value: object) -> list[int]:
    if isinstance(value, list | tuple):
        try:
            return [int(v) for v in value]
        except (TypeError, ValueError):
            return []
    return []


__all__ = ["MainWindow"]
