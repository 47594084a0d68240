"""Saving the article on screen, and never losing what the reporter typed.

* Every edit marks the article dirty; the autosave comes ``autosave_seconds``
  after the first change not yet saved, and later keys do not push it back: a
  reporter typing without a pause loses at most that much when the laptop dies
  (a timer restarted at each key never fired while the words kept coming, and a
  kill then lost everything since the last pause: ``tests/kills``). Focus leaving the editor,
  switching article, Ctrl+S and closing the window save at once.
* One save in flight at a time, through the database worker. An edit made
  while a save runs leaves the article dirty and triggers one more save.
* The store refuses a save based on an old revision (StaleRevision). The
  window then keeps the reporter's text on screen, stops autosaving it, and
  asks: reload the stored version, or save theirs as a copy.
* Leaving an article (Ctrl+N, another one opened) while a save runs queues the
  last words right behind it, on the revision it writes; nothing waits, nothing
  is dropped.

Every path by which words reach the store (autosave, switching, conflicts, the
Corbeille, a reload after publishing) goes through this one state machine, kept
whole in this module; the window (``ui.main_window``) owns the widgets it drives.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QMessageBox

from newsdesk.core.article import TYPED_FIELDS, Article, new_article_id
from newsdesk.core.errors import StaleRevision
from newsdesk.ui.messages import describe_error

# The window this room works for is ``ui.main_window.MainWindow``; it is typed ``Any``
# here because naming it would make an import cycle (the window imports every room).
MainWindow = Any

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


# What the reporter types in the form (the rest comes from the store or the site).
_TYPED_FIELDS = TYPED_FIELDS


@dataclasses.dataclass(slots=True, eq=False)
class _SaveTicket:
    """One save: what was sent, and (set on the database thread) what was stored."""

    article: Article
    stored: Article | None = None


class SaveController(QObject):
    """Autosave, the save queue and refused (stale) saves of the window's article."""

    # The article on screen, or one just left, was stored (its stored copy).
    saved = Signal(object)
    # The save state changed (a ``SaveState`` value).
    state_changed = Signal(str)

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.db = window.db
        self.editor = window.editor
        self.state = SaveState.SAVED
        self.edit_generation = 0
        self.saving = False
        self.save_again = False
        # The save in flight (what it sends, and the article stored once it is done).
        self.last_save: _SaveTicket | None = None
        # The article being left for another (its late answers leave the editor alone).
        self.left_id: str | None = None
        self.conflict = False
        self.store_ok = False
        # The open conflict question (tests answer it).
        self.conflict_box: QMessageBox | None = None
        self.autosave = QTimer(self)
        self.autosave.setSingleShot(True)
        self.autosave.timeout.connect(self.save_now)
        self.autosave_ms = int(DEFAULT_AUTOSAVE_SECONDS * 1000)
        # What another program (the command line) writes reaches the library too.
        from newsdesk.ui.store_watch import StoreWatch

        self.watch = StoreWatch(window, self)

    def set_autosave_seconds(self, seconds: float) -> None:
        self.autosave_ms = max(250, int(seconds * 1000))
        self.autosave.setInterval(self.autosave_ms)

    def set_state(self, state: str) -> None:
        self.state = state
        self.state_changed.emit(state)

    def is_dirty(self) -> bool:
        return self.state in (SaveState.DIRTY, SaveState.FAILED, SaveState.CONFLICT)

    # -- what the window tells it -----------------------------------------------------

    def shown(self) -> None:
        """Another article is on screen, as stored."""
        self.left_id = None
        self.edit_generation = 0
        self.conflict = False
        self.set_state(SaveState.SAVED)

    def edited(self) -> bool:
        """The reporter typed: False while a conflict waits for an answer (nothing saves)."""
        self.edit_generation += 1
        if self.conflict:
            return False  # the reporter has to answer the conflict question first
        self.set_state(SaveState.DIRTY)
        if not self.autosave.isActive() or self.autosave.remainingTime() > self.autosave_ms:
            # (A longer wait is the retry after a failed save: an edit brings it closer.)
            self.autosave.start(self.autosave_ms)
        return True

    def focus_left(self) -> None:
        if self.state == SaveState.DIRTY:
            self.save_now()

    def dropped(self) -> None:
        """The article on screen goes to the Corbeille: saved whole first, then nothing waits."""
        self.flush()
        self.autosave.stop()
        self.set_state(SaveState.SAVED)

    # -- saving ----------------------------------------------------------------------

    def leave_current(self) -> None:
        """Save what is on screen before it goes away (FIFO: before the next load)."""
        if self.state not in (SaveState.DIRTY, SaveState.FAILED) or self.conflict:
            return
        article = self.editor.current()
        if article.revision == 0 and not has_content(article):
            return
        # Saved now, whatever is in flight: a save still on its way (a slow disk, a
        # busy database) is followed in the queue, on the revision it writes. The
        # window never waits for it (that would freeze it) nor gives up on it (that
        # would drop the words typed since). Answers for this article no longer
        # touch the editor, which is about to show another one.
        self.left_id = article.id
        self.set_state(SaveState.SAVING)

        def saved(stored: Article) -> None:
            self.window.library.article_saved(stored)
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
        before = self.last_save
        ticket = self.last_save = _SaveTicket(article)

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
            stored: Article = save_operation(based)(store)
            ticket.stored = stored
            return stored

        self.db.submit(run, on_success, on_failure, owner=self)

    def save_now(self) -> None:
        """Save the article on screen now (Ctrl+S, autosave, focus out)."""
        self.autosave.stop()
        if self.conflict or not self.store_ok:
            return
        if self.saving:
            self.save_again = True
            return
        if self.state not in (SaveState.DIRTY, SaveState.FAILED):
            return
        article = self.editor.current()
        if article.revision == 0 and not has_content(article):
            self.set_state(SaveState.SAVED)
            return
        generation = self.edit_generation
        self.saving = True
        self.set_state(SaveState.SAVING)
        self._submit_save(
            article,
            lambda stored: self._on_saved(stored, generation),
            lambda error: self._on_save_failed(error, article),
        )

    def _on_saved(self, stored: Article, generation: int) -> None:
        window = self.window
        self.saving = False
        if stored.id != self.editor.base().id or stored.id == self.left_id:
            # Saved on the way out of an article: just show it in the library.
            window.library.article_saved(stored)
            self.saved.emit(stored)
            again, self.save_again = self.save_again, False
            if self.state in (SaveState.DIRTY, SaveState.FAILED):
                # The article now on screen was edited while that save ran.
                if again:
                    self.save_now()
                else:
                    self.autosave.start(self.autosave_ms)
            return
        self.editor.rebase(stored)
        window.ui_state.setValue("last_article", stored.id)
        window.library.set_current(stored.id)
        if generation == self.edit_generation:
            self.set_state(SaveState.SAVED)
        else:
            self.set_state(SaveState.DIRTY)
        window.library.article_saved(stored)
        window.refresh_choices()
        self.saved.emit(stored)
        if window.publish.remote is not None and window.publish.remote.sites:
            # Edited after sending: the button and the library say a change waits.
            window.publish.refresh_state()
            window.outbox.refresh()
        again, self.save_again = self.save_again, False
        if self.state == SaveState.DIRTY:
            # Edits arrived during the save: Ctrl+S then saves them at once,
            # otherwise the usual pause applies.
            if again:
                self.save_now()
            else:
                self.autosave.start(self.autosave_ms)

    def _on_save_failed(self, error: BaseException, article: Article) -> None:
        self.saving = False
        self.save_again = False
        if article.id != self.editor.base().id or article.id == self.left_id:
            # A save on the way out of an article failed: that article is gone
            # from the screen, so the reporter must hear of it now.
            self.window.show_error(self.tr("Enregistrement impossible"), error)
            return
        if isinstance(error, StaleRevision):
            if article.id == self.editor.base().id:
                self.conflict = True
                self.set_state(SaveState.CONFLICT)
                self.resolve_conflict()
            return
        self.set_state(SaveState.FAILED)
        self.window.statusBar().showMessage(describe_error(error), 10000)
        # The text stays on screen and dirty. A full disk or a locked file may
        # clear up by itself: try again later, as well as on the next edit or Ctrl+S.
        log.warning("save failed: %s", type(error).__name__)
        self.autosave.start(SAVE_RETRY_MS)

    def flush(self, timeout: float = 30.0) -> bool:
        """Save now and wait for the store: True when nothing is left unsaved."""
        self.autosave.stop()
        # Deliver the answers of saves already done (their new revision) first.
        self.db.settle(timeout)
        if self.conflict or self.state not in (SaveState.DIRTY, SaveState.FAILED):
            return not self.conflict
        if not self.store_ok:
            return False
        article = self.editor.current()
        if article.revision == 0 and not has_content(article):
            return True
        try:
            stored = self.db.call(save_operation(article), timeout)
        except StaleRevision:
            self.conflict = True
            self.set_state(SaveState.CONFLICT)
            return False
        except Exception as error:
            self.set_state(SaveState.FAILED)
            self.window.show_error(self.tr("Enregistrement impossible"), error)
            return False
        self.editor.rebase(stored)
        self.window.ui_state.setValue("last_article", stored.id)
        self.set_state(SaveState.SAVED)
        return True

    # -- a refused save --------------------------------------------------------------

    def resolve_conflict(self) -> None:
        """Ask the reporter what to do with their text after a refused save."""
        box = QMessageBox(self.window)
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
                self.window.statusBar().showMessage(
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
        self.conflict = False
        self.editor.load(copy, self.window.image_path(copy))
        self.edit_generation += 1
        self.set_state(SaveState.DIRTY)
        self.window.live_preview.show_article()
        self.save_now()

    def reload_stored(self) -> None:
        article_id = self.editor.base().id
        self.conflict = False
        self.set_state(SaveState.SAVED)
        self.db.submit(
            lambda store: store.get(article_id),
            self.window.show_article,
            self.window.report_failure,
            owner=self,
        )

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
                self.window.show_article(stored)
                return
            self.window.show_article(dataclasses.replace(stored, **typed))
            self.edit_generation += 1
            self.set_state(SaveState.DIRTY)
            self.save_now()

        self.db.submit(
            lambda store: store.get(article_id),
            reloaded,
            self.window.report_failure,
            owner=self,
        )


def has_content(article: Article) -> bool:
    return bool(article.title or article.body.strip() or article.standfirst)


def save_operation(article: Article) -> Callable[[Any], Article]:
    def run(store: Any) -> Article:
        stored: Article = store.create(article) if article.revision == 0 else store.save(article)
        return stored

    return run


__all__ = ["DEFAULT_AUTOSAVE_SECONDS", "SAVE_RETRY_MS", "SaveController", "SaveState"]
