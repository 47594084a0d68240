"""Edits made on Ghost's Lexical document (newsdesk/publishing/ghost/lexical.py), no
server: what is kept, what is patched, and when HTML must go instead."""

from __future__ import annotations

import json

from newsdesk.publishing.ghost.content import blocks, from_ghost
from newsdesk.publishing.ghost.lexical import merged, to_node


def _text(text: str, fmt: int = 0) -> dict[str, object]:
    return {"detail": 0, "format": fmt, "mode": "normal", "style": "", "text": text,
            "type": "extended-text", "version": 1}  # fmt: skip


DOCUMENT = json.dumps(
    {
        "root": {
            "children": [
                {"type": "paragraph", "version": 1, "direction": None, "format": "start",
                 "indent": 0, "children": [_text("Un "), _text("très", 1), _text(" beau jour.")]},
                {"type": "bookmark", "version": 1, "url": "https://a.example/",
                 "metadata": {"title": "A", "thumbnail": "https://a.example/t.jpg"}},
                {"type": "html", "version": 1, "html": "<div>brut</div>"},
            ],
            "type": "root", "version": 1, "direction": None, "format": "", "indent": 0,
        }
    }
)  # fmt: skip
SITE_HTML = (
    "<p>Un <strong>très</strong> beau jour.</p>"
    '<figure class="kg-card kg-bookmark-card"><a href="https://a.example/">A</a></figure>\n'
    "<!--kg-card-begin: html-->\n<div>brut</div>\n<!--kg-card-end: html-->\n"
)


def test_ghost_html_is_read_one_block_a_paragraph() -> None:
    assert len(blocks(SITE_HTML)) == 3
    assert (
        from_ghost('<h2 id="titre">Titre</h2><p>a</p><hr>') == "<h2>Titre</h2>\n\n<p>a</p>\n\n<hr>"
    )


def test_nothing_changed_gives_the_same_document() -> None:
    assert merged(SITE_HTML, DOCUMENT, from_ghost(SITE_HTML)) is DOCUMENT


def test_a_word_is_patched_in_place_and_the_cards_kept() -> None:
    edited = from_ghost(SITE_HTML).replace("beau", "grand")
    result = merged(SITE_HTML, DOCUMENT, edited)
    assert result is not None
    assert json.loads(result) == json.loads(DOCUMENT.replace("beau", "grand"))


def test_a_new_paragraph_is_written_as_lexical() -> None:
    edited = from_ghost(SITE_HTML) + '\n\n<p>Et <a href="https://b.example/">un lien</a>.</p>'
    result = merged(SITE_HTML, DOCUMENT, edited)
    assert result is not None
    children = json.loads(result)["root"]["children"]
    assert children[:3] == json.loads(DOCUMENT)["root"]["children"]
    assert children[3]["type"] == "paragraph"
    assert children[3]["children"][1]["url"] == "https://b.example/"


def test_what_lexical_here_cannot_write_goes_as_html() -> None:
    table = from_ghost(SITE_HTML) + "\n\n<table><tr><td>1</td></tr></table>"
    assert merged(SITE_HTML, DOCUMENT, table) is None
    # The site's HTML is not one block per node: no guess.
    assert merged(SITE_HTML + "<p>de plus</p>", DOCUMENT, from_ghost(SITE_HTML)) is None
    assert merged(SITE_HTML, "not json", from_ghost(SITE_HTML)) is None


def test_newsdesks_blocks_as_lexical_nodes() -> None:
    assert to_node("<hr>") == {"type": "horizontalrule", "version": 1}
    quote = to_node("<blockquote>\n<p>« Un »</p>\n<p>deux</p>\n</blockquote>")
    assert [c["type"] for c in quote["children"]] == ["extended-text", "linebreak", "extended-text"]
    listed = to_node("<ol>\n<li>un</li>\n<li><em>deux</em></li>\n</ol>")
    assert listed["listType"] == "number"
    assert listed["children"][1]["children"][0]["format"] == 2
    card = to_node('<!--kg-card-begin: html--><p class="chapeau">x</p><!--kg-card-end: html-->')
    assert card == {"type": "html", "version": 1, "html": '<p class="chapeau">x</p>'}


def test_loose_text_is_one_block_and_a_paragraph() -> None:
    # newsdesk writes a new paragraph of classic content without its <p>.
    assert blocks("<p>a</p>\n\nDernière <strong>heure</strong>.\n\n<hr>") == [
        "<p>a</p>",
        "Dernière <strong>heure</strong>.",
        "<hr>",
    ]
    node = to_node("Dernière <strong>heure</strong>.")
    assert node["type"] == "paragraph"
    assert [(c["text"], c["format"]) for c in node["children"]] == [
        ("Dernière ", 0),
        ("heure", 1),
        (".", 0),
    ]
