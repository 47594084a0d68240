"""Backup archives (``newsdesk backup``, ``restore-backup``, Fichier ▸ Sauvegarder tout…)
in sentences: why one was refused or could not be written, and what was done.

The error is ``storage.archive.ArchiveError``; the words sit below the storage, so it
is given here by its ``reason`` code and its fields rather than by its type.
"""

from __future__ import annotations

from . import N_, Face, Words

#: Said with every backup written and every restore: the passwords did not travel.
PASSWORDS = N_(
    "Les mots de passe des sites n’y sont pas : ils restent dans le trousseau du système ; "
    "sur un autre ordinateur, reconnectez chaque site."
)

_REFUSALS = {
    "damaged": N_(
        "Cette sauvegarde est endommagée ou incomplète (fichier tronqué ?) : rien n’a été restauré."
    ),
    "not_newsdesk": N_("Ce fichier n’est pas une sauvegarde de newsdesk : rien n’a été restauré."),
    "tampered": N_(
        "Cette sauvegarde a été modifiée ou abîmée ({detail} ne correspond pas à son "
        "empreinte) : rien n’a été restauré."
    ),
    "too_new": N_(
        "Cette sauvegarde vient d’une version plus récente de newsdesk (schéma {detail}) : "
        "mettez newsdesk à jour, puis recommencez. Rien n’a été restauré."
    ),
}


def describe_archive(reason: str, detail: str, restoring: bool, w: Words, face: Face) -> str:
    """One sentence for an ``ArchiveError`` (its ``reason``, ``detail``, ``restoring``)."""
    template = _REFUSALS.get(reason)
    if template is not None:
        return w._(template, detail=detail or "?")
    if reason == "not_empty":
        if face is Face.WINDOW:
            return w._("Ce dossier contient déjà des articles : rien n’a été restauré.")
        return w._(
            "Ce dossier contient déjà des articles : ajoutez --replace pour les remplacer "
            "(ils seront d’abord mis de côté dans backups/). Rien n’a été restauré."
        )
    if reason == "in_use":
        if face is Face.WINDOW:
            return w._(
                "Les articles sont encore ouverts ailleurs (un envoi au site en cours, ou "
                "newsdesk en ligne de commande) : rien n’a été restauré. Réessayez dans "
                "un instant."
            )
        return w._(
            "Les articles sont ouverts par un autre programme (la fenêtre de newsdesk ?)"
            " : fermez-le, puis recommencez. Rien n’a été restauré."
        )
    if reason == "disk_full":
        if restoring:
            return w._(
                "Le disque est plein : rien n’a été restauré. Libérez de la place, puis "
                "recommencez."
            )
        return w._(
            "Le disque est plein : la sauvegarde n’a pas été écrite, et aucun fichier à "
            "moitié écrit n’est resté. Libérez de la place ou choisissez un autre disque."
        )
    if restoring:
        return w._("La sauvegarde n’a pas pu être restaurée ({detail}).", detail=detail or "?")
    return w._(
        "La sauvegarde n’a pas pu être écrite ({detail}) : rien n’a été écrit.",
        detail=detail or "?",
    )


def backup_written(path: str, files: int, megabytes: float, w: Words) -> str:
    size = f"{megabytes:.1f}"
    return w._(
        "Sauvegarde écrite : {path} (fichiers : {files} ; {size} Mo).",
        path=path,
        files=files,
        size=size.replace(".", ",") if w.language == "fr" else size,
    )


def restored(created: str, version: str, kept_aside: str | None, w: Words) -> str:
    text = w._(
        "Sauvegarde du {created} (newsdesk {version}) restaurée.",
        created=created[:16].replace("T", " ") + " UTC",
        version=version,
    )
    if kept_aside:
        text += " " + w._("Les données d’avant sont gardées dans {path}.", path=kept_aside)
    return text


__all__ = ["PASSWORDS", "backup_written", "describe_archive", "restored"]
