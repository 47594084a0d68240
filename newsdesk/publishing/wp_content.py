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

Three rooms: :mod:`newsdesk.publishing.wp_segments` cuts the site's content into
segments and gives each its Markdown (from the site); this module writes a body back
against the base (to the site); :mod:`newsdesk.publishing.wp_blocks` writes the blocks
for what the site has never seen.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from newsdesk.core.article import Language
from newsdesk.core.site_blocks import Block, has_blocks, parse_blocks
from newsdesk.publishing.html_shapes import Element, patch_fragment, same_html, top_level
from newsdesk.publishing.wp_blocks import element_block
from newsdesk.publishing.wp_segments import (
    BREAK,
    BREAK_LINE,
    SANITIZER_REL,
    SHORTCODE,
    Finish,
    Layout,
    Segment,
    content_to_markdown,
    has_crlf,
    layout,
    render_one,
    to_lf,
)
from newsdesk.render import render_body

__all__ = [
    "SHORTCODE",
    "Finish",
    "Layout",
    "Segment",
    "content_from_markdown",
    "content_to_markdown",
    "element_block",
    "layout",
]


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
    if base is not None and has_crlf(base):
        written = content_from_markdown(
            markdown, to_lf(base), language, finish=finish, media_ids=media_ids
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
                element = render_one(chunk, segment.typeset, finish, trusted=segment.raw)
                if element is None or element.tag != segment.tag:
                    break
                if segment.regenerate:
                    # Written whole again, with the site's bytes wherever it says the same
                    # (the other items' entities, a ">" the editor leaves as it is).
                    out.append(patch_fragment(segment.raw, element_block(element, ids)))
                    continue
                inner = SANITIZER_REL.sub("", element.inner)
                original = segment.raw[len(segment.prefix) : len(segment.raw) - len(segment.suffix)]
                if segment.classic:
                    # A classic paragraph's newline is a line break, not a space: patched
                    # as a <br>, so that one put in or taken out reaches the site.
                    patched = patch_fragment(
                        original.replace("\n", "<br>"), BREAK.sub("<br>", inner)
                    )
                    inner = BREAK.sub("\n", patched)
                else:
                    if not BREAK_LINE.search(original):
                        inner = BREAK.sub("<br>", inner)  # the editor's <br>, no newline
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
        return BREAK.sub("\n", element.inner)
    return element.outer
