"""The argument parser, in the reporter's language; each group of commands adds its own.

argparse words its own messages (usage, missing arguments...) through gettext; their
French is a gettext catalog in ``locale/``, in force while the parser is built and run
(``argparse_language``). Nothing in argparse is replaced.
"""

from __future__ import annotations

import argparse
import gettext
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import NoReturn

from newsdesk import __version__
from newsdesk.words import LOCALE_DIR

from . import articles, backup, checks, publishing, sites, trash
from .failures import UsageError
from .messages import Messages
from .output import PROG
from .registry import Commands

#: argparse's own messages are gettext's "argparse" domain, whose French catalog sits
#: beside newsdesk's own (``newsdesk/words/locale``).
DOMAIN = "argparse"


@contextmanager
def argparse_language(language: str) -> Iterator[None]:
    """argparse's own messages (usage, missing arguments...) in ``language``.

    argparse words them through gettext's process-wide domain, as every gettext user
    does: while the parser is built and run, that domain is ``argparse``, whose French
    catalog is ``newsdesk/words/locale/fr/LC_MESSAGES/argparse.po``, and gettext's
    language is the command line's (``LANGUAGE``, which gettext reads first). In English
    there is no catalog: argparse's own words. Both are put back afterwards.
    """
    previous_domain = gettext.textdomain()
    previous_language = os.environ.get("LANGUAGE")
    gettext.bindtextdomain(DOMAIN, str(LOCALE_DIR))
    gettext.textdomain(DOMAIN)
    os.environ["LANGUAGE"] = language
    try:
        yield
    finally:
        gettext.textdomain(previous_domain)
        if previous_language is None:
            os.environ.pop("LANGUAGE", None)
        else:
            os.environ["LANGUAGE"] = previous_language


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise UsageError(message)


def build_parser(messages: Messages) -> argparse.ArgumentParser:
    _ = messages.words._

    # Accepted before or after the command: ``newsdesk list --data-dir X`` works too.
    common = _Parser(add_help=False)
    common.add_argument(
        "--data-dir",
        metavar="DIR",
        default=argparse.SUPPRESS,
        help=_("dossier des données (sinon NEWSDESK_HOME, sinon celui de l’utilisateur)"),
    )
    parser = _Parser(
        prog=PROG,
        parents=[common],
        description=_(
            "Rédiger hors ligne, prévisualiser comme sur le site, publier sans risque. "
            "Sans commande : ouvre la fenêtre."
        ),
    )
    parser.add_argument("--version", action="version", version=f"{PROG} {__version__}")
    commands = parser.add_subparsers(dest="command", metavar=_("COMMANDE"))

    def command(name: str, french: str, run: Callable[..., int]) -> _Parser:
        sub: _Parser = commands.add_parser(
            name, parents=[common], help=_(french), description=_(french)
        )
        sub.set_defaults(run=run)
        return sub

    table = Commands(command=command, _=_, common=common)
    articles.register(table)  # import, list, search, show, render, export, history, ...
    trash.register(table)  # delete, trash, undelete
    sites.register(table)  # site add|list|remove|password
    publishing.register(table)  # publish, unpublish, sync, status, resolve, pull
    checks.register(table)  # check
    backup.register(table)  # backup, restore-backup
    return parser
