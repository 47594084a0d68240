"""Édition ▸ « Typographie… »: the body's French typography fixes, to accept one by one
or all at once.

The fixes come from the spelling process (:meth:`SpellService.typography`, where the
dictionary answers the œ and the accented capitals). Each one is held by a
``QTextCursor`` selecting the text it replaces, so the positions of those left follow
the body as it changes (a fix applied, a word typed meanwhile); a fix whose text was
changed meanwhile is dropped rather than applied blind. Every change goes through the
body's document: « Annuler » takes it back, « Tout appliquer » in one step. Lines of a
site block kept as it is are never touched.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from newsdesk.spelling.typography import NBSP, NNBSP, Fix
from newsdesk.ui.kept_lines import is_kept
from newsdesk.ui.markdown_edit import exact_text
from newsdesk.ui.spell_service import SpellService, bools_kept

_CONTEXT = 18  # characters shown on each side of a fix
_SHOWN_SPACE = "·"  # how a no-break space is drawn in the list (else it cannot be seen)


@dataclass
class _Pending:
    fix: Fix
    cursor: QTextCursor  # selects the text the fix replaces
    original: str


class TypographyDialog(QDialog):
    """The list of fixes for one body editor."""

    def __init__(
        self,
        body: QPlainTextEdit,
        service: SpellService,
        language: str = "fr",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("TypographyDialog")
        self.setWindowTitle(self.tr("Typographie"))
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.body = body
        self.pending: list[_Pending] = []
        self.received = False
        self.state = QLabel(self.tr("Recherche des corrections typographiques…"), self)
        self.state.setObjectName("TypographyState")
        self.state.setWordWrap(True)
        self.hint = QLabel(
            self.tr("Le point «\u00a0·\u00a0» marque une espace insécable."),
            self,
        )
        self.hint.setVisible(False)
        self.list = QListWidget(self)
        self.list.setObjectName("TypographyList")
        self.list.setMinimumWidth(520)
        self.list.setAlternatingRowColors(True)  # each fix is two lines: tell them apart
        self.list.setSpacing(2)
        self.list.currentRowChanged.connect(self._update_buttons)
        buttons = QDialogButtonBox(self)
        self.apply_button = self._button(buttons, self.tr("&Appliquer"), self.apply_current)
        self.apply_all_button = self._button(buttons, self.tr("&Tout appliquer"), self.apply_all)
        self.ignore_button = self._button(buttons, self.tr("&Ignorer"), self.ignore_current)
        close = buttons.addButton(QDialogButtonBox.StandardButton.Close)
        close.clicked.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.state)
        layout.addWidget(self.list)
        layout.addWidget(self.hint)
        layout.addWidget(buttons)
        self.service = service
        self._update_buttons()
        if language != "fr":
            self.received = True
            self.state.setText(
                self.tr(
                    "Cet article n’est pas en français : la typographie française "
                    "ne s’y applique pas."
                )
            )
        else:
            self._ask()

    def _ask(self) -> None:
        self._asked = exact_text(self.body)
        self.service.typography(self._asked, self._received)

    def _button(self, box: QDialogButtonBox, text: str, slot: object) -> QPushButton:
        button = box.addButton(text, QDialogButtonBox.ButtonRole.ActionRole)
        button.setAutoDefault(False)
        button.clicked.connect(slot)
        return button

    # -- the fixes ----------------------------------------------------------------------

    def _received(self, fixes: list[Fix], dictionary: bool) -> None:
        if not shiboken6.isValid(self):
            return  # closed before the answer came
        text = exact_text(self.body)
        if text != self._asked:
            self._ask()  # typed meanwhile: the positions are those of another text
            return
        self.received = True
        document = self.body.document()
        positions = _utf16_positions(text)
        with bools_kept():  # thousands of calls into Qt for a long article's fixes
            for fix in fixes:
                start, end = positions(fix.start), positions(fix.end)
                if not is_kept(document.findBlock(start).userState()):
                    cursor = QTextCursor(document)
                    cursor.setPosition(start)
                    cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
                    self.pending.append(_Pending(fix, cursor, text[fix.start : fix.end]))
                    self.list.addItem(self._item(fix, text))
        self.hint.setVisible(
            any(NBSP in p.fix.replacement or NNBSP in p.fix.replacement for p in self.pending)
        )
        if not self.pending:
            self.state.setText(
                self.tr("Rien à corriger\u00a0: la typographie de l’article est juste.")
            )
        else:
            self.state.setText(self.tr("%n correction(s) proposée(s).", "", len(self.pending)))
            self.list.setCurrentRow(0)
        if not dictionary:
            self.state.setText(
                self.state.text()
                + " "
                + self.tr(
                    "Sans dictionnaire français, les «\u00a0œ\u00a0» et les accents des majuscules "
                    "n’ont pas été vérifiés."
                )
            )
        self._update_buttons()

    def _item(self, fix: Fix, text: str) -> QListWidgetItem:
        line_start = text.rfind("\n", 0, fix.start) + 1
        line_end = text.find("\n", fix.end)
        line_end = len(text) if line_end < 0 else line_end
        left = text[max(line_start, fix.start - _CONTEXT) : fix.start]
        right = text[fix.end : min(line_end, fix.end + _CONTEXT)]
        before = _shown(left + text[fix.start : fix.end] + right)
        after = _shown(left + fix.replacement + right)
        item = QListWidgetItem(f"{self.explanation(fix)}\n    {before}  →  {after}")
        item.setToolTip(self.explanation(fix))
        return item

    def explanation(self, fix: Fix) -> str:
        """One line, for the reporter, of why the fix is right."""
        if fix.rule == "no-break-space":
            if ":" in fix.replacement:
                return self.tr("Espace insécable avant le deux-points")
            if "«" in fix.replacement or "»" in fix.replacement:
                return self.tr("Espace insécable à l’intérieur des guillemets")
            return self.tr(
                "Espace fine insécable avant «\u00a0;\u00a0», «\u00a0!\u00a0» et «\u00a0?\u00a0»"
            )
        words = {
            "guillemets": self.tr("Guillemets français «\u00a0» au lieu des guillemets droits"),
            "apostrophe": self.tr(
                "Apostrophe typographique «\u00a0’\u00a0» au lieu de l’apostrophe droite"
            ),
            "ellipsis": self.tr("Points de suspension en un seul signe «\u00a0…\u00a0»"),
            "double-space": self.tr("Une seule espace entre les mots"),
            "unit": self.tr("Espace insécable entre le nombre et son unité"),
            "thousands": self.tr("Milliers séparés par une espace fine insécable"),
            "ligature": self.tr("«\u00a0œ\u00a0» lié, comme l’écrit le dictionnaire"),
            "capital-accent": self.tr("Les majuscules gardent leur accent"),
        }
        return words.get(fix.rule, fix.rule)

    # -- the buttons --------------------------------------------------------------------

    def apply_current(self) -> None:
        row = self.list.currentRow()
        if 0 <= row < len(self.pending):
            self._apply(self.pending.pop(row))
            self.list.takeItem(row)
        self._after_change()

    def apply_all(self) -> None:
        edit = QTextCursor(self.body.document())
        edit.beginEditBlock()  # one step for « Annuler »
        try:
            with bools_kept():
                for pending in self.pending:
                    self._apply(pending)
        finally:
            edit.endEditBlock()
        self.pending.clear()
        self.list.clear()
        self._after_change()

    def ignore_current(self) -> None:
        row = self.list.currentRow()
        if 0 <= row < len(self.pending):
            self.pending.pop(row)
            self.list.takeItem(row)
        self._after_change()

    def _apply(self, pending: _Pending) -> None:
        cursor = pending.cursor
        if cursor.selectedText() != pending.original:
            return  # the reporter changed that text meanwhile: the fix no longer fits
        cursor.insertText(pending.fix.replacement)

    def _after_change(self) -> None:
        if self.received and not self.pending:
            self.state.setText(self.tr("Toutes les corrections ont été traitées."))
            self.hint.setVisible(False)
        self._update_buttons()

    def _update_buttons(self, *_args: object) -> None:
        some = bool(self.pending)
        self.apply_button.setEnabled(some and self.list.currentRow() >= 0)
        self.ignore_button.setEnabled(some and self.list.currentRow() >= 0)
        self.apply_all_button.setEnabled(some)


def _shown(text: str) -> str:
    return text.replace(NBSP, _SHOWN_SPACE).replace(NNBSP, _SHOWN_SPACE)


def _utf16_positions(text: str) -> Callable[[int], int]:
    """Python's positions in ``text`` as the document's (UTF-16: an emoji counts two)."""
    if all(ord(ch) < 0x10000 for ch in text):
        return lambda index: index
    table = [0]
    for ch in text:
        table.append(table[-1] + (2 if ord(ch) >= 0x10000 else 1))
    return lambda index: table[index]
