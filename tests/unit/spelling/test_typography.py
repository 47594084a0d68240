"""The typography pass on a reporter's Markdown: what it fixes, what it never touches."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from newsdesk.spelling.dictionaries import dictionary_path, load_dictionary
from newsdesk.spelling.typography import NBSP, NNBSP, Fix, apply, suggestions
from newsdesk.spelling.worker import Worker

# A stand-in for the French dictionary: the forms the rules ask about.
WORDS = {
    "cœur", "sœur", "œuvre", "manœuvre", "vœu", "nœud", "œil", "coexister", "moelle",
    "état", "État", "école", "École", "église", "Église", "États", "Élysée", "élysée",
    "à", "À", "ça", "Ça", "Emile", "Eric",
}  # fmt: skip


def known(word: str) -> bool:
    return word in WORDS


def fixed(text: str, dictionary: bool = True) -> str:
    return apply(text, suggestions(text, known if dictionary else None))


def test_a_dispatch_from_niamey_gets_its_french_typography() -> None:
    source = (
        "## Niamey : le ministre parle\n"
        "\n"
        'Le ministre a déclaré : "Nous ne reculerons pas !" Puis il a ajouté...\n'
        "- Où en est l'enquête ?\n"
        "- Le budget ; 5000 FCFA par foyer, 25000000 FCFA au total.\n"
    )
    assert fixed(source, dictionary=False) == (
        f"## Niamey{NBSP}: le ministre parle\n"
        "\n"
        f"Le ministre a déclaré{NBSP}: «{NBSP}Nous ne reculerons pas{NNBSP}!{NBSP}» "
        "Puis il a ajouté…\n"
        f"- Où en est l’enquête{NNBSP}?\n"
        f"- Le budget{NNBSP}; 5{NNBSP}000{NBSP}FCFA par foyer, "
        f"25{NNBSP}000{NNBSP}000{NBSP}FCFA au total.\n"
    )


def test_each_fix_names_its_rule() -> None:
    text = 'Il dit : "oui" l\'an dernier...  Puis 10km.'
    rules = [f.rule for f in suggestions(text)]
    assert rules == [
        "no-break-space",
        "guillemets",
        "guillemets",
        "apostrophe",
        "ellipsis",
        "double-space",
        "unit",
    ]
    assert all(f.start < f.end for f in suggestions(text))


def test_guillemets_typed_by_hand_get_their_spaces() -> None:
    assert fixed("Il a dit «oui» puis « non  » et «\u202fpeut-être\u202f».") == (
        f"Il a dit «{NBSP}oui{NBSP}» puis «{NBSP}non{NBSP}» et «\u202fpeut-être\u202f»."
    )


def test_emphasis_around_a_quote_does_not_turn_it() -> None:
    assert fixed('Il a crié **"Non"** devant la foule.') == (
        f"Il a crié **«{NBSP}Non{NBSP}»** devant la foule."
    )


def test_times_urls_queries_and_years_are_left_alone() -> None:
    text = (
        "Le 12 mars 2026 à 10:30, voir https://www.actuniger.com/page?id=2&x=1 ou "
        "www.lesahel.org/article?id=5 et contact@anp.ne, loi n°2019-33, le G5 Sahel."
    )
    assert suggestions(text) == []


def test_code_is_never_touched() -> None:
    text = (
        'Tapez `print("x") ; ok` puis :\n'
        "```\n"
        'réponse = "oui" ; x = 10km...\n'
        "```\n"
        '    indenté : "code"\n'
        "Fin."
    )
    assert fixed(text) == text.replace(" puis :", f" puis{NBSP}:")


def test_shortcodes_html_links_and_images_are_left_alone() -> None:
    text = (
        '[caption id="attachment_12" align="alignnone"]Le pont "Kennedy"[/caption]\n'
        'Voir [le communiqué](https://gouv.ne/a?b=1 "Titre") et ![la carte](carte.png) !\n'
        '<p class="note">Texte "brut"</p>\n'
        'Un <span title="a : b">mot</span> ici.'
    )
    got = fixed(text)
    assert '[caption id="attachment_12" align="alignnone"]' in got
    assert '](https://gouv.ne/a?b=1 "Titre")' in got
    assert "![la carte](carte.png)" in got
    assert '<p class="note">Texte "brut"</p>' in got
    assert '<span title="a : b">' in got
    assert f"Le pont «{NBSP}Kennedy{NBSP}»" in got
    assert got.split("\n")[1].endswith(f"(carte.png){NNBSP}!")


def test_numbers_with_their_units() -> None:
    assert fixed("À 10km, 3,5 km de route, 12 500 tonnes, 8 % et 1500 euros.") == (
        f"À 10{NBSP}km, 3,5{NBSP}km de route, 12{NNBSP}500{NBSP}tonnes, 8{NBSP}% "
        f"et 1{NNBSP}500{NBSP}euros."
    )


def test_numbers_without_units_are_left_alone() -> None:
    assert suggestions("En 2026, 3000 personnes, la RN1 et le A400M, 1.5 km.") == []


def test_oe_becomes_oe_ligature_when_the_dictionary_spells_it_so() -> None:
    assert fixed("Le coeur de l'oeuvre, sa soeur, un voeu ; coexister, moelle.") == (
        f"Le cœur de l’œuvre, sa sœur, un vœu{NNBSP}; coexister, moelle."
    )


def test_capitals_get_their_accent() -> None:
    assert fixed("L'Etat et l'Ecole. A partir de lundi, Emile et Eric à l'Elysee.") == (
        "L’État et l’École. À partir de lundi, Emile et Eric à l’Elysee."
    )


def test_a_capital_a_inside_a_sentence_or_in_latin_is_left() -> None:
    assert suggestions("De A à Z, le plan A reste. A priori, oui.", known) == []


def test_without_a_dictionary_the_words_are_left_and_the_rest_is_fixed() -> None:
    assert fixed("Le coeur de l'Etat :", dictionary=False) == f"Le coeur de l’Etat{NBSP}:"


def test_a_line_of_a_table_keeps_its_alignment() -> None:
    text = "| Ville  | Population |\n|:-------|-----------:|\n| Niamey | 1 300 000  |"
    assert suggestions(text) == []


def test_emoji_positions_are_python_characters() -> None:
    text = "Bravo 🎉 : fin"
    (fix,) = suggestions(text)
    assert text[fix.start : fix.end] == " :"


# -- the process's answer ------------------------------------------------------------


def test_the_spelling_process_answers_without_a_dictionary() -> None:
    answer = Worker().answer({"op": "typography", "text": "Le coeur :"})
    assert answer["dictionary"] is False
    assert [Fix(**f) for f in answer["fixes"]] == [Fix(8, 10, f"{NBSP}:", "no-break-space")]


@pytest.mark.skipif(dictionary_path("fr", "classique") is None, reason="no French dictionary")
def test_the_spelling_process_asks_its_french_dictionary() -> None:
    worker = Worker()
    folder = dictionary_path("fr", "classique")
    worker.answer({"op": "load", "language": "fr", "folder": str(folder)})
    answer = worker.answer({"op": "typography", "text": "Le coeur de l'Etat, une manoeuvre."})
    assert answer["dictionary"] is True
    text = "Le coeur de l'Etat, une manoeuvre."
    assert apply(text, [Fix(**f) for f in answer["fixes"]]) == ("Le cœur de l’État, une manœuvre.")


@pytest.mark.skipif(dictionary_path("fr", "classique") is None, reason="no French dictionary")
def test_the_real_dictionary_leaves_names_and_right_words() -> None:
    folder = dictionary_path("fr", "classique")
    assert folder is not None
    dictionary = load_dictionary(folder)
    text = "Eric et Emile à Agadez, Egypte ; Ecobank, coexister, Noël."
    fixes = suggestions(text, dictionary.lookup)
    assert [f.rule for f in fixes] == ["no-break-space"]


# -- properties ---------------------------------------------------------------------

PIECES = [
    "Le", "ministre", "cœur", "coeur", "Etat", "A", "l'", "d'", "qu'", "aujourd'hui",
    " ", "  ", "\u00a0", "\u202f", "\n", "\n\n", "- ", "## ", "> ", "**", "_",
    ":", ";", "!", "?", "?!", ".", ",", "...", "…", '"', "«", "»", "'",
    "10", "5000", "25000000", "3,5", "2026", "km", "FCFA", "%", "10:30",
    "`a : b`", "https://actuniger.com/p?id=2", '[caption id="1"]', "[/caption]",
    "a@b.ne", "<b>", "</b>", "```", "    ", "|", "(", ")", "![x](y.png)", "[lien](u)",
]  # fmt: skip
texts = st.lists(st.sampled_from(PIECES), max_size=40).map("".join)


@settings(max_examples=400, deadline=None)
@given(texts)
def test_applying_every_fix_leaves_nothing_to_fix(text: str) -> None:
    once = fixed(text)
    assert suggestions(once, known) == []
    fixes = suggestions(text, known)
    assert all(a.end <= b.start for a, b in itertools.pairwise(fixes))


PROTECTED = [
    '`code "x" : 10km...`',
    "https://www.actuniger.com/securite/page?id=2&t=10:30",
    "www.lesahel.org/a?b=c",
    "redaction@actuniger.com",
    '[gallery ids="1,2" columns="3"]',
    '[caption id="attachment_7"]',
    '<a href="x?y=1">',
]


@settings(max_examples=300, deadline=None)
@given(texts, st.sampled_from(PROTECTED), texts)
def test_code_urls_and_shortcodes_are_never_changed(
    before: str, protected: str, after: str
) -> None:
    text = f"{before} {protected} {after}"
    start = len(before) + 1
    end = start + len(protected)
    assume("`" not in before)  # a backtick before it would change what is code
    for fix in suggestions(text, known):
        assert fix.end <= start or fix.start >= end, (fix, text)
