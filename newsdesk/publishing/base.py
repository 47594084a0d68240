"""What every site API offers newsdesk: one Protocol and the plain data it speaks.

The outbox (``newsdesk.sync``) talks only to :class:`Publisher`; one module per site API
(``wordpress.py`` today) implements it with a plain synchronous HTTP client, no Qt.
Every method raises the typed errors of :mod:`newsdesk.core.errors` and nothing else:
``SiteUnreachable`` and ``ServerError`` are worth retrying, the others are not.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal, Protocol, runtime_checkable

from newsdesk.core.sites import SiteAccount, TermKind

#: The statuses a post can be given on the site. ``future`` needs a ``date_gmt`` to come.
PostStatus = Literal["publish", "pending", "draft", "future", "private"]

# Shared with storage and sync, so declared in the core; named here too, where a
# publisher's author looks for them.
__all__ = [
    "Identity",
    "MediaRef",
    "PostPayload",
    "PostStatus",
    "Publisher",
    "RemotePost",
    "SiteAccount",
    "TermKind",
]


@dataclass(frozen=True, slots=True)
class Identity:
    """Who the site says the reporter is, and whether the role may publish or only submit."""

    user_id: int
    display_name: str
    roles: tuple[str, ...]
    can_publish: bool


@dataclass(slots=True)
class RemotePost:
    """A post as the site holds it, in the raw form its editor sees (not the themed page).

    ``content_html`` never carries newsdesk's marker: it is taken out into ``marker``, so
    that comparing two copies of a post compares what people wrote. Dates are aware, UTC.
    """

    remote_id: int
    status: str
    link: str
    slug: str
    title_html: str
    content_html: str
    excerpt_html: str
    date_gmt: datetime | None
    modified_gmt: datetime | None
    categories: list[int] = field(default_factory=list)
    tags: list[int] = field(default_factory=list)
    featured_media: int = 0
    #: The id of the newsdesk article this post was made from, when it carries one.
    marker: str | None = None
    #: The display name of the post's author, when the site gave it ("" otherwise).
    author_name: str = ""


@dataclass(slots=True)
class PostPayload:
    """Everything newsdesk sends for a post: a whole description, never a partial patch.

    ``featured_media_id`` None means "no featured image" (it clears one set before).
    ``date_gmt`` None lets the site choose (now, for a publish). ``marker`` is the
    article's UUID: the publisher hides it in the post so a lost answer can be found again.
    """

    title: str
    content_html: str
    excerpt: str
    status: PostStatus
    slug: str
    date_gmt: datetime | None
    category_ids: list[int]
    tag_ids: list[int]
    featured_media_id: int | None
    marker: str
    #: The featured image's URL, alt text and caption, for site APIs that keep them on
    #: the post rather than on the media (Ghost); "" when there is none or unknown.
    featured_image_url: str = ""
    featured_image_alt: str = ""
    featured_image_caption: str = ""


@dataclass(frozen=True, slots=True)
class MediaRef:
    remote_id: int
    url: str


@runtime_checkable
class Publisher(Protocol):
    """One site API. Synchronous; one instance per account; call :meth:`close` when done."""

    account: SiteAccount

    def verify(self) -> Identity:
        """Check the credentials now and say what the account may do."""
        ...

    def create_post(self, payload: PostPayload) -> RemotePost:
        """Create a post. Not idempotent: after a lost answer, :meth:`find_post_by_marker`."""
        ...

    def update_post(self, remote_id: int, payload: PostPayload) -> RemotePost: ...

    def get_post(self, remote_id: int) -> RemotePost:
        """Raises ``RemotePostNotFound`` when the post is gone."""
        ...

    def find_post_by_marker(self, marker: str) -> RemotePost | None:
        """The post carrying ``marker`` among drafts, pending, scheduled and published posts
        the account can see; None when there is none."""
        ...

    def set_status(self, remote_id: int, status: PostStatus) -> RemotePost:
        """Change only the status (unpublish is ``draft``)."""
        ...

    def ensure_terms(self, kind: TermKind, names: list[str]) -> dict[str, int]:
        """Get-or-create each term; maps every name asked for to the site's id."""
        ...

    def list_terms(self, kind: TermKind) -> list[tuple[int, str]]: ...

    def upload_media(
        self, data: bytes, filename: str, mime: str, *, alt: str, caption: str
    ) -> MediaRef:
        """Upload an image already through :func:`newsdesk.publishing.media.prepare_image`."""
        ...

    def find_media_by_hash(self, sha256: str) -> MediaRef | None:
        """The media uploaded earlier from exactly these bytes, if the site still has it."""
        ...

    def update_media_text(self, remote_id: int, *, alt: str, caption: str) -> MediaRef:
        """Change the alt text and caption of a media already on the site."""
        ...

    def close(self) -> None: ...
