"""The library's listing by pages (``Store.list_page``) and the bulk-built store it pages."""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks.library_corpus import build_store, make_library
from newsdesk.core.article import Status
from newsdesk.paths import Paths
from newsdesk.storage.store import Store

COUNT = 1_234


@pytest.fixture(scope="module")
def library(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """1,234 articles, bulk-built in three chunks (three ``updated_at`` of their own, and
    hundreds of articles sharing each: the order's ties are broken by the key)."""
    folder = tmp_path_factory.mktemp("library")
    articles = make_library(COUNT, seed=3)
    with Store.open(Paths(folder).ensure()) as store:
        for start in (0, 500, 1_000):
            end = {0: 500, 500: 1_000, 1_000: COUNT}[start]
            assert store.bulk_create(articles[start:end]) == end - start
    return folder


@pytest.fixture
def store(library: Path, tmp_path: Path) -> Store:
    """A private copy of the library's store: a test may save into it."""
    import shutil

    copy = tmp_path / "data"
    shutil.copytree(library, copy)
    return Store.open(Paths(copy))


def walk(store: Store, limit: int, **filters: object) -> list[str]:
    ids: list[str] = []
    page = store.list_page(limit=limit, **filters)  # type: ignore[arg-type]
    while True:
        assert len(page.summaries) <= limit
        ids += [s.id for s in page.summaries]
        if page.next is None:
            return ids
        assert len(page.summaries) == limit, "only the last page may be short"
        page = store.list_page(after=page.next, limit=limit, **filters)  # type: ignore[arg-type]


def test_pages_give_the_listing_in_its_order_without_gap_nor_duplicate(store: Store) -> None:
    listed = [s.id for s in store.list_articles()]
    assert len(listed) == COUNT
    for limit in (1, 7, 200, 500, COUNT, COUNT + 1):
        assert walk(store, limit) == listed, limit
    store.close()


@pytest.mark.parametrize(
    "filters",
    [{"status": Status.DRAFT}, {"category": "Économie"}, {"tag": "sénégal"}],
    ids=["status", "category", "tag"],
)
def test_pages_and_the_count_follow_the_filters(store: Store, filters: dict[str, object]) -> None:
    listed = [s.id for s in store.list_articles(**filters)]  # type: ignore[arg-type]
    assert 0 < len(listed) < COUNT
    assert walk(store, 50, **filters) == listed
    assert store.count_articles(**filters) == len(listed)  # type: ignore[arg-type]
    store.close()


def test_an_article_saved_between_two_pages_is_neither_shown_twice_nor_makes_a_gap(
    store: Store,
) -> None:
    before = [s.id for s in store.list_articles()]
    seen: list[str] = []
    page = store.list_page(limit=100)
    seen += [s.id for s in page.summaries]
    assert page.next is not None
    # One article already shown and one further down are saved, as the reporter (or
    # the command line) would while the list is being scrolled.
    shown, further = before[10], before[700]
    for article_id in (shown, further):
        article = store.get(article_id)
        article.title += " (mis à jour)"
        store.save(article)
    while page.next is not None:
        page = store.list_page(after=page.next, limit=100)
        seen += [s.id for s in page.summaries]
    assert len(seen) == len(set(seen)), "an article came twice"
    # Both now stand above the cursor, at the top: the window puts its own save there,
    # and its next look at the store shows the command line's. Nothing else moved.
    assert seen == [i for i in before if i != further]
    assert [s.id for s in store.list_page(limit=2).summaries] == [further, shown]
    store.close()


def test_the_bulk_built_store_is_searchable_and_varied(tmp_path: Path) -> None:
    build_store(tmp_path / "data", 300, seed=5)
    with Store.open(Paths(tmp_path / "data")) as store:
        assert store.count_articles() == 300
        summaries = store.list_articles()
        assert len({s.category for s in summaries}) == 10
        assert {s.status for s in summaries} >= {Status.DRAFT, Status.READY, Status.PUBLISHED}
        words = sorted(s.word_count for s in summaries)
        assert words[0] < 250 and words[-1] > 800, "briefs and long reports"
        years = {s.date.year for s in summaries if s.date is not None}
        assert len(years) >= 9, years
        # The full-text index was filled by the bulk-add: accents forgiven.
        hits = {h.article.id for h in store.search("tillaberi", limit=1_000)}
        mention = set()
        for summary in summaries:
            article = store.get(summary.id)
            if "Tillabéri" in article.title + article.standfirst + article.body:
                mention.add(summary.id)
        assert mention and hits == mention


def test_search_ranks_the_newest_matches_only_when_there_are_many(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    from newsdesk.storage import fulltext

    full = [h.article.id for h in store.search("ministre", limit=50)]
    everything = {h.article.id for h in store.search("ministre", limit=COUNT)}
    assert len(everything) > 300
    # The keys run in the order articles were created: the newest matches are the
    # ones with the highest keys, which the listing shows first among equal times.
    monkeypatch.setattr(fulltext, "RANK_WINDOW", 200)
    windowed = [h.article.id for h in store.search("ministre", limit=50)]
    newest = [s.id for s in store.list_articles() if s.id in everything][:200]
    assert len(windowed) == 50 and set(windowed) <= set(newest)
    assert windowed != full, "the window changed nothing: the test proves nothing"
    # Fewer matches than the window: the same ranking as in full.
    assert 50 < len(store.search("tillaberi", limit=COUNT)) < 200
    rare = [h.article.id for h in store.search("tillaberi", limit=50)]
    monkeypatch.setattr(fulltext, "RANK_WINDOW", 1_000_000)
    assert [h.article.id for h in store.search("tillaberi", limit=50)] == rare
    store.close()
