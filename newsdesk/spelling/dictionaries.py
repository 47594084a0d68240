"""The Hunspell dictionaries, and a checker made of one of them and the accepted words.

The binding is spylls, Hunspell ported to pure Python (MPL-2.0): the same ``.aff`` and
``.dic`` files work on Windows, macOS and Linux with no system library and no
compiler. What else was tried on this machine (Python 3.11, 2026-12-01):

- cyhunspell 2.0.2: no wheel for Python 3.11; its source build failed here (it wants
  Hunspell's sources or library). pyhunspell (``hunspell``) needs libhunspell-dev;
  hunspell2 runs the ``hunspell`` program; pyenchant needs the system's Enchant on
  Linux and macOS; pynuspell is not on PyPI. None works without a system library.
- spylls with Grammalecte's French « classique » (v7.5), measured on an idle core:
  0.9 s to load (much more on a busy machine: it loads off the UI thread), 0.26 ms a
  word looked up; suggestions from the REP table in 5-15 ms, but the full Hunspell
  search takes 3-28 s for one French word. So lookups go through a cache (a
  keystroke looks up the word it changed, if that), and suggestions run off the UI
  thread under a time budget, keeping whatever was found by then (REP and MAP
  suggestions, the accents and the doubled letters, come first).

Dictionaries live in ``resources/spelling/dictionaries/<name>/index.{aff,dic}`` with
their ``LICENSE``, put there by ``packaging/fetch_dictionaries.py``; nothing is
downloaded at run time.
"""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from newsdesk.spelling.tokenizer import Word, normalized, parts

#: The French variants offered (the setting ``french_spelling``), and the English ones.
FRENCH_VARIANTS = ("classique", "reforme1990")
FOLDERS = {
    ("fr", "classique"): "fr-classique",
    ("fr", "reforme1990"): "fr-reforme1990",
    ("en", "US"): "en-US",
    ("en", "GB"): "en-GB",
}
_CACHE_LIMIT = 200_000


def dictionaries_dir() -> Path:
    # Imported here: ``newsdesk.render``'s package brings Markdown and the sanitizer
    # (~50 ms), which the window's start-up must not pay for the spelling's sake.
    from newsdesk.resources import resources_dir

    return resources_dir() / "spelling" / "dictionaries"


def dictionary_path(language: str, variant: str, root: Path | None = None) -> Path | None:
    """The folder of a dictionary (``language`` ``fr``/``en``, ``variant`` classique,
    reforme1990, US, GB), or None when it was not installed. A missing réforme 1990
    falls back to classique, a missing GB to US."""
    base = root or dictionaries_dir()
    fallbacks = {"reforme1990": "classique", "GB": "US"}
    for wanted in (variant, fallbacks.get(variant, variant)):
        folder = FOLDERS.get((language, wanted))
        if folder and (base / folder / "index.dic").is_file():
            return base / folder
    return None


#: The French variants' own dictionaries in Grammalecte's graphspell, the same
#: lexicon (Grammalecte's) as the Hunspell files of the folders named here.
GRAPHSPELL_FILES = {"fr-classique": "fr-classic.json", "fr-reforme1990": "fr-reform.json"}
# Elided words (« l’État », « qu’il »): graphspell checks the word after the
# apostrophe, as its own tokenizer would have cut it.
_ELISION = re.compile(r"^(?:[cdjlmnst]|qu|jusqu|lorsqu|puisqu|quoiqu|presqu)[’'](.+)$", re.I)


class GraphspellDictionary:
    """A French variant read by Grammalecte's graphspell, where Grammalecte is installed.

    Why it is preferred to spylls for French (measured 2026-12-01 on this machine):
    the same lexicon as a compact word graph, 18 MiB resident against 92 MiB for
    spylls' Python objects, loaded in 0.12 s against 1.5 s, and suggestions in
    30-45 ms where Hunspell's search takes seconds. Grammalecte loads graphspell for
    its grammar anyway. Without Grammalecte, the Hunspell files are read by spylls.
    """

    engine = "graphspell"

    def __init__(self, checker: Any) -> None:
        self._checker = checker

    @property
    def checker(self) -> Any:
        """graphspell's own checker (the grammar engine shares it: ``load_grammar``)."""
        return self._checker

    def lookup(self, form: str) -> bool:
        if self._checker.isValidToken(form):
            return True
        elided = _ELISION.match(form)
        return elided is not None and bool(self._checker.isValidToken(elided.group(1)))

    def suggest(self, form: str, limit: int) -> list[str]:
        elided = _ELISION.match(form)
        head, word = (form[: elided.start(1)], elided.group(1)) if elided else ("", form)
        found: list[str] = []
        for group in self._checker.suggest(word, nSuggLimit=limit):
            for text in group:
                if text != word and head + text not in found:
                    found.append(head + text)
        return found[:limit]


def _graphspell(folder: Path) -> GraphspellDictionary | None:
    """graphspell's dictionary for an installed French folder; None for any other
    folder (English, or Hunspell files somewhere else, as the tests write them)."""
    name = GRAPHSPELL_FILES.get(folder.name)
    if name is None or folder.resolve().parent != dictionaries_dir().resolve():
        return None
    from newsdesk.spelling.grammar import graphspell_checker

    checker = graphspell_checker(name)
    return GraphspellDictionary(checker) if checker is not None else None


def load_dictionary(folder: Path) -> Any:
    """The dictionary of ``folder``, to be loaded off the UI thread: Grammalecte's
    graphspell for a French variant where Grammalecte is installed, else spylls
    reading the folder's Hunspell files (seconds of work)."""
    graphspell = _graphspell(folder)
    if graphspell is not None:
        return graphspell
    # Imported here: ~0.1 s, off start-up.
    from spylls.hunspell import Dictionary, readers
    from spylls.hunspell.readers.file_reader import FileReader

    handles: list[Any] = []

    class Reader(FileReader):  # type: ignore[misc]
        # Dictionary.from_files leaves its files open; these are closed once read.
        def _open(self, path: str, encoding: str) -> Any:
            handle = open(path, encoding=encoding, errors="surrogateescape")  # noqa: SIM115
            handles.append(handle)
            return handle

    try:
        aff, context = readers.read_aff(Reader(str(folder / "index.aff")))
        dic = readers.read_dic(
            Reader(str(folder / "index.dic"), encoding=context.encoding), aff=aff, context=context
        )
    finally:
        for handle in handles:
            handle.close()
    return Dictionary(aff, dic)


class LookupPending(Exception):
    """A form the spelling process has not answered for yet."""


class RemoteDictionary:
    """The window's side of a dictionary loaded in the spelling process
    (:mod:`newsdesk.spelling.worker`): the answers received, and the forms still to ask."""

    def __init__(self) -> None:
        self.known: dict[str, bool] = {}
        self.missing: set[str] = set()

    def lookup(self, form: str) -> bool:
        answer = self.known.get(form)
        if answer is None:
            self.missing.add(form)
            raise LookupPending(form)
        return answer

    def learn(self, answers: dict[str, bool]) -> None:
        if len(self.known) > _CACHE_LIMIT:
            self.known.clear()
        self.known.update(answers)
        self.missing.difference_update(answers)


@dataclass(frozen=True, slots=True)
class Misspelling:
    start: int
    end: int
    word: str


class SpellChecker:
    """One language's dictionary, the accepted words and a cache of answers.

    Safe to call from two threads: the cache is a dict (atomic operations under the
    GIL) and the dictionary is only read.
    """

    def __init__(
        self, language: str, dictionary: Any, accepted: Iterable[str] = (), name: str = ""
    ) -> None:
        self.language = language
        self.name = name
        self._dictionary = dictionary
        self._accepted: set[str] = set()
        self._cache: dict[str, bool] = {}
        self._lock = threading.Lock()
        self.accept(accepted)

    def accept(self, words: Iterable[str]) -> None:
        """Words that are never mistakes (the newsroom's list, the site's tags, the
        reporter's own dictionary, « Ignorer »)."""
        for word in words:
            word = word.strip()
            if word:
                self._accepted.add(normalized(word, self.language))
        self._cache.clear()

    def forget(self, word: str) -> None:
        self._accepted.discard(normalized(word, self.language))
        self._cache.clear()

    def cached(self, word: str) -> bool | None:
        """The answer for ``word`` if it is known without looking it up."""
        return self._cache.get(word)

    @property
    def dictionary(self) -> Any:
        return self._dictionary

    def is_correct(self, word: str) -> bool | None:
        """Whether ``word`` is right; None while a :class:`RemoteDictionary` has not
        been told yet (the window asks the spelling process, then asks again)."""
        known = self._cache.get(word)
        if known is not None:
            return known
        try:
            answer = self._lookup(normalized(word, self.language))
        except LookupPending:
            return None
        if len(self._cache) > _CACHE_LIMIT:
            self._cache.clear()
        self._cache[word] = answer
        return answer

    def _lookup(self, form: str) -> bool:
        if form in self._accepted or form.lower() in self._accepted:
            return True
        # A word in capitals (« CEDEAO ») is accepted when its capitalized form is.
        if form.isupper() and len(form) > 1 and form.capitalize() in self._accepted:
            return True
        return bool(self._dictionary.lookup(form))

    def misspellings(self, line_words: Iterable[Word], *, lookup: bool = True) -> list[Misspelling]:
        """The misspelt words (or parts of words) among ``line_words``. With
        ``lookup`` False, only cached answers are used and unknown words are skipped
        (see :meth:`unknown`)."""
        found: list[Misspelling] = []
        for word in line_words:
            verdict = self.is_correct(word.text) if lookup else self.cached(word.text)
            if verdict is None or verdict:
                continue
            pieces = parts(word, self.language)
            if pieces == [word]:
                found.append(Misspelling(word.start, word.end, word.text))
                continue
            for piece in pieces:
                ok = self.is_correct(piece.text) if lookup else self.cached(piece.text)
                if ok is False:
                    found.append(Misspelling(piece.start, piece.end, piece.text))
                elif ok is None:
                    # Not known yet: looked up with the whole word next time.
                    self._cache.pop(word.text, None)
        return found

    def unknown(self, line_words: Iterable[Word]) -> list[str]:
        """The words whose answer is not cached yet."""
        return [w.text for w in line_words if w.text not in self._cache]

    def suggestions(self, word: str, budget: float = 1.2, limit: int = 7) -> list[str]:
        """Hunspell's suggestions for ``word``, as many as found within ``budget``
        seconds (run it off the UI thread)."""
        found: list[str] = []
        deadline = time.monotonic() + budget
        form = normalized(word, self.language)
        if isinstance(self._dictionary, GraphspellDictionary):
            return self._dictionary.suggest(form, limit)
        suggester = self._dictionary.suggester
        # First the usual slips, cheap to try: a vowel or an accent wrong, a letter
        # doubled or not (« gouvernemant », « atendu »); then Hunspell's own search.
        for candidate in _quick_edits(form):
            if time.monotonic() > deadline or len(found) >= 3:
                break
            if candidate not in found and self._lookup(candidate):
                found.append(candidate)
        with self._lock:
            # Hunspell's search may go for seconds between two suggestions: its lookups
            # and its walk through the words stop it once the budget is spent.
            lookup, every_word = suggester.lookup, suggester.words_for_ngram
            suggester.lookup = _Budgeted(lookup, deadline)
            suggester.words_for_ngram = _BudgetedWords(every_word, deadline)
            try:
                for suggestion in suggester.suggestions(form):
                    text = suggestion.text
                    if text not in found and text != form:
                        found.append(text)
                    if len(found) >= limit or time.monotonic() > deadline:
                        break
            except _OutOfTime:
                pass
            finally:
                suggester.lookup, suggester.words_for_ngram = lookup, every_word
        if self.language == "fr":
            found = [s.replace("'", "’") for s in found]
        return found


class _OutOfTime(Exception):
    pass


class _Budgeted:
    """spylls' lookup, raising _OutOfTime past the deadline."""

    def __init__(self, lookup: Any, deadline: float) -> None:
        self._lookup = lookup
        self._deadline = deadline

    def _check(self) -> None:
        if time.monotonic() > self._deadline:
            raise _OutOfTime

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        self._check()
        return self._lookup(*args, **kwargs)

    def good_forms(self, *args: Any, **kwargs: Any) -> Any:
        self._check()
        return self._lookup.good_forms(*args, **kwargs)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._lookup, name)


class _BudgetedWords:
    """The words the n-gram search walks through, stopping past the deadline."""

    def __init__(self, words: list[Any], deadline: float) -> None:
        self._words = words
        self._deadline = deadline

    def __iter__(self) -> Any:
        for index, word in enumerate(self._words):
            if index % 2000 == 0 and time.monotonic() > self._deadline:
                raise _OutOfTime
            yield word

    def __len__(self) -> int:
        return len(self._words)


_VOWELS = "aeiouyéèêëàâîïôûùœ"


def _quick_edits(word: str) -> list[str]:
    """Words one slip away from ``word``: a vowel replaced, a letter doubled or undoubled."""
    found: list[str] = []
    for i, letter in enumerate(word):
        if letter.lower() in _VOWELS:
            for vowel in _VOWELS:
                if vowel != letter:
                    found.append(word[:i] + vowel + word[i + 1 :])
        if i and word[i - 1] == letter:
            found.append(word[:i] + word[i + 1 :])
        elif letter.isalpha():
            found.append(word[:i] + letter + word[i:])
    return found
