"""The interchange format: Markdown with a YAML front matter, for import and export.

(A little over the house's 400 lines: reading and writing the format stay side by side
in one room, each bad input with its reason code next to the rule it breaks.)

    ---
    title: "Mali : Sergueï Lavrov attendu à Bamako"
    standfirst: Le ministre russe ...
    category: Politique
    tags: [Mali, Russie]
    byline: A.Y. Barma
    source: actuniger.com
    dateline: Bamako
    date: 2023-02-05T18:00:00+00:00
    language: fr
    slug: mali-serguei-lavrov-attendu-a-bamako
    status: draft
    featured_image:
      path: header.jpg        # relative to the Markdown file
      caption: Sergueï Lavrov et Abdoulaye Diop
      credit: DR
      alt: Les deux ministres côte à côte
    ---

    Body in Markdown...

Rules, so that export then import gives back the same article:

* Front-matter keys newsdesk does not know are kept in ``Article.extra`` and
  written back after the known ones. Their values are kept as JSON-compatible data
  (YAML dates become ISO strings) so the store keeps them exactly too.
* ``date``: ISO 8601. With an offset it is kept with that offset. Without one it is
  kept *naive*, exactly as written: newsdesk never guesses a zone (a guess of UTC
  would be an hour off in Niamey); the rules flag it ``naive_date`` before publishing.
  A bare day (``2023-02-05``) is midnight of that day, naive.
* Line ends are ``\\n`` (CRLF and CR are converted); a UTF-8 BOM is accepted.
* The body is everything after the closing ``---`` line, less one blank line after it
  and the file's final newline, which ``dump_document`` adds.
* A file with no front matter is all body; if its first line is a ``# Heading``,
  that heading becomes the title.

``parse_document`` raises ``InvalidDocument`` with a precise English message meant
for logs; the CLI and the UI word the error for people from ``InvalidDocument.reason``
and its details.
"""

from __future__ import annotations

import math
import re
from datetime import date, datetime, time
from enum import StrEnum
from typing import Any, TypeVar

import yaml

from .article import FIELDS, FRONT_MATTER_FIELDS, IMAGE_KEYS, Article, FeaturedImage
from .errors import InvalidDocument
from .fields import FrontMatter, Kind

#: Anything bigger is not an article a reporter typed or pasted; refusing it early
#: keeps a stray video or database dump from freezing the program.
MAX_DOCUMENT_BYTES = 5 * 1024 * 1024

#: Keys with a meaning in newsdesk, in the order ``dump_document`` writes them.
KNOWN_KEYS = FRONT_MATTER_FIELDS
_KNOWN = tuple(f for f in FIELDS if f.front_matter is not None)
_IMAGE_KEYS = IMAGE_KEYS
# A front matter holding more values than this is an attack (YAML aliases can make a
# small file expand into billions of nodes) or a mistake, not an article.
_MAX_NODES = 100_000

# libyaml's loader when present: the same safe schema, several times faster.
_Loader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

_E = TypeVar("_E", bound=StrEnum)

_OPENING = re.compile(r"\A---[ \t]*\n")
_CLOSING = re.compile(r"^(?:---|\.\.\.)[ \t]*$", re.MULTILINE)
_HEADING = re.compile(r"\A\s*#[ \t]+(.+?)(?:[ \t]+#+)?[ \t]*(?:\n|\Z)")


def parse_document(data: bytes | str) -> Article:
    """An Article from a Markdown file's bytes (or text). Raises InvalidDocument."""
    text = _decode(data)
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")

    opening = _OPENING.match(text)
    if opening is None:
        return _without_front_matter(text)
    closing = _CLOSING.search(text, opening.end())
    if closing is None:
        raise InvalidDocument(
            "the front matter opened by '---' on line 1 is never closed",
            reason="unclosed_front_matter",
        )
    front = text[opening.end() : closing.start()]
    body = text[closing.end() :]
    # The closing line's own end, then the one blank line dump_document puts there.
    body = body.removeprefix("\n").removeprefix("\n").removesuffix("\n")

    try:
        meta = yaml.load(front, Loader=_Loader)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        problem = getattr(error, "problem", None) or str(error)
        if mark is not None:
            # +2: the mark counts from 0, and the front matter starts after the '---' line.
            line, column = mark.line + 2, mark.column + 1
            details: dict[str, object] = {"line": line, "column": column}
            message = f"invalid YAML at line {line}, column {column}: {problem}"
            context = getattr(error, "context_mark", None)
            if context is not None and context.line + 2 < line:
                # An unclosed [ or " is noticed lines later; where it began is the culprit.
                details["started_line"] = context.line + 2
                message += f" (in what starts on line {context.line + 2})"
            raise InvalidDocument(message, reason="invalid_yaml", **details) from None
        raise InvalidDocument(f"invalid YAML: {problem}", reason="invalid_yaml") from None
    if meta is None:
        meta = {}
    if not isinstance(meta, dict):
        raise InvalidDocument(
            f"the front matter is a {_kind(meta)}, not a mapping of keys to values",
            reason="not_a_mapping",
        )
    return _article_from(meta, body)


def _decode(data: bytes | str) -> str:
    if isinstance(data, str):
        size = len(data.encode("utf-8", "surrogatepass"))
        check_size(size)
        return data
    check_size(len(data))
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise InvalidDocument(
            f"invalid UTF-8 at byte {error.start} (line {line})",
            reason="invalid_utf8",
            byte=error.start,
            line=line,
        ) from None


def check_size(size: int) -> None:
    if size > MAX_DOCUMENT_BYTES:
        raise InvalidDocument(
            f"the document is {size} bytes, over the {MAX_DOCUMENT_BYTES} byte limit",
            reason="too_large",
            size=size,
            limit=MAX_DOCUMENT_BYTES,
        )


def _without_front_matter(text: str) -> Article:
    body = text.removesuffix("\n")
    heading = _HEADING.match(body)
    if heading is None:
        return Article(body=body)
    return Article(title=heading.group(1).strip(), body=body[heading.end() :].lstrip("\n"))


def _article_from(meta: dict[Any, Any], body: str) -> Article:
    for key in meta:
        if not isinstance(key, str):
            raise InvalidDocument(
                f"front matter key {key!r} is a {_kind(key)}, not text",
                reason="wrong_type",
                key=str(key),
                expected="text_key",
            )
    article = Article(body=body)
    # The text keys first, then the others in the table's order: of two wrong values,
    # the one reported stays the one it always was.
    for field in sorted(_KNOWN, key=lambda f: f.kind is not Kind.TEXT):
        key = field.name
        if field.kind is Kind.TEXT:
            setattr(article, key, _text(meta, key))
        elif field.kind is Kind.NAMES:
            names = meta.get(key)
            if names is not None:
                if not isinstance(names, list):
                    raise _wrong_type(key, "list", names)
                setattr(article, key, [_scalar_text(f"{key}[{i}]", n) for i, n in enumerate(names)])
        elif field.kind is Kind.DATE:
            setattr(article, key, _date(key, meta.get(key)))
        elif field.kind is Kind.ENUM:
            assert field.enum is not None
            setattr(article, key, _choice(meta, key, field.enum, getattr(article, key)))
        elif field.kind is Kind.IMAGE:
            setattr(article, key, _featured(key, meta.get(key)))
        else:  # pragma: no cover - the table's front matter holds no other kind
            raise AssertionError(f"no front-matter reading for {field.kind}")

    counter = [0]
    article.extra = {
        key: _plain(key, value, counter) for key, value in meta.items() if key not in KNOWN_KEYS
    }
    return article


def _kind(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, (int, float)):
        return "number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "list"
    if isinstance(value, dict):
        return "mapping"
    if isinstance(value, (date, datetime)):
        return "date"
    return type(value).__name__


#: What a ``wrong_type`` error expected: a stable code (``InvalidDocument.details``)
#: and its English wording for the message.
EXPECTED = {
    "text": "text",
    "list": "a list",
    "date": "an ISO 8601 date",
    "image": "a mapping (path, caption, credit, alt)",
    "finite_number": "a finite number",
    "text_key": "keyed by text",
    "plain_value": "text, a number, a list or a mapping",
}


def _wrong_type(key: str, expected: str, value: object) -> InvalidDocument:
    return InvalidDocument(
        f"{key} must be {EXPECTED[expected]}, not a {_kind(value)}",
        reason="wrong_type",
        key=key,
        expected=expected,
    )


def _scalar_text(key: str, value: object) -> str:
    # A headline like « 1984 » is a number to YAML; the reporter meant text. Booleans
    # are refused instead: ``title: yes`` becoming "True" would be a silent surprise.
    if isinstance(value, str):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    raise _wrong_type(key, "text", value)


def _text(meta: dict[str, Any], key: str) -> str:
    value = meta.get(key)
    return "" if value is None else _scalar_text(key, value)


def _date(key: str, value: object) -> datetime | None:
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value
    if isinstance(value, date):
        return datetime.combine(value, time())
    if isinstance(value, str):
        try:
            return datetime.fromisoformat(value.strip())
        except ValueError:
            raise InvalidDocument(
                f"date {value!r} is not an ISO 8601 date such as 2023-02-05T18:00:00+00:00",
                reason="invalid_date",
                key=key,
            ) from None
    raise _wrong_type(key, "date", value)


def _choice(meta: dict[str, Any], key: str, enum: type[_E], default: _E) -> _E:
    value = meta.get(key)
    if value is None:
        return default
    if not isinstance(value, str):
        raise _wrong_type(key, "text", value)
    try:
        return enum(value.strip().lower())
    except ValueError:
        allowed = ", ".join(member.value for member in enum)
        raise InvalidDocument(
            f"unknown {key} {value!r} (expected one of: {allowed})",
            reason="unknown_value",
            key=key,
            allowed=allowed,
        ) from None


def _featured(key: str, value: object) -> FeaturedImage | None:
    if value is None:
        return None
    if isinstance(value, str):
        return FeaturedImage(path=value) if value.strip() else None
    if not isinstance(value, dict):
        raise _wrong_type(key, "image", value)
    unknown = [str(k) for k in value if k not in _IMAGE_KEYS]
    if unknown:
        raise InvalidDocument(
            f"{key} has unknown key {unknown[0]!r} (expected {', '.join(_IMAGE_KEYS)})",
            reason="unknown_key",
            key=f"{key}.{unknown[0]}",
        )
    parts = {
        k: "" if value.get(k) is None else _scalar_text(f"{key}.{k}", value[k]) for k in _IMAGE_KEYS
    }
    # No path is allowed: a reporter may write the caption before choosing the photo.
    return FeaturedImage(**parts)


def _plain(key: str, value: object, counter: list[int]) -> Any:
    """The value as JSON-compatible data (what the store can keep exactly)."""
    counter[0] += 1
    if counter[0] > _MAX_NODES:
        raise InvalidDocument(
            f"the front matter holds more than {_MAX_NODES} values",
            reason="too_large",
            values=_MAX_NODES,
        )
    if value is None or isinstance(value, (bool, int, str)):
        return value
    if isinstance(value, float):
        if not math.isfinite(value):
            raise _wrong_type(key, "finite_number", value)
        return value
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list):
        return [_plain(f"{key}[{i}]", item, counter) for i, item in enumerate(value)]
    if isinstance(value, dict):
        result: dict[str, Any] = {}
        for sub, item in value.items():
            if not isinstance(sub, str):
                raise _wrong_type(f"{key}.{sub}", "text_key", sub)
            result[sub] = _plain(f"{key}.{sub}", item, counter)
        return result
    # yaml.safe_load also makes bytes (!!binary) and sets: no article needs them.
    raise _wrong_type(key, "plain_value", value)


# --- Writing ------------------------------------------------------------------------------


class _Dumper(yaml.SafeDumper):
    """Multi-line text as literal blocks, so an exported standfirst reads like prose."""


def _represent_str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    # The emitter falls back to a quoted style by itself when a block cannot hold
    # the text exactly (trailing spaces, control characters...).
    if any(c in value for c in "\x85\u2028\u2029"):
        # YAML reads these as line breaks in every style but double-quoted, the one
        # where PyYAML escapes them.
        style: str | None = '"'
    elif "\n" in value:
        style = "|"
    else:
        style = None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


def _represent_datetime(dumper: yaml.SafeDumper, value: datetime) -> yaml.ScalarNode:
    text = value.isoformat()
    if _yaml_reads_back(text, value):
        return dumper.represent_scalar("tag:yaml.org,2002:timestamp", text)
    # Offsets with seconds and the like: YAML's timestamp cannot hold them, the ISO text can.
    return dumper.represent_scalar("tag:yaml.org,2002:str", text, style="'")


def _yaml_reads_back(text: str, value: datetime) -> bool:
    try:
        loaded = yaml.safe_load(text)
    except yaml.YAMLError:  # pragma: no cover - isoformat always gives valid YAML
        return False
    return (
        isinstance(loaded, datetime)
        and loaded == value
        and (loaded.utcoffset() is None) == (value.utcoffset() is None)
    )


_Dumper.add_representer(str, _represent_str)
_Dumper.add_representer(datetime, _represent_datetime)


def front_matter(article: Article) -> dict[str, Any]:
    """The front matter's keys and values, known keys first; empty values left out."""
    meta: dict[str, Any] = {}
    for field in _KNOWN:
        value = getattr(article, field.name)
        # Empty: "", [] or None (a date and an image are never false otherwise).
        if field.front_matter is FrontMatter.IF_SET and not value:
            continue
        if field.kind is Kind.NAMES:
            value = list(value)
        elif field.kind is Kind.ENUM:
            value = value.value
        elif field.kind is Kind.IMAGE:
            # The path always, even empty (the caption may come before the photo).
            value = {k: getattr(value, k) for k in _IMAGE_KEYS if k == "path" or getattr(value, k)}
        meta[field.name] = value
    for key, value in article.extra.items():
        # A known key in ``extra`` can only come from code, never from a parsed file:
        # the article's own field wins.
        if key not in meta and key not in KNOWN_KEYS:
            meta[key] = value
    return meta


def dump_document(article: Article) -> str:
    """The article as a Markdown file with front matter (``parse_document`` reads it back)."""
    front = yaml.dump(
        front_matter(article),
        Dumper=_Dumper,
        allow_unicode=True,
        sort_keys=False,
        default_flow_style=False,
        width=100,
    )
    # PyYAML ends the document with an explicit "..." after a block scalar that keeps
    # its final newlines (an alt text of "\n"); front matter ends with "---", and a
    # reader that also takes "..." as the end would read the "---" as the body's.
    if front.endswith("\n...\n"):
        front = front[: -len("...\n")]
    return f"---\n{front}---\n\n{article.body}\n"
