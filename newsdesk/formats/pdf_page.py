"""The page the PDF export prints: the site's article page with its print stylesheet.

What is not Qt in the PDF export. The page is the preview's (``render_page``, with the
preview's Content-Security-Policy: no script, no load but local images), its images
``file://`` URLs into the store's media folder so that they print, and
``resources/css/print.css`` after the site's stylesheet for A4. The QtWebEngine part,
which lays it out and prints it, is ``newsdesk.ui.pdf_export``; the command line is
handed it by the entry point (``MakePdf``), as it is handed the window.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from pathlib import Path
from typing import Final

from newsdesk.core.article import Article, Language
from newsdesk.core.errors import NewsdeskError
from newsdesk.render import render_page
from newsdesk.render.typography import french_typography
from newsdesk.resources import read_resource

#: The file a store-relative media path names (``Store.media_path``).
MediaPath = Callable[[str], Path]
#: The print page's HTML in, the PDF's bytes out; raises ``PdfExportFailed``.
MakePdf = Callable[[str], bytes]

PRINT_CSS: Final = "css/print.css"


def print_page(article: Article, media_path: MediaPath) -> str:
    """The full page to print: the preview's page, its images local, and print.css."""
    cache: dict[str, str] = {}

    def media_url(relative: str) -> str:
        if relative not in cache:
            try:
                path = media_path(relative)
                cache[relative] = path.as_uri() if path.is_file() else ""
            except (OSError, NewsdeskError):
                cache[relative] = ""  # a missing photo prints as missing, the rest prints
        return cache[relative]

    page = _remote_images_named(render_page(article, media_url=media_url, preview=True), article)
    style = f'<style media="print">\n{read_resource(PRINT_CSS)}{_running_title(article)}</style>\n'
    head_end = page.find("</head>")
    if head_end < 0:  # a template without a head: the style goes first
        return style + page
    return page[:head_end] + style + page[head_end:]


_REMOTE_IMAGE = re.compile(r'<img\b[^>]*?\bsrc="(https?://[^"]*)"[^>]*>', re.IGNORECASE)
_ALT = re.compile(r'\balt="([^"]*)"')
#: What stands on paper for an image of the web, which the page does not load
#: (in the article's language, as the page's own « Photo : »).
_REMOTE_LABEL = {
    Language.FR: "Image en ligne, non chargée : ",
    Language.EN: "Online image, not loaded: ",
}


def _remote_images_named(page: str, article: Article) -> str:
    """An image of the web is not fetched; on paper its broken-image icon would say
    nothing, so its description and address are printed where it stands."""

    def name(match: re.Match[str]) -> str:
        alt = _ALT.search(match.group(0))
        # Both come from the sanitized page: already escaped for HTML.
        described = f"{alt.group(1)} " if alt and alt.group(1).strip() else ""
        label = _REMOTE_LABEL[article.language]
        return f'<span class="nd-remote-image">{label}{described}({match.group(1)})</span>'

    return _REMOTE_IMAGE.sub(name, page)


#: How much of the headline the foot of each page repeats.
RUNNING_TITLE_LENGTH: Final = 70


def _running_title(article: Article) -> str:
    """The headline at the foot of every page, beside its number: a desk editor's
    stack of printouts stays sorted."""
    text = " ".join(article.title.split())
    if not text:
        return ""
    if article.language is Language.FR:
        text = html.unescape(french_typography(html.escape(text, quote=False)))
    if len(text) > RUNNING_TITLE_LENGTH:
        text = text[: RUNNING_TITLE_LENGTH - 1].rstrip() + "…"
    # A CSS string: every character that could end it, or end the <style>, escaped.
    escaped = "".join(
        ch if ch.isalnum() or ch in " \u00a0\u202f.,;:!?’'«»-–—()…" else f"\\{ord(ch):x} "
        for ch in text
    )
    return (
        '@page { @bottom-left { content: "' + escaped + '"; '
        'font-family: "DejaVu Sans", Arial, sans-serif; font-size: 8pt; color: #5f6368; } }\n'
    )


__all__ = ["PRINT_CSS", "MakePdf", "MediaPath", "print_page"]
