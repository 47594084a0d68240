"""The command line's own lines (what a command did, a prompt), French first.

Errors and states are worded in ``newsdesk.words`` for the window and the command
line alike; these are the lines only a terminal shows. Each is French, written in the
code, and translated through gettext like every message (``newsdesk.words``);
``Messages.get(name, **fields)`` fills its ``{fields}``.
"""

from __future__ import annotations

from newsdesk.words import N_, Face, Words, language_from_environment, words_for
from newsdesk.words.errors import describe
from newsdesk.words.states import problem

NBSP = "\u00a0"

#: The command line's language: French, or English when the locale asks for it.
cli_language = language_from_environment

#: Every line, French. ``{name}`` fields are filled by ``Messages.get``.
MESSAGES: dict[str, str] = {
    # Articles
    "untitled": N_("(sans titre)"),
    "no_articles": N_("Aucun article."),
    "no_hits": N_("Aucun résultat."),
    "show_header": N_("id : {id} · version {revision}"),
    "words": N_("{words} mots · {minutes} min de lecture"),
    "written": N_("Écrit : {path}"),
    "revision_line": N_("version {revision} · {saved} · {words} mots · {title}"),
    "restored": N_("Version {old} restaurée : c’est maintenant la version {new}."),
    "no_difference": N_("Aucune différence."),
    # An export that could not be written (the file is named before the line)
    "export_no_folder": N_(
        "Impossible d’écrire ce fichier : son dossier n’existe pas et ne peut pas être "
        "créé. Rien n’a été exporté."
    ),
    "export_denied": N_(
        "Impossible d’écrire ce fichier : accès refusé (choisissez un autre dossier avec "
        "-o). Rien n’a été exporté."
    ),
    "export_is_folder": N_(
        "C’est un dossier : donnez aussi le nom du fichier (-o DOSSIER/NOM). Rien n’a été exporté."
    ),
    "export_failed": N_("Impossible d’écrire ce fichier : {reason} Rien n’a été exporté."),
    # The trash
    "deleted": N_(
        "Mis à la corbeille : {id} · {title} (newsdesk undelete {short} pour le reprendre)"
    ),
    "undeleted": N_("Sorti de la corbeille : {id} · {title}"),
    "trash_empty": N_("La corbeille est vide."),
    # Sites
    "password_prompt": N_("Mot de passe d’application pour {user} : "),
    "empty_password": N_("aucun mot de passe donné"),
    "user_required": N_(
        "--user est requis pour un site WordPress (sur Ghost, --kind ghost s’en passe)"
    ),
    "key_prompt": N_("Clé d’API Admin du site Ghost (id:secret) pour {user} : "),
    "can_publish": N_("peut publier"),
    "review_only": N_("peut seulement soumettre pour relecture"),
    "site_added": N_("site « {name} » connecté : {who} ({rights})"),
    "site_removed": N_("site « {name} » oublié"),
    "password_set": N_("mot de passe enregistré pour « {name} » ; la file reprend"),
    "key_set": N_("clé d’API Admin enregistrée pour « {name} » ; la file reprend"),
    "no_sites": N_("aucun site connecté (newsdesk site add URL --user NOM)"),
    "needs_password_flag": N_("nouveau mot de passe requis"),
    "profile_set": N_("règles de publication de « {name} » enregistrées"),
    "bad_assignment": N_("« {text} » n’est pas de la forme RÈGLE=VALEUR"),
    # Publishing
    "inherited": N_("avertissement : {problem}, déjà sur le site ; la correction part quand même"),
    "site_spelling": N_("rubrique « {mine} » : celle du site, « {site} »"),
    "sent_now": N_("{count} action(s) en attente d’un nouvel essai : envoi maintenant"),
    "bad_date": N_("« {value} » n’est pas une date ISO 8601"),
    "merge_markers": N_(
        "fusion enregistrée avec des marques de conflit : corrigez l’article puis publiez"
    ),
    "resolved": N_("conflit réglé ({choice})"),
    # Checks
    "check.ready_to_publish": N_("Prêt à publier sur {site}."),
    "check.ready_for_review": N_(
        "Prêt pour la relecture sur {site} ; avant de le publier, complétez ce qui est marqué •."
    ),
    "check.not_ready": N_("Rien ne peut partir sur {site} avant de corriger ce qui est marqué ✗."),
    # The program
    "interrupted": N_("interrompu"),
    "unexpected": N_("erreur inattendue ({kind}) ; le détail est dans {log}"),
    "gui_unavailable": N_("impossible d’ouvrir la fenêtre : {detail}"),
}


class Messages:
    """The command line's words in one language: its own lines, and every error."""

    def __init__(self, language: str) -> None:
        self.words: Words = words_for(language)

    def get(self, name: str, /, **fields: object) -> str:
        return self.words._(MESSAGES[name], **fields)

    def error(self, error: BaseException) -> str:
        """An error in one sentence (``newsdesk.words.errors``)."""
        return describe(error, self.words, Face.CLI)

    def problem(self, code: str, detail: str = "") -> str:
        """A validation problem's or a checklist item's code in a few words."""
        return problem(code, self.words, detail)
