"""The argument parser, in the reporter's language; each group of commands adds its own.

argparse words its own messages (usage, missing arguments...) through gettext; the
French of those a user can meet is ``_ARGPARSE_FR``, put in place while the parser is
built and run (``argparse_language``).
"""

from __future__ import annotations

import argparse
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import NoReturn

from newsdesk import __version__

from . import articles, publishing, sites, trash
from .failures import UsageError
from .messages import Messages
from .output import PROG
from .registry import Commands

# argparse writes its own messages through gettext; these are its 3.11 messages that a
# user can meet, worded in French. Anything not listed stays as argparse says it.
_ARGPARSE_FR = {
    "usage: ": "usage : ",
    "positional arguments": "arguments",
    "options": "options",
    "show this help message and exit": "afficher cette aide et quitter",
    "the following arguments are required: %s": "arguments manquants : %s",
    "unrecognized arguments: %s": "arguments inconnus : %s",
    "invalid choice: %(value)r (choose from %(choices)s)": (
        "choix invalide : %(value)r (possibles : %(choices)s)"
    ),
    "expected one argument": "une valeur est attendue",
    "argument %(argument_name)s: %(message)s": "argument %(argument_name)s : %(message)s",
    "invalid %(type)s value: %(value)r": "valeur invalide : %(value)r",
    "ambiguous option: %(option)s could match %(matches)s": (
        "option ambiguë : %(option)s peut désigner %(matches)s"
    ),
    "show program's version number and exit": "afficher la version et quitter",
}


@contextmanager
def argparse_language(language: str) -> Iterator[None]:
    if language != "fr":
        yield
        return
    original = argparse._  # type: ignore[attr-defined]

    def translate(message: str) -> str:
        return _ARGPARSE_FR.get(message) or str(original(message))

    argparse._ = translate  # type: ignore[attr-defined]
    try:
        yield
    finally:
        argparse._ = original  # type: ignore[attr-defined]


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise UsageError(message)


def build_parser(messages: Messages) -> argparse.ArgumentParser:
    fr = messages.index == 0

    def h(french: str, english: str) -> str:
        return french if fr else english

    # Accepted before or after the command: ``newsdesk list --data-dir X`` works too.
    common = _Parser(add_help=False)
    common.add_argument(
        "--data-dir",
        metavar="DIR",
        default=argparse.SUPPRESS,
        help=h(
            "dossier des données (sinon NEWSDESK_HOME, sinon celui de l’utilisateur)",
            "data folder (else NEWSDESK_HOME, else the user's)",
        ),
    )
    parser = _Parser(
        prog=PROG,
        parents=[common],
        description=h(
            "Rédiger hors ligne, prévisualiser comme sur le site, publier sans risque. "
            "Sans commande : ouvre la fenêtre.",
            "Write offline, preview as the site shows it, publish safely. "
            "No command: opens the window.",
        ),
    )
    parser.add_argument("--version", action="version", version=f"{PROG} {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMANDE" if fr else "COMMAND")

    def command(name: str, french: str, english: str, run: Callable[..., int]) -> _Parser:
        sub: _Parser = commands.add_parser(
            name, parents=[common], help=h(french, english), description=h(french, english)
        )
        sub.set_defaults(run=run)
        return sub

    table = Commands(command=command, h=h, common=common, fr=fr)
    articles.register(table)  # import, list, search, show, render, export, history, ...
    trash.register(table)  # delete, trash, undelete
    sites.register(table)  # site add|list|remove|password
    publishing.register(table)  # publish, unpublish, sync, status, resolve, pull
    return parser
