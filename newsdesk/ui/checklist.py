"""Beside « Publier »: what the site's rules still ask, before anything is queued.

The list is ``sync.checks.PublishCheck.items`` for the article on screen (as typed, not
only as saved) and the site it goes to, worked out on the database worker: the same
list ``newsdesk check`` prints. The button says it in a word (« Prêt », « 3 à
compléter », « 2 à corriger ») and its menu lists each item; the outbox refuses a
direct publish while items remain, and a submission for review goes without them.
Edits re-check after a pause, never on each key.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QMenu, QToolButton, QWidget

from newsdesk.ui.messages import window_words
from newsdesk.words.states import problem

if TYPE_CHECKING:
    from newsdesk.sync.checks import PublishCheck
    from newsdesk.ui.tasks import DbWorker

#: How long after the last edit the list is worked out again.
PAUSE_MS = 700
#: The mark of each kind of item, as ``newsdesk check`` prints it.
MARKS = {"all": "✗", "publish": "•", "none": "·"}


class ChecklistButton(QToolButton):
    """The checklist of the article on screen for its site; ``checked`` carries the
    ``PublishCheck`` each time it is worked out (None: nothing to check)."""

    checked = Signal(object)
    # The reporter asked for the site's rules (« Règles de publication du site… »).
    rules_asked = Signal()

    def __init__(
        self,
        db: DbWorker,
        article: Callable[[], Any],
        site: Callable[[], str | None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("Checklist")
        self.setAutoRaise(True)
        self.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.setStyleSheet("QToolButton::menu-indicator { image: none; width: 0; }")
        self.db = db
        self._article = article
        self._site = site
        self.check: PublishCheck | None = None
        #: The form's spelling and grammar findings, (words, phrases), None each when
        #: not checked (set by the window once its spelling is wired).
        self.findings: Callable[[], tuple[list[str] | None, list[str] | None]] | None = None
        self._asked = 0  # the newest request: older answers are dropped
        self.menu_ = QMenu(self)
        self.setMenu(self.menu_)
        self.menu_.aboutToShow.connect(self.refresh)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(PAUSE_MS)
        self._timer.timeout.connect(self.refresh)
        self.hide()

    def article_edited(self) -> None:
        """The reporter typed: work the list out again after a pause."""
        self._timer.start()

    def refresh(self) -> None:
        """Work the list out now for the article on screen and its site."""
        self._timer.stop()
        article, site = self._article(), self._site()
        self._asked += 1
        asked = self._asked
        if article is None or not site:
            self._show(None)
            return
        from newsdesk.sync.checks import check_publish

        def done(check: PublishCheck) -> None:
            if asked == self._asked:
                self._show(check)

        spelling, grammar = self.findings() if self.findings is not None else (None, None)
        self.db.submit(
            lambda store: check_publish(store, article, site, spelling=spelling, grammar=grammar),
            done,
            owner=self,
        )

    def _show(self, check: PublishCheck | None) -> None:
        self.check = check
        self.menu_.clear()
        if check is None:
            self.hide()
            self.checked.emit(None)
            return
        words = window_words()
        items = check.items()
        for item in items:
            text = problem(item.problem.code, words, item.problem.detail)
            action = self.menu_.addAction(f"{MARKS[item.blocks]}  {text}")
            action.setEnabled(item.blocks != "none")
        if items:
            self.menu_.addSeparator()
        explained = self.menu_.addAction(self._summary(check))
        explained.setEnabled(False)
        rules = self.menu_.addAction(self.tr("Règles de publication du site…"))
        rules.triggered.connect(self.rules_asked.emit)
        stopping = sum(1 for i in items if i.blocks == "all")
        missing = sum(1 for i in items if i.blocks == "publish")
        if stopping:
            self.setText(self.tr("✗ %n à corriger", "", stopping))
            colour = "#a11"
        elif missing:
            self.setText(self.tr("• %n à compléter", "", missing))
            colour = "#8a5a00"
        else:
            self.setText(self.tr("✓ Prêt"))
            colour = "#1a6e2e"
        self.setStyleSheet(
            f"QToolButton {{ color: {colour}; }} "
            "QToolButton::menu-indicator { image: none; width: 0; }"
        )
        self.setToolTip(self._summary(check))
        self.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.show()
        self.checked.emit(check)

    def _summary(self, check: PublishCheck) -> str:
        if check.ready_to_publish:
            return self.tr("L’article peut être publié sur ce site.")
        if check.ready_for_review:
            return self.tr(
                "L’article peut être soumis pour relecture ; pour le publier, complétez "
                "ce qui est marqué •."
            )
        return self.tr("Rien ne peut partir avant de corriger ce qui est marqué ✗.")

    def items_text(self) -> list[str]:
        """The menu's lines (tests read them)."""
        return [a.text() for a in self.menu_.actions() if a.text()]


__all__ = ["ChecklistButton"]
