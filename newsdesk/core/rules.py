"""The article's rules: slug, word count, reading time, validation. Pure functions.

Decisions a newcomer would otherwise have to rediscover:

* **Words** are what a reader sees on the page: Markdown syntax, link and image
  targets, image alt texts and raw HTML tags are not words. A word is a run of
  letters or digits, possibly joined by an apostrophe, a hyphen, a dot or a comma
  with letters or digits on both sides, so « l’Afrique », « Guinée-Bissau »,
  « A.Y. » and « 3,5 » each count as one word, as the desk counts them.
  Punctuation on its own (« », —, :) is not a word.
* **Severity.** ``validate`` returns errors and warnings. Errors block publishing;
  with ``for_publishing=False`` (a draft being written) the missing required
  fields are only warnings, since a draft is allowed to be unfinished, while a
  malformed slug or a naive date stays an error: they are wrong, not unfinished.
* **Naive dates** (a date without a UTC offset) are kept as written by the
  interchange format and the store; newsdesk never guesses a zone for them,
  because in Niamey (UTC+1) a guess of UTC would publish an hour off. They are
  flagged ``naive_date`` so the reporter fixes them before publishing.
* **Time zones** typed by people (a setting, ``--zone``, the window's zone field)
  go through :func:`parse_zone`, the one reader: an IANA name (``Africa/Niamey``,
  any case), ``UTC``/``Z``, or a bare offset (``UTC+01:00``, ``+01:00``). Anything
  else is ``UnknownTimeZone``, never UTC: a typo must not move a schedule by an hour.
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass
from datetime import UTC, timedelta, timezone, tzinfo
from typing import Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from .article import Article
from .errors import UnknownTimeZone

Severity = Literal["error", "warning"]

#: Longer headlines are allowed but get a warning: the site's layout wraps badly past this.
MAX_TITLE_LENGTH = 120
#: WordPress's own limit for ``post_name``.
MAX_SLUG_LENGTH = 200
WORDS_PER_MINUTE = 230

SLUG_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")

# Letters that Unicode decomposition does not fold to ASCII by itself.
_LIGATURES = str.maketrans(
    {
        "œ": "oe",
        "Œ": "oe",
        "æ": "ae",
        "Æ": "ae",
        "ß": "ss",
        "ø": "o",
        "Ø": "o",
        "đ": "d",
        "Đ": "d",
        "ł": "l",
        "Ł": "l",
        "ð": "d",
        "Ð": "d",
        "þ": "th",
        "Þ": "th",
        "ı": "i",
    }
)
_NOT_SLUG = re.compile(r"[^a-z0-9]+")


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with an article. ``field`` names the Article attribute
    (``featured_image.caption`` for the photo's parts); ``code`` is stable and
    worded by the UI and the CLI."""

    field: str
    code: str
    severity: Severity
    #: What the problem is about, when a code alone does not say it (the marker left,
    #: the misspelt word, the missing image's path, a length bound); "" otherwise.
    detail: str = ""


def slugify(text: str, max_length: int = 80) -> str:
    """The URL slug of a headline: « Mali : Sergueï Lavrov attendu à Bamako »
    gives ``mali-serguei-lavrov-attendu-a-bamako``.

    Accents are folded, apostrophes separate words (« l’Afrique » gives
    ``l-afrique``, as WordPress does), and a slug longer than ``max_length`` is cut
    at the last word boundary that fits. Text with no Latin letters or digits at
    all gives ``""``: callers fall back on something else (see ``effective_slug``).
    """
    folded = unicodedata.normalize("NFKD", text.translate(_LIGATURES))
    ascii_text = "".join(c for c in folded if not unicodedata.combining(c))
    slug = _NOT_SLUG.sub("-", ascii_text.lower()).strip("-")
    if max_length <= 0:
        return ""
    if len(slug) <= max_length:
        return slug
    cut = slug[: max_length + 1]
    if cut.endswith("-"):
        return cut.rstrip("-")
    head, dash, _ = cut[:max_length].rpartition("-")
    # One word longer than the limit: a hard cut beats an empty slug.
    return head if dash and head else slug[:max_length].rstrip("-")


def effective_slug(article: Article) -> str:
    """The slug the article will have on the site: the reporter's, or one made from the headline."""
    if article.slug:
        return article.slug
    return slugify(article.title) or f"article-{article.id[:8]}"


# --- Words --------------------------------------------------------------------------------

_FENCE = re.compile(r"^(?:```|~~~)[^\n]*$", re.MULTILINE)
_IMAGE = re.compile(r"!\[[^\]\n]*\]\([^)\n]*\)|!\[[^\]\n]*\]\[[^\]\n]*\]")
_LINK_TARGET = re.compile(r"\]\((?:[^()\n]|\([^()\n]*\))*\)|\]\[[^\]\n]*\]")
_REFERENCE_DEFINITION = re.compile(r"^ {0,3}\[[^\]\n]+\]:[^\n]*$", re.MULTILINE)
_HTML_TAG = re.compile(r"</?[A-Za-z][^>\n]*>|<!--.*?-->", re.DOTALL)
# An ordered list's numbers are markup, not words the reporter wrote.
_LIST_NUMBER = re.compile(r"^[ \t>]*\d{1,9}[.)][ \t]", re.MULTILINE)
_AUTOLINK = re.compile(r"<((?:https?|ftp|mailto):[^>\s]+)>")
_WORD = re.compile(r"[^\W_]+(?:['’\-.,][^\W_]+)*")


#: Paragraphs already counted, by their text. Counting a 20,000-word article whole takes
#: 6 to 9 ms of Python's lock, on every autosave and every status-line update, while the
#: UI thread waits to handle a key; a keystroke changes one paragraph, so the others are
#: looked up here instead. Bounded: cleared when it outgrows a few long articles.
_PARAGRAPH_WORDS: dict[str, int] = {}
_PARAGRAPH_WORDS_MAX = 20_000


def word_count(markdown_text: str) -> int:
    """Words of the text a reader sees (see the module docstring for what a word is)."""
    if "<!--" in markdown_text:
        # An HTML comment may span paragraphs: only the whole text tells what it hides.
        return _count_words(markdown_text)
    # Every other rule sees one line at a time and no word crosses a line break, so the
    # count is the sum of the paragraphs' counts.
    known = _PARAGRAPH_WORDS
    if len(known) > _PARAGRAPH_WORDS_MAX:
        known.clear()
    total = 0
    for paragraph in markdown_text.split("\n\n"):
        words = known.get(paragraph)
        if words is None:
            words = known[paragraph] = _count_words(paragraph)
        total += words
    return total


def _count_words(markdown_text: str) -> int:
    text = _FENCE.sub(" ", markdown_text)
    text = _REFERENCE_DEFINITION.sub(" ", text)
    text = _LIST_NUMBER.sub(" ", text)
    text = _IMAGE.sub(" ", text)
    text = _LINK_TARGET.sub("] ", text)
    # An autolink shows its address: one word, whatever punctuation it holds.
    text = _AUTOLINK.sub(" url ", text)
    text = _HTML_TAG.sub(" ", text)
    return len(_WORD.findall(text))


def reading_time_minutes(words: int, words_per_minute: int = WORDS_PER_MINUTE) -> int:
    """Whole minutes, rounded up; at least 1 as soon as there is a word."""
    if words <= 0:
        return 0
    return max(1, math.ceil(words / max(1, words_per_minute)))


def article_word_count(article: Article) -> int:
    """The standfirst and the body: what the site counts as the article's text."""
    return word_count(article.standfirst) + word_count(article.body)


# --- Validation ---------------------------------------------------------------------------


def validate(article: Article, *, for_publishing: bool = False) -> list[Problem]:
    """Everything wrong with the article, errors first then warnings, in form order."""
    missing: Severity = "error" if for_publishing else "warning"
    problems: list[Problem] = []

    if not article.title.strip():
        problems.append(Problem("title", "missing_title", missing))
    elif len(article.title.strip()) > MAX_TITLE_LENGTH:
        problems.append(Problem("title", "title_too_long", "warning"))
    if not article.body.strip():
        problems.append(Problem("body", "missing_body", missing))
    if not article.category.strip():
        problems.append(Problem("category", "missing_category", missing))
    if not article.byline.strip():
        problems.append(Problem("byline", "missing_byline", missing))
    if article.slug and (
        len(article.slug) > MAX_SLUG_LENGTH or not SLUG_PATTERN.match(article.slug)
    ):
        problems.append(Problem("slug", "invalid_slug", "error"))
    if article.date is not None and article.date.utcoffset() is None:
        problems.append(Problem("date", "naive_date", "error"))

    image = article.featured_image
    if image is not None:
        # The caption names who is in the photo: the site shows it under every header image.
        if not image.caption.strip():
            problems.append(Problem("featured_image.caption", "missing_caption", missing))
        if not image.credit.strip():
            problems.append(Problem("featured_image.credit", "missing_credit", "warning"))
        if not image.alt.strip():
            problems.append(Problem("featured_image.alt", "missing_alt", "warning"))

    problems.sort(key=lambda p: p.severity != "error")
    return problems


def blocks_publishing(problems: list[Problem]) -> bool:
    return any(p.severity == "error" for p in problems)


# --- Time zones ---------------------------------------------------------------------------

_OFFSET = re.compile(r"^(?:UTC|GMT)?\s*([+-−])(\d{1,2})(?::?(\d{2}))?$", re.IGNORECASE)


def parse_zone(text: str) -> tzinfo:
    """The time zone ``text`` names: an IANA zone (``Africa/Niamey``, ``europe/paris``:
    case does not matter), ``UTC``, ``Z``, or a fixed offset (``UTC+01:00``, ``+01:00``,
    ``UTC-5``). Anything else, the empty text included, is ``UnknownTimeZone(text)``:
    never a silent UTC. Callers that give the empty text a meaning (the computer's own
    zone) decide so before calling."""
    cleaned = text.strip()
    if cleaned.upper() in ("UTC", "Z", "GMT"):
        return UTC
    match = _OFFSET.match(cleaned)
    if match:
        hours, minutes = int(match.group(2)), int(match.group(3) or 0)
        if hours > 14 or minutes > 59:
            raise UnknownTimeZone(text)
        sign = 1 if match.group(1) == "+" else -1
        return timezone(sign * timedelta(hours=hours, minutes=minutes))
    if not cleaned or "\x00" in cleaned:
        raise UnknownTimeZone(text)
    try:
        return ZoneInfo(cleaned)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        pass
    # "africa/niamey" means Africa/Niamey: the zones' names are files, and case-sensitive.
    wanted = cleaned.casefold()
    for key in available_timezones():
        if key.casefold() == wanted:
            return ZoneInfo(key)
    raise UnknownTimeZone(text)
