"""The preview page the window shows first, kept from the last session.

At start-up the window opens the article left open last time. Rendering a
20,000-word article for its preview costs about 130 ms of Python, and importing
Python-Markdown about 60 ms more, on the one interpreter the window is being built
with; Chromium then needs about 100 ms to lay the page out. So the page the preview
last showed is kept in the data folder (``Paths.first_page``), and when the article
has not changed since, the window hands it to the preview as soon as the preview
exists: Chromium lays it out in its own processes while the rest of the window is
built, and the Markdown work moves after the preview is complete (the preview renders
the article once more then; that render patches nothing when the kept page was right,
and corrects it when it was not).

A kept page is used only when its fingerprint matches: every field of the article
that the page can show, newsdesk's version, the renderer's source files (their size
and time), the template and the stylesheet (their text) and the media folder. A
missing, unreadable, damaged or foreign file is a plain miss: the preview renders as
it always did. The file holds what the store already holds (the article's text), no
secret; it is replaced atomically, so a crash leaves the old page or the new one.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import logging
from datetime import UTC, datetime
from enum import Enum
from functools import cache
from pathlib import Path
from typing import Any

import newsdesk
from newsdesk.atomicfile import write_atomic
from newsdesk.core.article import Article
from newsdesk.resources import read_resource

log = logging.getLogger(__name__)

#: The layout of the file; another number is a miss.
FORMAT = 1
#: Article fields no page shows: a save changes them without changing the page.
_UNSHOWN = frozenset({"revision", "created_at", "updated_at"})
#: What the page is made of besides the article (``render.page.render_page``).
_PAGE_RESOURCES = ("templates/article.html", "css/article.css")


@dataclasses.dataclass(frozen=True, slots=True)
class FirstPage:
    """A page as the preview showed it, with what the preview knows of it: its body
    blocks' keys and source lines, its header parts (``ui.live_preview``), and the
    renderer's conversions of those blocks (``BodyRenderer.entries``), so that the
    first render of the next session converts nothing it converted already."""

    article_id: str
    page: str
    keys: list[str]
    lines: list[tuple[int, int]]
    parts: dict[str, str]
    conversions: list[list[str]] = dataclasses.field(default_factory=list)


def _plain(value: Any) -> Any:
    """The article's values as JSON sees them, the same whichever way they were read
    (the editor's or the store's datetime, enum or photo)."""
    if isinstance(value, datetime):
        return (value.astimezone(UTC) if value.tzinfo else value).isoformat()
    if isinstance(value, Enum):
        return value.value
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: getattr(value, f.name) for f in dataclasses.fields(value)}
    return str(value)


@cache
def _renderer_token() -> str:
    """What else the page depends on: newsdesk's version, the renderer's source files
    (a developer's change to them is a miss; a bundle has none on disk, and its version
    stands for them), the template and the stylesheet."""
    render = Path(newsdesk.__file__).resolve().parent / "render"
    sources = []
    for path in sorted(render.glob("*.py")):
        stat = path.stat()
        sources.append((path.name, stat.st_size, stat.st_mtime_ns))
    digest = hashlib.sha256()
    for name in _PAGE_RESOURCES:
        digest.update(read_resource(name).encode("utf-8"))
    return json.dumps([newsdesk.__version__, sources, digest.hexdigest()])


def fingerprint(article: Article, media_dir: str) -> str:
    """A hash of everything the page of ``article`` is made from."""
    shown = {
        f.name: getattr(article, f.name)
        for f in dataclasses.fields(article)
        if f.name not in _UNSHOWN
    }
    text = json.dumps(
        [FORMAT, _renderer_token(), media_dir, shown],
        default=_plain,
        sort_keys=True,
        ensure_ascii=False,
    )
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def load(path: Path, article: Article, media_dir: str) -> FirstPage | None:
    """The page kept for ``article`` as it is now, or None (see the module's text)."""
    try:
        data = json.loads(path.read_bytes())
        if (
            not isinstance(data, dict)
            or data.get("format") != FORMAT
            or data.get("article_id") != article.id
            or data.get("fingerprint") != fingerprint(article, media_dir)
        ):
            return None
        page, keys, lines, parts = data["page"], data["keys"], data["lines"], data["parts"]
        conversions = data["conversions"]
        if not (
            isinstance(page, str)
            and isinstance(keys, list)
            and all(isinstance(key, str) for key in keys)
            and isinstance(lines, list)
            and len(lines) == len(keys)
            and all(
                isinstance(pair, list) and len(pair) == 2 and all(type(n) is int for n in pair)
                for pair in lines
            )
            and isinstance(parts, dict)
            and all(isinstance(v, str) for v in parts.values())
            and isinstance(conversions, list)
            and all(isinstance(entry, list) for entry in conversions)
        ):
            return None
        pairs = [(a, b) for a, b in lines]
        return FirstPage(article.id, page, keys, pairs, parts, conversions)
    except FileNotFoundError:
        return None
    except (OSError, ValueError, KeyError, TypeError):
        log.warning("the kept preview page %s could not be read; the preview renders anew", path)
        return None


def save(path: Path, article: Article, media_dir: str, first: FirstPage) -> None:
    """Keep ``first``, the page of ``article``, for the next start-up."""
    data = {
        "format": FORMAT,
        "article_id": article.id,
        "fingerprint": fingerprint(article, media_dir),
        "keys": first.keys,
        "lines": first.lines,
        "parts": first.parts,
        "conversions": first.conversions,
        "page": first.page,
    }
    write_atomic(path, json.dumps(data, ensure_ascii=False).encode("utf-8"))
