"""Keep the English catalog in step with the French messages: ``python -m newsdesk.words.catalog``.

It extracts every message of ``newsdesk/words`` and ``newsdesk/cli`` (the calls
``words._("…")``, ``_("…")`` and ``N_("…")``), merges them into
``locale/en/LC_MESSAGES/newsdesk.po`` (new ones empty, changed ones marked fuzzy,
gone ones dropped) and compiles the ``.mo`` files. A developer's tool, run by hand;
the tests check that its result is committed.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

from . import DOMAIN, LOCALE_DIR

PACKAGE = Path(__file__).resolve().parent.parent
#: Where the messages are written (the window's own labels are Qt Linguist's).
SOURCES = ("words", "cli")
#: ``command(name, help, run)`` and ``sub(...)`` (the parser's tables) take their help
#: text in French as the second argument, translated inside.
KEYWORDS = {"_": None, "N_": None, "command": (2,), "sub": (2,)}
ENGLISH_PO = LOCALE_DIR / "en" / "LC_MESSAGES" / f"{DOMAIN}.po"
_EPOCH = datetime(2026, 1, 1, tzinfo=UTC)
#: argparse's own English messages in French (the parser's usage, errors, help).
ARGPARSE_PO = LOCALE_DIR / "fr" / "LC_MESSAGES" / "argparse.po"


def extracted() -> Iterator[tuple[str, str]]:
    """(message, where) of every message in the sources."""
    for folder in SOURCES:
        for filename, lineno, message, _comments, _context in extract_from_dir(
            PACKAGE / folder,
            method_map=[("**.py", "python")],
            keywords=KEYWORDS,
            comment_tags=(),
        ):
            if isinstance(message, str) and message:
                yield message, f"newsdesk/{folder}/{filename}:{lineno}"


def template() -> Catalog:
    catalog = Catalog(project="newsdesk", locale="fr", charset="utf-8")
    for message, where in extracted():
        path, _sep, line = where.rpartition(":")
        catalog.add(message, locations=[(path, int(line))], flags=_python_format(message))
    return catalog


def _python_format(message: str) -> tuple[str, ...]:
    return ("python-brace-format",) if "{" in message else ()


def read(path: Path, locale: str) -> Catalog:
    with path.open("rb") as file:
        return read_po(file, locale=locale)


def compiled(catalog: Catalog) -> bytes:
    from io import BytesIO

    # A .po without these dates gets "now" from Babel: fixed, the same .po always
    # compiles to the same bytes (and git sees no change).
    catalog.creation_date = catalog.revision_date = _EPOCH
    buffer = BytesIO()
    write_mo(buffer, catalog)
    return buffer.getvalue()


def update() -> list[str]:
    """Merge the sources into the English catalog and compile both; the messages still
    without English."""
    english = read(ENGLISH_PO, "en") if ENGLISH_PO.exists() else Catalog(locale="en")
    english.update(template(), no_fuzzy_matching=True)
    english.obsolete.clear()
    ENGLISH_PO.parent.mkdir(parents=True, exist_ok=True)
    with ENGLISH_PO.open("wb") as file:
        write_po(file, english, width=88, omit_header=False, sort_output=False)
    for po in (ENGLISH_PO, ARGPARSE_PO):
        locale = po.parent.parent.name
        po.with_suffix(".mo").write_bytes(compiled(read(po, locale)))
    return [str(m.id) for m in english if m.id and (not m.string or m.fuzzy)]


def main() -> int:
    missing = update()
    for message in missing:
        print(f"no English yet: {message!r}", file=sys.stderr)
    print(f"{ENGLISH_PO}: {len(missing)} message(s) to translate")
    return 1 if missing else 0


if __name__ == "__main__":
    raise SystemExit(main())
