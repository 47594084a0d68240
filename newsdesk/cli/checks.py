"""``newsdesk check ID [--site NAME] [--json]``: the checklist before publishing.

The same list the window shows beside « Publier » (``sync.checks.PublishCheck.items``):
what stops everything (a missing headline, a rubrique the site lacks), what a direct
publish or a schedule still needs under the site's content profile (a submission for
review goes without), and the warnings. When the site's rules count them, the
spelling and grammar mistakes are found as the window underlines them (a dictionary
loads in a second or more; ``--no-spelling`` skips them). Exit 0 when the article may be published
directly, 1 otherwise (the list says why), so that a script can ask before publishing.

``--json`` prints ``{"id", "site", "ready_to_publish", "ready_for_review", "items":
[{"field", "code", "detail", "blocks": "all"|"publish"|"none", "text"}]}``.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from .output import EXIT_FAILURE, EXIT_OK, print_json
from .registry import Commands

if TYPE_CHECKING:
    from .context import Context

#: How each kind of item is marked on a terminal.
MARKS = {"all": "✗", "publish": "•", "none": "·"}


def register(commands: Commands) -> None:
    command, _ = commands.command, commands._
    check = command("check", "vérifier un article avant de le publier", cmd_check)
    check.add_argument("id", metavar="ID")
    check.add_argument("--site", metavar=_("NOM"))
    check.add_argument(
        "--no-spelling",
        action="store_true",
        help=_("sans l’orthographe ni la grammaire (plus rapide)"),
    )
    commands.add_json(check)


def cmd_check(ctx: Context, args: argparse.Namespace) -> int:
    from newsdesk.services import resolve_id
    from newsdesk.sync.checks import check_publish
    from newsdesk.sync.outbox import choose_site

    article = ctx.store.get(resolve_id(ctx.store, args.id))
    site = choose_site(ctx.store, args.site, article.id)
    spelling: list[str] | None = None
    grammar: list[str] | None = None
    if not args.no_spelling and _counted(ctx, site):
        from newsdesk.services import spelling_findings

        spelling, grammar = spelling_findings(ctx.store, article, site)
    check = check_publish(ctx.store, article, site, spelling=spelling, grammar=grammar)
    items = check.items()
    texts = [ctx.messages.problem(i.problem.code, i.problem.detail) for i in items]
    if args.json:
        print_json(
            {
                "id": article.id,
                "site": site,
                "ready_to_publish": check.ready_to_publish,
                "ready_for_review": check.ready_for_review,
                "items": [
                    {
                        "field": item.problem.field,
                        "code": item.problem.code,
                        "detail": item.problem.detail,
                        "blocks": item.blocks,
                        "text": text,
                    }
                    for item, text in zip(items, texts, strict=True)
                ],
            },
            ctx.out,
        )
    else:
        for item, text in zip(items, texts, strict=True):
            ctx.out.write(f"{MARKS[item.blocks]} {text}\n")
        if check.ready_to_publish:
            summary = "ready_to_publish"
        elif check.ready_for_review:
            summary = "ready_for_review"
        else:
            summary = "not_ready"
        ctx.err.write(ctx.messages.get(f"check.{summary}", site=site) + "\n")
    return EXIT_OK if check.ready_to_publish else EXIT_FAILURE


def _counted(ctx: Context, site: str) -> bool:
    """Whether the site's rules count spelling or grammar (else a dictionary's second
    of loading is spared)."""
    from newsdesk.storage.site_profiles import site_profile

    profile = site_profile(ctx.store, site)
    return profile.check_spelling or profile.check_grammar
