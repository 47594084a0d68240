"""French grammar checking with Grammalecte, paragraph by paragraph.

Grammalecte (GPL-3.0, pure Python) is not on PyPI; Debian packages it as
``python3-grammalecte`` (2.1.2 in Debian 12), which ``packaging/install.sh`` installs.
Debian puts it in the system Python's ``dist-packages``, which newsdesk's own
environment does not see: when ``import grammalecte`` fails, the package is loaded
from there by its path alone (no other system package comes along). Where it is
nowhere, :func:`load_grammar` returns None and the window says grammar checking is
unavailable.

Grammalecte also checks spelling and typography; spelling is Hunspell's job here, so
its spelling errors are dropped, and its typography (apostrophes, no-break spaces)
kept as grammar findings.
"""

from __future__ import annotations

import importlib
import importlib.util
import sys
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

DEBIAN_PLACES = (Path("/usr/lib/python3/dist-packages/grammalecte"),)


@dataclass(frozen=True, slots=True)
class GrammarError:
    start: int
    end: int
    message: str
    suggestions: tuple[str, ...]
    rule: str
    kind: str


def _import_grammalecte() -> Any:
    try:
        return importlib.import_module("grammalecte")
    except ImportError:
        pass
    for place in DEBIAN_PLACES:
        init = place / "__init__.py"
        if not init.is_file():
            continue
        spec = importlib.util.spec_from_file_location(
            "grammalecte", init, submodule_search_locations=[str(place)]
        )
        if spec is None or spec.loader is None:
            continue
        module = importlib.util.module_from_spec(spec)
        sys.modules["grammalecte"] = module
        try:
            spec.loader.exec_module(module)
        except Exception:
            sys.modules.pop("grammalecte", None)
            continue
        return module
    return None


def graphspell_checker(dictionary: str) -> Any:
    """Grammalecte's spelling checker on one of its dictionaries (``fr-classic.json``,
    ``fr-reform.json``), or None where Grammalecte is not installed."""
    if _import_grammalecte() is None:
        return None
    try:
        spellchecker = importlib.import_module("grammalecte.graphspell.spellchecker")
    except Exception:  # a broken or different Grammalecte: spylls reads Hunspell's files
        return None
    compact = _compact_dictionary(dictionary)
    if compact is not None:
        try:
            return spellchecker.SpellChecker("fr", compact)
        except Exception:
            pass  # read as Grammalecte reads it, below
    try:
        return spellchecker.SpellChecker("fr", dictionary)
    except Exception:
        return None


#: Where graphspell's word graph sits in its dictionary's JSON, a list of numbers.
_WORD_GRAPH_KEY = b'"lByDic": ['


def _compact_dictionary(name: str) -> dict[str, Any] | None:
    """graphspell's dictionary ``name`` as its loader reads it (a dict it accepts in
    place of a file name), its word graph held in an unsigned 32-bit ``array`` instead
    of a list of Python ints; None when the file is not laid out as expected.

    Grammalecte reads the graph as 510,216 ints: a 4 MiB list and 12 MiB of int
    objects, whose pages Python's allocator kept even after a conversion. Its graph
    code only indexes the list and takes its length, which an ``array`` does alike.
    The numbers are parsed from the file's bytes, never as a list of ints (measured
    2026-12-02, ``fr-classic.json``: 3.7 MiB resident against 17.1 MiB; 89 ms to load
    against 49, in the spelling process; lookups over 20,000 words and suggestions as
    fast, within this machine's noise).
    """
    import array
    import json
    import pkgutil

    try:
        data = pkgutil.get_data("grammalecte.graphspell", "_dictionaries/" + name)
        if data is None:
            return None
        start = data.index(_WORD_GRAPH_KEY) + len(_WORD_GRAPH_KEY)
        end = data.index(b"]", start)
        graph = array.array("I", map(int, data[start:end].split(b",")))
        if graph.itemsize < 4:
            return None  # a platform whose "I" is 16 bits: the graph's numbers need 32
        rest = json.loads(data[:start] + data[end:])
    except (OSError, ValueError, OverflowError):
        return None
    if not isinstance(rest, dict) or rest.get("lByDic") != []:
        return None
    rest["lByDic"] = graph
    return rest


def grammalecte_found() -> bool:
    """Whether Grammalecte is there, without loading it."""
    if importlib.util.find_spec("grammalecte") is not None:
        return True
    return any((place / "__init__.py").is_file() for place in DEBIAN_PLACES)


class Grammar:
    """One Grammalecte engine. ``check`` may be called from a worker thread; calls are
    serialized (the engine keeps state between sentences)."""

    def __init__(self, engine: Any, version: str) -> None:
        self._engine = engine
        self.version = version
        self._lock = threading.Lock()

    def check(self, paragraph: str) -> list[GrammarError]:
        if not paragraph.strip():
            return []
        with self._lock:
            found = self._engine.parse(paragraph, "FR", bDebug=False)
        errors = []
        for item in found or ():
            start, end = int(item.get("nStart", 0)), int(item.get("nEnd", 0))
            if end <= start:
                continue
            errors.append(
                GrammarError(
                    start=start,
                    end=end,
                    message=str(item.get("sMessage", "")),
                    suggestions=tuple(str(s) for s in item.get("aSuggestions", ()))[:6],
                    rule=str(item.get("sRuleId", "")),
                    kind=str(item.get("sType", "")),
                )
            )
        return errors


def load_grammar(spelling: Any = None) -> Grammar | None:
    """Grammalecte's French engine (about a second: off the UI thread), or None.

    ``spelling`` is graphspell's French checker the spelling already holds
    (``GraphspellDictionary.checker``): the engine then reads its words' grammar there
    instead of loading graphspell's dictionary of every variant for itself, 23 MiB more
    in the spelling process (measured 2026-12-01). Grammalecte has no way to be given a
    checker, so its engine's ``SpellChecker`` is stood in for while it loads; the
    engine's errors on a 20,000-word article were the same with either dictionary (65
    of 65). If the engine does not take it, it loads its own, as without ``spelling``.
    """
    module = _import_grammalecte()
    if module is None:
        return None
    try:
        checker = _grammar_checker(module, spelling) if spelling is not None else None
        if checker is None:
            checker = module.GrammarChecker("fr")
        engine = checker.getGCEngine()
        version = str(getattr(engine, "version", ""))
    except Exception:
        return None
    return Grammar(engine, version)


def _grammar_checker(module: Any, spelling: Any) -> Any:
    """Grammalecte's checker reading ``spelling``'s dictionary, or None."""
    try:
        gc_engine: Any = importlib.import_module("grammalecte.fr.gc_engine")
        own = gc_engine.SpellChecker
        gc_engine.SpellChecker = lambda *_args: spelling
        try:
            checker = module.GrammarChecker("fr")
        finally:
            gc_engine.SpellChecker = own
        if checker.getSpellChecker() is not spelling or not checker.getGCEngine().parse(
            "Les enfant sont partis.", "FR", bDebug=False
        ):
            return None
        return checker
    except Exception:
        return None
