"""An article body: Markdown, then sanitized HTML, then French typography.

Python-Markdown extensions, and why:

- ``fenced_code`` and ``tables``, from ``extra``: reporters paste figures as
  tables and, rarely, a code sample; tables write ``align=""`` (not a style
  attribute, which the sanitizer removes) so column alignment survives.
- ``footnotes``, from ``extra``: sources cited at the foot of an investigation.
- ``sane_lists``: a numbered list and a bulleted one that follow each other
  stay two lists, as a reporter expects.
- Left out of ``extra``: ``abbr`` (a whole-document construct that would cost
  the incremental preview for a feature the site does not show), ``attr_list``
  (lets the text set ids and classes the sanitizer would strip anyway),
  ``def_list`` and ``md_in_html`` (no use in a news article). Left out
  altogether: ``smarty`` (English quotes, and the dearest extension: French
  typography is done by :mod:`newsdesk.render.typography`) and ``toc``.

The body's ``#`` heading becomes ``<h2>``: the page's ``<h1>`` is the headline,
and intertitles are ``##`` on the site.
"""

from __future__ import annotations

import html
import re
import threading
from typing import Final

import markdown
import nh3
from markdown.extensions.fenced_code import FencedCodeExtension
from markdown.extensions.footnotes import FootnoteExtension
from markdown.extensions.sane_lists import SaneListExtension
from markdown.extensions.tables import TableExtension

from newsdesk.core.article import Language
from newsdesk.render.site_blocks import CSS_CLASS as SITE_BLOCK_CLASS
from newsdesk.render.site_blocks import with_placeholders
from newsdesk.render.typography import french_typography

#: Tags a news article needs; everything else is dropped, its text kept.
ALLOWED_TAGS: Final = frozenset(
    {
        "p", "h2", "h3", "h4", "blockquote", "ul", "ol", "li", "strong", "em", "a", "img",
        "figure", "figcaption", "table", "thead", "tbody", "tr", "th", "td", "br", "hr",
        "code", "pre", "sup", "sub", "div",
    }
)  # fmt: skip
#: Tags dropped together with their content: their text is code or junk, never prose.
DROPPED_WITH_CONTENT: Final = frozenset(
    {
        "script", "style", "iframe", "frame", "frameset", "object", "embed", "noscript",
        "template", "textarea", "title", "svg", "math", "select", "applet", "noembed",
        "noframes", "xmp", "plaintext", "head",
    }
)  # fmt: skip
ALLOWED_ATTRIBUTES: Final = {
    "a": {"href", "title"},
    "img": {"src", "alt", "title", "width", "height"},
    "th": {"colspan", "rowspan"},
    "td": {"colspan", "rowspan"},
    "ol": {"start"},
    "sup": {"id"},
    "li": {"id"},
}
#: ``media:`` is the store's own images, mapped to real URLs when the page is made.
URL_SCHEMES: Final = frozenset({"http", "https", "mailto", "media"})
#: Only the footnotes extension's classes survive (the stylesheet knows them). nh3 wants
#: them here and not in ALLOWED_ATTRIBUTES.
_ALLOWED_CLASSES: Final = {
    "div": {"footnote", SITE_BLOCK_CLASS},
    "a": {"footnote-ref", "footnote-backref"},
}
_ALIGN = {"left", "center", "right"}

# Footnote anchors only: any other id could collide with the page's own
# ``nd-*`` ids, which the preview patches in place.
_FOOTNOTE_ID = re.compile(r"^fn(?:ref\d*)?:[\w.-]+$")
_IMAGE_SRC = re.compile(r"^(?:https?|media):", re.IGNORECASE)
_DIGITS = re.compile(r"^\d{1,5}$")


def _filter_attribute(tag: str, attribute: str, value: str) -> str | None:
    if attribute == "id":
        return value if _FOOTNOTE_ID.match(value) else None
    if tag == "img" and attribute == "src":
        # A relative or protocol-relative image would load from wherever the page sits.
        return value if _IMAGE_SRC.match(value.strip()) else None
    if attribute in {"width", "height", "colspan", "rowspan", "start"}:
        return value if _DIGITS.match(value.strip()) else None
    return value


_CLEANER: Final = nh3.Cleaner(
    tags=set(ALLOWED_TAGS),
    clean_content_tags=set(DROPPED_WITH_CONTENT),
    attributes={tag: set(attrs) for tag, attrs in ALLOWED_ATTRIBUTES.items()},
    attribute_filter=_filter_attribute,
    tag_attribute_values={
        "th": {"align": _ALIGN},
        "td": {"align": _ALIGN},
    },
    url_schemes=set(URL_SCHEMES),
    allowed_classes={tag: set(names) for tag, names in _ALLOWED_CLASSES.items()},
    strip_comments=True,
    link_rel="noopener noreferrer",
)


def sanitize(html_fragment: str) -> str:
    """The fragment reduced to the article allow-list: no script, handler, style or frame."""
    result: str = _CLEANER.clean(html_fragment)
    return result


_BACKLINK_TITLE = {
    Language.FR: "Revenir à l’appel de note {}",
    Language.EN: "Back to footnote {} in the text",
}
_HEADING_SHIFT = re.compile(r"<(/?)h([156])(?=[\s>/])")
_SURROGATE = re.compile("[\ud800-\udfff]")
_SITE_BLOCK_END = re.compile(rf'(?<=<div class="{SITE_BLOCK_CLASS}">)([^\n]*?</div>)\n+')


def _make_markdown(language: Language) -> markdown.Markdown:
    # The extensions as objects, not by name: a name is looked up among the entry points
    # of every installed package (importlib.metadata reads them all), 29 ms and 3.7 MiB
    # the first time, for four extensions that ship with Markdown itself.
    return markdown.Markdown(
        extensions=[
            FencedCodeExtension(),
            TableExtension(use_align_attribute=True),
            FootnoteExtension(BACKLINK_TITLE=_BACKLINK_TITLE[language]),
            SaneListExtension(),
        ],
        output_format="html",
    )


class _Converters(threading.local):
    """One Markdown instance per thread and language: instances carry state
    between conversions and are not safe to share with the preview's worker."""

    def __init__(self) -> None:
        self.by_language: dict[Language, markdown.Markdown] = {}

    def get(self, language: Language) -> markdown.Markdown:
        converter = self.by_language.get(language)
        if converter is None:
            converter = self.by_language[language] = _make_markdown(language)
        return converter


_converters = _Converters()


def markdown_to_html(markdown_text: str, language: Language) -> str:
    """Python-Markdown's raw output, headings shifted under the headline. Not safe to show."""
    if _SURROGATE.search(markdown_text):
        # A lone surrogate (a bad paste through the clipboard) cannot be encoded,
        # and the sanitizer would refuse the whole body: it becomes U+FFFD.
        markdown_text = _SURROGATE.sub("\ufffd", markdown_text)
    if "<!-- wp:" in markdown_text:
        markdown_text = with_placeholders(markdown_text, language)
    raw = _convert(markdown_text, language)
    if SITE_BLOCK_CLASS in raw:
        # A raw block ends with one newline, as every element does, whole or block by block.
        raw = _SITE_BLOCK_END.sub(lambda m: m.group(1) + "\n", raw)
    return _HEADING_SHIFT.sub(lambda m: f"<{m.group(1)}h{'2' if m.group(2) == '1' else '4'}", raw)


#: How deep lists and quotes may nest before the deeper markers are kept as text.
MAX_NESTING: Final = 40
_LEADING_MARKERS = re.compile(r"^(?:[ \t]*(?:[-*+]|\d{1,9}[.)]|>)(?:[ \t]+|$))+", re.MULTILINE)
_DEEP_INDENT = re.compile(rf"^[ \t]{{{4 * MAX_NESTING},}}", re.MULTILINE)
_MARKER = re.compile(r"(?:[-*+]|\d{1,9}[.)]|>)(?=[ \t]|$)")


def _convert(markdown_text: str, language: Language) -> str:
    """Python-Markdown's HTML; a text nested past its recursion limit (``- - - … x``
    10,000 times, a paste) is converted again with its deep markers as text."""
    converter = _converters.get(language)
    try:
        return str(converter.convert(markdown_text))
    except RecursionError:
        pass
    finally:
        converter.reset()
    try:
        return str(_fresh(language).convert(_shallow(markdown_text)))
    except RecursionError:
        # Still too deep (indentation alone can nest): every word kept, as paragraphs.
        paragraphs = (p.strip() for p in markdown_text.split("\n\n"))
        return "".join(f"<p>{html.escape(p, quote=False)}</p>\n" for p in paragraphs if p)
    finally:
        _fresh(language)


def _fresh(language: Language) -> markdown.Markdown:
    """A new converter for this thread: one a RecursionError interrupted keeps its
    block parser's state stack (``reset()`` leaves it), and would parse the next
    text as if inside the lists it was in."""
    converter = _converters.by_language[language] = _make_markdown(language)
    return converter


def _escaped_marker(match: re.Match[str]) -> str:
    """``-`` as ``\\-``, ``12.`` as ``12\\.``: shown as typed, no longer a list or quote."""
    marker = match.group(0)
    return f"{marker[:-1]}\\{marker[-1]}" if marker[0].isdigit() else f"\\{marker}"


def _shallow(markdown_text: str) -> str:
    """The text with list and quote markers past ``MAX_NESTING`` on a line escaped,
    and indentation capped, so that nothing nests deeper than Python can recurse."""

    def cap(match: re.Match[str]) -> str:
        run = match.group(0)
        markers = list(_MARKER.finditer(run))
        if len(markers) <= MAX_NESTING:
            return run[: 4 * MAX_NESTING] if not run.strip() else run
        cut = markers[MAX_NESTING].start()
        rest = _MARKER.sub(_escaped_marker, run[cut:].lstrip())
        return run[:cut] + rest

    capped = _LEADING_MARKERS.sub(cap, markdown_text)
    return _DEEP_INDENT.sub(" " * 4 * MAX_NESTING, capped)


def finish(raw_html: str, language: Language) -> str:
    """Sanitize, then typography (after: the sanitizer would turn U+00A0 into ``&nbsp;``)."""
    # Definitions consumed at a block's edge leave bare newlines behind.
    raw_html = raw_html.strip("\n")
    if not raw_html:
        return ""
    # The sanitizer writes a no-break space as ``&nbsp;``; typography writes the
    # character. One form, the character, so that a text pulled from the site with its
    # no-break spaces renders back to the same bytes.
    clean = sanitize(raw_html).replace("&nbsp;", "\u00a0")
    if not clean.strip():
        return ""  # nothing left once the sanitizer is done: no stray blank line
    if language is Language.FR:
        clean = french_typography(clean)
    return clean + "\n"


def render_body(markdown_text: str, language: Language) -> str:
    """The body as a sanitized HTML fragment, with French typography for ``fr``.

    English is left as typed: straight quotes read fine there, and guessing
    curly quotes would be the costly ``smarty`` pass for little gain.

    Each top-level element is followed by a newline, so that the incremental
    renderer's blocks, joined, give exactly this.
    """
    return finish(markdown_to_html(markdown_text, language), language)
