"""The conflict view: the article changed on the site since newsdesk last sent it.

Nothing is overwritten without the reporter's word: both versions side by side (title,
chapeau, body), the parts that differ marked, and three explicit choices. The choice
itself is made by ``newsdesk.sync.resolve.resolve_conflict``; this dialog only asks.
"""

from __future__ import annotations

import difflib
import html
from typing import Any

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

# The three answers, as resolve_conflict names them.
KEEP_MINE = "keep_mine"
TAKE_THEIRS = "take_theirs"
MERGE = "merge"


def diff_html(mine: str, theirs: str, side: str) -> str:
    """One side of a word-by-word comparison, with what the other side lacks highlighted.

    ``side`` is ``"mine"`` or ``"theirs"``. Words only on this side are marked; the
    reporter sees at a glance what the editor changed and what they changed.
    """
    a, b = mine.split(" "), theirs.split(" ")
    colour = "#fde2b8" if side == "mine" else "#cfe8ff"
    out: list[str] = []
    matcher = difflib.SequenceMatcher(a=a, b=b, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        words = a[i1:i2] if side == "mine" else b[j1:j2]
        text = html.escape(" ".join(words))
        if not text:
            continue
        if tag == "equal":
            out.append(text)
        else:
            out.append(f"<span style='background:{colour}'>{text}</span>")
    return " ".join(out).replace("\n", "<br>")


class ConflictDialog(QDialog):
    """Both versions of an article, and « Garder ma version », « Prendre celle du site »,
    « Fusionner ». After ``exec()``, ``choice`` holds the answer (None: cancelled)."""

    def __init__(self, mine: Any, theirs: Any, site: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ConflictDialog")
        self.setWindowTitle(self.tr("Conflit avec le site"))
        self.choice: str | None = None
        self.resize(960, 640)

        intro = QLabel(
            self.tr(
                "L’article a été modifié sur le site « %1 » depuis votre dernier envoi "
                "(par exemple par la rédaction). Comparez, puis choisissez."
            ).replace("%1", site),
            self,
        )
        intro.setWordWrap(True)

        grid = QGridLayout()
        mine_title, theirs_title = self.tr("Ma version"), self.tr("Version du site")
        grid.addWidget(QLabel(f"<b>{html.escape(mine_title)}</b>", self), 0, 1)
        grid.addWidget(QLabel(f"<b>{html.escape(theirs_title)}</b>", self), 0, 2)
        self.views: dict[tuple[str, str], QTextBrowser] = {}
        fields = [
            ("title", self.tr("Titre")),
            ("standfirst", self.tr("Chapeau")),
            ("body", self.tr("Texte")),
        ]
        different = self.tr("différent")
        for row, (name, label) in enumerate(fields, start=1):
            mine_text = str(getattr(mine, name) or "")
            theirs_text = str(getattr(theirs, name) or "")
            changed = mine_text != theirs_text
            caption = label + (f" · {different}" if changed else "")
            grid.addWidget(QLabel(caption, self), row, 0)
            for column, (side, text) in enumerate(
                (("mine", mine_text), ("theirs", theirs_text)), start=1
            ):
                view = QTextBrowser(self)
                view.setOpenLinks(False)
                view.setHtml(
                    diff_html(mine_text, theirs_text, side)
                    if changed
                    else html.escape(text).replace("\n", "<br>")
                )
                if name != "body":
                    view.setMaximumHeight(80 if name == "standfirst" else 48)
                self.views[(name, side)] = view
                grid.addWidget(view, row, column)
        grid.setRowStretch(3, 1)

        buttons = QDialogButtonBox(self)
        self.keep_button = QPushButton(self.tr("Garder ma version"), self)
        self.take_button = QPushButton(self.tr("Prendre celle du site"), self)
        self.merge_button = QPushButton(self.tr("Fusionner"), self)
        self.keep_button.setToolTip(
            self.tr("Votre version remplace celle du site ; ses changements sont perdus.")
        )
        self.take_button.setToolTip(
            self.tr(
                "La version du site devient celle de l’article ; la vôtre reste dans l’historique."
            )
        )
        self.merge_button.setToolTip(
            self.tr(
                "Garder les changements des deux côtés ; là où les deux ont changé "
                "les mêmes lignes, vous choisirez."
            )
        )
        for button in (self.keep_button, self.take_button, self.merge_button):
            buttons.addButton(button, QDialogButtonBox.ButtonRole.AcceptRole)
        # Own words rather than Qt's standard button: Qt ships no French for it here.
        buttons.addButton(self.tr("Annuler"), QDialogButtonBox.ButtonRole.RejectRole)
        self.keep_button.clicked.connect(lambda: self._choose(KEEP_MINE))
        self.take_button.clicked.connect(lambda: self._choose(TAKE_THEIRS))
        self.merge_button.clicked.connect(lambda: self._choose(MERGE))
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(grid, 1)
        layout.addWidget(buttons)

    def _choose(self, choice: str) -> None:
        self.choice = choice
        self.accept()


__all__ = ["KEEP_MINE", "MERGE", "TAKE_THEIRS", "ConflictDialog", "diff_html"]
