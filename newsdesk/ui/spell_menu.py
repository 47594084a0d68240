"""Spelling and grammar in the article's fields: the context menu (suggestions,
« Ajouter au dictionnaire », « Ignorer »; a grammar error's explanation and
corrections), and the wiring of the underlines into the form (:func:`attach_spelling`).

Suggestions are computed off the UI thread when the menu opens: the menu shows
« Recherche de suggestions… » and fills itself in when they come.
"""

from __future__ import annotations

import textwrap
from typing import Any

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, QPoint, Qt, QTimer
from PySide6.QtGui import QAction, QTextCursor
from PySide6.QtWidgets import QLabel, QLineEdit, QMenu, QPlainTextEdit, QStatusBar, QWidget

from newsdesk.paths import Paths
from newsdesk.settings import Settings
from newsdesk.spelling.dictionaries import Misspelling
from newsdesk.spelling.grammar import GrammarError
from newsdesk.ui.spell_highlighter import LineSpell, SpellDecorator, SpellHighlighter
from newsdesk.ui.spell_service import SpellService, emit


class SpellMenus(QObject):
    """Builds the spelling part of a field's context menu."""

    def __init__(self, service: SpellService, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.service = service
        self.last_menu: QMenu | None = None

    # -- the menu ----------------------------------------------------------------------

    def _spelling_actions(
        self,
        menu: QMenu,
        first: QAction,
        language: str,
        miss: Misspelling,
        replace: Any,
    ) -> None:
        title = QAction(
            QCoreApplication.translate("SpellMenu", "«\u00a0%1\u00a0»\u00a0: mot inconnu").replace(
                "%1", miss.word
            ),
            menu,
        )
        title.setEnabled(False)
        waiting = QAction(
            QCoreApplication.translate("SpellMenu", "Recherche de suggestions…"), menu
        )
        waiting.setEnabled(False)
        add = QAction(QCoreApplication.translate("SpellMenu", "Ajouter au dictionnaire"), menu)
        add.setObjectName("SpellAdd")
        add.triggered.connect(lambda: self.service.add_to_dictionary(language, miss.word))
        ignore = QAction(QCoreApplication.translate("SpellMenu", "Ignorer"), menu)
        ignore.setObjectName("SpellIgnore")
        ignore.triggered.connect(lambda: self.service.ignore(miss.word))
        separator = QAction(menu)
        separator.setSeparator(True)
        menu.insertActions(first, [title, waiting, add, ignore, separator])

        def show(suggestions: list[str]) -> None:
            if not shiboken6.isValid(menu) or not shiboken6.isValid(waiting):
                return
            actions = []
            for suggestion in suggestions:
                action = QAction(suggestion, menu)
                action.setObjectName("SpellSuggestion")
                font = action.font()
                font.setBold(True)
                action.setFont(font)
                action.triggered.connect(
                    lambda _c=False, s=suggestion: replace(miss.start, miss.end, s)
                )
                actions.append(action)
            if not actions:
                waiting.setText(QCoreApplication.translate("SpellMenu", "Aucune suggestion"))
                return
            menu.insertActions(waiting, actions)
            menu.removeAction(waiting)

        self.service.suggest(language, miss.word, show)

    def _grammar_actions(
        self, menu: QMenu, first: QAction, error: GrammarError, text: str, replace: Any
    ) -> None:
        actions: list[QAction] = []
        for line in textwrap.wrap(error.message, 60) or [""]:
            explanation = QAction(line, menu)
            explanation.setEnabled(False)
            actions.append(explanation)
        for suggestion in error.suggestions:
            action = QAction(suggestion, menu)
            action.setObjectName("GrammarSuggestion")
            action.triggered.connect(
                lambda _c=False, s=suggestion: replace(error.start, error.end, s)
            )
            actions.append(action)
        ignore = QAction(QCoreApplication.translate("SpellMenu", "Ignorer cette faute"), menu)
        fragment = text[error.start : error.end]

        def ignored() -> None:
            self.service.ignored_grammar.add((error.rule, fragment))
            emit(self.service.words_changed)

        ignore.triggered.connect(ignored)
        separator = QAction(menu)
        separator.setSeparator(True)
        menu.insertActions(first, [*actions, ignore, separator])

    def _grammar_unavailable(self, menu: QMenu, first: QAction) -> None:
        note = QAction(
            QCoreApplication.translate(
                "SpellMenu", "Grammaire indisponible\u00a0: Grammalecte n’est pas installé"
            ),
            menu,
        )
        note.setEnabled(False)
        separator = QAction(menu)
        separator.setSeparator(True)
        menu.insertActions(first, [note, separator])

    # -- the fields ------------------------------------------------------------------

    def text_menu(self, edit: QPlainTextEdit, spell: SpellDecorator, pos: QPoint) -> QMenu:
        menu = edit.createStandardContextMenu(pos)
        menu.setObjectName("SpellMenu")
        first = menu.actions()[0]
        cursor = edit.cursorForPosition(pos)
        block = cursor.block()
        column = cursor.positionInBlock()

        def replace(start: int, end: int, text: str) -> None:
            change = QTextCursor(block)
            change.setPosition(block.position() + start)
            change.setPosition(block.position() + end, QTextCursor.MoveMode.KeepAnchor)
            change.insertText(text)

        for miss in spell.misspelt.get(block.blockNumber(), ()):
            if miss.start <= column <= miss.end:
                self._spelling_actions(menu, first, spell.language, miss, replace)
                break
        if spell.grammar and spell.language == "fr":
            if not self.service.grammar_available:
                self._grammar_unavailable(menu, first)
            else:
                for error in spell.grammar_errors(block.text()):
                    if error.start <= column <= error.end:
                        self._grammar_actions(menu, first, error, block.text(), replace)
                        break
        self.last_menu = menu
        return menu

    def line_menu(self, line: QLineEdit, spell: LineSpell, pos: QPoint) -> QMenu:
        menu = line.createStandardContextMenu()
        menu.setObjectName("SpellMenu")
        first = menu.actions()[0]
        column = line.cursorPositionAt(pos)

        def replace(start: int, end: int, text: str) -> None:
            line.setSelection(start, end - start)
            line.insert(text)

        for miss in spell.misspelt:
            if miss.start <= column <= miss.end:
                self._spelling_actions(menu, first, spell.language, miss, replace)
                break
        self.last_menu = menu
        return menu


class SpellWiring(QObject):
    """The underlines and the menus of one article form, following its language."""

    def __init__(
        self, editor: Any, paths: Paths, settings: Settings | None, window: QWidget
    ) -> None:
        super().__init__(window)
        self.service = SpellService(paths, settings, self)
        self.menus = SpellMenus(self.service, self)
        self.editor = editor
        body = editor.body
        body.highlighter.spell = SpellDecorator(self.service, body.highlighter, parent=self)
        self.body = body.highlighter.spell
        self.standfirst = SpellHighlighter(editor.standfirst.document(), self.service).spell
        self.lines = {
            "title": LineSpell(editor.title, self.service),
            "caption": LineSpell(editor.caption, self.service),
        }
        for edit, spell in ((body, self.body), (editor.standfirst, self.standfirst)):
            spell.follow(edit)
            edit.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
            edit.customContextMenuRequested.connect(
                lambda pos, e=edit, s=spell: self._popup(self.menus.text_menu(e, s, pos), e, pos)
            )
        for name, spell in self.lines.items():
            line = getattr(editor, name)
            line.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
            line.customContextMenuRequested.connect(
                lambda pos, w=line, s=spell: self._popup(self.menus.line_menu(w, s, pos), w, pos)
            )
        editor.language.currentIndexChanged.connect(self._follow_language)
        self.grammar_label = QLabel(window)
        self.grammar_label.setObjectName("GrammarState")
        self.service.grammar_state_changed.connect(self._show_grammar_state)
        status: QStatusBar | None = getattr(window, "statusBar", lambda: None)()
        if status is not None:
            status.addPermanentWidget(self.grammar_label)
        self._show_grammar_state()
        self._follow_language()

    def start_after(self, signal: Any, fallback_ms: int, grace_ms: int = 0) -> None:
        """Checking begins at the first ``signal`` (the first article's preview on
        screen), or after ``fallback_ms`` whatever comes. Started with the window, the
        spelling process and Grammalecte took a core for a second while the page was
        being laid out for the first time (measured from outside: the preview of a
        20,000-word article complete ~0.2 s later)."""
        service = self.service
        service.hold()
        timer = QTimer(self)
        timer.setSingleShot(True)
        timer.timeout.connect(service.release)
        timer.start(fallback_ms)

        def first(*_args: object) -> None:
            signal.disconnect(first)
            # ``grace_ms`` later (at least a turn of the event loop): the page gets
            # painted first.
            timer.start(grace_ms)

        signal.connect(first)

    def findings(self) -> tuple[list[str] | None, list[str] | None]:
        """The misspelt words and grammar mistakes of the form as the underlines show
        them (None: spelling is off), for the checklist before publishing."""
        if not self.service.enabled:
            return None, None
        words: list[str] = []
        phrases: list[str] = []
        for spell in (self.body, self.standfirst):
            found_words, found_phrases = spell.findings()
            words += found_words
            phrases += found_phrases
        for line in self.lines.values():
            words += [m.word for m in line.misspelt]
        return words, phrases

    def _popup(self, menu: QMenu, widget: QWidget, pos: QPoint) -> None:
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        menu.popup(widget.mapToGlobal(pos))

    def _follow_language(self, *_args: object) -> None:
        language = str(self.editor.language.currentData() or "fr")
        self.body.set_language(language)
        self.standfirst.set_language(language)
        for spell in self.lines.values():
            spell.set_language(language)

    def _show_grammar_state(self) -> None:
        if self.service.grammar_available:
            self.grammar_label.clear()
            self.grammar_label.setToolTip("")
            return
        self.grammar_label.setText(
            QCoreApplication.translate("SpellMenu", "Grammaire indisponible")
        )
        self.grammar_label.setToolTip(
            QCoreApplication.translate(
                "SpellMenu",
                "Grammalecte n’est pas installé\u00a0: l’orthographe est vérifiée, "
                "la grammaire ne l’est pas. Sous Debian ou Ubuntu\u00a0: "
                "apt install python3-grammalecte.",
            )
        )

    def set_terms(self, names: list[str]) -> None:
        self.service.set_terms(names)

    def apply_settings(self) -> None:
        self.service.reload()
