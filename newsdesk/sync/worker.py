"""The worker that drains the outbox: one action at a time, safely.

The three promises, and how each is kept:

- Never a duplicate post. The entry is marked ``sending`` and ``maybe_sent`` and
  committed before the request that creates a post. Whenever an entry carries
  ``maybe_sent`` and no post is recorded for it (the answer was lost to a timeout, a
  dropped connection, a 5xx from a proxy that did forward, or the program died), the
  next attempt first asks the site for the post carrying the article's marker
  (``find_post_by_marker``) and adopts it instead of creating another.
- Never a silent overwrite. Before an update the post is read back and hashed
  (``snapshot.post_hash``); if it differs from the snapshot of the last sync, someone
  changed it on the site: the entry stops in ``conflict`` and nothing is written. Our
  own update whose answer was lost is recognised (the site holds what we sent).
- Never a lost article. The worker never writes the article's words; a failure only
  changes the entry's state, error and next attempt. A fresh worker on the same store
  resumes. What it does record on the article, after each finished action, is what the
  site now says of it: its status (« Publié », « Programmé », « En relecture », back to
  « Brouillon » when unpublished) and, once live or scheduled, the site's date, through
  ``Store.set_site_state`` (no new revision: the window's copy is not made stale).

The right moment: a request that succeeds means the network is back, so every other
action waiting for its retry time is made due at once (``outbox.send_now``), in the
same drain, rather than after its backoff of up to ten minutes.

Images: each is prepared (upright, resized, metadata stripped) and identified by the
SHA-256 of the prepared bytes; ``remote_media`` remembers what each site already has,
and ``find_media_by_hash`` finds an upload whose answer was lost.
"""

from __future__ import annotations

import logging
import os
import random
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta

from newsdesk.core.article import Article, Status, utcnow
from newsdesk.core.errors import (
    ArticleNotFound,
    AuthenticationFailed,
    InvalidImage,
    KeyringUnavailable,
    NotOnSite,
    PermissionDenied,
    PublishingError,
    PublishVerificationFailed,
    RemotePostNotFound,
    RequestRejected,
    RevisionNotFound,
    UnsafeMediaPath,
)
from newsdesk.publishing.base import (
    MediaRef,
    PostPayload,
    PostStatus,
    Publisher,
    RemotePost,
    SiteAccount,
    TermKind,
)
from newsdesk.publishing.mapping import article_to_payload, body_content
from newsdesk.publishing.media import prepare_image
from newsdesk.publishing.wordpress import fold
from newsdesk.render import render_body, resolve_media
from newsdesk.storage import outbox_repo as repo
from newsdesk.storage.outbox_repo import OutboxEntry, RemoteMediaRecord, RemotePostRecord, SiteInfo
from newsdesk.storage.store import Store
from newsdesk.sync.outbox import CLOCK_MARGIN, article_status_after, date_to_send, send_now
from newsdesk.sync.outbox import same_words as _same_words
from newsdesk.sync.snapshot import (
    changed_on_site,
    matches_payload,
    post_from_record,
    record_from_post,
)

log = logging.getLogger(__name__)

#: First retry after a network failure, then doubling, up to the cap.
BACKOFF_BASE = timedelta(seconds=5)
BACKOFF_CAP = timedelta(minutes=10)
#: A ``sending`` entry claimed by a live process is left alone this long; a longer upload
#: on a very slow link is then retried, and the marker lookup prevents a duplicate.
CLAIM_LEASE = timedelta(minutes=15)

Clock = Callable[[], datetime]


def backoff_delay(attempts: int, rng: random.Random | None = None) -> timedelta:
    """Wait before attempt ``attempts + 1``: 5 s, 10 s, 20 s... capped at 10 min, each
    drawn between half and all of it, so that laptops coming back online together
    (the newsroom's Wi-Fi) do not hammer the site in step."""
    # The exponent stops growing long after the cap is reached (an entry may retry for
    # days offline: 2**attempts would overflow a timedelta).
    ceiling = min(BACKOFF_CAP, BACKOFF_BASE * (2 ** min(max(0, attempts - 1), 16)))
    fraction: float = 0.5 + 0.5 * (rng or random.Random()).random()
    delay: timedelta = ceiling * fraction
    return delay


@dataclass(frozen=True, slots=True)
class ActionResult:
    entry_id: int
    article_id: str
    site: str
    action: str
    state: str
    remote_id: int | None = None
    link: str | None = None
    error_code: str | None = None
    error_message: str | None = None
    next_attempt_at: datetime | None = None
    #: After a finished action, the article's status and date as the store now holds
    #: them (the site's, see ``Store.set_site_state``): what a window showing the
    #: article puts in its copy. None when the action did not finish.
    article_status: Status | None = None
    article_date: datetime | None = None


@dataclass(slots=True)
class DrainReport:
    results: list[ActionResult] = field(default_factory=list)

    def count(self, state: str) -> int:
        return sum(1 for r in self.results if r.state == state)

    @property
    def done(self) -> int:
        return self.count(repo.DONE)

    def for_article(self, article_id: str) -> list[ActionResult]:
        return [r for r in self.results if r.article_id == article_id]


class _Conflict(Exception):
    def __init__(self, current: RemotePost) -> None:
        super().__init__(current.remote_id)
        self.current = current


class OutboxWorker:
    """Drains the outbox of ``store``. ``publisher_for`` makes a Publisher for an account
    (with its password from the keyring); it may raise ``AuthenticationFailed`` when no
    password is stored. One worker drains at a time in a process; several processes may
    share the store (the claim on each entry keeps them apart)."""

    def __init__(
        self,
        store: Store,
        publisher_for: Callable[[SiteAccount], Publisher],
        clock: Clock = utcnow,
        *,
        rng: random.Random | None = None,
    ) -> None:
        self.store = store
        self.publisher_for = publisher_for
        self.clock = clock
        self.rng = rng or random.Random()
        self.token = f"{os.getpid()}:{uuid.uuid4().hex[:12]}"
        #: Whether this drain already made the waiting actions due (see ``_after_answer``).
        self._woken = False
        self._publishers: dict[str, Publisher] = {}

    # --- the loop ---------------------------------------------------------------------

    def drain(self, *, max_actions: int | None = None) -> DrainReport:
        """Process the due actions one by one; returns what became of each."""
        report = DrainReport()
        seen: set[int] = set()
        self._woken = False
        try:
            while max_actions is None or len(report.results) < max_actions:
                due = [
                    e
                    for e in repo.due_entries(self.store, self.clock())
                    if e.id not in seen and self._may_take(e)
                ]
                if not due:
                    break
                entry = due[0]
                seen.add(entry.id)
                result = self.process(entry)
                if result is not None:
                    report.results.append(result)
                    self._after_answer(result)
        finally:
            self.close()
        return report

    def _after_answer(self, result: ActionResult) -> None:
        """A request that went through: the network is back. The actions still waiting
        for their backoff go now, in this drain (once per drain: a site that is down
        while another answers is not hammered)."""
        if self._woken or result.state not in (repo.DONE, repo.CONFLICT):
            return
        self._woken = True
        woken = send_now(self.store)
        if woken:
            log.info("the site answered: %d waiting action(s) due now", woken)

    def close(self) -> None:
        for publisher in self._publishers.values():
            try:
                publisher.close()
            except Exception:  # closing a client must not hide the drain's outcome
                log.debug("closing a publisher failed", exc_info=True)
        self._publishers.clear()

    def _may_take(self, entry: OutboxEntry) -> bool:
        """A ``sending`` entry is another worker's unless that worker is gone."""
        if entry.state != repo.SENDING or entry.claimed_by in (None, self.token):
            return True
        pid_text = (entry.claimed_by or "").split(":", 1)[0]
        pid = int(pid_text) if pid_text.isdigit() else -1
        if pid == os.getpid() or not _process_alive(pid):
            # Our own process with another token is a worker that was dropped (the
            # caller serialises workers within a process); a dead pid is a crash.
            repo.release_stale_claim(self.store, entry.id, self.token)
            return True
        if self.clock() - entry.updated_at > CLAIM_LEASE:
            repo.release_stale_claim(self.store, entry.id, self.token)
            return True
        return False

    def _publisher(self, site: SiteInfo) -> Publisher:
        publisher = self._publishers.get(site.name)
        if publisher is None:
            publisher = self.publisher_for(site.account)
            self._publishers[site.name] = publisher
        return publisher

    # --- one action -------------------------------------------------------------------

    def process(self, due: OutboxEntry) -> ActionResult | None:
        claimed = repo.claim_entry(
            self.store,
            due.id,
            due.generation,
            self.token,
            may_write=False,
        )
        if claimed is None:
            return None
        try:
            site = repo.get_site(self.store, claimed.site)
            publisher = self._publisher(site)
            if claimed.action == "unpublish":
                record = self._unpublish(publisher, claimed)
            else:
                post = self._publish(publisher, site, claimed)
                record = record_from_post(
                    claimed.article_id, claimed.site, post, claimed.article_revision
                )
        except _Conflict as conflict:
            return self._finish(
                claimed,
                repo.CONFLICT,
                code="conflict",
                message=f"post {conflict.current.remote_id} changed on the site",
            )
        except AuthenticationFailed as exc:
            repo.set_needs_password(self.store, claimed.site, True)
            self._drop_publisher(claimed.site)
            return self._finish(claimed, repo.NEEDS_PASSWORD, code="auth", message=str(exc))
        except KeyringUnavailable as exc:
            return self._retry(claimed, "keyring_unavailable", str(exc))
        except PublishVerificationFailed as exc:
            stale = self._after_verification_failure(claimed, exc)
            # Dropped ids that came from newsdesk's caches (a term or photo deleted in
            # wp-admin) are forgotten now: one more try asks the site afresh.
            state = repo.QUEUED if stale and claimed.attempts < 3 else repo.FAILED
            return self._finish(claimed, state, code="verification", message=str(exc))
        except RemotePostNotFound as exc:
            # Deleted on the site for good: forget it, so publishing again makes a new post.
            return self._finish(
                claimed, repo.FAILED, code="remote_gone", message=str(exc), drop_remote=True
            )
        except PermissionDenied as exc:
            return self._finish(claimed, repo.FAILED, code="permission", message=str(exc))
        except RequestRejected as exc:
            return self._finish(claimed, repo.FAILED, code=f"rejected:{exc.code}", message=str(exc))
        except PublishingError as exc:
            if exc.retryable:
                self._drop_publisher(claimed.site)
                return self._retry(claimed, type(exc).__name__, str(exc))
            return self._finish(claimed, repo.FAILED, code=type(exc).__name__, message=str(exc))
        except NotOnSite as exc:
            return self._finish(claimed, repo.FAILED, code="not_on_site", message=str(exc))
        except (ArticleNotFound, RevisionNotFound) as exc:
            return self._finish(claimed, repo.FAILED, code="article_missing", message=str(exc))
        except (InvalidImage, UnsafeMediaPath, OSError) as exc:
            return self._finish(claimed, repo.FAILED, code="image", message=str(exc))
        except Exception as exc:
            # A bug must not lose the action: it stays, failed, with what went wrong.
            log.exception("outbox entry %s failed unexpectedly", claimed.id)
            return self._finish(
                claimed, repo.FAILED, code="internal", message=f"{type(exc).__name__}: {exc}"
            )
        result = self._finish(claimed, repo.DONE, remote=record)
        return self._follow_site(claimed, record, result)

    def _follow_site(
        self, entry: OutboxEntry, record: RemotePostRecord, result: ActionResult
    ) -> ActionResult:
        """The article's status (and date, once live or scheduled) become the site's.
        Recorded even when the entry was re-queued meanwhile: the site holds this now."""
        try:
            article = self.store.get(entry.article_id)
        except ArticleNotFound:
            return result  # deleted meanwhile: the post is recorded, nothing to follow
        status = article_status_after(entry.action, record.remote_status, article.status)
        date = article.date
        if status in (Status.PUBLISHED, Status.SCHEDULED) and record.synced_date_gmt:
            # In the article's own zone when it has one: the same moment, as the
            # reporter reads dates.
            zone = article.date.tzinfo if article.date and article.date.utcoffset() else None
            date = record.synced_date_gmt.astimezone(zone) if zone else record.synced_date_gmt
        if (status, date) != (article.status, article.date):
            try:
                changed_date = date if date != article.date else None
                self.store.set_site_state(entry.article_id, status, changed_date)
            except ArticleNotFound:
                return result
        return replace(result, article_status=status, article_date=date)

    def _drop_publisher(self, site: str) -> None:
        publisher = self._publishers.pop(site, None)
        if publisher is not None:
            publisher.close()

    def _finish(
        self,
        entry: OutboxEntry,
        state: str,
        *,
        code: str | None = None,
        message: str | None = None,
        remote: RemotePostRecord | None = None,
        drop_remote: bool = False,
        next_attempt_at: datetime | None = None,
    ) -> ActionResult:
        took = repo.finish_entry(
            self.store,
            entry,
            state=state,
            error_code=code,
            error_message=message,
            next_attempt_at=next_attempt_at,
            remote=remote,
            drop_remote=drop_remote,
        )
        if not took:
            state = repo.QUEUED  # re-queued while we were sending: the new request waits
        return ActionResult(
            entry_id=entry.id,
            article_id=entry.article_id,
            site=entry.site,
            action=entry.action,
            state=state,
            remote_id=remote.remote_id if remote else None,
            link=remote.link if remote else None,
            error_code=code,
            error_message=message,
            next_attempt_at=next_attempt_at,
        )

    def _retry(self, entry: OutboxEntry, code: str, message: str) -> ActionResult:
        when = self.clock() + backoff_delay(entry.attempts, self.rng)
        return self._finish(
            entry, repo.WAITING_NETWORK, code=code, message=message, next_attempt_at=when
        )

    def _after_verification_failure(
        self, entry: OutboxEntry, exc: PublishVerificationFailed
    ) -> bool:
        """The post exists although incomplete: record it, so that the next attempt updates
        it rather than making a second one; and forget the photo or terms the site no
        longer has. True when only such cached ids were dropped."""
        stale = set(exc.missing) <= {"featured_media", "categories", "tags"}
        missing_media = exc.missing.get("featured_media")
        if isinstance(missing_media, int):
            repo.forget_remote_media_id(self.store, entry.site, missing_media)
        for kind in ("categories", "tags"):
            dropped = exc.missing.get(kind)
            if isinstance(dropped, list):
                repo.forget_terms(self.store, entry.site, kind, [int(i) for i in dropped])
        publisher = self._publishers.get(entry.site)
        if publisher is None:
            return stale
        try:
            post = publisher.get_post(exc.remote_id)
            if post.marker == entry.article_id.lower():
                record = record_from_post(entry.article_id, entry.site, post, -1)
                repo.save_remote_post(self.store, record)
        except PublishingError:
            pass  # the next attempt finds it by its marker
        return stale

    # --- publish ----------------------------------------------------------------------

    def _publish(self, publisher: Publisher, site: SiteInfo, entry: OutboxEntry) -> RemotePost:
        article = self.store.get_revision(entry.article_id, entry.article_revision)
        remote = repo.get_remote_post(self.store, entry.article_id, entry.site)
        current: RemotePost | None = None
        if remote is None and entry.maybe_sent:
            current = publisher.find_post_by_marker(entry.article_id)
            if current is not None:
                log.info("adopting post %s for %s", current.remote_id, entry.article_id)
        elif remote is not None:
            current = publisher.get_post(remote.remote_id)
            if current.status == "trash":
                # An editor took it down on purpose: publishing again is theirs to allow.
                raise _Conflict(current)
            if self._untouched(article, remote, current, entry):
                return self._status_only(publisher, current, entry)

        payload = self._payload(publisher, site, article, entry, remote, current)
        # The date rule is outbox.date_to_send's, shared with the window's preview. The
        # wall clock, not self.clock (the backoff's): the site compares with its own.
        payload.date_gmt = date_to_send(
            current.status if current is not None else None,
            current.date_gmt if current is not None else None,
            entry.target_status,
            entry.scheduled_at,
            utcnow(),
        )
        if (
            current is not None
            and remote is not None
            and changed_on_site(remote, current)
            and not (entry.maybe_sent and matches_payload(current, payload))
        ):
            raise _Conflict(current)
        repo.set_entry_state(self.store, entry.id, repo.SENDING, maybe_sent=True)
        if current is None:
            post = publisher.create_post(payload)
        else:
            post = publisher.update_post(current.remote_id, payload)
        _check_status(post, payload.status)
        return post

    def _untouched(
        self, article: Article, remote: RemotePostRecord, current: RemotePost, entry: OutboxEntry
    ) -> bool:
        """The article is word for word the one synced and the site's post unchanged:
        nothing to send but, perhaps, a status (a pulled post pushed back untouched)."""
        if changed_on_site(remote, current) or "future" in (entry.target_status, current.status):
            return False  # a date to send: a status alone would not move it
        if remote.synced_revision == article.revision:
            return True
        try:
            synced = self.store.get_revision(article.id, remote.synced_revision)
        except RevisionNotFound:
            return False
        return _same_words(synced, article)

    def _status_only(
        self, publisher: Publisher, current: RemotePost, entry: OutboxEntry
    ) -> RemotePost:
        if current.status == entry.target_status:
            return current
        repo.set_entry_state(self.store, entry.id, repo.SENDING, maybe_sent=True)
        return publisher.set_status(current.remote_id, _status(entry.target_status))

    def _payload(
        self,
        publisher: Publisher,
        site: SiteInfo,
        article: Article,
        entry: OutboxEntry,
        remote: RemotePostRecord | None,
        current: RemotePost | None,
    ) -> PostPayload:
        featured_id: int | None = None
        image = article.featured_image
        if image is not None:
            featured_id = self._media(
                publisher, site, image.path, alt=image.alt, caption=_caption(image)
            ).remote_id
        elif remote is not None and remote.synced_featured_media:
            # A post pulled from the site keeps its photo: newsdesk did not download it.
            featured_id = remote.synced_featured_media
        # The post as last synced: what the site had when the reporter's text was taken
        # from it, so that what they did not touch goes back byte for byte.
        base = post_from_record(remote) if remote is not None else None
        body = self._body_html(publisher, site, article, base)
        category_ids = self._term_ids(publisher, site, "categories", [article.category])
        tag_ids = self._term_ids(publisher, site, "tags", list(article.tags))
        status = _status(entry.target_status)
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
        return article_to_payload(
            article,
            body,
            category_ids=category_ids,
            tag_ids=tag_ids,
            featured_media_id=featured_id,
            status=status,
            date=date,
            base=base,
        )

    def _term_ids(
        self, publisher: Publisher, site: SiteInfo, kind: TermKind, names: list[str]
    ) -> list[int]:
        """The site's ids for ``names``: from the cache when known (each request costs
        on a weak link), asked for (get-or-create) otherwise. Names match with case,
        accents and spaces folded, as the site's get-or-create matches them: « Economie »
        is the site's « Économie ». A cached id the site no longer has is caught by the
        verification of the answer, and forgotten."""
        wanted = [n.strip() for n in names if n.strip()]
        terms = repo.cached_terms(self.store, site.name, kind)
        cached = {fold(name): i for i, name in terms}
        # An exact spelling wins over a folded one (two terms folding alike on the site).
        cached.update({name: i for i, name in terms})
        missing = [n for n in wanted if n not in cached and fold(n) not in cached]
        if missing:
            found = publisher.ensure_terms(kind, missing)
            repo.add_terms(self.store, site.name, kind, found)
            cached.update({fold(name): i for name, i in found.items()})
            cached.update(found)
        return list(dict.fromkeys(cached[n] if n in cached else cached[fold(n)] for n in wanted))

    def _body_html(
        self, publisher: Publisher, site: SiteInfo, article: Article, base: RemotePost | None
    ) -> str:
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
            media = self._media(publisher, site, path, alt="", caption="")
            urls[path] = media.url
            ids[media.url] = media.remote_id
        return body_content(
            article,
            base,
            finish=lambda fragment: resolve_media(fragment, lambda path: urls[path]),
            media_ids=ids,
        )

    def _media(
        self, publisher: Publisher, site: SiteInfo, path: str, *, alt: str, caption: str
    ) -> MediaRef:
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

    # --- unpublish --------------------------------------------------------------------

    def _unpublish(self, publisher: Publisher, entry: OutboxEntry) -> RemotePostRecord:
        remote = repo.get_remote_post(self.store, entry.article_id, entry.site)
        if remote is None:
            found = publisher.find_post_by_marker(entry.article_id)
            if found is None:
                raise NotOnSite(entry.article_id, entry.site)
            repo.set_entry_state(self.store, entry.id, repo.SENDING, maybe_sent=True)
            post = publisher.set_status(found.remote_id, "draft")
            return record_from_post(entry.article_id, entry.site, post, entry.article_revision)
        repo.set_entry_state(self.store, entry.id, repo.SENDING, maybe_sent=True)
        post = publisher.set_status(remote.remote_id, "draft")
        # Only the status and the dates are ours to record: the words stay the snapshot
        # last synced, so a change an editor made meanwhile is still seen as one at the
        # next update. The dates are the site's now: the date rule (outbox.date_on_site)
        # reads from them that a post taken back to draft keeps its date.
        return replace(
            remote,
            remote_status=post.status,
            link=post.link,
            synced_date_gmt=post.date_gmt,
            synced_modified_gmt=post.modified_gmt,
            synced_at=utcnow(),
        )


def _status(value: str) -> PostStatus:
    if value not in ("publish", "pending", "draft", "future"):
        raise ValueError(f"unknown status {value!r}")
    return value  # type: ignore[return-value]


def _check_status(post: RemotePost, wanted: PostStatus) -> None:
    accepted = {wanted} | ({"future"} if wanted == "publish" else set())
    if post.status not in accepted:
        raise PublishVerificationFailed(post.remote_id, {"status": wanted})


def _caption(image: object) -> str:
    caption = str(getattr(image, "caption", "")).strip()
    credit = str(getattr(image, "credit", "")).strip()
    return f"{caption} ({credit})" if caption and credit else caption or credit


def _process_alive(pid: int) -> bool:
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
