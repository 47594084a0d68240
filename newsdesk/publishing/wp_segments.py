"""A post's content cut into segments, each with the Markdown the reporter edits.

See :mod:`newsdesk.publishing.wp_content` for the whole design: this module is its
first half, from the site: :func:`layout` cuts the content into top-level block-editor
blocks and classic chunks, and decides for each whether newsdesk's Markdown says it
exactly (editable: a paragraph, a heading, a list, a quote; the test is made, not
assumed) or not (kept: its raw text is its Markdown).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from newsdesk.core.article import Language
from newsdesk.core.site_blocks import Block, has_blocks, parse_blocks
from newsdesk.publishing.html_shapes import Element, same_html, top_level
from newsdesk.publishing.wp_blocks import element_block
from newsdesk.render import render_body
from newsdesk.render.html_to_markdown import html_to_markdown

#: Called on each rendered fragment before it is written (the worker maps ``media:``
#: image sources to the site's URLs there).
Finish = Callable[[str], str]

_SEPARATOR = re.compile(r"[ \t]*\n(?:[ \t]*\n)+[ \t]*")
_CONTAINERS = (
    "table", "ul", "ol", "blockquote", "div", "figure", "pre", "dl", "section", "iframe",
    "script", "style", "video", "audio", "object", "p",
)  # fmt: skip
_OPEN_TAG = {t: re.compile(rf"<{t}(?=[\s>/])", re.IGNORECASE) for t in _CONTAINERS}
_CLOSE_TAG = {t: re.compile(rf"</{t}\s*>", re.IGNORECASE) for t in _CONTAINERS}
_BLOCK_TAG = re.compile(
    r"<(?:p|h[1-6]|ul|ol|li|blockquote|div|figure|table|pre|hr|section|iframe|script|style"
    r"|video|audio|object|dl|form)(?=[\s>/])",
    re.IGNORECASE,
)
# A shortcode as WordPress writes one: a lower-case name, then attributes.
SHORTCODE = re.compile(
    r"\[(/?)([a-z][a-z0-9_-]*)((?:\s+[^\[\]\s=]+(?:=(?:\"[^\"]*\"|'[^']*'|[^\s\]]+))?)*)\s*/?\]"
)
_BARE_URL = re.compile(r"^\s*https?://\S+\s*$")
BREAK = re.compile(r"<br\s*/?>\n?", re.IGNORECASE)
BREAK_LINE = re.compile(r"<br\s*/?>\n", re.IGNORECASE)
SANITIZER_REL = re.compile(r' rel="noopener noreferrer"')
_IGNORED = frozenset({("a", "rel")})
_EDITABLE_BLOCKS = {
    "core/paragraph": ("p",),
    "core/heading": ("h1", "h2", "h3", "h4", "h5", "h6"),
    "core/list": ("ul", "ol"),
}
_REGENERATED = frozenset({"core/list", "core/quote"})
_BLOCK_COMMENT = re.compile(r"<!--\s+/?wp:[^>]*?-->")
_CLASSIC_ELEMENTS = ("p", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol")


@dataclass(slots=True)
class Segment:
    """One top-level piece of a post's content (see the module's docstring)."""

    raw: str
    markdown: str
    editable: bool = False
    tag: str = ""  # the element an editable segment's Markdown renders to
    prefix: str = ""  # raw text before the element's inner HTML
    suffix: str = ""  # raw text after it
    typeset: bool = False  # the site's copy had French typography: keep applying it
    classic: bool = False  # a classic-editor paragraph: bare text, newlines for <br>
    #: A block newsdesk writes again whole (a list or a quote with inner blocks): its
    #: Markdown, written as newsdesk writes blocks, gives back exactly its raw text.
    regenerate: bool = False


@dataclass(slots=True)
class Layout:
    """A content cut into segments: ``gaps[i]`` is the whitespace before segment i,
    ``gaps[-1]`` what follows the last, so the content is exactly the interleaving."""

    segments: list[Segment]
    gaps: list[str]
    blocks: bool

    def content(self) -> str:
        return (
            "".join(g + s.raw for g, s in zip(self.gaps, self.segments, strict=False))
            + (self.gaps[-1])
        )

    def markdown(self) -> str:
        return "\n\n".join(s.markdown for s in self.segments)


def layout(content: str, language: Language) -> Layout:
    """``content`` cut into segments, each with its Markdown."""
    french = language is Language.FR
    segments: list[Segment] = []
    gaps = [""]
    pieces = (
        parse_blocks(content)
        if has_blocks(content)
        else [Block(None, {}, 0, len(content), 0, len(content))]
    )
    for piece in pieces:
        if piece.name is not None:
            segments.append(_block_segment(piece, content, french))
            gaps.append("")
            continue
        for is_gap, text in _classic_chunks(piece.text(content)):
            if is_gap:
                gaps[-1] += text
            else:
                segments.append(_classic_segment(text, french))
                gaps.append("")
    return Layout(segments, gaps, has_blocks(content))


def content_to_markdown(content: str, language: Language) -> str:
    """The body the reporter edits for a post's content."""
    return layout(to_lf(content), language).markdown()


def has_crlf(content: str) -> bool:
    """Whether every line of ``content`` ends in CRLF, as a browser sends the classic
    editor's text: then the content is read with LF and what is sent goes back to CRLF."""
    return "\r\n" in content and content.count("\n") == content.count("\r\n")


def to_lf(content: str) -> str:
    return content.replace("\r\n", "\n") if has_crlf(content) else content


def _classic_chunks(text: str) -> list[tuple[bool, str]]:
    """(is_gap, text) pieces: chunks parted by blank lines, whole while something is open."""
    out: list[tuple[bool, str]] = []
    lead = len(text) - len(text.lstrip())
    if lead:
        out.append((True, text[:lead]))
    chunk_start = lead
    for separator in _SEPARATOR.finditer(text, lead):
        chunk = text[chunk_start : separator.start()]
        if chunk and _balanced(chunk, text[separator.start() :]):
            out.extend(_apart(chunk))
            out.append((True, separator.group(0)))
            chunk_start = separator.end()
    tail = text[chunk_start:]
    stripped = tail.rstrip()
    if stripped:
        out.extend(_apart(stripped))
    if len(tail) > len(stripped):
        out.append((True, tail[len(stripped) :]))
    return out


# Where a single newline parts paragraphs too (``wpautop``): the classic editor saves
# "<h2>Titre</h2>\nTexte", "Texte :\n<ul>" and "Texte\n<!--more-->\nTexte".
_ENDS_BLOCK = re.compile(
    r"(?:</(?:p|h[1-6]|ul|ol|blockquote|div|figure|table|pre|dl|section|form)\s*>"
    r"|<hr\b[^>]*>|<!--(?:more|nextpage|noteaser)\b[^>]*-->)$",
    re.IGNORECASE,
)
_STARTS_MORE = re.compile(r"<!--(?:more|nextpage|noteaser)\b")


def _apart(chunk: str) -> list[tuple[bool, str]]:
    """A chunk cut at the single newlines next to a block element or a ``<!--more-->``,
    where nothing is open: (is_gap, text) pieces as :func:`_classic_chunks` gives."""
    out: list[tuple[bool, str]] = []
    start = 0
    for newline in re.finditer("\n", chunk):
        before, after = chunk[start : newline.start()], chunk[newline.end() :]
        starts = _BLOCK_TAG.match(after) or _STARTS_MORE.match(after)
        if (
            before.strip()
            and after.strip()
            and (starts or _ENDS_BLOCK.search(before))
            and _balanced(before, after)
        ):
            out += [(False, before), (True, "\n")]
            start = newline.end()
    out.append((False, chunk[start:]))
    return out


def _balanced(chunk: str, rest: str) -> bool:
    if chunk.count("<!--") > chunk.count("-->"):
        return False
    for tag in _CONTAINERS:
        if len(_OPEN_TAG[tag].findall(chunk)) > len(_CLOSE_TAG[tag].findall(chunk)):
            return False
    for code in SHORTCODE.finditer(chunk):
        if code.group(1):
            continue
        closer = f"[/{code.group(2)}]"
        if closer not in chunk[code.end() :] and closer in rest:
            return False
    return True


def _kept(raw: str) -> Segment:
    return Segment(raw=raw, markdown=raw)


def _block_segment(piece: Block, content: str, french: bool) -> Segment:
    raw = piece.text(content)
    tags = _EDITABLE_BLOCKS.get(piece.name or "")
    if piece.name in _REGENERATED and not piece.void:
        return _regenerated(raw, french) or _kept(raw)
    if tags is None or piece.children or piece.void:
        return _kept(raw)
    inner = piece.inner(content)
    elements = top_level(inner)
    if elements is None or len(elements) != 1 or elements[0].tag not in tags:
        return _kept(raw)
    element = elements[0]
    at = inner.find(element.outer)
    inner_at = piece.inner_start - piece.start + at + len(element.start_tag)
    segment = _editable(raw, element, french)
    if segment is None:
        return _kept(raw)
    segment.prefix = raw[:inner_at]
    segment.suffix = raw[inner_at + len(element.inner) :]
    return segment


def _regenerated(raw: str, french: bool) -> Segment | None:
    """The segment, editable, when newsdesk writes its Markdown back as exactly ``raw``."""
    without_comments = _BLOCK_COMMENT.sub("", raw)
    markdown = html_to_markdown(without_comments)
    if not markdown.strip() or "<!--" in markdown:
        return None
    for typeset in (True, False) if french else (False,):
        element = render_one(markdown, typeset)
        if element is not None and same_html(element_block(element, {}), raw):
            return Segment(
                raw, markdown, editable=True, tag=element.tag, typeset=typeset, regenerate=True
            )
    return None


def _classic_segment(text: str, french: bool) -> Segment:
    stripped = text.strip()
    if stripped.startswith("<!--") or _BARE_URL.match(text) or _only_shortcodes(stripped):
        return _kept(text)
    elements = top_level(text) if stripped.startswith("<") else None
    if elements is not None and len(elements) == 1 and elements[0].tag in _CLASSIC_ELEMENTS:
        element = elements[0]
        segment = _editable(text, element, french)
        if segment is None:
            return _kept(text)
        at = text.find(element.outer) + len(element.start_tag)
        segment.prefix, segment.suffix = text[:at], text[at + len(element.inner) :]
        return segment
    if _BLOCK_TAG.search(text) or "<!--" in text:
        return _kept(text)
    # Bare text: the classic editor's paragraph, which the site wraps in <p> on display
    # (``wpautop``: a single newline is a line break).
    inner = text.replace("\n", "<br>\n")
    paragraph = Element("p", "<p>" + inner + "</p>", inner, "<p>")
    segment = _editable(text, paragraph, french)
    if segment is None:
        return _kept(text)
    segment.classic = True
    return segment


def _only_shortcodes(text: str) -> bool:
    """A chunk that opens on a shortcode and ends on one (``[embed]URL[/embed]``,
    ``[caption ...]<img ...> Texte[/caption]``): the site expands it, newsdesk keeps it."""
    return SHORTCODE.match(text) is not None and text.endswith("]")


def _editable(raw: str, element: Element, french: bool) -> Segment | None:
    """The segment, editable, when newsdesk's Markdown of ``element`` renders back to it."""
    markdown = html_to_markdown(element.outer)
    if not markdown.strip() or "<!--" in markdown:
        return None
    for typeset in (True, False) if french else (False,):
        rendered = render_one(markdown, typeset, trusted=raw)
        if (
            rendered is not None
            and rendered.tag == element.tag
            and same_html(rendered.inner, element.inner, ignored=_IGNORED)
        ):
            return Segment(raw, markdown, editable=True, tag=element.tag, typeset=typeset)
    return None


def render_one(
    markdown: str, typeset: bool, finish: Finish | None = None, *, trusted: str = ""
) -> Element | None:
    """The one element ``markdown`` renders to (None when it is not one). Inline tags
    that ``trusted`` (the site's copy of the segment) holds, written exactly so, are
    put back as they were after the sanitizer: they came from the site, which keeps
    them (a link opening in a new tab, a highlight); any other tag is sanitized."""
    protected, tags = _protect(markdown, trusted)
    rendered = render_body(protected, Language.FR if typeset else Language.EN)
    if tags:
        rendered = _TOKEN.sub(lambda m: tags[int(m.group(1))], rendered)
    if finish is not None:
        rendered = finish(rendered)
    elements = top_level(rendered)
    if elements is None or len(elements) != 1:
        return None
    return elements[0]


_INLINE_TAG = re.compile(r"</?[a-zA-Z][a-zA-Z0-9]*(?:\s[^<>]*)?/?>")
# Private-use characters: text to Markdown, the sanitizer and typography alike.
_TOKEN = re.compile("\ue000(\\d+)\ue001")


def _protect(markdown: str, trusted: str) -> tuple[str, list[str]]:
    if not trusted or "<" not in markdown:
        return markdown, []
    tags: list[str] = []

    def token(match: re.Match[str]) -> str:
        raw = match.group(0)
        if raw not in trusted:
            return raw
        tags.append(raw)
        return f"\ue000{len(tags) - 1}\ue001"

    return _INLINE_TAG.sub(token, markdown), tags
