"""Articles in and out of a real SQLite store: revisions, stale saves, trash, lists."""

from __future__ import annotations

import sqlite3
import string
import threading
from contextlib import closing
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from benchmarks.corpus import make_articles
from newsdesk.core.article import Article, Status
from newsdesk.core.errors import (
    ArticleExists,
    ArticleNotFound,
    InvalidDocument,
    RevisionNotFound,
    StaleRevision,
    StoreError,
)
from newsdesk.paths import Paths
from newsdesk.storage import schema
from newsdesk.storage.search import query_terms
from newsdesk.storage.store import Store


def test_create_then_get_gives_back_every_field(store: Store, lavrov: Article) -> None:
    before = datetime.now(UTC)
    stored = store.create(lavrov)
    assert stored.revision == 1
    assert stored.updated_at >= before
    assert lavrov.revision == 0, "the caller's object is not modified"
    again = store.get(lavrov.id)
    assert again.content_equals(lavrov)
    assert again.revision == 1
    assert again.created_at == lavrov.created_at.astimezone(UTC)
    assert again.updated_at == stored.updated_at


def test_the_date_keeps_its_zone(store: Store, lavrov: Article) -> None:
    lavrov.date = datetime(2023, 2, 6, 23, 30, tzinfo=ZoneInfo("Africa/Niamey"))
    back = store.get(store.create(lavrov).id).date
    assert back is not None
    assert back == lavrov.date
    assert back.hour == 23 and back.utcoffset() == timedelta(hours=1)
    assert getattr(back.tzinfo, "key", None) == "Africa/Niamey"


def test_a_fixed_offset_and_a_naive_date_survive(store: Store) -> None:
    minus_three = timezone(timedelta(hours=-3))
    fixed = Article(title="Fixe", date=datetime(2024, 5, 1, 8, 0, tzinfo=minus_three))
    back = store.get(store.create(fixed).id).date
    assert back == fixed.date
    assert back is not None and back.utcoffset() == timedelta(hours=-3) and back.hour == 8
    # A date that came without a zone is kept as given, not assigned one.
    naive = Article(title="Naïve", date=datetime(2024, 5, 1, 8, 0))
    back = store.get(store.create(naive).id).date
    assert back == datetime(2024, 5, 1, 8, 0)
    assert back is not None and back.tzinfo is None


def test_create_refuses_an_id_already_stored(store: Store, lavrov: Article) -> None:
    store.create(lavrov)
    with pytest.raises(ArticleExists):
        store.create(lavrov)
    assert store.count_articles() == 1


def test_save_makes_a_new_revision(store: Store, lavrov: Article) -> None:
    stored = store.create(lavrov)
    stored.title = "Mali : Sergueï Lavrov arrivé à Bamako"
    saved = store.save(stored)
    assert saved.revision == 2
    assert store.get(lavrov.id).title == "Mali : Sergueï Lavrov arrivé à Bamako"
    assert [r.revision for r in store.history(lavrov.id)] == [2, 1]


def test_saving_identical_content_writes_nothing(store: Store, lavrov: Article) -> None:
    stored = store.create(lavrov)
    again = store.save(stored)
    assert again.revision == 1
    assert again.updated_at == stored.updated_at
    assert len(store.history(lavrov.id)) == 1


def test_a_stale_save_is_refused_and_the_newer_text_kept(store: Store, lavrov: Article) -> None:
    first = store.create(lavrov)
    mine = store.get(lavrov.id)
    first.body = "Correction du desk."
    store.save(first)
    mine.body = "Ma version, basée sur la révision 1."
    with pytest.raises(StaleRevision) as caught:
        store.save(mine)
    assert (caught.value.expected, caught.value.actual) == (1, 2)
    assert store.get(lavrov.id).body == "Correction du desk."
    assert len(store.history(lavrov.id)) == 2


def test_two_stores_on_one_file_detect_the_stale_save(paths: Paths, lavrov: Article) -> None:
    window, cli = Store.open(paths), Store.open(paths)
    try:
        window.create(lavrov)
        in_window = window.get(lavrov.id)
        in_cli = cli.get(lavrov.id)
        in_cli.tags = [*in_cli.tags, "Niger"]
        cli.save(in_cli)
        in_window.standfirst = "Un chapeau réécrit."
        with pytest.raises(StaleRevision):
            window.save(in_window)
        assert window.get(lavrov.id).tags[-1] == "Niger"
        assert window.get(lavrov.id).standfirst == lavrov.standfirst
    finally:
        window.close()
        cli.close()


def test_save_of_an_unknown_or_deleted_article(store: Store, lavrov: Article) -> None:
    with pytest.raises(ArticleNotFound):
        store.save(lavrov)
    stored = store.create(lavrov)
    store.delete(lavrov.id)
    stored.title = "Encore"
    with pytest.raises(ArticleNotFound):
        store.save(stored)


def test_delete_moves_to_the_trash(store: Store, lavrov: Article) -> None:
    store.create(lavrov)
    store.delete(lavrov.id)
    with pytest.raises(ArticleNotFound):
        store.get(lavrov.id)
    with pytest.raises(ArticleNotFound):
        store.delete(lavrov.id)
    assert store.list_articles() == []
    assert store.count_articles() == 0
    assert store.search("lavrov") == []
    assert store.tags() == [] and store.categories() == []
    # Still on disk: the trash can be emptied or restored by a later version.
    with closing(sqlite3.connect(store.paths.database)) as raw:
        trashed = raw.execute("SELECT count(*) FROM articles WHERE deleted_at IS NOT NULL")
        assert trashed.fetchone() == (1,)


def test_history_get_revision_and_restore(store: Store, lavrov: Article) -> None:
    article = store.create(lavrov)
    article.body = "Deuxième version."
    article = store.save(article)
    article.body = "Troisième version, plus longue que la deuxième."
    article = store.save(article)

    history = store.history(lavrov.id)
    assert [r.revision for r in history] == [3, 2, 1]
    assert history[0].word_count > history[1].word_count
    assert history[0].saved_at >= history[-1].saved_at
    assert store.get_revision(lavrov.id, 1).body == lavrov.body
    assert store.get_revision(lavrov.id, 2).body == "Deuxième version."

    restored = store.restore(lavrov.id, 1)
    assert restored.revision == 4
    assert restored.body == lavrov.body
    assert store.get(lavrov.id).content_equals(lavrov)
    assert [r.revision for r in store.history(lavrov.id)] == [4, 3, 2, 1]
    with pytest.raises(RevisionNotFound):
        store.get_revision(lavrov.id, 9)
    with pytest.raises(RevisionNotFound):
        store.restore(lavrov.id, 0)


def test_list_is_newest_first_with_filters(store: Store) -> None:
    articles = make_articles(30, 50, seed=3)
    for article in articles:
        store.create(article)
    listed = store.list_articles()
    assert len(listed) == 30 == store.count_articles()
    assert [s.updated_at for s in listed] == sorted((s.updated_at for s in listed), reverse=True)
    assert listed[0].id == articles[-1].id

    ready = store.list_articles(status=Status.READY)
    assert {s.id for s in ready} == {a.id for a in articles if a.status is Status.READY}
    category = articles[0].category
    assert {s.id for s in store.list_articles(category=category)} == {
        a.id for a in articles if a.category == category
    }
    tag = articles[0].tags[0]
    expected = {a.id for a in articles if tag in a.tags}
    assert {s.id for s in store.list_articles(tag=tag)} == expected
    assert {s.id for s in store.list_articles(tag=tag.upper())} == expected, "tags fold case"
    both = store.list_articles(tag=tag, status=articles[0].status, category=category)
    assert {s.id for s in both} == {
        a.id
        for a in articles
        if tag in a.tags and a.status is articles[0].status and a.category == category
    }
    assert [s.id for s in store.list_articles(limit=5, offset=5)] == [s.id for s in listed[5:10]]
    assert [s.id for s in store.list_articles(offset=28)] == [s.id for s in listed[28:]]


def test_summary_carries_what_the_list_shows(store: Store, lavrov: Article) -> None:
    store.create(lavrov)
    (summary,) = store.list_articles()
    assert summary.title == lavrov.title
    assert summary.status is Status.READY
    assert summary.tags == ["Mali", "Russie", "diplomatie"]
    assert summary.date == lavrov.date
    assert summary.byline == "A.Y. Barma"
    assert summary.revision == 1
    assert 40 < summary.word_count < 70


def test_tags_and_categories_in_french_order(store: Store) -> None:
    for tags, category in (
        (["sécurité", "Niger"], "Économie"),
        (["élections", "Mali"], "Politique"),
        (["Sénégal", "agriculture"], "Éducation"),
        (["zone", "Élevage"], "culture"),
    ):
        store.create(Article(title="x", tags=tags, category=category))
    assert store.tags() == [
        "agriculture", "élections", "Élevage", "Mali", "Niger", "sécurité", "Sénégal", "zone",
    ]  # fmt: skip
    assert store.categories() == ["culture", "Économie", "Éducation", "Politique"]


def test_tag_order_and_spelling_are_the_article_s(store: Store) -> None:
    article = store.create(Article(title="x", tags=["Mali", "mali", "Sahel"]))
    assert store.get(article.id).tags == ["Mali", "mali", "Sahel"]
    article.tags = ["Sahel"]
    store.save(article)
    assert store.get(article.id).tags == ["Sahel"]
    assert store.list_articles(tag="mali") == []


def test_bulk_create_equals_create(store: Store) -> None:
    articles = make_articles(40, 80, seed=9)
    assert store.bulk_create(articles) == 40
    assert store.count_articles() == 40
    for article in articles[:5]:
        back = store.get(article.id)
        assert back.content_equals(article) and back.revision == 1
        assert [r.revision for r in store.history(article.id)] == [1]
    with pytest.raises(ArticleExists):
        store.bulk_create(articles[:1])
    assert store.count_articles() == 40


def test_usable_from_a_worker_thread(store: Store, lavrov: Article) -> None:
    store.create(lavrov)
    results: list[object] = []

    def work() -> None:
        article = store.get(lavrov.id)
        article.body += "\n\nAjout depuis le fil de travail."
        results.append(store.save(article).revision)

    worker = threading.Thread(target=work)
    worker.start()
    worker.join()
    assert results == [2]


def test_a_committed_save_survives_a_crash(paths: Paths, lavrov: Article) -> None:
    store = Store.open(paths)
    store.create(lavrov)
    # No close(): the WAL is not checkpointed, as after a power cut.
    store._engine.dispose()
    reopened = Store.open(paths)
    try:
        assert reopened.get(lavrov.id).content_equals(lavrov)
    finally:
        reopened.close()


#: What French copy is made of, Markdown and typographic spaces included.
_ALPHABET = string.printable + "àâäçéèêëîïôöùûüÿœæÀÂÇÉÈÊËÎÏÔÖÙÛÜŸŒÆ’«»—…\u00a0\u202fï\x00"
_TEXT = st.text(_ALPHABET, max_size=80)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    title=_TEXT,
    body=st.text(_ALPHABET, max_size=400),
    tags=st.lists(_TEXT, max_size=5),
    extra=st.dictionaries(st.text(max_size=10).filter(str.isidentifier), _TEXT, max_size=3),
    offset_minutes=st.integers(-12 * 60, 14 * 60),
)
def test_any_article_round_trips_and_is_found(
    store: Store,
    title: str,
    body: str,
    tags: list[str],
    extra: dict[str, str],
    offset_minutes: int,
) -> None:
    zone = timezone(timedelta(minutes=offset_minutes))
    article = Article(
        title=title, body=body, tags=tags, extra=extra, date=datetime(2025, 3, 1, 12, tzinfo=zone)
    )
    stored = store.create(article)
    back = store.get(article.id)
    assert back.content_equals(article) and back.revision == 1
    assert store.save(back).revision == 1, "nothing changed, no new revision"
    assert article.id in {s.id for s in store.list_articles()}
    words = query_terms(title)
    if words:
        assert article.id in {h.article.id for h in store.search(" ".join(words), limit=10_000)}
    assert store.get_revision(article.id, 1).content_equals(stored)


def test_ids_starting_with(store: Store) -> None:
    ids = ["3f2a9c00-0000-4000-8000-000000000001", "3f2a9c00-0000-4000-8000-000000000002",
           "3f2b0000-0000-4000-8000-000000000003"]  # fmt: skip
    for article_id in ids:
        store.create(Article(id=article_id, title=article_id))
    assert store.ids_starting_with("3f2a") == ids[:2]
    assert store.ids_starting_with("3f2b") == ids[2:]
    assert store.ids_starting_with(ids[0]) == ids[:1]
    assert store.ids_starting_with("3f2", limit=5) == ids
    assert store.ids_starting_with("%") == [] and store.ids_starting_with("") == []
    store.delete(ids[2])
    assert store.ids_starting_with("3f2b") == []


def test_text_sqlite_cannot_hold_is_refused_and_nothing_lost(store: Store, lavrov: Article) -> None:
    stored = store.create(lavrov)
    stored.body = "Un émoji coupé : \ud83d fin."
    with pytest.raises(InvalidDocument):
        store.save(stored)
    assert store.get(lavrov.id).body == lavrov.body
    with pytest.raises(InvalidDocument):
        store.create(Article(title="\udc00"))
    assert store.count_articles() == 1


def test_the_trash_gives_articles_back(store: Store, lavrov: Article) -> None:
    store.create(lavrov)
    kept = store.create(Article(title="Reste"))
    store.delete(lavrov.id)
    assert [s.id for s in store.trash()] == [lavrov.id]
    with pytest.raises(ArticleExists):
        store.create(lavrov)  # the trash still holds that id
    back = store.undelete(lavrov.id)
    assert back.content_equals(lavrov) and back.revision == 1
    assert store.trash() == []
    assert {s.id for s in store.list_articles()} == {lavrov.id, kept.id}
    assert [h.article.id for h in store.search("lavrov")] == [lavrov.id]
    assert "diplomatie" in store.tags()
    with pytest.raises(ArticleNotFound):
        store.undelete(lavrov.id)
    with pytest.raises(ArticleNotFound):
        store.undelete(kept.id)


def test_thin_history_keeps_recent_first_latest_and_one_a_day(
    store: Store, lavrov: Article
) -> None:
    article = store.create(lavrov)
    for n in range(2, 10):
        article.body = f"Version {n}."
        article = store.save(article)
    other = store.create(Article(title="Intact"))
    # Saves 2-4 on 1 March, 5-7 on 2 March, 8-9 recent (times rewritten by hand:
    # the store stamps saves with the real clock).
    days = {2: "01", 3: "01", 4: "01", 5: "02", 6: "02", 7: "02"}
    with closing(sqlite3.connect(store.paths.database)) as raw:
        raw.execute(
            "UPDATE revisions SET saved_at = '2026-02-27 10:00:00.000000' WHERE revision = 1"
        )
        for revision, day in days.items():
            raw.execute(
                "UPDATE revisions SET saved_at = ? WHERE revision = ? AND article_pk ="
                " (SELECT pk FROM articles WHERE id = ?)",
                (f"2026-03-{day} 1{revision}:00:00.000000", revision, lavrov.id),
            )
        raw.commit()
    now = datetime(2026, 3, 10, tzinfo=UTC)
    removed = store.thin_history(older_than=timedelta(days=1), now=now)
    assert removed == 4  # 2, 3 (not the last of 1 March), 5, 6 (not the last of 2 March)
    assert [r.revision for r in store.history(lavrov.id)] == [9, 8, 7, 4, 1]
    assert [r.revision for r in store.history(other.id)] == [1]
    with pytest.raises(RevisionNotFound):
        store.get_revision(lavrov.id, 3)
    assert store.get_revision(lavrov.id, 4).body == "Version 4."
    article.body = "Version 10."
    assert store.save(article).revision == 10, "numbering carries on"
    assert store.thin_history(now=now) == 0


def test_a_locked_database_gives_a_store_error_and_loses_nothing(
    store: Store, lavrov: Article, monkeypatch: pytest.MonkeyPatch
) -> None:
    stored = store.create(lavrov)
    monkeypatch.setattr(schema, "BUSY_TIMEOUT_MS", 50)
    store._engine.dispose()  # new connections pick up the short timeout
    with closing(sqlite3.connect(store.paths.database, isolation_level=None)) as other:
        other.execute("BEGIN EXCLUSIVE")  # another program writing, for long
        stored.body = "Modifié pendant le verrou."
        with pytest.raises(StoreError) as caught:
            store.save(stored)
        assert caught.value.reason == "locked"  # newsdesk.storage.failures.LOCKED
        assert "locked" in caught.value.detail
        other.execute("ROLLBACK")
    assert store.get(lavrov.id).body == lavrov.body
    assert store.save(stored).revision == 2, "the same save succeeds once the lock is gone"


def test_a_data_folder_that_cannot_be_made(tmp_path: Path) -> None:
    blocker = tmp_path / "fichier"
    blocker.write_text("pas un dossier", encoding="utf-8")
    with pytest.raises(StoreError) as caught:
        Store.open(Paths(blocker / "newsdesk"))
    assert caught.value.reason == StoreError.UNREADABLE
