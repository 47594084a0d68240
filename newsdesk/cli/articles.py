"""The article commands: import, list, search, show, render, export, history, restore, diff."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, Any

from newsdesk.core import errors

from .failures import describe
from .output import (
    EXIT_FAILURE,
    EXIT_OK,
    PROG,
    article_json,
    iso,
    print_json,
    summary_json,
    summary_line,
)
from .registry import Commands

if TYPE_CHECKING:
    from newsdesk.core.article import Article

    from .context import Context


def register(commands: Commands) -> None:
    command, _ = commands.command, commands._
    sub = command("import", "importer des fichiers Markdown ou Word (.docx)", cmd_import)
    sub.add_argument("files", nargs="+", metavar=_("FICHIER"))

    sub = command("list", "lister les articles", cmd_list)
    commands.add_filters(sub, None)
    commands.add_json(sub)

    sub = command("search", "chercher dans les articles", cmd_search)
    sub.add_argument("query", metavar=_("TEXTE"))
    commands.add_filters(sub, 50)
    commands.add_json(sub)

    sub = command("show", "afficher un article", cmd_show)
    sub.add_argument("id", metavar="ID")
    commands.add_json(sub)

    sub = command(
        "render",
        "la page de l’article en HTML, comme l’aperçu",
        cmd_render,
    )
    sub.add_argument("id", metavar="ID")
    sub.add_argument(
        "-o",
        "--output",
        metavar=_("FICHIER"),
        help=_("fichier à écrire (défaut : la sortie)"),
    )

    sub = command(
        "export",
        "exporter en Markdown (avec les images), en une page HTML, en ninjs ou en PDF",
        cmd_export,
    )
    sub.add_argument("id", metavar="ID")
    sub.add_argument(
        "--format",
        choices=tuple(EXPORT_SUFFIXES),
        default="md",
        help=_(
            "md (défaut : Markdown, les images à côté), html (une page, images comprises), "
            "ninjs (JSON IPTC ninjs 3.1) ou pdf (la page en A4)"
        ),
    )
    sub.add_argument(
        "-o",
        "--output",
        metavar=_("FICHIER"),
        help=_("fichier à écrire (défaut : SLUG.md, .html, .json ou .pdf ; - : la sortie)"),
    )

    sub = command("history", "les versions d’un article", cmd_history)
    sub.add_argument("id", metavar="ID")
    commands.add_json(sub)

    sub = command(
        "restore",
        "rétablir une ancienne version (qui devient la plus récente)",
        cmd_restore,
    )
    sub.add_argument("id", metavar="ID")
    sub.add_argument("revision", type=_revision, metavar=_("VERSION"))

    sub = command("diff", "comparer deux versions", cmd_diff)
    sub.add_argument("id", metavar="ID")
    sub.add_argument("rev_a", type=_revision, metavar=_("VERSION_A"))
    sub.add_argument("rev_b", type=_revision, metavar=_("VERSION_B"))


def cmd_import(ctx: Context, args: argparse.Namespace) -> int:
    from newsdesk import services
    from newsdesk.words.documents import import_warning

    failed = False
    for name in args.files:
        try:
            imported = services.import_file_reporting(ctx.store, Path(name))
        except (errors.NewsdeskError, OSError) as error:
            # One bad file never stops the others: each is imported on its own.
            failed = True
            ctx.fail(describe(error, ctx.messages), file=name)
            continue
        ctx.out.write(imported.article.id + "\n")
        ctx.out.flush()
        # What of a Word file did not come across: the article is there all the same.
        for warning in imported.warnings:
            text = import_warning(warning.code, warning.count, ctx.messages.words)
            ctx.err.write(f"{PROG}: {name}: {text}\n")
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
        print_json({"articles": [summary_json(s) for s in summaries]}, ctx.out)
        return EXIT_OK
    if not summaries:
        ctx.err.write(ctx.messages.get("no_articles") + "\n")
    for summary in summaries:
        ctx.out.write(summary_line(summary, ctx.messages) + "\n")
    return EXIT_OK


def cmd_search(ctx: Context, args: argparse.Namespace) -> int:
    hits = ctx.store.search(args.query, **_filters(args), limit=args.limit)
    if args.json:
        print_json(
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
        ctx.out.write(summary_line(hit.article, ctx.messages) + "\n")
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
        print_json({"article": article_json(article)}, ctx.out)
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


#: Each export format and its file's suffix.
EXPORT_SUFFIXES = {"md": ".md", "html": ".html", "ninjs": ".json", "pdf": ".pdf"}


def cmd_export(ctx: Context, args: argparse.Namespace) -> int:
    from newsdesk import services
    from newsdesk.atomicfile import write_atomic
    from newsdesk.core import rules

    article = _get(ctx, args.id)
    fmt = args.format
    if args.output == "-":
        _export_to_stdout(ctx, article, fmt)
        return EXIT_OK
    target = Path(args.output or rules.effective_slug(article) + EXPORT_SUFFIXES[fmt])
    try:
        if fmt == "md":
            services.export_markdown(ctx.store, article, target)
        elif fmt == "pdf":
            # Found out before the page is laid out, not after a few seconds of it.
            _check_writable(target)
            write_atomic(target, _pdf(ctx, article))
        else:
            write_atomic(target, _export_text(ctx, article, fmt).encode("utf-8"))
    except OSError as error:
        # The file that could not be written is named: -o may point anywhere.
        ctx.fail(_not_written(ctx, error), file=str(target))
        return EXIT_FAILURE
    ctx.out.write(f"{target}\n")
    return EXIT_OK


def _export_to_stdout(ctx: Context, article: Article, fmt: str) -> None:
    """``-o -``: the document on stdout, for a pipe (``… --format pdf -o - | lpr``).
    Markdown goes without its images, as ``show`` prints it."""
    if fmt == "pdf":
        pdf = _pdf(ctx, article)
        ctx.out.flush()
        binary = getattr(ctx.out, "buffer", None)
        if binary is None:  # a stream of text only (a caller's StringIO)
            raise errors.PdfExportFailed(errors.PdfExportFailed.PRINT, "stdout takes no bytes")
        binary.write(pdf)
        binary.flush()
        return
    if fmt == "md":
        from newsdesk.core.interchange import dump_document

        ctx.out.write(dump_document(article))
        return
    ctx.out.write(_export_text(ctx, article, fmt))


def _check_writable(target: Path) -> None:
    """OSError now if ``target`` cannot be written, as writing it would raise."""
    import os
    import tempfile

    if target.is_dir():
        raise IsADirectoryError(21, os.strerror(21), str(target))
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, probe = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    os.close(fd)
    os.unlink(probe)


def _not_written(ctx: Context, error: OSError) -> str:
    if isinstance(error, IsADirectoryError):
        return ctx.messages.get("export_is_folder")
    # A file where a folder of the path should be: mkdir says it exists, open says
    # it is not a folder.
    if isinstance(error, FileNotFoundError | NotADirectoryError | FileExistsError):
        return ctx.messages.get("export_no_folder")
    if isinstance(error, PermissionError):
        return ctx.messages.get("export_denied")
    return ctx.messages.get("export_failed", reason=describe(error, ctx.messages))


def _export_text(ctx: Context, article: Article, fmt: str) -> str:
    """The html or ninjs export's text, its images embedded."""
    from newsdesk import services

    if fmt == "ninjs":
        return services.export_ninjs_text(ctx.store, article)

    return services.render_html(ctx.store, article, embed_images=True)


def _pdf(ctx: Context, article: Article) -> bytes:
    """The preview's page printed on A4, by the maker the entry point handed in."""
    from newsdesk.formats.pdf_page import print_page

    if ctx.make_pdf is None:
        raise errors.PdfExportFailed(errors.PdfExportFailed.ENGINE, "no PDF maker here")
    return ctx.make_pdf(print_page(article, ctx.store.media_path))


def cmd_history(ctx: Context, args: argparse.Namespace) -> int:
    from newsdesk import services

    article_id = services.resolve_id(ctx.store, args.id)
    revisions = ctx.store.history(article_id)
    if args.json:
        print_json(
            {
                "id": article_id,
                "revisions": [
                    {
                        "revision": r.revision,
                        "saved_at": iso(r.saved_at),
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


def _revision(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(value) from None
    if number < 1:
        raise argparse.ArgumentTypeError(value)
    return number
