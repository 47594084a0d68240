"""Which lines of the body are a block of the site kept as it is, for the editor.

A post pulled from the site may hold what Markdown cannot say (a gallery, an embed, a
plugin's block, a shortcode): the body carries its markup verbatim
(:mod:`newsdesk.publishing.wp_content`), and it goes back to the site untouched. The
editor shows those lines as one protected chip: tinted, and edited only whole (selected
entirely, it can be deleted or moved; a key typed inside is refused with a word).

The highlighter knows it line by line, carrying the depth of open block comments from
one line to the next in the line's state, so a keystroke re-examines one line only.
"""

from __future__ import annotations

import re

from newsdesk.core.site_blocks import depth_after, has_blocks

#: Set in a line's state when the line is kept; the lower bits hold the depth of block
#: comments still open at the end of the line.
KEPT = 1 << 20
_DEPTH = KEPT - 1
_SHORTCODE_LINE = re.compile(r"^\s*\[/?[a-z][a-z0-9_-]*(?:\s[^\]]*)?/?\].*\]?\s*$")
_MORE = re.compile(r"^\s*<!--\s*(?:more|nextpage)\b.*-->\s*$")


def line_state(text: str, previous_state: int) -> int:
    """The state of a line (see ``KEPT``), given the state of the line before (-1 for
    none, Qt's convention)."""
    depth = previous_state & _DEPTH if previous_state > 0 else 0
    kept = depth > 0
    if "<!--" in text:
        kept = kept or has_blocks(text) or _MORE.match(text) is not None
        depth = depth_after(text, depth)
    if not kept and text.startswith("[") and _SHORTCODE_LINE.match(text):
        kept = True
    return min(depth, _DEPTH) | (KEPT if kept else 0)


def is_kept(state: int) -> bool:
    return state > 0 and bool(state & KEPT)
