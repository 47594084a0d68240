"""Full-text search on a real FTS5 index: accents, ranking, snippets, hostile input."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsdesk.core.article import Article, Status
from newsdesk.storage.search import fold, is_broad, match_expression, parse_snippet
from newsdesk.storage.store import Store


def _ids(hits: list) -> list[str]:  # type: ignore[type-arg]
    return [hit.article.id for hit in hits]


@pytest.mark.parametrize(
    "query", ["serguei", "Serguei", "SERGUEÏ", "sergueï lavrov", "lavr", "Bamako", "amitie"]
)
def test_accents_and_case_do_not_matter(store: Store, lavrov: Article, query: str) -> None:
    store.create(lavrov)
    store.create(Article(title="Saison des pluies à Tillabéri", body="Les champs sont inondés."))
    assert _ids(store.search(query)) == [lavrov.id]


def test_tillaberi_typed_without_accent(store: Store) -> None:
    piece = store.create(Article(title="Inondations", body="Les pluies ont frappé Tillabéri."))
    assert _ids(store.search("tillaberi")) == [piece.id]
    assert _ids(store.search("tillab")) == [piece.id], "the last word is a prefix"


def test_a_whole_word_with_enough_matches_finds_the_word_itself(store: Store) -> None:
    whole = [store.create(Article(title=f"Le ministre en visite {n}")) for n in range(3)]
    longer = store.create(Article(title="Conseil des ministres"))
    # Three articles hold « ministre »: with a limit of three they are the hits, and
    # the word is not read as the start of « ministres ».
    assert set(_ids(store.search("ministre", limit=3))) == {a.id for a in whole}
    # Fewer than the limit: the word is also a prefix again, as it is typed.
    assert set(_ids(store.search("ministre", limit=5))) == {a.id for a in [*whole, longer]}
    assert _ids(store.search("ministres", limit=3)) == [longer.id]
    # A word still being typed matches nothing whole: its prefix finds the rest.
    assert len(store.search("minist", limit=3)) == 3


def test_tags_and_byline_are_searched(store: Store, lavrov: Article) -> None:
    store.create(lavrov)
    assert _ids(store.search("diplomatie")) == [lavrov.id]
    assert _ids(store.search("barma")) == [lavrov.id]


def test_a_word_in_the_headline_ranks_above_one_in_the_body(store: Store) -> None:
    filler = " ".join(["Le conseil municipal s’est réuni pour examiner le budget."] * 5)
    in_body = store.create(Article(title="Conseil municipal", body=f"{filler} Uranium à Arlit."))
    in_title = store.create(Article(title="Uranium : Arlit attend", body=filler))
    hits = store.search("uranium")
    assert _ids(hits) == [in_title.id, in_body.id]
    assert hits[0].rank > hits[1].rank


def test_snippet_is_plain_text_with_spans_on_the_matched_words(store: Store) -> None:
    body = (
        "## Les pluies\n\nDans la région, **les cultivateurs** de Tillabéri ont perdu leurs "
        "récoltes. " + "Une phrase de remplissage sans rapport. " * 20
    )
    store.create(Article(title="Saison agricole", body=body))
    (hit,) = store.search("tillaberi cultivateurs")
    assert "\ue000" not in hit.snippet and "\ue001" not in hit.snippet
    assert "**" not in hit.snippet and "##" not in hit.snippet and "\n" not in hit.snippet
    words = sorted(hit.snippet[start:end] for start, end in hit.highlights)
    assert words == ["Tillabéri", "cultivateurs"]


def test_parse_snippet_spans() -> None:
    text, spans = parse_snippet("À \ue000Tillabéri\ue001,\n  la **\ue000pluie\ue001** tombe…")
    assert text == "À Tillabéri, la pluie tombe…"
    assert [text[s:e] for s, e in spans] == ["Tillabéri", "pluie"]
    text, spans = parse_snippet(
        "Lire [le \ue000communiqué\ue001](https://example.org/a_b) ![photo](ab/x.jpg) fin"
    )
    assert text == "Lire le communiqué photo fin"
    assert [text[s:e] for s, e in spans] == ["communiqué"]


@pytest.mark.parametrize(
    "query",
    [
        '"', '""', "'", "-", "--lavrov", "lavrov -mali", "NEAR", "NEAR(lavrov bamako)",
        "lavrov NOT", "AND OR NOT", "*", "lav*", "title:lavrov", "^lavrov", "(", ")",
        "{title}: x", "lavrov + bamako", '"lavrov', "l'", "d’", "\x00", "\ue000", "a",
        "🙂", "\\", ";DROP TABLE articles;--", "% _",
    ],
)  # fmt: skip
def test_hostile_queries_never_raise(store: Store, lavrov: Article, query: str) -> None:
    store.create(lavrov)
    hits = store.search(query)
    assert isinstance(hits, list)
    assert store.count_articles() == 1


def test_query_syntax_is_text(store: Store, lavrov: Article) -> None:
    store.create(lavrov)
    assert _ids(store.search("(lavrov) bamako*")) == [lavrov.id]
    assert store.search("NEAR(lavrov bamako)") == []  # "near" is not in the article
    assert _ids(store.search("lavrov -mali")) == [lavrov.id]
    assert _ids(store.search('"Sergueï Lavrov"')) == [lavrov.id]
    assert _ids(store.search('"Sergueï Lavrov')) == [lavrov.id], "an unclosed quote is text"
    assert store.search("lavrov NOT") == []  # "not" is a word like any other


_PIECES = st.sampled_from(
    ["lavrov", "Sergueï", "bamako", "ministre", "tillab", "NEAR", "AND", "OR", "NOT", '"',
     "-", "*", "(", ")", ":", "^", "'", "l’", "à", "les", "é", "\x00", "\ue000", "🙂"]
)  # fmt: skip


@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    query=st.one_of(
        st.text(max_size=60),
        st.lists(st.one_of(_PIECES, st.text(max_size=4)), max_size=8).map(" ".join),
        st.lists(_PIECES, max_size=6).map("".join),
    )
)
def test_any_text_is_a_valid_query(store: Store, lavrov: Article, query: str) -> None:
    if store.count_articles() == 0:  # the fixture lives across examples
        store.create(lavrov)
        store.create(Article(title="Saison des pluies à Tillabéri", body="Les champs (NEAR) *"))
    hits = store.search(query)
    for hit in hits:
        assert hit.snippet
        for start, end in hit.highlights:
            assert 0 <= start < end <= len(hit.snippet)


def test_match_expression_quotes_every_term() -> None:
    assert match_expression('NEAR("a b")') == '"a b" "NEAR"*'
    assert match_expression("Tillabéri à Ségou") == '"Tillabéri" "Ségou"*'
    assert match_expression("les") == '"les"', "a stop word alone is still searched, whole"
    assert match_expression("l' d' -") is None
    assert fold("SÉNÉGAL Œuvre") == "senegal oeuvre"


def test_empty_query_is_the_list(store: Store, lavrov: Article) -> None:
    store.create(lavrov)
    other = store.create(Article(title="Autre", standfirst="Un chapeau.", status=Status.DRAFT))
    hits = store.search("")
    assert _ids(hits) == [other.id, lavrov.id]
    assert hits[0].snippet == "Un chapeau." and hits[0].highlights == []
    assert _ids(store.search("   ", status=Status.READY)) == [lavrov.id]


def test_filters_combine_with_the_search(store: Store, lavrov: Article) -> None:
    store.create(lavrov)
    draft = store.create(
        Article(title="Lavrov quitte Bamako", category="International", tags=["Russie"])
    )
    assert set(_ids(store.search("lavrov"))) == {lavrov.id, draft.id}
    assert _ids(store.search("lavrov", status=Status.READY)) == [lavrov.id]
    assert _ids(store.search("lavrov", status=Status.DRAFT)) == [draft.id]
    assert _ids(store.search("lavrov", category="International")) == [draft.id]
    assert _ids(store.search("lavrov", tag="mali")) == [lavrov.id]
    assert set(_ids(store.search("lavrov", tag="Russie"))) == {lavrov.id, draft.id}
    assert store.search("lavrov", tag="Russie", category="Sport") == []
    assert len(store.search("lavrov", limit=1)) == 1


def test_the_index_follows_saves_restores_and_deletes(store: Store, lavrov: Article) -> None:
    article = store.create(lavrov)
    article.title = "Niamey accueille une délégation"
    article.body = "Rien sur Moscou."
    article.tags = ["Niger"]
    store.save(article)
    assert store.search("lavrov") == []
    assert _ids(store.search("delegation")) == [lavrov.id]
    assert _ids(store.search("niger")) == [lavrov.id]
    store.restore(lavrov.id, 1)
    assert _ids(store.search("lavrov")) == [lavrov.id]
    assert store.search("delegation") == []
    store.delete(lavrov.id)
    assert store.search("lavrov") == []


def test_hit_summary_matches_the_list(store: Store, lavrov: Article) -> None:
    store.create(lavrov)
    (hit,) = store.search("lavrov")
    assert hit.article == store.list_articles()[0]


def test_broad_queries_list_matches_newest_first(store: Store) -> None:
    older = store.create(Article(title="Conseil des ministres", body="Le budget de la commune."))
    newer = store.create(Article(title="Coopération", body="La route de Dosso."))
    store.create(Article(title="Sans rapport", body="Rien ici."))
    assert is_broad("de") and is_broad("les de") and is_broad("co")
    assert not is_broad("coop") and not is_broad("de coop") and not is_broad("")
    hits = store.search("de")
    assert [h.article.id for h in hits] == [newer.id, older.id]
    assert all(h.rank == 0.0 and h.highlights for h in hits)
    assert [h.article.id for h in store.search("co")] == [newer.id, older.id]
    assert [h.article.id for h in store.search("co", category="Sport")] == []


def test_quoted_words_are_a_phrase(store: Store, lavrov: Article) -> None:
    store.create(lavrov)
    other = store.create(Article(title="Lavrov et Sergueï", body="Deux mots, pas côte à côte."))
    assert set(_ids(store.search("serguei lavrov"))) == {lavrov.id, other.id}
    assert _ids(store.search('"serguei lavrov"')) == [lavrov.id]
    assert _ids(store.search("« Sergueï Lavrov »")) == [lavrov.id]
    assert _ids(store.search('"lavrov serguei"')) == []
    assert _ids(store.search('"la Fédération de Russie" visite')) == [lavrov.id]
    assert _ids(store.search('"la Russie de Fédération"')) == []
    (hit,) = store.search('"Sergueï Lavrov"')
    assert "Sergueï Lavrov" in [hit.snippet[a:b] for a, b in hit.highlights]


def test_match_expression_with_phrases() -> None:
    assert match_expression('"Sergueï Lavrov" bamak') == '"Sergueï Lavrov" "bamak"*'
    assert match_expression("« la Fédération de Russie »") == '"la Fédération de Russie"'
    assert match_expression('"" les') == '"les"'
    assert match_expression('"a" "-" \'') is None
