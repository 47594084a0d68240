"""A site's content profile: what an article must have before it is published there.

The desk sets it once per site (the window's « Règles de publication », or
``newsdesk site profile``); ``checklist`` lists what an article still lacks, each item
a ``rules.Problem`` with a stable code and its detail (the word, the marker, the
image). The outbox turns the list into a refusal for a direct publish or a schedule;
submitting for review, or saving a draft on the site, is allowed with items missing,
so that a reporter can always hand the copy to the desk.

Decisions a newcomer would otherwise have to rediscover:

* **Lengths are characters** for the headline and the standfirst (what the site's
  layout wraps), and **words** for the body (``rules.word_count``, the desk's count).
* **Markers** (``TODO``, ``XXX``, ``[À VÉRIFIER]``) are found as written, case and all,
  outside URLs: « todo » inside a word is not one.
* **A broken image** is a local image (the featured photo, or a ``media:`` one in the
  body) whose file is not in the store; a remote address cannot be judged offline and is left to
  the site. **A link without a target** is ``[texte]()`` or a bare ``[texte][]``
  reference no definition resolves.
* **Spelling and grammar** findings come from the checkers (``spelling_findings``);
  the profile only says whether they count.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import asdict, dataclass, fields, replace
from typing import Any

from .article import Article
from .errors import InvalidSettingValue
from .rules import Problem, word_count

#: The markers a desk leaves in copy that is not finished.
DEFAULT_MARKERS = ("TODO", "XXX", "[À VÉRIFIER]")


@dataclass(frozen=True, slots=True)
class ContentProfile:
    """What one site asks of an article. A bound of 0 is no bound.

    The defaults ask only what no desk would let through (a marker left, a broken
    image, a link without a target): a site whose desk never set its rules publishes
    as before. The checkers' findings count when the desk says so (a name the
    dictionary lacks would otherwise hold every article). ``RECOMMENDED`` is the
    site's usual article, one click away in the window."""

    require_standfirst: bool = False
    require_category: bool = False
    min_tags: int = 0
    require_featured_image: bool = False
    require_caption: bool = False
    require_credit: bool = False
    require_alt: bool = False
    title_min: int = 0
    title_max: int = 0
    standfirst_min: int = 0
    standfirst_max: int = 0
    min_body_words: int = 0
    markers: tuple[str, ...] = DEFAULT_MARKERS
    check_images: bool = True
    check_links: bool = True
    check_spelling: bool = False
    check_grammar: bool = False

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["markers"] = list(self.markers)
        return data

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> ContentProfile:
        """The profile ``data`` describes (unknown keys refused, missing ones default).

        ``InvalidSettingValue`` names the first wrong value: a profile is typed by a
        desk editor, and a typo must not silently turn a rule off."""
        known = {f.name: f for f in fields(cls)}
        values: dict[str, Any] = {}
        for name, value in data.items():
            if name not in known:
                raise InvalidSettingValue(name, value, "a rule of the content profile")
            values[name] = _checked(name, value, getattr(cls(), name))
        profile = cls(**values)
        if 0 < profile.title_max < profile.title_min:
            raise InvalidSettingValue("title_min", profile.title_min, "at most title_max")
        if 0 < profile.standfirst_max < profile.standfirst_min:
            raise InvalidSettingValue(
                "standfirst_min", profile.standfirst_min, "at most standfirst_max"
            )
        return profile

    def with_values(self, **values: Any) -> ContentProfile:
        """A copy with ``values`` changed, each checked as ``from_dict`` checks them."""
        return ContentProfile.from_dict({**self.to_dict(), **values}) if values else replace(self)


#: The site's usual article (the sample article of the site: a headline of a line or
#: two, a chapeau of a few sentences, a rubrique and tags, a captioned, credited photo).
RECOMMENDED = ContentProfile(
    require_standfirst=True,
    require_category=True,
    min_tags=1,
    require_featured_image=True,
    require_caption=True,
    require_credit=True,
    require_alt=True,
    title_min=20,
    title_max=120,
    standfirst_min=80,
    standfirst_max=400,
    min_body_words=150,
    check_spelling=True,
    check_grammar=True,
)


def _checked(name: str, value: Any, default: Any) -> Any:
    if isinstance(default, bool):
        if not isinstance(value, bool):
            raise InvalidSettingValue(name, value, "true or false")
        return value
    if isinstance(default, int):
        if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 100_000:
            raise InvalidSettingValue(name, value, "a whole number from 0 to 100000")
        return value
    if not isinstance(value, list | tuple) or not all(
        isinstance(m, str) and m.strip() for m in value
    ):
        raise InvalidSettingValue(name, value, "a list of words")
    return tuple(m.strip() for m in value)


# --- The checklist ----------------------------------------------------------------------

_URL = re.compile(r"(?:https?://|www\.)\S+|<[^>\s]+@[^>\s]+>|\S+@\S+\.\w+")
_INLINE_IMAGE = re.compile(r"!\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
_EMPTY_LINK = re.compile(r"(?<!!)\[([^\]]+)\]\(\s*\)")
_REFERENCE_LINK = re.compile(r"(?<![!\]\\])\[([^\]]+)\]\[([^\]]*)\]")
_DEFINITION = re.compile(r"^ {0,3}\[([^\]]+)\]:\s*\S", re.MULTILINE)
#: A shortcode's opening tag (``[caption id="…"``, ``[gallery]``): the site's, not a link.
_SHORTCODE = re.compile(r"^[a-z][a-z0-9_-]*(?:\s+[^\]]*=|\s*$)")
_CODE = re.compile(r"```.*?```|`[^`\n]*`", re.DOTALL)


def checklist(
    article: Article,
    profile: ContentProfile,
    *,
    media_exists: Callable[[str], bool] | None = None,
    spelling_findings: list[str] | None = None,
    grammar_findings: list[str] | None = None,
) -> list[Problem]:
    """What ``article`` still lacks for ``profile``, in the form's order (errors all).

    ``media_exists(path)`` says whether a local image is in the store (None: images
    are not checked); the findings are the misspelt words and the grammar mistakes'
    phrases the checkers found (None: not checked)."""
    items: list[Problem] = []

    def item(name: str, code: str, detail: object = "") -> None:
        items.append(Problem(name, code, "error", str(detail)))

    title = article.title.strip()
    if title and len(title) < profile.title_min:
        item("title", "title_too_short", profile.title_min)
    elif 0 < profile.title_max < len(title):
        item("title", "title_too_long", profile.title_max)
    standfirst = article.standfirst.strip()
    if not standfirst:
        if profile.require_standfirst:
            item("standfirst", "missing_standfirst")
    elif len(standfirst) < profile.standfirst_min:
        item("standfirst", "standfirst_too_short", profile.standfirst_min)
    elif 0 < profile.standfirst_max < len(standfirst):
        item("standfirst", "standfirst_too_long", profile.standfirst_max)
    if profile.require_category and not article.category.strip():
        item("category", "missing_category")
    tags = [t for t in article.tags if t.strip()]
    if len(tags) < profile.min_tags:
        item("tags", "too_few_tags", profile.min_tags)
    words = word_count(article.body)
    if article.body.strip() and words < profile.min_body_words:
        item("body", "body_too_short", profile.min_body_words)

    image = article.featured_image
    if image is None:
        if profile.require_featured_image:
            item("featured_image", "missing_featured_image")
    else:
        if profile.require_caption and not image.caption.strip():
            item("featured_image.caption", "missing_caption")
        if profile.require_credit and not image.credit.strip():
            item("featured_image.credit", "missing_credit")
        if profile.require_alt and not image.alt.strip():
            item("featured_image.alt", "missing_alt")

    prose = _CODE.sub(" ", article.body)
    without_urls = {
        "title": _URL.sub(" ", article.title),
        "standfirst": _URL.sub(" ", article.standfirst),
        "body": _URL.sub(" ", prose),
    }
    for marker in profile.markers:
        for name, text in without_urls.items():
            if _has_marker(text, marker):
                item(name, "marker_left", marker)

    if profile.check_images and media_exists is not None:
        featured = _local_path(image.path) if image is not None else None
        if featured is not None and not media_exists(featured):
            item("featured_image", "broken_image", featured)
        for path in dict.fromkeys(_INLINE_IMAGE.findall(prose)):
            local = _local_path(path)
            if local is not None and not media_exists(local):
                item("body", "broken_image", local)

    if profile.check_links:
        for text in dict.fromkeys(_EMPTY_LINK.findall(prose)):
            item("body", "empty_link", text)
        defined = {d.strip().casefold() for d in _DEFINITION.findall(prose)}
        for text, ref in _REFERENCE_LINK.findall(prose):
            if _SHORTCODE.match(text) or ref.startswith("/"):
                continue  # [audio mp3="…"][/audio]: a shortcode pair, not a link
            if (ref or text).strip().casefold() not in defined:
                item("body", "empty_link", text)

    if profile.check_spelling and spelling_findings:
        for word in dict.fromkeys(spelling_findings):
            item("body", "spelling", word)
    if profile.check_grammar and grammar_findings:
        for phrase in dict.fromkeys(grammar_findings):
            item("body", "grammar", phrase)
    return items


def _has_marker(text: str, marker: str) -> bool:
    # A marker made of letters must stand as a word of its own (« XXX », not « XXXL »).
    edge_left = r"(?<!\w)" if marker[:1].isalnum() else ""
    edge_right = r"(?!\w)" if marker[-1:].isalnum() else ""
    return re.search(edge_left + re.escape(marker) + edge_right, text) is not None


def _local_path(path: str) -> str | None:
    """The store-relative path of a local image (``media:ab/cd.jpg`` or ``ab/cd.jpg``);
    None for a remote one, which cannot be judged offline."""
    if path.lower().startswith("media:"):
        return path[len("media:") :]
    if re.match(r"^[a-z][a-z0-9+.-]*:", path, re.IGNORECASE) or path.startswith("//"):
        return None
    return path
