"""Properties over hostile input: no exception escapes but newsdesk's own typed errors,
nothing executable comes out (checked by parsing, ``tests.hostile``), and an export read
back is the article it was.

Over what ``tests/unit/render/test_body.py`` already covers (the body's renderer): the
clipboard's HTML, the HTML → Markdown converter, a whole page with hostile fields, the
print page, ninjs, Markdown files of any bytes, and lists and quotes nested past
Python's recursion limit.
"""

from __future__ import annotations

import json
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsdesk.core.article import Article, FeaturedImage, Language
from newsdesk.core.errors import InvalidDocument
from newsdesk.core.interchange import dump_document, parse_document
from newsdesk.formats.html_input import paste_markdown
from newsdesk.formats.ninjs import to_ninjs
from newsdesk.formats.pdf_page import print_page
from newsdesk.render import render_body, render_page, sanitize
from newsdesk.render.html_to_markdown import html_to_markdown
from tests.hostile import executable_constructs, page_body

#: Pieces of what a reporter's clipboard and files really hold, hostile ones first.
PIECES = [
    "<script>alert(1)</script>", "<script", "</script>", "<img src=x onerror=alert(1)>",
    '<img src="https://t.example/p.gif" width=1 height=1>', "<a href='javascript:alert(1)'>",
    '<a href="java&#x09;script:alert(1)">', '<a href=" &#106;avascript:x">',
    '<a href="vbscript:msgbox(1)">', '<a href="data:text/html,<script>x</script>">', "</a>",
    "<svg onload=alert(1)>", "<svg><script>alert(1)</script></svg>", "<math>", "</math>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "<iframe src=https://e.example>", "<iframe srcdoc='<script>x</script>'>",
    "<form action=https://e.example>", "<input name=p>", "<button formaction=javascript:x>",
    "<object data=x>", "<embed src=x>", "<noscript><p title='</noscript><img src=x onerror=x>'>",
    "<template><script>x</script></template>", "<style>@import url(https://e.example);</style>",
    '<link rel=stylesheet href="https://e.example/s.css">',
    "<meta http-equiv=refresh content='0;url=javascript:x'>", "<base href=https://e.example/>",
    '<div style="background:url(https://e.example/b.png)">', "<p onclick=alert(1)>",
    "<!--", "-->", "<![CDATA[", "]]>", "<", ">", '"', "'", "=", "&", "&#", "&lt;script&gt;",
    "<p>", "</p>", "<ul><li>", "</li></ul>", "<blockquote>", "<b>", "</b>", "<i>", "<br>",
    "<table><tr><td>", "<h1>", "<o:p>", '<span style="font-weight:bold">', "</span>",
    "<!--StartFragment-->", "<!--EndFragment-->", "<!-- wp:paragraph -->", "<!-- /wp:paragraph -->",
    "[lien](javascript:alert(1))", "![i](data:image/svg+xml,<svg onload=x>)", "[x](", ")",
    "- ", "> ", "1. ", "    ", "\t", "\n", "\n\n", "`", "```", "**", "_", "#", "---", "...",
    "|", "[^1]", "[^1]: ", "media:../../etc/passwd", "\x00", "\u202e", "\ufeff", "é", "« ", " »",
]  # fmt: skip
_FRAGMENTS = st.lists(
    st.one_of(st.sampled_from(PIECES), st.text(max_size=12)), min_size=1, max_size=12
).map("".join)
_QUICK = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@_QUICK
@given(_FRAGMENTS)
def test_the_sanitizer_leaves_nothing_executable(html: str) -> None:
    assert executable_constructs(sanitize(html)) == []


#: What a broken clipboard owner can hand Qt: lone surrogates among the text.
_CLIPBOARD = st.one_of(
    _FRAGMENTS,
    st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=6)), max_size=6).map(
        lambda parts: "\ud800".join(parts) + "\udfff"
    ),
)


@_QUICK
@given(_CLIPBOARD, st.booleans())
def test_a_paste_never_fails_and_renders_inert(html: str, french: bool) -> None:
    markdown = paste_markdown(html, french=french)
    rendered = render_body(markdown, Language.FR if french else Language.EN)
    assert executable_constructs(rendered) == []


@_QUICK
@given(_FRAGMENTS)
def test_html_to_markdown_never_fails_and_its_markdown_renders_inert(html: str) -> None:
    # The way a post pulled from the site, or a Word file, comes in: not sanitized first.
    assert (
        executable_constructs(render_body(html_to_markdown(html, french=True), Language.FR)) == []
    )


_FIELD = st.one_of(_FRAGMENTS, st.text(max_size=30))


@settings(max_examples=60, deadline=None)
@given(
    title=_FIELD,
    standfirst=_FIELD,
    body=_FRAGMENTS,
    tags=st.lists(_FIELD, max_size=3),
    caption=_FIELD,
    alt=_FIELD,
    path=st.sampled_from(["photo.jpg", "../../etc/passwd", "javascript:alert(1)", "a/../b"]),
)
def test_a_whole_page_and_its_print_page_are_inert(
    title: str, standfirst: str, body: str, tags: list[str], caption: str, alt: str, path: str
) -> None:
    article = Article(
        title=title,
        standfirst=standfirst,
        body=body,
        tags=tags,
        byline=title,
        category=standfirst,
        featured_image=FeaturedImage(path=path, caption=caption, credit=alt, alt=alt),
    )
    page = render_page(article, media_url=lambda p: "data:image/jpeg;base64,AAAA")
    assert executable_constructs(page_body(page), allow_data_images=True) == []
    printed = print_page(article, lambda relative: Path("/nonexistent") / relative)
    assert executable_constructs(page_body(printed)) == []


@settings(max_examples=60, deadline=None)
@given(body=_FRAGMENTS, title=_FIELD)
def test_ninjs_never_fails_and_its_html_is_inert(body: str, title: str) -> None:
    item = to_ninjs(Article(title=title, body=body))
    json.dumps(item)  # plain JSON data
    for part in item.get("bodies", []):  # none for an empty body
        assert executable_constructs(part["value"]) == []


@settings(max_examples=150, deadline=None)
@given(st.one_of(st.binary(max_size=300), _FRAGMENTS.map(lambda t: ("---\n" + t).encode())))
def test_any_bytes_import_or_are_refused_with_a_reason(data: bytes) -> None:
    try:
        article = parse_document(data)
    except InvalidDocument as error:
        assert error.reason != "invalid"  # always a reason the words can say
        return
    assert executable_constructs(render_body(article.body, article.language)) == []


#: Bodies a reporter's import could hold, which a front matter reader could mistake.
_BODIES = st.lists(
    st.one_of(
        st.sampled_from(["---", "...", "--- ", "title: x", "# Titre", "\n", "\ufeff", "---\n"]),
        st.sampled_from(PIECES).filter(lambda p: "\r" not in p),
        st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\r"), max_size=8),
    ),
    max_size=10,
).map("".join)


@settings(max_examples=150, deadline=None)
@given(body=_BODIES, title=_FIELD.filter(lambda t: "\r" not in t), extra_value=_FIELD)
def test_export_then_import_is_the_identity(body: str, title: str, extra_value: str) -> None:
    title = title.replace("\r", "")
    extra_value = extra_value.replace("\r", "")
    article = Article(title=title, body=body, tags=[title], extra={"x-note": extra_value})
    again = parse_document(dump_document(article).encode("utf-8"))
    assert again.content_equals(article)


@settings(max_examples=8, deadline=None)
@given(
    st.sampled_from(["- ", "1. ", "> ", "* ", "+ ", "> - ", "2) "]),
    st.integers(min_value=900, max_value=2500),
    st.sampled_from(["", "\n\nAprès.", "\n    suite", "\n> encore"]),
)
def test_nesting_past_the_recursion_limit_renders_every_word(
    marker: str, depth: int, tail: str
) -> None:
    html = render_body("Avant.\n\n" + marker * depth + "Au fond." + tail, Language.FR)
    assert "Avant." in html and "Au fond." in html
    assert executable_constructs(html) == []
