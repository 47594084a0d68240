"""Store.set_site_state: the site's status and date on the article, without a revision,
and a later save of an older copy in memory does not undo it."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime

import pytest

from newsdesk.core.article import Article, Status
from newsdesk.core.errors import ArticleNotFound, StaleRevision
from newsdesk.storage.store import Store

LIVE = datetime(2026, 12, 1, 8, 15, 2, tzinfo=UTC)


def test_status_and_date_change_without_a_revision(store: Store, lavrov: Article) -> None:
    stored = store.create(lavrov)
    store.set_site_state(stored.id, Status.PUBLISHED, LIVE)

    article = store.get(stored.id)
    assert article.status is Status.PUBLISHED
    assert article.date == LIVE
    assert article.revision == stored.revision  # no new revision number
    assert [r.revision for r in store.history(stored.id)] == [stored.revision]
    assert article.body == stored.body and article.title == stored.title
    assert [s.status for s in store.list_articles() if s.id == stored.id] == [Status.PUBLISHED]


def test_without_a_date_only_the_status_changes(store: Store, lavrov: Article) -> None:
    stored = store.create(lavrov)
    store.set_site_state(stored.id, Status.PENDING)
    article = store.get(stored.id)
    assert article.status is Status.PENDING and article.date == stored.date


def test_the_windows_copy_saves_without_being_stale_and_keeps_the_sites_status(
    store: Store, lavrov: Article
) -> None:
    in_memory = store.create(lavrov)  # what the window holds, status « Prêt »
    store.set_site_state(in_memory.id, Status.PUBLISHED, LIVE)

    # Autosave of the copy as it was loaded: accepted, and no silent revert.
    unchanged = store.save(dataclasses.replace(in_memory))
    assert unchanged.status is Status.PUBLISHED and unchanged.date == LIVE
    assert unchanged.revision == in_memory.revision  # nothing new to keep

    # The reporter then types: a new revision, still published, at the site's date.
    edited = dataclasses.replace(in_memory, body=in_memory.body + "\nUne phrase de plus.")
    saved = store.save(edited)
    assert saved.revision == in_memory.revision + 1
    assert saved.status is Status.PUBLISHED and saved.date == LIVE
    assert store.get_revision(saved.id, saved.revision).status is Status.PUBLISHED
    assert "Une phrase de plus." in store.get(saved.id).body


def test_a_status_the_reporter_changed_in_the_copy_wins(store: Store, lavrov: Article) -> None:
    in_memory = store.create(lavrov)
    store.set_site_state(in_memory.id, Status.PUBLISHED, LIVE)
    saved = store.save(dataclasses.replace(in_memory, status=Status.DRAFT))
    assert saved.status is Status.DRAFT
    assert saved.date == LIVE  # the date was not touched in the copy: the site's stays


def test_saves_still_refuse_a_stale_copy(store: Store, lavrov: Article) -> None:
    first = store.create(lavrov)
    store.save(dataclasses.replace(first, title="Autre titre"))
    store.set_site_state(first.id, Status.PUBLISHED, LIVE)
    with pytest.raises(StaleRevision):
        store.save(dataclasses.replace(first, body="ancien"))


def test_a_deleted_article_or_a_naive_date_is_refused(store: Store, lavrov: Article) -> None:
    stored = store.create(lavrov)
    with pytest.raises(ValueError):
        store.set_site_state(stored.id, Status.PUBLISHED, datetime(2026, 12, 1, 8, 0))
    assert store.get(stored.id).status is stored.status
    store.delete(stored.id)
    with pytest.raises(ArticleNotFound):
        store.set_site_state(stored.id, Status.PUBLISHED, LIVE)
