"""HTML back to newsdesk's Markdown: a post pulled from the site, a Word file, a paste.

It lives in ``render`` (the way back of Markdown -> HTML) so that publishing (a post
to correct) and formats (a Word file, the clipboard's HTML) share the one converter.

The aim is an untouched round trip: Markdown -> rendered HTML -> this -> Markdown that
renders to the same HTML, so that pulling a post and pushing it back changes nothing on
the site. markdownify does the work (it walks a real HTML parse tree, which regexes
cannot); the options match how newsdesk writes Markdown: ``##`` intertitles, ``>``
quotes, ``*`` and ``**``, ``-`` bullets, two trailing spaces for a line break.

Posts written on the site come in two more shapes, handled here:
- the block editor wraps every block in ``<!-- wp:... -->`` comments: comments go
  (markdownify drops them);
- the classic editor stores paragraphs as bare text separated by blank lines (WordPress
  adds the ``<p>`` only when it shows the page): such text gets its paragraphs back.
"""

from __future__ import annotations

import re
from html import escape as html_escape
from typing import Any

from bs4 import BeautifulSoup, Tag
from bs4.builder._htmlparser import BeautifulSoupHTMLParser, HTMLParserTreeBuilder
from markdownify import ATX, MarkdownConverter

_BLOCK_TAG = re.compile(
    r"<(p|h[1-6]|ul|ol|li|blockquote|div|figure|table|pre|hr|section)\b", re.IGNORECASE
)
_NO_BREAK_BEFORE = re.compile("[\u00a0\u202f]([:;!?»])")
_NO_BREAK_AFTER = re.compile("«[\u00a0\u202f]")
_BLANK_LINES = re.compile(r"\n[ \t]*\n")
_MANY_BLANK_LINES = re.compile(r"\n{3,}")
_TRAILING_SPACES = re.compile(r"[ \t]+$", re.MULTILINE)
_BULLET = re.compile(r"^(?:[-*+]|\d+[.)]) ")
_LINE_WITH_TEXT = re.compile(r"^(?=.)", re.MULTILINE)
#: What Python-Markdown asks of a list item's nested blocks.
_LIST_INDENT = 4


class _ClosedVoids(list[str]):
    """Beautiful Soup's note of void elements (``<br>``, ``<img>``) already closed, kept
    as counts: its own list is searched on every end tag and grows with every ``<br>``,
    which made a 1 MB paste take 8 s and a 10 MB one minutes (quadratic)."""

    def __init__(self) -> None:
        super().__init__()
        self.counts: dict[str, int] = {}

    def append(self, tag: str) -> None:
        self.counts[tag] = self.counts.get(tag, 0) + 1

    def remove(self, tag: str) -> None:
        left = self.counts.get(tag, 0) - 1
        if left > 0:
            self.counts[tag] = left
        else:
            self.counts.pop(tag, None)

    def __contains__(self, tag: object) -> bool:
        return tag in self.counts


class _LinearParser(BeautifulSoupHTMLParser):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.already_closed_empty_element = _ClosedVoids()


class _LinearTreeBuilder(HTMLParserTreeBuilder):
    """Beautiful Soup's ``html.parser`` builder, in linear time (``_ClosedVoids``)."""

    def feed(
        self, markup: Any, _parser_class: type[BeautifulSoupHTMLParser] = _LinearParser
    ) -> None:
        # ``_parser_class`` is a hook of Beautiful Soup's for its own tests (4.15):
        # where a version has it not, its ordinary (slower, same tree) parser is used.
        try:
            super().feed(markup, _parser_class=_parser_class)
        except TypeError as error:
            if "_parser_class" not in str(error):
                raise
            super().feed(markup)


def parse_html(markup: str) -> BeautifulSoup:
    """``BeautifulSoup(markup, "html.parser")``, the same tree, without its quadratic
    slowdown on long HTML full of ``<br>`` and ``<img>``."""
    return BeautifulSoup(markup, builder=_LinearTreeBuilder())


class _NewsdeskConverter(MarkdownConverter):
    """markdownify with newsdesk's habits."""

    def __init__(self, **options: Any) -> None:
        super().__init__(
            heading_style=ATX,
            bullets="-",
            strong_em_symbol="*",
            newline_style="spaces",
            escape_asterisks=True,
            escape_underscores=True,
            escape_misc=False,
            autolinks=True,
            **options,
        )

    def convert_li(self, el: Tag, text: str, parent_tags: set[str]) -> str:
        # markdownify indents what a list item holds (a nested list, a second
        # paragraph) by its bullet's width, two spaces for "- ": Python-Markdown needs
        # four, and reads a two-space nested list as more items of the same list.
        result: str = super().convert_li(el, text, parent_tags)  # type: ignore[misc]
        first, newline, rest = result.partition("\n")
        bullet = _BULLET.match(first)
        missing = _LIST_INDENT - len(bullet.group()) if bullet else 0
        if missing > 0 and rest.strip():
            pad = " " * missing
            result = first + newline + _LINE_WITH_TEXT.sub(lambda m: pad + m.group(), rest)
        # An item of several paragraphs ends with a blank line: else the next item's
        # bullet reads as the last paragraph's next line.
        if "\n\n" in result.strip("\n"):
            result = result.rstrip("\n") + "\n\n"
        return result

    def convert_figcaption(self, el: Tag, text: str, parent_tags: set[str]) -> str:
        # A block-editor caption: its own paragraph under the image, in italics.
        text = text.strip()
        return f"\n\n*{text}*\n\n" if text else ""

    # Inline formats Markdown has no syntax for (the block editor's strikethrough,
    # highlight, superscript, keyboard key, a link opening in a new tab...) stay as
    # inline HTML around their converted text: Python-Markdown passes inline HTML
    # through, so the words stay editable, and the tags the site had are written back
    # as they were (``newsdesk.publishing.wp_content``).
    def _raw_inline(self, el: Tag, text: str, parent_tags: set[str]) -> str:
        return f"{_start_tag(el)}{text}</{el.name}>" if text else _start_tag(el)

    convert_s = convert_del = convert_ins = convert_mark = _raw_inline
    convert_sup = convert_sub = convert_kbd = convert_samp = convert_var = _raw_inline
    convert_u = convert_span = convert_small = convert_abbr = convert_cite = _raw_inline
    convert_q = convert_time = _raw_inline

    def convert_a(self, el: Tag, text: str, parent_tags: set[str]) -> str:
        # ``rel`` alone is no reason: newsdesk's own links carry the sanitizer's, and an
        # edited paragraph keeps the site's (``html_shapes.patch_fragment``).
        if set(el.attrs) - {"href", "title", "rel"}:
            return self._raw_inline(el, text, parent_tags)
        # markdownify's type stubs do not list its convert_* methods.
        result: str = super().convert_a(el, text, parent_tags)  # type: ignore[misc]
        return result


def _start_tag(el: Tag) -> str:
    """The element's start tag, attributes in their order, as an editor writes them."""
    parts = [el.name]
    for name, value in el.attrs.items():
        joined = " ".join(value) if isinstance(value, list) else str(value)
        parts.append(f'{name}="{html_escape(joined, quote=True)}"')
    return "<" + " ".join(parts) + ">"


def autop(text: str) -> str:
    """Paragraphs for HTML saved without them (the classic editor's way), as WordPress's
    ``wpautop`` does when it shows the page: blank lines part paragraphs, a single
    newline is a line break."""
    if _BLOCK_TAG.search(text):
        return text
    paragraphs = [p.strip() for p in _BLANK_LINES.split(text) if p.strip()]
    return "\n".join("<p>" + p.replace("\n", "<br>\n") + "</p>" for p in paragraphs)


def html_to_markdown(html: str, *, french: bool = False) -> str:
    """The Markdown of an HTML fragment (a post's content), without trailing blank lines.

    ``french``: the no-break spaces French typography puts before ``: ; ! ?``, after
    ``«`` and before ``»`` become the plain spaces a reporter types. The renderer puts
    them back, so the site gets the same text, and the reporter edits the text as typed.
    """
    if not html.strip():
        return ""
    converter = _NewsdeskConverter()
    soup = parse_html(autop(html))  # what markdownify's convert() does
    try:
        flatten_deep(soup)
        markdown = converter.convert_soup(soup)
    finally:
        take_apart(soup)
    if french:
        markdown = _NO_BREAK_BEFORE.sub(r" \1", _NO_BREAK_AFTER.sub("« ", markdown))
    markdown = _TRAILING_SPACES.sub(_keep_line_break, markdown)
    return _MANY_BLANK_LINES.sub("\n\n", markdown).strip("\n")


#: How deep elements may nest before the deeper ones become their plain text:
#: markdownify recurses once per level, and a paste 10,000 lists deep would overflow
#: Python's stack.
MAX_DEPTH = 60


def flatten_deep(soup: BeautifulSoup, max_depth: int = MAX_DEPTH) -> int:
    """Elements at ``max_depth`` replaced by their text (every word stays, the deeper
    structure goes), found without recursion. The count replaced.

    Not ``unwrap()`` level by level: Beautiful Soup's insert walks the subtree each
    time, 45 s for a 10,000-deep paste."""
    deep: list[Tag] = []
    stack: list[tuple[Tag, int]] = [(soup, 0)]
    while stack:
        node, depth = stack.pop()
        for child in node.contents:
            if isinstance(child, Tag):
                if depth + 1 >= max_depth:
                    deep.append(child)
                else:
                    stack.append((child, depth + 1))
    for tag in deep:
        tag.replace_with(tag.get_text(" "))
        tag.decompose()
    return len(deep)


def take_apart(soup: BeautifulSoup) -> None:
    """Free a parse tree now. It is all cycles (parents, siblings, next elements):
    left whole, only a garbage collection finds it, one that holds the interpreter
    (and the window's UI thread with it) a quarter of a second for a long paste's
    tree. ``decompose()`` on the document itself leaves its children linked: each
    child is decomposed."""
    for child in list(soup.contents):
        if isinstance(child, Tag):
            child.decompose()
        else:
            child.extract()
    soup.decompose()


def _keep_line_break(match: re.Match[str]) -> str:
    """Trailing blanks go, but for the two spaces that mean a line break."""
    line_start = match.string.rfind("\n", 0, match.start()) + 1
    has_text = match.start() > line_start
    return "  " if match.group() == "  " and has_text else ""
