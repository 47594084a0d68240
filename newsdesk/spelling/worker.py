"""The spelling process: Hunspell's dictionaries and Grammalecte, away from the window.

Why a process: both are pure Python. Run on a thread of the window's process, a
dictionary's load (seconds), a batch of lookups or a paragraph's grammar (~100 ms)
holds the interpreter's lock, and every call the UI thread makes into Qt gives the
lock up and waits for it again (up to 5 ms each): a keystroke then stalled for
hundreds of milliseconds (measured: 1.7 s while a 20,000-word article was being
checked). In a process of its own they cost the window nothing but a pipe.

    python -m newsdesk.spelling.worker

One JSON object a line on stdin, one answer a line on stdout (UTF-8), each answer
carrying the request's ``id``. Requests:

- ``{"op": "load", "language": "fr", "folder": PATH}`` → ``{"loaded": true}``
- ``{"op": "check", "language": "fr", "forms": [...]}`` → ``{"forms": {form: bool}}``
  (the dictionary alone: the accepted words are the window's business)
- ``{"op": "suggest", "language": "fr", "word": W}`` → ``{"suggestions": [...]}``
- ``{"op": "grammar", "text": PARAGRAPH}`` → ``{"errors": [...], "available": bool}``
- ``{"op": "typography", "text": BODY}`` → ``{"fixes": [...], "dictionary": bool}``: the
  French typography fixes of :mod:`newsdesk.spelling.typography`, the œ and the accented
  capitals asked of the French dictionary when it was loaded (``dictionary`` says so)

Lookups are answered before suggestions, and suggestions before grammar, whatever
the order they came in: a new word is underlined at once even while a long article's
grammar is being checked. The process ends when its stdin closes.
"""

from __future__ import annotations

import dataclasses
import io
import itertools
import json
import os
import queue
import sys
import threading
from pathlib import Path
from typing import Any

from newsdesk.memory import return_free_memory
from newsdesk.spelling.dictionaries import GraphspellDictionary, SpellChecker, load_dictionary
from newsdesk.spelling.grammar import Grammar, load_grammar

PRIORITY = {"load": 0, "check": 1, "suggest": 2, "typography": 2, "grammar": 3}
_END = {"op": "end"}


class Worker:
    def __init__(self) -> None:
        self.checkers: dict[str, SpellChecker] = {}
        self.grammar: Grammar | None = None
        self.grammar_tried = False

    def _french_graph(self) -> Any:
        """graphspell's French checker when the spelling has one loaded, else None."""
        french = self.checkers.get("fr")
        dictionary = None if french is None else french.dictionary
        return dictionary.checker if isinstance(dictionary, GraphspellDictionary) else None

    def answer(self, request: dict[str, Any]) -> dict[str, Any]:
        op = request.get("op")
        language = str(request.get("language", "fr"))
        if op == "load":
            folder = Path(str(request["folder"]))
            self.checkers[language] = SpellChecker(language, load_dictionary(folder))
            return_free_memory()
            return {"loaded": True}
        if op == "check":
            dictionary = self.checkers[language]._dictionary
            return {"forms": {f: bool(dictionary.lookup(f)) for f in request.get("forms", ())}}
        if op == "suggest":
            return {"suggestions": self.checkers[language].suggestions(str(request["word"]))}
        if op == "grammar":
            if not self.grammar_tried:
                self.grammar_tried = True
                self.grammar = load_grammar(self._french_graph())
                return_free_memory()  # what building its rule graph left behind
            if self.grammar is None:
                return {"errors": [], "available": False}
            errors = self.grammar.check(str(request.get("text", "")))
            return {"errors": [dataclasses.asdict(e) for e in errors], "available": True}
        if op == "typography":
            # Imported when first asked: the rules are the renderer's, whose package
            # brings Markdown and the sanitizer, which checking words never needs.
            from newsdesk.spelling.typography import suggestions

            checker = self.checkers.get("fr")
            known = None if checker is None else checker.dictionary.lookup
            fixes = suggestions(str(request.get("text", "")), known)
            return {
                "fixes": [dataclasses.asdict(f) for f in fixes],
                "dictionary": checker is not None,
            }
        raise ValueError(f"unknown request {op!r}")


def main() -> int:
    if hasattr(os, "nice"):
        # Below the window: on a two-core laptop a long article's grammar must not take
        # the window's share of the processor while the reporter types.
        os.nice(19)
    stdin = io.TextIOWrapper(sys.stdin.buffer, encoding="utf-8")
    stdout = io.TextIOWrapper(sys.stdout.buffer, encoding="utf-8", line_buffering=True)
    waiting: queue.PriorityQueue[tuple[int, int, dict[str, Any]]] = queue.PriorityQueue()
    order = itertools.count()

    def read() -> None:
        for line in stdin:
            try:
                request = json.loads(line)
            except ValueError:
                continue
            waiting.put((PRIORITY.get(str(request.get("op")), 9), next(order), request))
        waiting.put((99, next(order), _END))

    threading.Thread(target=read, daemon=True).start()
    worker = Worker()
    while True:
        _priority, _n, request = waiting.get()
        if request is _END:
            return 0
        reply: dict[str, Any] = {"id": request.get("id"), "op": request.get("op")}
        reply["language"] = request.get("language")
        try:
            reply.update(worker.answer(request))
        except Exception as error:  # an answer for every request, whatever happened
            reply["error"] = f"{type(error).__name__}: {error}"
        stdout.write(json.dumps(reply, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    sys.exit(main())
