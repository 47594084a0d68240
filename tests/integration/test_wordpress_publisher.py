"""The WordPress publisher against a real WordPress (tests/wordpress/), as an Author.

What is proved here and nowhere else: the marker survives an Author's HTML filtering,
the chapeau and signature paragraphs keep their class, silent drops are caught, an
Author's rights on terms, uploads with their metadata gone, and a lost answer found.
"""

from __future__ import annotations

import io
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import httpx
import pytest
from PIL import Image

from newsdesk.core.article import Article
from newsdesk.core.errors import (
    AuthenticationFailed,
    PermissionDenied,
    PublishVerificationFailed,
    RemotePostNotFound,
    ServerError,
    SiteUnreachable,
)
from newsdesk.core.interchange import parse_document
from newsdesk.publishing import publishers
from newsdesk.publishing.base import PostPayload, SiteAccount
from newsdesk.publishing.mapping import article_to_payload, body_content, post_to_article
from newsdesk.publishing.media import prepare_image
from newsdesk.publishing.wordpress import WordPressPublisher, discover_api_root
from newsdesk.publishing.wordpress_auth import authorization_endpoint
from tests.faultproxy import Fault, FaultProxy, Mode
from tests.wordpress.harness import Account, WordPress

pytestmark = pytest.mark.wordpress


def connect(site: WordPress, account: Account, api_root: str | None = None) -> WordPressPublisher:
    root = api_root or site.api_root
    publisher = publishers.for_account(
        SiteAccount("test", root, account.username), account.app_password
    )
    assert isinstance(publisher, WordPressPublisher)
    return publisher


@pytest.fixture
def reporter(wp: WordPress) -> Iterator[WordPressPublisher]:
    with connect(wp, wp.reporter) as publisher:
        yield publisher


def payload(**changes: object) -> PostPayload:
    base = PostPayload(
        title="Niamey\u00a0: la saison des pluies",
        content_html="<p>Les premières pluies sont tombées sur Niamey.</p>\n",
        excerpt="Les pluies arrivent.",
        status="publish",
        slug="niamey-la-saison-des-pluies",
        date_gmt=None,
        category_ids=[],
        tag_ids=[],
        featured_media_id=None,
        marker=str(uuid.uuid4()),
    )
    for key, value in changes.items():
        setattr(base, key, value)
    return base


def lavrov(fixtures_dir: Path) -> Article:
    return parse_document((fixtures_dir / "lavrov" / "article.md").read_bytes())


# --- connecting -----------------------------------------------------------------------


def test_discovery_in_both_permalink_forms(wordpress: WordPress) -> None:
    wordpress.reset()
    with httpx.Client(timeout=10) as client:
        assert discover_api_root(wordpress.base_url, client) == wordpress.api_root
        wordpress.use_pretty_permalinks()
        root = discover_api_root(wordpress.base_url + "/", client)
    assert root == wordpress.api_root == f"{wordpress.base_url}/wp-json/"
    with connect(wordpress, wordpress.reporter, root) as publisher:
        assert publisher.verify().roles == ("author",)
    wordpress.reset()


def test_verify_tells_an_author_from_an_editor(wp: WordPress) -> None:
    with connect(wp, wp.reporter) as publisher:
        me = publisher.verify()
    assert (me.roles, me.can_publish, me.user_id) == (("author",), True, wp.reporter.user_id)
    with connect(wp, wp.editor) as publisher:
        assert publisher.verify().roles == ("editor",)


def test_a_wrong_password(wp: WordPress) -> None:
    account = SiteAccount("test", wp.api_root, wp.reporter.username)
    with WordPressPublisher(account, "aaaa bbbb cccc dddd eeee ffff") as publisher:
        with pytest.raises(AuthenticationFailed):
            publisher.verify()
        with pytest.raises(AuthenticationFailed):
            publisher.create_post(payload())


# --- posts ----------------------------------------------------------------------------


def test_the_marker_survives_an_authors_filtering(
    wp: WordPress, reporter: WordPressPublisher
) -> None:
    sent = payload(status="draft")
    post = reporter.create_post(sent)
    assert post.marker == sent.marker
    raw = wp.query(f"SELECT post_content FROM wp_posts WHERE ID = {post.remote_id}")[0][0]
    assert raw.startswith(f"<!-- newsdesk:{sent.marker} -->")
    # The desk renames the post and changes its slug on the site: still found.
    changed = httpx.post(
        wp.api_url(f"/wp/v2/posts/{post.remote_id}"),
        auth=wp.editor.auth,
        json={"title": "Pluies : Niamey sous l'eau", "slug": "niamey-sous-l-eau"},
        timeout=10,
    )
    assert changed.status_code == 200
    found = reporter.find_post_by_marker(sent.marker)
    assert found is not None and found.remote_id == post.remote_id
    assert found.title_html == "Pluies : Niamey sous l'eau"
    assert reporter.find_post_by_marker(str(uuid.uuid4())) is None


def test_in_block_content_the_marker_is_the_first_blocks_attribute(
    wp: WordPress, reporter: WordPressPublisher
) -> None:
    content = (
        '<!-- wp:paragraph {"align":"center"} -->\n<p class="has-text-align-center">'
        "Les pluies.</p>\n<!-- /wp:paragraph -->\n\n<!-- wp:separator -->\n"
        '<hr class="wp-block-separator has-alpha-channel-opacity"/>\n<!-- /wp:separator -->'
    )
    sent = payload(status="draft", content_html=content)
    post = reporter.create_post(sent)
    raw = wp.query(f"SELECT post_content FROM wp_posts WHERE ID = {post.remote_id}")[0][0]
    # The site's filtering parses and writes the blocks again: the attribute survives it.
    assert raw.startswith(f'<!-- wp:paragraph {{"align":"center","newsdesk":"{sent.marker}"}} -->')
    # (kses writes a void tag's end as " />": the only change it makes here.)
    assert post.marker == sent.marker and post.content_html.replace(" />", "/>") == content
    found = reporter.find_post_by_marker(sent.marker)
    assert found is not None and found.remote_id == post.remote_id


def test_a_published_article_comes_back_unchanged(
    wp: WordPress, reporter: WordPressPublisher, fixtures_dir: Path
) -> None:
    article = lavrov(fixtures_dir)
    default_category = reporter.list_terms("categories")[0]
    categories = reporter.ensure_terms("categories", [default_category[1]])
    assert categories == {default_category[1]: default_category[0]}
    sent = article_to_payload(
        article,
        body_content(article, None),
        category_ids=list(categories.values()),
        tag_ids=[],
        featured_media_id=None,
        status="publish",
        date=article.date,
    )
    post = reporter.create_post(sent)
    assert post.status == "publish" and post.date_gmt == article.date
    assert post.content_html == sent.content_html  # kses kept the classes and the text
    pulled = post_to_article(
        reporter.get_post(post.remote_id),
        category_names=dict(reporter.list_terms("categories")),
        tag_names={},
        language=article.language,
    )
    assert pulled.id == article.id
    assert (pulled.byline, pulled.source) == ("A.Y. Barma", "actuniger.com")
    again = article_to_payload(
        pulled,
        body_content(pulled, None),
        category_ids=list(categories.values()),
        tag_ids=[],
        featured_media_id=None,
        status="publish",
        date=pulled.date,
    )
    assert (again.title, again.content_html, again.excerpt) == (
        sent.title,
        sent.content_html,
        sent.excerpt,
    )
    before = wp.query(f"SELECT post_content FROM wp_posts WHERE ID = {post.remote_id}")
    reporter.update_post(post.remote_id, again)
    assert wp.query(f"SELECT post_content FROM wp_posts WHERE ID = {post.remote_id}") == before


def test_schedule_then_unpublish(reporter: WordPressPublisher) -> None:
    when = (datetime.now(UTC) + timedelta(days=2)).replace(microsecond=0)
    post = reporter.create_post(payload(status="future", date_gmt=when))
    assert (post.status, post.date_gmt) == ("future", when)
    assert reporter.set_status(post.remote_id, "draft").status == "draft"
    assert reporter.get_post(post.remote_id).status == "draft"


def test_unknown_ids_dropped_by_the_site_are_caught(reporter: WordPressPublisher) -> None:
    with pytest.raises(PublishVerificationFailed) as caught:
        reporter.create_post(payload(tag_ids=[9999], featured_media_id=8888))
    assert caught.value.missing == {"tags": [9999], "featured_media": 8888}


def test_a_post_deleted_on_the_site(wp: WordPress, reporter: WordPressPublisher) -> None:
    post = reporter.create_post(payload(status="draft"))
    gone = httpx.delete(
        wp.api_url(f"/wp/v2/posts/{post.remote_id}", {"force": "true"}),
        auth=wp.editor.auth,
        timeout=10,
    )
    assert gone.status_code == 200
    with pytest.raises(RemotePostNotFound):
        reporter.get_post(post.remote_id)


def test_a_lost_answer_is_found_not_duplicated(wp: WordPress, fault_proxy: FaultProxy) -> None:
    fault_proxy.add(Fault(Mode.DROP_AFTER, method="POST", path_contains="posts"))
    root = wp.api_root.replace(wp.base_url, fault_proxy.base_url, 1)
    sent = payload()
    with connect(wp, wp.reporter, root) as publisher:
        with pytest.raises(SiteUnreachable):
            publisher.create_post(sent)
        found = publisher.find_post_by_marker(sent.marker)
    assert found is not None
    rows = wp.query("SELECT ID FROM wp_posts WHERE post_type = 'post' AND post_status = 'publish'")
    assert [[str(found.remote_id)]] == rows


# --- terms ----------------------------------------------------------------------------


def test_terms_for_an_author_and_an_editor(wp: WordPress, reporter: WordPressPublisher) -> None:
    with connect(wp, wp.editor) as editor:
        created = editor.ensure_terms("tags", ["Sécurité & défense", "Mali"])
        # Asked again with other accents and case: the site's own term, not a twin.
        assert editor.ensure_terms("tags", ["securite & defense"]) == {
            "securite & defense": created["Sécurité & défense"]
        }
    assert reporter.ensure_terms("tags", ["mali", "Sécurité & défense"]) == {
        "mali": created["Mali"],
        "Sécurité & défense": created["Sécurité & défense"],
    }
    # Measured on WordPress 6.1: an Author may create tags, not categories.
    new_tag = reporter.ensure_terms("tags", ["Tillabéri"])["Tillabéri"]
    created["Tillabéri"] = new_tag
    with pytest.raises(PermissionDenied):
        reporter.ensure_terms("categories", ["Faits divers"])
    # The site's categories (made by the desk) are found whatever the accents typed.
    categories = dict(reporter.list_terms("categories"))
    economie = reporter.ensure_terms("categories", ["economie"])["economie"]
    assert categories[economie] == "Économie"
    names = dict(reporter.list_terms("tags"))
    assert names[created["Sécurité & défense"]] == "Sécurité & défense"
    post = reporter.create_post(payload(tag_ids=sorted(created.values())))
    assert sorted(post.tags) == sorted(created.values())


# --- media ----------------------------------------------------------------------------


def phone_photo() -> bytes:
    image = Image.new("RGB", (2000, 1500), (200, 180, 120))
    exif = Image.Exif()
    exif[0x0112] = 6
    exif.get_ifd(0x8825).update({1: "N", 2: (13.0, 30.0, 15.0)})
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif, quality=90)
    return out.getvalue()


def test_upload_once_then_reuse_as_featured_image(
    wp: WordPress, reporter: WordPressPublisher
) -> None:
    prepared = prepare_image(phone_photo())
    assert reporter.find_media_by_hash(prepared.sha256) is None
    media = reporter.upload_media(
        prepared.data,
        "IMG_20261127.jpg",
        prepared.mime,
        alt="Une rue inondée",
        caption="Niamey, quartier Kalley",
    )
    assert reporter.find_media_by_hash(prepared.sha256) == media
    on_site = httpx.get(media.url, timeout=10)
    assert on_site.status_code == 200 and on_site.content == prepared.data
    assert b"Exif" not in on_site.content and b"IMG_2026" not in on_site.content
    details = httpx.get(
        wp.api_url(f"/wp/v2/media/{media.remote_id}", {"context": "edit"}),
        auth=wp.reporter.auth,
        timeout=10,
    ).json()
    assert details["alt_text"] == "Une rue inondée"
    assert details["caption"]["raw"] == "Niamey, quartier Kalley"
    post = reporter.create_post(payload(featured_media_id=media.remote_id))
    assert post.featured_media == media.remote_id


def test_an_upload_cut_halfway_leaves_nothing_then_succeeds(
    wp: WordPress, fault_proxy: FaultProxy
) -> None:
    prepared = prepare_image(phone_photo())
    fault_proxy.add(Fault(Mode.CUT_UPLOAD, method="POST", path_contains="media"))
    root = wp.api_root.replace(wp.base_url, fault_proxy.base_url, 1)
    with connect(wp, wp.reporter, root) as publisher:
        with pytest.raises(SiteUnreachable):
            publisher.upload_media(prepared.data, "a.jpg", prepared.mime, alt="", caption="")
        assert publisher.find_media_by_hash(prepared.sha256) is None
        media = publisher.upload_media(prepared.data, "a.jpg", prepared.mime, alt="", caption="")
        assert publisher.find_media_by_hash(prepared.sha256) == media


@pytest.mark.parametrize("mode", [Mode.STATUS_500, Mode.STATUS_502, Mode.DROP_BEFORE])
def test_a_failing_site_is_retryable_and_creates_nothing(
    wp: WordPress, fault_proxy: FaultProxy, mode: Mode
) -> None:
    fault_proxy.add(Fault(mode, method="POST"))
    root = wp.api_root.replace(wp.base_url, fault_proxy.base_url, 1)
    sent = payload()
    with connect(wp, wp.reporter, root) as publisher:
        with pytest.raises((ServerError, SiteUnreachable)) as caught:
            publisher.create_post(sent)
        assert caught.value.retryable
        assert publisher.find_post_by_marker(sent.marker) is None
        assert publisher.create_post(sent).marker == sent.marker


def test_the_site_says_where_applications_are_authorized(wp: WordPress) -> None:
    with httpx.Client(timeout=10) as client:
        endpoint = authorization_endpoint(wp.api_root, client)
    assert endpoint == f"{wp.base_url}/wp-admin/authorize-application.php"


def test_scheduling_across_time_zones(wp: WordPress, reporter: WordPressPublisher) -> None:
    # The site keeps Tokyo time; the reporter writes in Niamey (UTC+1). Only GMT travels.
    wp.query(
        "UPDATE wp_options SET option_value = 'Asia/Tokyo' WHERE option_name = 'timezone_string'"
    )
    niamey = timezone(timedelta(hours=1))
    when = (datetime.now(niamey) + timedelta(days=3)).replace(
        hour=8, minute=30, second=0, microsecond=0
    )
    post = reporter.create_post(payload(status="future", date_gmt=when))
    assert post.status == "future" and post.date_gmt == when.astimezone(UTC)
    local = httpx.get(
        wp.api_url(f"/wp/v2/posts/{post.remote_id}", {"context": "edit"}),
        auth=wp.reporter.auth,
        timeout=10,
    ).json()["date"]
    tokyo = when.astimezone(timezone(timedelta(hours=9))).replace(tzinfo=None)
    assert local == tokyo.isoformat()
