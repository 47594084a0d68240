"""How each group of commands adds itself to the parser that ``parser.py`` builds."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from dataclasses import dataclass

#: The choices of ``--status`` for listing and searching.
STATUSES = ("draft", "ready", "pending", "scheduled", "published")


@dataclass(frozen=True)
class Commands:
    """The parser's table of commands, in the reporter's language."""

    #: ``command(name, help, run)``: a new command running ``run``; ``help`` is French,
    #: translated like every message (``newsdesk.words``).
    command: Callable[[str, str, Callable[..., int]], argparse.ArgumentParser]
    #: ``_(french)``: a help text in the reporter's language.
    _: Callable[[str], str]
    #: Options accepted before or after any command (``--data-dir``).
    common: argparse.ArgumentParser

    def add_json(self, sub: argparse.ArgumentParser) -> None:
        sub.add_argument("--json", action="store_true", help=self._("sortie JSON stable"))

    def add_filters(self, sub: argparse.ArgumentParser, limit: int | None) -> None:
        _ = self._
        sub.add_argument("--status", choices=STATUSES, help=_("état"))
        sub.add_argument("--tag", help=_("mot-clé"))
        sub.add_argument("--category", help=_("rubrique"))
        sub.add_argument("--limit", type=int, default=limit, help=_("nombre maximum"))
