"""What the spell checker looks at in a line of Markdown, and what it never does."""

from __future__ import annotations

from newsdesk.spelling.tokenizer import Word, fence_after, normalized, parts, words


def texts(line: str) -> list[str]:
    return [w.text for w in words(line)]


def test_plain_french_words_with_their_offsets() -> None:
    line = "Le ministre est à Niamey."
    found = words(line)
    assert [w.text for w in found] == ["Le", "ministre", "est", "à", "Niamey"]
    assert all(line[w.start : w.end] == w.text for w in found)


def test_elided_forms_and_both_apostrophes_stay_one_word() -> None:
    assert texts("l’autorité et l'État, aujourd’hui qu'il vienne") == [
        "l’autorité",
        "et",
        "l'État",
        "aujourd’hui",
        "qu'il",
        "vienne",
    ]


def test_an_elision_splits_into_the_word_after_it() -> None:
    word = words("jusqu’à l’autorité")[1]
    (rest,) = parts(word, "fr")
    assert rest.text == "autorité"
    assert "jusqu’à l’autorité"[rest.start : rest.end] == "autorité"


def test_a_hyphenated_word_splits_into_its_parts() -> None:
    word = Word(0, len("porte-parolle"), "porte-parolle")
    assert [p.text for p in parts(word, "fr")] == ["porte", "parolle"]
    assert [(p.start, p.end) for p in parts(word, "fr")] == [(0, 5), (6, 13)]


def test_english_possessive_and_apostrophes() -> None:
    assert texts("Niger’s army didn't") == ["Niger’s", "army", "didn't"]
    assert [p.text for p in parts(Word(0, 7, "Niger’s"), "en")] == ["Niger"]
    assert normalized("don’t", "en") == "don't"
    assert normalized("l'autorité", "fr") == "l’autorité"


def test_urls_and_email_addresses_are_never_checked() -> None:
    line = (
        "Voir https://www.actuniger.com/politique/xyzz?q=abcd ou www.exmple.org, "
        "écrire à redaction@actuniger.com"
    )
    assert texts(line) == ["Voir", "ou", "écrire", "à"]
    assert texts("le site actuniger.com dit") == ["le", "site", "dit"]


def test_markdown_syntax_is_not_checked_but_its_text_is() -> None:
    assert texts("## Un intertittre") == ["Un", "intertittre"]
    assert texts('Lire [le rapportt](https://exemple.ne/rapport-2023.pdf "Titre") ici') == [
        "Lire",
        "le",
        "rapportt",
        "ici",
    ]
    assert texts("![Une photoo](media:abc123.jpg)") == ["Une", "photoo"]
    assert texts("[1]: https://exemple.ne/lien") == []
    assert texts("**gras** et _italique_") == ["gras", "et", "italique"]


def test_code_is_never_checked() -> None:
    assert texts("la commande `pip instal` marche") == ["la", "commande", "marche"]
    assert texts("    code indentté") == []
    assert texts("```python") == []
    assert fence_after("```python", False) is True
    assert fence_after("x = 1", True) is True
    assert fence_after("```", True) is False


def test_shortcodes_tags_and_entities_are_never_checked() -> None:
    assert texts('[caption id="attachment_1" align="alignnone"]Une légende[/caption]') == [
        "Une",
        "légende",
    ]
    assert texts("<strong>Fortt</strong>&nbsp;ici <!-- wp:paragraph -->") == ["Fortt", "ici"]


def test_numbers_handles_and_hashtags_are_skipped() -> None:
    assert texts("Le G5 en 2023, #Niger et @actuniger") == ["Le", "en", "et"]
