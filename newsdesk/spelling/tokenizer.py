"""The words of a line of Markdown that a spell checker should look at.

Never checked: Markdown syntax (a link's target, an image's path, reference
definitions), inline code and fenced code, URLs and e-mail addresses, HTML tags and
entities, WordPress shortcodes, words with digits (« G5 », « 2023 »), @handles and
#hashtags. A word keeps its inner hyphens and apostrophes, straight or curly
(« aujourd’hui », « peut-être », « don't »); :func:`parts` then splits an elided
form (« l’autorité », « qu’il ») or a hyphenated one when the whole is not a word.

Line by line, as the editor highlights: a fenced code block spans lines, so
:func:`fence_after` tells whether the next line is still inside one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

APOSTROPHES = "'’"

# What is skipped whole, in the order tried at each position.
SKIPPED = re.compile(
    r"""
      `+[^`]*`+                                   # inline code
    | \]\([^)\s]*(?:\s+"[^"]*")?\)                # a link's or an image's target
    | ^\s{0,3}\[[^\]]+\]:\s*\S+.*$                 # a reference definition
    | (?:https?|ftp)://[^\s<>()\[\]]+              # URLs
    | (?:www\.)[^\s<>()\[\]]+
    | [\w.+-]+@[\w-]+(?:\.[\w-]+)+                 # e-mail addresses
    | \b[\w-]+(?:\.[\w-]+)*\.(?:com|org|net|info|fr|ne|ml|bf|sn|ci|tg|bj|td|io|eu)\b(?:/\S*)?
    | <!--.*?(?:-->|$)                             # HTML comments (block markers)
    | </?[A-Za-z][^>]*>?                           # HTML tags
    | &\#?\w+;                                     # entities
    | \[/?[a-z][a-z0-9_-]*(?:\s[^\]]*=[^\]]*)?/?\](?!\()  # shortcodes
    | [@\#][\w-]+                                  # handles and hashtags
    """,
    re.VERBOSE | re.IGNORECASE,
)
# Letters, digits and inner apostrophes or hyphens; a word with a digit is then skipped.
_ALNUM = r"[^\W_]"
_WORD = re.compile(rf"{_ALNUM}+(?:[{APOSTROPHES}\-]{_ALNUM}+)*[{APOSTROPHES}]?")
FENCE_LINE = re.compile(r"^\s{0,3}(`{3,}|~{3,})")
INDENTED_CODE = re.compile(r"^(?: {4}|\t)")

# French elided words: what may stand before an apostrophe.
_ELIDED_WORDS = "l d j m n s t c qu jusqu lorsqu puisqu quoiqu presqu quelqu entr prud"
ELIDED = frozenset(_ELIDED_WORDS.split(" "))


@dataclass(frozen=True, slots=True)
class Word:
    start: int
    end: int
    text: str


def words(line: str) -> list[Word]:
    """The checkable words of one line (not inside a fenced block: see fence_after)."""
    if FENCE_LINE.match(line) or (INDENTED_CODE.match(line) and line.strip()):
        return []
    found: list[Word] = []
    position = 0
    skipped = [(m.start(), m.end()) for m in SKIPPED.finditer(line) if m.end() > m.start()]
    for start, end in [*skipped, (len(line), len(line))]:
        if start < position:
            continue
        for match in _WORD.finditer(line, position, start):
            text = match.group()
            if any(ch.isdigit() or ch == "_" for ch in text):
                continue
            if text[-1] in APOSTROPHES:
                # « l’ » at a line's end, or an English closing quote: the letters only.
                text = text[:-1]
                if not text:
                    continue
            found.append(Word(match.start(), match.start() + len(text), text))
        position = max(position, end)
    return found


def fence_after(line: str, inside: bool) -> bool:
    """Whether the line after ``line`` is inside a fenced code block."""
    return not inside if FENCE_LINE.match(line) else inside


def normalized(word: str, language: str) -> str:
    """The form to look up: the curly apostrophe for French, the straight one for English,
    as each language's dictionary spells them."""
    if language == "fr":
        return word.replace("'", "’")
    return word.replace("’", "'")


def parts(word: Word, language: str) -> list[Word]:
    """The pieces to check when ``word`` as a whole is not in the dictionary: the word
    after a French elision (« l’autorité » → « autorité »), the parts of a hyphenated word,
    an English word without its possessive « 's »."""
    text = word.text
    for mark in APOSTROPHES:
        head, sep, tail = text.partition(mark)
        if not sep or not tail:
            continue
        if language == "fr" and head.lower() in ELIDED:
            rest = Word(word.start + len(head) + 1, word.end, tail)
            return (
                parts(rest, language)
                if "-" in tail or any(a in tail for a in APOSTROPHES)
                else [rest]
            )
        if language != "fr" and tail.lower() == "s":
            return [Word(word.start, word.start + len(head), head)]
    if "-" in text:
        pieces: list[Word] = []
        offset = word.start
        for piece in text.split("-"):
            if piece:
                pieces.append(Word(offset, offset + len(piece), piece))
            offset += len(piece) + 1
        return pieces
    return [word]
