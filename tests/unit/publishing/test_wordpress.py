"""The WordPress client against an in-memory API (see fake_wordpress.py)."""

from __future__ import annotations

import base64
import hashlib
import json
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta, timezone

import httpx
import pytest

from newsdesk.core.errors import (
    AuthenticationFailed,
    InsecureTransport,
    InvalidServerResponse,
    PermissionDenied,
    PublishVerificationFailed,
    RemotePostNotFound,
    RequestRejected,
    ServerError,
    SiteUnreachable,
)
from newsdesk.publishing import publishers
from newsdesk.publishing.base import PostPayload, Publisher, SiteAccount
from newsdesk.publishing.wordpress import (
    WordPressPublisher,
    discover_api_root,
    endpoint_url,
    media_filename,
)

from .fake_wordpress import PASSWORD, FakeWordPress

ARTICLE = "3f2c7c1e-8b1a-4c55-9a61-0d7f2b9e4a10"


@pytest.fixture(params=[True, False], ids=["wp-json", "rest_route"])
def site(request: pytest.FixtureRequest) -> FakeWordPress:
    return FakeWordPress(pretty=request.param)


@pytest.fixture
def pub(site: FakeWordPress) -> Iterator[WordPressPublisher]:
    account = SiteAccount("actuniger", site.api_root, "reporter")
    publisher = publishers.for_account(account, PASSWORD, transport=site.transport())
    assert isinstance(publisher, WordPressPublisher)
    yield publisher
    publisher.close()


def payload(**changes: object) -> PostPayload:
    base = PostPayload(
        title="Mali : Sergueï Lavrov attendu à Bamako",
        content_html="<p>Le ministre des Affaires étrangères…</p>",
        excerpt="Le ministre russe effectue une visite.",
        status="publish",
        slug="mali-serguei-lavrov-attendu-a-bamako",
        date_gmt=None,
        category_ids=[5],
        tag_ids=[],
        featured_media_id=None,
        marker=ARTICLE,
    )
    for key, value in changes.items():
        setattr(base, key, value)
    return base


# --- URLs and discovery ---------------------------------------------------------------


def test_endpoint_url_in_both_forms() -> None:
    assert (
        endpoint_url("https://s.example/wp-json/", "/wp/v2/posts", {"context": "edit", "page": 2})
        == "https://s.example/wp-json/wp/v2/posts?context=edit&page=2"
    )
    url = httpx.URL(
        endpoint_url("http://127.0.0.1:8080/?rest_route=/", "/wp/v2/posts/12", {"context": "edit"})
    )
    assert url.params["rest_route"] == "/wp/v2/posts/12"
    assert url.params["context"] == "edit"
    assert str(url).count("?") == 1
    # A WordPress installed in a sub-folder keeps its folder.
    assert (
        endpoint_url("https://s.example/news/wp-json", "wp/v2/tags")
        == "https://s.example/news/wp-json/wp/v2/tags"
    )


def test_discovery_reads_the_link_header_or_falls_back_to_rest_route(site: FakeWordPress) -> None:
    with httpx.Client(transport=site.transport()) as client:
        root = discover_api_root("site.example", client)
    assert root == site.api_root
    # No credentials travel during discovery.
    assert all("authorization" not in r.headers for r in site.requests)


def test_discovery_of_something_that_is_not_wordpress() -> None:
    transport = httpx.MockTransport(lambda r: httpx.Response(200, text="<html>blog</html>"))
    with httpx.Client(transport=transport) as client, pytest.raises(InvalidServerResponse):
        discover_api_root("https://not-wp.example", client)


def test_discovery_when_offline() -> None:
    def refuse(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("Name or service not known", request=request)

    with (
        httpx.Client(transport=httpx.MockTransport(refuse)) as client,
        pytest.raises(SiteUnreachable),
    ):
        discover_api_root("https://site.example", client)


# --- credentials and identity ---------------------------------------------------------


def test_verify_says_who_and_what_the_account_may_do(
    pub: WordPressPublisher, site: FakeWordPress
) -> None:
    me = pub.verify()
    assert (me.user_id, me.display_name, me.roles, me.can_publish) == (
        7,
        "Aïcha M.",
        ("author",),
        True,
    )
    assert site.requests[-1].url.params["context"] == "edit"
    assert isinstance(pub, Publisher)


def test_a_contributor_may_only_submit(site: FakeWordPress) -> None:
    site.users["stagiaire"] = ("pw", "contributor")
    with WordPressPublisher(
        SiteAccount("s", site.api_root, "stagiaire"), "pw", transport=site.transport()
    ) as pub:
        assert pub.verify().can_publish is False


def test_wrong_password_is_authentication_failed_and_never_shows_the_password(
    site: FakeWordPress,
) -> None:
    account = SiteAccount("s", site.api_root, "reporter")
    with WordPressPublisher(account, "not-the-password", transport=site.transport()) as pub:
        with pytest.raises(AuthenticationFailed) as caught:
            pub.verify()
        with pytest.raises(AuthenticationFailed):
            pub.create_post(payload())
    shown = str(caught.value) + repr(caught.value) + repr(pub)
    assert "not-the-password" not in shown
    assert base64.b64encode(b"reporter:not-the-password").decode() not in shown


@pytest.mark.parametrize(
    "root",
    [
        "http://site.example/wp-json/",
        "http://10.0.0.5/wp-json/",
        "http://evil.localhost/wp-json/",
        "http://127.0.0.1.nip.io/wp-json/",
        "ftp://site.example/",
    ],
)
def test_credentials_never_go_over_plain_http_to_another_machine(root: str) -> None:
    with pytest.raises(InsecureTransport) as caught:
        publishers.for_account(SiteAccount("s", root, "reporter"), PASSWORD)
    assert PASSWORD not in str(caught.value)


@pytest.mark.parametrize(
    "root",
    [
        "http://127.0.0.1:8080/?rest_route=/",
        "http://localhost/wp-json/",
        "http://[::1]:81/wp-json/",
    ],
)
def test_plain_http_to_this_machine_is_allowed(root: str) -> None:
    publishers.for_account(SiteAccount("s", root, "reporter"), PASSWORD).close()


def test_unknown_kind_of_site() -> None:
    with pytest.raises(ValueError, match="joomla"):
        publishers.for_account(SiteAccount("s", "https://s.example/", "u", kind="joomla"), PASSWORD)


# --- posts ----------------------------------------------------------------------------


def test_create_sends_everything_and_hides_the_marker(
    pub: WordPressPublisher, site: FakeWordPress
) -> None:
    post = pub.create_post(
        payload(date_gmt=datetime(2023, 2, 6, 9, 30, tzinfo=timezone(timedelta(hours=1))))
    )
    sent = json.loads(site.requests[-1].content)
    assert sent["content"].startswith(f"<!-- newsdesk:{ARTICLE} -->\n<p>")
    assert sent["date_gmt"] == "2023-02-06T08:30:00"  # the reporter's zone, turned into GMT
    assert sent["featured_media"] == 0
    assert post.marker == ARTICLE
    assert post.content_html == "<p>Le ministre des Affaires étrangères…</p>"
    assert post.categories == [5]
    assert post.date_gmt == datetime(2023, 2, 6, 8, 30, tzinfo=UTC)
    assert post.modified_gmt is not None and post.modified_gmt.tzinfo is UTC
    assert pub.get_post(post.remote_id) == post


def test_a_future_date_schedules(pub: WordPressPublisher) -> None:
    soon = datetime.now(UTC) + timedelta(days=1)
    post = pub.create_post(payload(status="future", date_gmt=soon))
    assert post.status == "future"


def test_silently_dropped_tags_are_a_failure_not_a_success(
    pub: WordPressPublisher, site: FakeWordPress
) -> None:
    site.terms["tags"][40] = "Mali"
    with pytest.raises(PublishVerificationFailed) as caught:
        pub.create_post(payload(tag_ids=[40, 999]))
    assert caught.value.missing == {"tags": [999]}


def test_silently_dropped_featured_media_and_category(pub: WordPressPublisher) -> None:
    with pytest.raises(PublishVerificationFailed) as caught:
        pub.create_post(payload(featured_media_id=4242, category_ids=[5, 77]))
    assert caught.value.missing == {"featured_media": 4242, "categories": [77]}


def test_update_and_unpublish(pub: WordPressPublisher) -> None:
    post = pub.create_post(payload())
    fixed = pub.update_post(post.remote_id, payload(title="Mali : Lavrov à Bamako"))
    assert (fixed.remote_id, fixed.title_html, fixed.marker) == (
        post.remote_id,
        "Mali : Lavrov à Bamako",
        ARTICLE,
    )
    assert pub.set_status(post.remote_id, "draft").status == "draft"


def test_a_deleted_post_is_not_found(pub: WordPressPublisher) -> None:
    with pytest.raises(RemotePostNotFound):
        pub.get_post(4040)


def test_find_post_by_marker_after_a_lost_answer(
    pub: WordPressPublisher, site: FakeWordPress
) -> None:
    def lose_answer(request: httpx.Request) -> httpx.Response | None:
        if request.method == "POST" and "posts" in str(request.url):
            site.faults.clear()
            site.handle(request)  # the site does create the post...
            raise httpx.ReadTimeout("timed out", request=request)  # ...but we never hear it
        return None

    site.faults.append(lose_answer)
    with pytest.raises(SiteUnreachable):
        pub.create_post(payload(status="draft"))
    # An editor renamed it meanwhile: the marker still finds it.
    only = next(iter(site.posts.values()))
    only["title"], only["slug"] = "Autre titre", "autre"
    found = pub.find_post_by_marker(ARTICLE)
    assert found is not None and found.remote_id == only["id"]
    assert pub.find_post_by_marker("00000000-0000-4000-8000-000000000000") is None


def test_a_post_quoting_the_marker_in_its_text_is_not_mistaken(pub: WordPressPublisher) -> None:
    pub.create_post(
        payload(marker="11111111-2222-4333-8444-555555555555", content_html=f"<p>{ARTICLE}</p>")
    )
    assert pub.find_post_by_marker(ARTICLE) is None


def test_a_marker_must_be_an_article_id(pub: WordPressPublisher) -> None:
    with pytest.raises(ValueError):
        pub.create_post(payload(marker="x --><script>alert(1)</script>"))


# --- errors from the network and the site ---------------------------------------------


@pytest.mark.parametrize(
    ("answer", "error"),
    [
        (httpx.Response(500, text="Fatal error"), ServerError),
        (httpx.Response(502, text="Bad gateway"), ServerError),
        (httpx.Response(429), ServerError),
        (httpx.Response(200, text="<html>Wi-Fi login</html>"), InvalidServerResponse),
        (httpx.Response(200, json={"id": "not a number"}), InvalidServerResponse),
        (
            httpx.Response(301, headers={"Location": "https://www.site.example/"}),
            InvalidServerResponse,
        ),
        (
            httpx.Response(
                400,
                json={
                    "code": "rest_invalid_param",
                    "message": "<b>Paramètre</b> non valide : status",
                },
            ),
            RequestRejected,
        ),
        (
            httpx.Response(403, json={"code": "rest_cannot_publish", "message": "Désolé…"}),
            PermissionDenied,
        ),
    ],
)
def test_answers_become_typed_errors(
    pub: WordPressPublisher, site: FakeWordPress, answer: httpx.Response, error: type[Exception]
) -> None:
    site.faults.append(lambda request: answer)
    with pytest.raises(error) as caught:
        pub.create_post(payload())
    if isinstance(caught.value, RequestRejected):
        assert caught.value.code == "rest_invalid_param"
        assert caught.value.message == "Paramètre non valide : status"
        assert not caught.value.retryable
    if isinstance(caught.value, ServerError):
        assert caught.value.retryable and caught.value.status == answer.status_code


@pytest.mark.parametrize(
    "failure",
    [
        httpx.ConnectError("refused"),
        httpx.ConnectTimeout("slow"),
        httpx.ReadTimeout("slow"),
        httpx.RemoteProtocolError("peer closed"),
    ],
)
def test_network_trouble_is_site_unreachable_and_retryable(
    pub: WordPressPublisher, site: FakeWordPress, failure: httpx.TransportError
) -> None:
    def fail(request: httpx.Request) -> httpx.Response:
        raise failure

    site.faults.append(fail)
    with pytest.raises(SiteUnreachable) as caught:
        pub.get_post(1)
    assert caught.value.retryable
    assert PASSWORD not in str(caught.value)


def test_text_with_a_lone_surrogate_still_makes_valid_json(
    pub: WordPressPublisher, site: FakeWordPress
) -> None:
    post = pub.create_post(payload(title="Bamako \ud83d"))
    site.requests[-1].content.decode("utf-8")
    assert post.title_html == "Bamako ?"


# --- terms ----------------------------------------------------------------------------


def test_ensure_terms_finds_existing_ones_even_for_an_author(
    pub: WordPressPublisher, site: FakeWordPress
) -> None:
    site.terms["tags"].update({40: "Mali", 41: "Russie", 42: "Sécurité & défense"})
    assert pub.ensure_terms("tags", ["mali", "Russie", "Sécurité & défense", "Mali"]) == {
        "mali": 40,
        "Russie": 41,
        "Sécurité & défense": 42,
        "Mali": 40,
    }


def test_an_author_creates_tags_but_not_categories(
    pub: WordPressPublisher, site: FakeWordPress
) -> None:
    new = pub.ensure_terms("tags", ["Tillabéri"])["Tillabéri"]
    assert site.terms["tags"][new] == "Tillabéri"
    with pytest.raises(PermissionDenied):
        pub.ensure_terms("categories", ["Économie"])


def test_a_name_typed_without_accents_means_the_sites_term(
    pub: WordPressPublisher, site: FakeWordPress
) -> None:
    site.terms["tags"].update({50: "Sécurité", 51: "securite"})
    # The exact name first; folded only when nothing matches exactly.
    assert pub.ensure_terms("tags", ["securite", "SÉCURITÉ", "Sécurite"]) == {
        "securite": 51,
        "SÉCURITÉ": 50,
        "Sécurite": 50,
    }


def test_get_or_create_with_term_exists(site: FakeWordPress) -> None:
    site.users["moussa"] = ("pw2", "editor")
    site.terms["categories"][9] = "Société"
    with WordPressPublisher(
        SiteAccount("s", site.api_root, "moussa"), "pw2", transport=site.transport()
    ) as pub:
        ids = pub.ensure_terms("categories", ["Societe", "Économie"])
    assert ids["Societe"] == 9  # WordPress's collation says it exists: term_exists
    assert site.terms["categories"][ids["Économie"]] == "Économie"


def test_list_terms_pages_through_everything(pub: WordPressPublisher, site: FakeWordPress) -> None:
    site.terms["tags"] = {i: f"tag {i}" for i in range(1, 251)}
    terms = pub.list_terms("tags")
    assert len(terms) == 250 and terms[0] == (1, "tag 1") and terms[-1] == (250, "tag 250")
    assert sum("tags" in str(r.url) for r in site.requests) == 3


# --- media ----------------------------------------------------------------------------


def test_upload_is_a_raw_body_named_by_its_hash(
    pub: WordPressPublisher, site: FakeWordPress
) -> None:
    data = b"\xff\xd8\xff fake jpeg bytes"
    sha = hashlib.sha256(data).hexdigest()
    media = pub.upload_media(
        data,
        "IMG_20261127_Tillaberi.jpg",
        "image/jpeg",
        alt="Deux ministres",
        caption="Sergueï Lavrov et Abdoulaye Diop",
    )
    upload = next(r for r in site.requests if r.method == "POST" and r.content == data)
    assert upload.headers["content-disposition"] == f'attachment; filename="nd-{sha[:12]}.jpg"'
    assert upload.headers["content-type"] == "image/jpeg"
    assert b"Tillaberi" not in b"".join(r.content for r in site.requests)
    stored = site.media[media.remote_id]
    assert (stored["alt_text"], stored["caption"]) == (
        "Deux ministres",
        "Sergueï Lavrov et Abdoulaye Diop",
    )
    assert media.url.endswith(f"nd-{sha[:12]}.jpg")
    assert pub.find_media_by_hash(sha) == media
    assert pub.find_media_by_hash(hashlib.sha256(b"other").hexdigest()) is None


def test_find_media_by_hash_accepts_the_sites_renaming(
    pub: WordPressPublisher, site: FakeWordPress
) -> None:
    data = b"bytes"
    sha = hashlib.sha256(data).hexdigest()
    first = pub.upload_media(data, "a.png", "image/png", alt="", caption="")
    site.media[first.remote_id]["file"] = f"nd-{sha[:12]}-1.png"
    found = pub.find_media_by_hash(sha)
    assert found is not None and found.remote_id == first.remote_id


def test_media_filename_refuses_what_is_not_an_image() -> None:
    with pytest.raises(ValueError):
        media_filename("0" * 64, "application/pdf")
