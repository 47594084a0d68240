"""The window's words for errors, states and problems: ``newsdesk.words``, in the
window's language.

Every error and state is worded once, in ``newsdesk/words`` (gettext), for the window
and the command line alike; the window's own labels are Qt Linguist's (``tr()``).
The window's language is the one of its Qt translations (``window_words``).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from newsdesk.words import Face, Words, words_for
from newsdesk.words.errors import describe
from newsdesk.words.states import problem


def window_words() -> Words:
    """newsdesk's messages in the window's language: the one of the Qt translations
    installed (``app.install_translator``), so that both systems always agree."""
    language = QCoreApplication.translate(
        "messages", "fr", "the code of this translation's language: en, fr..."
    )
    return words_for(language)


def describe_error(error: BaseException) -> str:
    """One or two sentences for a dialog or the status bar; never a traceback."""
    return describe(error, window_words(), Face.WINDOW)


def describe_problem(code: str) -> str:
    """A short hint for the status bar, from a ``rules.Problem`` code."""
    return problem(code, window_words())
