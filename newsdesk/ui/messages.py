"""Typed errors and validation codes, worded for the reporter, in French first.

The core raises and returns codes; this is the one place that turns them into
sentences that say what happened and what to do next.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from newsdesk.core import errors


def describe_error(error: BaseException) -> str:
    """One or two sentences for a dialog or the status bar; never a traceback."""
    if isinstance(error, errors.InvalidImage):
        detail = str(error)
        text = QCoreApplication.translate(
            "messages",
            "Ce fichier n’est pas une image utilisable (JPEG, PNG, WebP ou GIF). "
            "Rien n’a été modifié.",
        )
        return f"{text}\n{detail}" if detail else text
    if isinstance(error, errors.InvalidDocument):
        return QCoreApplication.translate(
            "messages", "Ce fichier ne peut pas devenir un article : %1"
        ).replace("%1", str(error))
    if isinstance(error, errors.StaleRevision):
        return QCoreApplication.translate(
            "messages",
            "Cet article a été modifié ailleurs (par exemple en ligne de commande) "
            "depuis que vous l’avez ouvert.",
        )
    if isinstance(error, errors.ArticleNotFound):
        return QCoreApplication.translate(
            "messages", "Cet article n’existe plus dans la bibliothèque."
        )
    if isinstance(error, errors.RevisionNotFound):
        return QCoreApplication.translate("messages", "Cette version de l’article est introuvable.")
    if isinstance(error, errors.StoreError):
        reason = {
            errors.StoreError.NOT_A_DATABASE: QCoreApplication.translate(
                "messages", "Le fichier des articles est endommagé ou n’en est pas un."
            ),
            errors.StoreError.TOO_NEW: QCoreApplication.translate(
                "messages",
                "Les articles ont été enregistrés par une version plus récente de newsdesk : "
                "mettez newsdesk à jour.",
            ),
            errors.StoreError.UNREADABLE: QCoreApplication.translate(
                "messages",
                "Le fichier des articles ne peut pas être lu (droits, disque plein ou "
                "fichier verrouillé par un autre programme).",
            ),
        }.get(
            error.reason,
            QCoreApplication.translate("messages", "Le fichier des articles est inutilisable."),
        )
        return f"{reason}\n{error.path}"
    if isinstance(error, errors.UnknownRubrique):
        return unknown_rubrique(error)
    if isinstance(error, errors.UnknownTimeZone):
        return QCoreApplication.translate(
            "messages",
            "Fuseau horaire inconnu : « %1 ». Choisissez-en un dans la liste "
            "(par exemple Africa/Niamey) ou écrivez un décalage comme UTC+01:00.",
        ).replace("%1", error.text.strip())
    if isinstance(error, errors.UnsafeMediaPath):
        return QCoreApplication.translate(
            "messages", "Le chemin de cette image sort du dossier des images : refusé."
        )
    if isinstance(error, FileNotFoundError):
        return QCoreApplication.translate("messages", "Fichier introuvable : %1").replace(
            "%1", str(error.filename or error)
        )
    if isinstance(error, PermissionError):
        return QCoreApplication.translate("messages", "Accès refusé : %1").replace(
            "%1", str(error.filename or error)
        )
    if isinstance(error, OSError):
        return QCoreApplication.translate("messages", "Erreur du disque : %1").replace(
            "%1", error.strerror or str(error)
        )
    if isinstance(error, errors.NewsdeskError):
        return str(error)
    return QCoreApplication.translate("messages", "Erreur inattendue : %1").replace(
        "%1", f"{type(error).__name__}: {error}"
    )


def unknown_rubrique(error: errors.UnknownRubrique) -> str:
    """The rubrique is not one of the site's categories and the account may not create
    one: say so before anything is queued, with the site's close names."""
    text = QCoreApplication.translate(
        "messages",
        "La rubrique « %1 » n’existe pas sur %2, et votre compte ne peut pas en créer.",
    )
    text = text.replace("%1", error.name).replace("%2", error.site)
    if error.suggestions:
        quoted = QCoreApplication.translate("messages", "« %1 »")
        names = ", ".join(quoted.replace("%1", name) for name in error.suggestions[:4])
        more = QCoreApplication.translate(
            "messages", "Vouliez-vous dire %1 ? Rien n’a été envoyé."
        ).replace("%1", names)
    else:
        more = QCoreApplication.translate(
            "messages", "Choisissez une rubrique du site dans la liste. Rien n’a été envoyé."
        )
    return f"{text} {more}"


def describe_problem(code: str) -> str:
    """A short hint for the status bar, from a ``rules.Problem`` code."""
    return {
        "missing_title": QCoreApplication.translate("messages", "titre manquant"),
        "title_too_long": QCoreApplication.translate("messages", "titre trop long"),
        "missing_body": QCoreApplication.translate("messages", "texte vide"),
        "missing_category": QCoreApplication.translate("messages", "rubrique manquante"),
        "missing_byline": QCoreApplication.translate("messages", "signature manquante"),
        "invalid_slug": QCoreApplication.translate("messages", "slug invalide"),
        "naive_date": QCoreApplication.translate("messages", "date sans fuseau horaire"),
        "missing_caption": QCoreApplication.translate("messages", "légende de la photo manquante"),
        "missing_credit": QCoreApplication.translate("messages", "crédit de la photo manquant"),
        "missing_alt": QCoreApplication.translate(
            "messages", "texte alternatif de la photo manquant"
        ),
    }.get(code, code)
