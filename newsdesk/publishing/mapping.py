"""An article to a post and back: what goes where on the site.

The site shows an article as: the headline (the post's title), the chapeau in bold at the
top of the content, the body, and the signature "A.Y. Barma (actuniger.com)" at its end.
The chapeau also goes to the excerpt, which themes and feeds show on their own. So, for
a post newsdesk makes:

    title    <- headline, with the language's typography
    content  <- the chapeau paragraph (class "chapeau", in bold)
                the body (:mod:`newsdesk.publishing.wp_content`: blocks)
                the signature paragraph (class "signature")
    excerpt  <- chapeau, plain text

A post newsdesk did not make is given back as the site holds it (``base``: the post
as last synced), but for what the reporter changed:

- the standfirst is the excerpt; it goes on top of the content only where the site's
  copy had a chapeau paragraph there. A post whose excerpt is its own keeps it, and
  its content is not prefixed. An excerpt, a title, a chapeau or a signature whose
  words did not change is sent back byte for byte;
- the signature paragraph is written only where the site's copy had one: a post the
  site signs itself (its author) stays so;
- the body keeps every untouched block and paragraph byte for byte.

:func:`post_to_article` undoes this, so a post pulled from the site comes back as the
article it was made from (the round trip is tested), and a post from the site as one
the reporter can correct: the chapeau is the top paragraph when it is one of
newsdesk's, else the excerpt; the byline is the signature, else the post's author.
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from newsdesk.core.article import Article, Language, Status, new_article_id
from newsdesk.core.site_blocks import delimited, has_blocks
from newsdesk.publishing.base import PostPayload, PostStatus, RemotePost
from newsdesk.publishing.marker import strip_marker
from newsdesk.publishing.wp_content import Finish, content_from_markdown, content_to_markdown
from newsdesk.render.typography import french_typography

# The chapeau and the signature, in the block editor's form or as bare paragraphs.
_CHAPEAU = re.compile(
    r'^\s*(?:<!-- wp:paragraph \{"className":"chapeau"\} -->\s*)?<p class="chapeau">(.*?)</p>'
    r"(?:\s*<!-- /wp:paragraph -->)?\s*",
    re.DOTALL,
)
_SIGNATURE = re.compile(
    r'\s*(?:<!-- wp:paragraph \{"className":"signature"\} -->\s*)?<p class="signature">'
    r"((?:(?!<p[\s>]).)*?)</p>(?:\s*<!-- /wp:paragraph -->)?\s*$",
    re.DOTALL,
)
_BYLINE_SOURCE = re.compile(r"^(.*?)\s*\(([^()]+)\)$", re.DOTALL)
_TAG = re.compile(r"<[^>]+>")
_SPACES = re.compile(r"\s+")

#: The site's status to the reporter's own view of the article.
_STATUS_FROM_SITE = {
    "publish": Status.PUBLISHED,
    "future": Status.SCHEDULED,
    "pending": Status.PENDING,
    "draft": Status.DRAFT,
    "private": Status.DRAFT,
}


def _text_html(value: str, language: Language) -> str:
    """A plain-text field as HTML: escaped, with the language's typography."""
    escaped = html.escape(value.strip(), quote=False)
    return french_typography(escaped) if language is Language.FR else escaped


def _plain(fragment: str) -> str:
    return html.unescape(_SPACES.sub(" ", _TAG.sub("", fragment))).strip()


def signature(article: Article) -> str:
    byline, source = article.byline.strip(), article.source.strip()
    return f"{byline} ({source})" if byline and source else byline or source


@dataclass(frozen=True, slots=True)
class ContentParts:
    """A post's content in three raw pieces, whose concatenation is the content: the
    chapeau paragraph (with the whitespace after it), the body, the signature paragraph
    (with the whitespace before it). A piece the post does not have is empty."""

    chapeau: str
    body: str
    signature: str

    @property
    def chapeau_text(self) -> str:
        found = _CHAPEAU.match(self.chapeau)
        return _plain(found.group(1)) if found else ""

    @property
    def signature_text(self) -> str:
        found = _SIGNATURE.search(self.signature)
        return _plain(found.group(1)) if found else ""


def content_parts(content_html: str) -> ContentParts:
    """The chapeau, body and signature of a post's content, marker removed."""
    content = strip_marker(content_html)
    chapeau = signature_raw = ""
    found = _CHAPEAU.match(content)
    if found:
        chapeau, content = content[: found.end()], content[found.end() :]
    found = _SIGNATURE.search(content)
    if found:
        signature_raw, content = content[found.start() :], content[: found.start()]
    return ContentParts(chapeau, content, signature_raw)


def body_content(
    article: Article,
    base: RemotePost | None,
    *,
    finish: Finish | None = None,
    media_ids: Mapping[str, int] | None = None,
) -> str:
    """The body's part of the content to send, untouched blocks of ``base`` kept."""
    base_body = content_parts(base.content_html).body if base is not None else None
    return content_from_markdown(
        article.body, base_body, article.language, finish=finish, media_ids=media_ids
    )


def _paragraph(css_class: str, inner: str, blocks: bool) -> str:
    element = f'<p class="{css_class}">{inner}</p>'
    if not blocks:
        return element
    return delimited("core/paragraph", {"className": css_class}, f"\n{element}\n")


def _same_text(raw_html: str, text: str) -> bool:
    return _plain(raw_html) == _SPACES.sub(" ", text).strip()


def article_to_payload(
    article: Article,
    body: str,
    *,
    category_ids: list[int],
    tag_ids: list[int],
    featured_media_id: int | None,
    status: PostStatus,
    date: datetime | None,
    base: RemotePost | None = None,
) -> PostPayload:
    """The post for ``article``. ``body`` is the body's content, as :func:`body_content`
    makes it (image URLs already pointing at the site). ``base`` is the post as last
    synced, None for a post the site never had. ``date`` must be timezone-aware."""
    if date is not None and date.tzinfo is None:
        raise ValueError("the publication date must carry its time zone")
    language = article.language
    blocks = base is None or has_blocks(base.content_html)
    old = content_parts(base.content_html) if base is not None else None
    standfirst, signed = article.standfirst.strip(), signature(article)

    if old is None:
        pieces = [
            _paragraph("chapeau", f"<strong>{_text_html(standfirst, language)}</strong>", blocks)
            if standfirst
            else "",
            body.strip("\n"),
            _paragraph("signature", _text_html(signed, language), blocks) if signed else "",
        ]
        content = ("\n\n" if blocks else "\n").join(p for p in pieces if p)
        content += "" if blocks or not content else "\n"
    else:
        chapeau, closing = old.chapeau, old.signature
        if chapeau and old.chapeau_text != _SPACES.sub(" ", standfirst):
            after = chapeau[len(chapeau.rstrip()) :]
            strong = f"<strong>{_text_html(standfirst, language)}</strong>"
            chapeau = _paragraph("chapeau", strong, blocks) + after if standfirst else ""
        if closing and old.signature_text != _SPACES.sub(" ", signed):
            before = closing[: len(closing) - len(closing.lstrip())]
            closing = (
                before + _paragraph("signature", _text_html(signed, language), blocks)
                if signed
                else ""
            )
        content = chapeau + body + closing

    if base is not None and _same_text(base.excerpt_html, standfirst):
        excerpt = base.excerpt_html
    else:
        excerpt = html.unescape(_text_html(article.standfirst, language))
    if base is not None and _same_text(base.title_html, article.title):
        title = base.title_html
    else:
        title = _text_html(article.title, language)
    return PostPayload(
        title=title,
        content_html=content,
        excerpt=excerpt,
        status=status,
        slug=article.slug,
        date_gmt=date,
        category_ids=list(category_ids),
        tag_ids=list(tag_ids),
        featured_media_id=featured_media_id,
        marker=article.id,
    )


def post_to_article(
    post: RemotePost,
    *,
    category_names: Mapping[int, str],
    tag_names: Mapping[int, str],
    language: Language = Language.FR,
    article_id: str | None = None,
) -> Article:
    """The article for a post pulled from the site.

    The article keeps the id of the newsdesk article the post came from (its marker),
    so pushing it back updates the same post; ``article_id`` overrides it. Terms the
    caller cannot name (not in the maps) are left out. The featured image is the
    caller's to fetch: only its id is in the post. A post with no signature paragraph
    is signed by its author, as the site shows it.
    """
    parts = content_parts(post.content_html)
    chapeau = parts.chapeau_text or _plain(post.excerpt_html)
    signature_text = parts.signature_text
    byline, source = signature_text, ""
    found = _BYLINE_SOURCE.match(signature_text)
    if found:
        byline, source = found.group(1).strip(), found.group(2).strip()
    if not signature_text:
        byline = post.author_name.strip()
    categories = [category_names[c] for c in post.categories if c in category_names]
    return Article(
        id=article_id or post.marker or new_article_id(),
        title=_plain(post.title_html),
        standfirst=chapeau,
        body=content_to_markdown(parts.body, language),
        category=categories[0] if categories else "",
        tags=[tag_names[t] for t in post.tags if t in tag_names],
        byline=byline,
        source=source,
        date=post.date_gmt,
        language=language,
        slug=post.slug,
        status=_STATUS_FROM_SITE.get(post.status, Status.DRAFT),
    )
