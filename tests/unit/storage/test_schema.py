"""Opening stores: migrations from the first schema, refusals that leave files untouched."""

from __future__ import annotations

import json
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from newsdesk.core.article import Status
from newsdesk.core.errors import StoreError
from newsdesk.paths import Paths
from newsdesk.storage import article_sites, schema, site_profiles
from newsdesk.storage.models import Base
from newsdesk.storage.store import Store


def test_head_follows_the_migration_scripts() -> None:
    assert schema.script_head() == schema.HEAD
    # Revision ids follow the file names, one after the other, no branches.
    revisions = sorted(schema.known_revisions())
    assert revisions == [f"{n:04d}" for n in range(1, len(revisions) + 1)]
    files = sorted(p.name[:4] for p in (schema.MIGRATIONS / "versions").glob("[0-9]*.py"))
    assert files == revisions


def test_a_new_store_is_wal_with_foreign_keys(paths: Paths) -> None:
    store = Store.open(paths)
    try:
        with store._engine.connect() as connection:
            assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
            assert schema.current_revision(connection) == schema.HEAD
    finally:
        store.close()
    for folder in (paths.media, paths.backups):
        assert folder.is_dir()


def test_models_match_the_migrations(paths: Paths) -> None:
    Store.open(paths).close()
    engine = schema.make_engine(paths.database)
    try:
        with engine.connect() as connection:
            differences = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    finally:
        engine.dispose()

    def table_of(diff: object) -> str:
        item = diff[1] if isinstance(diff, tuple) else diff[0][1]  # type: ignore[index]
        table = getattr(item, "table", None)
        return str(table.name if table is not None else getattr(item, "name", item))

    # Every model matches its migration. Tables without a model (FTS5, Alembic's
    # own, those of other modules) are not this test's business.
    assert {
        article_sites.ArticleSiteRow.__tablename__,
        site_profiles.SiteProfileRow.__tablename__,
    } <= set(Base.metadata.tables)
    modelled = set(Base.metadata.tables)
    unexplained = [d for d in differences if table_of(d) in modelled]
    assert unexplained == []


def _store_at_first_migration(paths: Paths) -> None:
    engine = schema.make_engine(paths.database)
    try:
        schema.migrate(engine, "0001")
        with engine.begin() as connection:
            connection.exec_driver_sql(
                "INSERT INTO articles (pk, id, title, standfirst, body, category, language,"
                " status, tags_json, created_at, updated_at, revision, word_count,"
                " date_utc, date_offset_seconds, date_zone) VALUES (1, 'a1',"
                " 'Tillabéri sous les eaux', 'Les pluies', 'Sergueï n’y est pour rien.',"
                " 'Société', 'fr', 'ready', '[\"Niger\"]', '2024-01-01 08:00:00.000000',"
                " '2024-01-01 08:00:00.000000', 1, 9, '2024-01-01 08:00:00.000000', 3600,"
                " 'Africa/Niamey')"
            )
            connection.exec_driver_sql(
                "INSERT INTO tags (id, name, key) VALUES (1, 'Niger', 'niger')"
            )
            connection.exec_driver_sql(
                "INSERT INTO article_tags (article_pk, position, tag_id) VALUES (1, 0, 1)"
            )
            content = {
                "format": 1, "id": "a1", "title": "Tillabéri sous les eaux",
                "standfirst": "Les pluies", "body": "Sergueï n’y est pour rien.",
                "category": "Société", "tags": ["Niger"], "byline": "", "source": "",
                "dateline": "", "language": "fr", "slug": "", "status": "ready",
                "featured_image": None, "created_at": "2024-01-01 08:00:00.000000",
                "updated_at": "2024-01-01 08:00:00.000000", "revision": 1, "extra": {},
                "date": {"utc": "2024-01-01 08:00:00.000000", "offset": 3600,
                         "zone": "Africa/Niamey"},
            }  # fmt: skip
            connection.exec_driver_sql(
                "INSERT INTO revisions (article_pk, revision, saved_at, title, word_count,"
                " content) VALUES (1, 1, '2024-01-01 08:00:00.000000',"
                " 'Tillabéri sous les eaux', 9, ?)",
                (json.dumps(content),),
            )
    finally:
        engine.dispose()


def test_a_store_from_the_first_migration_is_upgraded_with_its_data(paths: Paths) -> None:
    _store_at_first_migration(paths)
    store = Store.open(paths)
    try:
        article = store.get("a1")
        assert article.title == "Tillabéri sous les eaux"
        assert article.status is Status.READY
        assert article.tags == ["Niger"]
        assert article.date is not None and article.date.hour == 9
        # The second migration indexed what was already there.
        (hit,) = store.search("tillaberi")
        assert hit.article.id == "a1"
        assert [h.article.id for h in store.search("serguei")] == ["a1"]
        article.body += " Ajout."
        assert store.save(article).revision == 2
        assert [r.revision for r in store.history("a1")] == [2, 1]
    finally:
        store.close()
    # The upgrade kept a copy of the store as it was.
    (before,) = paths.backups.glob("newsdesk-*-before-*.sqlite3")
    with closing(sqlite3.connect(before)) as copy:
        assert copy.execute("SELECT version_num FROM alembic_version").fetchone() == ("0001",)


def test_opening_a_current_store_does_not_load_alembic(paths: Paths) -> None:
    import subprocess
    import sys

    Store.open(paths).close()
    code = (
        "import sys; from newsdesk.paths import Paths; from newsdesk.storage.store import Store;"
        f"Store.open(Paths(__import__('pathlib').Path({str(paths.root)!r}))).close();"
        "print('alembic' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def _snapshot(path: Path) -> bytes:
    return path.read_bytes()


@pytest.mark.parametrize(
    "content",
    [
        b"Ceci n'est pas une base de donnees.\n" * 100,
        b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8,
        b"SQLite format 2\x00" + b"\x00" * 4000,
    ],
)
def test_a_file_that_is_not_a_database_is_refused_untouched(paths: Paths, content: bytes) -> None:
    paths.database.write_bytes(content)
    with pytest.raises(StoreError) as caught:
        Store.open(paths)
    assert caught.value.reason == StoreError.NOT_A_DATABASE
    assert str(paths.database) in str(caught.value)
    assert _snapshot(paths.database) == content
    assert sorted(p.name for p in paths.root.iterdir() if p.is_file()) == ["newsdesk.sqlite3"]


def test_a_damaged_database_is_refused_untouched(paths: Paths) -> None:
    Store.open(paths).close()
    data = bytearray(paths.database.read_bytes())
    data[100:4096] = b"\xff" * (4096 - 100)  # the schema page, past the header
    paths.database.write_bytes(bytes(data))
    with pytest.raises(StoreError) as caught:
        Store.open(paths)
    assert caught.value.reason == StoreError.NOT_A_DATABASE
    assert paths.database.read_bytes() == bytes(data)


def test_another_program_s_database_is_refused(paths: Paths) -> None:
    with closing(sqlite3.connect(paths.database)) as other:
        other.execute("CREATE TABLE contacts (name TEXT)")
        other.commit()
    before = paths.database.read_bytes()
    with pytest.raises(StoreError) as caught:
        Store.open(paths)
    assert caught.value.reason == StoreError.NOT_A_DATABASE
    assert paths.database.read_bytes() == before


def test_a_store_from_a_newer_newsdesk_is_refused_untouched(paths: Paths) -> None:
    Store.open(paths).close()
    with closing(sqlite3.connect(paths.database)) as raw:
        raw.execute("UPDATE alembic_version SET version_num = '0099'")
        raw.commit()
    before = paths.database.read_bytes()
    with pytest.raises(StoreError) as caught:
        Store.open(paths)
    assert caught.value.reason == StoreError.TOO_NEW
    assert "0099" in str(caught.value)
    assert paths.database.read_bytes() == before
