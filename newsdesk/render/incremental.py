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

A footnote called again in a later block gets its ``fnref2:`` anchor as in the
full render: each block is converted after a throw-away paragraph repeating
the earlier calls of its notes. Known differences from :func:`render_body`,
outside ordinary documents: raw HTML spanning blank lines is followed by one
newline instead of two; a ``[^id]`` inside code still counts as a call; and a
note called both inside a list or quote and elsewhere may swap its ``fnref:``
and ``fnref2:`` anchors (Python-Markdown numbers calls in its own tree-walk
order, not in reading order; every anchor and back-link still works).
"""

from __future__ import annotations

import hashlib
import re
import threading
from collections import OrderedDict
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass

from markdown.blockprocessors import ReferenceProcessor
from markdown.extensions.fenced_code import FencedBlockPreprocessor
from markdown.extensions.footnotes import FootnoteBlockProcessor

from newsdesk.core.article import Language
from newsdesk.render.body import finish, markdown_to_html
from newsdesk.render.site_blocks import opens_block


@dataclass(frozen=True, slots=True)
class RenderedBlock:
    """One top-level block of the body. ``key`` is a hash of everything its HTML
    depends on; two identical paragraphs share a key."""

    key: str
    html: str


@dataclass(frozen=True, slots=True)
class PlacedBlock:
    """A rendered block and the lines of the body it comes from: ``first_line``
    (counted from 0, as the editor counts its lines) and ``line_count``. The
    footnote list, made of definitions from anywhere, is placed after the last
    line, with no line of its own. Kept apart from :class:`RenderedBlock`, which
    is cached by content: a paragraph moved down keeps its key and its HTML."""

    block: RenderedBlock
    first_line: int
    line_count: int


_FENCE = FencedBlockPreprocessor.FENCED_BLOCK_RE
_REFERENCE_DEF = ReferenceProcessor.RE
_FOOTNOTE_DEF = FootnoteBlockProcessor.RE
_FOOTNOTE_CALL = re.compile(r"\[\^([^\]]*)\]")
_BRACKETED = re.compile(r"\[([^\[\]]*)\]")
_LIST_ITEM = re.compile(r"^[ ]{0,3}(?:[*+-]|\d+\.)[ ]+")
_QUOTE = re.compile(r"^[ ]{0,3}>")
_HTML_OPEN = re.compile(r"^<([A-Za-z][A-Za-z0-9-]*)[\s/>]|^<([A-Za-z][A-Za-z0-9-]*)$")
_DEFINITION_LINE = re.compile(r"^[ ]{0,3}\[[^\]]*\]:")
_NOTE_END = re.compile(r"\n\n+(?=[^\s])")
_BLANK_WITH_SPACES = re.compile(r"(?<=\n) +\n")
_FOOTNOTE_DIV = '<div class="footnote">'
# The parts of a block's cache key (``BodyRenderer._block_html``).
_SOURCES = 6
_VOID = frozenset({"hr", "br", "img", "input", "meta", "link", "area", "base", "col", "wbr"})


def _normalize(text: str) -> str:
    """What Python-Markdown does to the source before looking at it."""
    # Each step only when needed: this runs on the whole body at every keystroke.
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "\t" in text:
        text = text.expandtabs(4)
    if " \n" in text:
        text = _BLANK_WITH_SPACES.sub("\n", text)
    return text


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
    return [block for _first, block in block_lines(markdown_text)]


def block_lines(markdown_text: str) -> list[tuple[int, str]]:
    """The body's top-level blocks, each with the number of its first line.

    Normalizing keeps every line where it is (tabs and trailing spaces change
    only within a line), so for the editor's text, which holds no carriage
    return, a block's lines are the editor's."""
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
    return [(first, "\n".join(lines[first : last + 1])) for first, last in merged]


def _run_end(lines: list[str], first: int) -> int:
    last = first
    while last + 1 < len(lines) and lines[last + 1].strip():
        last += 1
    return last


def _continues(lines: list[str], previous: list[int], first: int) -> bool:
    """Whether the run starting at line ``first`` belongs to the ``previous`` block."""
    head = lines[first]
    if head.startswith("    "):
        return True
    if _DEFINITION_LINE.match(head) and all(
        _DEFINITION_LINE.match(line) or line.startswith((" ", "\t"))
        for line in lines[first : _run_end(lines, first) + 1]
    ):
        # Definitions leave no element behind: what follows them continues the
        # block before (a list item after them joins the list above).
        return True
    before = lines[previous[0] : previous[1] + 1]
    if _LIST_ITEM.match(head) and any(_LIST_ITEM.match(line) for line in before):
        return True
    if _QUOTE.match(head) and any(_QUOTE.match(line) for line in before):
        return True
    joined = "\n".join(before)
    return _html_unclosed(joined) or opens_block(joined)


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


def _footnote_definitions(blocks: list[str]) -> list[tuple[int, str]]:
    """Every footnote definition as (its block's index, its source), in order:
    from its ``[^id]:`` line to the next definition, the end of its block, or
    the first unindented line after a blank one."""
    found: list[tuple[int, str]] = []
    for index, block in enumerate(blocks):
        if "[^" not in block:
            continue
        matches = list(_FOOTNOTE_DEF.finditer(block))
        for n, match in enumerate(matches):
            end = matches[n + 1].start() if n + 1 < len(matches) else len(block)
            # A blank line then an unindented line ends the note (a merged block
            # may go on with a list item or a quote).
            outdent = _NOTE_END.search(block, match.end(), end)
            if outdent is not None:
                end = outdent.start()
            found.append((index, block[match.start() : end].strip("\n")))
    return found


def _references_for(block: str, references: list[tuple[str, str]]) -> str:
    """The reference definitions a block names, to append to it."""
    if not references or "[" not in block:
        return ""
    # Every spelling Python-Markdown might look the id up by (it lowers it and
    # turns a line break into a space); a definition too many costs nothing.
    named: set[str] = set()
    for name in _BRACKETED.findall(block):
        lowered = name.lower()
        named.update((lowered, lowered.strip(), lowered.replace("\n", " ")))
    return "\n".join(source for ref_id, source in references if ref_id in named)


def _footnote_calls(block: str) -> list[str]:
    """The footnote ids a block calls, in order (a definition's own label is no call)."""
    if "[^" not in block:
        return []
    defined_at = {m.start() for m in _FOOTNOTE_DEF.finditer(block)}
    return [
        m.group(1)
        for m in _FOOTNOTE_CALL.finditer(block)
        if not any(start <= m.start() <= start + 3 for start in defined_at)
    ]


class BodyRenderer:
    """Renders a body block by block, converting only the blocks that changed.

    Safe to call from one worker thread at a time (the preview runs one render
    in flight); the cache is guarded so a stray second caller cannot corrupt it.
    """

    def __init__(self, cache_size: int = 8192) -> None:
        self._cache: OrderedDict[tuple[str, ...], RenderedBlock] = OrderedDict()
        self._cache_size = cache_size
        self._lock = threading.Lock()
        #: Blocks converted by the last call: what a keystroke really cost.
        self.last_converted = 0

    def render(self, markdown_text: str, language: Language) -> str:
        return "".join(block.html for block in self.render_blocks(markdown_text, language))

    def render_blocks(self, markdown_text: str, language: Language) -> list[RenderedBlock]:
        return [placed.block for placed in self.render_placed(markdown_text, language)]

    def render_placed(self, markdown_text: str, language: Language) -> list[PlacedBlock]:
        """The blocks with the body lines each comes from (a block that renders
        to nothing, such as a lone link definition, is left out)."""
        located = block_lines(markdown_text)
        blocks = [block for _first, block in located]
        references = _reference_definitions(blocks) if "]:" in markdown_text else []
        footnotes = _footnote_definitions(blocks) if "[^" in markdown_text else []
        all_footnotes = "\n\n".join(source for _, source in footnotes)
        converted = 0
        result: list[PlacedBlock] = []
        # Calls to each footnote so far: a second call gets the anchor ``fnref2:id``.
        calls_so_far: dict[str, int] = {}
        every_call: list[str] = []
        with self._lock:
            for index, block in enumerate(blocks):
                calls = _footnote_calls(block) if footnotes else []
                after = _references_for(block, references)
                earlier_calls = before = ""
                if calls:
                    # Earlier calls of the same notes, as a paragraph converted then dropped.
                    earlier_calls = "".join(
                        f"[^{note}]" * calls_so_far.get(note, 0) for note in dict.fromkeys(calls)
                    )
                    # Every note, those of this block in place, so the numbering (in
                    # order of definition) is the full render's.
                    before = "\n\n".join(src for at, src in footnotes if at < index)
                    later = "\n\n".join(src for at, src in footnotes if at > index)
                    after = "\n\n".join(part for part in (after, later) if part)
                for note in calls:
                    calls_so_far[note] = calls_so_far.get(note, 0) + 1
                every_call.extend(calls)
                html, was_converted = self._block_html(
                    block, language, earlier_calls=earlier_calls, before=before, after=after
                )
                converted += was_converted
                if html.html:
                    first = located[index][0]
                    result.append(PlacedBlock(html, first, block.count("\n") + 1))
            if footnotes:
                # The note list, with one back-link per call, as the full render ends.
                calls_line = "".join(f"[^{note}]" for note in every_call)
                notes, was_converted = self._block_html(
                    all_footnotes, language, earlier_calls=calls_line, notes=True
                )
                converted += was_converted
                if notes.html:
                    after_last = markdown_text.count("\n") + 1
                    result.append(PlacedBlock(notes, after_last, 0))
        self.last_converted = converted
        return result

    def entries(self, keys: Collection[str]) -> list[list[str]]:
        """The cached conversions of the blocks ``keys`` (and of those that convert to
        nothing, which no page shows): each its sources, then its key and HTML. What a
        page kept for the next start-up carries, so that the renderer there converts
        none of them again (``adopt``)."""
        wanted = set(keys)
        with self._lock:
            return [
                [*sources, block.key, block.html]
                for sources, block in self._cache.items()
                if block.key in wanted or not block.html
            ]

    def adopt(self, entries: Iterable[Sequence[str]]) -> None:
        """Take conversions made by an earlier renderer (``entries``); a malformed
        entry is skipped (it is then converted when needed)."""
        with self._lock:
            for entry in entries:
                if len(entry) == _SOURCES + 2 and all(isinstance(part, str) for part in entry):
                    sources = tuple(entry[:_SOURCES])
                    self._cache[sources] = RenderedBlock(entry[_SOURCES], entry[_SOURCES + 1])
            while len(self._cache) > self._cache_size:
                self._cache.popitem(last=False)

    def _block_html(
        self,
        block: str,
        language: Language,
        *,
        earlier_calls: str = "",
        before: str = "",
        after: str = "",
        notes: bool = False,
    ) -> tuple[RenderedBlock, int]:
        """One block's HTML, from the cache or converted. ``before`` and ``after``
        are definitions placed around the block; ``earlier_calls`` a paragraph of
        footnote calls converted first and dropped. With ``notes``, only the
        footnote list is kept; otherwise everything but it."""
        # Looked up by the sources themselves (Python hashes strings in C, faster
        # than a digest of every block at every keystroke); the stable digest is
        # made only for a block that must be converted.
        sources = (language.value, block, earlier_calls, before, after, "notes" if notes else "")
        cached = self._cache.get(sources)
        if cached is not None:
            self._cache.move_to_end(sources)
            return cached, 0
        digest = hashlib.blake2b(digest_size=12)
        for part in sources:
            digest.update(part.encode("utf-8", "surrogatepass"))
            digest.update(b"\0")
        key = digest.hexdigest()
        source = "\n\n".join(part for part in (earlier_calls, before, block, after) if part)
        raw = markdown_to_html(source, language)
        cut = raw.rfind(_FOOTNOTE_DIV)
        if notes:
            raw = raw[cut:] if cut != -1 else ""
        else:
            # The note list belongs to the end of the body, rendered once there.
            if cut != -1:
                raw = raw[:cut].rstrip("\n")
            if earlier_calls:
                raw = raw.split("</p>\n", 1)[1] if "</p>\n" in raw else ""
        rendered = RenderedBlock(key, finish(raw, language))
        self._cache[sources] = rendered
        if len(self._cache) > self._cache_size:
            self._cache.popitem(last=False)
        return rendered, 1
