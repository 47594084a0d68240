"""Which language a post pulled from the site is written in.

French typography must never be applied to an English post. Two witnesses, in order:

1. the text itself, through ``langdetect`` (a port of Google's language-detection
   library, with its profiles shipped in the package: offline), when it is sure;
2. the language the site declares for itself (``<html lang="fr-FR">`` on its home
   page, which anyone may read; the REST index does not say it);

and French, the newsroom's language, when neither knows. The reporter can change it in
the article's form: this is only the first guess.
"""

from __future__ import annotations

import re
import threading

from newsdesk.core.article import Language

#: How sure the detector must be for the text to overrule the site's declaration.
CONFIDENT = 0.90
#: Below this many letters, a text says too little about its language.
_MIN_LETTERS = 40
_HTML_LANG = re.compile(r"<html\b[^>]*?\blang\s*=\s*[\"']?([A-Za-z]{2,3})", re.IGNORECASE)
_TAGS = re.compile(r"<[^>]+>|\[[^\]]*\]|https?://\S+")
_lock = threading.Lock()


def declared_language(home_page_html: str) -> Language | None:
    """The language a page declares on its ``<html>`` element, if newsdesk knows it."""
    found = _HTML_LANG.search(home_page_html[:20000])
    if found is None:
        return None
    code = found.group(1).lower()
    return next((lang for lang in Language if lang.value == code), None)


def detected_language(text: str) -> tuple[Language, float] | None:
    """French or English, and how sure, from the words of ``text`` (markup, shortcodes
    and URLs left out); None when the text is too short or is neither."""
    words = _TAGS.sub(" ", text)
    if sum(c.isalpha() for c in words) < _MIN_LETTERS:
        return None
    from langdetect import DetectorFactory, detect_langs
    from langdetect.lang_detect_exception import LangDetectException

    with _lock:  # the factory is shared and seeded: the same text, the same answer
        DetectorFactory.seed = 0
        try:
            guesses = detect_langs(words)
        except LangDetectException:
            return None
    by_code = {guess.lang: guess.prob for guess in guesses}
    best = max((Language.FR, Language.EN), key=lambda lang: by_code.get(lang.value, 0.0))
    probability = by_code.get(best.value, 0.0)
    return (best, probability) if probability > 0 else None


def post_language(text: str, declared: Language | None) -> Language:
    """The language to give a pulled post (see the module's docstring)."""
    detected = detected_language(text)
    if detected is not None and detected[1] >= CONFIDENT:
        return detected[0]
    return declared or Language.FR
