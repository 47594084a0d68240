"""The window's spelling and grammar, answered by a process of its own.

The dictionaries and Grammalecte live in the spelling process
(:mod:`newsdesk.spelling.worker`, started at the first article): pure Python on a
thread of the window would hold the interpreter's lock while the reporter types. The
window keeps what is cheap: the accepted words, the answers received, and the
tokenizing of the line that changed. A line asks its checker; the forms it does not
know yet go to the process in one request, and ``words_checked`` brings the answers
back a few milliseconds later, when the highlighters underline those lines again.
The one thread here is the spelling lane's (``ui/tasks.Lane``), which reads the
process's answers and hands them to the GUI thread.
"""

from __future__ import annotations

import contextlib
import ctypes
import functools
import itertools
import json
import logging
import sys
from collections.abc import Callable, Iterable, Iterator
from typing import IO, TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal

from newsdesk.bundle import module_command
from newsdesk.paths import Paths
from newsdesk.settings import Settings
from newsdesk.spelling.dictionaries import RemoteDictionary, SpellChecker, dictionary_path
from newsdesk.spelling.grammar import GrammarError, grammalecte_found
from newsdesk.spelling.wordlists import PersonalDictionary, newsroom_words, term_words
from newsdesk.ui.tasks import Lane

if TYPE_CHECKING:
    from newsdesk.spelling.typography import Fix

log = logging.getLogger(__name__)

# PySide6 6.12's Signal.emit drops a reference to True on each call (measured: after
# about a thousand emits True was freed and the interpreter aborted, "bool_dealloc"):
# each emit here gives it back.
_give_back_true = functools.partial(ctypes.pythonapi.Py_IncRef, ctypes.py_object(True))


def emit(signal: Any, *args: object) -> None:
    signal.emit(*args)
    _give_back_true()


@contextlib.contextmanager
def bools_kept() -> Iterator[None]:
    """Gives back the references to True, False and None that the calls inside dropped.

    Re-highlighting a line runs the body's whole highlighter, and something on that
    path under PySide6 6.12 loses them too (measured: ~800 references to True lost in
    300 keystrokes' worth of re-highlighting; not found which call). A reference too
    many is harmless; one too few, once they run out, aborts newsdesk."""
    counts = [(value, sys.getrefcount(value)) for value in (True, False, None)]
    try:
        yield
    finally:
        for value, before in counts:
            for _ in range(max(0, before - sys.getrefcount(value))):
                ctypes.pythonapi.Py_IncRef(ctypes.py_object(value))


class _Process:
    """The spelling process and the lane that reads its answers."""

    def __init__(self, on_answer: Callable[[dict[str, Any]], None]) -> None:
        # Imported here, when the process starts (after the first preview): at the
        # module's import it cost the window's first frame ~5 ms.
        import subprocess

        self.popen = subprocess.Popen(
            module_command("newsdesk.spelling.worker"),  # frozen: the bundle's program
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
        )
        self.lane = Lane("spelling", 1)
        stdout: IO[bytes] | None = self.popen.stdout

        def read() -> None:
            assert stdout is not None
            for line in stdout:
                try:
                    on_answer(json.loads(line.decode("utf-8")))
                except ValueError:
                    continue

        self.lane.run(read)

    def send(self, request: dict[str, Any]) -> bool:
        stdin = self.popen.stdin
        if stdin is None or self.popen.poll() is not None:
            return False
        try:
            stdin.write((json.dumps(request, ensure_ascii=False) + "\n").encode("utf-8"))
            stdin.flush()
        except OSError:
            return False
        return True

    def stop(self) -> None:
        import subprocess

        if self.popen.stdin is not None:
            with contextlib.suppress(OSError):
                self.popen.stdin.close()
        try:
            self.popen.wait(timeout=2)
        except subprocess.TimeoutExpired:
            self.popen.kill()
            self.popen.wait(timeout=2)
        if self.popen.stdout is not None:
            self.popen.stdout.close()
        self.lane.stop(0.5)


class SpellService(QObject):
    """Checkers per language, the accepted words, and Grammalecte."""

    checker_ready = Signal(str)  # a language's dictionary was loaded
    words_checked = Signal(str, object)  # answers came: the language, the forms (a set)
    words_changed = Signal()  # a word was added or ignored: every line again
    grammar_state_changed = Signal()
    _answered = Signal(object)  # from the lane's thread to the GUI thread

    def __init__(self, paths: Paths, settings: Settings | None, parent: QObject | None = None):
        super().__init__(parent)
        self._paths = paths
        self._settings = settings
        self._checkers: dict[str, SpellChecker] = {}
        self._loading: set[str] = set()
        self._personal: dict[str, PersonalDictionary] = {}
        self._terms: list[str] = []
        self._ignored: set[str] = set()
        self._asked: dict[str, set[str]] = {}  # forms sent, not answered yet
        self._callbacks: dict[int, Callable[[dict[str, Any]], None]] = {}
        self._ids = itertools.count(1)
        self._process: _Process | None = None
        self.grammar_available = grammalecte_found()
        self.ignored_grammar: set[tuple[str, str]] = set()
        self.enabled = bool(self._setting("spellcheck", True))
        self.held = False
        self._answered.connect(self._on_answer)
        self.destroyed.connect(_stopper(self))

    def _setting(self, name: str, default: Any) -> Any:
        try:
            return self._settings.get(name) if self._settings is not None else default
        except Exception:
            return default

    def variant(self, language: str) -> str:
        if language == "fr":
            return str(self._setting("french_spelling", "classique"))
        return str(self._setting("english_spelling", "US"))

    # -- the process ---------------------------------------------------------------

    def _send(self, request: dict[str, Any], callback: Callable[[dict[str, Any]], None]) -> bool:
        if self._process is None:
            self._process = _Process(lambda answer: emit(self._answered, answer))
        number = next(self._ids)
        request["id"] = number
        self._callbacks[number] = callback
        if not self._process.send(request):
            del self._callbacks[number]
            return False
        return True

    def _on_answer(self, answer: dict[str, Any]) -> None:
        callback = self._callbacks.pop(answer.get("id") or 0, None)
        if "error" in answer:
            log.warning("spelling process: %s", answer["error"])
        if callback is not None:
            with bools_kept():
                callback(answer)

    def stop(self) -> None:
        """End the spelling process (the window is closing)."""
        process, self._process = self._process, None
        if process is not None:
            process.stop()

    # -- dictionaries ------------------------------------------------------------

    def checker(self, language: str) -> SpellChecker | None:
        """The language's checker, or None while it loads (its loading starts here)
        or while the service is held."""
        if self.held:
            return None
        found = self._checkers.get(language)
        if found is None and self.enabled:
            self._load(language)
        return found

    def hold(self) -> None:
        """No checking, and no spelling process, until :meth:`release`."""
        self.held = True

    def release(self) -> None:
        """Checking starts: every line is looked at again."""
        if self.held:
            self.held = False
            emit(self.words_changed)

    def _load(self, language: str) -> None:
        if language in self._loading:
            return
        folder = dictionary_path(language, self.variant(language))
        if folder is None:
            log.warning("no %s spelling dictionary installed", language)
            return
        self._loading.add(language)

        def loaded(answer: dict[str, Any]) -> None:
            self._loading.discard(language)
            if not answer.get("loaded"):
                return
            checker = SpellChecker(
                language, RemoteDictionary(), self._accepted_words(language), name=folder.name
            )
            self._checkers[language] = checker
            self._asked[language] = set()
            emit(self.checker_ready, language)

        request = {"op": "load", "language": language, "folder": str(folder)}
        if not self._send(request, loaded):
            self._loading.discard(language)

    def reload(self) -> None:
        """After a change of setting: the dictionaries again."""
        self.enabled = bool(self._setting("spellcheck", True))
        languages = list(self._checkers)
        self._checkers.clear()
        for language in languages if self.enabled else ():
            self._load(language)
        emit(self.words_changed)

    def ask(self, language: str) -> bool:
        """Send the forms the language's checker missed; True when some are on their way."""
        checker = self._checkers.get(language)
        if checker is None:
            return False
        remote: RemoteDictionary = checker.dictionary
        asked = self._asked.setdefault(language, set())
        forms = sorted(remote.missing - asked)
        remote.missing.clear()
        if not forms:
            return bool(asked)
        asked.update(forms)

        def answered(answer: dict[str, Any]) -> None:
            asked.difference_update(forms)
            if checker is self._checkers.get(language):
                remote.learn(answer.get("forms") or {})
                emit(self.words_checked, language, set(forms))

        self._send({"op": "check", "language": language, "forms": forms}, answered)
        return True

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
        emit(self.words_changed)

    def add_to_dictionary(self, language: str, word: str) -> None:
        self.personal(language).add(word)
        checker = self._checkers.get(language)
        if checker is not None:
            checker.accept([word])
        emit(self.words_changed)

    def ignore(self, word: str) -> None:
        """For this session, in every language."""
        self._ignored.add(word)
        for checker in self._checkers.values():
            checker.accept([word])
        emit(self.words_changed)

    def suggest(self, language: str, word: str, callback: Callable[[list[str]], None]) -> None:
        if language not in self._checkers:
            callback([])
            return

        def answered(answer: dict[str, Any]) -> None:
            callback([str(s) for s in answer.get("suggestions") or ()])

        if not self._send({"op": "suggest", "language": language, "word": word}, answered):
            callback([])

    # -- typography ----------------------------------------------------------------

    def typography(self, text: str, callback: Callable[[list[Fix], bool], None]) -> None:
        """The French typography fixes of a body, and whether the dictionary was asked
        (the œ and the accented capitals): from the spelling process, where the
        dictionary lives. Without the process, the rules that need no dictionary, here."""
        # Imported here: the rules are the renderer's, whose package brings Markdown
        # (~50 ms), which the window's start-up must not pay for.
        from newsdesk.spelling.typography import Fix, suggestions

        if "fr" not in self._checkers:
            self._load("fr")  # even with the underlines off; its loading goes first

        def answered(answer: dict[str, Any]) -> None:
            if "error" in answer:
                callback(suggestions(text), False)
                return
            fixes = [
                Fix(int(f["start"]), int(f["end"]), str(f["replacement"]), str(f["rule"]))
                for f in answer.get("fixes") or ()
            ]
            callback(fixes, bool(answer.get("dictionary")))

        if not self._send({"op": "typography", "text": text}, answered):
            callback(suggestions(text), False)

    # -- grammar -------------------------------------------------------------------

    def check_grammar(self, paragraph: str, callback: Callable[[list[GrammarError]], None]) -> None:
        if not self.grammar_available:
            return

        def answered(answer: dict[str, Any]) -> None:
            if answer.get("available") is False:
                self.grammar_available = False
                emit(self.grammar_state_changed)
                return
            errors = [
                GrammarError(
                    start=int(e["start"]),
                    end=int(e["end"]),
                    message=str(e["message"]),
                    suggestions=tuple(e["suggestions"]),
                    rule=str(e["rule"]),
                    kind=str(e["kind"]),
                )
                for e in answer.get("errors") or ()
            ]
            callback(errors)

        self._send({"op": "grammar", "text": paragraph}, answered)


def _stopper(service: SpellService) -> Callable[..., None]:
    """Ends the process when the service goes, holding the process and not the service."""
    holder = {"service": service}

    def stop(*_args: object) -> None:
        owner = holder.pop("service", None)
        process = getattr(owner, "_process", None) if owner is not None else None
        if process is not None:
            process.stop()

    return stop
