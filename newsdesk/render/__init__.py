"""Markdown to sanitized HTML to the site's article page: pure functions, no Qt, no I/O
beyond reading newsdesk's own template and stylesheet."""

from newsdesk.render.body import render_body, sanitize
from newsdesk.render.incremental import BodyRenderer, RenderedBlock, split_blocks
from newsdesk.render.page import PART_IDS, format_date, page_parts, render_page, resolve_media
from newsdesk.render.typography import french_typography

__all__ = [
    "PART_IDS",
    "BodyRenderer",
    "RenderedBlock",
    "format_date",
    "french_typography",
    "page_parts",
    "render_body",
    "render_page",
    "resolve_media",
    "sanitize",
    "split_blocks",
]
