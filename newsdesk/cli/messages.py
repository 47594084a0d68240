"""The command line's words: French first, English beside it, one table for every command.

The language is French, or English when ``LC_ALL``, ``LC_MESSAGES`` or ``LANG`` (the
first one set) starts with ``en``. ``Messages.get`` fills a message's ``{fields}``.
"""

from __future__ import annotations

import os


def cli_language(environ: dict[str, str] | os._Environ[str] | None = None) -> str:
    """``en`` when the first locale variable set asks for English, else ``fr``."""
    env = os.environ if environ is None else environ
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(name, "")
        if value:
            return "en" if value.lower().startswith("en") else "fr"
    return "fr"


NBSP = "\u00a0"

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
    # --- Publishing: sites, the outbox, conflicts ---
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


class Messages:
    def __init__(self, language: str) -> None:
        self.index = 1 if language == "en" else 0

    def get(self, name: str, /, **fields: object) -> str:
        template = MESSAGES[name][self.index]
        return template.format(nbsp=NBSP, **fields)

    def quoted(self, name: str) -> str:
        """« name » in French, 'name' in English."""
        return f"«{NBSP}{name}{NBSP}»" if self.index == 0 else f"'{name}'"

    def one_of(self, names: list[str]) -> str:
        """« A », « B » ou « C »."""
        quoted = [self.quoted(n) for n in names]
        if len(quoted) <= 1:
            return "".join(quoted)
        return ", ".join(quoted[:-1]) + self.get("or") + quoted[-1]

    def problem(self, code: str) -> str:
        """A validation problem's code in words (the code itself when it has none)."""
        return self.get(f"problem.{code}") if f"problem.{code}" in MESSAGES else code
