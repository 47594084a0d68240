"""Files that could not become an article, and what of a file could not come across.

The reasons a Markdown or Word file is refused (``InvalidDocument.reason``), an image
is unusable, and the warnings of an import (``ImportWarning`` codes of
``formats.docx``), each in a sentence; ``errors.describe`` hands the document errors
here. Apart from ``errors`` because these are tables of their own, one per format.
"""

from __future__ import annotations

from newsdesk.core import errors

from . import N_, Face, Words

# --- Documents and images ------------------------------------------------------------


def describe_document(error: errors.InvalidDocument, w: Words, face: Face) -> str:
    details = dict(error.details)
    reason = error.reason
    if reason == "wrong_type":
        details["expected"] = _expected(str(details.get("expected", "text")), w)
    if reason == "too_large" and "values" in details:
        reason = "too_many_values"  # a YAML alias bomb, not a big file
        separator = "\u202f" if w.language == "fr" else ","
        details["values"] = f"{details['values']:,}".replace(",", separator)
    if reason == "invalid_yaml" and "line" not in details:
        reason = "invalid_yaml_nowhere"
    elif reason == "invalid_yaml" and "started_line" in details:
        reason = "invalid_yaml_started"
    template = _DOCUMENT_REASONS.get(reason)
    if template is not None:
        try:
            return w._(template, **details)
        except (KeyError, IndexError):
            pass  # a reason raised without its details: the generic sentence
    return w._("Document inutilisable : {detail}.", detail=error)


#: ``InvalidDocument.reason`` → its sentence (``{fields}`` from the error's details).
_DOCUMENT_REASONS = {
    "too_large": N_("Fichier trop gros ({size} octets ; la limite est de 5 Mio)."),
    "too_many_values": N_(
        "L’en-tête YAML contient plus de {values} valeurs (des alias qui se démultiplient) : "
        "ce n’est pas l’en-tête d’un article."
    ),
    "invalid_utf8": N_("Texte illisible : UTF-8 invalide à l’octet {byte} (ligne {line})."),
    "invalid_yaml": N_("En-tête YAML invalide, ligne {line}, colonne {column}."),
    "invalid_yaml_started": N_(
        "En-tête YAML invalide, ligne {line}, colonne {column} "
        "(dans ce qui commence à la ligne {started_line})."
    ),
    "invalid_yaml_nowhere": N_("En-tête YAML invalide."),
    "unclosed_front_matter": N_(
        "L’en-tête YAML ouvert par « --- » à la ligne 1 n’est jamais fermé."
    ),
    "not_a_mapping": N_("L’en-tête YAML doit être une suite de lignes « clé : valeur »."),
    "wrong_type": N_("« {key} » doit être {expected}."),
    "invalid_date": N_(
        "« {key} » n’est pas une date ISO 8601 (par exemple 2023-02-05T18:00:00+01:00)."
    ),
    "unknown_value": N_("Valeur inconnue pour « {key} » (valeurs possibles : {allowed})."),
    "unknown_key": N_("Clé inconnue « {key} » (attendu : path, caption, credit, alt)."),
    # Word files (newsdesk.formats.docx).
    "docx_too_large": N_(
        "Fichier Word trop gros ({size} Mio ; la limite est de {limit} Mio) : allégez ses "
        "images dans Word, puis recommencez."
    ),
    "docx_is_doc": N_(
        "C’est un ancien fichier Word (.doc) : ouvrez-le dans Word ou LibreOffice, "
        "enregistrez-le au format .docx, puis importez ce fichier."
    ),
    "docx_encrypted": N_(
        "Ce fichier Word est protégé par un mot de passe : retirez la protection dans Word, "
        "enregistrez-le, puis recommencez."
    ),
    "docx_not_word": N_("Ce fichier n’est pas un document Word (.docx)."),
    "docx_damaged": N_(
        "Ce fichier Word est endommagé : ouvrez-le dans Word ou LibreOffice, qui savent "
        "souvent le réparer, enregistrez-le de nouveau, puis recommencez."
    ),
    "docx_empty": N_("Ce fichier Word ne contient aucun texte."),
    "odt_unsupported": N_(
        "Les fichiers OpenDocument (.odt) ne s’importent pas encore : dans LibreOffice, "
        "enregistrez celui-ci au format Word (.docx) (Fichier ▸ Enregistrer sous…), puis "
        "importez-le."
    ),
}

#: What a front matter value should have been (``interchange.EXPECTED`` codes).
_EXPECTED = {
    "text": N_("du texte"),
    "list": N_("une liste"),
    "date": N_("une date ISO 8601"),
    "image": N_("un ensemble path, caption, credit, alt"),
    "finite_number": N_("un nombre fini"),
    "text_key": N_("une clé en texte"),
    "plain_value": N_("du texte, un nombre, une liste ou un ensemble de clés"),
}


def _expected(code: str, w: Words) -> str:
    return w._(_EXPECTED[code]) if code in _EXPECTED else code


def describe_image(error: errors.InvalidImage, w: Words, face: Face) -> str:
    template = _IMAGE_REASONS.get(error.reason)
    if template is not None and "name" in error.details:
        details = dict(error.details)
        details["name"] = w.quoted(details["name"])
        try:
            return w._(template, **details) + " " + w._("Rien n’a été modifié.")
        except (KeyError, IndexError):
            pass  # a reason raised without its details: the sentence with the detail
    detail = str(error)
    if detail:
        return w._(
            "Ce fichier n’est pas une image utilisable (JPEG, PNG, WebP ou GIF) : {detail}. "
            "Rien n’a été modifié.",
            detail=detail,
        )
    return w._(
        "Ce fichier n’est pas une image utilisable (JPEG, PNG, WebP ou GIF). Rien n’a été modifié."
    )


#: ``InvalidImage.reason`` → its sentence, for an image imported into the store.
_IMAGE_REASONS = {
    "empty": N_("{name} est un fichier vide : ce n’est pas une image."),
    "too_big": N_(
        "{name} pèse {size} Mo, plus que les {limit} Mo acceptés : "
        "réduisez la photo, puis recommencez."
    ),
    "unsupported": N_(
        "{name} est une image {kind}, un format que le site ne montre pas : "
        "enregistrez-la en JPEG ou en PNG, puis recommencez."
    ),
    "not_an_image": N_(
        "{name} n’est pas une image utilisable (JPEG, PNG, WebP ou GIF), quel que soit son nom."
    ),
    "too_many_pixels": N_(
        "{name} annonce bien plus de pixels qu’une photo (une « bombe de "
        "décompression ») : elle n’est pas ouverte."
    ),
    "damaged": N_(
        "{name} est endommagée ou incomplète (une copie interrompue ?) : "
        "copiez-la de nouveau depuis l’appareil, puis recommencez."
    ),
}


def describe_unsafe_media(error: errors.UnsafeMediaPath, w: Words, face: Face) -> str:
    return w._("Chemin d’image refusé : il sort du dossier des images ({path}).", path=error.path)


# --- What an import could not bring across ----------------------------------------------


def import_warning(code: str, count: int, words: Words) -> str:
    """What of a Word file did not come across as it was (a code of
    ``newsdesk.formats.docx.WARNING_CODES``), in one sentence."""
    one, many = _IMPORT_WARNINGS.get(code, _IMPORT_WARNINGS["other"])
    return words._(one if count == 1 else many, count=count)


#: ``ImportWarning.code`` → its sentence for one, and for ``{count}`` of them.
_IMPORT_WARNINGS = {
    "equation": (
        N_("Une équation n’a pas pu être reprise : recopiez-la à la main."),
        N_("{count} équations n’ont pas pu être reprises : recopiez-les à la main."),
    ),
    "embedded_object": (
        N_("Un objet incorporé (feuille de calcul, vidéo…) n’a pas été repris."),
        N_("{count} objets incorporés (feuilles de calcul, vidéos…) n’ont pas été repris."),
    ),
    "chart": (
        N_("Un graphique n’a pas été repris : ajoutez-le comme image."),
        N_("{count} graphiques n’ont pas été repris : ajoutez-les comme images."),
    ),
    "diagram": (
        N_("Un diagramme SmartArt n’a pas été repris."),
        N_("{count} diagrammes SmartArt n’ont pas été repris."),
    ),
    "table_merged": (
        N_("Un tableau avait des cellules fusionnées : il a été simplifié, vérifiez-le."),
        N_(
            "{count} tableaux avaient des cellules fusionnées : ils ont été simplifiés, "
            "vérifiez-les."
        ),
    ),
    "image_missing": (
        N_("Une image liée, absente du fichier, n’a pas été reprise."),
        N_("{count} images liées, absentes du fichier, n’ont pas été reprises."),
    ),
    "image_unusable": (
        N_(
            "Une image n’a pas été reprise : elle n’est pas en JPEG, PNG, WebP ou GIF, "
            "ou elle est endommagée."
        ),
        N_(
            "{count} images n’ont pas été reprises : elles ne sont pas en JPEG, PNG, WebP "
            "ou GIF, ou elles sont endommagées."
        ),
    ),
    "other": (
        N_("Un élément du fichier n’a pas été repris."),
        N_("{count} éléments du fichier n’ont pas été repris."),
    ),
    "tracked_changes": (
        N_("Une modification suivie a été acceptée : le texte est celui du document révisé."),
        N_(
            "{count} modifications suivies ont été acceptées : le texte est celui du "
            "document révisé."
        ),
    ),
    "comments": (
        N_("Le commentaire du fichier n’est pas dans le texte."),
        N_("Les {count} commentaires du fichier ne sont pas dans le texte."),
    ),
    "hidden_text": (
        N_("Un passage en texte masqué n’a pas été repris, comme Word le cache."),
        N_("{count} passages en texte masqué n’ont pas été repris, comme Word les cache."),
    ),
}
