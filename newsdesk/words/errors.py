"""Every typed error in one or two sentences: what happened, and what to do next.

``describe(error, words, face)`` is what the window shows in its dialogs and status
bar and what the command line prints after ``newsdesk:``. The sentence says the same
thing to both faces; only the way to act differs (a menu in the window, a command or
an option in a terminal), and where the situation itself differs (the window never
asks the reporter for an article's id) the face chooses the sentence.

Never a traceback, never a password: an error's own ``str`` is precise English for
the logs, shown here only as the detail of a system or server failure.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from newsdesk.core import errors

from . import Face, Words
from .documents import describe_document, describe_image, describe_unsafe_media
from .states import problem


def describe(error: BaseException, words: Words, face: Face) -> str:
    """The error in the reader's language; never empty."""
    for kind, wording in _WORDINGS:
        if isinstance(error, kind):
            text = wording(error, words, face)
            if text is not None:
                return text
    detail = f"{type(error).__name__}: {error}"
    return words._("Erreur inattendue : {detail}", detail=detail)


# --- Articles and the store ------------------------------------------------------------


def _not_in_trash(error: errors.NotInTrash, w: Words, face: Face) -> str:
    return w._("Aucun article de la corbeille ne correspond à {id}.", id=w.quoted(error.article_id))


def _article_not_found(error: errors.ArticleNotFound, w: Words, face: Face) -> str:
    if face is Face.WINDOW:  # the window never asks for an id: the article went away
        return w._("Cet article n’existe plus dans la bibliothèque.")
    return w._("Aucun article ne correspond à {id}.", id=w.quoted(error.article_id))


def _ambiguous(error: errors.AmbiguousArticleId, w: Words, face: Face) -> str:
    shown = ", ".join(match[: len(error.prefix) + 2] for match in error.matches)
    return w._(
        "{id} désigne plusieurs articles : donnez plus de caractères ({ids}…).",
        id=w.quoted(error.prefix),
        ids=shown,
    )


def _revision(error: errors.RevisionNotFound, w: Words, face: Face) -> str:
    return w._(
        "L’article {id} n’a pas de version {revision}.",
        id=error.article_id[:8],
        revision=error.revision,
    )


def _stale(error: errors.StaleRevision, w: Words, face: Face) -> str:
    if face is Face.WINDOW:
        return w._(
            "Cet article a été modifié ailleurs (par exemple en ligne de commande) "
            "depuis que vous l’avez ouvert."
        )
    return w._(
        "L’article a été modifié entre-temps (c’est maintenant la version {actual}) : recommencez.",
        actual=error.actual,
    )


def _store(error: errors.StoreError, w: Words, face: Face) -> str:
    if error.reason == errors.StoreError.NOT_A_DATABASE:
        text = w._("Le fichier des articles est endommagé ou n’en est pas un.")
    elif error.reason == errors.StoreError.TOO_NEW:
        text = w._(
            "Les articles ont été enregistrés par une version plus récente de newsdesk : "
            "mettez newsdesk à jour."
        )
    elif error.reason == "disk_full":  # the codes of newsdesk.storage.failures
        if face is Face.WINDOW:
            text = w._(
                "Le disque est plein : rien n’a été écrit, et votre texte reste à "
                "l’écran. Libérez de la place ; l’article s’enregistrera de lui-même."
            )
        else:
            text = w._(
                "Le disque est plein : rien n’a été écrit. Libérez de la place, puis recommencez."
            )
    elif error.reason == "read_only":
        text = w._(
            "Le dossier des articles est en lecture seule (disque protégé ou droits "
            "insuffisants) : rien n’a pu y être écrit."
        )
    elif error.reason == "locked":
        text = w._(
            "Les articles sont verrouillés par un autre programme : rien n’a été "
            "écrit. Réessayez dans un instant."
        )
    else:
        text = w._(
            "Le fichier des articles ne peut pas être lu (droits, disque plein ou "
            "fichier verrouillé par un autre programme)."
        )
        if error.detail:
            text += f" ({error.detail})"
    return f"{text}\n{error.path}" if face is Face.WINDOW else f"{error.path} : {text}"


def _setting(error: errors.NewsdeskError, w: Words, face: Face) -> str:
    return w._("Réglage invalide : {detail}.", detail=error)


# --- Sites and publishing ----------------------------------------------------------------


def _keyring(error: errors.KeyringUnavailable, w: Words, face: Face) -> str:
    if face is Face.WINDOW:
        return w._(
            "Aucun trousseau sûr pour le mot de passe : reconnectez le site pour le garder "
            "le temps de cette session."
        )
    return w._(
        "Aucun trousseau sûr pour garder le mot de passe : installez et "
        "déverrouillez le trousseau du système (GNOME Keyring ou KWallet sous Linux, "
        "le Trousseau sous macOS, le Gestionnaire d’identification sous Windows), puis "
        "recommencez ; la fenêtre de newsdesk peut aussi le garder pour la session."
    )


def _site_not_found(error: errors.SiteNotFound, w: Words, face: Face) -> str:
    return w._("Aucun site nommé {name}.", name=w.quoted(error.name))


def _site_exists(error: errors.SiteExists, w: Words, face: Face) -> str:
    if face is Face.WINDOW:
        return w._("Ce site est déjà connecté.")
    return w._(
        "Un site s’appelle déjà {name} : choisissez un autre nom avec --name.",
        name=w.quoted(error.name),
    )


def _site_not_chosen(error: errors.SiteNotChosen, w: Words, face: Face) -> str:
    if not error.available:
        if face is Face.WINDOW:
            return w._("Aucun site n’est connecté : Fichier ▸ Connecter un site…")
        return w._("Aucun site n’est connecté : newsdesk site add URL --user NOM.")
    if face is Face.WINDOW:
        return w._("Choisissez le site où envoyer l’article.")
    return w._(
        "Précisez le site avec --site (sites connectés : {names}).",
        names=", ".join(error.available),
    )


def _not_publishable(error: errors.NotPublishable, w: Words, face: Face) -> str:
    sentences = []
    if error.problems:
        sentences.append(
            w._(
                "L’article ne peut pas partir : {problems}.",
                problems=", ".join(problem(code, w) for _field, code in error.problems),
            )
        )
    if error.checklist:
        sentences.append(checklist_sentence(error.checklist, w))
    return " ".join(sentences) or w._("L’article ne peut pas partir.")


def checklist_sentence(items: list[tuple[str, str, str]], w: Words) -> str:
    """What the site's rules still ask before a direct publish, and that review is open."""
    return w._(
        "Avant de le publier, le site demande encore : {items}. Vous pouvez le "
        "soumettre pour relecture tel quel.",
        items=", ".join(problem(code, w, detail) for _field, code, detail in items),
    )


def _unknown_rubrique(error: errors.UnknownRubrique, w: Words, face: Face) -> str:
    text = w._(
        "La rubrique {name} n’existe pas sur {site}, et votre compte ne peut pas en créer.",
        name=w.quoted(error.name),
        site=w.quoted(error.site),
    )
    if error.suggestions:
        more = w._(
            "Vouliez-vous dire {names} ? Rien n’a été envoyé.",
            names=w.one_of(error.suggestions[:4]),
        )
    elif face is Face.WINDOW:
        more = w._("Choisissez une rubrique du site dans la liste. Rien n’a été envoyé.")
    else:
        more = w._(
            "Choisissez une rubrique du site (ou demandez à la rédaction de la créer). "
            "Rien n’a été envoyé."
        )
    return f"{text} {more}"


def _unknown_zone(error: errors.UnknownTimeZone, w: Words, face: Face) -> str:
    text = w._("Fuseau horaire inconnu : {text}.", text=w.quoted(error.text.strip()))
    if face is Face.WINDOW:
        more = w._(
            "Choisissez-en un dans la liste (par exemple Africa/Niamey) ou écrivez un "
            "décalage comme UTC+01:00."
        )
    else:
        more = w._("Donnez par exemple Africa/Niamey, Europe/Paris ou UTC+01:00.")
    return f"{text} {more}"


def _schedule(error: errors.InvalidSchedule, w: Words, face: Face) -> str:
    if error.reason == "past_date":
        return w._("Cette date est passée : choisissez une date à venir.")
    if error.reason == "naive_date":
        if face is Face.WINDOW:
            return w._("Choisissez le fuseau horaire de la date.")
        return w._(
            "Donnez le fuseau de la date (par exemple +01:00 ou Z, ou --zone Africa/Niamey)."
        )
    if error.reason == "date_not_expected":
        if face is Face.WINDOW:
            return w._("Seul un article programmé a une date de publication à venir.")
        return w._("L’option --at ne va qu’avec --status future.")
    if face is Face.WINDOW:
        return w._("Choisissez une date de publication.")
    return w._("Une programmation demande --at (par exemple 2026-12-01T08:00:00+01:00).")


def _insecure(error: errors.InsecureTransport, w: Words, face: Face) -> str:
    return w._(
        "Cette adresse commence par http:// : le mot de passe passerait en clair. "
        "Utilisez l’adresse en https://."
    )


def _authentication(error: errors.AuthenticationFailed, w: Words, face: Face) -> str:
    return w._(
        "Le site refuse ce nom d’utilisateur ou ce mot de passe d’application. "
        "Vérifiez-les dans votre profil sur le site."
    )


def _admin_key(error: errors.AdminKeyRefused, w: Words, face: Face) -> str:
    return w._(
        "Le site Ghost refuse cette clé d’API Admin (révoquée, ou mal copiée). Copiez-la "
        "de nouveau depuis Ghost, Réglages ▸ Intégrations, et donnez-la à newsdesk."
    )


def _collision(error: errors.EditCollision, w: Words, face: Face) -> str:
    return w._(
        "Quelqu’un a modifié l’article sur le site pendant l’envoi : newsdesk n’a rien "
        "écrasé. Comparez les deux versions avant de renvoyer."
    )


def _abandoned(error: errors.AuthorizationAbandoned, w: Words, face: Face) -> str:
    return w._(
        "Aucune réponse n’est revenue du navigateur. Recommencez, ou collez le mot de "
        "passe d’application que la page du site affiche."
    )


def _post_not_found(error: errors.RemotePostNotFound, w: Words, face: Face) -> str:
    return w._("Cet article n’existe pas (ou plus) sur le site, ou votre compte ne le voit pas.")


def _permission(error: errors.PermissionDenied, w: Words, face: Face) -> str:
    return w._("Votre compte n’a pas le droit de faire cela sur ce site ({detail}).", detail=error)


def _rejected(error: errors.RequestRejected, w: Words, face: Face) -> str:
    if error.code == "application_passwords_unavailable":
        return w._(
            "Ce site n’offre pas les mots de passe d’application : demandez à son "
            "administrateur de les activer."
        )
    if error.code == "ghost_no_review":
        return w._(
            "Un site Ghost n’a pas de relecture pour newsdesk : envoyez l’article en "
            "brouillon sur le site, ou publiez-le."
        )
    return w._("Le site refuse : {detail}.", detail=error)


def _unreachable(error: errors.SiteUnreachable, w: Words, face: Face) -> str:
    if error.reason == errors.SiteUnreachable.TOO_SLOW:
        return w._(
            "La réponse du site arrivait trop lentement et newsdesk l’a abandonnée : la "
            "connexion est sans doute très faible ; un article en attente repartira tout "
            "seul, rien n’a été perdu."
        )
    if error.reason == errors.SiteUnreachable.TIMEOUT:
        return w._(
            "Le site ne répond pas à temps : vérifiez la connexion, puis réessayez ; un "
            "article en attente repartira tout seul, rien n’a été perdu."
        )
    return w._(
        "Le site est injoignable : vérifiez l’adresse et la connexion, puis réessayez ; "
        "un article en attente repartira tout seul, rien n’a été perdu."
    )


def _server_error(error: errors.ServerError, w: Words, face: Face) -> str:
    if error.status == 429:
        if error.retry_after:
            return w._(
                "Le site demande d’attendre avant de nouveaux envois (environ {minutes} min) : "
                "un article en attente repartira tout seul après ce délai.",
                minutes=max(1, round(error.retry_after / 60)),
            )
        return w._(
            "Le site demande d’attendre avant de nouveaux envois : un article en attente "
            "repartira tout seul un peu plus tard."
        )
    return w._(
        "Le site est en difficulté pour le moment (erreur {status}) : réessayez plus tard ; "
        "un article en attente repartira tout seul, rien n’a été perdu.",
        status=error.status,
    )


def _certificate(error: errors.UntrustedCertificate, w: Words, face: Face) -> str:
    host = w.quoted(error.host)
    if error.reason == errors.UntrustedCertificate.EXPIRED:
        return w._(
            "Le certificat de sécurité de {host} a expiré, et newsdesk refuse de s’y "
            "connecter (rien n’a été envoyé) : vérifiez la date de l’ordinateur, l’adresse "
            "ou le réseau (portail d’hôtel ?), sinon prévenez l’administrateur du site.",
            host=host,
        )
    if error.reason == errors.UntrustedCertificate.SELF_SIGNED:
        return w._(
            "Le certificat de sécurité de {host} est signé par le site lui-même, et newsdesk "
            "refuse de s’y connecter (rien n’a été envoyé) : vérifiez l’adresse ou le réseau "
            "(portail d’hôtel ?), sinon demandez à l’administrateur du site un vrai "
            "certificat.",
            host=host,
        )
    if error.reason == errors.UntrustedCertificate.WRONG_HOST:
        return w._(
            "Le certificat de sécurité reçu n’est pas celui de {host}, et newsdesk refuse de "
            "s’y connecter (rien n’a été envoyé) : vérifiez l’adresse ou le réseau (portail "
            "d’hôtel ?).",
            host=host,
        )
    return w._(
        "Le certificat de sécurité de {host} n’est pas reconnu, et newsdesk refuse de s’y "
        "connecter (rien n’a été envoyé) : vérifiez l’adresse ou le réseau (portail "
        "d’hôtel ?).",
        host=host,
    )


def _server_answer(error: errors.InvalidServerResponse, w: Words, face: Face) -> str:
    reason = error.reason
    kind = errors.InvalidServerResponse
    if reason == kind.NOT_JSON:
        return w._(
            "Le site a répondu par une page web au lieu de son API : le réseau demande "
            "peut-être de se connecter (portail d’hôtel ou de cybercafé ?), ouvrez une page "
            "dans le navigateur pour le voir ; un article en attente repartira tout seul."
        )
    if reason == kind.TRUNCATED:
        return w._(
            "La réponse du site est arrivée coupée, sans doute par une connexion instable : "
            "réessayez ; un article en attente repartira tout seul, rien n’a été perdu."
        )
    if reason == kind.TOO_LARGE:
        return w._(
            "La réponse du site est bien trop grosse pour venir de WordPress, et newsdesk a "
            "cessé de la lire : vérifiez l’adresse du site, sinon prévenez son "
            "administrateur."
        )
    if reason == kind.WRONG_POST:
        return w._(
            "Le site a répondu au sujet d’un autre article que celui demandé, et newsdesk "
            "n’en a rien gardé : prévenez l’administrateur du site (un cache ou une "
            "extension répond à tort)."
        )
    if reason == kind.MOVED:
        where = w.quoted(error.location or "?")
        if face is Face.WINDOW:
            return w._(
                "Le site renvoie vers une autre adresse ({where}), où newsdesk n’envoie pas "
                "votre mot de passe : si c’est la bonne, connectez le site à cette adresse "
                "(Fichier ▸ Connecter un site…).",
                where=where,
            )
        return w._(
            "Le site renvoie vers une autre adresse ({where}), où newsdesk n’envoie pas "
            "votre mot de passe : si c’est la bonne, connectez le site à cette adresse "
            "(newsdesk site add ADRESSE --user NOM).",
            where=where,
        )
    if reason == kind.NOT_WORDPRESS:
        return w._(
            "Cette adresse ne répond pas comme un site WordPress avec son API : vérifiez-la "
            "(l’adresse de la page d’accueil du site suffit)."
        )
    return w._(
        "Le site a répondu autrement que l’API de WordPress : prévenez l’administrateur "
        "du site (une extension peut en être la cause)."
    )


def _nothing_to_resolve(error: errors.NothingToResolve, w: Words, face: Face) -> str:
    return w._("Aucun conflit à régler pour cet article sur {site}.", site=w.quoted(error.site))


def _not_on_site(error: errors.NotOnSite, w: Words, face: Face) -> str:
    return w._("Cet article n’est pas sur {site}.", site=w.quoted(error.site))


def _post_reference(error: errors.InvalidPostReference, w: Words, face: Face) -> str:
    return w._(
        "{text} n’est ni le lien d’un article du site ni son numéro. Donnez l’adresse "
        "de l’article, ou son numéro (le « p=123 » de son lien court).",
        text=w.quoted(error.text.strip()),
    )


def _verification(error: errors.PublishVerificationFailed, w: Words, face: Face) -> str:
    return w._("Le site n’a pas tout gardé (rubrique, tags ou photo) : {detail}.", detail=error)


# --- Exports -------------------------------------------------------------------------------


def _pdf(error: errors.PdfExportFailed, w: Words, face: Face) -> str:
    if error.reason == errors.PdfExportFailed.ENGINE:
        text = w._(
            "Impossible de faire le PDF : QtWebEngine, le moteur qui met la page en forme, "
            "ne démarre pas ici ({detail}).",
            detail=error.detail or "?",
        )
        if face is Face.WINDOW:
            more = w._("Les exports Markdown, HTML et ninjs restent possibles.")
        else:
            more = w._(
                "Les autres formats restent possibles (--format md, html ou ninjs) ; "
                "sous Linux, QtWebEngine demande aussi des bibliothèques du système "
                "(libnss3, libxkbcommon0…)."
            )
        return f"{text} {more}"
    return w._(
        "Le PDF n’a pas pu être fait ({detail}). Rien n’a été écrit.",
        detail=error.detail or "?",
    )


def _other(error: errors.NewsdeskError, w: Words, face: Face) -> str:
    return w._("Erreur : {detail}.", detail=error)


# --- The system ----------------------------------------------------------------------------


def _os_error(error: OSError, w: Words, face: Face) -> str:
    where = f" ({error.filename})" if error.filename and face is Face.WINDOW else ""
    if isinstance(error, FileNotFoundError):
        return w._("Fichier introuvable.") + where
    if isinstance(error, IsADirectoryError):
        return w._("C’est un dossier, pas un fichier.") + where
    if isinstance(error, PermissionError):
        return w._("Accès refusé.") + where
    return w._("Erreur du disque : {detail}.", detail=error.strerror or error) + where


#: (type, wording), most precise first: ``describe`` takes the first that matches.
_WORDINGS: list[tuple[type[BaseException], Callable[[Any, Words, Face], str | None]]] = [
    (errors.InvalidDocument, describe_document),
    (errors.InvalidImage, describe_image),
    (errors.UnsafeMediaPath, describe_unsafe_media),
    (errors.NotInTrash, _not_in_trash),
    (errors.ArticleNotFound, _article_not_found),
    (errors.AmbiguousArticleId, _ambiguous),
    (errors.RevisionNotFound, _revision),
    (errors.StaleRevision, _stale),
    (errors.StoreError, _store),
    (errors.UnknownSetting, _setting),
    (errors.InvalidSettingValue, _setting),
    (errors.KeyringUnavailable, _keyring),
    (errors.SiteNotFound, _site_not_found),
    (errors.SiteExists, _site_exists),
    (errors.SiteNotChosen, _site_not_chosen),
    (errors.NotPublishable, _not_publishable),
    (errors.UnknownRubrique, _unknown_rubrique),
    (errors.UnknownTimeZone, _unknown_zone),
    (errors.InvalidSchedule, _schedule),
    (errors.InsecureTransport, _insecure),
    (errors.AdminKeyRefused, _admin_key),
    (errors.AuthenticationFailed, _authentication),
    (errors.AuthorizationAbandoned, _abandoned),
    (errors.RemotePostNotFound, _post_not_found),
    (errors.EditCollision, _collision),
    (errors.PermissionDenied, _permission),
    (errors.RequestRejected, _rejected),
    (errors.UntrustedCertificate, _certificate),
    (errors.SiteUnreachable, _unreachable),
    (errors.ServerError, _server_error),
    (errors.InvalidServerResponse, _server_answer),
    (errors.NothingToResolve, _nothing_to_resolve),
    (errors.NotOnSite, _not_on_site),
    (errors.InvalidPostReference, _post_reference),
    (errors.PublishVerificationFailed, _verification),
    (errors.PdfExportFailed, _pdf),
    (errors.NewsdeskError, _other),
    (OSError, _os_error),
]
