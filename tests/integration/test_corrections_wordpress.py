"""Corrections of posts newsdesk did not write, against the real WordPress.

Each post is made on the site the way its editor stores one (block markup or classic
content, through the REST API, by the reporter's Author account, so that the site's own
filtering applies), pulled into newsdesk, pushed back, and read again from the admin's
side: untouched, the title, content and excerpt are the bytes the site held (newsdesk's
marker aside); with one word changed, only the block holding it differs.

The corpus is ``tests/corpus/wordpress/`` (one file per construct, ``manifest.json``
naming each file's language and the word to change), plus a few cases written here.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest

from newsdesk.core.article import Language
from newsdesk.paths import Paths
from newsdesk.publishing.mapping import article_to_payload, body_content
from newsdesk.publishing.marker import strip_marker
from newsdesk.publishing.wp_content import layout
from newsdesk.storage import outbox_repo as repo
from newsdesk.storage.store import Store
from newsdesk.sync import outbox, sites
from newsdesk.sync.snapshot import post_from_record
from tests.integration.publish_helpers import SITE, Desk, admin_get, make_desk
from tests.wordpress.harness import WordPress

pytestmark = pytest.mark.wordpress

CORPUS = Path(__file__).resolve().parents[1] / "corpus" / "wordpress"


@dataclass(frozen=True)
class Case:
    name: str
    content: str
    language: str
    word: str
    replacement: str
    excerpt: str = ""


_WRITTEN_HERE = [
    Case(
        "blocks-with-own-excerpt",
        '<!-- wp:paragraph {"dropCap":true} -->\n<p class="has-drop-cap">Les pluies sont'
        " arrivées tôt à Niamey : « une bénédiction », dit un maraîcher.</p>\n"
        "<!-- /wp:paragraph -->\n\n"
        '<!-- wp:gallery {"linkTo":"none"} -->\n<figure class="wp-block-gallery has-nested-'
        'images columns-default is-cropped"></figure>\n<!-- /wp:gallery -->\n\n'
        "<!-- wp:paragraph -->\n<p>Le fleuve monte de dix centimètres par jour.</p>\n"
        "<!-- /wp:paragraph -->",
        "fr",
        "centimètres",
        "millimètres",
        excerpt="Le fleuve Niger monte plus tôt que prévu.",
    ),
    Case(
        "classic-with-shortcodes",
        "Premier paragraphe, écrit dans l'éditeur classique.\nAvec une ligne de plus.\n\n"
        '[gallery columns="1" ids="1,2"]\n\n'
        "<!--more-->\n\n"
        "Second paragraphe : la suite du texte.",
        "fr",
        "suite",
        "fin",
    ),
    Case(
        "english-post",
        '<!-- wp:paragraph -->\n<p>The minister said: "we will not back down", and left'
        " the room at 10:30.</p>\n<!-- /wp:paragraph -->\n\n"
        "<!-- wp:paragraph -->\n<p>Talks resume on Monday in Niamey.</p>\n"
        "<!-- /wp:paragraph -->",
        "en",
        "Monday",
        "Tuesday",
    ),
]


def _corpus() -> list[Case]:
    manifest_file = CORPUS / "manifest.json"
    if not manifest_file.exists():
        return []
    manifest: dict[str, Any] = json.loads(manifest_file.read_text(encoding="utf-8"))
    cases = []
    for name, entry in sorted(manifest.items()):
        path = CORPUS / name
        if not path.is_file():
            continue
        cases.append(
            Case(
                name,
                path.read_bytes().decode("utf-8"),  # CRLF kept: a browser sends it
                str(entry.get("language", "fr")),
                str(entry.get("word", "")),
                str(entry.get("replacement", "")),
            )
        )
    return cases


CASES = _WRITTEN_HERE + _corpus()


@pytest.fixture
def desk(wp: WordPress, paths: Paths) -> Iterator[Desk]:
    store = Store.open(paths)
    try:
        yield make_desk(wp, store)
    finally:
        store.close()


def _create_on_site(wp: WordPress, case: Case) -> int:
    """The post as the reporter's editor on the site would save it (Author: filtered)."""
    body = {
        "title": f"Essai : {case.name}",
        "content": case.content,
        "excerpt": case.excerpt,
        "status": "publish",
    }
    response = httpx.post(wp.api_url("/wp/v2/posts"), json=body, auth=wp.reporter.auth, timeout=30)
    response.raise_for_status()
    return int(response.json()["id"])


def _stored(wp: WordPress, post_id: int) -> tuple[str, str, str]:
    post = admin_get(wp, f"/wp/v2/posts/{post_id}")
    return (
        post["title"]["raw"],
        strip_marker(post["content"]["raw"]),
        post["excerpt"]["raw"],
    )


def _pull(desk: Desk, post_id: int) -> Any:
    publisher = sites.publisher_factory(desk.credentials)(desk.site.account)
    try:
        return sites.pull_post(desk.store, publisher, SITE, post_id)
    finally:
        publisher.close()


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_a_post_pushed_back_untouched_is_the_same_bytes(desk: Desk, case: Case) -> None:
    post_id = _create_on_site(desk.wp, case)
    before = _stored(desk.wp, post_id)
    article = _pull(desk, post_id)
    assert article.language.value == case.language

    # Through the outbox, as the reporter does it: nothing changes on the site.
    outbox.queue_publish(desk.store, article.id, SITE, "publish")
    desk.drain()
    assert _stored(desk.wp, post_id) == before

    # And the whole post written out and sent (what a correction sends), still the same.
    record = repo.get_remote_post(desk.store, article.id, SITE)
    assert record is not None
    base = post_from_record(record)
    payload = article_to_payload(
        article,
        body_content(article, base),
        category_ids=list(base.categories),
        tag_ids=list(base.tags),
        featured_media_id=base.featured_media or None,
        status="publish",
        date=base.date_gmt,
        base=base,
    )
    publisher = sites.publisher_factory(desk.credentials)(desk.site.account)
    try:
        publisher.update_post(post_id, payload)
    finally:
        publisher.close()
    assert _stored(desk.wp, post_id) == before


@pytest.mark.parametrize(
    "case", [c for c in CASES if c.word], ids=[c.name for c in CASES if c.word]
)
def test_a_one_word_correction_changes_that_block_only(desk: Desk, case: Case) -> None:
    post_id = _create_on_site(desk.wp, case)
    title, content, excerpt = _stored(desk.wp, post_id)
    article = _pull(desk, post_id)
    assert article.body.count(case.word) == 1, "the manifest's word must appear once"
    article.body = article.body.replace(case.word, case.replacement)
    desk.store.save(article)
    outbox.queue_publish(desk.store, article.id, SITE, "publish")
    report = desk.drain()
    assert report.done == 1, report

    new_title, new_content, new_excerpt = _stored(desk.wp, post_id)
    assert (new_title, new_excerpt) == (title, excerpt)
    language = Language(case.language)
    old_segments = [s.raw for s in layout(content, language).segments]
    new_segments = [s.raw for s in layout(new_content, language).segments]
    assert len(new_segments) == len(old_segments)
    changed = [i for i, (a, b) in enumerate(zip(old_segments, new_segments, strict=True)) if a != b]
    assert len(changed) == 1
    [index] = changed
    assert old_segments[index].replace(case.word, case.replacement) == new_segments[index]
    # Whatever lies between the blocks is the same too: the rest is byte for byte.
    assert new_content == content.replace(old_segments[index], new_segments[index], 1)


def test_english_posts_get_no_french_typography(desk: Desk) -> None:
    [case] = [c for c in _WRITTEN_HERE if c.name == "english-post"]
    post_id = _create_on_site(desk.wp, case)
    article = _pull(desk, post_id)
    assert article.language is Language.EN
    article.body = article.body.replace("left the room", "walked out")
    desk.store.save(article)
    outbox.queue_publish(desk.store, article.id, SITE, "publish")
    desk.drain()
    _title, content, _excerpt = _stored(desk.wp, post_id)
    assert 'said: "we will not back down", and walked out' in content
    assert "«" not in content and "\u00a0" not in content and "\u202f" not in content


def test_a_post_signed_by_the_site_is_pulled_with_its_author(desk: Desk) -> None:
    post_id = _create_on_site(desk.wp, _WRITTEN_HERE[0])
    article = _pull(desk, post_id)
    assert article.byline == "Aïssata Maïga"  # the reporter's display name on the site
    # Her own excerpt is the standfirst; the content does not get a chapeau on top.
    assert article.standfirst == "Le fleuve Niger monte plus tôt que prévu."


def test_newsdesk_writes_blocks_the_block_editor_takes_as_its_own(desk: Desk) -> None:
    article = desk.lavrov()
    article.body += (
        "\n\n- un\n- deux\n    - deux et demi\n\n1. premier\n2. second\n\n"
        "> « Une citation. »\n\n---\n\nhttps://www.youtube.com/watch?v=dQw4w9WgXcQ\n\n"
        "    code()\n\n| a | b |\n|---|---|\n| 1 | 2 |"
    )
    desk.store.save(article)
    outbox.queue_publish(desk.store, article.id, SITE, "publish")
    assert desk.drain().done == 1
    record = repo.get_remote_post(desk.store, article.id, SITE)
    assert record is not None
    post = admin_get(desk.wp, f"/wp/v2/posts/{record.remote_id}")
    assert post["content"]["block_version"] == 1
    found = admin_get(desk.wp, f"/newsdesk-test/v1/blocks/{record.remote_id}")
    assert found["has_blocks"] is True

    def walk(blocks: list[dict[str, Any]]) -> Iterator[dict[str, Any]]:
        for block in blocks:
            yield block
            yield from walk(block["inner"])

    everything = list(walk(found["blocks"]))
    names = {b["name"] for b in everything if b["name"]}
    assert {
        "core/paragraph",
        "core/heading",
        "core/list",
        "core/list-item",
        "core/quote",
        "core/separator",
        "core/embed",
        "core/code",
        "core/table",
    } <= names
    assert all(b["registered"] for b in everything if b["name"]), everything
    assert not [b for b in everything if b["freeform_text"]], "freeform (Classic) content"
