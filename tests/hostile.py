"""What « nothing executable » means for a page newsdesk wrote, checked by parsing.

Shared by the hostile-input corpus (``tests/unit/test_hostile_corpus.py``) and the
property tests (``tests/unit/test_hostile_properties.py``). The HTML is read with the
standard library's ``html.parser`` (entities decoded, attributes split as a browser
tokenizes them), never searched with a regular expression.
"""

from __future__ import annotations

from html.parser import HTMLParser

#: Elements that run code, embed another document, send data or load a stylesheet.
FORBIDDEN_TAGS = frozenset(
    {
        "script", "iframe", "frame", "frameset", "object", "embed", "applet", "form",
        "input", "button", "textarea", "select", "svg", "math", "link", "meta", "base",
        "style", "video", "audio", "source", "track", "noscript", "template", "portal",
    }
)  # fmt: skip
#: Attributes holding a URL a browser follows or loads.
URL_ATTRIBUTES = frozenset(
    {
        "href", "src", "action", "formaction", "xlink:href", "poster", "background",
        "data", "codebase", "cite", "srcset", "ping", "lowsrc", "dynsrc",
    }
)  # fmt: skip
DANGEROUS_SCHEMES = ("javascript:", "vbscript:", "data:")


def _scheme(url: str) -> str:
    """The URL as a browser's URL parser reads it (WHATWG): leading and trailing
    control characters and spaces dropped, tabs and newlines dropped anywhere."""
    stripped = url.strip("".join(chr(c) for c in range(0x21)))
    return "".join(ch for ch in stripped if ch not in "\t\n\r").lower()


class _Scan(HTMLParser):
    def __init__(self, allow_data_images: bool) -> None:
        super().__init__(convert_charrefs=True)
        self.allow_data_images = allow_data_images
        self.problems: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in FORBIDDEN_TAGS:
            self.problems.append(f"<{tag}>")
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"<{tag} {name}=>")
            if name == "style":
                self.problems.append(f"<{tag} style=>")
            if name in URL_ATTRIBUTES and value is not None:
                url = _scheme(value)
                if url.startswith(DANGEROUS_SCHEMES):
                    made_image = tag == "img" and name == "src" and url.startswith("data:image/")
                    if not (made_image and self.allow_data_images):
                        self.problems.append(f"<{tag} {name}={value[:40]!r}>")

    handle_startendtag = handle_starttag


def executable_constructs(html: str, *, allow_data_images: bool = False) -> list[str]:
    """Every executable or loading construct of ``html`` (empty: the fragment is inert).

    ``allow_data_images``: ``<img src="data:image/...">`` is allowed, for the pages in
    which newsdesk itself embedded the store's photos.
    """
    scan = _Scan(allow_data_images)
    scan.feed(html)
    scan.close()
    return scan.problems


def page_body(page: str) -> str:
    """The article's part of a full page (its head holds newsdesk's own style and policy)."""
    start = page.index("<body>")
    return page[start:]
