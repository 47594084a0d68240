"""Incremental body rendering for the live preview.

A 20,000-word body costs about 80 ms to convert whole, too much for every
keystroke. The body is cut into top-level blocks at the blank lines where
Python-Markdown's state resets; each block is converted on its own and kept
in an LRU cache keyed by its source, so a keystroke converts one block.

Where Markdown looks beyond a blank line, blocks are kept together: fenced
code (found with Python-Markdown's own pattern), indented continuations (list
items, code), a list item following a list, a quote line following a quote
(Python-Markdown joins them to the previous list or quote), and raw HTML until
its closing tag. Merging too much only costs time; splitting too much would
change the output, so every rule errs on the side of merging.

Whole-document definitions travel with the blocks that use them: reference
link definitions are appended to each block that names them, and footnote
definitions to each block that calls a footnote (all of them, in document
order, so the numbering matches the full render). Those appended definitions
are part of the block's key. The footnote list itself is one more block at the
end, as in the full render.

Known differences from :func:`render_body`, outside ordinary documents: a
footnote called from two different blocks gets two first-call anchors, and
raw HTML with unbalanced tags may be cut differently.
"""

from __future__ import annotations

import hashlib
import re
import threading
from collections import OrderedDict
from dataclasses import dataclass

from markdown.blockprocessors import ReferenceProcessor
from markdown.extensions.fenced_code import FencedBlockPreprocessor
from markdown.extensions.footnotes import FootnoteBlockProcessor

from newsdesk.core.article import Language
from newsdesk.render.body import finish, markdown_to_html


@dataclass(frozen=True, slots=True)
class RenderedBlock:
    """One top-level block of the body. ``key`` is a hash of everything its HTML
    depends on; two identical paragraphs share a key."""

    key: str
    html: str


_FENCE = FencedBlockPreprocessor.FENCED_BLOCK_RE
_REFERENCE_DEF = ReferenceProcessor.RE
_FOOTNOTE_DEF = FootnoteBlockProcessor.RE
_FOOTNOTE_CALL = re.compile(r"\[\^([^\]]*)\]")
_BRACKETED = re.compile(r"\[([^\[\]]*)\]")
_LIST_ITEM = re.compile(r"^[ ]{0,3}(?:[*+-]|\d+\.)[ ]+")
_QUOTE = re.compile(r"^[ ]{0,3}>")
_HTML_OPEN = re.compile(r"^<([A-Za-z][A-Za-z0-9-]*)[\s/>]|^<([A-Za-z][A-Za-z0-9-]*)$")
_BLANK_WITH_SPACES = re.compile(r"(?<=\n) +\n")
_FOOTNOTE_DIV = '<div class="footnote">'
_VOID = frozenset({"hr", "br", "img", "input", "meta", "link", "area", "base", "col", "wbr"})


def _normalize(text: str) -> str:
    """What Python-Markdown does to the source before looking at it."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").expandtabs(4)
    return _BLANK_WITH_SPACES.sub("\n", text)


def _html_unclosed(chunk: str) -> bool:
    """True if the chunk opens a raw HTML block (or comment) it does not close."""
    if chunk.startswith("<!--"):
        return "-->" not in chunk
    match = _HTML_OPEN.match(chunk)
    if match is None:
        return False
    tag = (match.group(1) or match.group(2)).lower()
    if tag in _VOID:
        return False
    opened = len(re.findall(rf"<{tag}(?=[\s/>])", chunk, re.IGNORECASE))
    closed = len(re.findall(rf"</{tag}\s*>", chunk, re.IGNORECASE))
    return opened > closed


def split_blocks(markdown_text: str) -> list[str]:
    """The body's top-level blocks, each convertible on its own."""
    text = _normalize(markdown_text)
    lines = text.split("\n")
    # Fenced code may hold blank lines: its lines never end a block.
    fenced_until: dict[int, int] = {}
    if "```" in text or "~~~" in text:
        for fence in _FENCE.finditer(text):
            first = text.count("\n", 0, fence.start())
            last = first + text.count("\n", fence.start(), fence.end())
            fenced_until[first] = last

    # Runs of non-blank lines, as (first, last) line numbers.
    runs: list[tuple[int, int]] = []
    start: int | None = None
    i = 0
    while i < len(lines):
        if i in fenced_until:
            if start is None:
                start = i
            i = fenced_until[i] + 1
            continue
        if lines[i].strip() == "":
            if start is not None:
                runs.append((start, i - 1))
                start = None
        elif start is None:
            start = i
        i += 1
    if start is not None:
        runs.append((start, len(lines) - 1))

    merged: list[list[int]] = []
    for first, last in runs:
        if merged and _continues(lines, merged[-1], first):
            merged[-1][1] = last
        else:
            merged.append([first, last])
    return ["\n".join(lines[first : last + 1]) for first, last in merged]


def _continues(lines: list[str], previous: list[int], first: int) -> bool:
    """Whether the run starting at line ``first`` belongs to the ``previous`` block."""
    head = lines[first]
    if head.startswith("    "):
        return True
    before = lines[previous[0] : previous[1] + 1]
    if _LIST_ITEM.match(head) and any(_LIST_ITEM.match(line) for line in before):
        return True
    if _QUOTE.match(head) and any(_QUOTE.match(line) for line in before):
        return True
    return _html_unclosed("\n".join(before))


def _reference_definitions(blocks: list[str]) -> list[tuple[str, str]]:
    """Every reference-link definition of the body as (id, its source), in order."""
    found: list[tuple[str, str]] = []
    for block in blocks:
        if "]:" not in block:
            continue
        for match in _REFERENCE_DEF.finditer(block):
            ref_id = match.group(1).strip().lower()
            if not ref_id.startswith("^"):
                found.append((ref_id, match.group(0).strip()))
    return found


def _footnote_definitions(blocks: list[str]) -> list[str]:
    """Every footnote definition's source, in order: from its ``[^id]:`` line
    to the next definition or the end of its block (its indented paragraphs
    are in the same block)."""
    found: list[str] = []
    for block in blocks:
        if "[^" not in block:
            continue
        matches = list(_FOOTNOTE_DEF.finditer(block))
        for n, match in enumerate(matches):
            end = matches[n + 1].start() if n + 1 < len(matches) else len(block)
            found.append(block[match.start() : end].strip("\n"))
    return found


class BodyRenderer:
    """Renders a body block by block, converting only the blocks that changed.

    Safe to call from one worker thread at a time (the preview runs one render
    in flight); the cache is guarded so a stray second caller cannot corrupt it.
    """

    def __init__(self, cache_size: int = 8192) -> None:
        self._cache: OrderedDict[str, str] = OrderedDict()
        self._cache_size = cache_size
        self._lock = threading.Lock()
        #: Blocks converted by the last call: what a keystroke really cost.
        self.last_converted = 0

    def render(self, markdown_text: str, language: Language) -> str:
        return "".join(block.html for block in self.render_blocks(markdown_text, language))

    def render_blocks(self, markdown_text: str, language: Language) -> list[RenderedBlock]:
        blocks = split_blocks(markdown_text)
        references = _reference_definitions(blocks) if "]:" in markdown_text else []
        footnotes = _footnote_definitions(blocks) if "[^" in markdown_text else []
        all_footnotes = "\n\n".join(footnotes)
        converted = 0
        result: list[RenderedBlock] = []
        with self._lock:
            for block in blocks:
                extra = self._definitions_for(block, references, all_footnotes)
                html, was_converted = self._block_html(block, extra, language, strip_notes=True)
                converted += was_converted
                if html.html:
                    result.append(html)
            if footnotes:
                notes, was_converted = self._block_html(
                    all_footnotes, "", language, strip_notes=False
                )
                converted += was_converted
                if notes.html:
                    result.append(notes)
        self.last_converted = converted
        return result

    @staticmethod
    def _definitions_for(block: str, references: list[tuple[str, str]], footnotes: str) -> str:
        extra: list[str] = []
        if references and "[" in block:
            named = {" ".join(name.split()).lower() for name in _BRACKETED.findall(block)} | {
                name.strip().lower() for name in _BRACKETED.findall(block)
            }
            extra.extend(source for ref_id, source in references if ref_id in named)
        if footnotes and _FOOTNOTE_CALL.search(block):
            extra.append(footnotes)
        return "\n\n".join(extra)

    def _block_html(
        self, block: str, extra: str, language: Language, *, strip_notes: bool
    ) -> tuple[RenderedBlock, int]:
        digest = hashlib.blake2b(digest_size=12)
        for part in (language.value, "\0", block, "\0", extra, "\0", str(strip_notes)):
            digest.update(part.encode("utf-8", "surrogatepass"))
        key = digest.hexdigest()
        cached = self._cache.get(key)
        if cached is not None:
            self._cache.move_to_end(key)
            return RenderedBlock(key, cached), 0
        source = f"{block}\n\n{extra}" if extra else block
        raw = markdown_to_html(source, language)
        if strip_notes:
            # The footnote list belongs to the end of the body, rendered once there.
            cut = raw.rfind(_FOOTNOTE_DIV)
            if cut != -1:
                raw = raw[:cut].rstrip("\n")
        html = finish(raw, language)
        self._cache[key] = html
        if len(self._cache) > self._cache_size:
            self._cache.popitem(last=False)
        return RenderedBlock(key, html), 1
