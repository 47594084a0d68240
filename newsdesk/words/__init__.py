"""newsdesk's words for people: what went wrong and where an article stands, once.

The core raises typed errors and speaks in codes (``core.errors``, outbox states,
validation problems). This package is the one place that turns them into sentences,
for the window and the command line alike (``errors.describe``, ``states``); each face
only names its own way to act (``Face``: a menu in the window, a command in a terminal).

The translation system is gettext, through Babel's tools, for everything that is not a
widget's label. Why gettext here and Qt Linguist in the window: these words are read by
the command line too, which must start fast and never import Qt; gettext is in the
standard library and its catalogs are plain text. The window's own labels (menus,
buttons, fields) stay with Qt Linguist (``resources/translations``), because Qt's
tools find them in the widgets' code and Qt's standard dialogs translate the same way.

French is the source language, as in the window: every message is written in French in
the code (with its « », ’ and no-break spaces), and ``locale/en/LC_MESSAGES/newsdesk.po``
gives its English. With no catalog, French shows. After changing a message::

    .venv/bin/python -m newsdesk.words.catalog   # extract, merge into the .po, compile

then translate the new entries (marked ``fuzzy`` or empty) and run it again.
``tests/unit/test_words.py`` fails when a message has no English or the .mo is stale.
"""

from __future__ import annotations

import gettext
import os
from collections.abc import Mapping
from enum import Enum
from functools import cache
from pathlib import Path

#: The gettext catalogs: ``en/LC_MESSAGES/newsdesk.po`` (the English of newsdesk's
#: French messages) and ``fr/LC_MESSAGES/argparse.po`` (the French of argparse's own).
LOCALE_DIR = Path(__file__).resolve().parent / "locale"
DOMAIN = "newsdesk"
LANGUAGES = ("fr", "en")


class Face(Enum):
    """Who reads the sentence: remedies name the window's menus or the commands."""

    WINDOW = "window"
    CLI = "cli"


def N_(message: str) -> str:
    """Mark a message for the catalog without translating it yet (a table's value)."""
    return message


def language_from_environment(environ: Mapping[str, str] | None = None) -> str:
    """``en`` when the first locale variable set (``LC_ALL``, ``LC_MESSAGES``, ``LANG``)
    asks for English, else ``fr``: the command line's language."""
    env = os.environ if environ is None else environ
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(name, "")
        if value:
            return "en" if value.lower().startswith("en") else "fr"
    return "fr"


class Words:
    """newsdesk's messages in one language: ``words._("… {name} …", name=value)``."""

    def __init__(self, language: str) -> None:
        self.language = language if language in LANGUAGES else "fr"
        self._catalog = _catalog(self.language)

    def _(self, message: str, /, **fields: object) -> str:
        """``message`` (French, as written in the code) in this language, its
        ``{fields}`` filled."""
        text = self._catalog.gettext(message)
        return text.format(**fields) if fields else text

    def quoted(self, name: object) -> str:
        """« name » in French, 'name' in English."""
        return self._("«\u00a0{name}\u00a0»", name=name)

    def one_of(self, names: list[str]) -> str:
        """« A », « B » ou « C »."""
        quoted = [self.quoted(name) for name in names]
        if len(quoted) <= 1:
            return "".join(quoted)
        return self._("{some} ou {last}", some=", ".join(quoted[:-1]), last=quoted[-1])

    def sentence(self, text: str) -> str:
        """``text`` with a capital first letter (a fragment that begins a line)."""
        return text[:1].upper() + text[1:]


@cache
def _catalog(language: str) -> gettext.NullTranslations:
    if language == "fr":
        return gettext.NullTranslations()  # the messages are written in French
    return gettext.translation(DOMAIN, str(LOCALE_DIR), [language], fallback=True)


@cache
def words_for(language: str) -> Words:
    """The shared ``Words`` of ``language`` (they hold no state but the catalog)."""
    return Words(language)


__all__ = ["DOMAIN", "LOCALE_DIR", "N_", "Face", "Words", "language_from_environment", "words_for"]
