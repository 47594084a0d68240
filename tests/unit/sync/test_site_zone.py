"""The site's own time zone: read from its REST index, kept with the site (migration 0005)."""

from __future__ import annotations

import json

import httpx
import pytest

from newsdesk.paths import Paths
from newsdesk.publishing.wordpress import site_zone
from newsdesk.storage import outbox_repo as repo
from newsdesk.storage import schema
from newsdesk.storage.store import Store

ROOT = "https://actu.example/wp-json/"


def client_answering(body: object, status: int = 200) -> httpx.Client:
    def answer(request: httpx.Request) -> httpx.Response:
        assert "authorization" not in request.headers  # the index is public
        return httpx.Response(status, content=json.dumps(body).encode())

    return httpx.Client(transport=httpx.MockTransport(answer))


@pytest.mark.parametrize(
    ("index", "expected"),
    [
        ({"timezone_string": "Africa/Niamey", "gmt_offset": 1}, ("Africa/Niamey", 1.0)),
        ({"timezone_string": "", "gmt_offset": "-2.5"}, ("", -2.5)),
        ({"timezone_string": "", "gmt_offset": 0}, ("", 0.0)),
        ({"timezone_string": "Europe/Paris"}, ("Europe/Paris", None)),
        ({"timezone_string": "", "gmt_offset": "n'importe quoi"}, None),
        ({"timezone_string": 12, "gmt_offset": 99}, None),
        ({"name": "Actu"}, None),
        (["not", "an", "index"], None),
    ],
)
def test_what_the_index_says(index: object, expected: object) -> None:
    with client_answering(index) as client:
        assert site_zone(client, ROOT) == expected


def test_an_index_that_cannot_be_read_says_nothing() -> None:
    with client_answering({"timezone_string": "Africa/Niamey"}, status=500) as client:
        assert site_zone(client, ROOT) is None

    def refuse(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("no network", request=request)

    with httpx.Client(transport=httpx.MockTransport(refuse)) as client:
        assert site_zone(client, ROOT) is None


def test_the_zone_is_kept_with_the_site(paths: Paths) -> None:
    with Store.open(paths) as store:
        _kept(store)


def _kept(store: Store) -> None:
    site = repo.insert_site(
        store, name="actu", kind="wordpress", site_url="https://actu.example", api_root=ROOT,
        username="aicha", user_id=2, display_name="Aïcha", roles=["author"], can_publish=True,
        timezone_string="Africa/Niamey", gmt_offset=1.0,
    )  # fmt: skip
    assert (site.timezone_string, site.gmt_offset) == ("Africa/Niamey", 1.0)
    repo.set_site_zone(store, "actu", "", 2.0)
    again = repo.get_site(store, "actu")
    assert (again.timezone_string, again.gmt_offset) == ("", 2.0)


def test_a_store_at_0004_gets_the_columns_and_keeps_its_sites(paths: Paths) -> None:
    engine = schema.make_engine(paths.database)
    try:
        schema.migrate(engine, "0004")
        with engine.begin() as connection:
            connection.exec_driver_sql(
                "INSERT INTO sites (name, kind, site_url, api_root, username, user_id,"
                " display_name, roles_json, can_publish, needs_password, added_at)"
                " VALUES ('actu', 'wordpress', 'https://actu.example', ?, 'aicha', 2,"
                " 'Aïcha', '[\"author\"]', 1, 0, '2024-01-01 08:00:00.000000')",
                (ROOT,),
            )
    finally:
        engine.dispose()
    store = Store.open(paths)
    try:
        [site] = repo.list_sites(store)
        assert (site.name, site.display_name) == ("actu", "Aïcha")
        assert (site.timezone_string, site.gmt_offset) == ("", None)  # not known yet
    finally:
        store.close()
