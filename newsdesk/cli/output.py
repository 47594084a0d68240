"""What the command line writes: exit codes, JSON, one-line summaries.

JSON output (``--json``) is stable: fields are only ever added, never renamed or
removed (see the package's docstring for each shape).
"""

from __future__ import annotations

import dataclasses
import json
from datetime import datetime
from typing import TYPE_CHECKING, Any, TextIO

from newsdesk.core.fields import Field, Kind

if TYPE_CHECKING:
    from newsdesk.core.article import Article
    from newsdesk.storage.store import ArticleSummary

    from .messages import Messages

EXIT_OK = 0
EXIT_FAILURE = 1
EXIT_USAGE = 2
#: Interrupted (Ctrl+C), as a shell reports it: 128 + SIGINT.
EXIT_INTERRUPTED = 130
PROG = "newsdesk"


def iso(moment: datetime | None) -> str | None:
    return None if moment is None else moment.isoformat()


def print_json(data: object, out: TextIO) -> None:
    json.dump(data, out, ensure_ascii=False, indent=2, default=str)
    out.write("\n")


def summary_json(summary: ArticleSummary) -> dict[str, Any]:
    return {
        "id": summary.id,
        "title": summary.title,
        "status": summary.status.value,
        "category": summary.category,
        "tags": list(summary.tags),
        "date": iso(summary.date),
        "updated_at": iso(summary.updated_at),
        "word_count": summary.word_count,
        "revision": summary.revision,
        "byline": summary.byline,
    }


def _field_json(field: Field, value: Any) -> Any:
    match field.kind:
        case Kind.NAMES:
            return list(value)
        case Kind.DATE | Kind.MOMENT:
            return iso(value)
        case Kind.ENUM:
            return value.value
        case Kind.IMAGE:
            return None if value is None else dataclasses.asdict(value)
        case Kind.TEXT | Kind.ID | Kind.COUNTER | Kind.DATA:
            return value


def article_json(article: Article) -> dict[str, Any]:
    from newsdesk.core import rules
    from newsdesk.core.article import FIELDS

    # The id first, as ``show`` has always printed it; then every field in its order.
    data: dict[str, Any] = {"id": article.id}
    for field in FIELDS:
        if field.name != "id":
            data[field.name] = _field_json(field, getattr(article, field.name))
        if field.name == "slug":
            # The slug the site will be given, beside the one the reporter typed.
            data["effective_slug"] = rules.effective_slug(article)
    words = rules.article_word_count(article)
    data["word_count"] = words
    data["reading_minutes"] = rules.reading_time_minutes(words)
    data["problems"] = [
        {"field": p.field, "code": p.code, "severity": p.severity}
        for p in rules.validate(article, for_publishing=True)
    ]
    return data


def short_date(moment: datetime | None) -> str:
    return moment.strftime("%Y-%m-%d") if moment is not None else "-" * 10


def summary_line(summary: ArticleSummary, messages: Messages) -> str:
    title = summary.title.strip() or messages.get("untitled")
    category = f"{summary.category} · " if summary.category else ""
    status = summary.status.value
    return f"{summary.id[:8]}  {status:<9}  {short_date(summary.date)}  {category}{title}"
