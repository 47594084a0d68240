"""Spelling and grammar costs (``--only spelling``).

- Loading the French dictionary (spylls, off the UI thread in the window).
- Spell cost per keystroke in a 20,000-word article: a body editor with the window's
  highlighter, keys typed in the middle of a paragraph, each key's handling timed with
  the spelling on and off (the difference is what checking costs a keystroke).
- Checking a whole 1,000-word article, cache cold: every line tokenized, every word
  looked up.
- Suggestions for a few misspelt words (off the UI thread, under a time budget).
- Grammalecte: one paragraph, and a whole 1,000-word article, when it is installed.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from pathlib import Path

from benchmarks import figures
from benchmarks.corpus import make_articles

KEYS = 200


def _text(words: int) -> str:
    return make_articles(1, words=words, seed=7)[0].body


def run(folder: Path, quick: bool) -> None:
    from newsdesk.spelling.dictionaries import SpellChecker, dictionary_path, load_dictionary
    from newsdesk.spelling.grammar import load_grammar
    from newsdesk.spelling.tokenizer import words

    figures.heading("Spelling and grammar")
    place = dictionary_path("fr", "classique")
    if place is None:
        figures.show_warning("no French dictionary: run packaging/install.sh")
        return
    started = time.perf_counter()
    dictionary = load_dictionary(place)
    figures.show("French dictionary loaded (off the UI thread)", _since(started))

    article = _text(1_000)
    checker = SpellChecker("fr", dictionary)
    started = time.perf_counter()
    lines = article.splitlines()
    found = sum(len(checker.misspellings(words(line))) for line in lines)
    figures.show(
        "whole 1,000-word article checked, cache cold",
        _since(started),
        note=f"{found} words flagged",
    )
    started = time.perf_counter()
    for line in lines:
        checker.misspellings(words(line))
    figures.show("the same again, cache warm", _since(started))

    for word in (
        ("gouvernemant", "ministrre", "atendu")
        if quick
        else ("gouvernemant", "ministrre", "atendu", "Nyamey", "Kandaji")
    ):
        started = time.perf_counter()
        suggestions = checker.suggestions(word)
        figures.show(
            f"suggestions for « {word} »", _since(started), note=", ".join(suggestions[:3])
        )

    _keystrokes(folder, quick)

    started = time.perf_counter()
    grammar = load_grammar()
    if grammar is None:
        figures.info("Grammalecte not installed: grammar not measured")
        return
    figures.show("Grammalecte loaded (off the UI thread)", _since(started))
    paragraphs = [p for p in article.split("\n\n") if p.strip()]
    started = time.perf_counter()
    grammar.check(paragraphs[0])
    figures.show(
        "grammar, one paragraph", _since(started), note=f"{len(paragraphs[0].split())} words"
    )
    started = time.perf_counter()
    errors = sum(len(grammar.check(p)) for p in paragraphs)
    figures.show("grammar, whole 1,000-word article", _since(started), note=f"{errors} findings")


def _since(started: float) -> float:
    return (time.perf_counter() - started) * 1000


def _keystrokes(folder: Path, quick: bool) -> None:
    from PySide6.QtCore import QEvent, Qt
    from PySide6.QtGui import QKeyEvent, QTextCursor
    from PySide6.QtWidgets import QApplication

    from newsdesk.paths import Paths
    from newsdesk.ui.markdown_edit import BodyEditor
    from newsdesk.ui.spell_highlighter import SpellDecorator
    from newsdesk.ui.spell_service import SpellService

    app = QApplication.instance() or QApplication([])
    service = SpellService(Paths(folder), None)

    def wait(condition: Callable[[], bool], seconds: float = 120) -> None:
        deadline = time.monotonic() + seconds
        while not condition() and time.monotonic() < deadline:
            app.processEvents()
            time.sleep(0.005)

    wait(lambda: service.checker("fr") is not None)
    text = _text(20_000)
    timings: dict[str, list[float]] = {}
    for label, spelling in (("off", False), ("on", True)):
        editor = BodyEditor()
        editor.resize(800, 600)
        if spelling:
            editor.highlighter.spell = SpellDecorator(service, editor.highlighter)
        editor.setPlainText(text)
        editor.show()
        if spelling:
            started = time.perf_counter()
            wait(lambda: not any(service._asked.values()))
            figures.show(
                "20,000-word article opened: every word answered by the spelling process",
                _since(started),
            )
        cursor = editor.textCursor()
        cursor.setPosition(len(text) // 2)
        cursor.movePosition(QTextCursor.MoveOperation.EndOfWord)
        editor.setTextCursor(cursor)
        rng = random.Random(3)
        samples = []
        for _ in range(KEYS // 2 if quick else KEYS):
            ch = rng.choice("abcdefghijklmnopqrstuvwxyzéè ")
            started = time.perf_counter()
            for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                QApplication.sendEvent(
                    editor, QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, ch)
                )
            samples.append(_since(started))
            app.processEvents()
        timings[label] = samples
        editor.close()
        editor.deleteLater()
    service.stop()
    on, off = timings["on"], timings["off"]
    target = figures.Target(16, inclusive=True)
    figures.show("keystroke, 20,000 words, spelling on, median", figures.median(on), target)
    figures.show("keystroke, 20,000 words, spelling on, p95", figures.p95(on), target)
    figures.show(
        "spell cost per keystroke, 20,000 words, median",
        figures.median(on) - figures.median(off),
        note=f"off: median {figures.median(off):.2f} ms, p95 {figures.p95(off):.2f} ms",
    )
