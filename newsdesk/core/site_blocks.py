"""WordPress's block grammar: what the site's block editor stores in a post's content.

A block is delimited by HTML comments::

    <!-- wp:paragraph {"align":"center"} -->
    <p class="has-text-align-center">Texte</p>
    <!-- /wp:paragraph -->

with its attributes as a JSON object in the opening comment, blocks nested inside their
parent's comments, self-closing blocks (``<!-- wp:latest-posts /-->``) and core names
written without their ``core/`` prefix. Anything between top-level blocks is
"freeform" HTML (the classic editor's content is one freeform piece).

This is a port of the parser the site itself runs (``WP_Block_Parser`` in
``wp-includes/class-wp-block-parser.php``, the same grammar as the editor's
``block-serialization-default-parser.js``), written by hand because no maintained
Python library parses it; it keeps what the site's parser throws away and newsdesk
needs: the exact place of each top-level block in the text, so that a block can be
given back byte for byte. The tokenizer is the site's own regular expression (Python
3.11 has the possessive quantifier it uses). A closer with no opener, and an opener
with no closer, are handled as the site handles them: the rest of the document is
freeform, or the block ends with the document. Several nested openers left open at the
end are where the two part on purpose: the site's parser gives each as a top-level
block, overlapping (the same text in several), while here the outermost runs to the
end, so that the pieces still cover the document once.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

# The site's tokenizer (class-wp-block-parser.php, next_token), character for character;
# ASCII, as PCRE without /u: its \s is no no-break space.
_TOKEN = re.compile(
    r"<!--\s+(?P<closer>/)?wp:(?P<namespace>[a-z][a-z0-9_-]*/)?(?P<name>[a-z][a-z0-9_-]*)\s+"
    r"(?P<attrs>{(?:(?:[^}]+|}+(?=})|(?!}\s+/?-->).)*+)?}\s+)?(?P<void>/)?-->",
    re.DOTALL | re.ASCII,
)


@dataclass(frozen=True, slots=True)
class Token:
    """One block comment: where it is in the document and what it says."""

    start: int
    end: int
    name: str  # with its namespace: "core/paragraph"
    attrs: dict[str, Any] | None  # None when the JSON does not parse (the site's null)
    closer: bool
    void: bool
    attrs_text: str | None  # the JSON as written, None when there is none


@dataclass(slots=True)
class Block:
    """A top-level piece of a post's content.

    ``name`` is None for freeform HTML. ``start``/``end`` are offsets in the document,
    so that ``document[start:end]`` is the piece, delimiters included. ``inner_start`` and
    ``inner_end`` frame what is between the block's comments (empty for a void block).
    ``children`` are the names of the blocks nested inside, at any depth.
    """

    name: str | None
    attrs: dict[str, Any] | None
    start: int
    end: int
    inner_start: int
    inner_end: int
    children: list[str] = field(default_factory=list)
    void: bool = False

    def text(self, document: str) -> str:
        return document[self.start : self.end]

    def inner(self, document: str) -> str:
        return document[self.inner_start : self.inner_end]

    @property
    def short_name(self) -> str | None:
        """The name as the site writes it: ``paragraph``, ``myplugin/thing``."""
        if self.name is None:
            return None
        return self.name[5:] if self.name.startswith("core/") else self.name


def tokens(document: str, start: int = 0) -> list[Token]:
    """Every block comment in ``document`` from ``start``, in order."""
    found: list[Token] = []
    for match in _TOKEN.finditer(document, start):
        namespace = match.group("namespace") or "core/"
        attrs_text = match.group("attrs")
        attrs: dict[str, Any] | None = {}
        if attrs_text is not None:
            try:
                decoded = json.loads(attrs_text, parse_constant=_not_json)
                # PHP's json_decode refuses a lone surrogate ("\ud800"): the site reads null.
                json.dumps(decoded, ensure_ascii=False).encode("utf-8")
            except ValueError:
                decoded = None
            attrs = decoded if isinstance(decoded, dict) else None
        found.append(
            Token(
                start=match.start(),
                end=match.end(),
                name=namespace + match.group("name"),
                attrs=attrs,
                closer=match.group("closer") is not None,
                void=match.group("void") is not None,
                attrs_text=attrs_text.rstrip() if attrs_text is not None else None,
            )
        )
    return found


def _not_json(constant: str) -> Any:
    """NaN and Infinity, which Python's JSON reads and PHP's json_decode refuses."""
    raise ValueError(constant)


def depth_after(text: str, depth: int = 0) -> int:
    """How many blocks are still open at the end of ``text``, given ``depth`` open before
    it (a stray closer closes nothing)."""
    for token in tokens(text):
        if token.closer:
            depth = max(0, depth - 1)
        elif not token.void:
            depth += 1
    return depth


def has_blocks(document: str) -> bool:
    """Whether the content holds block markup (the site's ``has_blocks``)."""
    return "<!-- wp:" in document and _TOKEN.search(document) is not None


def parse_blocks(document: str) -> list[Block]:
    """The document's top-level pieces, in order, covering it without gaps.

    Freeform pieces (``name`` None) hold what lies between blocks: often only the
    newlines the editor puts there, sometimes classic HTML.
    """
    pieces: list[Block] = []
    stack: list[tuple[Token, list[str]]] = []  # open blocks, with the names nested in each
    offset = 0  # end of the last top-level piece

    def freeform(until: int) -> None:
        if until > offset:
            pieces.append(Block(None, {}, offset, until, offset, until))

    def top_level(opener: Token, children: list[str], inner_end: int, end: int) -> None:
        """A top-level block from ``opener`` to ``end``, its inner text up to ``inner_end``."""
        freeform(opener.start)
        pieces.append(
            Block(opener.name, opener.attrs, opener.start, end, opener.end, inner_end, children)
        )

    for token in tokens(document):
        if token.closer:
            if not stack:
                # A closer with no opener: the site makes the rest of the document freeform.
                break
            opener, children = stack.pop()
            if stack:
                stack[-1][1].extend([opener.name, *children])
                continue
            top_level(opener, children, token.start, token.end)
            offset = token.end
        elif token.void:
            if stack:
                stack[-1][1].append(token.name)
                continue
            freeform(token.start)
            end = token.end
            pieces.append(Block(token.name, token.attrs, token.start, end, end, end, [], True))
            offset = token.end
        else:
            stack.append((token, []))
    if stack:
        # Openers never closed: the site closes the outermost at the end of the document.
        opener, children = stack[0]
        for nested, more in stack[1:]:
            children.extend([nested.name, *more])
        top_level(opener, children, len(document), len(document))
        offset = len(document)
    freeform(len(document))
    return pieces


def serialize_attributes(attrs: dict[str, Any]) -> str:
    """The attributes as the site writes them (``serialize_block_attributes``): JSON with
    unicode and slashes as they are, and the characters that could end the comment or
    confuse an HTML parser escaped."""
    text = json.dumps(attrs, ensure_ascii=False, separators=(",", ":"))
    return (
        text.replace("--", "\\u002d\\u002d")
        .replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
        .replace('\\"', "\\u0022")
    )


def delimited(name: str, attrs: dict[str, Any] | None, content: str) -> str:
    """A block in the site's serialization (``get_comment_delimited_block_content``)."""
    short = name[5:] if name.startswith("core/") else name
    attributes = serialize_attributes(attrs) + " " if attrs else ""
    if not content:
        return f"<!-- wp:{short} {attributes}/-->"
    return f"<!-- wp:{short} {attributes}-->{content}<!-- /wp:{short} -->"
