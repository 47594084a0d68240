"""The article's rules: slug, words, reading time, validation."""

from __future__ import annotations

import re
from datetime import UTC, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsdesk.core.article import Article, FeaturedImage
from newsdesk.core.rules import (
    Problem,
    _count_words,
    article_word_count,
    blocks_publishing,
    effective_slug,
    reading_time_minutes,
    slugify,
    validate,
    word_count,
)

SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        ("Mali : Sergueï Lavrov attendu à Bamako", "mali-serguei-lavrov-attendu-a-bamako"),
        ("L’œuvre d’Ærø", "l-oeuvre-d-aero"),
        ("l'Afrique de l'ouest", "l-afrique-de-l-ouest"),
        ("  --Déjà vu !--  ", "deja-vu"),
        ("Niamey — 42 °C à l’ombre", "niamey-42-c-a-l-ombre"),
        ("Œcuménisme", "oecumenisme"),
        ("Привет мир", ""),
        ("", ""),
    ],
)
def test_slugify_folds_accents_and_separates_words(text: str, slug: str) -> None:
    assert slugify(text) == slug


def test_slugify_cuts_on_a_word_boundary() -> None:
    text = "Le gouvernement de transition annonce un calendrier électoral pour le Niger"
    slug = slugify(text, max_length=30)
    assert slug == "le-gouvernement-de-transition"
    assert len(slug) <= 30
    # Exactly at a boundary: nothing is lost.
    assert slugify("abc def", max_length=7) == "abc-def"
    assert slugify("abc def", max_length=6) == "abc"


def test_slugify_cuts_one_overlong_word_hard() -> None:
    assert slugify("a" * 100, max_length=10) == "a" * 10


@given(st.text(), st.integers(min_value=0, max_value=120))
def test_slugify_always_gives_a_clean_slug(text: str, max_length: int) -> None:
    slug = slugify(text, max_length=max_length)
    assert slug == "" or SLUG.match(slug)
    assert len(slug) <= max_length
    # Already a slug: slugify leaves it alone.
    assert slugify(slug, max_length=max_length) == slug


def test_effective_slug_prefers_the_reporters_slug() -> None:
    article = Article(title="Mali : Sergueï Lavrov attendu", slug="lavrov-bamako")
    assert effective_slug(article) == "lavrov-bamako"
    article.slug = ""
    assert effective_slug(article) == "mali-serguei-lavrov-attendu"
    article.title = "بيان"
    assert effective_slug(article) == f"article-{article.id[:8]}"
    assert SLUG.match(effective_slug(article))


@pytest.mark.parametrize(
    ("markdown", "words"),
    [
        ("", 0),
        ("« l’Afrique »", 1),
        ("Guinée-Bissau et Sierra Leone", 4),
        ("## Un intertitre\n\n> « Une citation » — dit-il.", 5),
        ("**Gras** et _italique_ et `code`", 5),
        ("[le site](https://www.actuniger.com/politique/article-12345.html)", 2),
        ("Voir ![une photo de Niamey](media:2023/photo.jpg) ici", 2),
        ("A.Y. Barma (actuniger.com)", 3),
        ("3,5 % de croissance en 2023", 5),
        ("- un\n- deux\n1. trois", 3),
        ("<span class='x'>mot</span>", 1),
        ("Lien <https://exemple.org/a-b-c> brut", 3),
        ("[texte][ref]\n\n[ref]: https://exemple.org/long/chemin", 1),
        ("snake_case_name", 3),
    ],
)
def test_word_count_counts_what_a_reader_sees(markdown: str, words: int) -> None:
    assert word_count(markdown) == words


# Pieces that make words, markup and the line breaks a paragraph split hinges on.
_MARKDOWN_PIECES = st.sampled_from(
    ["mot", "l’Afrique", "3,5", " ", "\n", "\n\n", "```", "~~~py", "- ", "1. ", "> ", "[", "]",
     "(", ")", "](https://x.org/a b)", "![alt](media:a.jpg)", "<b>", "</b>", "<!--", "-->",
     "<https://exemple.org/a-b>", "[ref]: https://x.org", "_", "’", "-", ".", ","]
)  # fmt: skip


@given(st.lists(_MARKDOWN_PIECES, max_size=60).map("".join))
def test_word_count_by_paragraphs_is_the_whole_texts_count(markdown: str) -> None:
    # The count is kept per paragraph; it must be the count of the text taken whole,
    # whatever splits where, the second time (from the kept paragraphs) as the first.
    whole = _count_words(markdown)
    assert word_count(markdown) == whole
    assert word_count(markdown) == whole
    assert word_count(markdown + "\n\nEt deux") == whole + 2


def test_reading_time() -> None:
    assert reading_time_minutes(0) == 0
    assert reading_time_minutes(1) == 1
    assert reading_time_minutes(230) == 1
    assert reading_time_minutes(231) == 2
    assert reading_time_minutes(642) == 3
    assert reading_time_minutes(100, words_per_minute=50) == 2


def test_article_word_count_is_standfirst_plus_body() -> None:
    article = Article(title="Pas compté", standfirst="Deux mots", body="Et trois mots")
    assert article_word_count(article) == 5


def _complete() -> Article:
    return Article(
        title="Mali : Sergueï Lavrov attendu à Bamako",
        body="Le ministre arrive lundi.",
        category="Politique",
        byline="A.Y. Barma",
        date=datetime(2023, 2, 5, 18, tzinfo=UTC),
        featured_image=FeaturedImage("media:a.jpg", "Lavrov et Diop", "DR", "Deux hommes"),
    )


def test_a_complete_article_has_no_problem() -> None:
    assert validate(_complete(), for_publishing=True) == []


def test_missing_fields_are_errors_only_for_publishing() -> None:
    article = Article()
    for_draft = validate(article)
    for_site = validate(article, for_publishing=True)
    codes = ["missing_title", "missing_body", "missing_category", "missing_byline"]
    assert [p.code for p in for_draft] == codes
    assert {p.severity for p in for_draft} == {"warning"}
    assert {p.severity for p in for_site} == {"error"}
    assert blocks_publishing(for_site)
    assert not blocks_publishing(for_draft)
    assert Problem("title", "missing_title", "error") in for_site


def test_featured_image_needs_caption_and_gets_warnings_for_credit_and_alt() -> None:
    article = _complete()
    article.featured_image = FeaturedImage("media:a.jpg")
    problems = validate(article, for_publishing=True)
    assert problems == [
        Problem("featured_image.caption", "missing_caption", "error"),
        Problem("featured_image.credit", "missing_credit", "warning"),
        Problem("featured_image.alt", "missing_alt", "warning"),
    ]


def test_naive_date_is_flagged_never_guessed() -> None:
    article = _complete()
    article.date = datetime(2023, 2, 5, 18)
    assert validate(article) == [Problem("date", "naive_date", "error")]


def test_long_title_is_a_warning() -> None:
    article = _complete()
    article.title = "Mot " * 40
    assert validate(article, for_publishing=True) == [Problem("title", "title_too_long", "warning")]


@pytest.mark.parametrize("slug", ["Avec Majuscule", "a--b", "-a", "é", "a_b", "x" * 201])
def test_invalid_slug_is_an_error(slug: str) -> None:
    article = _complete()
    article.slug = slug
    assert validate(article) == [Problem("slug", "invalid_slug", "error")]


def test_errors_come_before_warnings() -> None:
    article = _complete()
    article.title = "Mot " * 40
    article.slug = "Bad Slug"
    assert [p.severity for p in validate(article)] == ["error", "warning"]
