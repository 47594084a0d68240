"""The article page: the site's template filled with the article's parts.

Every field is escaped here, with ``html.escape`` and ``string.Template``
(no template engine: the page has eight holes and no logic). The body comes
in already sanitized from :func:`render_body` or the incremental renderer.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from datetime import datetime
from string import Template
from urllib.parse import unquote

from newsdesk.core.article import FEATURED_ASPECT, Article, Language
from newsdesk.render.body import render_body
from newsdesk.render.typography import french_typography
from newsdesk.resources import read_resource

MediaUrl = Callable[[str], str]

#: The ids of the page's parts, in page order, which the preview patches in place.
PART_IDS = (
    "nd-category",
    "nd-date",
    "nd-title",
    "nd-figure",
    "nd-standfirst",
    "nd-byline",
    "nd-tags",
)
BODY_ID = "nd-body"

#: No script, no network, no frame: only the page's own style and local images. Every
#: page carries it, the preview's as the exported file's and the PDF's: a tracking pixel
#: or a remote image left in a body is never fetched, in newsdesk or in whatever browser
#: opens the export later. A policy rather than stripping remote sources: the browser
#: enforces it on every way a page can load (images, CSS ``url()``, ``srcset``,
#: prefetches), including any the sanitizer's allow-list would one day let through.
PAGE_CSP = "default-src 'none'; img-src file: data:; style-src 'unsafe-inline'"
PREVIEW_CSP = PAGE_CSP

_NBSP = "\u00a0"


def format_date(moment: datetime, language: Language) -> str:
    """The date line as the site writes it, in the article's own offset.

    French: « 6 février 2023 à 10 h 30 », « 1er mars 2023 à 9 h » (the desk
    drops ``00`` minutes); no-break spaces keep « 10 h 30 » on one line.
    English: "6 February 2023, 10:30".
    """
    if language is Language.FR:
        day = "1er" if moment.day == 1 else str(moment.day)
        time = f"{moment.hour}{_NBSP}h"
        if moment.minute:
            time += f"{_NBSP}{moment.minute:02d}"
        return f"{day}{_NBSP}{_month(moment, 'fr')} {moment.year} à {time}"
    return f"{moment.day} {_month(moment, 'en')} {moment.year}, {moment:%H:%M}"


#: The months' names as CLDR writes them in a date (Babel's ``format_date(moment,
#: "MMMM")``): « février », "February". Written out instead of asked of Babel: its
#: import and French locale data cost the window's start-up ~45 ms of Python and
#: ~4 MiB for these 24 words (measured 2026-12-02). ``tests/unit/render/test_page.py``
#: checks them against Babel's CLDR data.
MONTHS: dict[str, tuple[str, ...]] = {
    "fr": (
        "janvier",
        "février",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "août",
        "septembre",
        "octobre",
        "novembre",
        "décembre",
    ),
    "en": (
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ),
}


def _month(moment: datetime, locale: str) -> str:
    """The month's name in a date (``MONTHS``). The rest of the date line is the
    desk's own style, which no CLDR pattern gives (« 1er », « 10 h 30 », no ``00``
    minutes)."""
    return MONTHS[locale][moment.month - 1]


def _text(value: str, language: Language) -> str:
    """A plain-text field, escaped, with the typography of the article's language."""
    escaped = html.escape(value.strip(), quote=False)
    return french_typography(escaped) if language is Language.FR else escaped


def safe_media_path(relative: str) -> str | None:
    """The store-relative path if it stays inside the media folder, else None.

    ``media:../../.ssh/id_rsa`` in a pasted body must not become a file:// load.
    """
    path = unquote(relative).strip()
    if not path or path.startswith(("/", "\\")) or "\\" in path or ":" in path:
        return None
    if any(part in {"", ".", ".."} for part in path.split("/")):
        return None
    return path


_MEDIA_ATTR = re.compile(r'\s(src|href)="media:([^"]*)"')


def resolve_media(html_fragment: str, media_url: MediaUrl | None) -> str:
    """Maps ``media:`` URLs of a sanitized fragment to real ones, or drops them.

    With no ``media_url`` (or a path leaving the media folder) the attribute is
    removed: an image without a source loads nothing, rather than a broken URL.
    """
    if "media:" not in html_fragment:
        return html_fragment

    def replace(match: re.Match[str]) -> str:
        path = safe_media_path(html.unescape(match.group(2)))
        if media_url is None or path is None:
            return ""
        return f' {match.group(1)}="{html.escape(media_url(path), quote=True)}"'

    return _MEDIA_ATTR.sub(replace, html_fragment)


def _date_part(article: Article) -> str:
    place = _text(article.dateline, article.language)
    if article.date is None:
        return place
    when = (
        f'<time datetime="{article.date.isoformat()}">'
        f"{html.escape(format_date(article.date, article.language), quote=False)}</time>"
    )
    return f"{place}, {when}" if place else when


def _figure_part(article: Article, media_url: MediaUrl | None) -> str:
    image = article.featured_image
    if image is None:
        return ""
    language = article.language
    alt = html.escape(image.alt.strip() or image.caption.strip(), quote=True)
    path = safe_media_path(image.path)
    width, height = FEATURED_ASPECT
    if media_url is not None and path is not None:
        src = html.escape(media_url(path), quote=True)
        picture = f'<img src="{src}" alt="{alt}" width="{width}" height="{height}">'
    else:
        picture = f'<div class="nd-photo-missing" role="img" aria-label="{alt}"></div>'
    caption = _text(image.caption, language)
    credit = image.credit.strip()
    if credit:
        label = "Photo : " if language is Language.FR else "Photo: "
        credit_html = _text(label + credit, language)
        caption += f'{" " if caption else ""}<span class="nd-credit">{credit_html}</span>'
    if caption:
        picture += f"<figcaption>{caption}</figcaption>"
    return picture


def _byline_part(article: Article) -> str:
    byline, source = article.byline.strip(), article.source.strip()
    if byline and source:
        return _text(f"{byline} ({source})", article.language)
    return _text(byline or source, article.language)


def page_parts(article: Article, *, media_url: MediaUrl | None = None) -> dict[str, str]:
    """The header and footer parts as HTML fragments, keyed by their element's id.

    Each value is the element's inner HTML ("" when the article has nothing
    there; the stylesheet hides empty parts), so the preview can set it in
    place without reloading the page.
    """
    language = article.language
    tags = "".join(f"<li>{_text(tag, language)}</li>" for tag in article.tags if tag.strip())
    return {
        "nd-category": _text(article.category, language),
        "nd-date": _date_part(article),
        "nd-title": _text(article.title, language),
        "nd-figure": _figure_part(article, media_url),
        "nd-standfirst": _text(article.standfirst, language),
        "nd-byline": _byline_part(article),
        "nd-tags": tags,
    }


def render_page(
    article: Article,
    *,
    media_url: MediaUrl | None = None,
    body_html: str | None = None,
    preview: bool = False,
) -> str:
    """The full HTML page, self-contained (the stylesheet is inlined).

    ``body_html`` lets the preview pass the body its incremental renderer
    already made; it must come from :func:`render_body` or ``BodyRenderer``.
    Every page carries ``PAGE_CSP``, which forbids every script and every load but
    the page's own style and local images. ``preview`` is the live preview's call;
    it changes nothing in the page since the exports carry the same policy.
    """
    if body_html is None:
        body_html = render_body(article.body, article.language)
    parts = page_parts(article, media_url=media_url)
    del preview  # the same policy on every page (PAGE_CSP)
    csp = f'<meta http-equiv="Content-Security-Policy" content="{PAGE_CSP}">\n'
    template = Template(read_resource("templates/article.html"))
    return template.substitute(
        lang=article.language.value,
        csp=csp,
        page_title=html.escape(article.title.strip(), quote=False),
        css=read_resource("css/article.css"),
        nd_body=resolve_media(body_html, media_url),
        **{key.replace("-", "_"): value for key, value in parts.items()},
    )
