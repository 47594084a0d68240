"""A post's content between newsdesk's HTML and what Ghost keeps of it.

Ghost turns the HTML it is sent (``?source=html``) into its editor's Lexical document,
and renders HTML from that when asked (``?formats=html``). On the way it drops comments,
classes, ids and styles, except inside an HTML card, which it keeps verbatim:
``<!--kg-card-begin: html-->…<!--kg-card-end: html-->``. So:

- WordPress's block comments, which newsdesk writes for a new post, are taken out
  (they would be dropped anyway);
- the chapeau and the signature paragraphs (``<p class="chapeau">``, ``<p
  class="signature">``), which newsdesk finds again by their class to keep what the
  desk wrote around them, go in HTML cards; read back, the card's comments are taken off
  them, so ``mapping.content_parts`` finds them as in a WordPress post.

Ghost renders its HTML on one line; read back, its top-level blocks are set apart by a
blank line (:func:`blocks`), as paragraphs are in a classic WordPress post, so that each
is a segment of its own for ``wp_content`` (an editable paragraph, a kept card), and the
ids Ghost gives headings (made again from their text on every render) are taken off.

newsdesk's marker does not go in the content (see ``publisher``): an HTML card is the
one place a comment survives there, and the desk would see it as a block of code.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

CARD_BEGIN = "<!--kg-card-begin: html-->"
CARD_END = "<!--kg-card-end: html-->"
_BLOCK_COMMENT = re.compile(r"[ \t]*<!--\s+/?wp:[^>]*?-->[ \t]*\n?")
_KEPT_PARAGRAPH = re.compile(r'<p class="(?:chapeau|signature)">(?:(?!<p[\s>]).)*?</p>', re.DOTALL)
_CARDED = re.compile(
    re.escape(CARD_BEGIN)
    + r'\s*(<p class="(?:chapeau|signature)">(?:(?!<p[\s>]).)*?</p>)\s*'
    + re.escape(CARD_END),
    re.DOTALL,
)


_CARD = re.compile(re.escape(CARD_BEGIN) + r".*?" + re.escape(CARD_END), re.DOTALL)
_HEADING_ID = re.compile(r'(<h[1-6]) id="[^"]*"')
_VOID = {"area", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}
_INLINE = {
    "a",
    "abbr",
    "b",
    "br",
    "code",
    "del",
    "em",
    "i",
    "s",
    "span",
    "strong",
    "sub",
    "sup",
    "u",
}


def blocks(html: str) -> list[str]:
    """The top-level blocks of ``html`` (an element, an HTML card with its comments, a
    run of loose text), in order, each stripped."""
    found: list[str] = []
    start = 0
    for card in _CARD.finditer(html):
        found += _elements(html[start : card.start()])
        found.append(card.group(0))
        start = card.end()
    found += _elements(html[start:])
    return found


def normal_block(block: str) -> str:
    """``block`` as compared for a change: a card's comments and its edges' whitespace
    and a heading's id aside."""
    block = block.strip()
    if block.startswith(CARD_BEGIN) and block.endswith(CARD_END):
        block = block[len(CARD_BEGIN) : -len(CARD_END)].strip()
    return _HEADING_ID.sub(r"\1", block)


class _Splitter(HTMLParser):
    """Where ``text``'s top-level blocks begin and end. Text and inline elements (bold,
    a link) between blocks are one block of their own: a paragraph without its ``<p>``,
    as newsdesk writes a new one in classic content."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.text = text
        self.lines = [0]
        for line in text.splitlines(keepends=True):
            self.lines.append(self.lines[-1] + len(line))
        self.depth = 0
        self.block = False  # whether the open top-level element is a block
        self.cuts: list[int] = []

    def _at(self) -> int:
        line, column = self.getpos()
        return self.lines[line - 1] + column

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.depth == 0 and tag not in _INLINE:
            self.cuts.append(self._at())
            if tag in _VOID:
                self.cuts.append(self.text.index(">", self._at()) + 1)
            else:
                self.block = True
        if tag not in _VOID:
            self.depth += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in _VOID:
            return
        self.depth = max(0, self.depth - 1)
        if self.depth == 0 and self.block:
            self.cuts.append(self.text.index(">", self._at()) + 1)
            self.block = False

    def handle_comment(self, data: str) -> None:
        if self.depth == 0:
            self.cuts.append(self._at())
            self.cuts.append(self.text.index("-->", self._at()) + 3)


def _elements(html: str) -> list[str]:
    splitter = _Splitter(html)
    splitter.feed(html)
    splitter.close()
    parts, start = [], 0
    for cut in [*splitter.cuts, len(html)]:
        if html[start:cut].strip():
            parts.append(html[start:cut].strip())
        start = cut
    return parts


def to_ghost(content_html: str) -> str:
    """The HTML to send Ghost for ``content_html`` (newsdesk's, blocks or not)."""
    content = _BLOCK_COMMENT.sub("", content_html)
    content = _CARDED.sub(r"\1", content)  # a card already there is not wrapped twice
    return _KEPT_PARAGRAPH.sub(lambda m: f"{CARD_BEGIN}{m.group(0)}{CARD_END}", content)


def from_ghost(html: str) -> str:
    """Ghost's HTML of a post, one block a paragraph, headings without their ids, the
    chapeau and signature out of their cards."""
    parts = [_HEADING_ID.sub(r"\1", b) for b in blocks(html or "")]
    return _CARDED.sub(r"\1", "\n\n".join(parts)).strip()
