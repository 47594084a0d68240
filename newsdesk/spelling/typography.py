"""French typography in the reporter's Markdown, as suggestions to accept one by one.

The site applies the same rules to the rendered page anyway
(:mod:`newsdesk.render.typography`, whose regexes and decisions are reused here); this
pass puts them in the source text, so the Markdown, the exports and the site agree.
Each :class:`Fix` says where (``start``/``end`` in the text), what to put there and
which rule found it:

- ``no-break-space``: U+00A0 before ``:``, U+202F before ``; ! ?``, U+00A0 inside « »
  (never in ``10:30``, a URL or ``page?id=2``);
- ``guillemets``: straight double quotes become « », spaces inside included;
- ``apostrophe`` (' → ’), ``ellipsis`` (``...`` → …), ``double-space`` (two or more
  spaces between words → one; never a line's indentation or a hard break's spaces);
- ``unit``: a no-break space between a number and its unit or currency (``10 km``,
  ``5 FCFA``); ``thousands``: a sum or a measure grouped by thousands with U+202F
  (``5 000 FCFA``). A number alone (a year, a time, ``G5``, a law's number) is left;
- ``ligature`` (``coeur`` → ``cœur``) and ``capital-accent`` (``Etat`` → ``État``,
  ``A partir`` → ``À partir``) ask the dictionary (``known``): the œ or accented form
  must be a word and the typed one not. Without a dictionary they are skipped.

Never touched, as the spell checker never looks there (:mod:`.tokenizer`): Markdown
syntax, inline and fenced code, indented code, URLs, e-mail addresses, shortcodes,
HTML. Applying every fix and looking again finds nothing (the rules only look at a
character's neighbours, and overlapping fixes keep the first rule's, which also
settles the other's question).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

# The rendered page's rules, applied here to the source text: one knowledge, two uses.
from newsdesk.render.typography import (
    CLOSE_GUILLEMET,
    HIGH_PUNCT,
    NBSP,
    NNBSP,
    OPEN_GUILLEMET,
    OPENING_CONTEXT,
    URL,
    close_guillemet,
    high_punct,
)
from newsdesk.spelling.tokenizer import (
    FENCE_LINE,
    INDENTED_CODE,
    SKIPPED,
    Word,
    fence_after,
    normalized,
    parts,
    words,
)

__all__ = ["NBSP", "NNBSP", "RULES", "Fix", "Known", "apply", "line_fixes", "suggestions"]

#: Whether a word is in the French dictionary (the spelling process's lookup).
Known = Callable[[str], bool]

RULES = (
    "no-break-space",
    "guillemets",
    "apostrophe",
    "ellipsis",
    "double-space",
    "unit",
    "thousands",
    "ligature",
    "capital-accent",
)


@dataclass(frozen=True, slots=True)
class Fix:
    """Replace ``text[start:end]`` by ``replacement`` (positions in Python characters)."""

    start: int
    end: int
    replacement: str
    rule: str


# An image's « ! » is Markdown, not an exclamation.
_IMAGE = re.compile(r"!(?=\[)")
_EMPHASIS = "*_~"
_WEB = ("http://", "https://", "ftp://", "www.")
_ELLIPSIS = re.compile(r"(?<!\.)\.\.\.(?!\.)")
_DOUBLE_SPACE = re.compile(r"(?<=[^\s|]) {2,}(?=[^\s|])")
_UNITS = (
    r"km/h|km²|km|m²|m³|cm|mm|m|kg|ha|kWh|kW|MW|GW|°C|%|F\u00a0CFA|F CFA|FCFA|CFA|XOF|EUR|USD"
    r"|€|\$|euros?|dollars?|francs CFA|francs|tonnes?|hectares?|kilomètres?|mètres?|litres?"
    r"|kilos?|kilogrammes?"
)
_AMOUNT = re.compile(
    r"(?<![\w.,/°\-−])(\d{1,3}(?:[ \u00a0\u202f]\d{3})+|\d+)(,\d+)?([ \u00a0\u202f]*)"
    rf"(?:{_UNITS})(?![\w²³])"
)
_ACCENTED_CAPITALS = {"A": "ÀÂ", "E": "ÉÈÊ", "I": "ÎÏ", "O": "Ô", "U": "ÙÛ", "C": "Ç"}
# « A » opening a sentence before a lower-case word is « À » (« A partir de lundi »),
# but the Latin « a priori » keeps its « a ».
_SENTENCE_A = re.compile(
    r"(?:^|(?<=[.!?…«\"]\s)|(?<=[.!?…]\s\s)|(?<=^[-*+>#]\s)|(?<=\d\.\s)|(?<=[«\"]))"
    r"A(?= [a-zàâçéèêëîïôûùü])(?! (?:priori|posteriori|fortiori|minima|maxima|contrario)\b)"
)


def suggestions(text: str, known: Known | None = None) -> list[Fix]:
    """The typography fixes of a Markdown body, in order, none overlapping another."""
    found: list[Fix] = []
    offset = 0
    inside_fence = False
    for line in text.split("\n"):
        code = (
            inside_fence
            or bool(FENCE_LINE.match(line))
            or bool(INDENTED_CODE.match(line) and line.strip())
        )
        if not code and not line.lstrip().startswith("<"):
            found += [
                Fix(f.start + offset, f.end + offset, f.replacement, f.rule)
                for f in line_fixes(line, known)
            ]
        inside_fence = fence_after(line, inside_fence)
        offset += len(line) + 1
    return found


def apply(text: str, fixes: Iterable[Fix]) -> str:
    """``text`` with ``fixes`` (not overlapping) made."""
    out: list[str] = []
    position = 0
    for fix in sorted(fixes, key=lambda f: f.start):
        out.append(text[position : fix.start])
        out.append(fix.replacement)
        position = fix.end
    out.append(text[position:])
    return "".join(out)


def line_fixes(line: str, known: Known | None = None) -> list[Fix]:
    """The fixes of one line of prose (not code: :func:`suggestions` tells)."""
    masked = _masked_spans(line)
    view = _view(line, masked)
    candidates: list[Fix] = []
    candidates += _guillemet_fixes(line, view)
    candidates += _punctuation_fixes(line, view)
    candidates += _amount_fixes(line, view)
    candidates += [Fix(m.start(), m.end(), "…", "ellipsis") for m in _ELLIPSIS.finditer(view)]
    candidates += [Fix(i, i + 1, "’", "apostrophe") for i, ch in enumerate(view) if ch == "'"]
    candidates += [
        Fix(m.start(), m.end(), " ", "double-space") for m in _DOUBLE_SPACE.finditer(view)
    ]
    if known is not None:
        candidates += _word_fixes(line, known)
    kept: list[Fix] = []
    taken: list[tuple[int, int]] = list(masked)
    for fix in candidates:
        if any(fix.start < end and start < fix.end for start, end in taken):
            continue
        taken.append((fix.start, fix.end))
        kept.append(fix)
    return sorted(kept, key=lambda f: f.start)


# -- what is never touched -------------------------------------------------------------


def _masked_spans(line: str) -> list[tuple[int, int]]:
    """Code, URLs, e-mail addresses, shortcodes, HTML, a link's target, an image's « ! »."""
    spans: list[tuple[int, int]] = []
    for match in SKIPPED.finditer(line):
        start, end = match.span()
        if end <= start:
            continue
        # The tokenizer's URL runs on over a closing quote; the site's stops before it.
        url = URL.match(line, start) if line.startswith(_WEB, start) else None
        if url is not None and url.end() < end:
            end = url.end()
        spans.append((start, end))
    spans += [m.span() for m in URL.finditer(line)]
    spans += [m.span() for m in _IMAGE.finditer(line)]
    return spans


def _view(line: str, masked: list[tuple[int, int]]) -> str:
    """The line as the rules read it, of the same length: what is never touched reads as
    a word (``x``, as the site's rules read a code span), and straight double quotes as
    the guillemets they will be."""
    chars = list(line)
    for start, end in masked:
        chars[start:end] = "x" * (end - start)
    before = ""
    for i, ch in enumerate(chars):
        if ch == '"':
            chars[i] = "«" if before == "" or before in OPENING_CONTEXT else "»"
        if ch not in _EMPHASIS:  # « **"Oui"** » opens its quote: emphasis is see-through
            before = chars[i]
    return "".join(chars)


# -- the rules -------------------------------------------------------------------------


def _guillemet_fixes(line: str, view: str) -> list[Fix]:
    fixes: list[Fix] = []
    for match in OPEN_GUILLEMET.finditer(view):
        if match.end() == len(view):
            continue  # « at a line's end: its word is on the next line
        fixes.append(_fix(line, match.start(), match.end(), "«" + NBSP))
    for match in CLOSE_GUILLEMET.finditer(view):
        fixes.append(_fix(line, match.start(), match.end(), close_guillemet(match, view, "")))
    fixes = [f for f in fixes if f.replacement != line[f.start : f.end]]
    covered = {i for f in fixes for i in range(f.start, f.end)}
    for i, ch in enumerate(line):
        if ch == '"' and view[i] != ch and i not in covered:
            fixes.append(Fix(i, i + 1, view[i], "guillemets"))
    return fixes


def _fix(line: str, start: int, end: int, replacement: str) -> Fix:
    rule = "guillemets" if '"' in line[start:end] else "no-break-space"
    return Fix(start, end, replacement, rule)


def _punctuation_fixes(line: str, view: str) -> list[Fix]:
    fixes: list[Fix] = []
    for match in HIGH_PUNCT.finditer(view):
        replacement = high_punct(match, view, "")
        if replacement != line[match.start() : match.end()]:
            fixes.append(Fix(match.start(), match.end(), replacement, "no-break-space"))
    return fixes


def _amount_fixes(line: str, view: str) -> list[Fix]:
    fixes: list[Fix] = []
    for match in _AMOUNT.finditer(view):
        digits = re.sub(r"\D", "", match.group(1))
        grouped = _grouped(digits) if len(digits) >= 4 else match.group(1)
        replacement = grouped + (match.group(2) or "") + NBSP
        start, end = match.start(), match.end(3)
        if replacement != line[start:end]:
            rule = "thousands" if grouped != match.group(1) else "unit"
            fixes.append(Fix(start, end, replacement, rule))
    return fixes


def _grouped(digits: str) -> str:
    head = len(digits) % 3 or 3
    groups = [digits[:head]] + [digits[i : i + 3] for i in range(head, len(digits), 3)]
    return NNBSP.join(groups)


def _word_fixes(line: str, known: Known) -> list[Fix]:
    fixes: list[Fix] = []
    for word in words(line):
        fix = _word_fix(word, known)
        if fix is not None:
            fixes.append(fix)
            continue
        pieces = parts(word, "fr")  # « l’oeuvre » → « oeuvre », « Etats-Unis » → its parts
        if pieces != [word]:
            fixes += [f for f in (_word_fix(p, known) for p in pieces) if f is not None]
    for match in _SENTENCE_A.finditer(line):
        fixes.append(Fix(match.start(), match.end(), "À", "capital-accent"))
    return fixes


def _word_fix(word: Word, known: Known) -> Fix | None:
    text = word.text
    if len(text) < 2:
        return None

    def lookup(form: str) -> bool:
        return bool(known(normalized(form, "fr")))

    if "oe" in text.lower():
        ligature = text.replace("oe", "œ").replace("Oe", "Œ").replace("OE", "Œ")
        if ligature != text and lookup(ligature) and not lookup(text):
            first = text.lower().index("oe")
            last = text.lower().rindex("oe") + 2
            changed = ligature[first : len(ligature) - (len(text) - last)]
            return Fix(word.start + first, word.start + last, changed, "ligature")
    accents = _ACCENTED_CAPITALS.get(text[0], "")
    if accents and text[1:].islower():
        rest = text[1:]
        if lookup(text) or lookup(text.lower()):
            return None
        found = [a for a in accents if lookup(a.lower() + rest)]
        if len(found) == 1:
            return Fix(word.start, word.start + 1, found[0], "capital-accent")
    return None
