"""Misspelt words and grammar errors underlined where the reporter types.

- The body: the body editor's own highlighter (ui/markdown_edit.py) calls
  :meth:`SpellDecorator.decorate` for each line it highlights (a document has one
  highlighter; this one adds its underlines on top of the Markdown's formats), and
  ORs :meth:`SpellDecorator.extra_state` into the line's state for fenced code.
- The standfirst: a :class:`SpellHighlighter` of its own.
- The headline and the caption (QLineEdit, no highlighter): :class:`LineSpell` sets
  the underlines as input-method formats, the one way a QLineEdit shows them.

QSyntaxHighlighter re-highlights only the line that changed; a line asks the
checker for cached answers only, and the words it does not know yet are looked up
off the UI thread (:class:`~newsdesk.ui.spell_service.SpellService`), the lines that
held them highlighted again when the answers come. French grammar: Grammalecte on
each changed paragraph, a moment after typing stops, underlined in blue.
"""

from __future__ import annotations

import ctypes
import functools
import re
import time

from PySide6.QtCore import QCoreApplication, QObject, QTimer
from PySide6.QtGui import (
    QColor,
    QInputMethodEvent,
    QSyntaxHighlighter,
    QTextCharFormat,
    QTextDocument,
)
from PySide6.QtWidgets import QLineEdit, QPlainTextEdit

from newsdesk.spelling.dictionaries import Misspelling
from newsdesk.spelling.grammar import GrammarError
from newsdesk.spelling.tokenizer import fence_after, words
from newsdesk.ui.spell_service import SpellService, bools_kept

#: Set in a body line's state while the line is inside a fenced code block.
FENCE = 1 << 22
SPELLING_COLOUR = QColor("#d0021b")
GRAMMAR_COLOUR = QColor("#1f6fd1")
_GRAMMAR_PAUSE_MS = 700
_GRAMMAR_BATCH = 12  # paragraphs sent to Grammalecte per pause (~1 s of its work)
_REDO_SLICE = 0.004  # seconds of re-highlighting per turn of the event loop
_MARKER = re.compile(r"^\s*(?:#{1,6}\s+|>\s?|[-*+]\s+|\d+[.)]\s+)")


# PySide6 6.12 drops a reference to None on each call of a method that returns nothing
# (measured: QSyntaxHighlighter.setFormat, rehighlight, QTextCharFormat's setters, one
# each; see ui/markdown_edit.py, where it aborted newsdesk on a long paste): the calls
# made for each line here give it back.
_give_back_none = functools.partial(ctypes.pythonapi.Py_IncRef, ctypes.py_object(None))


def _underline(fmt: QTextCharFormat, colour: QColor) -> QTextCharFormat:
    fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SpellCheckUnderline)
    _give_back_none()
    fmt.setUnderlineColor(colour)
    _give_back_none()
    return fmt


class SpellDecorator(QObject):
    """The underlines of one document, in the language of the article."""

    def __init__(
        self,
        service: SpellService,
        highlighter: QSyntaxHighlighter,
        *,
        grammar: bool = True,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent or highlighter)
        self.service = service
        self.highlighter = highlighter
        self.language = "fr"
        self.grammar = grammar
        #: The field whose document this decorates (set by ``SpellWiring``, through
        #: :meth:`follow`): its signals are held while lines are highlighted again,
        #: because Qt reports new underlines as ``textChanged``, and the form would take
        #: them for the reporter's typing (the article marked modified, saved, rendered
        #: again, hundreds of times).
        self.editor: QObject | None = None
        # The word the reporter is typing, left without its underline until it is
        # finished (the caret leaves it): (line, start, end). Underlining each
        # unfinished form (« gouvern », « gouverne »...) made the line blink red at
        # every key and drew it twice per key (measured from outside: ~12 ms more
        # from a key to the preview's repaint, the editor's second repaint competing
        # with the page's).
        self._spared: tuple[int, int, int] | None = None
        self._typing: int | None = None  # the line the caret typed in last
        self.misspelt: dict[int, list[Misspelling]] = {}  # block number -> its misspellings
        self._grammar_found: dict[str, list[GrammarError]] = {}
        self._grammar_queue: dict[int, str] = {}
        self._grammar_timer = QTimer(self)
        self._grammar_timer.setSingleShot(True)
        self._grammar_timer.setInterval(_GRAMMAR_PAUSE_MS)
        self._grammar_timer.timeout.connect(self._check_grammar)
        # Lines with words being looked up, in the order they asked (a dict as an
        # ordered set); answered, they are highlighted again a few at a time, the
        # newest first (the line being typed), so a long article's first answers never
        # hold the keyboard.
        self._waiting: dict[int, set[str]] = {}  # line -> the forms it waits for
        self._redo: dict[int, None] = {}
        self._focus = 0  # the line last highlighted because it changed
        self._redoing = False
        self._typed_at = 0.0
        self._redo_timer = QTimer(self)
        self._redo_timer.setSingleShot(True)
        self._redo_timer.setInterval(0)
        self._redo_timer.timeout.connect(self._redo_some)
        service.checker_ready.connect(self._on_ready)
        service.words_checked.connect(self._on_checked)
        service.words_changed.connect(self.rehighlight)
        service.grammar_state_changed.connect(self.rehighlight)

    def follow(self, editor: QPlainTextEdit) -> None:
        """Decorate ``editor``'s document: hold its signals while redoing lines, and
        spare the word at its caret while it is being typed."""
        self.editor = editor
        editor.cursorPositionChanged.connect(self._caret_moved)

    def _caret_column(self, number: int) -> int | None:
        """Where the caret of a focused editor stands in line ``number``, if it does."""
        editor = self.editor
        if not isinstance(editor, QPlainTextEdit) or not editor.hasFocus():
            return None
        cursor = editor.textCursor()
        if cursor.hasSelection() or cursor.blockNumber() != number:
            return None
        return cursor.positionInBlock()

    def _caret_moved(self) -> None:
        if self._typing is None:
            return
        spared = self._spared
        column = self._caret_column(self._typing)
        if spared is None:
            if column is None:
                self._typing = None
            return
        number, start, end = spared
        if column is None or not start <= column <= end:
            # The word is finished: its underline, if it is misspelt.
            self._spared = self._typing = None
            self._redo.pop(number, None)
            self._redo[number] = None
            self._redo_timer.start()
            _give_back_none()

    def set_language(self, language: str) -> None:
        if language != self.language:
            self.language = language
            self._grammar_found.clear()
            self.rehighlight()

    def rehighlight(self) -> None:
        """Every line again (a dictionary came, a word was added), a few at a time from
        the line last typed in outwards: a whole article at once would hold the
        keyboard for most of a second."""
        count = self.highlighter.document().blockCount()
        focus = min(self._focus, count - 1)
        order = sorted(range(count), key=lambda n: -abs(n - focus))
        self._redo = dict.fromkeys(order)
        self._redo_some()

    def _on_ready(self, language: str) -> None:
        if language == self.language:
            self.rehighlight()

    def _on_checked(self, language: str, forms: object = None) -> None:
        if language != self.language or not self._waiting:
            return
        # Only the lines that waited for one of these forms: with hundreds of lines
        # waiting (an article just opened), every answer redoing them all was quadratic.
        answered = forms if isinstance(forms, (set, frozenset)) else None
        for number in [
            n for n, wanted in self._waiting.items() if answered is None or wanted & answered
        ]:
            del self._waiting[number]
            self._redo.pop(number, None)
            self._redo[number] = None
        self._redo_some()

    def _redo_some(self) -> None:
        document = self.highlighter.document()
        deadline = time.perf_counter() + _REDO_SLICE
        self._redoing = True
        held = self.editor.blockSignals(True) if self.editor is not None else False
        try:
            with bools_kept():
                while self._redo and time.perf_counter() < deadline:
                    number = next(reversed(self._redo))
                    del self._redo[number]
                    block = document.findBlockByNumber(number)
                    if block.isValid():
                        self.highlighter.rehighlightBlock(block)
                        _give_back_none()
        finally:
            self._redoing = False
            if self.editor is not None:
                self.editor.blockSignals(held)
        if self._redo:
            self._redo_timer.start()
            _give_back_none()

    def findings(self) -> tuple[list[str], list[str]]:
        """(misspelt words, grammar mistakes' phrases) of the text as it is now, from
        the answers already in: what the checklist before publishing lists."""
        words = [m.word for line in self.misspelt.values() for m in line]
        phrases: list[str] = []
        block = self.highlighter.document().firstBlock()
        while block.isValid():
            prose = _prose(block.text())[1]
            for error in self._grammar_found.get(prose, ()):
                phrases.append(prose[error.start : error.end])
            block = block.next()
        return words, phrases

    # -- called by the highlighter, once per line ----------------------------------

    def extra_state(self, text: str, previous_state: int) -> int:
        inside = previous_state > 0 and bool(previous_state & FENCE)
        return FENCE if fence_after(text, inside) else 0

    def decorate(self, text: str, state: int = 0) -> None:
        highlighter = self.highlighter
        block = highlighter.currentBlock()
        number = block.blockNumber()
        if not self._redoing:
            self._focus = number
            self._typed_at = time.monotonic()
        previous = highlighter.previousBlockState()
        in_fence = previous > 0 and bool(previous & FENCE)
        self.misspelt.pop(number, None)
        if in_fence or not self.service.enabled or not text.strip():
            return
        checker = self.service.checker(self.language)
        if checker is None:
            return
        found = checker.misspellings(words(text))
        wanted = set(checker.dictionary.missing)
        if wanted and self.service.ask(self.language):
            # Some words go to the spelling process: this line again when they come back.
            self._waiting[number] = wanted
        if found:
            # The menu and the checklist know the spared word too: only its line waits.
            self.misspelt[number] = found
        for miss in self._unspared(number, found):
            self._mark(miss.start, miss.end, SPELLING_COLOUR)
        if self.grammar and self.language == "fr":
            self._decorate_grammar(number, text)

    def _unspared(self, number: int, found: list[Misspelling]) -> list[Misspelling]:
        """``found`` less the word at the caret of the line being typed in (its
        answers come back while the reporter is still typing it)."""
        column = self._caret_column(number)
        if not self._redoing:
            self._typing = number if column is not None else None
        if self._spared is not None and self._spared[0] == number:
            self._spared = None
        if column is None or self._typing != number:
            return found
        for miss in found:
            if miss.start <= column <= miss.end:
                self._spared = (number, miss.start, miss.end)
                return [m for m in found if m is not miss]
        return found

    def _mark(self, start: int, end: int, colour: QColor) -> None:
        # Each run of one format keeps it (bold, a link's colour) and gains the line.
        highlighter = self.highlighter
        run_start = start
        while run_start < end:
            base = highlighter.format(run_start)
            run_end = run_start + 1
            while run_end < end and highlighter.format(run_end) == base:
                run_end += 1
            fmt = _underline(QTextCharFormat(base), colour)
            highlighter.setFormat(run_start, run_end - run_start, fmt)
            _give_back_none()
            run_start = run_end

    # -- grammar ---------------------------------------------------------------------

    def grammar_errors(self, text: str) -> list[GrammarError]:
        """The errors found in a line as it is now (empty until it was checked)."""
        offset, prose = _prose(text)
        return [
            GrammarError(e.start + offset, e.end + offset, e.message, e.suggestions, e.rule, e.kind)
            for e in self._grammar_found.get(prose, ())
            if (e.rule, prose[e.start : e.end]) not in self.service.ignored_grammar
        ]

    def _decorate_grammar(self, number: int, text: str) -> None:
        prose = _prose(text)[1]
        if len(prose.split()) < 2:
            return
        if prose not in self._grammar_found:
            if self.service.grammar_available:
                self._grammar_queue[number] = prose
                self._grammar_timer.start()
                _give_back_none()
            return
        for error in self.grammar_errors(text):
            self._mark(error.start, error.end, GRAMMAR_COLOUR)

    def _check_grammar(self) -> None:
        if time.monotonic() - self._typed_at < _GRAMMAR_PAUSE_MS / 1000:
            # Still typing: Grammalecte waits for a pause, so that its answers never
            # compete with the keys.
            self._grammar_timer.start()
            _give_back_none()
            return
        # The paragraphs nearest the one being written first, a few per pause: a long
        # article's grammar is spread out instead of taking a core for a minute at once.
        nearest = sorted(self._grammar_queue, key=lambda n: abs(n - self._focus))
        queue = {n: self._grammar_queue.pop(n) for n in nearest[:_GRAMMAR_BATCH]}
        if self._grammar_queue:
            self._grammar_timer.start()
            _give_back_none()
        for number, prose in queue.items():
            if prose in self._grammar_found:
                continue

            def found(errors: list[GrammarError], number: int = number, prose: str = prose) -> None:
                self._grammar_found[prose] = errors
                if len(self._grammar_found) > 5000:
                    self._grammar_found.clear()
                block = self.highlighter.document().findBlockByNumber(number)
                if errors and block.isValid() and _prose(block.text())[1] == prose:
                    self._redo.pop(number, None)
                    self._redo[number] = None
                    self._redo_some()

            self.service.check_grammar(prose, found)


def _prose(text: str) -> tuple[int, str]:
    """A line without its Markdown marker (« ## », « > », « - »): what Grammalecte reads."""
    marker = _MARKER.match(text)
    offset = marker.end() if marker else 0
    return offset, text[offset:]


class SpellHighlighter(QSyntaxHighlighter):
    """Spelling (and grammar) alone, for a plain field such as the standfirst."""

    def __init__(self, document: QTextDocument, service: SpellService) -> None:
        super().__init__(document)
        self.spell = SpellDecorator(service, self, parent=self)

    def highlightBlock(self, text: str) -> None:
        self.spell.decorate(text)


class LineSpell(QObject):
    """Underlines in a one-line field (the headline, the caption)."""

    def __init__(self, line: QLineEdit, service: SpellService) -> None:
        super().__init__(line)
        self.line = line
        self.service = service
        self.language = "fr"
        self.misspelt: list[Misspelling] = []
        # What the field shows (its text, the underlines, the caret): the answers for
        # the body's words come here too, and an unchanged field is not repainted (each
        # repaint of the window costs a frame of its own, in software on most laptops).
        self._shown: tuple[str, int, tuple[tuple[int, int], ...]] | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self.refresh)
        line.textChanged.connect(self._changed)
        service.checker_ready.connect(lambda _language: self._timer.start())
        service.words_checked.connect(lambda *_answer: self._timer.start())
        service.words_changed.connect(self._timer.start)

    def _changed(self, _text: str) -> None:
        self._shown = None  # a new text: Qt may have dropped the underlines with the old
        self._timer.start()
        _give_back_none()

    def set_language(self, language: str) -> None:
        self.language = language
        self._timer.start()

    def refresh(self) -> None:
        text = self.line.text()
        checker = self.service.checker(self.language) if self.service.enabled else None
        self.misspelt = checker.misspellings(words(text)) if checker is not None else []
        if checker is not None and checker.dictionary.missing:
            self.service.ask(self.language)
        cursor = self.line.cursorPosition()
        shown = (text, cursor, tuple((m.start, m.end) for m in self.misspelt))
        if shown == self._shown:
            return
        self._shown = shown
        attributes = []
        for miss in self.misspelt:
            fmt = _underline(QTextCharFormat(), SPELLING_COLOUR)
            attributes.append(
                QInputMethodEvent.Attribute(
                    QInputMethodEvent.AttributeType.TextFormat,
                    miss.start - cursor,
                    miss.end - miss.start,
                    fmt,
                )
            )
        QCoreApplication.sendEvent(self.line, QInputMethodEvent("", attributes))
