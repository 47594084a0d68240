"""The trash: delete (nothing is erased), list what is in it, undelete."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from newsdesk.core import errors
from newsdesk.core.errors import NotInTrash

from .output import EXIT_OK, print_json, summary_json, summary_line
from .registry import Commands

if TYPE_CHECKING:
    from .context import Context


def register(commands: Commands) -> None:
    command = commands.command
    sub = command(
        "delete",
        "mettre un article à la corbeille (rien n’est effacé)",
        cmd_delete,
    )
    sub.add_argument("id", metavar="ID")

    sub = command("trash", "les articles de la corbeille", cmd_trash)
    commands.add_json(sub)

    sub = command(
        "undelete",
        "sortir un article de la corbeille, tel qu’il était",
        cmd_undelete,
    )
    sub.add_argument("id", metavar="ID")


def cmd_delete(ctx: Context, args: argparse.Namespace) -> int:
    from newsdesk import services

    article = ctx.store.get(services.resolve_id(ctx.store, args.id))
    ctx.store.delete(article.id)
    title = article.title.strip() or ctx.messages.get("untitled")
    line = ctx.messages.get("deleted", id=article.id, title=title, short=article.id[:8])
    ctx.out.write(line + "\n")
    return EXIT_OK


def cmd_trash(ctx: Context, args: argparse.Namespace) -> int:
    summaries = ctx.store.trash()
    if args.json:
        print_json({"articles": [summary_json(s) for s in summaries]}, ctx.out)
        return EXIT_OK
    if not summaries:
        ctx.err.write(ctx.messages.get("trash_empty") + "\n")
    for summary in summaries:
        ctx.out.write(summary_line(summary, ctx.messages) + "\n")
    return EXIT_OK


def _trashed_id(ctx: Context, text: str) -> str:
    """The id of the article in the trash that ``text`` names (its id or a prefix of
    at least 6 characters), as ``resolve_id`` does for the others."""
    from newsdesk import services

    wanted = text.strip().lower()
    ids = [s.id for s in ctx.store.trash()]
    if wanted in ids:
        return wanted
    matches = (
        sorted(i for i in ids if i.startswith(wanted))
        if len(wanted) >= services.MIN_ID_PREFIX
        else []
    )
    if len(matches) > 1:
        raise errors.AmbiguousArticleId(text, matches[:5])
    if not matches:
        raise NotInTrash(text)
    return matches[0]


def cmd_undelete(ctx: Context, args: argparse.Namespace) -> int:
    article = ctx.store.undelete(_trashed_id(ctx, args.id))
    title = article.title.strip() or ctx.messages.get("untitled")
    ctx.out.write(ctx.messages.get("undeleted", id=article.id, title=title) + "\n")
    return EXIT_OK


# --- The parser ---------------------------------------------------------------------------
