"""The Markdown body editor: a plain-text editor that highlights what the site will style."""

from __future__ import annotations

import ctypes
import functools
import re
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QMimeData, QRegularExpression, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFocusEvent,
    QFont,
    QKeyEvent,
    QKeySequence,
    QSyntaxHighlighter,
    QTextBlock,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
)
from PySide6.QtWidgets import QPlainTextEdit, QToolTip, QWidget

from newsdesk.ui.kept_lines import is_kept, line_state
from newsdesk.ui.tasks import run_in_background

# Files a drop on the body imports as new articles (rather than typing their path).
IMPORTED_SUFFIXES = frozenset({".docx", ".md", ".markdown", ".txt"})
# A paste of more HTML than this is converted off the UI thread (a 1 MB page takes
# seconds); a smaller one (about 40 ms at most here) at once, where and when it was pasted.
PASTE_IN_BACKGROUND_CHARS = 20_000


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


# PySide6 6.12 takes a reference to None and never gives it back on each call of a
# protected method that returns nothing (QSyntaxHighlighter.setFormat and
# setCurrentBlockState): a text of a few thousand lines (a long paste) freed None and
# aborted the interpreter ("Fatal Python error: none_dealloc"). Each such call gives
# it back; one reference too many, should PySide mend this, costs nothing.
_give_back_none = functools.partial(ctypes.pythonapi.Py_IncRef, ctypes.py_object(None))


class MarkdownHighlighter(QSyntaxHighlighter):
    """Headings, emphasis, quotes and links: what a reporter needs to see their structure.

    Line-based on purpose: it rehighlights only the edited block, so it stays
    cheap on a 20,000-word article.
    """

    def __init__(self, document: QTextDocument) -> None:
        super().__init__(document)
        self._heading = _fmt("#8b1a1a", bold=True)
        # A block of the site kept as it is: a tinted chip, its markup muted.
        self._kept = _fmt("#5b6670")
        self._kept.setBackground(QColor("#e8edf2"))
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
        #: Spelling and grammar underlines (ui/spell_highlighter.SpellDecorator), set by
        #: the window; None checks nothing.
        self.spell: Any = None

    def highlightBlock(self, text: str) -> None:
        state = line_state(text, self.previousBlockState())
        spell = self.spell
        if spell is not None:
            # Fenced code spans lines: its bit rides in the state beside the kept depth.
            state |= spell.extra_state(text, self.previousBlockState())
        self.setCurrentBlockState(state)
        _give_back_none()
        if is_kept(state):
            self._format(0, len(text), self._kept)
            return
        self._highlight_markdown(text)
        if spell is not None:
            # Underlines on top of the Markdown's formats: one highlighter per document.
            spell.decorate(text, state)

    def _highlight_markdown(self, text: str) -> None:
        stripped = text.lstrip()
        if stripped.startswith("#"):
            self._format(0, len(text), self._heading)
            return
        if stripped.startswith(">"):
            self._format(0, len(text), self._quote)
        elif re.match(r"\s*([-*+]|\d+[.)])\s", text):
            marker = re.match(r"\s*([-*+]|\d+[.)])", text)
            if marker:
                self._format(0, marker.end(), self._list)
        for pattern, fmt in self._inline:
            matches = pattern.globalMatch(text)
            while matches.hasNext():
                m = matches.next()
                self._format(m.capturedStart(), m.capturedLength(), fmt)

    def _format(self, start: int, length: int, fmt: QTextCharFormat) -> None:
        self.setFormat(start, length, fmt)
        _give_back_none()


def exact_text(edit: QPlainTextEdit) -> str:
    """The text as typed or loaded, no-break spaces included.

    ``toPlainText()`` turns every no-break space into an ordinary one: a post pulled
    from the site would lose them all on its first save (``8&nbsp;%`` becoming
    ``8 %``, in paragraphs the reporter never touched), and with them the promise that
    an untouched paragraph goes back as the site holds it. Qt's raw text keeps them; its
    paragraph and line separators are newlines in the article.
    """
    return edit.document().toRawText().replace("\u2029", "\n").replace("\u2028", "\n")


class BodyEditor(QPlainTextEdit):
    """The body, in Markdown. Emits ``focus_lost`` so the window can save at once."""

    focus_lost = Signal()
    find_requested = Signal()
    # Word or Markdown files dropped on the body: the window imports them.
    files_dropped = Signal(list)
    # A large HTML paste was converted and is in the text (tests wait for it).
    paste_converted = Signal()

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
        # French typography's no-break spaces before « : ; ! ? » in a paste become
        # the plain spaces a reporter types (the renderer puts them back for French).
        self.french = True
        # Bumped when another text is loaded: a paste converted in the background
        # for the text before is dropped rather than written into this one.
        self._text_generation = 0

    def setPlainText(self, text: str) -> None:
        self._text_generation += 1
        super().setPlainText(text)

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
        if _edits(event) and not self._may_edit(event):
            return
        super().keyPressEvent(event)

    def insertFromMimeData(self, source: QMimeData) -> None:
        # A paste or a drop from the menu or the mouse: the same rule as typed keys.
        if self._kept_touched():
            self._refuse()
            return
        files = _importable_files(source)
        if files:
            self.files_dropped.emit(files)
            return
        from newsdesk.formats.html_input import has_formatting

        if source.hasHtml() and has_formatting(source.html()):
            self._paste_html(source.html(), source.text())
            return
        super().insertFromMimeData(source)  # plain text stays plain

    def canInsertFromMimeData(self, source: QMimeData) -> bool:
        # A file manager's drag may carry only the files' URLs: still welcome here.
        return bool(_importable_files(source)) or super().canInsertFromMimeData(source)

    def createMimeDataFromSelection(self) -> QMimeData:
        # Copied from the body, the text is Markdown already: no HTML copy of it, which
        # a paste back would convert (and escape) as if it came from a web page.
        data = QMimeData()
        raw = self.textCursor().selection().toRawText()
        data.setText(raw.replace("\u2029", "\n").replace("\u2028", "\n"))
        return data

    def _paste_html(self, html: str, plain: str) -> None:
        """The clipboard's HTML as Markdown at the cursor: sanitized, never raw tags."""
        from newsdesk.formats.html_input import paste_markdown

        french = self.french
        if len(html) <= PASTE_IN_BACKGROUND_CHARS:
            markdown = paste_markdown(html, french=french) or plain
            cursor = self.textCursor()
            cursor.beginEditBlock()  # one undo step, as any paste
            cursor.removeSelectedText()
            cursor.insertText(_as_blocks(markdown, cursor))
            cursor.endEditBlock()
            self.setTextCursor(cursor)
            return
        # The cursor follows the reporter's typing while the conversion runs; the
        # selection the paste replaces goes at once.
        cursor = QTextCursor(self.textCursor())
        cursor.removeSelectedText()
        generation = self._text_generation

        def converted(markdown: str) -> None:
            if generation == self._text_generation:
                cursor.insertText(_as_blocks(markdown or plain, cursor))
            self.paste_converted.emit()

        def failed(error: BaseException) -> None:
            if generation == self._text_generation:
                cursor.insertText(plain)
            self.paste_converted.emit()

        run_in_background(
            lambda: paste_markdown(html, french=french), converted, failed, owner=self
        )

    # -- blocks of the site kept as they are: edited whole or not at all -----------

    def _kept_line(self, block: QTextBlock) -> bool:
        return block.isValid() and is_kept(block.userState())

    def _region(self, block: QTextBlock) -> tuple[int, int]:
        """Where the kept block holding ``block``'s line starts and ends in the text."""
        first = last = block
        while self._kept_line(first.previous()):
            first = first.previous()
        while self._kept_line(last.next()):
            last = last.next()
        return first.position(), last.position() + len(last.text())

    def _kept_touched(self) -> bool:
        """Whether an edit at the cursor would change part of a kept block (a selection
        holding kept blocks whole may replace them)."""
        cursor = self.textCursor()
        document = self.document()
        if not cursor.hasSelection():
            return self._kept_line(cursor.block())
        start, end = cursor.selectionStart(), cursor.selectionEnd()
        block = document.findBlock(start)
        while block.isValid() and block.position() <= end:
            if self._kept_line(block):
                first, last = self._region(block)
                if first < start or last > end:
                    return True
            block = block.next()
        return False

    def _may_edit(self, event: QKeyEvent) -> bool:
        cursor = self.textCursor()
        key = event.key()
        if cursor.hasSelection():
            if self._kept_touched():
                self._refuse()
                return False
            return True
        block = cursor.block()
        position = cursor.position()
        line_start, line_end = block.position(), block.position() + len(block.text())
        if self._kept_line(block):
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                # A new line before the block or after it moves it; inside, it would cut it.
                first, last = self._region(block)
                if position in (first, last):
                    return True
            self._refuse()
            return False
        # Backspace just after a kept block, or Delete just before one, selects it whole:
        # a second key removes it, as the reporter means.
        previous, following = block.previous(), block.next()
        if key == Qt.Key.Key_Backspace and position == line_start and self._kept_line(previous):
            self._select(*self._region(previous))
            return False
        if key == Qt.Key.Key_Delete and position == line_end and self._kept_line(following):
            self._select(*self._region(following))
            return False
        return True

    def _select(self, start: int, end: int) -> None:
        cursor = self.textCursor()
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cursor)

    def _refuse(self) -> None:
        QToolTip.showText(
            self.mapToGlobal(self.cursorRect().bottomRight()),
            self.tr(
                "Bloc du site conservé tel quel\u00a0: il repartira intact sur le site. "
                "Pour le retirer, sélectionnez-le en entier."
            ),
            self,
        )

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


_EDIT_KEYS = frozenset(
    {Qt.Key.Key_Backspace, Qt.Key.Key_Delete, Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Tab}
)
_EDIT_SEQUENCES = (
    QKeySequence.StandardKey.Paste,
    QKeySequence.StandardKey.Cut,
    QKeySequence.StandardKey.DeleteStartOfWord,
    QKeySequence.StandardKey.DeleteEndOfWord,
    QKeySequence.StandardKey.DeleteEndOfLine,
    QKeySequence.StandardKey.DeleteCompleteLine,
)


def _as_blocks(markdown: str, cursor: QTextCursor) -> str:
    """Paragraphs pasted before a line's text end with a blank line: the line stays a
    paragraph of its own rather than run on from the last pasted one."""
    block = cursor.block()
    rest = block.text()[cursor.position() - block.position() :]
    if "\n" in markdown and rest.strip() and cursor.atBlockStart():
        return markdown + "\n\n"
    return markdown


def _importable_files(source: QMimeData) -> list[Path]:
    """The Word and Markdown files of a drop (all of them, or none: a drop mixing an
    image and a page is no import)."""
    if not source.hasUrls():
        return []
    paths = [Path(url.toLocalFile()) for url in source.urls() if url.isLocalFile()]
    if not paths or len(paths) != len(source.urls()):
        return []
    if all(path.suffix.lower() in IMPORTED_SUFFIXES for path in paths):
        return paths
    return []


def _edits(event: QKeyEvent) -> bool:
    """Whether the key changes the text (rather than moving, selecting or copying)."""
    if event.key() in _EDIT_KEYS or any(event.matches(k) for k in _EDIT_SEQUENCES):
        return True
    text = event.text()
    return bool(text) and text.isprintable()


__all__ = ["BodyEditor", "MarkdownHighlighter", "exact_text"]
