"""The window's spelling and grammar: dictionaries loaded off the UI thread, words
looked up in batches off it, suggestions and grammar checks on the background lane.

One per window. The highlighters (ui/spell_highlighter.py) ask it only for cached
answers and hand it the words it does not know yet; it answers later with
``words_checked`` and they re-highlight the lines that held them. Typing therefore
never waits for a dictionary: a keystroke costs the tokenizing of its own line and,
for the one new word, a lookup (a quarter of a millisecond).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from typing import Any

from PySide6.QtCore import QObject, Signal

from newsdesk.paths import Paths
from newsdesk.settings import Settings
from newsdesk.spelling.dictionaries import SpellChecker, dictionary_path, load_dictionary
from newsdesk.spelling.grammar import Grammar, GrammarError, grammalecte_found, load_grammar
from newsdesk.spelling.tokenizer import Word
from newsdesk.spelling.wordlists import PersonalDictionary, newsroom_words, term_words
from newsdesk.ui.tasks import run_in_background

log = logging.getLogger(__name__)


class SpellService(QObject):
    """Checkers per language, the accepted words, and Grammalecte."""

    checker_ready = Signal(str)  # a language's dictionary was loaded
    words_checked = Signal(str)  # a batch of words has answers now (the language)
    words_changed = Signal()  # a word was added or ignored: every line again
    grammar_state_changed = Signal()

    def __init__(self, paths: Paths, settings: Settings | None, parent: QObject | None = None):
        super().__init__(parent)
        self._paths = paths
        self._settings = settings
        self._checkers: dict[str, SpellChecker] = {}
        self._loading: set[str] = set()
        self._personal: dict[str, PersonalDictionary] = {}
        self._terms: list[str] = []
        self._ignored: set[str] = set()
        self._pending: dict[str, set[str]] = {}
        self._batch_running: set[str] = set()
        self.grammar: Grammar | None = None
        self.grammar_available = grammalecte_found()
        self._grammar_loading = False
        self.ignored_grammar: set[tuple[str, str]] = set()
        self.enabled = self._setting("spellcheck", True)

    def _setting(self, name: str, default: Any) -> Any:
        try:
            return self._settings.get(name) if self._settings is not None else default
        except Exception:
            return default

    def variant(self, language: str) -> str:
        if language == "fr":
            return str(self._setting("french_spelling", "classique"))
        return str(self._setting("english_spelling", "US"))

    # -- dictionaries ------------------------------------------------------------

    def checker(self, language: str) -> SpellChecker | None:
        """The language's checker, or None while it loads (its loading starts here)."""
        found = self._checkers.get(language)
        if found is None and self.enabled:
            self._load(language)
        return found

    def _load(self, language: str) -> None:
        if language in self._loading:
            return
        folder = dictionary_path(language, self.variant(language))
        if folder is None:
            log.warning("no %s spelling dictionary installed", language)
            return
        self._loading.add(language)
        accepted = self._accepted_words(language)

        def load() -> SpellChecker:
            return SpellChecker(language, load_dictionary(folder), accepted, name=folder.name)

        def loaded(checker: SpellChecker) -> None:
            self._loading.discard(language)
            checker.accept(self._accepted_words(language))
            self._checkers[language] = checker
            self.checker_ready.emit(language)

        def failed(error: BaseException) -> None:
            self._loading.discard(language)
            log.warning("the %s dictionary did not load: %s", language, error)

        run_in_background(load, loaded, failed, owner=self)

    def reload(self) -> None:
        """After a change of variant: the dictionaries again."""
        self.enabled = self._setting("spellcheck", True)
        for language in list(self._checkers):
            del self._checkers[language]
            if self.enabled:
                self._load(language)
        self.words_changed.emit()

    def personal(self, language: str) -> PersonalDictionary:
        if language not in self._personal:
            self._personal[language] = PersonalDictionary(self._paths.spelling, language)
        return self._personal[language]

    def _accepted_words(self, language: str) -> list[str]:
        return [
            *newsroom_words(self._paths.spelling),
            *term_words(self._terms),
            *self.personal(language).words,
            *self._ignored,
        ]

    def set_terms(self, names: Iterable[str]) -> None:
        """The site's cached tags and categories: accepted words."""
        names = sorted(set(names))
        if names == self._terms:
            return
        self._terms = names
        for checker in self._checkers.values():
            checker.accept(term_words(names))
        self.words_changed.emit()

    def add_to_dictionary(self, language: str, word: str) -> None:
        self.personal(language).add(word)
        checker = self._checkers.get(language)
        if checker is not None:
            checker.accept([word])
        self.words_changed.emit()

    def ignore(self, word: str) -> None:
        """For this session, in every language."""
        self._ignored.add(word)
        for checker in self._checkers.values():
            checker.accept([word])
        self.words_changed.emit()

    # -- looking up off the UI thread ------------------------------------------------

    def check_later(self, language: str, words: Iterable[str]) -> None:
        self._pending.setdefault(language, set()).update(words)
        self._start_batch(language)

    def _start_batch(self, language: str) -> None:
        checker = self._checkers.get(language)
        todo = self._pending.get(language)
        if checker is None or not todo or language in self._batch_running:
            return
        batch = list(todo)[:400]
        todo.difference_update(batch)
        self._batch_running.add(language)

        def look_up() -> None:
            checker.misspellings(Word(0, len(w), w) for w in batch)

        def done(_result: object = None) -> None:
            self._batch_running.discard(language)
            self.words_checked.emit(language)
            self._start_batch(language)

        run_in_background(look_up, done, lambda _e: done(), owner=self)

    def suggest(self, language: str, word: str, callback: Callable[[list[str]], None]) -> None:
        checker = self._checkers.get(language)
        if checker is None:
            callback([])
            return
        run_in_background(
            lambda: checker.suggestions(word), callback, lambda _e: callback([]), owner=self
        )

    # -- grammar -------------------------------------------------------------------

    def ensure_grammar(self) -> None:
        if self.grammar is not None or self._grammar_loading or not self.grammar_available:
            return
        self._grammar_loading = True

        def loaded(grammar: Grammar | None) -> None:
            self._grammar_loading = False
            self.grammar = grammar
            self.grammar_available = grammar is not None
            self.grammar_state_changed.emit()

        def failed(error: BaseException) -> None:
            log.warning("Grammalecte did not load: %s", error)
            loaded(None)

        run_in_background(load_grammar, loaded, failed, owner=self)

    def check_grammar(self, paragraph: str, callback: Callable[[list[GrammarError]], None]) -> None:
        grammar = self.grammar
        if grammar is None:
            return
        run_in_background(
            lambda: grammar.check(paragraph), callback, lambda _e: callback([]), owner=self
        )
