"""An article to a post and back: what goes where on the site.

The site shows an article as: the headline (the post's title), the chapeau in bold at the
top of the content, the body, and the signature "A.Y. Barma (actuniger.com)" at its end.
The chapeau also goes to the excerpt, which themes and feeds show on their own. So:

    title    <- headline, with the language's typography
    content  <- <p class="chapeau"><strong>chapeau</strong></p>
                rendered body
                <p class="signature">byline (source)</p>
    excerpt  <- chapeau, plain text

:func:`post_to_article` undoes exactly this, so a post pulled from the site comes back
as the article it was made from (the round trip is tested). The paragraphs carry a class
so they can be told from the body; Authors' HTML filtering on WordPress keeps ``class``.
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping
from datetime import datetime

from newsdesk.core.article import Article, Language, Status, new_article_id
from newsdesk.publishing.base import PostPayload, PostStatus, RemotePost
from newsdesk.publishing.html_to_markdown import html_to_markdown
from newsdesk.publishing.marker import strip_marker
from newsdesk.render.typography import french_typography

_CHAPEAU = re.compile(r'^\s*<p class="chapeau">(.*?)</p>\s*', re.DOTALL)
_SIGNATURE = re.compile(r'\s*<p class="signature">(.*?)</p>\s*$', re.DOTALL)
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


def article_to_payload(
    article: Article,
    rendered_body_html: str,
    *,
    category_ids: list[int],
    tag_ids: list[int],
    featured_media_id: int | None,
    status: PostStatus,
    date: datetime | None,
) -> PostPayload:
    """The post for ``article``. ``rendered_body_html`` is the body as
    :func:`newsdesk.render.render_body` makes it (sanitized, typography applied), with
    its image URLs already pointing at the site. ``date`` must be timezone-aware."""
    if date is not None and date.tzinfo is None:
        raise ValueError("the publication date must carry its time zone")
    language = article.language
    parts: list[str] = []
    if article.standfirst.strip():
        chapeau = _text_html(article.standfirst, language)
        parts.append(f'<p class="chapeau"><strong>{chapeau}</strong></p>\n')
    parts.append(rendered_body_html.strip("\n") + "\n" if rendered_body_html.strip() else "")
    if signature(article):
        parts.append(f'<p class="signature">{_text_html(signature(article), language)}</p>\n')
    excerpt = html.unescape(_text_html(article.standfirst, language))
    return PostPayload(
        title=_text_html(article.title, language),
        content_html="".join(parts),
        excerpt=excerpt,
        status=status,
        slug=article.slug,
        date_gmt=date,
        category_ids=list(category_ids),
        tag_ids=list(tag_ids),
        featured_media_id=featured_media_id,
        marker=article.id,
    )


def split_content(content_html: str) -> tuple[str, str, str]:
    """(chapeau text, body HTML, signature text) of a post's content, marker removed."""
    content = strip_marker(content_html)
    chapeau = signature_text = ""
    found = _CHAPEAU.match(content)
    if found:
        chapeau, content = _plain(found.group(1)), content[found.end() :]
    found = _SIGNATURE.search(content)
    if found:
        signature_text, content = _plain(found.group(1)), content[: found.start()] + "\n"
    return chapeau, content, signature_text


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
    caller's to fetch: only its id is in the post.
    """
    chapeau, body_html, signature_text = split_content(post.content_html)
    if not chapeau:
        chapeau = _plain(post.excerpt_html)
    byline, source = signature_text, ""
    found = _BYLINE_SOURCE.match(signature_text)
    if found:
        byline, source = found.group(1).strip(), found.group(2).strip()
    categories = [category_names[c] for c in post.categories if c in category_names]
    return Article(
        id=article_id or post.marker or new_article_id(),
        title=_plain(post.title_html),
        standfirst=chapeau,
        body=html_to_markdown(body_html, french=language is Language.FR),
        category=categories[0] if categories else "",
        tags=[tag_names[t] for t in post.tags if t in tag_names],
        byline=byline,
        source=source,
        date=post.date_gmt,
        language=language,
        slug=post.slug,
        status=_STATUS_FROM_SITE.get(post.status, Status.DRAFT),
    )
