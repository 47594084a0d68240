"""Connecting sites, keeping their password in the keyring only, and pulling posts."""

from __future__ import annotations

import httpx
import pytest

from newsdesk.core.errors import (
    InsecureTransport,
    InvalidPostReference,
    SiteExists,
    SiteNotFound,
)
from newsdesk.storage import outbox_repo as repo
from newsdesk.sync import outbox, sites
from tests.unit.sync.conftest import PASSWORD, Desk


def test_the_password_is_in_the_keyring_and_nowhere_in_the_database(desk: Desk) -> None:
    assert desk.keyring.entries == {("newsdesk", "reporter@actu"): PASSWORD}
    assert PASSWORD.encode() not in desk.store.paths.database.read_bytes()
    assert desk.site.display_name == "Aïcha M."
    assert desk.site.can_publish
    assert desk.site.api_root == "https://site.example/wp-json/"


def test_a_second_site_with_the_same_name_is_refused_before_asking_the_site(desk: Desk) -> None:
    sent = len(desk.wp.requests)
    with pytest.raises(SiteExists):
        sites.add_site(desk.store, desk.credentials, desk.wp.base, "reporter", PASSWORD, "actu")
    assert len(desk.wp.requests) == sent


@pytest.mark.parametrize("url", ["http://site.example", "http://192.168.1.20/"])
def test_credentials_never_go_over_plain_http_to_another_machine(desk: Desk, url: str) -> None:
    with pytest.raises(InsecureTransport):
        sites.add_site(desk.store, desk.credentials, url, "reporter", PASSWORD, "autre")
    assert [s.name for s in sites.list_sites(desk.store)] == ["actu"]


def test_removing_a_site_forgets_its_password_and_queue_not_the_articles(desk: Desk) -> None:
    article = desk.article()
    outbox.queue_publish(desk.store, article.id, "actu")
    sites.remove_site(desk.store, desk.credentials, "actu")
    assert desk.keyring.entries == {}
    assert outbox.entries(desk.store) == []
    assert desk.store.get(article.id).title == article.title
    with pytest.raises(SiteNotFound):
        sites.remove_site(desk.store, desk.credentials, "actu")


def test_default_names_come_from_the_address() -> None:
    assert sites.site_name_for("https://www.actuniger.com/") == "actuniger.com"
    assert sites.site_name_for("http://127.0.0.1:8080/") == "127.0.0.1-8080"


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("123", 123),
        ("https://site.example/?p=42", 42),
        ("https://site.example/wp-admin/post.php?post=7&action=edit", 7),
        ("https://site.example/2026/11/27/un-titre/", None),
    ],
)
def test_post_references(text: str, number: int | None) -> None:
    assert sites.parse_post_reference(text) == number


def test_a_reference_that_is_not_one_is_refused() -> None:
    with pytest.raises(InvalidPostReference):
        sites.parse_post_reference("mon article")


def test_a_pretty_link_is_read_through_its_shortlink(desk: Desk) -> None:
    def page(request: httpx.Request) -> httpx.Response:
        return httpx.Response(
            200, headers={"Link": "<https://site.example/?p=314>; rel=shortlink"}, text="<html/>"
        )

    client = lambda: httpx.Client(transport=httpx.MockTransport(page))  # noqa: E731
    assert (
        sites.resolve_post_id("https://site.example/2026/11/27/un-titre/", client_factory=client)
        == 314
    )


def test_a_pulled_post_pushed_back_untouched_sends_nothing(desk: Desk) -> None:
    desk.wp.posts[500] = {
        "id": 500, "status": "publish", "slug": "niamey-pavage",
        "title": "Niamey : les rues pavées",
        "content": '<p class="chapeau"><strong>Six mois de travaux.</strong></p>\n'
        "<p>Le maire a lancé les travaux.</p>\n"
        '<p class="signature">I. Souley (actuniger.com)</p>\n',
        "excerpt": "Six mois de travaux.", "categories": [5], "tags": [20],
        "featured_media": 0, "date_gmt": "2026-11-20T08:00:00",
        "modified_gmt": "2026-11-20T08:00:00",
    }  # fmt: skip
    publisher = desk.publisher(desk.site.account, PASSWORD)
    article = sites.pull_post(desk.store, publisher, "actu", "https://site.example/?p=500")
    assert (article.title, article.category, article.tags) == (
        "Niamey : les rues pavées",
        "Politique",
        ["Mali"],
    )
    assert article.byline == "I. Souley" and article.source == "actuniger.com"
    before = dict(desk.wp.posts[500])
    writes = [r for r in desk.wp.requests if r.method == "POST"]
    outbox.queue_publish(desk.store, article.id, "actu")
    [result] = desk.worker().drain().results
    assert result.state == repo.DONE
    assert desk.wp.posts[500] == before
    assert [r for r in desk.wp.requests if r.method == "POST"] == writes

    # Corrected, it goes back as an update of the same post, marked as ours from now on.
    article.body += "\n\nLes travaux commencent lundi.\n"
    article = desk.store.save(article)
    outbox.queue_publish(desk.store, article.id, "actu")
    assert [r.state for r in desk.worker().drain().results] == [repo.DONE]
    assert len(desk.wp.posts) == 1
    assert "commencent lundi" in desk.wp.posts[500]["content"]
    assert f"newsdesk:{article.id}" in desk.wp.posts[500]["content"]
