"""A pulled post's language: the text when it is sure, else the site's declaration."""

from __future__ import annotations

from newsdesk.core.article import Language
from newsdesk.publishing.language import declared_language, detected_language, post_language

FRENCH = (
    "<!-- wp:paragraph --><p>Le ministre des Affaires étrangères est arrivé hier soir à "
    "Bamako pour une visite de deux jours, la première depuis l’indépendance.</p>"
)
ENGLISH = (
    "<!-- wp:paragraph --><p>The minister arrived in Bamako last night for a two-day visit, "
    "the first since independence, and will meet the transition's leaders.</p>"
)


def test_the_text_decides_when_it_is_sure() -> None:
    assert detected_language(FRENCH) is not None
    assert post_language(FRENCH, Language.EN) is Language.FR
    assert post_language(ENGLISH, Language.FR) is Language.EN


def test_the_same_text_always_gets_the_same_answer() -> None:
    assert {post_language(ENGLISH, None) for _ in range(5)} == {Language.EN}


def test_a_short_text_takes_the_sites_language_then_french() -> None:
    assert detected_language("Oui.") is None
    assert post_language("Oui.", Language.EN) is Language.EN
    assert post_language('[gallery ids="1,2"] https://x.example/a', None) is Language.FR


def test_the_home_page_declaration() -> None:
    assert declared_language('<!DOCTYPE html>\n<html lang="fr-FR" class="no-js">') is Language.FR
    assert declared_language("<html lang='en-US'>") is Language.EN
    assert declared_language('<html lang="ha">') is None  # not a language newsdesk writes
    assert declared_language("<html>") is None
    assert declared_language("") is None
