"""The command line: the same services as the window, for scripts and quick checks.

    newsdesk [--data-dir DIR] [--version]            open the window
    newsdesk import FILE...                          new articles from Markdown files
    newsdesk list [--status S] [--tag T] [--category C] [--limit N] [--json]
    newsdesk search QUERY [--status S] [--tag T] [--category C] [--limit N] [--json]
    newsdesk show ID [--json]
    newsdesk render ID [-o FILE]                     the preview page (images as file:// URLs)
    newsdesk export ID [--format md|html] [-o FILE]  Markdown with its images, or one HTML file
    newsdesk history ID [--json]
    newsdesk restore ID REVISION
    newsdesk diff ID REV_A REV_B
    newsdesk delete ID                               to the trash (nothing is erased)
    newsdesk trash [--json]                          what is in the trash
    newsdesk undelete ID                             back from the trash, as it was

``ID`` is an article's id or an unambiguous prefix of it (6 characters or more).

Messages are in French, or in English when ``LC_ALL``, ``LC_MESSAGES`` or ``LANG``
(the first one set) starts with ``en``. Every expected error is one line on stderr,
``newsdesk: [FILE: ]reason``, and a non-zero exit: 2 for a usage mistake, 1 for a
failure. An unexpected error also prints one line, and its traceback goes to
``DATA_DIR/logs/newsdesk.log``. Data on stdout, messages on stderr.

JSON output (``--json``), stable: fields are only ever added, never renamed or removed.
Dates are ISO 8601 text: with their offset when they have one (``date`` may be naive,
without offset, when the reporter gave none: see ``core.rules``); ``updated_at``,
``created_at`` and ``saved_at`` are always UTC (``+00:00``). Absent values are ``null``.

``list``::

    {"articles": [SUMMARY, ...]}          most recently updated first

    SUMMARY = {"id": str, "title": str, "status": "draft"|"ready"|"pending"|"scheduled"|
               "published", "category": str, "tags": [str], "date": str|null,
               "updated_at": str, "word_count": int, "revision": int, "byline": str}

``search``::

    {"query": str, "hits": [{"article": SUMMARY, "snippet": str,
                             "highlights": [[start, end], ...], "rank": float}]}

    best match first; ``highlights`` are character offsets (code points, end excluded)
    of the matched words in ``snippet``; higher ``rank`` is better.

``show``::

    {"article": {"id", "title", "standfirst", "body", "category", "tags", "byline",
                 "source", "dateline", "date", "language": "fr"|"en", "slug",
                 "effective_slug", "status", "featured_image": {"path", "caption",
                 "credit", "alt"}|null, "created_at", "updated_at", "revision": int,
                 "extra": {...}, "word_count": int, "reading_minutes": int,
                 "problems": [{"field", "code", "severity": "error"|"warning"}]}}

    ``featured_image.path`` and ``media:`` paths in the body are relative to the
    store's media folder; ``problems`` is the validation for publishing.

``history``::

    {"id": str, "revisions": [{"revision": int, "saved_at": str, "title": str,
                               "word_count": int}]}    newest first

``trash``::

    {"articles": [SUMMARY, ...]}          most recently deleted first
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import logging
import os
import sys
import traceback
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn, TextIO

from newsdesk import __version__
from newsdesk.core import errors
from newsdesk.paths import Paths, resolve

if TYPE_CHECKING:
    from newsdesk.core.article import Article
    from newsdesk.storage.store import ArticleSummary, Store

EXIT_OK = 0
EXIT_FAILURE = 1
EXIT_USAGE = 2
PROG = "newsdesk"
STATUSES = ("draft", "ready", "pending", "scheduled", "published")


# --- Language -----------------------------------------------------------------------------


def cli_language(environ: dict[str, str] | os._Environ[str] | None = None) -> str:
    """``en`` when the first locale variable set asks for English, else ``fr``."""
    env = os.environ if environ is None else environ
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(name, "")
        if value:
            return "en" if value.lower().startswith("en") else "fr"
    return "fr"


_NBSP = "\u00a0"

#: Every message, French first. ``{name}`` fields are filled by ``Messages.get``.
MESSAGES: dict[str, tuple[str, str]] = {
    # Documents
    "too_large": (
        "fichier trop gros ({size} octets{nbsp}; la limite est de 5{nbsp}Mio)",
        "file too large ({size} bytes; the limit is 5 MiB)",
    ),
    "invalid_utf8": (
        "texte illisible{nbsp}: UTF-8 invalide à l’octet {byte} (ligne {line})",
        "unreadable text: invalid UTF-8 at byte {byte} (line {line})",
    ),
    "invalid_yaml": (
        "en-tête YAML invalide, ligne {line}, colonne {column}",
        "invalid YAML header at line {line}, column {column}",
    ),
    "invalid_yaml_started": (
        "en-tête YAML invalide, ligne {line}, colonne {column} "
        "(dans ce qui commence à la ligne {started_line})",
        "invalid YAML header at line {line}, column {column} "
        "(in what starts on line {started_line})",
    ),
    "invalid_yaml_nowhere": ("en-tête YAML invalide", "invalid YAML header"),
    "unclosed_front_matter": (
        "l’en-tête YAML ouvert par «{nbsp}---{nbsp}» à la ligne 1 n’est jamais fermé",
        "the YAML header opened by '---' on line 1 is never closed",
    ),
    "not_a_mapping": (
        "l’en-tête YAML doit être une suite de lignes «{nbsp}clé{nbsp}: valeur{nbsp}»",
        "the YAML header must be a set of 'key: value' lines",
    ),
    "wrong_type": (
        "«{nbsp}{key}{nbsp}» doit être {expected}",
        "'{key}' must be {expected}",
    ),
    "invalid_date": (
        "«{nbsp}{key}{nbsp}» n’est pas une date ISO{nbsp}8601 "
        "(par exemple 2023-02-05T18:00:00+01:00)",
        "'{key}' is not an ISO 8601 date (for example 2023-02-05T18:00:00+01:00)",
    ),
    "unknown_value": (
        "valeur inconnue pour «{nbsp}{key}{nbsp}» (valeurs possibles{nbsp}: {allowed})",
        "unknown value for '{key}' (possible values: {allowed})",
    ),
    "unknown_key": (
        "clé inconnue «{nbsp}{key}{nbsp}» (attendu{nbsp}: path, caption, credit, alt)",
        "unknown key '{key}' (expected: path, caption, credit, alt)",
    ),
    "invalid_document": ("document inutilisable{nbsp}: {detail}", "unusable document: {detail}"),
    # What a wrong_type expected
    "expected.text": ("du texte", "text"),
    "expected.list": ("une liste", "a list"),
    "expected.date": ("une date ISO 8601", "an ISO 8601 date"),
    "expected.image": (
        "un ensemble path, caption, credit, alt",
        "a mapping of path, caption, credit, alt",
    ),
    "expected.finite_number": ("un nombre fini", "a finite number"),
    "expected.text_key": ("une clé en texte", "a text key"),
    "expected.plain_value": (
        "du texte, un nombre, une liste ou un ensemble de clés",
        "text, a number, a list or a mapping",
    ),
    # Images, articles, the store
    "invalid_image": ("image inutilisable{nbsp}: {detail}", "unusable image: {detail}"),
    "article_not_found": (
        "aucun article ne correspond à «{nbsp}{id}{nbsp}»",
        "no article matches '{id}'",
    ),
    "ambiguous_id": (
        "«{nbsp}{id}{nbsp}» désigne plusieurs articles{nbsp}: donnez plus de caractères ({ids}…)",
        "'{id}' matches several articles: give more characters ({ids}…)",
    ),
    "revision_not_found": (
        "l’article {id} n’a pas de version {revision}",
        "article {id} has no revision {revision}",
    ),
    "stale_revision": (
        "l’article a été modifié entre-temps (version {actual}){nbsp}: recommencez",
        "the article changed meanwhile (now revision {actual}): try again",
    ),
    "store.not_a_database": (
        "{path} n’est pas une base newsdesk ou est endommagé",
        "{path} is not a newsdesk database, or is damaged",
    ),
    "store.too_new": (
        "{path} a été écrit par une version plus récente de newsdesk{nbsp}: mettez newsdesk à jour",
        "{path} was written by a newer newsdesk: update newsdesk",
    ),
    "store.unreadable": (
        "impossible de lire {path} ({detail})",
        "cannot read {path} ({detail})",
    ),
    "unsafe_media_path": (
        "chemin d’image refusé (hors du dossier des images){nbsp}: {path}",
        "image path refused (outside the media folder): {path}",
    ),
    "setting": ("réglage invalide{nbsp}: {detail}", "invalid setting: {detail}"),
    "error": ("erreur{nbsp}: {detail}", "error: {detail}"),
    # The system
    "file_not_found": ("fichier introuvable", "no such file"),
    "is_a_directory": ("c’est un dossier, pas un fichier", "is a folder, not a file"),
    "permission_denied": ("accès refusé", "permission denied"),
    "os_error": ("erreur du système{nbsp}: {detail}", "system error: {detail}"),
    "unexpected": (
        "erreur inattendue ({kind}){nbsp}; le détail est dans {log}",
        "unexpected error ({kind}); details in {log}",
    ),
    "interrupted": ("interrompu", "interrupted"),
    "gui_unavailable": (
        "impossible d’ouvrir la fenêtre{nbsp}: {detail}",
        "cannot open the window: {detail}",
    ),
    # Output
    "no_articles": ("Aucun article.", "No articles."),
    "no_hits": ("Aucun résultat.", "No results."),
    "written": ("Écrit{nbsp}: {path}", "Written: {path}"),
    "restored": (
        "Version {old} restaurée{nbsp}: c’est maintenant la version {new}.",
        "Revision {old} restored: it is now revision {new}.",
    ),
    "no_difference": ("Aucune différence.", "No difference."),
    "deleted": (
        "Mis à la corbeille{nbsp}: {id} · {title} (newsdesk undelete {short} pour le reprendre)",
        "Moved to the trash: {id} · {title} (newsdesk undelete {short} brings it back)",
    ),
    "undeleted": (
        "Sorti de la corbeille{nbsp}: {id} · {title}",
        "Back from the trash: {id} · {title}",
    ),
    "trash_empty": ("La corbeille est vide.", "The trash is empty."),
    "not_in_trash": (
        "aucun article de la corbeille ne correspond à «{nbsp}{id}{nbsp}»",
        "no article in the trash matches '{id}'",
    ),
    "show_header": ("id{nbsp}: {id} · version {revision}", "id: {id} · revision {revision}"),
    "words": ("{words} mots · {minutes} min de lecture", "{words} words · {minutes} min read"),
    "revision_line": (
        "version {revision} · {saved} · {words} mots · {title}",
        "revision {revision} · {saved} · {words} words · {title}",
    ),
    "untitled": ("(sans titre)", "(untitled)"),
    "bad_revision": (
        "numéro de version invalide{nbsp}: «{nbsp}{value}{nbsp}»",
        "invalid revision number: '{value}'",
    ),
    "unknown_format": ("format inconnu{nbsp}: {value}", "unknown format: {value}"),
}


class Messages:
    def __init__(self, language: str) -> None:
        self.index = 1 if language == "en" else 0

    def get(self, name: str, /, **fields: object) -> str:
        template = MESSAGES[name][self.index]
        return template.format(nbsp=_NBSP, **fields)


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
def _argparse_language(language: str) -> Iterator[None]:
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


# --- Errors -------------------------------------------------------------------------------


class UsageError(Exception):
    """A mistake on the command line: exit 2."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise UsageError(message)


def describe(error: BaseException, messages: Messages) -> str:
    """One line, in the reporter's language, for an expected error."""
    m = messages.get
    if isinstance(error, errors.InvalidDocument):
        details = dict(error.details)
        if error.reason == "invalid_yaml" and "line" not in details:
            return m("invalid_yaml_nowhere")
        if error.reason == "invalid_yaml" and "started_line" in details:
            return m("invalid_yaml_started", **details)
        if error.reason == "wrong_type":
            code = str(details.get("expected", "text"))
            details["expected"] = m(f"expected.{code}") if f"expected.{code}" in MESSAGES else code
        if error.reason in MESSAGES:
            try:
                return m(error.reason, **details)
            except KeyError:
                pass
        return m("invalid_document", detail=error)
    if isinstance(error, errors.InvalidImage):
        return m("invalid_image", detail=error)
    if isinstance(error, errors.AmbiguousArticleId):
        shown = ", ".join(match[: len(error.prefix) + 2] for match in error.matches)
        return m("ambiguous_id", id=error.prefix, ids=shown)
    if isinstance(error, _NotInTrash):
        return m("not_in_trash", id=error.article_id)
    if isinstance(error, errors.ArticleNotFound):
        return m("article_not_found", id=error.article_id)
    if isinstance(error, errors.RevisionNotFound):
        return m("revision_not_found", id=error.article_id, revision=error.revision)
    if isinstance(error, errors.StaleRevision):
        return m("stale_revision", actual=error.actual)
    if isinstance(error, errors.StoreError):
        key = f"store.{error.reason}"
        if key in MESSAGES:
            return m(key, path=error.path, detail=error.detail)
        return m("store.unreadable", path=error.path, detail=error.detail or error.reason)
    if isinstance(error, errors.UnsafeMediaPath):
        return m("unsafe_media_path", path=error.path)
    if isinstance(error, (errors.UnknownSetting, errors.InvalidSettingValue)):
        return m("setting", detail=error)
    if isinstance(error, errors.NewsdeskError):
        return m("error", detail=error)
    if isinstance(error, FileNotFoundError):
        return m("file_not_found")
    if isinstance(error, IsADirectoryError):
        return m("is_a_directory")
    if isinstance(error, PermissionError):
        return m("permission_denied")
    if isinstance(error, OSError):
        return m("os_error", detail=error.strerror or error)
    return m("error", detail=error)


def _log_unexpected(paths: Paths | None) -> Path | None:
    """Write the current exception's traceback to the log; where it went, or None."""
    if paths is None:
        return None
    try:
        paths.logs.mkdir(parents=True, exist_ok=True)
        log_file = paths.logs / "newsdesk.log"
        handler = logging.FileHandler(log_file, encoding="utf-8")
    except OSError:
        return None
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    logger = logging.getLogger("newsdesk.cli")
    logger.addHandler(handler)
    try:
        logger.error("unexpected error\n%s", traceback.format_exc())
    finally:
        logger.removeHandler(handler)
        handler.close()
    return log_file


# --- Output helpers -----------------------------------------------------------------------


def _iso(moment: datetime | None) -> str | None:
    return None if moment is None else moment.isoformat()


def summary_json(summary: ArticleSummary) -> dict[str, Any]:
    return {
        "id": summary.id,
        "title": summary.title,
        "status": summary.status.value,
        "category": summary.category,
        "tags": list(summary.tags),
        "date": _iso(summary.date),
        "updated_at": _iso(summary.updated_at),
        "word_count": summary.word_count,
        "revision": summary.revision,
        "byline": summary.byline,
    }


def article_json(article: Article) -> dict[str, Any]:
    from newsdesk.core import rules

    image = article.featured_image
    words = rules.article_word_count(article)
    return {
        "id": article.id,
        "title": article.title,
        "standfirst": article.standfirst,
        "body": article.body,
        "category": article.category,
        "tags": list(article.tags),
        "byline": article.byline,
        "source": article.source,
        "dateline": article.dateline,
        "date": _iso(article.date),
        "language": article.language.value,
        "slug": article.slug,
        "effective_slug": rules.effective_slug(article),
        "status": article.status.value,
        "featured_image": None if image is None else dataclasses.asdict(image),
        "created_at": _iso(article.created_at),
        "updated_at": _iso(article.updated_at),
        "revision": article.revision,
        "extra": article.extra,
        "word_count": words,
        "reading_minutes": rules.reading_time_minutes(words),
        "problems": [
            {"field": p.field, "code": p.code, "severity": p.severity}
            for p in rules.validate(article, for_publishing=True)
        ],
    }


def _print_json(data: object, out: TextIO) -> None:
    json.dump(data, out, ensure_ascii=False, indent=2, default=str)
    out.write("\n")


def _short_date(moment: datetime | None) -> str:
    return moment.strftime("%Y-%m-%d") if moment is not None else "-" * 10


def _summary_line(summary: ArticleSummary, messages: Messages) -> str:
    title = summary.title.strip() or messages.get("untitled")
    category = f"{summary.category} · " if summary.category else ""
    status = summary.status.value
    return f"{summary.id[:8]}  {status:<9}  {_short_date(summary.date)}  {category}{title}"


# --- Commands -----------------------------------------------------------------------------


class Context:
    """What a command needs: where the data is, the output streams, the wording."""

    def __init__(self, paths: Paths, messages: Messages, out: TextIO, err: TextIO) -> None:
        self.paths = paths
        self.messages = messages
        self.out = out
        self.err = err
        self._store: Store | None = None

    @property
    def store(self) -> Store:
        if self._store is None:
            # SQLAlchemy costs half a second to import: only commands that need it pay.
            from newsdesk.storage.store import Store

            self._store = Store.open(self.paths)
        return self._store

    def close(self) -> None:
        if self._store is not None:
            self._store.close()
            self._store = None

    def fail(self, message: str, file: str | None = None) -> None:
        where = f"{file}: " if file is not None else ""
        self.err.write(f"{PROG}: {where}{message}\n")


def cmd_import(ctx: Context, args: argparse.Namespace) -> int:
    from newsdesk import services

    failed = False
    for name in args.files:
        try:
            article = services.import_file(ctx.store, Path(name))
        except (errors.NewsdeskError, OSError) as error:
            # One bad file never stops the others: each is imported on its own.
            failed = True
            ctx.fail(describe(error, ctx.messages), file=name)
            continue
        ctx.out.write(article.id + "\n")
        ctx.out.flush()
    return EXIT_FAILURE if failed else EXIT_OK


def _filters(args: argparse.Namespace) -> dict[str, Any]:
    from newsdesk.core.article import Status

    return {
        "status": Status(args.status) if args.status else None,
        "tag": args.tag,
        "category": args.category,
    }


def cmd_list(ctx: Context, args: argparse.Namespace) -> int:
    summaries = ctx.store.list_articles(**_filters(args), limit=args.limit)
    if args.json:
        _print_json({"articles": [summary_json(s) for s in summaries]}, ctx.out)
        return EXIT_OK
    if not summaries:
        ctx.err.write(ctx.messages.get("no_articles") + "\n")
    for summary in summaries:
        ctx.out.write(_summary_line(summary, ctx.messages) + "\n")
    return EXIT_OK


def cmd_search(ctx: Context, args: argparse.Namespace) -> int:
    hits = ctx.store.search(args.query, **_filters(args), limit=args.limit)
    if args.json:
        _print_json(
            {
                "query": args.query,
                "hits": [
                    {
                        "article": summary_json(hit.article),
                        "snippet": hit.snippet,
                        "highlights": [list(span) for span in hit.highlights],
                        "rank": hit.rank,
                    }
                    for hit in hits
                ],
            },
            ctx.out,
        )
        return EXIT_OK
    if not hits:
        ctx.err.write(ctx.messages.get("no_hits") + "\n")
    for hit in hits:
        ctx.out.write(_summary_line(hit.article, ctx.messages) + "\n")
        if hit.snippet:
            ctx.out.write(f"    {hit.snippet}\n")
    return EXIT_OK


def _get(ctx: Context, text: str) -> Article:
    from newsdesk import services

    return ctx.store.get(services.resolve_id(ctx.store, text))


def cmd_show(ctx: Context, args: argparse.Namespace) -> int:
    from newsdesk.core import rules
    from newsdesk.core.interchange import dump_document

    article = _get(ctx, args.id)
    if args.json:
        _print_json({"article": article_json(article)}, ctx.out)
        return EXIT_OK
    words = rules.article_word_count(article)
    # The facts go to stderr so that stdout is exactly the document.
    minutes = rules.reading_time_minutes(words)
    ctx.err.write(ctx.messages.get("show_header", id=article.id, revision=article.revision))
    ctx.err.write(" · " + ctx.messages.get("words", words=words, minutes=minutes) + "\n")
    ctx.out.write(dump_document(article))
    return EXIT_OK


def _write_output(ctx: Context, text: str, output: str | None) -> None:
    if output is None or output == "-":
        ctx.out.write(text)
        return
    from newsdesk.atomicfile import write_atomic

    target = Path(output)
    write_atomic(target, text.encode("utf-8"))
    ctx.err.write(ctx.messages.get("written", path=target) + "\n")


def cmd_render(ctx: Context, args: argparse.Namespace) -> int:
    from newsdesk import services

    article = _get(ctx, args.id)
    _write_output(ctx, services.render_html(ctx.store, article, embed_images=False), args.output)
    return EXIT_OK


def cmd_export(ctx: Context, args: argparse.Namespace) -> int:
    from newsdesk import services
    from newsdesk.core import rules

    article = _get(ctx, args.id)
    target = Path(args.output or f"{rules.effective_slug(article)}.{args.format}")
    if args.format == "html":
        services.export_html(ctx.store, article, target)
    else:
        services.export_markdown(ctx.store, article, target)
    ctx.out.write(f"{target}\n")
    return EXIT_OK


def cmd_history(ctx: Context, args: argparse.Namespace) -> int:
    from newsdesk import services

    article_id = services.resolve_id(ctx.store, args.id)
    revisions = ctx.store.history(article_id)
    if args.json:
        _print_json(
            {
                "id": article_id,
                "revisions": [
                    {
                        "revision": r.revision,
                        "saved_at": _iso(r.saved_at),
                        "title": r.title,
                        "word_count": r.word_count,
                    }
                    for r in revisions
                ],
            },
            ctx.out,
        )
        return EXIT_OK
    for r in revisions:
        saved = r.saved_at.astimezone().strftime("%Y-%m-%d %H:%M")
        title = r.title.strip() or ctx.messages.get("untitled")
        line = ctx.messages.get(
            "revision_line", revision=r.revision, saved=saved, words=r.word_count, title=title
        )
        ctx.out.write(line + "\n")
    return EXIT_OK


def cmd_restore(ctx: Context, args: argparse.Namespace) -> int:
    from newsdesk import services

    article_id = services.resolve_id(ctx.store, args.id)
    restored = ctx.store.restore(article_id, args.revision)
    ctx.out.write(ctx.messages.get("restored", old=args.revision, new=restored.revision) + "\n")
    return EXIT_OK


def cmd_diff(ctx: Context, args: argparse.Namespace) -> int:
    from newsdesk import services
    from newsdesk.core.compare import diff_articles

    article_id = services.resolve_id(ctx.store, args.id)
    old = ctx.store.get_revision(article_id, args.rev_a)
    new = ctx.store.get_revision(article_id, args.rev_b)
    text = diff_articles(old, new)
    if not text:
        ctx.err.write(ctx.messages.get("no_difference") + "\n")
    ctx.out.write(text)
    return EXIT_OK


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
        _print_json({"articles": [summary_json(s) for s in summaries]}, ctx.out)
        return EXIT_OK
    if not summaries:
        ctx.err.write(ctx.messages.get("trash_empty") + "\n")
    for summary in summaries:
        ctx.out.write(_summary_line(summary, ctx.messages) + "\n")
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
        raise _NotInTrash(text)
    return matches[0]


class _NotInTrash(errors.ArticleNotFound):
    """``undelete`` of an id that is not in the trash (it may be a live article)."""


def cmd_undelete(ctx: Context, args: argparse.Namespace) -> int:
    article = ctx.store.undelete(_trashed_id(ctx, args.id))
    title = article.title.strip() or ctx.messages.get("untitled")
    ctx.out.write(ctx.messages.get("undeleted", id=article.id, title=title) + "\n")
    return EXIT_OK


# --- The parser ---------------------------------------------------------------------------


def _revision(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(value) from None
    if number < 1:
        raise argparse.ArgumentTypeError(value)
    return number


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

    def add_json(sub: argparse.ArgumentParser) -> None:
        sub.add_argument(
            "--json", action="store_true", help=h("sortie JSON stable", "stable JSON output")
        )

    def add_filters(sub: argparse.ArgumentParser, limit: int | None) -> None:
        sub.add_argument("--status", choices=STATUSES, help=h("état", "status"))
        sub.add_argument("--tag", help=h("mot-clé", "tag"))
        sub.add_argument("--category", help=h("rubrique", "category"))
        sub.add_argument(
            "--limit", type=int, default=limit, help=h("nombre maximum", "maximum number")
        )

    sub = command("import", "importer des fichiers Markdown", "import Markdown files", cmd_import)
    sub.add_argument("files", nargs="+", metavar="FICHIER" if fr else "FILE")

    sub = command("list", "lister les articles", "list the articles", cmd_list)
    add_filters(sub, None)
    add_json(sub)

    sub = command("search", "chercher dans les articles", "search the articles", cmd_search)
    sub.add_argument("query", metavar="TEXTE" if fr else "QUERY")
    add_filters(sub, 50)
    add_json(sub)

    sub = command("show", "afficher un article", "show an article", cmd_show)
    sub.add_argument("id", metavar="ID")
    add_json(sub)

    sub = command(
        "render",
        "la page de l’article en HTML, comme l’aperçu",
        "the article's page as HTML, as previewed",
        cmd_render,
    )
    sub.add_argument("id", metavar="ID")
    sub.add_argument(
        "-o",
        "--output",
        metavar="FICHIER" if fr else "FILE",
        help=h("fichier à écrire (défaut : la sortie)", "file to write (default: stdout)"),
    )

    sub = command(
        "export",
        "exporter en Markdown (avec les images) ou en une page HTML",
        "export as Markdown (with its images) or as one HTML page",
        cmd_export,
    )
    sub.add_argument("id", metavar="ID")
    sub.add_argument(
        "--format",
        choices=("md", "html"),
        default="md",
        help=h("Markdown (défaut) ou HTML", "Markdown (default) or HTML"),
    )
    sub.add_argument(
        "-o",
        "--output",
        metavar="FICHIER" if fr else "FILE",
        help=h("fichier à écrire (défaut : SLUG.md)", "file to write (default: SLUG.md)"),
    )

    sub = command("history", "les versions d’un article", "an article's revisions", cmd_history)
    sub.add_argument("id", metavar="ID")
    add_json(sub)

    sub = command(
        "restore",
        "rétablir une ancienne version (qui devient la plus récente)",
        "bring back an old revision (as the newest)",
        cmd_restore,
    )
    sub.add_argument("id", metavar="ID")
    sub.add_argument("revision", type=_revision, metavar="VERSION" if fr else "REVISION")

    sub = command("diff", "comparer deux versions", "compare two revisions", cmd_diff)
    sub.add_argument("id", metavar="ID")
    sub.add_argument("rev_a", type=_revision, metavar="VERSION_A" if fr else "REV_A")
    sub.add_argument("rev_b", type=_revision, metavar="VERSION_B" if fr else "REV_B")

    sub = command(
        "delete",
        "mettre un article à la corbeille (rien n’est effacé)",
        "move an article to the trash (nothing is erased)",
        cmd_delete,
    )
    sub.add_argument("id", metavar="ID")

    sub = command("trash", "les articles de la corbeille", "the articles in the trash", cmd_trash)
    add_json(sub)

    sub = command(
        "undelete",
        "sortir un article de la corbeille, tel qu’il était",
        "bring an article back from the trash, as it was",
        cmd_undelete,
    )
    sub.add_argument("id", metavar="ID")

    from newsdesk import cli_publish  # site, publish, unpublish, sync, status, resolve, pull

    cli_publish.register(command, h, common)
    return parser


# --- Entry point --------------------------------------------------------------------------


def main(
    argv: Sequence[str] | None = None,
    *,
    stdout: TextIO | None = None,
    stderr: TextIO | None = None,
    launch_gui: Callable[[Paths], int] | None = None,
) -> int:
    """Run newsdesk with ``argv`` (default: the process's arguments); the exit code."""
    out = stdout if stdout is not None else sys.stdout
    err = stderr if stderr is not None else sys.stderr
    language = cli_language()
    messages = Messages(language)
    arguments = list(sys.argv[1:] if argv is None else argv)
    paths: Paths | None = None
    try:
        with _argparse_language(language):
            parser = build_parser(messages)
            try:
                args = parser.parse_args(arguments)
            except UsageError as error:
                err.write(f"{PROG}: {error}\n")
                return EXIT_USAGE
            except SystemExit as done:  # --help and --version
                return int(done.code or 0)
        paths = resolve(getattr(args, "data_dir", None))
        if args.command is None:
            return _run_gui(paths, messages, err, launch_gui)
        ctx = Context(paths, messages, out, err)
        try:
            return int(args.run(ctx, args))
        finally:
            ctx.close()
    except (errors.NewsdeskError, OSError) as error:
        if isinstance(error, BrokenPipeError):
            return _broken_pipe()
        err.write(f"{PROG}: {describe(error, messages)}\n")
        return EXIT_FAILURE
    except KeyboardInterrupt:
        err.write(f"{PROG}: {messages.get('interrupted')}\n")
        return 130
    except Exception as error:
        log_file = _log_unexpected(paths)
        err.write(
            f"{PROG}: "
            + messages.get("unexpected", kind=type(error).__name__, log=log_file or "-")
            + "\n"
        )
        return EXIT_FAILURE


def _broken_pipe() -> int:
    # ``newsdesk list | head``: the reader left; say nothing, and keep Python from
    # complaining again when it flushes stdout at exit.
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass
    return EXIT_FAILURE


def _run_gui(
    paths: Paths, messages: Messages, err: TextIO, launch_gui: Callable[[Paths], int] | None
) -> int:
    # The window is handed in by the entry point (newsdesk/__main__.py), so the
    # command line itself never imports Qt or the ui.
    if launch_gui is None:
        err.write(f"{PROG}: {messages.get('gui_unavailable', detail='-')}\n")
        return EXIT_FAILURE
    try:
        return launch_gui(paths)
    except ImportError as error:
        err.write(f"{PROG}: {messages.get('gui_unavailable', detail=error)}\n")
        return EXIT_FAILURE
