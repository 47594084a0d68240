"""What the worker sends for a post: the payload built from an article revision.

The images the article shows go up first (once per site: ``remote_media`` remembers
each by the SHA-256 of its prepared bytes, and ``find_media_by_hash`` finds an upload
whose answer was lost); the site's ids of its category and tags come from the cache or
are asked for; the body is written as blocks, what the site held kept as it was.
"""

from __future__ import annotations

from datetime import datetime

from newsdesk.core.article import Article, utcnow
from newsdesk.core.errors import PublishVerificationFailed
from newsdesk.core.folding import fold_term
from newsdesk.publishing.base import (
    MediaRef,
    PostPayload,
    PostStatus,
    Publisher,
    RemotePost,
    TermKind,
)
from newsdesk.publishing.mapping import article_to_payload, body_content
from newsdesk.publishing.media import prepare_image
from newsdesk.render import render_body, resolve_media
from newsdesk.storage import outbox_repo as repo
from newsdesk.storage.outbox_repo import OutboxEntry, RemoteMediaRecord, RemotePostRecord, SiteInfo
from newsdesk.storage.store import Store
from newsdesk.sync.outbox import CLOCK_MARGIN
from newsdesk.sync.snapshot import post_from_record


class PayloadBuilder:
    """Builds the payloads of one site's posts, uploading what they need on the way."""

    def __init__(self, store: Store, publisher: Publisher, site: SiteInfo) -> None:
        self.store = store
        self.publisher = publisher
        self.site = site

    def payload(
        self,
        article: Article,
        entry: OutboxEntry,
        remote: RemotePostRecord | None,
        current: RemotePost | None,
    ) -> PostPayload:
        featured_id: int | None = None
        featured: MediaRef | None = None
        image = article.featured_image
        if image is not None:
            featured = self.media(image.path, alt=image.alt, caption=_caption(image))
            featured_id = featured.remote_id
        elif remote is not None and remote.synced_featured_media:
            # A post pulled from the site keeps its photo: newsdesk did not download it.
            featured_id = remote.synced_featured_media
        # The post as last synced: what the site had when the reporter's text was taken
        # from it, so that what they did not touch goes back byte for byte.
        base = post_from_record(remote) if remote is not None else None
        body = self.body_html(article, base)
        category_ids = self.term_ids("categories", [article.category])
        tag_ids = self.term_ids("tags", list(article.tags))
        status = post_status(entry.target_status)
        date: datetime | None = None
        if status == "future":
            date = entry.scheduled_at
        elif status == "publish" and current is not None and current.status == "publish":
            # A correction keeps the original publication date (WordPress would reset a
            # date left out when a draft is published, and keep it otherwise: say it).
            date = current.date_gmt
        elif status == "publish" and current is not None and current.status == "future":
            # "Publish now" on a scheduled post: left out, its future date would stand
            # and WordPress would keep it scheduled. A few minutes back, so that a laptop
            # clock running a little ahead of the site's does not schedule it again.
            date = utcnow() - CLOCK_MARGIN
        payload = article_to_payload(
            article,
            body,
            category_ids=category_ids,
            tag_ids=tag_ids,
            featured_media_id=featured_id,
            status=status,
            date=date,
            base=base,
        )
        if featured is not None and image is not None:
            # Ghost keeps the photo's text on the post, not on the image.
            payload.featured_image_url = featured.url
            payload.featured_image_alt = image.alt
            payload.featured_image_caption = _caption(image)
        return payload

    def term_ids(self, kind: TermKind, names: list[str]) -> list[int]:
        """The site's ids for ``names``: from the cache when known (each request costs
        on a weak link), asked for (get-or-create) otherwise. Names match with case,
        accents and spaces folded, as the site's get-or-create matches them: « Economie »
        is the site's « Économie ». A cached id the site no longer has is caught by the
        verification of the answer, and forgotten."""
        wanted = [n.strip() for n in names if n.strip()]
        terms = repo.cached_terms(self.store, self.site.name, kind)
        cached = {fold_term(name): i for i, name in terms}
        # An exact spelling wins over a folded one (two terms folding alike on the site).
        cached.update({name: i for i, name in terms})
        missing = [n for n in wanted if n not in cached and fold_term(n) not in cached]
        if missing:
            found = self.publisher.ensure_terms(kind, missing)
            repo.add_terms(self.store, self.site.name, kind, found)
            cached.update({fold_term(name): i for name, i in found.items()})
            cached.update(found)
        return list(
            dict.fromkeys(cached[n] if n in cached else cached[fold_term(n)] for n in wanted)
        )

    def body_html(self, article: Article, base: RemotePost | None) -> str:
        """The body's content: the images it shows uploaded first (once per site), then
        the Markdown written as blocks, untouched blocks of ``base`` kept as they are."""
        wanted: list[str] = []

        def collect(path: str) -> str:
            wanted.append(path)
            return ""

        resolve_media(render_body(article.body, article.language), collect)
        urls: dict[str, str] = {}
        ids: dict[str, int] = {}
        for path in dict.fromkeys(wanted):
            media = self.media(path, alt="", caption="")
            urls[path] = media.url
            ids[media.url] = media.remote_id
        return body_content(
            article,
            base,
            finish=lambda fragment: resolve_media(fragment, lambda path: urls[path]),
            media_ids=ids,
        )

    def media(self, path: str, *, alt: str, caption: str) -> MediaRef:
        """The site's copy of the stored image ``path``, uploaded when it has none."""
        publisher, site = self.publisher, self.site
        prepared = prepare_image(self.store.media_path(path).read_bytes())
        known = repo.get_remote_media(self.store, site.name, prepared.sha256)
        if known is not None:
            if (known.alt, known.caption) != (alt, caption) and (alt or caption):
                publisher.update_media_text(known.remote_id, alt=alt, caption=caption)
                repo.save_remote_media(
                    self.store,
                    RemoteMediaRecord(
                        site.name, prepared.sha256, known.remote_id, known.url, alt, caption
                    ),
                )
            return MediaRef(known.remote_id, known.url)
        # An upload whose answer was lost is on the site already, under its hash.
        found = publisher.find_media_by_hash(prepared.sha256)
        if found is not None:
            if alt or caption:
                found = publisher.update_media_text(found.remote_id, alt=alt, caption=caption)
            media = found
        else:
            filename = f"image.{prepared.extension}"
            media = publisher.upload_media(
                prepared.data, filename, prepared.mime, alt=alt, caption=caption
            )
        repo.save_remote_media(
            self.store,
            RemoteMediaRecord(site.name, prepared.sha256, media.remote_id, media.url, alt, caption),
        )
        return media


def post_status(value: str) -> PostStatus:
    """An outbox entry's target status, as a status the site takes."""
    if value not in ("publish", "pending", "draft", "future"):
        raise ValueError(f"unknown status {value!r}")
    return value  # type: ignore[return-value]


def check_status(post: RemotePost, wanted: PostStatus) -> None:
    """The site gave the post the status asked for (or scheduled it, for a publish)."""
    accepted = {wanted} | ({"future"} if wanted == "publish" else set())
    if post.status not in accepted:
        raise PublishVerificationFailed(post.remote_id, {"status": wanted})


def _caption(image: object) -> str:
    caption = str(getattr(image, "caption", "")).strip()
    credit = str(getattr(image, "credit", "")).strip()
    return f"{caption} ({credit})" if caption and credit else caption or credit
