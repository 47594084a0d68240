"""A readable difference between two versions of an article.

Used by the history view and ``newsdesk diff``: the metadata first, one
``field: value`` line each, then the body line by line, as a unified diff.
Identical articles give an empty string.
"""

from __future__ import annotations

import difflib

from newsdesk.core.article import FRONT_MATTER_FIELDS, IMAGE_KEYS, Article

#: Fields shown in a comparison, in the order a reporter reads an article: the
#: metadata, as the front matter holds it (the body follows, line by line).
_FIELDS = FRONT_MATTER_FIELDS


def _value(article: Article, name: str) -> str:
    value = getattr(article, name)
    if value is None:
        return ""
    if name == "tags":
        return ", ".join(value)
    if name == "date":
        return str(value.isoformat())
    if name == "featured_image":
        return " | ".join(
            f"{key}={getattr(value, key)}" for key in IMAGE_KEYS if getattr(value, key)
        )
    return " ".join(str(value).split())  # one line, whatever the field holds


def _lines(article: Article) -> list[str]:
    lines = [f"{name}: {_value(article, name)}\n" for name in _FIELDS]
    for key in sorted(article.extra):
        lines.append(f"{key}: {article.extra[key]}\n")
    lines.append("\n")
    lines.extend(line if line.endswith("\n") else line + "\n" for line in article.body.splitlines())
    return lines


def diff_articles(
    old: Article,
    new: Article,
    *,
    old_label: str | None = None,
    new_label: str | None = None,
    context: int = 3,
) -> str:
    """Unified diff from ``old`` to ``new``; labels default to ``revision N``."""
    return "".join(
        difflib.unified_diff(
            _lines(old),
            _lines(new),
            fromfile=old_label if old_label is not None else f"revision {old.revision}",
            tofile=new_label if new_label is not None else f"revision {new.revision}",
            n=context,
        )
    )
