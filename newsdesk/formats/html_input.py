"""HTML that comes in, shaped for newsdesk's Markdown: the clipboard's (a web page,
Word, Google Docs, LibreOffice) and mammoth's reading of a Word file.

A paste goes: the clipboard's HTML → its fragment → Word's and Google Docs' habits
made plain HTML (Word's lists are paragraphs with a hidden bullet; bold in Google
Docs is a styled span) → the renderer's own sanitizer (``render.sanitize``: no
script, style, frame or handler, only the tags an article has) → newsdesk's one
HTML → Markdown converter. Raw tags never reach the text.
"""

from __future__ import annotations

import gc
import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from bs4 import BeautifulSoup, Comment, Declaration, Tag

from newsdesk.render import sanitize
from newsdesk.render.html_to_markdown import html_to_markdown, parse_html, take_apart

_FRAGMENT = re.compile(r"<!--\s*StartFragment\s*-->(.*)<!--\s*EndFragment\s*-->", re.DOTALL)
_HEADING = re.compile(r"^h[1-6]$")
_MSO_LIST = re.compile(r"mso-list:\s*(?P<list>l\d+)\s+level(?P<level>\d)", re.IGNORECASE)
_MSO_IGNORE = re.compile(r"mso-list:\s*ignore", re.IGNORECASE)
_ORDERED_MARK = re.compile(r"^\s*(\d+|[a-zA-Z]|[ivxlcdmIVXLCDM]+)[.)]")
# Word writes mso-bidi-font-weight and the like: only the property itself counts.
_BOLD_STYLE = re.compile(r"(?<![\w-])font-weight:\s*(bold|[6-9]00)", re.IGNORECASE)
_ITALIC_STYLE = re.compile(r"(?<![\w-])font-style:\s*italic", re.IGNORECASE)
_NORMAL_WEIGHT = re.compile(r"(?<![\w-])font-weight:\s*(normal|[1-4]00)", re.IGNORECASE)
_KEPT_LINK = re.compile(r"^(https?:|mailto:)", re.IGNORECASE)
_KEPT_IMAGE = re.compile(r"^https?:", re.IGNORECASE)
#: Tags that make an HTML paste more than text: without any, the plain text is pasted
#: (a code editor or a terminal puts its coloured text on the clipboard as spans).
#: A search, not a parse: it is asked on the UI thread, of a paste of any size.
_MEANING = re.compile(
    r"<(p|h[1-6]|ul|ol|li|blockquote|strong|b|em|i|a|img|table)[\s>/]"
    r"|(?<![\w-])font-weight:\s*(bold|[6-9]00)|(?<![\w-])font-style:\s*italic",
    re.IGNORECASE,
)
_SURROGATE = re.compile("[\ud800-\udfff]")
_WORD_QUOTE = re.compile(r"^Mso(Intense)?Quote", re.IGNORECASE)


def has_formatting(html: str) -> bool:
    """Whether the clipboard's HTML carries structure worth converting."""
    return _MEANING.search(_fragment(html)) is not None


def paste_markdown(html: str, *, french: bool) -> str:
    """The Markdown of the clipboard's HTML; empty when nothing of it is text."""
    if _SURROGATE.search(html):
        # A lone surrogate (a broken clipboard owner) cannot be encoded: the sanitizer
        # would refuse the whole paste. It becomes U+FFFD, the rest comes across.
        html = _SURROGATE.sub("\ufffd", html)
    with collector_paused():
        soup = parse_html(_fragment(html))
        try:
            clean = sanitize(_shaped(soup))
        finally:
            take_apart(soup)
        return html_to_markdown(clean, french=french)


def _shaped(soup: BeautifulSoup) -> str:
    """Word's, Google Docs' and web pages' HTML as plain article HTML (not yet sanitized)."""
    for junk in soup.find_all(["style", "script", "head", "title", "meta", "link", "xml"]):
        junk.decompose()
    for node in soup.find_all(string=lambda s: isinstance(s, (Comment, Declaration))):
        node.extract()
    _word_lists(soup)
    _styled_spans(soup)
    for tag in soup.find_all(True):
        if tag.name == "b":
            tag.name = "strong"
        elif tag.name == "i":
            tag.name = "em"
        elif ":" in tag.name:
            tag.unwrap()  # Word's <o:p>, <v:shape>...
        elif tag.name == "p" and _WORD_QUOTE.match(" ".join(tag.get("class") or [])):
            quote = soup.new_tag("blockquote")
            tag.wrap(quote)
    for image in soup.find_all("img"):
        # A file on the copier's disk, a data: URI or a mail attachment would be
        # broken links in the article.
        if not _KEPT_IMAGE.match(str(image.get("src", "")).strip()):
            image.decompose()
    unwrap_dead_links(soup, _KEPT_LINK)
    rank_intertitles(soup)
    for heading in soup.find_all(_HEADING):
        # Google Docs and web pages often bolden a heading's text: ``## **Titre**``.
        for strong in heading.find_all("strong"):
            strong.unwrap()
    header_rows(soup)
    return str(soup)


# --- Shared with the Word import --------------------------------------------------------


class _Collector:
    """Whether newsdesk paused the collector, and how many conversions run."""

    lock = threading.Lock()
    running = 0
    was_enabled = True


@contextmanager
def collector_paused() -> Iterator[None]:
    """Python's cyclic garbage collector waits while a conversion builds its trees.

    A long paste or a 50-page Word file is a tree of a million objects: each full
    collection while it grows scans them all holding the interpreter, half a second
    during which the window's UI thread (which shares it) cannot run, typing included.
    The trees are taken apart when done (``take_apart``), so reference counting frees
    them without the collector. Nested and concurrent conversions keep it paused until
    the last one ends.
    """
    with _Collector.lock:
        if _Collector.running == 0:
            _Collector.was_enabled = gc.isenabled()
            gc.disable()
        _Collector.running += 1
    try:
        yield
    finally:
        with _Collector.lock:
            _Collector.running -= 1
            if _Collector.running == 0 and _Collector.was_enabled:
                gc.enable()


def rank_intertitles(soup: BeautifulSoup) -> None:
    """Headings, whatever their levels, as the site's ``##``, ``###``, ``####`` (the
    page's ``<h1>`` is the headline; the sanitizer keeps h2-h4)."""
    headings = soup.find_all(_HEADING)
    levels = sorted({int(h.name[1]) for h in headings})
    rank = {level: min(2 + index, 4) for index, level in enumerate(levels)}
    for heading in headings:
        heading.name = f"h{rank[int(heading.name[1])]}"


def header_rows(soup: BeautifulSoup) -> int:
    """Tables as the renderer's Markdown tables: the first row is their header, a
    cell's paragraphs one line. The count of tables with merged cells (written cell by
    cell: simplified)."""
    merged = 0
    for table in soup.find_all("table"):
        cells = table.find_all(["td", "th"])
        if any(cell.has_attr("colspan") or cell.has_attr("rowspan") for cell in cells):
            merged += 1
        first_row = table.find("tr")
        if isinstance(first_row, Tag) and not table.find("th"):
            for cell in first_row.find_all("td", recursive=False):
                cell.name = "th"
        for cell in cells:
            for index, paragraph in enumerate(cell.find_all("p", recursive=False)):
                if index:
                    paragraph.insert_before(" ")
                paragraph.unwrap()
    return merged


def unwrap_dead_links(soup: BeautifulSoup, kept: re.Pattern[str]) -> None:
    """Links whose target does not fit ``kept`` (an anchor of the source page, a
    bookmark, ``javascript:``, a relative path) keep their text, plain."""
    for link in soup.find_all("a"):
        if not kept.match(str(link.get("href", "")).strip()):
            link.unwrap()


# --- The clipboard's habits --------------------------------------------------------------


def _fragment(html: str) -> str:
    """What was copied, without the page around it (Windows' and Word's markers)."""
    match = _FRAGMENT.search(html)
    return match.group(1) if match else html


def _word_lists(soup: BeautifulSoup) -> None:
    """Word's list paragraphs (``mso-list:l0 level1``, a hidden bullet span) as lists."""
    runs: list[list[Tag]] = []  # consecutive paragraphs of one Word list: one list each
    last_list = ""
    for paragraph in soup.find_all("p", style=_MSO_LIST):
        match = _MSO_LIST.search(str(paragraph.get("style", "")))
        word_list = match.group("list") if match else ""
        if runs and runs[-1][-1].find_next_sibling() is paragraph and word_list == last_list:
            runs[-1].append(paragraph)
        else:
            runs.append([paragraph])
        last_list = word_list
    for run in runs:
        top: Tag | None = None
        stack: list[tuple[int, Tag]] = []  # (level, list element), innermost last
        base = 0
        for paragraph in run:
            match = _MSO_LIST.search(str(paragraph.get("style", "")))
            level = int(match.group("level")) if match else 1
            base = base or level
            level = max(level, base)
            hidden = paragraph.find_all("span", style=_MSO_IGNORE)
            marker = "".join(span.get_text() for span in hidden)
            for span in hidden:
                span.decompose()
            item = soup.new_tag("li")
            for child in list(paragraph.children):
                item.append(child.extract())
            while stack and stack[-1][0] > level:
                stack.pop()
            if not stack or stack[-1][0] < level:
                new_list = soup.new_tag("ol" if _ORDERED_MARK.match(marker) else "ul")
                if stack:
                    items = stack[-1][1].find_all("li", recursive=False)
                    (items[-1] if items else stack[-1][1]).append(new_list)
                else:
                    top = new_list
                stack.append((level, new_list))
            stack[-1][1].append(item)
        if top is not None:
            run[0].replace_with(top)
        for paragraph in run[1:]:
            paragraph.decompose()
    for span in soup.find_all("span", style=_MSO_IGNORE):
        span.decompose()  # a numbered heading's hidden number


def _styled_spans(soup: BeautifulSoup) -> None:
    """Google Docs' bold and italics are styles on spans (and its whole paste sits in
    a ``<b style="font-weight:normal">``)."""
    for bold in soup.find_all("b", style=_NORMAL_WEIGHT):
        bold.unwrap()
    for span in soup.find_all("span"):
        style = str(span.get("style", ""))
        heavy, slanted = bool(_BOLD_STYLE.search(style)), bool(_ITALIC_STYLE.search(style))
        if heavy or slanted:
            inner = soup.new_tag("strong" if heavy else "em")
            for child in list(span.children):
                inner.append(child.extract())
            if heavy and slanted:
                emphasis = soup.new_tag("em")
                for child in list(inner.children):
                    emphasis.append(child.extract())
                inner.append(emphasis)
            span.append(inner)
        span.unwrap()


__all__ = [
    "collector_paused",
    "has_formatting",
    "header_rows",
    "paste_markdown",
    "rank_intertitles",
    "unwrap_dead_links",
]
