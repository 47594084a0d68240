"""A post's HTML back to newsdesk's Markdown, for correcting a post pulled from the site.

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
from typing import Any

from bs4 import Tag
from markdownify import ATX, MarkdownConverter

_BLOCK_TAG = re.compile(
    r"<(p|h[1-6]|ul|ol|li|blockquote|div|figure|table|pre|hr|section)\b", re.IGNORECASE
)
_NO_BREAK_BEFORE = re.compile("[\u00a0\u202f]([:;!?»])")
_NO_BREAK_AFTER = re.compile("«[\u00a0\u202f]")
_BLANK_LINES = re.compile(r"\n[ \t]*\n")
_MANY_BLANK_LINES = re.compile(r"\n{3,}")
_TRAILING_SPACES = re.compile(r"[ \t]+$", re.MULTILINE)


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

    def convert_figcaption(self, el: Tag, text: str, parent_tags: set[str]) -> str:
        # A block-editor caption: its own paragraph under the image, in italics.
        text = text.strip()
        return f"\n\n*{text}*\n\n" if text else ""


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
    markdown = converter.convert(autop(html))
    if french:
        markdown = _NO_BREAK_BEFORE.sub(r" \1", _NO_BREAK_AFTER.sub("« ", markdown))
    markdown = _TRAILING_SPACES.sub(_keep_line_break, markdown)
    return _MANY_BLANK_LINES.sub("\n\n", markdown).strip("\n")


def _keep_line_break(match: re.Match[str]) -> str:
    """Trailing blanks go, but for the two spaces that mean a line break."""
    line_start = match.string.rfind("\n", 0, match.start()) + 1
    has_text = match.start() > line_start
    return "  " if match.group() == "  " and has_text else ""
