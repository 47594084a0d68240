"""Two questions about HTML fragments that the content converter asks again and again:
what are its top-level elements, and do two fragments say the same thing.

Both walk the fragment with the standard library's HTML tokenizer (``html.parser``),
which never raises on broken markup; regular expressions cannot follow nesting.
"""

from __future__ import annotations

import difflib
import html
import re
from dataclasses import dataclass
from html.parser import HTMLParser

#: Elements that end a line of text: whitespace next to them is layout, not a space.
BLOCK_TAGS = frozenset(
    {
        "p", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "blockquote", "figure",
        "figcaption", "table", "thead", "tbody", "tfoot", "tr", "td", "th", "div", "pre",
        "hr", "section", "dl", "dt", "dd", "cite", "iframe", "video", "audio", "br",
    }
)  # fmt: skip
VOID_TAGS = frozenset(
    {
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "track", "wbr",
    }
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class Element:
    """A top-level element of a fragment: its tag, its whole text and what is inside it."""

    tag: str
    outer: str
    inner: str
    start_tag: str


class _Splitter(HTMLParser):
    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=False)
        self.text = text
        self.depth = 0
        self.current: list[int] = []  # [start, inner_start] of the open top-level element
        self.tag = ""
        self.found: list[Element] = []
        self.loose = False  # text or stray markup outside any element
        # Offsets: HTMLParser reports (line, column); the lines' starts map them back.
        self.line_starts = [0]
        for index, char in enumerate(text):
            if char == "\n":
                self.line_starts.append(index + 1)

    def _offset(self) -> int:
        line, column = self.getpos()
        return self.line_starts[line - 1] + column

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        start = self._offset()
        raw = self.get_starttag_text() or ""
        if self.depth == 0:
            self.current = [start, start + len(raw)]
            self.tag = tag
            if tag in VOID_TAGS:
                self._close(start + len(raw), start + len(raw))
                return
        if tag not in VOID_TAGS:
            self.depth += 1

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.depth == 0:
            start = self._offset()
            raw = self.get_starttag_text() or ""
            self.current = [start, start + len(raw)]
            self.tag = tag
            self._close(start + len(raw), start + len(raw))

    def handle_endtag(self, tag: str) -> None:
        if self.depth == 0:
            self.loose = True
            return
        self.depth -= 1
        if self.depth == 0:
            start = self._offset()
            end = self.text.find(">", start) + 1 or len(self.text)
            self._close(start, end)

    def _close(self, inner_end: int, end: int) -> None:
        start, inner_start = self.current
        self.found.append(
            Element(
                self.tag,
                self.text[start:end],
                self.text[inner_start:inner_end],
                self.text[start:inner_start],
            )
        )

    def handle_data(self, data: str) -> None:
        if self.depth == 0 and data.strip():
            self.loose = True

    def handle_comment(self, data: str) -> None:
        if self.depth == 0:
            self.loose = True


def top_level(fragment: str) -> list[Element] | None:
    """The fragment's top-level elements in order; None when it also holds text, a comment
    or markup outside any element (then it is not a plain sequence of elements)."""
    splitter = _Splitter(fragment)
    splitter.feed(fragment)
    splitter.close()
    if splitter.loose or splitter.depth:
        return None
    return splitter.found


class _Canon(HTMLParser):
    def __init__(self, ignored_attributes: frozenset[tuple[str, str]]) -> None:
        super().__init__(convert_charrefs=True)
        self.ignored = ignored_attributes
        self.items: list[tuple[str, ...]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        kept = sorted(
            (name, value or "") for name, value in attrs if (tag, name) not in self.ignored
        )
        self.items.append(("<", tag, *(f"{n}={v}" for n, v in kept)))
        if tag in VOID_TAGS:
            self.items.append((">", tag))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in VOID_TAGS:
            self.items.append((">", tag))

    def handle_endtag(self, tag: str) -> None:
        if tag not in VOID_TAGS:
            self.items.append((">", tag))

    def handle_data(self, data: str) -> None:
        # ASCII whitespace only: a no-break space is a character, never layout.
        self.items.append(("t", " " if not data.strip(_SPACE) else data))

    def handle_comment(self, data: str) -> None:
        self.items.append(("!", data))


def canonical(
    fragment: str, *, ignored: frozenset[tuple[str, str]] = frozenset()
) -> list[tuple[str, ...]]:
    """What a fragment says, with the differences that do not change it taken out:
    entities decoded, attribute order and quoting, ``<br>`` against ``<br />``, runs of
    whitespace inside text, and whitespace-only text next to a block element (layout).
    ``ignored`` names (tag, attribute) pairs left out of the comparison."""
    parser = _Canon(ignored)
    parser.feed(fragment)
    parser.close()
    merged: list[tuple[str, ...]] = []
    for item in parser.items:
        if item[0] == "t" and merged and merged[-1][0] == "t":
            merged[-1] = ("t", merged[-1][1] + item[1])
        else:
            merged.append(item)
    result: list[tuple[str, ...]] = []
    for index, item in enumerate(merged):
        if item[0] != "t":
            result.append(item)
            continue
        text = _collapse(item[1])
        if not text.strip(" "):
            before = merged[index - 1] if index else None
            after = merged[index + 1] if index + 1 < len(merged) else None
            if _is_block(before) or _is_block(after) or before is None or after is None:
                continue
            text = " "
        else:
            if _is_block(merged[index - 1] if index else None) or index == 0:
                text = text.lstrip(" ")
            if index + 1 >= len(merged) or _is_block(merged[index + 1]):
                text = text.rstrip(" ")
        result.append(("t", text))
    return result


_SPACE = " \t\r\n\f"


def _collapse(text: str) -> str:
    # Runs of ASCII whitespace read as one space; no-break spaces are characters.
    out: list[str] = []
    space = False
    for char in text:
        if char in " \t\r\n\f":
            if not space:
                out.append(" ")
            space = True
        else:
            out.append(char)
            space = False
    return "".join(out)


def _is_block(item: tuple[str, ...] | None) -> bool:
    return item is not None and item[0] in "<>" and item[1] in BLOCK_TAGS


def same_html(a: str, b: str, *, ignored: frozenset[tuple[str, str]] = frozenset()) -> bool:
    return canonical(a, ignored=ignored) == canonical(b, ignored=ignored)


_UNIT = re.compile(
    r"""<!--.*?-->|<[A-Za-z/!?][^>"']*(?:(?:"[^"]*"|'[^']*')[^>"']*)*>"""
    r"|&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);|[ \t\r\n]+|.",
    re.DOTALL,
)


def _units(fragment: str) -> list[tuple[str, str]]:
    """(key, raw) for each tag, entity or character: the key says what it is, the raw
    how it was written."""
    units: list[tuple[str, str]] = []
    for match in _UNIT.finditer(fragment):
        raw = match.group(0)
        if raw.startswith("<") and len(raw) > 1:
            # A link's rel is the sanitizer's or the site's: the same link either way.
            key = "<" + repr(canonical(raw, ignored=frozenset({("a", "rel")})))
        elif raw.startswith("&") and len(raw) > 1:
            key = html.unescape(raw)
        else:
            key = raw
        if not key.strip(" \t\r\n"):  # a run of whitespace, however it is written
            key = " "
        units.append((key, raw))
    return units


def patch_fragment(original: str, edited: str) -> str:
    """``edited`` written as much as possible with ``original``'s bytes: where the two
    say the same thing (the same characters, the same tags), ``original``'s way of
    writing it (its entities, its attribute order, its line breaks) is kept, so that
    changing one word of a paragraph changes that word and not how the rest is written."""
    old, new = _units(original), _units(edited)
    matcher = difflib.SequenceMatcher(
        None, [k for k, _ in old], [k for k, _ in new], autojunk=False
    )
    out: list[str] = []
    for tag, a0, a1, b0, b1 in matcher.get_opcodes():
        if tag == "equal":
            out.extend(raw for _, raw in old[a0:a1])
        else:
            out.extend(raw for _, raw in new[b0:b1])
    return "".join(out)
