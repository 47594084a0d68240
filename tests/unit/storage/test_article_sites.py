"""The site chosen for each article (migration 0004): kept, changed, forgotten with the site."""

from __future__ import annotations

import sqlite3
from contextlib import closing

import pytest

from newsdesk.core.article import Article
from newsdesk.core.errors import SiteNotFound
from newsdesk.paths import Paths
from newsdesk.storage import article_sites, schema
from newsdesk.storage import outbox_repo as repo
from newsdesk.storage.store import Store


def add_site(store: Store, name: str) -> None:
    repo.insert_site(
        store,
        name=name,
        kind="wordpress",
        site_url=f"https://{name}.example",
        api_root=f"https://{name}.example/wp-json/",
        username="aicha",
        user_id=2,
        display_name="Aïcha",
        roles=["author"],
        can_publish=True,
    )


def test_a_choice_is_kept_changed_and_forgotten(store: Store) -> None:
    add_site(store, "actu")
    add_site(store, "partenaire")
    article = store.create(Article(title="Tillabéri sous les eaux"))
    assert article_sites.chosen_site(store, article.id) is None
    assert article_sites.choose_site(store, article.id, "partenaire") == "partenaire"
    assert article_sites.chosen_site(store, article.id) == "partenaire"
    article_sites.choose_site(store, article.id, "actu")
    assert article_sites.all_choices(store) == {article.id: "actu"}
    article_sites.forget_choice(store, article.id)
    assert article_sites.chosen_site(store, article.id) is None


def test_only_a_connected_site_can_be_chosen(store: Store) -> None:
    article = store.create(Article(title="a"))
    with pytest.raises(SiteNotFound):
        article_sites.choose_site(store, article.id, "inconnu")
    assert article_sites.all_choices(store) == {}


def test_forgetting_a_site_forgets_the_choices_of_it(store: Store) -> None:
    add_site(store, "actu")
    add_site(store, "partenaire")
    one, two = store.create(Article(title="un")), store.create(Article(title="deux"))
    article_sites.choose_site(store, one.id, "actu")
    article_sites.choose_site(store, two.id, "partenaire")
    repo.delete_site(store, "partenaire")
    assert article_sites.all_choices(store) == {one.id: "actu"}


def test_an_article_in_the_trash_keeps_its_choice(store: Store) -> None:
    add_site(store, "actu")
    article = store.create(Article(title="un"))
    article_sites.choose_site(store, article.id, "actu")
    store.delete(article.id)
    store.undelete(article.id)
    assert article_sites.chosen_site(store, article.id) == "actu"


def test_a_store_at_0003_with_sites_and_an_outbox_is_upgraded_with_its_data(
    paths: Paths,
) -> None:
    engine = schema.make_engine(paths.database)
    try:
        schema.migrate(engine, "0003")
        with engine.begin() as connection:
            connection.exec_driver_sql(
                "INSERT INTO articles (pk, id, title, standfirst, body, category, language,"
                " status, tags_json, created_at, updated_at, revision, word_count)"
                " VALUES (1, 'a1', 'Tillabéri sous les eaux', '', 'Les pluies.', 'Société',"
                " 'fr', 'ready', '[]', '2024-01-01 08:00:00.000000',"
                " '2024-01-01 08:00:00.000000', 1, 2)"
            )
            connection.exec_driver_sql(
                "INSERT INTO sites (name, kind, site_url, api_root, username, user_id,"
                " display_name, roles_json, can_publish, needs_password, added_at)"
                " VALUES ('actu', 'wordpress', 'https://actu.example',"
                " 'https://actu.example/wp-json/', 'aicha', 2, 'Aïcha', '[\"author\"]', 1, 0,"
                " '2024-01-01 08:00:00.000000')"
            )
            connection.exec_driver_sql(
                "INSERT INTO outbox (article_id, site, action, target_status,"
                " article_revision, state, created_at, updated_at) VALUES ('a1', 'actu',"
                " 'publish', 'publish', 1, 'queued', '2024-01-01 08:00:00.000000',"
                " '2024-01-01 08:00:00.000000')"
            )
    finally:
        engine.dispose()

    store = Store.open(paths)
    try:
        assert store.get("a1").title == "Tillabéri sous les eaux"
        assert [s.name for s in repo.list_sites(store)] == ["actu"]
        [entry] = repo.list_entries(store, article_id="a1")
        assert entry.state == repo.QUEUED and entry.site == "actu"
        # No choice was made before 0004: none is invented.
        assert article_sites.chosen_site(store, "a1") is None
        article_sites.choose_site(store, "a1", "actu")
        assert article_sites.chosen_site(store, "a1") == "actu"
    finally:
        store.close()
    (before,) = paths.backups.glob("newsdesk-*-before-*.sqlite3")
    with closing(sqlite3.connect(before)) as copy:
        assert copy.execute("SELECT version_num FROM alembic_version").fetchone() == ("0003",)
