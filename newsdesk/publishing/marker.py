"""The invisible mark that ties a post on the site to the newsdesk article it came from.

WordPress has no idempotency key: when the answer to a create is lost, the only way to
know whether the post exists is to find it (the site's search looks into the content).
The mark must survive an editor changing the title or the slug, and an Author's HTML
filtering; and it must not change what the desk sees in the block editor. So it takes
one of two forms:

- block-editor content: an attribute of the first block, ``"newsdesk":"UUID"`` at the
  end of its JSON (``<!-- wp:paragraph {"newsdesk":"UUID"} -->``). The site's parser
  and its filtering keep a block's attributes, and the editor shows no extra block (an
  HTML comment outside any block would appear there as a Classic block). The editor
  drops attributes a block does not declare when the desk saves the post again: the
  mark's work, finding a post whose answer was lost, is done by then, and newsdesk
  keeps the post's id for every later update.
- classic content (no blocks): an HTML comment first in the content, where editors
  never type (kses keeps HTML comments; the integration tests prove it on a real site).

Taking the mark out gives back the content exactly as it was before it was put in.
"""

from __future__ import annotations

import re

_UUID = r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}"
MARKER_RE = re.compile(rf"<!--\s*newsdesk:({_UUID})\s*-->[ \t]*\n?")
#: The first block's opening comment, up to the end of its attributes, if any.
_FIRST_BLOCK = re.compile(
    r"^(\s*<!--\s+wp:(?:[a-z][a-z0-9_-]*/)?[a-z][a-z0-9_-]*\s+)(\{.*?\}\s+)?(/?-->)", re.DOTALL
)
_ATTRIBUTE_ALONE = re.compile(rf'\{{"newsdesk":"({_UUID})"\}}\s')
_ATTRIBUTE_LAST = re.compile(rf',"newsdesk":"({_UUID})"(?=\}})')


def validate_marker(marker: str) -> str:
    """Only an article UUID is a marker: anything else could break out of the comment."""
    if not re.fullmatch(_UUID, marker):
        raise ValueError(f"not an article id: {marker!r}")
    return marker.lower()


def embed_marker(content_html: str, marker: str) -> str:
    """``content_html`` with the marker in it (and any older marker taken out)."""
    marker = validate_marker(marker)
    content = strip_marker(content_html)
    first = _FIRST_BLOCK.match(content)
    if first is not None:
        head, attrs, end = first.group(1), first.group(2), first.group(3)
        if attrs is None:
            opening = f'{head}{{"newsdesk":"{marker}"}} {end}'
        else:
            body = attrs.rstrip()
            spacing = attrs[len(body) :]
            joiner = "," if body != "{}" else ""
            opening = f'{head}{body[:-1]}{joiner}"newsdesk":"{marker}"}}{spacing}{end}'
        return opening + content[first.end() :]
    return f"<!-- newsdesk:{marker} -->\n{content}"


def extract_marker(content_html: str) -> tuple[str | None, str]:
    """(marker or None, content without any marker)."""
    return _take(content_html)


def strip_marker(content_html: str) -> str:
    return _take(content_html)[1]


def _take(content_html: str) -> tuple[str | None, str]:
    """The marker, in either form, and the content as it was before it was put in."""
    found = MARKER_RE.search(content_html)
    marker = found.group(1).lower() if found else None
    content = MARKER_RE.sub("", content_html)
    first = _FIRST_BLOCK.match(content)
    if first is None or not first.group(2):
        return marker, content
    attrs = first.group(2)
    alone = _ATTRIBUTE_ALONE.match(attrs)
    if alone is not None and alone.end() == len(attrs):
        kept, in_block = "", alone.group(1)
    else:
        last = _ATTRIBUTE_LAST.search(attrs)
        if last is None:
            return marker, content
        kept, in_block = attrs[: last.start()] + attrs[last.end() :], last.group(1)
    stripped = first.group(1) + kept + first.group(3) + content[first.end() :]
    return marker or in_block.lower(), stripped
