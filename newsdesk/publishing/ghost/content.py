"""A post's content between newsdesk's HTML and what Ghost keeps of it.

Ghost turns the HTML it is sent (``?source=html``) into its editor's Lexical document,
and renders HTML from that when asked (``?formats=html``). On the way it drops comments,
classes, ids and styles, except inside an HTML card, which it keeps verbatim:
``<!--kg-card-begin: html-->…<!--kg-card-end: html-->``. So:

- WordPress's block comments, which newsdesk writes for a new post, are taken out
  (they would be dropped anyway);
- the chapeau and the signature paragraphs (``<p class="chapeau">``, ``<p
  class="signature">``), which newsdesk finds again by their class to keep what the
  desk wrote around them, go in HTML cards; read back, the card's comments are taken off
  them, so ``mapping.content_parts`` finds them as in a WordPress post.

newsdesk's marker does not go in the content (see ``publisher``): an HTML card is the
one place a comment survives there, and the desk would see it as a block of code.
"""

from __future__ import annotations

import re

CARD_BEGIN = "<!--kg-card-begin: html-->"
CARD_END = "<!--kg-card-end: html-->"
_BLOCK_COMMENT = re.compile(r"[ \t]*<!--\s+/?wp:[^>]*?-->[ \t]*\n?")
_KEPT_PARAGRAPH = re.compile(r'<p class="(?:chapeau|signature)">(?:(?!<p[\s>]).)*?</p>', re.DOTALL)
_CARDED = re.compile(
    re.escape(CARD_BEGIN)
    + r'\s*(<p class="(?:chapeau|signature)">(?:(?!<p[\s>]).)*?</p>)\s*'
    + re.escape(CARD_END),
    re.DOTALL,
)


def to_ghost(content_html: str) -> str:
    """The HTML to send Ghost for ``content_html`` (newsdesk's, blocks or not)."""
    content = _BLOCK_COMMENT.sub("", content_html)
    content = _CARDED.sub(r"\1", content)  # a card already there is not wrapped twice
    return _KEPT_PARAGRAPH.sub(lambda m: f"{CARD_BEGIN}{m.group(0)}{CARD_END}", content)


def from_ghost(html: str) -> str:
    """Ghost's HTML of a post, the chapeau and signature out of their cards."""
    return _CARDED.sub(r"\1", html or "").strip()
