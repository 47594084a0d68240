"""The publishing commands: publish, unpublish, sync, status, resolve, pull.

``--at`` is an ISO 8601 moment; without an offset, ``--zone`` names its zone (an IANA
name such as ``Africa/Niamey``, or ``UTC+01:00``). An unknown zone is refused, never
read as UTC. ``sync`` sends at once what waits for a retry after a network failure.

``publish`` exits 0 when the article is on the site (its link on stdout) or safely
waiting in the outbox (no network: ``newsdesk sync`` later), 1 when the action failed,
is in conflict, or needs a new password (the reason on stderr; the action is kept).
"""

from __future__ import annotations

import argparse
from datetime import datetime
from typing import TYPE_CHECKING, Any

from newsdesk.words import Face
from newsdesk.words.states import state_sentence

from .failures import Refused
from .output import EXIT_FAILURE, EXIT_OK, iso, print_json
from .registry import Commands

if TYPE_CHECKING:
    from newsdesk.sync.outbox import SiteState

    from .context import Context


def register(commands: Commands) -> None:
    command, _ = commands.command, commands._

    publish = command(
        "publish",
        "publier, soumettre, programmer ou mettre en brouillon sur le site",
        cmd_publish,
    )
    publish.add_argument("id", metavar="ID")
    publish.add_argument("--site", metavar=_("NOM"))
    publish.add_argument(
        "--status", choices=("publish", "pending", "draft", "future"), default="publish"
    )
    publish.add_argument("--at", metavar="ISO8601")
    publish.add_argument(
        "--zone",
        metavar=_("FUSEAU"),
        help=_("le fuseau d’une date --at sans décalage (Africa/Niamey, UTC+01:00)"),
    )
    publish.add_argument(
        "--queue-only",
        action="store_true",
        help=_("mettre en file sans envoyer"),
    )

    unpublish = command("unpublish", "retirer du site (en brouillon)", cmd_unpublish)
    unpublish.add_argument("id", metavar="ID")
    unpublish.add_argument("--site", metavar=_("NOM"))
    unpublish.add_argument("--queue-only", action="store_true")

    command("sync", "envoyer tout ce qui attend", cmd_sync)

    status = command("status", "l’état d’un article sur les sites", cmd_status)
    status.add_argument("id", metavar="ID")
    status.add_argument("--json", action="store_true")

    resolve = command("resolve", "régler un conflit avec le site", cmd_resolve)
    resolve.add_argument("id", metavar="ID")
    resolve.add_argument("choice", choices=("keep_mine", "take_theirs", "merge"))
    resolve.add_argument("--site", metavar=_("NOM"))

    pull = command(
        "pull",
        "ouvrir un article du site pour le corriger",
        cmd_pull,
    )
    pull.add_argument("--site", required=True, metavar=_("NOM"))
    pull.add_argument("post", metavar=_("POST_ID_OU_URL"))


def _worker(ctx: Context) -> Any:
    return ctx.worker()


def _state_words(ctx: Context, article_id: str, line: SiteState) -> str:
    return state_sentence(
        line.state,
        ctx.messages.words,
        Face.CLI,
        site=line.site,
        kind=line.site_kind,
        article_id=article_id,
        next_attempt_at=line.next_attempt_at,
        error_code=line.error_code,
        error_message=line.error_message,
    )


def _report(ctx: Context, article_id: str, site: str) -> int:
    from newsdesk.sync.outbox import remote_state

    line = remote_state(ctx.store, article_id).on(site)
    words = _state_words(ctx, article_id, line)
    if line.state in ("on_site", "scheduled", "pending_review", "draft_on_site"):
        ctx.out.write(f"{line.link}\n")
        ctx.err.write(f"{words}\n")
        return EXIT_OK
    if line.state in ("failed", "conflict", "needs_password"):
        ctx.fail(words)
        return EXIT_FAILURE
    ctx.err.write(f"{words}\n")
    return EXIT_OK


def _parse_at(ctx: Context, value: str | None, zone_text: str | None = None) -> datetime | None:
    """``--at`` as an aware moment: its own offset, else the zone of ``--zone``; a naive
    date stays naive (the outbox refuses it, saying to give a zone)."""
    from newsdesk.core.rules import parse_zone

    zone = parse_zone(zone_text) if zone_text is not None else None  # UnknownTimeZone
    if value is None:
        return None
    try:
        moment = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        raise Refused(ctx.messages.get("bad_date", value=value)) from None
    if zone is not None:
        moment = moment.replace(tzinfo=zone) if moment.utcoffset() is None else moment
    return moment


def cmd_publish(ctx: Context, args: argparse.Namespace) -> int:
    from newsdesk.services import resolve_id
    from newsdesk.sync import outbox

    article_id = resolve_id(ctx.store, args.id)
    at = _parse_at(ctx, args.at, args.zone)
    entry = outbox.queue_publish(ctx.store, article_id, args.site, args.status, at)
    _say_check(ctx, article_id, entry.site)
    if not args.queue_only:
        ctx.credentials()
        _worker(ctx).drain()
    return _report(ctx, article_id, entry.site)


def _say_check(ctx: Context, article_id: str, site: str) -> None:
    """What the queued publish carries that the reporter should know: problems the site's
    copy had already, and the site's spelling of the rubrique."""
    from newsdesk.sync.checks import check_publish

    check = check_publish(ctx.store, ctx.store.get(article_id), site)
    for problem in check.inherited:
        ctx.err.write(
            ctx.messages.get("inherited", problem=ctx.messages.problem(problem.code)) + "\n"
        )
    if check.category is not None:
        mine = ctx.store.get(article_id).category.strip()
        ctx.err.write(ctx.messages.get("site_spelling", mine=mine, site=check.category) + "\n")


def cmd_unpublish(ctx: Context, args: argparse.Namespace) -> int:
    from newsdesk.services import resolve_id
    from newsdesk.sync import outbox

    article_id = resolve_id(ctx.store, args.id)
    entry = outbox.queue_unpublish(ctx.store, article_id, args.site)
    if not args.queue_only and entry.state != "done":
        _worker(ctx).drain()
    return _report(ctx, article_id, entry.site)


def cmd_sync(ctx: Context, args: argparse.Namespace) -> int:
    from newsdesk.sync.outbox import send_now

    # The reporter asked: what waits for a retry after a network cut goes now.
    woken = send_now(ctx.store)
    if woken:
        ctx.err.write(ctx.messages.get("sent_now", count=woken) + "\n")
    report = _worker(ctx).drain()
    status = EXIT_OK
    for result in report.results:
        from newsdesk.sync.outbox import remote_state

        line = remote_state(ctx.store, result.article_id).on(result.site)
        words = _state_words(ctx, result.article_id, line)
        link = f"  {line.link}" if result.state == "done" and line.link else ""
        ctx.out.write(f"{result.article_id[:8]}  {result.site}  {words}{link}\n")
        if result.state in ("failed", "conflict", "needs_password"):
            status = EXIT_FAILURE
    return status


def cmd_status(ctx: Context, args: argparse.Namespace) -> int:
    from newsdesk.services import resolve_id
    from newsdesk.sync.outbox import remote_state

    article_id = resolve_id(ctx.store, args.id)
    state = remote_state(ctx.store, article_id)
    if args.json:
        print_json(
            {
                "id": article_id,
                "state": state.state,
                "sites": [
                    {
                        "site": s.site,
                        "state": s.state,
                        "remote_id": s.remote_id,
                        "link": s.link,
                        "remote_status": s.remote_status,
                        "action": s.action,
                        "target_status": s.target_status,
                        "scheduled_at": iso(s.scheduled_at),
                        "error_code": s.error_code,
                        "error_message": s.error_message,
                        "next_attempt_at": iso(s.next_attempt_at),
                        "attempts": s.attempts,
                    }
                    for s in state.sites
                ],
            },
            ctx.out,
        )
        return EXIT_OK
    if not state.sites:
        ctx.out.write(state_sentence("not_sent", ctx.messages.words, Face.CLI) + "\n")
    for line in state.sites:
        link = f"  {line.link}" if line.link else ""
        remote = f"  #{line.remote_id}" if line.remote_id else ""
        ctx.out.write(f"{line.site}  {_state_words(ctx, article_id, line)}{remote}{link}\n")
    return EXIT_OK


def cmd_resolve(ctx: Context, args: argparse.Namespace) -> int:
    from newsdesk.services import resolve_id
    from newsdesk.storage import outbox_repo
    from newsdesk.sync import outbox
    from newsdesk.sync.resolve import resolve_conflict

    article_id = resolve_id(ctx.store, args.id)
    site = outbox_repo.get_site(ctx.store, outbox.choose_site(ctx.store, args.site, article_id))
    publisher = ctx.root.publisher_factory(ctx.credentials())(site.account)
    try:
        result = resolve_conflict(
            ctx.store, article_id, site.name, args.choice, publisher=publisher
        )
    finally:
        publisher.close()
    if not result.clean:
        ctx.fail(ctx.messages.get("merge_markers"))
        return EXIT_FAILURE
    ctx.err.write(ctx.messages.get("resolved", choice=args.choice) + "\n")
    if result.entry.state == "queued":
        _worker(ctx).drain()
    return _report(ctx, article_id, site.name)


def cmd_pull(ctx: Context, args: argparse.Namespace) -> int:
    from newsdesk.storage import outbox_repo
    from newsdesk.sync.sites import pull_post

    site = outbox_repo.get_site(ctx.store, args.site)
    publisher = ctx.root.publisher_factory(ctx.credentials())(site.account)
    try:
        article = pull_post(ctx.store, publisher, site.name, args.post)
    finally:
        publisher.close()
    ctx.out.write(f"{article.id}\n")
    return EXIT_OK
