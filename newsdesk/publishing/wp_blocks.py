"""newsdesk's rendered HTML as the blocks WordPress's block editor saves.

Each top-level element of the body's HTML becomes the block the editor itself would
write for it (WordPress 6.1's block library, read in ``wp-includes/js/dist/
block-library.js``): paragraph; heading with its level; list and quote with their inner
blocks; image with its media id and caption; separator; embed (a URL alone on its
line); code; table; custom HTML for the rest. The site's parser then finds only known
blocks and no Classic content, and the desk edits the post in the block editor as one
of its own. Used by :mod:`newsdesk.publishing.wp_content` for what the site has never
seen.
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping

from newsdesk.core.site_blocks import delimited
from newsdesk.publishing.html_shapes import Element, top_level

_IMG = re.compile(r"^\s*(<img\b[^>]*>)\s*$", re.IGNORECASE)
_ATTR = re.compile(r'([a-zA-Z-]+)="([^"]*)"')
_URL_ONLY = re.compile(r"^\s*(https?://[^\s<>\"]+)\s*$")
_LINKED_URL = re.compile(r'^\s*<a href="(https?://[^"]+)"[^>]*>\1</a>\s*$')


def element_block(element: Element, media_ids: Mapping[str, int]) -> str:
    """One top-level element of newsdesk's rendered HTML as the block the editor saves."""
    tag, inner = element.tag, element.inner
    if tag == "p":
        image = _IMG.match(inner)
        if image:
            return _image_block(image.group(1), media_ids)
        url = _URL_ONLY.match(inner) or _LINKED_URL.match(inner)
        if url:
            return _embed_block(html.unescape(url.group(1)))
        return delimited("core/paragraph", None, f"\n<p>{inner}</p>\n")
    if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
        level = int(tag[1])
        attrs = {"level": level} if level != 2 else None
        return delimited("core/heading", attrs, f"\n<{tag}>{inner}</{tag}>\n")
    if tag in ("ul", "ol"):
        return _list_block(element, media_ids)
    if tag == "blockquote":
        inside = top_level(inner)
        if inside is not None and inside:
            children = "\n\n".join(element_block(e, media_ids) for e in inside)
            quote = f'\n<blockquote class="wp-block-quote">{children}</blockquote>\n'
            return delimited("core/quote", None, quote)
    if tag == "hr":
        return delimited(
            "core/separator",
            None,
            '\n<hr class="wp-block-separator has-alpha-channel-opacity"/>\n',
        )
    if tag == "pre":
        code = re.sub(r"^<code[^>]*>|</code>$", "", inner.strip()).removesuffix("\n")
        # As code/utils.js escapes it: the site would run a "[shortcode]" in the code, and
        # embed a URL alone on its line (only the first, as the editor does).
        code = _ISOLATED_URL.sub(r"\1&#47;&#47;\2", code.replace("[", "&#91;"), count=1)
        pre = f'\n<pre class="wp-block-code"><code>{code}</code></pre>\n'
        return delimited("core/code", None, pre)
    if tag == "table":
        table = _TABLE_SPACE.sub(r"\1", element.outer)
        table = _CELL_ALIGN.sub(
            lambda m: f'<{m[1]} class="has-text-align-{m[2] or m[3]}" data-align="{m[2] or m[3]}">',
            table,
        )
        return delimited("core/table", None, f'\n<figure class="wp-block-table">{table}</figure>\n')
    return delimited("core/html", None, f"\n{element.outer}\n")


# The table as the block library's table/save.js writes it: nothing between its rows and
# cells, and a cell's alignment as a class and data-align (the attribute the block reads;
# an align="..." it does not know makes the editor call the block invalid).
_TABLE_SPACE = re.compile(
    r"(<(?:table|thead|tbody|tfoot|tr)\b[^>]*>|</(?:thead|tbody|tfoot|tr|th|td)>)\s+"
)
_ISOLATED_URL = re.compile(r"^(\s*https?:)//([^\s<>\"]+\s*)$", re.MULTILINE)
_CELL_ALIGN = re.compile(
    r'<(th|td) (?:align="(left|center|right)"|style="text-align: ?(left|center|right);?")>'
)


def _list_block(element: Element, media_ids: Mapping[str, int]) -> str:
    items = top_level(element.inner) or []
    children: list[str] = []
    for item in items:
        if item.tag != "li":
            continue
        text, nested = _split_nested(item.inner, media_ids)
        text = text.strip()
        paragraphs = top_level(text) if text.startswith("<p>") else None
        if paragraphs and all(p.tag == "p" for p in paragraphs):
            text = "<br>".join(p.inner for p in paragraphs)  # a loose list's <p> in an item
        children.append(delimited("core/list-item", None, f"\n<li>{text}{nested}</li>\n"))
    attrs: dict[str, object] | None = {"ordered": True} if element.tag == "ol" else None
    start = _ATTR.findall(element.start_tag)
    start_attr = "".join(f' {k}="{v}"' for k, v in start if k == "start")
    if start_attr and attrs is not None:
        attrs["start"] = int(dict(start)["start"])
    body = "\n\n".join(children)
    return delimited("core/list", attrs, f"\n<{element.tag}{start_attr}>{body}</{element.tag}>\n")


def _split_nested(inner: str, media_ids: Mapping[str, int]) -> tuple[str, str]:
    """An item's own text, and its nested lists as list blocks."""
    found = re.search(r"<(ul|ol)(?=[\s>])", inner)
    if not found:
        return inner, ""
    nested = top_level(inner[found.start() :].strip())
    if nested is None:
        return inner, ""
    return inner[: found.start()], "".join(
        _list_block(e, media_ids) for e in nested if e.tag in ("ul", "ol")
    )


def _image_block(img: str, media_ids: Mapping[str, int]) -> str:
    attributes = {k: html.unescape(v) for k, v in _ATTR.findall(img)}
    src = attributes.get("src", "")
    alt = attributes.get("alt", "")
    caption = attributes.get("title", "")
    media_id = media_ids.get(src)
    attrs: dict[str, object] = {}
    image_class = ""
    if media_id is not None:
        attrs["id"] = media_id
        image_class = f' class="wp-image-{media_id}"'
    attrs["sizeSlug"] = "large"
    attrs["linkDestination"] = "none"
    figcaption = (
        f'<figcaption class="wp-element-caption">{html.escape(caption, quote=False)}</figcaption>'
        if caption
        else ""
    )
    return delimited(
        "core/image",
        attrs,
        f'\n<figure class="wp-block-image size-large"><img src="{html.escape(src)}" '
        f'alt="{html.escape(alt)}"{image_class}/>{figcaption}</figure>\n',
    )


_PROVIDERS = {
    "youtube.com": ("youtube", "video"),
    "youtu.be": ("youtube", "video"),
    "vimeo.com": ("vimeo", "video"),
    "dailymotion.com": ("dailymotion", "video"),
    "twitter.com": ("twitter", "rich"),
    "x.com": ("twitter", "rich"),
    "facebook.com": ("facebook", "rich"),
    "instagram.com": ("instagram", "rich"),
    "soundcloud.com": ("soundcloud", "rich"),
    "spotify.com": ("spotify", "rich"),
    "tiktok.com": ("tiktok", "video"),
}


def _embed_block(url: str) -> str:
    host = re.sub(r"^https?://(?:www\.|m\.|open\.)?", "", url).split("/", 1)[0].lower()
    provider, kind = _PROVIDERS.get(host, ("", ""))
    attrs: dict[str, object] = {"url": url}
    classes = ["wp-block-embed"]
    if provider:
        attrs.update({"type": kind, "providerNameSlug": provider})
        classes += [f"is-type-{kind}", f"is-provider-{provider}", f"wp-block-embed-{provider}"]
    return delimited(
        "core/embed",
        attrs,
        f'\n<figure class="{" ".join(classes)}"><div class="wp-block-embed__wrapper">\n'
        f"{html.escape(url, quote=False)}\n</div></figure>\n",
    )
