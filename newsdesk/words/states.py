"""Where an article stands on a site, why a sending failed, what blocks publishing.

The outbox speaks in codes (``core.outbox_states``, the worker's error codes, the
validation problems of ``core.rules``); these are their words, for the window's publish
bar and library and for ``newsdesk status`` alike.
"""

from __future__ import annotations

from datetime import datetime

from . import N_, Face, Words

#: A validation problem in a few words (the status bar, a list of problems).
_PROBLEMS = {
    "missing_title": N_("titre manquant"),
    "title_too_long": N_("titre trop long"),
    "missing_body": N_("texte manquant"),
    "missing_category": N_("rubrique manquante"),
    "missing_byline": N_("signature manquante"),
    "invalid_slug": N_("slug invalide"),
    "naive_date": N_("date sans fuseau horaire"),
    "missing_caption": N_("légende de la photo manquante"),
    "missing_credit": N_("crédit de la photo manquant"),
    "missing_alt": N_("texte alternatif de la photo manquant"),
    "missing_standfirst": N_("chapeau manquant"),
    "missing_featured_image": N_("photo d’en-tête manquante"),
}

#: A checklist item (``core.profile``) in a few words, with what it is about.
_DETAILED = {
    "title_too_short": N_("titre trop court (au moins {detail} caractères)"),
    "title_too_long": N_("titre trop long (au plus {detail} caractères)"),
    "standfirst_too_short": N_("chapeau trop court (au moins {detail} caractères)"),
    "standfirst_too_long": N_("chapeau trop long (au plus {detail} caractères)"),
    "too_few_tags": N_("pas assez de tags (au moins {detail})"),
    "body_too_short": N_("texte trop court (au moins {detail} mots)"),
    "marker_left": N_("« {detail} » à retirer"),
    "broken_image": N_("image introuvable : {detail}"),
    "empty_link": N_("lien sans adresse : « {detail} »"),
    "spelling": N_("orthographe : « {detail} »"),
    "unknown_rubrique": N_("rubrique inconnue du site : « {detail} »"),
    "grammar": N_("grammaire : « {detail} »"),
}

#: A validation problem that blocks publishing, as a sentence saying what to fix.
_PROBLEM_SENTENCES = {
    "missing_title": N_("Le titre manque."),
    "title_too_long": N_("Le titre est trop long."),
    "missing_body": N_("Le texte de l’article est vide."),
    "missing_category": N_("La rubrique manque."),
    "missing_byline": N_("La signature manque."),
    "invalid_slug": N_("Le slug n’est pas valide."),
    "naive_date": N_("La date n’a pas de fuseau horaire."),
    "missing_caption": N_("La légende de la photo manque."),
    "missing_credit": N_("Le crédit de la photo manque."),
    "missing_alt": N_("Le texte alternatif de la photo manque."),
    "missing_standfirst": N_("Le chapeau manque."),
    "missing_featured_image": N_("La photo d’en-tête manque."),
}


def problem(code: str, words: Words, detail: str = "") -> str:
    """A validation problem's or a checklist item's code in a few words, with its
    ``detail`` when it has one (the code itself when newsdesk has no words for it)."""
    if detail and code in _DETAILED:
        return words._(_DETAILED[code], detail=detail)
    if code in _PROBLEMS:
        return words._(_PROBLEMS[code])
    return f"{code} ({detail})" if detail else code


def problem_sentence(code: str, words: Words) -> str:
    """A validation problem as a sentence saying what to fix."""
    return words._(_PROBLEM_SENTENCES[code]) if code in _PROBLEM_SENTENCES else code


def failure_reason(code: str | None, message: str | None, words: Words) -> str:
    """Why a sending failed, from the outbox's error code (its message as the detail)."""
    code = code or ""
    if code == "permission":
        return words._("votre compte n’a pas le droit de faire cela sur ce site")
    if code == "image":
        return words._("la photo ne peut pas être préparée")
    if code == "verification":
        return words._("le site n’a pas tout gardé (rubrique, tags ou photo)")
    if code == "article_missing":
        return words._("l’article était dans la Corbeille : restaurez-le, puis publiez à nouveau")
    if code == "remote_gone":
        return words._("l’article a été supprimé du site")
    if code.startswith("UntrustedCertificate"):
        return words._(
            "le certificat de sécurité du site est refusé (signé par lui-même, expiré ou "
            "d’un autre site) : vérifiez l’adresse ou le réseau (portail d’hôtel ?)"
        )
    if code == "InvalidServerResponse:wrong_post":
        return words._(
            "le site a répondu au sujet d’un autre article : prévenez son administrateur"
        )
    if code == "InvalidServerResponse:too_large":
        return words._(
            "la réponse du site était bien trop grosse : vérifiez son adresse ou prévenez "
            "son administrateur"
        )
    if code == "InvalidServerResponse:moved":
        return words._(
            "le site renvoie vers une autre adresse : connectez-le à sa nouvelle adresse"
        )
    if code.startswith("InvalidServerResponse"):
        return words._(
            "le site a répondu autrement que l’API de WordPress : prévenez son administrateur"
        )
    if code.startswith("rejected"):
        return words._("le site a refusé l’envoi : {detail}", detail=message or code)
    return message or code or "?"


#: A state in a few words, for a line of the library or of ``newsdesk status``.
_SHORT = {
    "not_sent": N_("jamais envoyé"),
    "queued": N_("en attente d’envoi"),
    "sending": N_("envoi en cours"),
    "waiting_network": N_("en attente du réseau"),
    "on_site": N_("en ligne"),
    "changed_locally": N_("modifié, à envoyer"),
    "scheduled": N_("programmé"),
    "pending_review": N_("soumis pour relecture"),
    "draft_on_site": N_("brouillon sur le site"),
    "failed": N_("échec de l’envoi"),
    "needs_password": N_("mot de passe requis"),
    "conflict": N_("conflit avec le site"),
}
#: A Ghost site's secret is its Admin API key, not a password.
_GHOST_SHORT = {"needs_password": N_("clé d’API Admin requise")}


def state_words(state: str, words: Words, *, kind: str = "") -> str:
    """A state in a few words ("" for a state newsdesk does not know), on a site of
    ``kind`` (``"ghost"`` words its key as a key)."""
    if kind == "ghost" and state in _GHOST_SHORT:
        return words._(_GHOST_SHORT[state])
    return words._(_SHORT[state]) if state in _SHORT else ""


def state_sentence(
    state: str,
    words: Words,
    face: Face,
    *,
    site: str = "",
    kind: str = "",
    article_id: str = "",
    next_attempt_at: datetime | None = None,
    error_code: str | None = None,
    error_message: str | None = None,
) -> str:
    """Where the article stands on ``site`` (of ``kind``, ``"ghost"`` or WordPress's),
    and what to do when it waits on the reporter."""
    w = words
    window = face is Face.WINDOW
    short_id = article_id[:8]
    if state == "waiting_network":
        if next_attempt_at is None:
            return w._("En attente du réseau : l’envoi repartira tout seul.")
        return w._(
            "En attente du réseau : l’envoi repartira tout seul (nouvel essai vers {when}).",
            when=next_attempt_at.astimezone().strftime("%H:%M"),
        )
    if state == "needs_password" and kind == "ghost":
        if window:
            return w._(
                "Le site refuse la clé d’API Admin : collez-en une nouvelle. "
                "Les envois sont gardés."
            )
        return w._(
            "Le site refuse la clé d’API Admin : newsdesk site password {site}. "
            "Les envois sont gardés.",
            site=site,
        )
    if state == "needs_password":
        if window:
            return w._(
                "Le site refuse le mot de passe : saisissez-en un nouveau. Les envois sont gardés."
            )
        return w._(
            "Le site refuse le mot de passe : newsdesk site password {site}. "
            "Les envois sont gardés.",
            site=site,
        )
    if state == "conflict":
        if window:
            return w._(
                "L’article a été modifié sur le site depuis votre dernier envoi : "
                "choisissez la version à garder."
            )
        return w._(
            "L’article a été modifié sur le site depuis votre dernier envoi : "
            "newsdesk resolve {id} keep_mine|take_theirs|merge.",
            id=short_id,
        )
    if state == "changed_locally":
        if window:
            return w._("Modifié depuis l’envoi : « Mettre à jour » pour l’envoyer au site.")
        return w._("Modifié depuis l’envoi : newsdesk publish {id} pour l’envoyer.", id=short_id)
    if state == "failed":
        return w._(
            "Échec de l’envoi : {reason}. Corrigez puis publiez à nouveau.",
            reason=failure_reason(error_code, error_message, w),
        )
    if state == "sending":
        return w._("Envoi…")
    if state == "queued":
        return w._("En attente d’envoi.")
    return w.sentence(state_words(state, w, kind=kind))


__all__ = [
    "failure_reason",
    "problem",
    "problem_sentence",
    "state_sentence",
    "state_words",
]
