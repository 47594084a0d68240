"""Corrections of posts written in Ghost's own editor, against the real Ghost 6.

The post is made through the Admin API as a Lexical document, as Ghost's editor saves
one: headings, paragraphs with bold, italics and a link, a bulleted and a numbered list,
a quote, an image card with its caption, an embed card (a YouTube iframe), an HTML card,
a bookmark card, a callout card and a divider. newsdesk pulls it (as « Ouvrir un article
du site… » does), then:

- pushes it back untouched, through the outbox and as a whole correction would be sent:
  Ghost's ``lexical`` and ``html`` are the same strings as before;
- changes one word: in Ghost's ``lexical`` that word is the one change, every card and
  every attribute as it was, and the ``html`` differs by that word only.

Nothing is normalised in the comparisons: Ghost renders ``html`` again from the
document on each save, and gives the same bytes for the same document.
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from typing import Any

import pytest
from PIL import Image

from newsdesk.core.article import Article
from newsdesk.credentials import SessionCredentialStore
from newsdesk.paths import Paths
from newsdesk.publishing.mapping import article_to_payload, body_content
from newsdesk.storage import outbox_repo as repo
from newsdesk.storage.store import Store
from newsdesk.sync import outbox, sites
from newsdesk.sync.snapshot import post_from_record
from newsdesk.sync.worker import OutboxWorker
from tests.ghost.harness import Ghost
from tests.integration.publish_helpers import Clock

SITE = "journal"


def _text(text: str, fmt: int = 0) -> dict[str, Any]:
    return {
        "detail": 0,
        "format": fmt,
        "mode": "normal",
        "style": "",
        "text": text,
        "type": "extended-text",
        "version": 1,
    }


def _element(kind: str, children: list[dict[str, Any]], **more: Any) -> dict[str, Any]:
    node = {
        "children": children,
        "direction": "ltr",
        "format": "",
        "indent": 0,
        "type": kind,
        "version": 1,
    }
    return {**node, **more}


def _list(kind: str, items: list[str]) -> dict[str, Any]:
    children = [_element("listitem", [_text(t)], value=i) for i, t in enumerate(items, 1)]
    tag = "ul" if kind == "bullet" else "ol"
    return _element("list", children, listType=kind, start=1, tag=tag)


def _document(image_url: str) -> str:
    link = _element(
        "link",
        [_text("l’Autorité du bassin")],
        rel=None,
        target=None,
        title=None,
        url="https://www.abn.ne/crue",
    )
    children = [
        _element("paragraph", [_text("Les pluies sont arrivées tôt à Niamey, dit un maraîcher.")]),
        _element("extended-heading", [_text("Un fleuve qui monte")], tag="h2"),
        _element(
            "paragraph",
            [
                _text("Le niveau est "),
                _text("très", 1),
                _text(" haut et "),
                _text("inquiétant", 2),
                _text(" selon "),
                link,
                _text("."),
            ],
        ),
        _list("bullet", ["Niamey", "Gaya"]),
        _list("number", ["premier relevé", "second relevé"]),
        _element("extended-quote", [_text("« Nous n’avons jamais vu cela », dit-il.")]),
        {
            "type": "image",
            "version": 1,
            "src": image_url,
            "width": 640,
            "height": 480,
            "title": "",
            "alt": "Le fleuve à Niamey",
            "caption": '<span style="white-space: pre-wrap;">Le fleuve, lundi.</span>',
            "cardWidth": "wide",
            "href": "",
        },
        {
            "type": "embed",
            "version": 1,
            "url": "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
            "embedType": "video",
            "html": '<iframe width="200" height="113" src="https://www.youtube.com/embed/'
            'dQw4w9WgXcQ?feature=oembed" frameborder="0" allowfullscreen></iframe>',
            "metadata": {"title": "La crue", "type": "video", "provider_name": "YouTube"},
            "caption": "La crue en images",
        },
        {"type": "html", "version": 1, "html": '<div class="encadre"><p>Un encadré.</p></div>'},
        {
            "type": "bookmark",
            "version": 1,
            "url": "https://www.abn.ne/rapport",
            "metadata": {
                "icon": "https://www.abn.ne/favicon.ico",
                "title": "Le rapport de l’ABN",
                "description": "Ce que dit le rapport sur la crue.",
                "author": "ABN",
                "publisher": "Autorité du bassin du Niger",
                "thumbnail": "https://www.abn.ne/rapport.jpg",
            },
            "caption": "À lire",
        },
        {
            "type": "callout",
            "version": 1,
            "calloutText": '<p><span style="white-space: pre-wrap;">Routes coupées vers Téra.'
            "</span></p>",
            "calloutEmoji": "⚠️",
            "backgroundColor": "yellow",
        },
        {"type": "horizontalrule", "version": 1},
        _element("paragraph", [_text("Le fleuve monte de dix centimètres par jour.")]),
    ]
    root = _element("root", children)
    del root["version"]
    root["version"] = 1
    return json.dumps({"root": root}, ensure_ascii=False)


def _jpeg() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (640, 480), (30, 90, 140)).save(out, "JPEG")
    return out.getvalue()


@pytest.fixture(scope="module")
def image_url(ghost_site: Ghost) -> str:
    with ghost_site.admin() as admin:
        answer = admin.post(
            "/images/upload/", files={"file": ("fleuve.jpg", _jpeg(), "image/jpeg")}
        )
    answer.raise_for_status()
    return str(answer.json()["images"][0]["url"])


class Desk:
    def __init__(self, store: Store, ghost: Ghost) -> None:
        self.store = store
        self.ghost = ghost
        self.credentials = SessionCredentialStore()
        self.site = sites.add_site(
            store, self.credentials, ghost.base_url, "Aïcha", ghost.admin_key, SITE
        )
        self.clock = Clock()

    def drain(self) -> Any:
        factory = sites.publisher_factory(self.credentials)
        return OutboxWorker(self.store, factory, self.clock).drain()

    def pull(self, reference: str) -> Article:
        publisher = sites.publisher_factory(self.credentials)(self.site.account)
        try:
            return sites.pull_post(self.store, publisher, SITE, reference)
        finally:
            publisher.close()


@pytest.fixture
def desk(ghost_site: Ghost, paths: Paths) -> Iterator[Desk]:
    store = Store.open(paths)
    try:
        yield Desk(store, ghost_site)
    finally:
        store.close()


def _create(ghost: Ghost, image_url: str, title: str) -> dict[str, Any]:
    body = {"title": title, "lexical": _document(image_url), "status": "published"}
    with ghost.admin() as admin:
        answer = admin.post("/posts/", params={"formats": "html,lexical"}, json={"posts": [body]})
    answer.raise_for_status()
    post: dict[str, Any] = answer.json()["posts"][0]
    return post


def _content(ghost: Ghost, ghost_id: str) -> tuple[str, str, str]:
    with ghost.admin() as admin:
        answer = admin.get(f"/posts/{ghost_id}/", params={"formats": "html,lexical"})
    answer.raise_for_status()
    post = answer.json()["posts"][0]
    return str(post["title"]), str(post["lexical"]), str(post["html"])


def _editor_link(ghost: Ghost, post: dict[str, Any]) -> str:
    return f"{ghost.base_url}/ghost/#/editor/post/{post['id']}"


def test_a_post_from_ghosts_editor_pushed_back_untouched_is_the_same(
    desk: Desk, image_url: str
) -> None:
    post = _create(desk.ghost, image_url, "Essai : la crue, intacte")
    before = _content(desk.ghost, post["id"])
    article = desk.pull(_editor_link(desk.ghost, post))

    # Through the outbox, as the reporter does it.
    outbox.queue_publish(desk.store, article.id, SITE, "publish")
    assert desk.drain().done == 1
    assert _content(desk.ghost, post["id"]) == before

    # The whole post written out and sent, as a correction is: the same again.
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
        publisher.update_post(record.remote_id, payload)
    finally:
        publisher.close()
    assert _content(desk.ghost, post["id"]) == before


@pytest.mark.parametrize(
    ("word", "replacement"),
    [("centimètres", "millimètres"), ("inquiétant", "alarmant"), ("Gaya", "Dosso")],
    ids=["paragraph", "italic-word", "list-item"],
)
def test_a_one_word_correction_changes_that_word_only(
    desk: Desk, image_url: str, word: str, replacement: str
) -> None:
    post = _create(desk.ghost, image_url, f"Essai : la crue, {word}")
    title, lexical, rendered = _content(desk.ghost, post["id"])
    assert lexical.count(word) == 1 and rendered.count(word) == 1
    article = desk.pull(str(post["url"]))
    assert article.body.count(word) == 1
    article.body = article.body.replace(word, replacement)
    desk.store.save(article)
    outbox.queue_publish(desk.store, article.id, SITE, "publish")
    assert desk.drain().done == 1

    new_title, new_lexical, new_rendered = _content(desk.ghost, post["id"])
    assert new_title == title
    # Every card and attribute as it was: the document differs by that word alone.
    assert json.loads(new_lexical) == json.loads(lexical.replace(word, replacement))
    assert new_rendered == rendered.replace(word, replacement)


def test_each_card_of_a_pulled_post_is_a_kept_block(desk: Desk, image_url: str) -> None:
    post = _create(desk.ghost, image_url, "Essai : la crue, ses cartes")
    article = desk.pull(str(post["url"]))
    body = article.body
    # Paragraphs and headings are text to edit; each card is one block of its own.
    assert "Le fleuve monte de dix centimètres par jour." in body
    assert "## Un fleuve qui monte" in body
    for card in (
        'class="kg-card kg-image-card',
        'class="kg-card kg-embed-card',
        "<!--kg-card-begin: html-->",
        'class="kg-card kg-bookmark-card',
        'class="kg-card kg-callout-card',
    ):
        assert body.count(card) == 1, card
    assert "\n\n<hr>\n\n" in body


def test_a_paragraph_added_and_a_heading_changed_leave_every_card(
    desk: Desk, image_url: str
) -> None:
    post = _create(desk.ghost, image_url, "Essai : la crue, un ajout")
    _title, lexical, _rendered = _content(desk.ghost, post["id"])
    article = desk.pull(str(post["url"]))
    article.body = article.body.replace("## Un fleuve qui monte", "## Un fleuve qui déborde")
    article.body += "\n\nDernière heure : la digue **tient** encore."
    desk.store.save(article)
    outbox.queue_publish(desk.store, article.id, SITE, "publish")
    assert desk.drain().done == 1

    _, new_lexical, new_rendered = _content(desk.ghost, post["id"])
    old = json.loads(lexical)["root"]["children"]
    new = json.loads(new_lexical)["root"]["children"]
    assert len(new) == len(old) + 1
    assert new[1]["children"][0]["text"] == "Un fleuve qui déborde"
    assert new[1] == {
        **old[1],
        "children": [{**old[1]["children"][0], "text": "Un fleuve qui déborde"}],
    }
    assert [n for i, n in enumerate(new[:-1]) if i != 1] == [n for i, n in enumerate(old) if i != 1]
    added = new[-1]
    assert added["type"] == "paragraph"
    assert [(c["text"], c["format"]) for c in added["children"]] == [
        ("Dernière heure\u00a0: la digue ", 0),
        ("tient", 1),
        (" encore.", 0),
    ]
    assert 'qui-d%C3%A9borde">Un fleuve qui déborde</h2>' in new_rendered  # Ghost's id
