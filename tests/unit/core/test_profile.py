"""A site's content profile: what it asks of an article, and how wrong values are refused."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsdesk.core.article import Article, FeaturedImage
from newsdesk.core.errors import InvalidSettingValue
from newsdesk.core.profile import RECOMMENDED, ContentProfile, checklist

BODY = " ".join(["Le ministre malien des Affaires étrangères a reçu son homologue."] * 30)


def _article(**changes: object) -> Article:
    article = Article(
        title="Mali : Sergueï Lavrov attendu à Bamako",
        standfirst="Le ministre russe des Affaires étrangères effectue une visite de travail "
        "et d’amitié à Bamako, une première pour un chef de la diplomatie russe.",
        body=BODY,
        category="Politique",
        tags=["Mali", "Russie"],
        byline="Aïssata Maïga",
        featured_image=FeaturedImage("ab/photo.jpg", "Les deux ministres", "ORTM", "Deux hommes"),
    )
    for key, value in changes.items():
        setattr(article, key, value)
    return article


def _codes(article: Article, profile: ContentProfile = RECOMMENDED, **kw: object) -> list[str]:
    return [f"{p.field}:{p.code}:{p.detail}" for p in checklist(article, profile, **kw)]  # type: ignore[arg-type]


def test_the_usual_article_passes_the_recommended_profile() -> None:
    assert _codes(_article(), media_exists=lambda path: True) == []


def test_each_missing_piece_is_named() -> None:
    bare = _article(standfirst="", category="", tags=[], featured_image=None)
    assert _codes(bare) == [
        "standfirst:missing_standfirst:",
        "category:missing_category:",
        "tags:too_few_tags:1",
        "featured_image:missing_featured_image:",
    ]
    image = _article(featured_image=FeaturedImage("ab/photo.jpg"))
    assert _codes(image) == [
        "featured_image.caption:missing_caption:",
        "featured_image.credit:missing_credit:",
        "featured_image.alt:missing_alt:",
    ]


def test_lengths_are_bounded() -> None:
    assert _codes(_article(title="Mali")) == ["title:title_too_short:20"]
    assert _codes(_article(title="M" * 121)) == ["title:title_too_long:120"]
    assert _codes(_article(standfirst="Court.")) == ["standfirst:standfirst_too_short:80"]
    assert _codes(_article(standfirst="x" * 401)) == ["standfirst:standfirst_too_long:400"]
    assert _codes(_article(body="Trois mots seulement.")) == ["body:body_too_short:150"]


def test_the_default_profile_asks_only_what_no_desk_lets_through() -> None:
    bare = _article(standfirst="", tags=[], featured_image=None, title="Mali", body="Court.")
    assert _codes(bare, ContentProfile()) == []


def test_markers_are_found_as_words_and_never_in_urls_or_code() -> None:
    body = BODY + "\n\nTODO : vérifier le chiffre [À VÉRIFIER].\n\nXXXL est une taille."
    found = _codes(_article(body=body), ContentProfile())
    assert found == ["body:marker_left:TODO", "body:marker_left:[À VÉRIFIER]"]
    quiet = BODY + "\n\nVoir https://example.org/TODO et `XXX` dans le code."
    assert _codes(_article(body=quiet), ContentProfile()) == []
    assert _codes(_article(title="Mali : XXX à Bamako"), ContentProfile()) == [
        "title:marker_left:XXX"
    ]


def test_broken_images_and_links_without_target() -> None:
    body = (
        BODY
        + "\n\n![Carte](media:cd/carte.png) ![Distante](https://example.org/a.jpg)"
        + "\n\nLire [le communiqué]() et [la note][note] et [le site][ok].\n\n[ok]: https://a.b"
    )
    present = {"ab/photo.jpg"}
    found = _codes(_article(body=body), ContentProfile(), media_exists=present.__contains__)
    assert found == [
        "body:broken_image:cd/carte.png",
        "body:empty_link:le communiqué",
        "body:empty_link:la note",
    ]
    gone = _codes(_article(), ContentProfile(), media_exists=lambda path: False)
    assert gone == ["featured_image:broken_image:ab/photo.jpg"]


def test_checkers_findings_count_when_the_profile_says_so() -> None:
    found = _codes(
        _article(),
        ContentProfile(check_spelling=True, check_grammar=True),
        spelling_findings=["Bamko", "Bamko"],
        grammar_findings=["les homme"],
    )
    assert found == ["body:spelling:Bamko", "body:grammar:les homme"]
    off = ContentProfile(check_spelling=False, check_grammar=False)
    assert _codes(_article(), off, spelling_findings=["Bamko"], grammar_findings=["x"]) == []


def test_a_profile_round_trips_and_wrong_values_are_refused() -> None:
    assert ContentProfile.from_dict(RECOMMENDED.to_dict()) == RECOMMENDED
    assert ContentProfile.from_dict({}) == ContentProfile()
    for wrong in (
        {"min_tags": -1},
        {"min_tags": "2"},
        {"min_tags": True},
        {"require_standfirst": "oui"},
        {"markers": "TODO"},
        {"markers": ["TODO", ""]},
        {"colour": "red"},
        {"title_min": 50, "title_max": 40},
    ):
        with pytest.raises(InvalidSettingValue):
            ContentProfile.from_dict(wrong)
    assert RECOMMENDED.with_values(min_tags=3).min_tags == 3


@given(st.text(max_size=400), st.text(max_size=80))
def test_any_text_gives_a_checklist_not_an_error(body: str, title: str) -> None:
    items = checklist(_article(body=body, title=title), RECOMMENDED, media_exists=lambda p: False)
    assert all(item.severity == "error" and item.code for item in items)


def test_a_shortcode_pair_is_not_a_link() -> None:
    body = (
        BODY
        + '\n\n[audio mp3="https://a.b/x.mp3"][/audio] et [gallery][/gallery]'
        + ' et [caption id="1"][x]'
    )
    found = _codes(_article(body=body), ContentProfile())
    assert all("audio" not in f and "gallery" not in f and "caption" not in f for f in found), found
