"""The marker in both its forms: put in, found, taken out to give the content back."""

from __future__ import annotations

import uuid

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsdesk.core.site_blocks import parse_blocks
from newsdesk.publishing.marker import embed_marker, extract_marker, strip_marker

ID = "0f8fad5b-d9cb-469f-a165-70867728950e"


@pytest.mark.parametrize(
    ("content", "start"),
    [
        (
            "<!-- wp:paragraph -->\n<p>a</p>\n<!-- /wp:paragraph -->",
            '<!-- wp:paragraph {"newsdesk":',
        ),
        (
            '<!-- wp:paragraph {"align":"center"} -->\n<p>a</p>\n<!-- /wp:paragraph -->',
            '<!-- wp:paragraph {"align":"center","newsdesk":',
        ),
        ("<!-- wp:separator /-->", '<!-- wp:separator {"newsdesk":'),
        (
            '\n<!-- wp:x/card {"a":{"b":[1,2]}} /-->',
            '\n<!-- wp:x/card {"a":{"b":[1,2]},"newsdesk":',
        ),
        ("Texte classique.\n\nSuite.", f"<!-- newsdesk:{ID} -->\nTexte"),
        ("", f"<!-- newsdesk:{ID} -->\n"),
    ],
)
def test_both_forms_go_in_and_come_out(content: str, start: str) -> None:
    marked = embed_marker(content, ID)
    assert marked.startswith(start)
    assert extract_marker(marked) == (ID, content)
    assert strip_marker(marked) == content
    # Marking again replaces the mark, never stacks a second one.
    assert extract_marker(embed_marker(marked, ID)) == (ID, content)


def test_the_marked_block_is_still_one_block_with_its_attributes() -> None:
    content = '<!-- wp:heading {"level":3} -->\n<h3>Titre</h3>\n<!-- /wp:heading -->'
    [block] = parse_blocks(embed_marker(content, ID))
    assert block.name == "core/heading"
    assert block.attrs == {"level": 3, "newsdesk": ID}


def test_an_old_leading_comment_in_block_content_is_read_and_replaced() -> None:
    content = "<!-- wp:paragraph -->\n<p>a</p>\n<!-- /wp:paragraph -->"
    old = f"<!-- newsdesk:{ID} -->\n{content}"
    assert extract_marker(old) == (ID, content)
    other = str(uuid.uuid4())
    assert extract_marker(embed_marker(old, other)) == (other, content)


def test_a_marker_that_is_not_an_article_id_is_refused() -> None:
    with pytest.raises(ValueError):
        embed_marker("<p>a</p>", 'x"} --><script>')


def test_content_without_a_marker_is_left_alone() -> None:
    content = '<!-- wp:paragraph {"newsdesk":"not-a-uuid"} -->\n<p>a</p>\n<!-- /wp:paragraph -->'
    assert extract_marker(content) == (None, content)
    assert strip_marker(content) == content


@given(st.text(max_size=200))
def test_any_content_comes_back(content: str) -> None:
    marked = embed_marker(content, ID)
    marker, back = extract_marker(marked)
    assert marker == ID
    assert back == strip_marker(content)
