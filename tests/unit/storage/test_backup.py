"""Backups: consistent copies made with SQLite's backup API, ten kept."""

from __future__ import annotations

import sqlite3
from contextlib import closing

import pytest

from benchmarks.corpus import make_articles
from newsdesk.core.errors import StoreError
from newsdesk.paths import Paths
from newsdesk.storage import backup as backup_module
from newsdesk.storage.store import Store


def test_a_backup_is_a_complete_store(store: Store, paths: Paths) -> None:
    articles = make_articles(12, 60, seed=4)
    store.bulk_create(articles)
    backup = store.backup()
    assert backup.parent == paths.backups
    with closing(sqlite3.connect(backup)) as copy:
        assert copy.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert copy.execute("SELECT count(*) FROM articles").fetchone() == (12,)
    # A backup opens as a store of its own, search included.
    other = Paths(paths.root.parent / "restored").ensure()
    other.database.write_bytes(backup.read_bytes())
    restored = Store.open(other)
    try:
        assert restored.count_articles() == 12
        assert restored.get(articles[3].id).content_equals(articles[3])
        assert restored.search(articles[3].title)[0].article.id == articles[3].id
    finally:
        restored.close()


def test_only_the_ten_newest_backups_are_kept(store: Store, paths: Paths) -> None:
    made = [store.backup() for _ in range(13)]
    kept = sorted(paths.backups.glob("newsdesk-*.sqlite3"))
    assert len(kept) == backup_module.BACKUPS_KEPT == 10
    assert kept == sorted(made)[-10:]
    assert not list(paths.backups.glob("*.partial"))


def test_a_failed_backup_leaves_no_partial_file(
    store: Store, paths: Paths, monkeypatch: pytest.MonkeyPatch
) -> None:
    store.backup()

    def disk_full(*_args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(backup_module.os, "replace", disk_full)
    with pytest.raises(StoreError) as caught:
        store.backup()
    assert "No space left" in caught.value.detail
    assert len(list(paths.backups.iterdir())) == 1, "no .partial left behind"


def test_a_backups_folder_that_cannot_be_made(store: Store, paths: Paths) -> None:
    paths.backups.rmdir()
    paths.backups.write_text("un fichier à la place du dossier", encoding="utf-8")
    with pytest.raises(StoreError):
        store.backup()
