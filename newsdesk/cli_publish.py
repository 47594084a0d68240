"""The publishing commands of the command line (registered by ``newsdesk.cli``).

    newsdesk site add URL --user USER [--name NAME] [--password-stdin]
    newsdesk site list [--json]
    newsdesk site remove NAME
    newsdesk site password NAME [--password-stdin]     a new password; the queue resumes
    newsdesk publish ID [--site NAME] [--status publish|pending|draft|future]
                        [--at ISO8601 [--zone ZONE]] [--queue-only]
    newsdesk unpublish ID [--site NAME] [--queue-only]
    newsdesk sync                                      send everything waiting, now
    newsdesk status ID [--json]
    newsdesk resolve ID keep_mine|take_theirs|merge [--site NAME]
    newsdesk pull --site NAME POST_ID_OR_URL           prints the new local article's id

A password is never an argument (it would show in the shell's history and in ``ps``):
it is read from standard input with ``--password-stdin``, or asked without echo. It goes
to the system keyring; with none usable, these commands say so and stop (a command
ends at once, so "for this session only" would mean nothing here).

``--at`` is an ISO 8601 moment; without an offset, ``--zone`` names its zone (an IANA
name such as ``Africa/Niamey``, or ``UTC+01:00``). An unknown zone is refused, never
read as UTC. ``sync`` sends at once what waits for a retry after a network failure.

``publish`` exits 0 when the article is on the site (its link on stdout) or safely
waiting in the outbox (no network: ``newsdesk sync`` later), 1 when the action failed,
is in conflict, or needs a new password (the reason on stderr; the action is kept).

JSON (``--json``), stable, fields only ever added:

``status``::

    {"id": str, "state": STATE, "sites": [{"site": str, "state": STATE,
      "remote_id": int|null, "link": str|null, "remote_status": str|null,
      "action": "publish"|"unpublish"|null, "target_status": str|null,
      "scheduled_at": str|null, "error_code": str|null, "error_message": str|null,
      "next_attempt_at": str|null, "attempts": int}]}

    STATE = "not_sent"|"queued"|"sending"|"waiting_network"|"on_site"|"scheduled"|
            "pending_review"|"draft_on_site"|"failed"|"needs_password"|"conflict"|
            "changed_locally"   (on the site, edited here since: publish again to send)

``site list``::

    {"sites": [{"name", "kind", "url", "api_root", "username", "display_name",
                "roles": [str], "can_publish": bool, "needs_password": bool,
                "added_at": str}]}
"""

from __future__ import annotations

import argparse
import getpass
import sys
from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING, Any, Protocol, TextIO

from newsdesk.core import errors

if TYPE_CHECKING:
    from newsdesk.credentials import CredentialStore
    from newsdesk.storage.store import Store
    from newsdesk.sync.outbox import SiteState


class _Wording(Protocol):
    @property
    def index(self) -> int: ...


class Context(Protocol):
    """What these commands use of ``newsdesk.cli.Context``, named here rather than
    imported: ``newsdesk.cli`` imports this module, and modules never import back."""

    @property
    def messages(self) -> _Wording: ...
    @property
    def out(self) -> TextIO: ...
    @property
    def err(self) -> TextIO: ...
    @property
    def store(self) -> Store: ...
    def fail(self, message: str, file: str | None = None) -> None: ...


EXIT_OK = 0
EXIT_FAILURE = 1
_NBSP = "\u00a0"

MESSAGES: dict[str, tuple[str, str]] = {
    "password_prompt": (
        "Mot de passe d’application pour {user}{nbsp}: ",
        "Application password for {user}: ",
    ),
    "empty_password": ("aucun mot de passe donné", "no password given"),
    "keyring": (
        "aucun trousseau sûr pour garder le mot de passe ({detail}). Installez et "
        "déverrouillez le trousseau du système (GNOME Keyring ou KWallet sous Linux, "
        "le Trousseau sous macOS, le Gestionnaire d’identification sous Windows), puis "
        "recommencez{nbsp}; la fenêtre de newsdesk peut aussi le garder pour la session.",
        "no secure keyring to keep the password ({detail}). Install and unlock the "
        "system keyring (GNOME Keyring or KWallet on Linux, Keychain on macOS, "
        "Credential Manager on Windows), then try again; the newsdesk window can also "
        "keep it for the session only.",
    ),
    "site_added": (
        "site «{nbsp}{name}{nbsp}» connecté{nbsp}: {who} ({rights})",
        "site '{name}' connected: {who} ({rights})",
    ),
    "can_publish": ("peut publier", "may publish"),
    "review_only": ("peut seulement soumettre pour relecture", "may only submit for review"),
    "site_removed": ("site «{nbsp}{name}{nbsp}» oublié", "site '{name}' removed"),
    "password_set": (
        "mot de passe enregistré pour «{nbsp}{name}{nbsp}»{nbsp}; la file reprend",
        "password saved for '{name}'; the queue resumes",
    ),
    "no_sites": (
        "aucun site connecté (newsdesk site add URL --user NOM)",
        "no site connected (newsdesk site add URL --user NAME)",
    ),
    "needs_password_flag": ("nouveau mot de passe requis", "needs a new password"),
    "site_not_found": ("aucun site nommé «{nbsp}{name}{nbsp}»", "no site named '{name}'"),
    "site_exists": (
        "un site s’appelle déjà «{nbsp}{name}{nbsp}» (choisissez un autre nom avec --name)",
        "a site is already named '{name}' (choose another with --name)",
    ),
    "site_not_chosen": (
        "précisez le site avec --site (sites connectés{nbsp}: {names})",
        "name the site with --site (connected sites: {names})",
    ),
    "no_site_at_all": (
        "aucun site connecté{nbsp}: newsdesk site add URL --user NOM",
        "no site connected: newsdesk site add URL --user NAME",
    ),
    "not_publishable": (
        "l’article ne peut pas partir{nbsp}: {problems}",
        "the article cannot go out: {problems}",
    ),
    "schedule.missing_date": (
        "une programmation demande --at (par exemple 2026-12-01T08:00:00+01:00)",
        "a schedule needs --at (for example 2026-12-01T08:00:00+01:00)",
    ),
    "schedule.naive_date": (
        "donnez le fuseau de la date (par exemple +01:00 ou Z, ou --zone Africa/Niamey)",
        "give the date's time zone (for example +01:00 or Z, or --zone Africa/Niamey)",
    ),
    "schedule.past_date": ("la date de programmation est passée", "the scheduled date is past"),
    "schedule.date_not_expected": (
        "--at va avec --status future seulement",
        "--at goes with --status future only",
    ),
    "unknown_zone": (
        "fuseau horaire inconnu{nbsp}: «{nbsp}{text}{nbsp}» (par exemple Africa/Niamey, "
        "Europe/Paris ou UTC+01:00)",
        "unknown time zone: '{text}' (for example Africa/Niamey, Europe/Paris or UTC+01:00)",
    ),
    "unknown_rubrique": (
        "la rubrique «{nbsp}{name}{nbsp}» n’existe pas sur «{nbsp}{site}{nbsp}» et ce compte "
        "ne peut pas en créer{nbsp}: choisissez {choices}{nbsp}; rien n’a été mis en file",
        "the category '{name}' does not exist on '{site}' and this account may not create "
        "one: choose {choices}; nothing was queued",
    ),
    "rubrique_choices": ("{names}", "{names}"),
    "rubrique_no_choice": (
        "une rubrique du site (ou demandez à la rédaction de la créer)",
        "one of the site's categories (or ask the desk to create it)",
    ),
    "or": (" ou ", " or "),
    "inherited": (
        "avertissement{nbsp}: {problem}, déjà sur le site{nbsp}; la correction part quand même",
        "warning: {problem}, already so on the site; the correction goes anyway",
    ),
    "site_spelling": (
        "rubrique «{nbsp}{mine}{nbsp}»{nbsp}: celle du site, «{nbsp}{site}{nbsp}»",
        "category '{mine}': the site's '{site}'",
    ),
    "sent_now": (
        "{count} action(s) en attente d’un nouvel essai{nbsp}: envoi maintenant",
        "{count} action(s) waiting for a retry: sending now",
    ),
    "bad_date": (
        "«{nbsp}{value}{nbsp}» n’est pas une date ISO{nbsp}8601",
        "'{value}' is not an ISO 8601 date",
    ),
    "insecure": (
        "refusé{nbsp}: le mot de passe passerait en clair sur le réseau (utilisez https://)",
        "refused: the password would travel in clear over the network (use https://)",
    ),
    "auth": (
        "le site refuse ce nom ou ce mot de passe d’application",
        "the site refuses this user name or application password",
    ),
    "unreachable": (
        "site injoignable ({detail}){nbsp}: vérifiez la connexion",
        "site unreachable ({detail}): check the connection",
    ),
    "not_wordpress": (
        "réponse inattendue du site{nbsp}: {detail}",
        "unexpected answer from the site: {detail}",
    ),
    "rejected": ("le site refuse{nbsp}: {detail}", "the site refuses: {detail}"),
    "nothing_to_resolve": (
        "aucun conflit à régler pour cet article sur «{nbsp}{site}{nbsp}»",
        "no conflict to settle for this article on '{site}'",
    ),
    "not_on_site": (
        "cet article n’est pas sur «{nbsp}{site}{nbsp}»",
        "this article is not on '{site}'",
    ),
    "bad_post": (
        "«{nbsp}{text}{nbsp}» n’est ni un numéro d’article du site ni un lien qui en donne un",
        "'{text}' is neither a post number nor a link that gives one",
    ),
    "pulled": ("{id}", "{id}"),
    "merge_markers": (
        "fusion enregistrée avec des marques de conflit{nbsp}: corrigez l’article puis publiez",
        "merge saved with conflict markers: fix the article, then publish",
    ),
    "resolved": ("conflit réglé ({choice})", "conflict settled ({choice})"),
    # States, for people
    "state.not_sent": ("jamais envoyé", "never sent"),
    "state.queued": ("en file d’attente", "queued"),
    "state.sending": ("envoi en cours", "sending"),
    "state.waiting_network": (
        "en attente du réseau, nouvel essai vers {when}",
        "waiting for the network, next try about {when}",
    ),
    "state.on_site": ("en ligne", "on the site"),
    "state.scheduled": ("programmé", "scheduled"),
    "state.pending_review": ("soumis pour relecture", "submitted for review"),
    "state.draft_on_site": ("brouillon sur le site", "draft on the site"),
    "state.failed": ("échec{nbsp}: {reason}", "failed: {reason}"),
    "state.changed_locally": (
        "modifié ici depuis le dernier envoi{nbsp}: newsdesk publish {id} pour l’envoyer",
        "changed here since the last sync: newsdesk publish {id} to send it",
    ),
    "state.needs_password": (
        "le site refuse le mot de passe{nbsp}: newsdesk site password {site}",
        "the site refuses the password: newsdesk site password {site}",
    ),
    "state.conflict": (
        "modifié sur le site depuis le dernier envoi{nbsp}: "
        "newsdesk resolve {id} keep_mine|take_theirs|merge",
        "changed on the site since the last sync: "
        "newsdesk resolve {id} keep_mine|take_theirs|merge",
    ),
    "problem.missing_title": ("titre manquant", "missing headline"),
    "problem.missing_body": ("texte manquant", "missing body"),
    "problem.missing_category": ("rubrique manquante", "missing category"),
    "problem.missing_byline": ("signature manquante", "missing byline"),
    "problem.missing_caption": ("légende de la photo manquante", "missing photo caption"),
    "problem.invalid_slug": ("identifiant d’URL invalide", "invalid slug"),
    "problem.naive_date": ("date sans fuseau", "date without a time zone"),
}


def _m(ctx: Context, key: str, **fields: object) -> str:
    template = MESSAGES[key][ctx.messages.index]
    return template.format(nbsp=_NBSP, **fields)


def _quoted(ctx: Context, name: str) -> str:
    return f"«{_NBSP}{name}{_NBSP}»" if ctx.messages.index == 0 else f"'{name}'"


def _one_of(ctx: Context, names: list[str]) -> str:
    """« A », « B » ou « C »."""
    quoted = [_quoted(ctx, n) for n in names]
    if len(quoted) <= 1:
        return "".join(quoted)
    return ", ".join(quoted[:-1]) + _m(ctx, "or") + quoted[-1]


def _problem_words(ctx: Context, code: str) -> str:
    return _m(ctx, f"problem.{code}") if f"problem.{code}" in MESSAGES else code


# --- Registration -------------------------------------------------------------------------


def register(
    command: Callable[[str, str, str, Callable[..., int]], argparse.ArgumentParser],
    h: Callable[[str, str], str],
    common: argparse.ArgumentParser,
) -> None:
    """Add the publishing commands to the parser ``newsdesk.cli`` builds."""
    fr = h("fr", "en") == "fr"

    site = command("site", "les sites connectés", "connected sites", _no_action)
    actions = site.add_subparsers(dest="site_command", metavar="ACTION", required=True)

    def sub(name: str, french: str, english: str, run: Callable[..., int]) -> Any:
        # No abbreviations: ``--password x`` must not pass for ``--password-stdin``.
        parser = actions.add_parser(
            name,
            parents=[common],
            help=h(french, english),
            description=h(french, english),
            allow_abbrev=False,
        )
        parser.set_defaults(run=run)
        return parser

    add = sub("add", "connecter un site", "connect a site", cmd_site_add)
    add.add_argument("url", metavar="URL")
    add.add_argument("--user", required=True, metavar="NOM" if fr else "USER")
    add.add_argument("--name", metavar="NOM" if fr else "NAME")
    add.add_argument(
        "--password-stdin",
        action="store_true",
        help=h("lire le mot de passe sur l’entrée standard", "read the password from stdin"),
    )
    _refuse_password_argument(add, h)
    listing = sub("list", "lister les sites", "list the sites", cmd_site_list)
    listing.add_argument("--json", action="store_true")
    remove = sub("remove", "oublier un site", "remove a site", cmd_site_remove)
    remove.add_argument("name", metavar="NOM" if fr else "NAME")
    password = sub(
        "password", "donner un nouveau mot de passe", "give a new password", cmd_site_password
    )
    password.add_argument("name", metavar="NOM" if fr else "NAME")
    password.add_argument("--password-stdin", action="store_true")
    _refuse_password_argument(password, h)

    publish = command(
        "publish",
        "publier, soumettre, programmer ou mettre en brouillon sur le site",
        "publish, submit, schedule or save as a draft on the site",
        cmd_publish,
    )
    publish.add_argument("id", metavar="ID")
    publish.add_argument("--site", metavar="NOM" if fr else "NAME")
    publish.add_argument(
        "--status", choices=("publish", "pending", "draft", "future"), default="publish"
    )
    publish.add_argument("--at", metavar="ISO8601")
    publish.add_argument(
        "--zone",
        metavar="FUSEAU" if fr else "ZONE",
        help=h(
            "le fuseau d’une date --at sans décalage (Africa/Niamey, UTC+01:00)",
            "the zone of an --at date without an offset (Africa/Niamey, UTC+01:00)",
        ),
    )
    publish.add_argument(
        "--queue-only",
        action="store_true",
        help=h("mettre en file sans envoyer", "queue without sending"),
    )

    unpublish = command(
        "unpublish", "retirer du site (en brouillon)", "take off the site (draft)", cmd_unpublish
    )
    unpublish.add_argument("id", metavar="ID")
    unpublish.add_argument("--site", metavar="NOM" if fr else "NAME")
    unpublish.add_argument("--queue-only", action="store_true")

    command("sync", "envoyer tout ce qui attend", "send everything waiting", cmd_sync)

    status = command(
        "status", "l’état d’un article sur les sites", "an article's state", cmd_status
    )
    status.add_argument("id", metavar="ID")
    status.add_argument("--json", action="store_true")

    resolve = command(
        "resolve", "régler un conflit avec le site", "settle a conflict with the site", cmd_resolve
    )
    resolve.add_argument("id", metavar="ID")
    resolve.add_argument("choice", choices=("keep_mine", "take_theirs", "merge"))
    resolve.add_argument("--site", metavar="NOM" if fr else "NAME")

    pull = command(
        "pull",
        "ouvrir un article du site pour le corriger",
        "open a post from the site to correct it",
        cmd_pull,
    )
    pull.add_argument("--site", required=True, metavar="NOM" if fr else "NAME")
    pull.add_argument("post", metavar="POST_ID_OU_URL" if fr else "POST_ID_OR_URL")


def _refuse_password_argument(
    parser: argparse.ArgumentParser, h: Callable[[str, str], str]
) -> None:
    """``--password SECRET`` is refused without repeating the secret: argparse would
    otherwise print it back as an unknown argument, into a terminal or a CI log."""
    message = h(
        "le mot de passe ne se donne jamais en argument (il resterait dans l’historique)"
        "{nbsp}: utilisez --password-stdin, ou tapez-le quand il est demandé",
        "a password is never an argument (it would stay in the shell history): "
        "use --password-stdin, or type it when asked",
    ).format(nbsp=_NBSP)

    class Refuse(argparse.Action):
        def __call__(self, parser: Any, namespace: Any, values: Any, option: Any = None) -> None:
            raise argparse.ArgumentError(self, message)

    parser.add_argument(
        "--password", "--pass", "-p", nargs="?", action=Refuse, help=argparse.SUPPRESS
    )


def _no_action(ctx: Context, args: argparse.Namespace) -> int:
    # Never run: the parser requires an action after ``site``.
    return EXIT_FAILURE


# --- Shared pieces ------------------------------------------------------------------------


def _credentials(ctx: Context) -> CredentialStore:
    from newsdesk.credentials import CredentialStore

    return CredentialStore()


def _read_password(ctx: Context, user: str, from_stdin: bool) -> str:
    if from_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = getpass.getpass(_m(ctx, "password_prompt", user=user))
    if not password:
        raise _Refused(_m(ctx, "empty_password"))
    return password


class _Refused(Exception):
    """A worded refusal: one line on stderr, exit 1."""


def _describe(ctx: Context, error: BaseException) -> str | None:
    """Publishing's errors in words; None for the others (``cli.describe`` words them)."""
    e = errors
    if isinstance(error, _Refused):
        return str(error)
    if isinstance(error, e.KeyringUnavailable):
        return _m(ctx, "keyring", detail=error.reason)
    if isinstance(error, e.SiteNotFound):
        return _m(ctx, "site_not_found", name=error.name)
    if isinstance(error, e.SiteExists):
        return _m(ctx, "site_exists", name=error.name)
    if isinstance(error, e.SiteNotChosen):
        if not error.available:
            return _m(ctx, "no_site_at_all")
        return _m(ctx, "site_not_chosen", names=", ".join(error.available))
    if isinstance(error, e.NotPublishable):
        words = [_problem_words(ctx, code) for _field, code in error.problems]
        return _m(ctx, "not_publishable", problems=", ".join(words))
    if isinstance(error, e.UnknownRubrique):
        choices = (
            _one_of(ctx, error.suggestions) if error.suggestions else _m(ctx, "rubrique_no_choice")
        )
        return _m(ctx, "unknown_rubrique", name=error.name, site=error.site, choices=choices)
    if isinstance(error, e.UnknownTimeZone):
        return _m(ctx, "unknown_zone", text=error.text)
    if isinstance(error, e.InvalidSchedule):
        return _m(ctx, f"schedule.{error.reason}")
    if isinstance(error, e.InsecureTransport):
        return _m(ctx, "insecure")
    if isinstance(error, e.AuthenticationFailed):
        return _m(ctx, "auth")
    if isinstance(error, (e.SiteUnreachable, e.ServerError)):
        return _m(ctx, "unreachable", detail=error)
    if isinstance(error, e.InvalidServerResponse):
        return _m(ctx, "not_wordpress", detail=error)
    if isinstance(error, (e.RequestRejected, e.PermissionDenied)):
        return _m(ctx, "rejected", detail=error)
    if isinstance(error, e.NothingToResolve):
        return _m(ctx, "nothing_to_resolve", site=error.site)
    if isinstance(error, e.NotOnSite):
        return _m(ctx, "not_on_site", site=error.site)
    if isinstance(error, e.InvalidPostReference):
        return _m(ctx, "bad_post", text=error.text)
    return None


def _guarded(run: Callable[[Context, argparse.Namespace], int]) -> Callable[..., int]:
    def wrapper(ctx: Context, args: argparse.Namespace) -> int:
        try:
            return run(ctx, args)
        except (errors.NewsdeskError, _Refused) as error:
            worded = _describe(ctx, error)
            if worded is None:
                raise  # the common wording of newsdesk.cli
            ctx.fail(worded)
            return EXIT_FAILURE

    wrapper.__name__ = run.__name__
    return wrapper


def _print_json(ctx: Context, data: object) -> None:
    import json

    json.dump(data, ctx.out, ensure_ascii=False, indent=2, default=str)
    ctx.out.write("\n")


def _iso(moment: datetime | None) -> str | None:
    return None if moment is None else moment.isoformat()


def _worker(ctx: Context) -> Any:
    from newsdesk.sync.sites import publisher_factory
    from newsdesk.sync.worker import OutboxWorker

    return OutboxWorker(ctx.store, publisher_factory(_credentials(ctx)))


def _state_words(ctx: Context, article_id: str, line: SiteState) -> str:
    state = line.state
    if state == "waiting_network":
        when = line.next_attempt_at.astimezone().strftime("%H:%M") if line.next_attempt_at else "?"
        return _m(ctx, "state.waiting_network", when=when)
    if state == "failed":
        return _m(ctx, "state.failed", reason=line.error_message or line.error_code or "?")
    if state == "needs_password":
        return _m(ctx, "state.needs_password", site=line.site)
    if state in ("conflict", "changed_locally"):
        return _m(ctx, f"state.{state}", id=article_id[:8])
    return _m(ctx, f"state.{state}")


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


# --- Commands -----------------------------------------------------------------------------


@_guarded
def cmd_site_add(ctx: Context, args: argparse.Namespace) -> int:
    from newsdesk.sync import sites

    credentials = _credentials(ctx)  # before the password is typed: fail early
    password = _read_password(ctx, args.user, args.password_stdin)
    site = sites.add_site(ctx.store, credentials, args.url, args.user, password, args.name)
    rights = _m(ctx, "can_publish" if site.can_publish else "review_only")
    ctx.out.write(f"{site.name}\n")
    ctx.err.write(
        _m(ctx, "site_added", name=site.name, who=site.display_name or site.username, rights=rights)
        + "\n"
    )
    return EXIT_OK


@_guarded
def cmd_site_list(ctx: Context, args: argparse.Namespace) -> int:
    from newsdesk.sync import sites

    found = sites.list_sites(ctx.store)
    if args.json:
        _print_json(
            ctx,
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
                        "added_at": _iso(s.added_at),
                    }
                    for s in found
                ]
            },
        )
        return EXIT_OK
    if not found:
        ctx.err.write(_m(ctx, "no_sites") + "\n")
    for s in found:
        rights = _m(ctx, "can_publish" if s.can_publish else "review_only")
        flag = f"  [{_m(ctx, 'needs_password_flag')}]" if s.needs_password else ""
        ctx.out.write(f"{s.name}  {s.site_url}  {s.username} ({rights}){flag}\n")
    return EXIT_OK


@_guarded
def cmd_site_remove(ctx: Context, args: argparse.Namespace) -> int:
    from newsdesk.sync import sites

    removed = sites.remove_site(ctx.store, _credentials(ctx), args.name)
    ctx.err.write(_m(ctx, "site_removed", name=removed.name) + "\n")
    return EXIT_OK


@_guarded
def cmd_site_password(ctx: Context, args: argparse.Namespace) -> int:
    from newsdesk.storage import outbox_repo
    from newsdesk.sync import sites

    site = outbox_repo.get_site(ctx.store, args.name)
    credentials = _credentials(ctx)
    password = _read_password(ctx, site.username, args.password_stdin)
    sites.set_password(ctx.store, credentials, site.name, password)
    ctx.err.write(_m(ctx, "password_set", name=site.name) + "\n")
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
        raise _Refused(_m(ctx, "bad_date", value=value)) from None
    if zone is not None:
        moment = moment.replace(tzinfo=zone) if moment.utcoffset() is None else moment
    return moment


@_guarded
def cmd_publish(ctx: Context, args: argparse.Namespace) -> int:
    from newsdesk.services import resolve_id
    from newsdesk.sync import outbox

    article_id = resolve_id(ctx.store, args.id)
    at = _parse_at(ctx, args.at, args.zone)
    entry = outbox.queue_publish(ctx.store, article_id, args.site, args.status, at)
    _say_check(ctx, article_id, entry.site)
    if not args.queue_only:
        _credentials(ctx)
        _worker(ctx).drain()
    return _report(ctx, article_id, entry.site)


def _say_check(ctx: Context, article_id: str, site: str) -> None:
    """What the queued publish carries that the reporter should know: problems the site's
    copy had already, and the site's spelling of the rubrique."""
    from newsdesk.sync.checks import check_publish

    check = check_publish(ctx.store, ctx.store.get(article_id), site)
    for problem in check.inherited:
        ctx.err.write(_m(ctx, "inherited", problem=_problem_words(ctx, problem.code)) + "\n")
    if check.category is not None:
        mine = ctx.store.get(article_id).category.strip()
        ctx.err.write(_m(ctx, "site_spelling", mine=mine, site=check.category) + "\n")


@_guarded
def cmd_unpublish(ctx: Context, args: argparse.Namespace) -> int:
    from newsdesk.services import resolve_id
    from newsdesk.sync import outbox

    article_id = resolve_id(ctx.store, args.id)
    entry = outbox.queue_unpublish(ctx.store, article_id, args.site)
    if not args.queue_only and entry.state != "done":
        _worker(ctx).drain()
    return _report(ctx, article_id, entry.site)


@_guarded
def cmd_sync(ctx: Context, args: argparse.Namespace) -> int:
    from newsdesk.sync.outbox import send_now

    # The reporter asked: what waits for a retry after a network cut goes now.
    woken = send_now(ctx.store)
    if woken:
        ctx.err.write(_m(ctx, "sent_now", count=woken) + "\n")
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


@_guarded
def cmd_status(ctx: Context, args: argparse.Namespace) -> int:
    from newsdesk.services import resolve_id
    from newsdesk.sync.outbox import remote_state

    article_id = resolve_id(ctx.store, args.id)
    state = remote_state(ctx.store, article_id)
    if args.json:
        _print_json(
            ctx,
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
                        "scheduled_at": _iso(s.scheduled_at),
                        "error_code": s.error_code,
                        "error_message": s.error_message,
                        "next_attempt_at": _iso(s.next_attempt_at),
                        "attempts": s.attempts,
                    }
                    for s in state.sites
                ],
            },
        )
        return EXIT_OK
    if not state.sites:
        ctx.out.write(_m(ctx, "state.not_sent") + "\n")
    for line in state.sites:
        link = f"  {line.link}" if line.link else ""
        remote = f"  #{line.remote_id}" if line.remote_id else ""
        ctx.out.write(f"{line.site}  {_state_words(ctx, article_id, line)}{remote}{link}\n")
    return EXIT_OK


@_guarded
def cmd_resolve(ctx: Context, args: argparse.Namespace) -> int:
    from newsdesk.services import resolve_id
    from newsdesk.storage import outbox_repo
    from newsdesk.sync import outbox
    from newsdesk.sync.resolve import resolve_conflict
    from newsdesk.sync.sites import publisher_factory

    article_id = resolve_id(ctx.store, args.id)
    site = outbox_repo.get_site(ctx.store, outbox.choose_site(ctx.store, args.site))
    publisher = publisher_factory(_credentials(ctx))(site.account)
    try:
        result = resolve_conflict(
            ctx.store, article_id, site.name, args.choice, publisher=publisher
        )
    finally:
        publisher.close()
    if not result.clean:
        ctx.fail(_m(ctx, "merge_markers"))
        return EXIT_FAILURE
    ctx.err.write(_m(ctx, "resolved", choice=args.choice) + "\n")
    if result.entry.state == "queued":
        _worker(ctx).drain()
    return _report(ctx, article_id, site.name)


@_guarded
def cmd_pull(ctx: Context, args: argparse.Namespace) -> int:
    from newsdesk.storage import outbox_repo
    from newsdesk.sync.sites import publisher_factory, pull_post

    site = outbox_repo.get_site(ctx.store, args.site)
    publisher = publisher_factory(_credentials(ctx))(site.account)
    try:
        article = pull_post(ctx.store, publisher, site.name, args.post)
    finally:
        publisher.close()
    ctx.out.write(f"{article.id}\n")
    return EXIT_OK
