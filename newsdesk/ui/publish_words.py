"""Where an article stands on the site, and why nothing was sent, in the reporter's words.

The outbox and the worker speak in codes (``DisplayState``, error codes, validation
problems); ``newsdesk.words.states`` words them for both faces, and this gives the
window its sentences, in its language, and the library's glyphs.
"""

from __future__ import annotations

from typing import Any

from newsdesk.core import errors
from newsdesk.ui.messages import describe_error, window_words
from newsdesk.words import Face, states
from newsdesk.words.errors import checklist_sentence


def problem_sentence(code: str) -> str:
    """A validation problem that blocks publishing, as a sentence saying what to fix."""
    return states.problem_sentence(code, window_words())


def refusal_text(error: BaseException) -> str:
    """Why nothing was queued, and what to do about it."""
    if isinstance(error, errors.NotPublishable):
        sentences = [problem_sentence(code) for _field, code in error.problems]
        if error.checklist:
            sentences.append(checklist_sentence(error.checklist, window_words()))
        return " ".join(sentences)
    return describe_error(error)


def failure_reason(code: str | None, message: str | None) -> str:
    """The reason a sending failed, in words, from the outbox's error code."""
    return states.failure_reason(code, message, window_words())


def outcome(state: Any) -> tuple[str, str | None]:
    """(sentence, live URL or None) for an article's state on one site (``SiteState``)."""
    name = state.state
    if name not in _GLYPHS:
        return "", None
    text = states.state_sentence(
        name,
        window_words(),
        Face.WINDOW,
        site=state.site,
        kind=state.site_kind,
        next_attempt_at=state.next_attempt_at,
        error_code=state.error_code,
        error_message=state.error_message,
    )
    return text, state.link if name in _LINKED else None


#: States whose sentence comes with the post's address on the site.
_LINKED = frozenset({"changed_locally", "on_site", "scheduled", "pending_review", "draft_on_site"})

#: The library's glyph for an article in each state on the site.
_GLYPHS = {
    "queued": "↻",
    "sending": "↑",
    "waiting_network": "↻",
    "on_site": "✓",
    "changed_locally": "✎",
    "scheduled": "◷",
    "pending_review": "◐",
    "draft_on_site": "◌",
    "failed": "✗",
    "needs_password": "⚠",
    "conflict": "⇄",
}


def remote_mark(state: str, kind: str = "") -> tuple[str, str] | None:
    """(glyph, words) for the library's line of an article in ``state`` on the site (of
    ``kind``: a Ghost site's key is worded as a key)."""
    glyph = _GLYPHS.get(state)
    if glyph is None:
        return None
    return glyph, states.state_words(state, window_words(), kind=kind)


__all__ = ["failure_reason", "outcome", "problem_sentence", "refusal_text", "remote_mark"]
