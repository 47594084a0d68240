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

    #: ``command(name, french, english, run)``: a new command running ``run``.
    command: Callable[[str, str, str, Callable[..., int]], argparse.ArgumentParser]
    #: ``h(french, english)``: the help text in the reporter's language.
    h: Callable[[str, str], str]
    #: Options accepted before or after any command (``--data-dir``).
    common: argparse.ArgumentParser
    fr: bool

    def add_json(self, sub: argparse.ArgumentParser) -> None:
        sub.add_argument(
            "--json", action="store_true", help=self.h("sortie JSON stable", "stable JSON output")
        )

    def add_filters(self, sub: argparse.ArgumentParser, limit: int | None) -> None:
        h = self.h
        sub.add_argument("--status", choices=STATUSES, help=h("état", "status"))
        sub.add_argument("--tag", help=h("mot-clé", "tag"))
        sub.add_argument("--category", help=h("rubrique", "category"))
        sub.add_argument(
            "--limit", type=int, default=limit, help=h("nombre maximum", "maximum number")
        )
