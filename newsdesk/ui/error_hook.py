"""An unexpected exception never takes the window down: it is logged, the article is
saved, one sentence says so, and newsdesk carries on.

PySide6 hands an exception raised in a slot, a timer or a signal handler to
``sys.excepthook`` (then returns to the event loop); a worker thread's goes to
``threading.excepthook``. ``ErrorHook.install`` takes both. The traceback goes to the
log (``newsdesk.logs``: ``DATA_DIR/logs/newsdesk.log``); on the window's thread the
article on screen is saved first (``MainWindow.flush``, the save path every other
save goes through), then a non-modal box says what happened in one sentence. An
error that repeats (a timer failing every second) does not pile boxes up: the one
box counts. A thread's exception reaches the box through a queued signal: widgets
are touched on the window's thread only.
"""

from __future__ import annotations

import logging
import sys
import threading
from types import TracebackType
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QMessageBox

# The window this room works for is ``ui.main_window.MainWindow``; typed ``Any`` as
# the other rooms do (naming it would make an import cycle).
MainWindow = Any

log = logging.getLogger(__name__)

# How long the window waits for the store when it saves after an error (seconds).
SAVE_TIMEOUT = 10.0


class ErrorHook(QObject):
    """Catches the window's unexpected exceptions; ``install()`` to start, ``uninstall()``."""

    # From any thread to the window's: an exception was logged, say so.
    caught = Signal()

    def __init__(self, window: MainWindow, log_path: str = "") -> None:
        super().__init__(window)
        self.window = window
        self.log_path = log_path
        self.box: QMessageBox | None = None
        self.count = 0
        self.saved = True
        self._handling = False
        self._previous: tuple[Any, Any] | None = None
        self.caught.connect(self._on_caught)

    def install(self) -> None:
        self._previous = (sys.excepthook, threading.excepthook)
        sys.excepthook = self._on_exception
        threading.excepthook = self._on_thread_exception

    def uninstall(self) -> None:
        if self._previous is not None:
            sys.excepthook, threading.excepthook = self._previous
            self._previous = None

    # -- the hooks ---------------------------------------------------------------------

    def _on_exception(
        self,
        kind: type[BaseException],
        error: BaseException,
        trace: TracebackType | None,
    ) -> None:
        if issubclass(kind, KeyboardInterrupt):  # Ctrl+C in the terminal: Python's way
            sys.__excepthook__(kind, error, trace)
            return
        log.error("unexpected error in the window", exc_info=(kind, error, trace))
        if threading.current_thread() is threading.main_thread():
            self._on_caught()
        else:
            self.caught.emit()

    def _on_thread_exception(self, args: threading.ExceptHookArgs) -> None:
        if args.exc_value is None:
            return
        name = args.thread.name if args.thread is not None else "?"
        log.error(
            "unexpected error in the thread %s",
            name,
            exc_info=(args.exc_type, args.exc_value, args.exc_traceback),
        )
        self.caught.emit()  # queued: this runs on the worker's thread

    # -- on the window's thread ----------------------------------------------------------

    def _on_caught(self) -> None:
        if self._handling:  # an error while saving or showing the box: logged, no more
            return
        self._handling = True
        try:
            self.saved = self._save()
            self.count += 1
            self._show()
        except Exception:
            log.exception("the error box itself failed")
        finally:
            self._handling = False

    def _save(self) -> bool:
        window = self.window
        if not shiboken6.isValid(window):
            return True
        try:
            return bool(window.flush(SAVE_TIMEOUT))
        except Exception:
            log.exception("saving after an unexpected error failed")
            return False

    def _show(self) -> None:
        box = self.box
        if box is None or not shiboken6.isValid(box) or not box.isVisible():
            box = QMessageBox(self.window)
            box.setObjectName("UnexpectedErrorBox")
            box.setIcon(QMessageBox.Icon.Warning)
            box.setWindowTitle(self.tr("Erreur inattendue"))
            box.setModal(False)
            box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)  # the next error: a new one
            box.finished.connect(self._on_closed)
            self.box = box
        box.setText(self.sentence())
        box.setInformativeText(self.detail())
        box.show()

    def _on_closed(self) -> None:
        self.count = 0

    def sentence(self) -> str:
        if self.saved:
            return self.tr(
                "Une erreur inattendue s’est produite, mais votre article est enregistré "
                "et newsdesk continue : vous pouvez reprendre votre travail."
            )
        return self.tr(
            "Une erreur inattendue s’est produite et votre article n’a pas pu être "
            "enregistré : il est toujours à l’écran, ne fermez pas la fenêtre et "
            "réessayez Fichier ▸ Enregistrer."
        )

    def detail(self) -> str:
        where = self.tr("Le détail est dans le journal : %1").replace("%1", self.log_path)
        if self.count <= 1:
            return where if self.log_path else ""
        repeated = self.tr("C’est arrivé %1 fois.").replace("%1", str(self.count))
        return f"{repeated} {where}" if self.log_path else repeated


__all__ = ["ErrorHook"]
