"""Names compared as people read them: case and accents folded. Declared once, here.

« Sénégal », « senegal » and « SÉNÉGAL » fold alike everywhere in newsdesk. Two uses
differ in one detail each, kept as they were when the two earlier copies (in
``storage/search.py`` and ``publishing/wordpress.py``) became these:

- :func:`fold`, for the store's tag keys, sorting and search: œ and æ are spelt out
  (oe, ae), the way French dictionaries sort them (Unicode keeps them distinct).
  Spaces are left as typed: the stored tag keys were made so.
- :func:`fold_term`, for matching a site's category and tag names (the worker's term
  cache, the publish checks, the WordPress client's lookup): runs of spaces become one
  and the ends are trimmed, as the site's get-or-create trims them; ligatures stay.
"""

from __future__ import annotations

import unicodedata


def _without_case_or_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def fold(text: str) -> str:
    """Case- and accent-folded form, for sorting and matching names.

    « Sénégal », « senegal » and « SÉNÉGAL » fold alike; œ stays distinct from
    oe in Unicode, so it is spelt out the way French dictionaries sort it.
    """
    return _without_case_or_accents(text).replace("œ", "oe").replace("æ", "ae")


def fold_term(name: str) -> str:
    """A term name without case, accents or doubled spaces, for comparing names."""
    return " ".join(_without_case_or_accents(name).split())
