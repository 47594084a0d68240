"""Blocks of the site kept as they are, as the preview shows them.

A post pulled from the site may hold blocks Markdown cannot say (a gallery, columns, an
embed, a plugin's block): the body keeps their markup verbatim
(:mod:`newsdesk.publishing.wp_content`) and the site renders them itself, often with
server-side code and remote files newsdesk neither has nor loads. The preview shows
each as a labelled box in its place, « Bloc du site conservé tel quel : galerie », so
the reporter sees that it is there and will go back untouched, rather than a blank or
half-sanitized fragment.
"""

from __future__ import annotations

import html
import re

from newsdesk.core.article import Language
from newsdesk.core.site_blocks import depth_after, has_blocks, parse_blocks

#: The block names a reporter knows, in French; others are shown by their own name.
_NAMES_FR = {
    "gallery": "galerie", "image": "image", "embed": "contenu intégré", "columns": "colonnes",
    "group": "groupe", "table": "tableau", "html": "HTML personnalisé", "pullquote": "exergue",
    "buttons": "boutons", "more": "« Lire la suite »", "spacer": "espace", "list": "liste",
    "quote": "citation", "cover": "bannière", "video": "vidéo", "audio": "son",
    "file": "fichier", "media-text": "média et texte", "shortcode": "code court",
    "separator": "séparateur", "code": "code", "preformatted": "texte préformaté",
    "latest-posts": "derniers articles", "heading": "intertitre", "paragraph": "paragraphe",
}  # fmt: skip
_LABEL = {
    Language.FR: "Bloc du site conservé tel quel\u00a0: {}",
    Language.EN: "Site block kept as it is: {}",
}
CSS_CLASS = "site-block"
_MARKUP = re.compile(r"<!--.*?-->|<[^>]*>", re.DOTALL)
_SHOWN = 160


def label(name: str, language: Language) -> str:
    short = name[5:] if name.startswith("core/") else name
    shown = _NAMES_FR.get(short, short) if language is Language.FR else short
    return _LABEL[language].format(shown)


def with_placeholders(markdown_text: str, language: Language) -> str:
    """``markdown_text`` with each top-level site block replaced by its labelled box, on
    a line of its own between blank lines (raw HTML that Markdown passes through)."""
    if not has_blocks(markdown_text):
        return markdown_text
    out: list[str] = []
    for piece in parse_blocks(markdown_text):
        if piece.name is None:
            out.append(piece.text(markdown_text))
            continue
        text = html.escape(label(piece.name, language), quote=False)
        words = _words(piece.text(markdown_text))
        if words:
            text += f"<br><em>{html.escape(words, quote=False)}</em>"
        out.append(f'\n\n<div class="{CSS_CLASS}">{text}</div>\n\n')
    return "".join(out)


def _words(markup: str) -> str:
    """The words a kept block shows (a caption, a quote, a button's label), shortened:
    the reporter recognises the block by them."""
    text = " ".join(html.unescape(_MARKUP.sub(" ", markup)).split())
    return text if len(text) <= _SHOWN else text[: _SHOWN - 1].rstrip() + "…"


def opens_block(text: str) -> bool:
    """Whether ``text`` opens a site block it does not close (the preview's incremental
    renderer keeps such a block together across its blank lines)."""
    return "<!-- wp:" in text and depth_after(text) > 0
