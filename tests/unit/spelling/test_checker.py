"""The checker's rules on a tiny Hunspell dictionary the test writes, the accepted
words, the reporter's dictionary, and the spelling process answering on its pipe."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from newsdesk.spelling.dictionaries import (
    GraphspellDictionary,
    LookupPending,
    RemoteDictionary,
    SpellChecker,
    dictionary_path,
    load_dictionary,
)
from newsdesk.spelling.grammar import grammalecte_found
from newsdesk.spelling.tokenizer import words
from newsdesk.spelling.wordlists import PersonalDictionary, newsroom_words, term_words

AFF = "SET UTF-8\nTRY esianrtolcdugmphbyfvkwz\nREP 1\nREP an en\n"
DIC = "6\narmée\nautorité\nministre\nporte\nparole\ngouvernement\n"


@pytest.fixture
def tiny(tmp_path: Path) -> Path:
    folder = tmp_path / "fr-classique"
    folder.mkdir()
    (folder / "index.aff").write_text(AFF, encoding="utf-8")
    (folder / "index.dic").write_text(DIC, encoding="utf-8")
    (folder / "LICENSE").write_text("test", encoding="utf-8")
    return folder


def test_elisions_hyphens_and_accepted_words(tiny: Path) -> None:
    checker = SpellChecker("fr", load_dictionary(tiny), accepted=["Tillabéri", "CEDEAO"])
    line = "l’armée d'autorité porte-parolle Tillabéri CEDEAO gouvernemant"
    found = [m.word for m in checker.misspellings(words(line))]
    assert found == ["parolle", "gouvernemant"]
    assert checker.is_correct("TILLABÉRI") is True


def test_suggestions_within_their_budget(tiny: Path) -> None:
    checker = SpellChecker("fr", load_dictionary(tiny))
    assert "gouvernement" in checker.suggestions("gouvernemant", budget=2.0)


def test_a_remote_dictionary_says_what_it_still_needs() -> None:
    remote = RemoteDictionary()
    checker = SpellChecker("fr", remote)
    assert checker.misspellings(words("une armée")) == []
    assert remote.missing == {"une", "armée"}
    with pytest.raises(LookupPending):
        remote.lookup("une")
    remote.learn({"une": True, "armée": False})
    assert [m.word for m in checker.misspellings(words("une armée"))] == ["armée"]


def test_the_personal_dictionary_is_kept_in_its_file(tmp_path: Path) -> None:
    PersonalDictionary(tmp_path, "fr").add("Kandadji")
    PersonalDictionary(tmp_path, "fr").add("Kandadji")
    assert (tmp_path / "personal-fr.txt").read_text("utf-8") == "Kandadji\n"
    assert PersonalDictionary(tmp_path, "fr").words == ["Kandadji"]
    assert PersonalDictionary(tmp_path, "en").words == []


def test_the_newsroom_list_and_the_sites_terms(tmp_path: Path) -> None:
    shipped = newsroom_words()
    assert {"Niamey", "Tillabéri", "CEDEAO", "FAMa", "Tiani"} <= set(shipped)
    (tmp_path / "newsroom.txt").write_text("# ours\nDiffa\n", encoding="utf-8")
    assert newsroom_words(tmp_path) == ["Diffa"]
    assert term_words(["Forces armées maliennes", "Sécurité / Défense"]) == [
        "Forces",
        "armées",
        "maliennes",
        "Sécurité",
        "Défense",
    ]


def test_the_spelling_process_answers_line_by_line(tiny: Path) -> None:
    requests = [
        {"id": 1, "op": "load", "language": "fr", "folder": str(tiny)},
        {"id": 2, "op": "check", "language": "fr", "forms": ["armée", "armé"]},
        {"id": 3, "op": "suggest", "language": "fr", "word": "ministrre"},
        {"id": 4, "op": "nonsense"},
    ]
    feed = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in requests)
    done = subprocess.run(
        [sys.executable, "-m", "newsdesk.spelling.worker"],
        input=feed.encode("utf-8"),
        capture_output=True,
        timeout=120,
        check=True,
    )
    answers = {a["id"]: a for a in map(json.loads, done.stdout.decode("utf-8").splitlines())}
    assert answers[1]["loaded"] is True
    assert answers[2]["forms"] == {"armée": True, "armé": False}
    assert "ministre" in answers[3]["suggestions"]
    assert "error" in answers[4]


@pytest.mark.skipif(dictionary_path("fr", "classique") is None, reason="run packaging/install.sh")
def test_the_installed_french_dictionary_knows_the_region(tmp_path: Path) -> None:
    folder = dictionary_path("fr", "classique")
    assert folder is not None and (folder / "LICENSE").is_file()
    checker = SpellChecker("fr", load_dictionary(folder), accepted=newsroom_words())
    line = "À Tillabéri, l’armée et les FAMa ont reçu aujourd’hui le gouvernemant"
    assert [m.word for m in checker.misspellings(words(line))] == ["gouvernemant"]


@pytest.mark.skipif(dictionary_path("fr", "classique") is None, reason="run packaging/install.sh")
@pytest.mark.skipif(not grammalecte_found(), reason="Grammalecte not installed")
def test_french_goes_through_graphspell_where_grammalecte_is() -> None:
    folder = dictionary_path("fr", "classique")
    assert folder is not None
    dictionary = load_dictionary(folder)
    assert isinstance(dictionary, GraphspellDictionary)
    checker = SpellChecker("fr", dictionary)
    # Elided words, capitals without their accent, the ligature.
    line = "L’État qu’il jusqu’à aujourd’hui Etat coeur cœur peut-être"
    assert [m.word for m in checker.misspellings(words(line))] == ["Etat", "coeur"]
    # Fast, and the French suggestion first (Hunspell's search took seconds).
    assert checker.suggestions("gouvernemant")[0] == "gouvernement"
    assert checker.suggestions("l’armé")[0].startswith("l’arm")
    assert "État" in checker.suggestions("Etat")


@pytest.mark.skipif(not grammalecte_found(), reason="Grammalecte not installed")
def test_graphspell_holds_its_word_graph_compact_and_answers_as_its_own_loader() -> None:
    import array
    import importlib

    from newsdesk.spelling.grammar import graphspell_checker

    compact = graphspell_checker("fr-classic.json")
    assert compact is not None
    assert isinstance(compact.oMainDic.lByDic, array.array)
    spellchecker = importlib.import_module("grammalecte.graphspell.spellchecker")
    own = spellchecker.SpellChecker("fr", "fr-classic.json")
    assert isinstance(own.oMainDic.lByDic, list)
    assert list(compact.oMainDic.lByDic) == own.oMainDic.lByDic
    text = (
        "À Tillabéri, l’armée et les FAMa ont reçu aujourd’hui le gouvernemant du "
        "Niger ; mangeons peut-être Etat coeur cœur élections présidant économie"
    )
    for word in words(text):
        assert compact.isValidToken(word.text) == own.isValidToken(word.text), word.text
        assert compact.getMorph(word.text) == own.getMorph(word.text), word.text
    for wrong in ("gouvernemant", "ministere", "developement", "presidant"):
        assert list(compact.suggest(wrong, nSuggLimit=8)) == list(own.suggest(wrong, nSuggLimit=8))


@pytest.mark.skipif(not grammalecte_found(), reason="Grammalecte not installed")
@pytest.mark.parametrize(
    "damage",
    [
        lambda data: data.replace(b'"lByDic"', b'"lByDicX"'),  # no graph where expected
        lambda data: data.replace(b'"lByDic": [2,', b'"lByDic": [two,'),  # not a number
        lambda data: data.replace(b'"lByDic": [2,', b'"lByDic": [4294967296,'),  # > 32 bits
        lambda data: data[: len(data) // 2],  # cut short
    ],
)
def test_a_dictionary_laid_out_otherwise_is_left_to_grammalecte(
    monkeypatch: pytest.MonkeyPatch, damage: Callable[[bytes], bytes]
) -> None:
    import pkgutil

    from newsdesk.spelling import grammar

    assert grammar.graphspell_checker("fr-classic.json") is not None  # Grammalecte imported
    original = pkgutil.get_data
    monkeypatch.setattr(
        pkgutil, "get_data", lambda package, name: damage(original(package, name) or b"")
    )
    assert grammar._compact_dictionary("fr-classic.json") is None


@pytest.mark.skipif(dictionary_path("fr", "classique") is None, reason="run packaging/install.sh")
def test_without_grammalecte_the_hunspell_files_are_read(monkeypatch: pytest.MonkeyPatch) -> None:
    import newsdesk.spelling.grammar as grammar

    monkeypatch.setattr(grammar, "graphspell_checker", lambda _name: None)
    folder = dictionary_path("fr", "classique")
    assert folder is not None
    dictionary = load_dictionary(folder)
    assert not isinstance(dictionary, GraphspellDictionary)
    checker = SpellChecker("fr", dictionary, accepted=newsroom_words())
    assert [m.word for m in checker.misspellings(words("À Tillabéri, l’armée"))] == []


_GRAMMAR_OF = """
import json, sys
from newsdesk.spelling.dictionaries import dictionary_path, load_dictionary
from newsdesk.spelling.grammar import load_grammar
shared = sys.argv[1] == "shared"
spelling = load_dictionary(dictionary_path("fr", "classique")).checker if shared else None
grammar = load_grammar(spelling)
engine = grammar._engine
text = "Les enfant sont partis. Ils mange des pomme. Le ministre ont dit qu'il viendras."
print(json.dumps({
    "shares": engine.getSpellChecker() is spelling,
    "errors": [[e.start, e.end, e.rule] for e in grammar.check(text)],
}))
"""


@pytest.mark.skipif(dictionary_path("fr", "classique") is None, reason="run packaging/install.sh")
@pytest.mark.skipif(not grammalecte_found(), reason="Grammalecte not installed")
def test_the_grammar_reads_the_spellings_french_dictionary_and_finds_the_same() -> None:
    # One French dictionary in the spelling process instead of two (23 MiB less):
    # each in a process of its own, since Grammalecte's engine is one per process.
    def run(mode: str) -> dict[str, object]:
        done = subprocess.run(
            [sys.executable, "-c", _GRAMMAR_OF, mode],
            capture_output=True,
            text=True,
            check=True,
            timeout=120,
        )
        answer: dict[str, object] = json.loads(done.stdout)
        return answer

    shared, own = run("shared"), run("own")
    assert shared["shares"] is True and own["shares"] is False
    assert shared["errors"] == own["errors"]
    assert len(own["errors"]) >= 3  # type: ignore[arg-type]
