"""The snapshot of a post at its last sync: what counts as someone changing it on the site,
and what counts as our own write whose answer was lost."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

from newsdesk.publishing.base import PostPayload, RemotePost
from newsdesk.publishing.marker import embed_marker
from newsdesk.sync.snapshot import (
    changed_on_site,
    matches_payload,
    post_from_record,
    post_hash,
    record_from_post,
)

ARTICLE = "3f2c7c1e-8b1a-4c55-9a61-0d7f2b9e4a10"
DATE = datetime(2023, 2, 6, 9, 30, tzinfo=UTC)
MODIFIED = datetime(2023, 2, 6, 9, 31, tzinfo=UTC)


def _post(**changes: object) -> RemotePost:
    post = RemotePost(
        remote_id=61,
        status="publish",
        link="https://actuniger.com/?p=61",
        slug="mali-lavrov",
        title_html="Mali : Lavrov attendu à Bamako",
        content_html="<p>Le ministre effectue une visite.</p>",
        excerpt_html="Une visite de travail.",
        date_gmt=DATE,
        modified_gmt=MODIFIED,
        categories=[3],
        tags=[21, 20],
        featured_media=9,
        marker=ARTICLE,
    )
    return replace(post, **changes)  # type: ignore[arg-type]


def _payload(**changes: object) -> PostPayload:
    payload = PostPayload(
        title="Mali : Lavrov attendu à Bamako",
        content_html="<p>Le ministre effectue une visite.</p>",
        excerpt="Une visite de travail.",
        status="publish",
        slug="mali-lavrov",
        date_gmt=None,
        category_ids=[3],
        tag_ids=[20, 21],
        featured_media_id=9,
        marker=ARTICLE,
    )
    return replace(payload, **changes)  # type: ignore[arg-type]


def test_the_hash_covers_what_people_see_and_edit() -> None:
    base = post_hash(_post())
    for change in (
        {"title_html": "Mali : Lavrov à Bamako"},
        {"content_html": "<p>Le ministre effectue une visite officielle.</p>"},
        {"excerpt_html": "Une visite."},
        {"categories": [4]},
        {"tags": [20]},
        {"featured_media": 0},
    ):
        assert post_hash(_post(**change)) != base, change


def test_the_hash_ignores_what_is_not_an_edit() -> None:
    base = post_hash(_post())
    # Term order, the marker hidden in the content, the status, dates and link.
    assert post_hash(_post(tags=[20, 21], categories=[3])) == base
    marked = embed_marker("<p>Le ministre effectue une visite.</p>", ARTICLE)
    assert marked != _post().content_html
    assert post_hash(_post(content_html=marked)) == base
    assert post_hash(_post(status="draft", modified_gmt=DATE, link="https://x/")) == base


def test_a_record_is_the_post_as_synced_and_gives_it_back() -> None:
    post = _post(content_html=embed_marker("<p>Le ministre effectue une visite.</p>", ARTICLE))

    record = record_from_post(ARTICLE, "actu", post, revision=4)

    assert (record.article_id, record.site, record.remote_id) == (ARTICLE, "actu", 61)
    assert (record.remote_status, record.synced_revision, record.link) == ("publish", 4, post.link)
    assert record.synced_content == "<p>Le ministre effectue une visite.</p>"  # no marker
    assert record.synced_terms == {"categories": [3], "tags": [20, 21]}
    assert (record.synced_date_gmt, record.synced_modified_gmt) == (DATE, MODIFIED)
    assert record.synced_featured_media == 9
    assert record.synced_at is not None

    back = post_from_record(record)

    assert back == _post(tags=[20, 21])
    assert not changed_on_site(record, post)
    assert not changed_on_site(record, back)


def test_an_edit_on_the_site_is_seen_even_within_the_same_second() -> None:
    record = record_from_post(ARTICLE, "actu", _post(), revision=4)
    typo_fixed = _post(content_html="<p>Le ministre effectue une visite.</p>\n<p>Ajout.</p>")
    assert typo_fixed.modified_gmt == record.synced_modified_gmt
    assert changed_on_site(record, typo_fixed)
    assert changed_on_site(record, _post(tags=[20]))


def test_our_own_write_is_recognised_through_the_sites_filtering() -> None:
    # What WordPress's filters do to what it receives: entities, self-closing tags,
    # whitespace; the marker is ours.
    filtered = _post(
        title_html="Mali : Lavrov attendu &agrave; Bamako",
        content_html=embed_marker("<p>Le ministre\n  effectue une visite.</p>", ARTICLE),
        excerpt_html="Une visite de travail. ",
    )
    assert matches_payload(filtered, _payload())
    assert matches_payload(
        _post(content_html="<p>a<br /></p>"), _payload(content_html="<p>a<br></p>")
    )


def test_a_post_that_is_not_our_write_does_not_match() -> None:
    assert not matches_payload(_post(tags=[20]), _payload())
    assert not matches_payload(_post(featured_media=0), _payload())
    assert not matches_payload(_post(title_html="Autre titre"), _payload())
    assert not matches_payload(_post(categories=[4]), _payload())
    # No category asked for: WordPress files the post under its default one.
    assert matches_payload(_post(categories=[1]), _payload(category_ids=[]))
    # No featured image is 0 on the site.
    assert matches_payload(_post(featured_media=0), _payload(featured_media_id=None))
