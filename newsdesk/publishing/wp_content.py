"""A post's content and an article's Markdown body, both ways, keeping the site's bytes.

A post pulled from the site is cut into **segments**: each top-level block of the block
editor (``<!-- wp:... -->`` to its closer, children included), or, in classic content
and in HTML between blocks, each blank-line separated chunk (kept whole while a tag,
a comment or a shortcode it opens is still open), itself cut at a single newline next
to a block tag or a ``<!--more-->`` (where ``wpautop`` ends a paragraph: the classic
editor saves "<h2>Titre</h2>\nTexte"). The whitespace between segments is kept as it
was. Each segment is either

- **editable**: a paragraph, a heading or a flat list whose HTML Markdown says exactly
  (its Markdown, rendered by newsdesk, gives back the same HTML: the test is made, not
  assumed). The reporter edits it as Markdown; the segment remembers the bytes around
  its text (the block comment with its attributes, the start tag with its classes) and
  whether its text carried French typography; or
- **kept**: everything else (galleries, columns, embeds, tables, shortcodes, custom
  HTML, unknown blocks of a plugin, ``<!--more-->``). Its Markdown is the raw text
  itself, shown to the reporter as a protected block, never reformatted.

The body is the segments' Markdown joined by blank lines. Pushing back
(:func:`content_from_markdown`) compares the body, line by line, with the Markdown of
the content last synced (the **base**): a segment whose lines all come back unchanged,
in one piece and still a block of their own (blank lines around), is given back byte
for byte, with the whitespace around it (of all such choices, in order, the one keeping
the most lines);
what changed is written again: in the segment's own shell when one edited segment
gives one element of the same kind (so its attributes and classes stay), as new
blocks otherwise. Typography is applied to a rewritten segment only when the site's
copy had it, so that a one-word fix changes that word and not the spaces around the
colons the desk typed.

New content (no base) is written as block-editor blocks, the way the editor itself
saves them (WordPress 6.1's block library: paragraph, heading with its level, list
and quote with inner blocks, image with its id and caption, separator, embed, code,
table, and custom HTML for the rest), so that the desk edits a newsdesk post in the
block editor natively. Kept blocks found in a body are written back verbatim.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from newsdesk.core.article import Language
from newsdesk.core.site_blocks import Block, delimited, has_blocks, parse_blocks
from newsdesk.publishing.html_shapes import Element, patch_fragment, same_html, top_level
from newsdesk.publishing.html_to_markdown import html_to_markdown
from newsdesk.render import render_body

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
_BREAK = re.compile(r"<br\s*/?>\n?", re.IGNORECASE)
_BREAK_LINE = re.compile(r"<br\s*/?>\n", re.IGNORECASE)
_SANITIZER_REL = re.compile(r' rel="noopener noreferrer"')
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


# --- from the site --------------------------------------------------------------------


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
    return layout(_lf(content), language).markdown()


def _crlf(content: str) -> bool:
    """Whether every line of ``content`` ends in CRLF, as a browser sends the classic
    editor's text: then the content is read with LF and what is sent goes back to CRLF."""
    return "\r\n" in content and content.count("\n") == content.count("\r\n")


def _lf(content: str) -> str:
    return content.replace("\r\n", "\n") if _crlf(content) else content


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
        element = _render_one(markdown, typeset)
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
        rendered = _render_one(markdown, typeset, trusted=raw)
        if (
            rendered is not None
            and rendered.tag == element.tag
            and same_html(rendered.inner, element.inner, ignored=_IGNORED)
        ):
            return Segment(raw, markdown, editable=True, tag=element.tag, typeset=typeset)
    return None


def _render_one(
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


# --- to the site ----------------------------------------------------------------------


def content_from_markdown(
    markdown: str,
    base: str | None,
    language: Language,
    *,
    finish: Finish | None = None,
    media_ids: Mapping[str, int] | None = None,
) -> str:
    """The content to send for ``markdown``, given the content last synced (``base``;
    None for a post the site never had). Untouched segments of the base come back byte
    for byte; see the module's docstring for the rest."""
    if base is not None and _crlf(base):
        written = content_from_markdown(
            markdown, _lf(base), language, finish=finish, media_ids=media_ids
        )
        return written.replace("\n", "\r\n")
    french = language is Language.FR
    finish = finish or (lambda fragment: fragment)
    ids = dict(media_ids or {})
    lines = _lines(markdown)
    if base is None:
        return _write_new("\n".join(lines), french, True, finish, ids)
    old = layout(base, language)
    if not old.segments:
        return (old.gaps[0] if not lines else "") + _write_new(
            "\n".join(lines), french, old.blocks, finish, ids
        )
    base_lines: list[str] = []
    spans: list[tuple[int, int]] = []
    for index, segment in enumerate(old.segments):
        if index:
            base_lines.append("")
        start = len(base_lines)
        base_lines.extend(segment.markdown.split("\n"))
        spans.append((start, len(base_lines)))
    clean = _clean_segments(base_lines, spans, lines)
    count = len(old.segments)
    pieces: list[str] = [old.gaps[0]]
    position = 0  # the first line of the body not yet written
    last_clean = -2  # the base segment written last, when the last piece is one
    after = -1  # base segments up to this one are written or replaced
    for index, first, end in [*clean, (count, len(lines), len(lines))]:
        changed = "\n".join(lines[position:first]).strip("\n")
        in_place = False  # the last piece was written where base segments were
        if changed.strip():
            replaced = old.segments[after + 1 : index]
            written = _rewrite(
                changed, replaced, french, old.blocks, finish, ids, old.gaps[after + 2 : index]
            )
            if written:
                # In place of base segments, the whitespace around them stays the site's.
                gap = old.gaps[after + 1] if replaced else "\n\n"
                pieces.append((gap if len(pieces) > 1 else "") + written)
                last_clean = -2
                in_place = bool(replaced)
        if index == count:
            break
        if last_clean == index - 1 or in_place:
            pieces.append(old.gaps[index])
        elif len(pieces) > 1:
            pieces.append("\n\n")
        pieces.append(old.segments[index].raw)
        last_clean = after = index
        position = end
    pieces.append(old.gaps[-1])
    return "".join(pieces)


def _clean_segments(
    base_lines: list[str], spans: list[tuple[int, int]], lines: list[str]
) -> list[tuple[int, int, int]]:
    """(segment, first line in the body, end line) of the base segments whose lines all
    come back unchanged, in one piece, each still a Markdown block of its own (a line
    typed right against a segment, an item added to a list, makes it part of a bigger
    block, to be written again), in order: of all such choices, the one that keeps the
    most lines, so that a line found twice ("Photo : AFP") cannot pull a segment away
    from where it came back whole."""
    where: dict[str, list[int]] = {}
    for at, line in enumerate(lines):
        where.setdefault(line, []).append(at)
    # The best choice whose last segment ends by a given line: a Fenwick tree of maxima
    # of (lines kept, candidate) over end lines.
    size = len(lines) + 1
    tree: list[tuple[int, int]] = [(0, -1)] * (size + 1)

    def best(end: int) -> tuple[int, int]:
        found, k = (0, -1), end + 1
        while k > 0:
            found, k = max(found, tree[k]), k - (k & -k)
        return found

    candidates: list[tuple[int, int, int, int]] = []  # segment, first, end, previous one
    for index, (start, stop) in enumerate(spans):
        want, count = base_lines[start:stop], stop - start
        fresh: list[tuple[int, tuple[int, int]]] = []
        for first in where.get(want[0], []) if want else []:
            last = first + count
            alone = (first == 0 or not lines[first - 1].strip()) and (
                last >= len(lines) or not lines[last].strip()
            )
            if alone and lines[first:last] == want:
                kept, previous = best(first)
                fresh.append((last, (kept + count, len(candidates))))
                candidates.append((index, first, last, previous))
        for last, value in fresh:  # after the segment's own, so that each is taken once
            k = last + 1
            while k <= size:
                tree[k], k = max(tree[k], value), k + (k & -k)
    chain: list[tuple[int, int, int]] = []
    k = best(len(lines))[1]
    while k >= 0:
        index, first, last, k = candidates[k]
        chain.append((index, first, last))
    return chain[::-1]


def _lines(markdown: str) -> list[str]:
    text = markdown.replace("\r\n", "\n").strip("\n")
    return text.split("\n") if text.strip() else []


def _rewrite(
    markdown: str,
    replaced: list[Segment],
    french: bool,
    blocks: bool,
    finish: Finish,
    ids: dict[str, int],
    gaps: list[str] | None = None,
) -> str:
    """New text where ``replaced`` segments of the base were: in their shells when they
    were editable and the new text gives as many elements of the same kinds (then with
    ``gaps``, the site's whitespace between them)."""
    if len(replaced) == 1 and not replaced[0].editable and _is_markup(markdown):
        # A kept segment's Markdown is its raw text: an edit to it is an edit of that
        # HTML or block markup, made on purpose, and goes to the site as written. (Text
        # that is Markdown where a kept segment was, such as newsdesk's own "---" where
        # the site holds the separator block it made of it, is written as Markdown.)
        return markdown
    if replaced and all(s.editable for s in replaced) and "<!--" not in markdown:
        chunks = _markdown_blocks(markdown)
        if len(chunks) == len(replaced):
            out: list[str] = []
            for chunk, segment in zip(chunks, replaced, strict=True):
                element = _render_one(chunk, segment.typeset, finish, trusted=segment.raw)
                if element is None or element.tag != segment.tag:
                    break
                if segment.regenerate:
                    # Written whole again, with the site's bytes wherever it says the same
                    # (the other items' entities, a ">" the editor leaves as it is).
                    out.append(patch_fragment(segment.raw, element_block(element, ids)))
                    continue
                inner = _SANITIZER_REL.sub("", element.inner)
                original = segment.raw[len(segment.prefix) : len(segment.raw) - len(segment.suffix)]
                if segment.classic:
                    # A classic paragraph's newline is a line break, not a space: patched
                    # as a <br>, so that one put in or taken out reaches the site.
                    patched = patch_fragment(
                        original.replace("\n", "<br>"), _BREAK.sub("<br>", inner)
                    )
                    inner = _BREAK.sub("\n", patched)
                else:
                    if not _BREAK_LINE.search(original):
                        inner = _BREAK.sub("<br>", inner)  # the editor's <br>, no newline
                    inner = patch_fragment(original, inner)
                out.append(segment.prefix + inner + segment.suffix)
            else:
                between = gaps if gaps is not None and len(gaps) == len(out) - 1 else None
                return "".join(
                    (between[i - 1] if between else "\n\n") + piece if i else piece
                    for i, piece in enumerate(out)
                )
    written = _write_new(markdown, french, blocks, finish, ids)
    if len(replaced) == 1 and same_html(written, replaced[0].raw):
        # Written again as it was (newsdesk's own separator, image or embed, which the
        # site keeps in its own spelling): the site's bytes stay.
        return replaced[0].raw
    return written


def _is_markup(text: str) -> bool:
    """Whether ``text`` reads as the site's markup (a block, an HTML element, a
    shortcode) rather than as Markdown."""
    stripped = text.lstrip()
    if has_blocks(stripped) or stripped.startswith("<"):
        return True
    return SHORTCODE.match(stripped) is not None


def _markdown_blocks(markdown: str) -> list[str]:
    """Markdown cut where a rendered element ends: each chunk renders to one element."""
    rendered = top_level(render_body(markdown, Language.EN))
    chunks = [c for c in re.split(r"\n[ \t]*\n", markdown) if c.strip()]
    if rendered is not None and len(rendered) == len(chunks):
        return chunks
    return [markdown]


def _write_new(
    markdown: str, french: bool, blocks: bool, finish: Finish, ids: dict[str, int]
) -> str:
    """Markdown the site has never seen: blocks (or classic HTML for a classic post);
    kept blocks it holds go back verbatim."""
    if not markdown.strip():
        return ""
    language = Language.FR if french else Language.EN
    out: list[str] = []
    pieces = (
        parse_blocks(markdown)
        if has_blocks(markdown)
        else [Block(None, {}, 0, len(markdown), 0, len(markdown))]
    )
    for piece in pieces:
        text = piece.text(markdown)
        if piece.name is not None:
            out.append(text.strip())
            continue
        if not text.strip():
            continue
        rendered = finish(render_body(text, language))
        elements = top_level(rendered) or []
        for element in elements:
            out.append(element_block(element, ids) if blocks else _classic(element))
    return "\n\n".join(out)


def _classic(element: Element) -> str:
    if element.tag == "p":
        return _BREAK.sub("\n", element.inner)
    return element.outer


# --- block-editor blocks for newsdesk's HTML ------------------------------------------

_IMG = re.compile(r"^\s*(<img\b[^>]*>)\s*$", re.IGNORECASE)
_ATTR = re.compile(r'([a-zA-Z-]+)="([^"]*)"')
_URL_ONLY = re.compile(r"^\s*(https?://[^\s<>\"]+)\s*$")
_LINKED_URL = re.compile(r'^\s*<a href="(https?://[^"]+)"[^>]*>\1</a>\s*$')


def element_block(element: Element, media_ids: Mapping[str, int]) -> str:
    """One top-level element of newsdesk's rendered HTML as the block the editor saves."""
    tag, inner = element.tag, element.inner
    if tag == "p":
        image = _IMG.match(inner)
        if image:
            return _image_block(image.group(1), media_ids)
        url = _URL_ONLY.match(inner) or _LINKED_URL.match(inner)
        if url:
            return _embed_block(html.unescape(url.group(1)))
        return delimited("core/paragraph", None, f"\n<p>{inner}</p>\n")
    if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
        level = int(tag[1])
        attrs = {"level": level} if level != 2 else None
        return delimited("core/heading", attrs, f"\n<{tag}>{inner}</{tag}>\n")
    if tag in ("ul", "ol"):
        return _list_block(element, media_ids)
    if tag == "blockquote":
        inside = top_level(inner)
        if inside is not None and inside:
            children = "\n\n".join(element_block(e, media_ids) for e in inside)
            quote = f'\n<blockquote class="wp-block-quote">{children}</blockquote>\n'
            return delimited("core/quote", None, quote)
    if tag == "hr":
        return delimited(
            "core/separator",
            None,
            '\n<hr class="wp-block-separator has-alpha-channel-opacity"/>\n',
        )
    if tag == "pre":
        code = re.sub(r"^<code[^>]*>|</code>$", "", inner.strip()).removesuffix("\n")
        # As code/utils.js escapes it: the site would run a "[shortcode]" in the code, and
        # embed a URL alone on its line (only the first, as the editor does).
        code = _ISOLATED_URL.sub(r"\1&#47;&#47;\2", code.replace("[", "&#91;"), count=1)
        pre = f'\n<pre class="wp-block-code"><code>{code}</code></pre>\n'
        return delimited("core/code", None, pre)
    if tag == "table":
        table = _TABLE_SPACE.sub(r"\1", element.outer)
        table = _CELL_ALIGN.sub(
            lambda m: f'<{m[1]} class="has-text-align-{m[2] or m[3]}" data-align="{m[2] or m[3]}">',
            table,
        )
        return delimited("core/table", None, f'\n<figure class="wp-block-table">{table}</figure>\n')
    return delimited("core/html", None, f"\n{element.outer}\n")


# The table as the block library's table/save.js writes it: nothing between its rows and
# cells, and a cell's alignment as a class and data-align (the attribute the block reads;
# an align="..." it does not know makes the editor call the block invalid).
_TABLE_SPACE = re.compile(
    r"(<(?:table|thead|tbody|tfoot|tr)\b[^>]*>|</(?:thead|tbody|tfoot|tr|th|td)>)\s+"
)
_ISOLATED_URL = re.compile(r"^(\s*https?:)//([^\s<>\"]+\s*)$", re.MULTILINE)
_CELL_ALIGN = re.compile(
    r'<(th|td) (?:align="(left|center|right)"|style="text-align: ?(left|center|right);?")>'
)


def _list_block(element: Element, media_ids: Mapping[str, int]) -> str:
    items = top_level(element.inner) or []
    children: list[str] = []
    for item in items:
        if item.tag != "li":
            continue
        text, nested = _split_nested(item.inner, media_ids)
        text = text.strip()
        paragraphs = top_level(text) if text.startswith("<p>") else None
        if paragraphs and all(p.tag == "p" for p in paragraphs):
            text = "<br>".join(p.inner for p in paragraphs)  # a loose list's <p> in an item
        children.append(delimited("core/list-item", None, f"\n<li>{text}{nested}</li>\n"))
    attrs: dict[str, object] | None = {"ordered": True} if element.tag == "ol" else None
    start = _ATTR.findall(element.start_tag)
    start_attr = "".join(f' {k}="{v}"' for k, v in start if k == "start")
    if start_attr and attrs is not None:
        attrs["start"] = int(dict(start)["start"])
    body = "\n\n".join(children)
    return delimited("core/list", attrs, f"\n<{element.tag}{start_attr}>{body}</{element.tag}>\n")


def _split_nested(inner: str, media_ids: Mapping[str, int]) -> tuple[str, str]:
    """An item's own text, and its nested lists as list blocks."""
    found = re.search(r"<(ul|ol)(?=[\s>])", inner)
    if not found:
        return inner, ""
    nested = top_level(inner[found.start() :].strip())
    if nested is None:
        return inner, ""
    return inner[: found.start()], "".join(
        _list_block(e, media_ids) for e in nested if e.tag in ("ul", "ol")
    )


def _image_block(img: str, media_ids: Mapping[str, int]) -> str:
    attributes = {k: html.unescape(v) for k, v in _ATTR.findall(img)}
    src = attributes.get("src", "")
    alt = attributes.get("alt", "")
    caption = attributes.get("title", "")
    media_id = media_ids.get(src)
    attrs: dict[str, object] = {}
    image_class = ""
    if media_id is not None:
        attrs["id"] = media_id
        image_class = f' class="wp-image-{media_id}"'
    attrs["sizeSlug"] = "large"
    attrs["linkDestination"] = "none"
    figcaption = (
        f'<figcaption class="wp-element-caption">{html.escape(caption, quote=False)}</figcaption>'
        if caption
        else ""
    )
    return delimited(
        "core/image",
        attrs,
        f'\n<figure class="wp-block-image size-large"><img src="{html.escape(src)}" '
        f'alt="{html.escape(alt)}"{image_class}/>{figcaption}</figure>\n',
    )


_PROVIDERS = {
    "youtube.com": ("youtube", "video"),
    "youtu.be": ("youtube", "video"),
    "vimeo.com": ("vimeo", "video"),
    "dailymotion.com": ("dailymotion", "video"),
    "twitter.com": ("twitter", "rich"),
    "x.com": ("twitter", "rich"),
    "facebook.com": ("facebook", "rich"),
    "instagram.com": ("instagram", "rich"),
    "soundcloud.com": ("soundcloud", "rich"),
    "spotify.com": ("spotify", "rich"),
    "tiktok.com": ("tiktok", "video"),
}


def _embed_block(url: str) -> str:
    host = re.sub(r"^https?://(?:www\.|m\.|open\.)?", "", url).split("/", 1)[0].lower()
    provider, kind = _PROVIDERS.get(host, ("", ""))
    attrs: dict[str, object] = {"url": url}
    classes = ["wp-block-embed"]
    if provider:
        attrs.update({"type": kind, "providerNameSlug": provider})
        classes += [f"is-type-{kind}", f"is-provider-{provider}", f"wp-block-embed-{provider}"]
    return delimited(
        "core/embed",
        attrs,
        f'\n<figure class="{" ".join(classes)}"><div class="wp-block-embed__wrapper">\n'
        f"{html.escape(url, quote=False)}\n</div></figure>\n",
    )
