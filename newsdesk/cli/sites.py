"""The sites commands: site add, list, remove, password.

A password is never an argument (it would show in the shell's history and in ``ps``):
it is read from standard input with ``--password-stdin``, or asked without echo. It goes
to the system keyring; with none usable, these commands say so and stop (a command
ends at once, so "for this session only" would mean nothing here).
"""

from __future__ import annotations

import argparse
import getpass
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from .failures import Refused
from .output import EXIT_FAILURE, EXIT_OK, EXIT_USAGE, iso, print_json
from .registry import Commands

if TYPE_CHECKING:
    from .context import Context


def register(commands: Commands) -> None:
    """The ``site`` command and its actions."""
    command, _, common = commands.command, commands._, commands.common

    site = command("site", "les sites connectés", _no_action)
    actions = site.add_subparsers(dest="site_command", metavar="ACTION", required=True)

    def sub(name: str, french: str, run: Callable[..., int]) -> Any:
        # No abbreviations: ``--password x`` must not pass for ``--password-stdin``.
        parser = actions.add_parser(
            name,
            parents=[common],
            help=_(french),
            description=_(french),
            allow_abbrev=False,
        )
        parser.set_defaults(run=run)
        return parser

    add = sub("add", "connecter un site", cmd_site_add)
    add.add_argument("url", metavar="URL")
    add.add_argument(
        "--user",
        metavar=_("UTILISATEUR"),
        help=_("le nom d’utilisateur (sur Ghost, un simple nom ; le titre du site sinon)"),
    )
    add.add_argument("--name", metavar=_("NOM"))
    add.add_argument(
        "--kind",
        choices=("wordpress", "ghost"),
        help=_("le genre de site, trouvé tout seul quand il manque"),
    )
    add.add_argument(
        "--password-stdin",
        action="store_true",
        help=_("lire le mot de passe sur l’entrée standard"),
    )
    _refuse_password_argument(add, _)
    listing = sub("list", "lister les sites", cmd_site_list)
    listing.add_argument("--json", action="store_true")
    remove = sub("remove", "oublier un site", cmd_site_remove)
    remove.add_argument("name", metavar=_("NOM"))
    password = sub("password", "donner un nouveau mot de passe", cmd_site_password)
    password.add_argument("name", metavar=_("NOM"))
    password.add_argument("--password-stdin", action="store_true")
    _refuse_password_argument(password, _)
    profile = sub("profile", "les règles de publication du site", cmd_site_profile)
    profile.add_argument("name", metavar=_("NOM"))
    profile.add_argument(
        "--set",
        action="append",
        default=[],
        metavar=_("RÈGLE=VALEUR"),
        help=_('changer une règle (VALEUR en JSON : true, 2, ["TODO"])'),
    )
    start = profile.add_mutually_exclusive_group()
    start.add_argument(
        "--recommended", action="store_true", help=_("partir des règles recommandées")
    )
    start.add_argument("--default", action="store_true", help=_("partir des règles par défaut"))
    profile.add_argument("--json", action="store_true")


def _refuse_password_argument(parser: argparse.ArgumentParser, _: Callable[[str], str]) -> None:
    """``--password SECRET`` is refused without repeating the secret: argparse would
    otherwise print it back as an unknown argument, into a terminal or a CI log."""
    message = _(
        "le mot de passe ne se donne jamais en argument (il resterait dans l’historique)"
        " : utilisez --password-stdin, ou tapez-le quand il est demandé"
    )

    class Refuse(argparse.Action):
        def __call__(self, parser: Any, namespace: Any, values: Any, option: Any = None) -> None:
            raise argparse.ArgumentError(self, message)

    parser.add_argument(
        "--password", "--pass", "-p", nargs="?", action=Refuse, help=argparse.SUPPRESS
    )


def _no_action(ctx: Context, args: argparse.Namespace) -> int:
    # Never run: the parser requires an action after ``site``.
    return EXIT_FAILURE


def _read_password(
    ctx: Context, user: str, from_stdin: bool, prompt: str = "password_prompt"
) -> str:
    if from_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = getpass.getpass(ctx.messages.get(prompt, user=user))
    if not password:
        raise Refused(ctx.messages.get("empty_password"))
    return password


def cmd_site_add(ctx: Context, args: argparse.Namespace) -> int:
    from newsdesk.sync import sites

    credentials = ctx.credentials()  # before the password is typed: fail early
    if args.user is None:
        if args.kind != "ghost":
            ctx.err.write(ctx.messages.get("user_required") + "\n")
            return EXIT_USAGE
        # On Ghost the key is an integration's: the user is only a name to show.
        args.user = sites.ghost_user_name(args.url)
    # Ghost's secret is its Admin API key (Réglages ▸ Intégrations), not a password.
    prompt = "key_prompt" if args.kind == "ghost" else "password_prompt"
    password = _read_password(ctx, args.user, args.password_stdin, prompt)
    site = sites.add_site(
        ctx.store, credentials, args.url, args.user, password, args.name, kind=args.kind
    )
    rights = ctx.messages.get("can_publish" if site.can_publish else "review_only")
    ctx.out.write(f"{site.name}\n")
    ctx.err.write(
        ctx.messages.get(
            "site_added", name=site.name, who=site.display_name or site.username, rights=rights
        )
        + "\n"
    )
    return EXIT_OK


def cmd_site_list(ctx: Context, args: argparse.Namespace) -> int:
    from newsdesk.sync import sites

    found = sites.list_sites(ctx.store)
    if args.json:
        print_json(
            {
                "sites": [
                    {
                        "name": s.name,
                        "kind": s.kind,
                        "url": s.site_url,
                        "api_root": s.api_root,
                        "username": s.username,
                        "display_name": s.display_name,
                        "roles": list(s.roles),
                        "can_publish": s.can_publish,
                        "needs_password": s.needs_password,
                        "added_at": iso(s.added_at),
                    }
                    for s in found
                ]
            },
            ctx.out,
        )
        return EXIT_OK
    if not found:
        ctx.err.write(ctx.messages.get("no_sites") + "\n")
    for s in found:
        rights = ctx.messages.get("can_publish" if s.can_publish else "review_only")
        flag = f"  [{ctx.messages.get('needs_password_flag')}]" if s.needs_password else ""
        ctx.out.write(f"{s.name}  {s.site_url}  {s.username} ({rights}){flag}\n")
    return EXIT_OK


def cmd_site_remove(ctx: Context, args: argparse.Namespace) -> int:
    from newsdesk.sync import sites

    removed = sites.remove_site(ctx.store, ctx.credentials(), args.name)
    ctx.err.write(ctx.messages.get("site_removed", name=removed.name) + "\n")
    return EXIT_OK


def cmd_site_password(ctx: Context, args: argparse.Namespace) -> int:
    from newsdesk.storage import outbox_repo
    from newsdesk.sync import sites

    site = outbox_repo.get_site(ctx.store, args.name)
    credentials = ctx.credentials()
    ghost = site.kind == "ghost"  # its secret is an Admin API key
    prompt = "key_prompt" if ghost else "password_prompt"
    password = _read_password(ctx, site.username, args.password_stdin, prompt)
    sites.set_password(ctx.store, credentials, site.name, password)
    ctx.err.write(ctx.messages.get("key_set" if ghost else "password_set", name=site.name) + "\n")
    return EXIT_OK


def cmd_site_profile(ctx: Context, args: argparse.Namespace) -> int:
    """Show the site's content profile, or change it: ``--recommended``/``--default``
    start from a preset, each ``--set RULE=VALUE`` changes one rule (VALUE in JSON)."""
    import json

    from newsdesk.core.errors import InvalidSettingValue
    from newsdesk.core.profile import RECOMMENDED, ContentProfile
    from newsdesk.storage import outbox_repo
    from newsdesk.storage.site_profiles import set_site_profile, site_profile

    name = outbox_repo.get_site(ctx.store, args.name).name
    changing = bool(args.set or args.recommended or args.default)
    if args.recommended:
        profile = RECOMMENDED
    elif args.default:
        profile = ContentProfile()
    else:
        profile = site_profile(ctx.store, name)
    values: dict[str, object] = {}
    for assignment in args.set:
        rule, sep, text = assignment.partition("=")
        if not sep or not rule.strip():
            raise Refused(ctx.messages.get("bad_assignment", text=assignment))
        try:
            values[rule.strip()] = json.loads(text)
        except ValueError:
            raise InvalidSettingValue(rule.strip(), text, "a JSON value") from None
    profile = profile.with_values(**values)
    if changing:
        set_site_profile(ctx.store, name, profile)
        ctx.err.write(ctx.messages.get("profile_set", name=name) + "\n")
    if args.json:
        print_json({"site": name, "profile": profile.to_dict()}, ctx.out)
        return EXIT_OK
    for rule, value in profile.to_dict().items():
        ctx.out.write(f"{rule} = {json.dumps(value, ensure_ascii=False)}\n")
    return EXIT_OK
