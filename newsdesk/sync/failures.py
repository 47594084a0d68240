"""What an attempt that raised becomes: the one table from exception to outbox state.

The worker runs an action; whatever it raises is turned here into a :class:`Failure`
(the state the entry stops in, its error code, what else to do), so that the rules
read in one place:

- the site changed the post since the last sync: ``conflict``, nothing written;
- the password is refused: ``needs_password`` (the site is flagged, its client dropped);
- the network, the site's 5xx, the keyring: ``waiting_network``, retried after a backoff;
- the site accepted but dropped what it was sent: see ``after_verification_failure``;
- anything else: ``failed``, with what went wrong, and the action kept.
"""

from __future__ import annotations

from dataclasses import dataclass

from newsdesk.core.errors import (
    ArticleNotFound,
    AuthenticationFailed,
    EditCollision,
    InvalidImage,
    KeyringUnavailable,
    NotOnSite,
    PermissionDenied,
    PublishingError,
    PublishVerificationFailed,
    RemotePostNotFound,
    RequestRejected,
    RevisionNotFound,
    ServerError,
    UnsafeMediaPath,
)
from newsdesk.publishing.base import Publisher, RemotePost
from newsdesk.storage import outbox_repo as repo
from newsdesk.storage.outbox_repo import OutboxEntry
from newsdesk.storage.store import Store
from newsdesk.sync.snapshot import record_from_post

#: How many attempts a post whose cached term or photo ids the site dropped gets.
STALE_ID_ATTEMPTS = 3


class PostChangedOnSite(Exception):
    """Raised inside an action: the site's post is not the one last synced."""

    def __init__(self, current: RemotePost) -> None:
        super().__init__(current.remote_id)
        self.current = current


@dataclass(frozen=True, slots=True)
class Failure:
    """How an attempt ended that raised."""

    state: str
    code: str
    message: str
    #: Forget the post recorded for the article (it is gone from the site for good).
    drop_remote: bool = False
    #: Close the site's client: its connection or credentials are no good any more.
    drop_publisher: bool = False
    #: Flag the site as needing a new password.
    needs_password: bool = False
    #: Not a failure newsdesk knows of: a bug, to be logged with its traceback.
    unexpected: bool = False
    #: Seconds the site asked to wait (``Retry-After``): the retry waits at least that.
    retry_after: float | None = None

    @property
    def retry(self) -> bool:
        """Tried again after a backoff (``waiting_network``)."""
        return self.state == repo.WAITING_NETWORK


def classify(exc: Exception) -> Failure:
    """The outcome of an attempt that raised ``exc``.

    A ``PublishVerificationFailed`` comes back ``failed``; the worker first calls
    :func:`after_verification_failure`, whose answer may make it ``queued`` instead
    (see :func:`verification_state`).
    """
    message = str(exc)
    if isinstance(exc, PostChangedOnSite):
        return Failure(
            repo.CONFLICT, "conflict", f"post {exc.current.remote_id} changed on the site"
        )
    if isinstance(exc, EditCollision):
        # Saved on the site between newsdesk's read and its write (Ghost's 409).
        return Failure(repo.CONFLICT, "conflict", message)
    if isinstance(exc, AuthenticationFailed):
        return Failure(
            repo.NEEDS_PASSWORD, "auth", message, drop_publisher=True, needs_password=True
        )
    if isinstance(exc, KeyringUnavailable):
        return Failure(repo.WAITING_NETWORK, "keyring_unavailable", message)
    if isinstance(exc, PublishVerificationFailed):
        return Failure(repo.FAILED, "verification", message)
    if isinstance(exc, RemotePostNotFound):
        # Deleted on the site for good: forget it, so publishing again makes a new post.
        return Failure(repo.FAILED, "remote_gone", message, drop_remote=True)
    if isinstance(exc, PermissionDenied):
        return Failure(repo.FAILED, "permission", message)
    if isinstance(exc, RequestRejected):
        return Failure(repo.FAILED, f"rejected:{exc.code}", message)
    if isinstance(exc, PublishingError):
        # "InvalidServerResponse:wrong_post": the reason, when the error has one, is what
        # words.states words for the reporter.
        reason = getattr(exc, "reason", "")
        code = f"{type(exc).__name__}:{reason}" if reason else type(exc).__name__
        if exc.retryable:
            wait = exc.retry_after if isinstance(exc, ServerError) else None
            return Failure(
                repo.WAITING_NETWORK, code, message, drop_publisher=True, retry_after=wait
            )
        return Failure(repo.FAILED, code, message)
    if isinstance(exc, NotOnSite):
        return Failure(repo.FAILED, "not_on_site", message)
    if isinstance(exc, ArticleNotFound | RevisionNotFound):
        return Failure(repo.FAILED, "article_missing", message)
    if isinstance(exc, InvalidImage | UnsafeMediaPath | OSError):
        return Failure(repo.FAILED, "image", message)
    # A bug must not lose the action: it stays, failed, with what went wrong.
    return Failure(repo.FAILED, "internal", f"{type(exc).__name__}: {exc}", unexpected=True)


def verification_state(stale: bool, attempts: int) -> str:
    """Dropped ids that came from newsdesk's caches (a term or photo deleted in
    wp-admin) are forgotten: one more try asks the site afresh. Anything else the site
    dropped fails."""
    return repo.QUEUED if stale and attempts < STALE_ID_ATTEMPTS else repo.FAILED


def after_verification_failure(
    store: Store, publisher: Publisher | None, entry: OutboxEntry, exc: PublishVerificationFailed
) -> bool:
    """The post exists although incomplete: record it, so that the next attempt updates
    it rather than making a second one; and forget the photo or terms the site no
    longer has. True when only such cached ids were dropped."""
    stale = set(exc.missing) <= {"featured_media", "categories", "tags"}
    missing_media = exc.missing.get("featured_media")
    if isinstance(missing_media, int):
        repo.forget_remote_media_id(store, entry.site, missing_media)
    for kind in ("categories", "tags"):
        dropped = exc.missing.get(kind)
        if isinstance(dropped, list):
            repo.forget_terms(store, entry.site, kind, [int(i) for i in dropped])
    if publisher is None:
        return stale
    try:
        post = publisher.get_post(exc.remote_id)
        if post.marker == entry.article_id.lower():
            record = record_from_post(entry.article_id, entry.site, post, -1)
            repo.save_remote_post(store, record)
    except PublishingError:
        pass  # the next attempt finds it by its marker
    return stale
