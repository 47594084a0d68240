"""The Markdown body editor: a plain-text editor that highlights what the site will style."""

from __future__ import annotations

import re

from PySide6.QtCore import QEvent, QRegularExpression, Signal
from PySide6.QtGui import (
    QColor,
    QFocusEvent,
    QFont,
    QKeyEvent,
    QKeySequence,
    QSyntaxHighlighter,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
)
from PySide6.QtWidgets import QPlainTextEdit, QWidget


def _fmt(
    color: str | None = None, bold: bool = False, italic: bool = False, size: float = 0
) -> QTextCharFormat:
    fmt = QTextCharFormat()
    if color:
        fmt.setForeground(QColor(color))
    if bold:
        fmt.setFontWeight(QFont.Weight.Bold)
    if italic:
        fmt.setFontItalic(True)
    if size:
        fmt.setFontPointSize(size)
    return fmt


class MarkdownHighlighter(QSyntaxHighlighter):
    """Headings, emphasis, quotes and links: what a reporter needs to see their structure.

    Line-based on purpose: it rehighlights only the edited block, so it stays
    cheap on a 20,000-word article.
    """

    def __init__(self, document: QTextDocument) -> None:
        super().__init__(document)
        self._heading = _fmt("#8b1a1a", bold=True)
        self._quote = _fmt("#3c5a78", italic=True)
        self._list = _fmt("#8b1a1a", bold=True)
        self._inline: list[tuple[QRegularExpression, QTextCharFormat]] = [
            (QRegularExpression(r"\*\*[^*\n]+\*\*|__[^_\n]+__"), _fmt(bold=True)),
            (
                QRegularExpression(r"(?<![*\w])\*(?!\s)[^*\n]+\*(?!\*)|(?<!\w)_[^_\n]+_(?!\w)"),
                _fmt(italic=True),
            ),
            (QRegularExpression(r"!?\[[^\]\n]*\]\([^)\n]*\)"), _fmt("#1f5fa8")),
            (QRegularExpression(r"«[^»\n]*»"), _fmt("#3c5a78")),
        ]

    def highlightBlock(self, text: str) -> None:
        stripped = text.lstrip()
        if stripped.startswith("#"):
            self.setFormat(0, len(text), self._heading)
            return
        if stripped.startswith(">"):
            self.setFormat(0, len(text), self._quote)
        elif re.match(r"\s*([-*+]|\d+[.)])\s", text):
            marker = re.match(r"\s*([-*+]|\d+[.)])", text)
            if marker:
                self.setFormat(0, marker.end(), self._list)
        for pattern, fmt in self._inline:
            matches = pattern.globalMatch(text)
            while matches.hasNext():
                m = matches.next()
                self.setFormat(m.capturedStart(), m.capturedLength(), fmt)


class BodyEditor(QPlainTextEdit):
    """The body, in Markdown. Emits ``focus_lost`` so the window can save at once."""

    focus_lost = Signal()
    find_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("BodyEditor")
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.setTabChangesFocus(False)
        self.highlighter = MarkdownHighlighter(self.document())
        # A writing surface, not a form field: a little larger and with room to breathe.
        self.document().setDocumentMargin(10)
        font = self.font()
        font.setPointSizeF(font.pointSizeF() + 1)
        self.setFont(font)
        self.setPlaceholderText(self.tr("Écrivez l’article ici… (## pour un intertitre)"))

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.focus_lost.emit()

    def event(self, event: QEvent) -> bool:
        # Ctrl+F is the window's « search the library » shortcut; inside the text
        # it means « find in this text ». Claiming the key here, before shortcuts
        # are matched, gives the editor the last word while it has the focus.
        if (
            event.type() == QEvent.Type.ShortcutOverride
            and isinstance(event, QKeyEvent)
            and event.matches(QKeySequence.StandardKey.Find)
        ):
            event.accept()
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.matches(QKeySequence.StandardKey.Find):
            self.find_requested.emit()
            return
        super().keyPressEvent(event)

    # -- toolbar actions: each is one undo step ---------------------------------

    def wrap_selection(self, before: str, after: str, placeholder: str) -> None:
        cursor = self.textCursor()
        text = cursor.selectedText() or placeholder
        cursor.beginEditBlock()
        cursor.insertText(f"{before}{text}{after}")
        cursor.endEditBlock()
        if not self.textCursor().hasSelection():
            # Select the placeholder so the reporter types straight over it.
            end = cursor.position() - len(after)
            cursor.setPosition(end - len(text))
            cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
            self.setTextCursor(cursor)
        self.setFocus()

    def prefix_lines(self, prefix: str) -> None:
        """Start the current line(s) with ``prefix`` (intertitle, quote)."""
        cursor = self.textCursor()
        start, end = sorted((cursor.anchor(), cursor.position()))
        cursor.beginEditBlock()
        cursor.setPosition(start)
        cursor.movePosition(QTextCursor.MoveOperation.StartOfBlock)
        while True:
            line = cursor.block().text()
            if not line.startswith(prefix):
                # Swap one kind of line marker for another rather than stacking them.
                bare = re.sub(r"^(#{1,6}\s|>\s?)", "", line)
                cursor.movePosition(
                    QTextCursor.MoveOperation.EndOfBlock, QTextCursor.MoveMode.KeepAnchor
                )
                cursor.insertText(prefix + bare)
            if cursor.block().position() + cursor.block().length() > end or not cursor.movePosition(
                QTextCursor.MoveOperation.NextBlock
            ):
                break
            cursor.movePosition(QTextCursor.MoveOperation.StartOfBlock)
        cursor.endEditBlock()
        self.setFocus()

    def insert_text(self, text: str) -> None:
        cursor = self.textCursor()
        cursor.insertText(text)
        self.setFocus()

    def find_text(self, needle: str, backward: bool = False) -> bool:
        flags = QTextDocument.FindFlag.FindBackward if backward else QTextDocument.FindFlag(0)
        if self.find(needle, flags):
            return True
        # Wrap around once, as every editor does.
        cursor = self.textCursor()
        cursor.movePosition(
            QTextCursor.MoveOperation.End if backward else QTextCursor.MoveOperation.Start
        )
        self.setTextCursor(cursor)
        return self.find(needle, flags)


__all__ = ["BodyEditor", "MarkdownHighlighter"]
