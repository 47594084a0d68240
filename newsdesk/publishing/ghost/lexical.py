"""Corrections sent to Ghost as its editor's Lexical document, not as HTML.

Ghost keeps a post as a Lexical document and renders its HTML from it. HTML sent to
Ghost (``?source=html``) is converted back to Lexical by its own parser, which loses what
the rendered HTML does not say in full: a bookmark card's metadata, an embed's type, a
callout's colour, an image card's size and link, whatever a newer card holds. So an edit
of a post that already has a Lexical document goes as that document, with:

- each top-level node whose rendered block did not change kept as the site holds it;
- an edited paragraph, heading, list or quote patched in place when only its words
  changed (its text nodes get the new text; formats, links and attributes stay), else
  written again from newsdesk's HTML;
- new blocks written from newsdesk's HTML, for what newsdesk's editor writes: paragraphs,
  headings, flat lists, quotes, rules, HTML cards, with bold, italics, links and line
  breaks.

:func:`merged` says ``None`` when that cannot be done (the rendered HTML has not one
block per node, or a new block is something else): the publisher then sends HTML as for
a new post. Written here because no maintained Python library reads or writes Lexical.
"""

from __future__ import annotations

import copy
import json
import re
from difflib import SequenceMatcher
from html.parser import HTMLParser
from typing import Any

from .content import CARD_BEGIN, CARD_END, blocks, normal_block

_FORMATS = {
    "strong": 1,
    "b": 1,
    "em": 2,
    "i": 2,
    "s": 4,
    "del": 4,
    "u": 8,
    "code": 16,
    "sub": 32,
    "sup": 64,
}
_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
_INLINE = {*_FORMATS, "a", "br"}
_VOID = {"br", "hr", "img", "input", "meta", "link", "source", "wbr"}

Node = dict[str, Any]


class _Unsupported(ValueError):
    """A block the converter does not write as Lexical."""


def merged(site_html: str, lexical: str, new_html: str) -> str | None:
    """The Lexical document for a post whose site copy is ``site_html`` (Ghost's render
    of ``lexical``) now that its content is ``new_html``; ``lexical`` itself (the same
    string) when nothing changed; ``None`` when it cannot be made (send HTML instead)."""
    try:
        document = json.loads(lexical)
        children = document["root"]["children"]
    except (ValueError, KeyError, TypeError):
        return None
    if not isinstance(children, list):
        return None
    old = blocks(site_html)
    new = blocks(new_html)
    if len(old) != len(children):
        return None
    matcher = SequenceMatcher(
        a=[normal_block(b) for b in old], b=[normal_block(b) for b in new], autojunk=False
    )
    result: list[Node] = []
    changed = False
    try:
        for tag, i1, i2, j1, j2 in matcher.get_opcodes():
            if tag == "equal":
                result.extend(children[i1:i2])
                continue
            changed = True
            if tag == "replace" and i2 - i1 == j2 - j1:
                for k in range(i2 - i1):
                    result.append(_patched(children[i1 + k], new[j1 + k]))
            else:
                result.extend(to_node(block) for block in new[j1:j2])
    except _Unsupported:
        return None
    if not changed:
        return lexical
    document["root"]["children"] = result
    return json.dumps(document, ensure_ascii=False, separators=(",", ":"))


def to_node(block: str) -> Node:
    """The Lexical node for one top-level block of newsdesk's HTML."""
    stripped = block.strip()
    if stripped.startswith(CARD_BEGIN) and stripped.endswith(CARD_END):
        inner = stripped[len(CARD_BEGIN) : -len(CARD_END)].strip()
        return {"type": "html", "version": 1, "html": inner}
    elements = _parse(stripped)
    if all(isinstance(e, str) or e[0] in _INLINE for e in elements):
        # Loose text, as newsdesk writes a new paragraph in a site's classic content
        # (WordPress adds the <p> when it shows it; Ghost has no such step).
        return _element("paragraph", _inline(elements))
    if len(elements) != 1 or isinstance(elements[0], str):
        raise _Unsupported(stripped[:40])
    tag, attrs, children = elements[0]
    if tag == "hr" and not children:
        return {"type": "horizontalrule", "version": 1}
    if tag == "p" and not attrs:
        return _element("paragraph", _inline(children))
    if tag in _HEADINGS:
        return {**_element("extended-heading", _inline(children)), "tag": tag}
    if tag == "blockquote":
        return _element("extended-quote", _quote(children))
    if tag in ("ul", "ol"):
        items = [c for c in children if not (isinstance(c, str) and not c.strip())]
        if not items or any(isinstance(c, str) or c[0] != "li" for c in items):
            raise _Unsupported(tag)
        nodes = []
        for number, item in enumerate(items, start=1):
            assert not isinstance(item, str)
            nodes.append({**_element("listitem", _inline(_unwrap_p(item[2]))), "value": number})
        kind = "bullet" if tag == "ul" else "number"
        return {**_element("list", nodes), "listType": kind, "start": 1, "tag": tag}
    raise _Unsupported(tag)


# --- patching a node in place --------------------------------------------------------


def _patched(node: Node, block: str) -> Node:
    """``node`` with the words of ``block`` when only words changed, else ``block``'s."""
    fresh = to_node(block)
    old_runs = list(_runs(node))
    new_runs = list(_runs(fresh))
    if _shape(node) != _shape(fresh) or [k for k, _ in old_runs] != [k for k, _ in new_runs]:
        return fresh
    patched = copy.deepcopy(node)
    texts = iter([text for _, text in new_runs])
    for text_node in _text_nodes(patched):
        text_node["text"] = next(texts)
    return patched


def _shape(node: Node) -> tuple[object, ...]:
    return (node.get("type"), node.get("tag"), node.get("listType"))


def _runs(node: Node, path: tuple[object, ...] = ()) -> Any:
    """(what a text node is, its text) in reading order: its path of node types and
    link URLs, and its format bits."""
    for child in node.get("children") or []:
        kind = child.get("type")
        if kind in ("text", "extended-text"):
            yield (path, int(child.get("format") or 0)), str(child.get("text") or "")
        elif "children" in child:
            yield from _runs(child, (*path, kind, child.get("url")))
        else:
            yield (path, kind), ""


def _text_nodes(node: Node) -> Any:
    for child in node.get("children") or []:
        kind = child.get("type")
        if kind in ("text", "extended-text"):
            yield child
        elif "children" in child:
            yield from _text_nodes(child)


# --- newsdesk's HTML to Lexical ------------------------------------------------------

Tree = list["str | tuple[str, dict[str, str | None], Tree]"]


class _TreeBuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root: Tree = []
        self._stack: list[Tree] = [self.root]
        self._tags: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        children: Tree = []
        self._stack[-1].append((tag, dict(attrs), children))
        if tag not in _VOID:
            self._stack.append(children)
            self._tags.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._stack[-1].append((tag, dict(attrs), []))

    def handle_endtag(self, tag: str) -> None:
        if tag in _VOID:
            return
        if not self._tags or self._tags[-1] != tag:
            raise _Unsupported(f"</{tag}>")
        self._tags.pop()
        self._stack.pop()

    def handle_data(self, data: str) -> None:
        self._stack[-1].append(data)

    def handle_comment(self, data: str) -> None:
        raise _Unsupported("comment")


def _parse(html: str) -> Tree:
    builder = _TreeBuilder()
    builder.feed(html)
    builder.close()
    if builder._tags:
        raise _Unsupported("unclosed")
    return [c for c in builder.root if not (isinstance(c, str) and not c.strip())]


def _element(kind: str, children: list[Node]) -> Node:
    return {
        "children": children,
        "direction": "ltr",
        "format": "",
        "indent": 0,
        "type": kind,
        "version": 1,
    }


def _text(text: str, fmt: int) -> Node:
    return {
        "detail": 0,
        "format": fmt,
        "mode": "normal",
        "style": "",
        "text": text,
        "type": "extended-text",
        "version": 1,
    }


_SPACE_RUN = re.compile(r"[ \t\r\n]+")


def _inline(tree: Tree, fmt: int = 0) -> list[Node]:
    nodes: list[Node] = []
    for child in tree:
        if isinstance(child, str):
            text = _SPACE_RUN.sub(" ", child)
            if text:
                nodes.append(_text(text, fmt))
            continue
        tag, attrs, children = child
        if tag in _FORMATS:
            nodes.extend(_inline(children, fmt | _FORMATS[tag]))
        elif tag == "br":
            nodes.append({"type": "linebreak", "version": 1})
        elif tag == "a" and attrs.get("href"):
            link = _element("link", _inline(children, fmt))
            link.update(rel=None, target=None, title=None, url=attrs["href"])
            nodes.append(link)
        else:
            raise _Unsupported(tag)
    _trim(nodes)
    return nodes


def _trim(nodes: list[Node]) -> None:
    """Whitespace at a block's edges is the HTML's layout, not text."""
    if nodes and nodes[0].get("type") == "extended-text":
        nodes[0]["text"] = nodes[0]["text"].lstrip()
        if not nodes[0]["text"]:
            nodes.pop(0)
    if nodes and nodes[-1].get("type") == "extended-text":
        nodes[-1]["text"] = nodes[-1]["text"].rstrip()
        if not nodes[-1]["text"]:
            nodes.pop()


def _unwrap_p(tree: Tree) -> Tree:
    """A list item's or quote's paragraphs, as lines of one block (Lexical has none)."""
    kept = [c for c in tree if not (isinstance(c, str) and not c.strip())]
    if not kept or not all(not isinstance(c, str) and c[0] == "p" for c in kept):
        return tree
    out: Tree = []
    for index, paragraph in enumerate(kept):
        assert not isinstance(paragraph, str)
        if index:
            out.append(("br", {}, []))
        out.extend(paragraph[2])
    return out


def _quote(tree: Tree) -> list[Node]:
    return _inline(_unwrap_p(tree))
