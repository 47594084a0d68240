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
import random
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta

from newsdesk.core.article import Article, Status, utcnow
from newsdesk.core.errors import (
    ArticleNotFound,
    NotOnSite,
    PublishVerificationFailed,
    RevisionNotFound,
)
from newsdesk.publishing.base import Publisher, RemotePost, SiteAccount
from newsdesk.storage import outbox_repo as repo
from newsdesk.storage.outbox_repo import OutboxEntry, RemotePostRecord, SiteInfo
from newsdesk.storage.store import Store
from newsdesk.sync.backoff import BACKOFF_BASE, BACKOFF_CAP, RETRY_AFTER_CAP, backoff_delay
from newsdesk.sync.claims import CLAIM_LEASE, may_take, worker_token
from newsdesk.sync.failures import (
    PostChangedOnSite,
    after_verification_failure,
    classify,
    verification_state,
)
from newsdesk.sync.outbox import article_status_after, date_to_send, send_now
from newsdesk.sync.outbox import same_words as _same_words
from newsdesk.sync.payload import PayloadBuilder, check_status, post_status
from newsdesk.sync.snapshot import changed_on_site, matches_payload, record_from_post

# The backoff is sync/backoff.py's, the claims sync/claims.py's; their names stay
# importable from here.
__all__ = [
    "BACKOFF_BASE",
    "BACKOFF_CAP",
    "CLAIM_LEASE",
    "ActionResult",
    "DrainReport",
    "OutboxWorker",
    "backoff_delay",
]

log = logging.getLogger(__name__)

Clock = Callable[[], datetime]


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
        self.token = worker_token()
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
        return may_take(self.store, entry, self.token, self.clock)

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
        except Exception as exc:
            return self._failed(claimed, exc)
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
            # (UTC+0, Bamako's or Dakar's, is a zone: ``utcoffset()`` is zero, not None.)
            aware = article.date is not None and article.date.utcoffset() is not None
            zone = article.date.tzinfo if aware and article.date else None
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

    def _retry(
        self, entry: OutboxEntry, code: str, message: str, retry_after: float | None = None
    ) -> ActionResult:
        delay = backoff_delay(entry.attempts, self.rng)
        if retry_after is not None:
            # The site's Retry-After (a 429, a 503) is a floor, kept under RETRY_AFTER_CAP:
            # a site asking for a day must not keep the article from ever leaving.
            delay = max(delay, min(timedelta(seconds=retry_after), RETRY_AFTER_CAP))
        when = self.clock() + delay
        return self._finish(
            entry, repo.WAITING_NETWORK, code=code, message=message, next_attempt_at=when
        )

    def _failed(self, entry: OutboxEntry, exc: Exception) -> ActionResult:
        """The attempt raised: the entry takes the state ``failures.classify`` says."""
        failure = classify(exc)
        if failure.unexpected:
            log.exception("outbox entry %s failed unexpectedly", entry.id, exc_info=exc)
        if failure.needs_password:
            repo.set_needs_password(self.store, entry.site, True)
        if failure.drop_publisher:
            self._drop_publisher(entry.site)
        if failure.retry:
            return self._retry(entry, failure.code, failure.message, failure.retry_after)
        state = failure.state
        if isinstance(exc, PublishVerificationFailed):
            publisher = self._publishers.get(entry.site)
            stale = after_verification_failure(self.store, publisher, entry, exc)
            state = verification_state(stale, entry.attempts)
        return self._finish(
            entry,
            state,
            code=failure.code,
            message=failure.message,
            drop_remote=failure.drop_remote,
        )

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
                raise PostChangedOnSite(current)
            if self._untouched(article, remote, current, entry):
                return self._status_only(publisher, current, entry)

        payload = PayloadBuilder(self.store, publisher, site).payload(
            article, entry, remote, current
        )
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
            raise PostChangedOnSite(current)
        repo.set_entry_state(self.store, entry.id, repo.SENDING, maybe_sent=True)
        if current is None:
            post = publisher.create_post(payload)
        else:
            post = publisher.update_post(current.remote_id, payload)
        check_status(post, payload.status)
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
        return publisher.set_status(current.remote_id, post_status(entry.target_status))

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
