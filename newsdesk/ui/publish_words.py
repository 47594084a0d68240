"""Where an article stands on the site, and why nothing was sent, in the reporter's words.

The outbox and the worker speak in codes (``DisplayState``, error codes, validation
problems); these turn them into sentences and the library's glyphs, in one place.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication

from newsdesk.core import errors
from newsdesk.ui.messages import describe_error


def problem_sentence(code: str) -> str:
    """A validation problem that blocks publishing, as a sentence saying what to fix."""
    sentences = {
        "missing_title": QCoreApplication.translate("publish", "Le titre manque."),
        "title_too_long": QCoreApplication.translate("publish", "Le titre est trop long."),
        "missing_body": QCoreApplication.translate("publish", "Le texte de l’article est vide."),
        "missing_category": QCoreApplication.translate("publish", "La rubrique manque."),
        "missing_byline": QCoreApplication.translate("publish", "La signature manque."),
        "invalid_slug": QCoreApplication.translate("publish", "Le slug n’est pas valide."),
        "naive_date": QCoreApplication.translate("publish", "La date n’a pas de fuseau horaire."),
        "missing_caption": QCoreApplication.translate("publish", "La légende de la photo manque."),
        "missing_credit": QCoreApplication.translate("publish", "Le crédit de la photo manque."),
        "missing_alt": QCoreApplication.translate(
            "publish", "Le texte alternatif de la photo manque."
        ),
    }
    return sentences.get(code, code)


def refusal_text(error: BaseException) -> str:
    """Why nothing was queued, and what to do about it."""
    if isinstance(error, errors.NotPublishable):
        return " ".join(problem_sentence(code) for _field, code in error.problems)
    if isinstance(error, errors.SiteNotChosen):
        return QCoreApplication.translate(
            "publish", "Aucun site n’est connecté : Fichier ▸ Connecter un site…"
        )
    if isinstance(error, errors.InvalidSchedule):
        if error.reason == "past_date":
            return QCoreApplication.translate(
                "publish", "Cette date est passée : choisissez une date à venir."
            )
        return QCoreApplication.translate("publish", "Choisissez une date de publication.")
    if isinstance(error, errors.NotOnSite):
        return QCoreApplication.translate("publish", "Cet article n’est pas sur le site.")
    return describe_error(error)


def failure_reason(code: str | None, message: str | None) -> str:
    """The reason a sending failed, in words, from the outbox's error code."""
    code = code or ""
    if code == "permission":
        return QCoreApplication.translate(
            "publish", "votre compte n’a pas le droit de faire cela sur ce site"
        )
    if code == "image":
        return QCoreApplication.translate("publish", "la photo ne peut pas être préparée")
    if code == "verification":
        return QCoreApplication.translate(
            "publish", "le site n’a pas tout gardé (rubrique, tags ou photo)"
        )
    if code == "article_missing":
        return QCoreApplication.translate(
            "publish", "l’article était dans la Corbeille : restaurez-le, puis publiez à nouveau"
        )
    if code == "remote_gone":
        return QCoreApplication.translate("publish", "l’article a été supprimé du site")
    if code.startswith("rejected"):
        return QCoreApplication.translate("publish", "le site a refusé l’envoi : %1").replace(
            "%1", message or code
        )
    return message or code


def outcome(state: Any) -> tuple[str, str | None]:
    """(sentence, live URL or None) for an article's state on one site (``SiteState``)."""
    name = state.state
    link = state.link
    if name in ("queued",):
        return QCoreApplication.translate("publish", "En attente d’envoi."), None
    if name == "sending":
        return QCoreApplication.translate("publish", "Envoi…"), None
    if name == "waiting_network":
        return QCoreApplication.translate(
            "publish", "En attente du réseau — l’envoi repartira tout seul."
        ), None
    if name == "needs_password":
        return (
            QCoreApplication.translate(
                "publish",
                "Le site refuse le mot de passe : saisissez-en un nouveau. Les envois sont gardés.",
            ),
            None,
        )
    if name == "conflict":
        return (
            QCoreApplication.translate(
                "publish",
                "L’article a été modifié sur le site depuis votre dernier envoi : "
                "choisissez la version à garder.",
            ),
            None,
        )
    if name == "failed":
        reason = failure_reason(state.error_code, state.error_message)
        return QCoreApplication.translate(
            "publish", "Échec de l’envoi : %1. Corrigez puis publiez à nouveau."
        ).replace("%1", reason), None
    if name == "changed_locally":
        return (
            QCoreApplication.translate(
                "publish", "Modifié depuis l’envoi : « Mettre à jour » pour l’envoyer au site."
            ),
            link,
        )
    if name == "on_site":
        return QCoreApplication.translate("publish", "En ligne"), link
    if name == "scheduled":
        return QCoreApplication.translate("publish", "Programmé"), link
    if name == "pending_review":
        return QCoreApplication.translate("publish", "Soumis pour relecture"), link
    if name == "draft_on_site":
        return QCoreApplication.translate("publish", "Brouillon sur le site"), link
    return "", None


def remote_mark(state: str) -> tuple[str, str] | None:
    """(glyph, words) for the library's line of an article in ``state`` on the site."""
    marks = {
        "queued": ("↻", QCoreApplication.translate("publish", "en attente d’envoi")),
        "sending": ("↑", QCoreApplication.translate("publish", "envoi en cours")),
        "waiting_network": ("↻", QCoreApplication.translate("publish", "en attente du réseau")),
        "on_site": ("✓", QCoreApplication.translate("publish", "en ligne")),
        "changed_locally": ("✎", QCoreApplication.translate("publish", "modifié, à envoyer")),
        "scheduled": ("◷", QCoreApplication.translate("publish", "programmé")),
        "pending_review": ("◐", QCoreApplication.translate("publish", "en relecture sur le site")),
        "draft_on_site": ("◌", QCoreApplication.translate("publish", "brouillon sur le site")),
        "failed": ("✗", QCoreApplication.translate("publish", "échec de l’envoi")),
        "needs_password": ("⚠", QCoreApplication.translate("publish", "mot de passe requis")),
        "conflict": ("⇄", QCoreApplication.translate("publish", "conflit avec le site")),
    }
    return marks.get(state)


__all__ = ["failure_reason", "outcome", "problem_sentence", "refusal_text", "remote_mark"]
