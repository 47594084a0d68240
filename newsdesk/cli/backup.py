"""Moving to another laptop: ``backup -o FILE`` writes one archive of everything,
``restore-backup FILE`` brings it back (``newsdesk.storage.archive``)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from newsdesk.words import Face
from newsdesk.words import archive as words

from .output import EXIT_FAILURE, EXIT_OK
from .registry import Commands

if TYPE_CHECKING:
    from newsdesk.storage.archive import ArchiveError

    from .context import Context


def register(commands: Commands) -> None:
    command, _ = commands.command, commands._
    sub = command(
        "backup",
        "tout sauvegarder en un fichier : articles, images, réglages, dictionnaires",
        cmd_backup,
    )
    sub.add_argument(
        "-o", "--output", required=True, metavar=_("FICHIER"), help=_("archive à écrire (.zip)")
    )

    sub = command(
        "restore-backup",
        "restaurer une sauvegarde dans le dossier des données (fermez d’abord la fenêtre)",
        cmd_restore_backup,
    )
    sub.add_argument("archive", metavar=_("FICHIER"))
    sub.add_argument(
        "--replace",
        action="store_true",
        help=_("remplacer les articles déjà là (mis de côté d’abord dans backups/)"),
    )


def _refused(ctx: Context, error: ArchiveError) -> int:
    w = ctx.messages.words
    ctx.fail(words.describe_archive(error.reason, error.detail, error.restoring, w, Face.CLI))
    return EXIT_FAILURE


def cmd_backup(ctx: Context, args: argparse.Namespace) -> int:
    from newsdesk.storage import archive

    target = Path(args.output)
    if target.suffix.lower() != ".zip":
        target = target.with_name(target.name + ".zip")
    ctx.store  # noqa: B018 (opening creates or migrates the store the archive copies)
    try:
        info = archive.write_archive(ctx.paths, target)
    except archive.ArchiveError as error:
        return _refused(ctx, error)
    w = ctx.messages.words
    ctx.out.write(words.backup_written(str(target), info.files, info.size / 1e6, w) + "\n")
    ctx.out.write(w._(words.PASSWORDS) + "\n")
    return EXIT_OK


def cmd_restore_backup(ctx: Context, args: argparse.Namespace) -> int:
    from newsdesk.storage import archive

    # The command's own store stays closed: the files are about to be replaced.
    try:
        done = archive.restore_archive(ctx.paths, Path(args.archive), replace=args.replace)
    except archive.ArchiveError as error:
        return _refused(ctx, error)
    w = ctx.messages.words
    kept = str(done.kept_aside) if done.kept_aside is not None else None
    ctx.out.write(words.restored(done.info.created_at, done.info.newsdesk_version, kept, w) + "\n")
    ctx.out.write(w._(words.PASSWORDS) + "\n")
    return EXIT_OK
