"""Turning what a reporter types into a safe FTS5 query, and snippets into spans.

Nothing the reporter types is ever handed to FTS5 as syntax: the query is cut
into words here, each word is quoted, and the last one becomes a prefix so the
list narrows while typing. A quote, ``-``, ``NEAR``, ``*`` or ``:`` is just
text, never an error.
"""

from __future__ import annotations

import re
import unicodedata

# Declared in the core; still importable from here (the window imports it so).
from newsdesk.core.folding import fold as fold

#: Marks put around matched words by FTS5 ``snippet()``. Private-use code
#: points: they cannot come from a keyboard, so they cannot be confused with text.
MATCH_START = "\ue000"
MATCH_END = "\ue001"
ELLIPSIS = "…"

#: A word as the FTS5 ``unicode61`` tokenizer sees it: letters and digits.
#: (Python's ``\w`` also takes ``_``, which unicode61 treats as a separator.)
_TERM = re.compile(r"[^\W_]+")
#: Long pastes into the search field would only slow the query down.
MAX_TERMS = 16

#: Markdown punctuation that would look like noise in a one-line snippet.
_NOISE = frozenset("#*`>|")


#: Words in nearly every French article. Searching them ranks the whole
#: collection for nothing, so they are left out when the query has others.
STOPWORDS = frozenset((
    "le", "la", "les", "un", "une", "des", "du", "de", "et", "en", "au", "aux", "ou",
    "ce", "ces", "se", "sa", "son", "ses", "sur", "pour", "par", "dans", "que", "qui",
    "ne", "pas", "est", "il", "elle", "on", "nous", "vous", "ils", "elles", "leur",
    "leurs", "lui", "avec", "the", "of", "and", "to", "in", "is",
))  # fmt: skip


def query_terms(query: str) -> list[str]:
    """The words of a query that are worth searching for.

    One-letter words (the l’, d’, à, a of French) match every article and
    narrow nothing: they are dropped, and a query made only of them is no
    query. Stop words go too, unless the query has nothing else.
    """
    terms = [t for t in _TERM.findall(unicodedata.normalize("NFC", query)) if len(t) > 1]
    meaningful = [t for t in terms if fold(t) not in STOPWORDS]
    return (meaningful or terms)[:MAX_TERMS]


#: Text between straight or French quotes: « words in this order ».
_PHRASE = re.compile(r'"([^"]*)"|«([^»]*)»')
#: A phrase longer than this is a paste, not a search; its start is enough.
MAX_PHRASE_TERMS = 12


def _phrases(query: str) -> tuple[list[list[str]], str]:
    """Quoted phrases (their words, in order) and the query without them.

    Inside a phrase every word counts, one-letter and stop words included, so
    that « la Fédération de Russie » matches those words side by side.
    """
    phrases: list[list[str]] = []
    for match in _PHRASE.finditer(query):
        words = _TERM.findall(unicodedata.normalize("NFC", match.group(1) or match.group(2) or ""))
        if len(words) > 1:
            phrases.append(words[:MAX_PHRASE_TERMS])
        elif words and len(words[0]) > 1:
            phrases.append(words)
    return phrases, _PHRASE.sub(" ", query)


def match_expression(query: str, *, prefix: bool = True) -> str | None:
    """The FTS5 MATCH expression for a typed query, or None when it has no words.

    Every term is a quoted string (FTS5 syntax inside it is inert); the last
    one ends with ``*`` (unless ``prefix`` is False) so ``tillab`` already finds
    « Tillabéri ». Words in quotes (straight or « ») must appear side by side,
    in that order.
    """
    phrases, rest = _phrases(query)
    terms = query_terms(rest) if phrases else query_terms(query)
    if phrases:
        # Stop words beside a phrase narrow nothing the phrase does not.
        terms = [t for t in terms if fold(t) not in STOPWORDS]
    if not terms and not phrases:
        return None
    parts = ['"' + " ".join(words) + '"' for words in phrases[:MAX_TERMS]]
    quoted = [f'"{term}"' for term in terms]
    if prefix and quoted and fold(terms[-1]) not in STOPWORDS:
        quoted[-1] += "*"
    return " ".join(parts + quoted)


#: A Markdown link or image: only its text is for reading.
_LINK = re.compile(r"!?\[([^\]\n]*)\]\([^)\n]*\)")


#: What ``parse_snippet`` walks: a match mark, a run of spaces, or a run of anything else.
_SNIPPET_PIECE = re.compile(f"[{MATCH_START}{MATCH_END}]|\\s+|[^\\s{MATCH_START}{MATCH_END}]+")
_DROP_NOISE = str.maketrans("", "", "".join(_NOISE))


def parse_snippet(marked: str) -> tuple[str, list[tuple[int, int]]]:
    """Plain one-line text and the (start, end) spans of the matched words in it.

    Spaces are folded into one, the Markdown noise dropped, and the marks become
    spans. It walks runs of characters rather than characters (a search's 50 snippets
    took 17 ms one character at a time at 100,000 articles).
    """
    marked = _LINK.sub(r"\1", marked).translate(_DROP_NOISE)
    out: list[str] = []
    spans: list[tuple[int, int]] = []
    length = 0
    start: int | None = None
    pending_space = False
    for piece in _SNIPPET_PIECE.findall(marked):
        if piece == MATCH_START:
            if pending_space and length:
                out.append(" ")
                length += 1
            pending_space = False
            start = length
        elif piece == MATCH_END:
            if start is not None and length > start:
                spans.append((start, length))
            start = None
        elif piece[0].isspace():
            pending_space = True
        else:
            if pending_space and length:
                out.append(" ")
                length += 1
            pending_space = False
            out.append(piece)
            length += len(piece)
    return "".join(out), spans


def plain_excerpt(text: str, limit: int = 200) -> str:
    """The start of a text as one plain line, cut on a word, for hits without a match."""
    line, _ = parse_snippet(text.replace(MATCH_START, "").replace(MATCH_END, ""))
    if len(line) <= limit:
        return line
    cut = line.rfind(" ", 0, limit)
    return line[: cut if cut > 0 else limit] + ELLIPSIS


def is_broad(query: str) -> bool:
    """True when ranking the matches would cost much and tell nothing.

    Only stop words (« de », « les »), or a single word of two letters typed
    so far (``co*``): nearly every article matches, bm25 would score them all
    (25-45 ms at 10,000 articles) to order noise. Such queries list the
    matches newest first instead, which FTS5 does without scoring.
    """
    if _phrases(query)[0]:
        return False
    terms = query_terms(query)
    if not terms:
        return False
    if all(fold(term) in STOPWORDS for term in terms):
        return True
    return len(terms) == 1 and len(terms[0]) <= 2
