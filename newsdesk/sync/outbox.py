"""The outbox: every publishing action is a row in the store before anything is sent.

The window and the command line queue here; :class:`newsdesk.sync.worker.OutboxWorker`
drains. An article has at most one live action per site: queuing again replaces it
(publish after publish updates the revision to send, unpublish replaces a publish not
yet sent), except a conflict, which only :func:`newsdesk.sync.resolve.resolve_conflict`
may settle. What was sent, and what the site holds, is :func:`remote_state`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Literal

from newsdesk.core import rules
from newsdesk.core.article import utcnow
from newsdesk.core.errors import (
    InvalidSchedule,
    NotOnSite,
    NotPublishable,
    SiteNotChosen,
)
from newsdesk.storage import outbox_repo as repo
from newsdesk.storage.outbox_repo import OutboxEntry

if TYPE_CHECKING:
    from newsdesk.storage.store import Store

TargetStatus = Literal["publish", "pending", "draft", "future"]
TARGET_STATUSES: tuple[TargetStatus, ...] = ("publish", "pending", "draft", "future")

#: What the reporter sees for an article on one site, from the outbox and the last sync.
DisplayState = Literal[
    "not_sent",
    "queued",
    "sending",
    "waiting_network",
    "on_site",
    "scheduled",
    "pending_review",
    "draft_on_site",
    "failed",
    "needs_password",
    "conflict",
]


def choose_site(store: Store, site: str | None) -> str:
    """The site named, or the only one connected; ``SiteNotChosen`` otherwise."""
    if site is not None:
        return repo.get_site(store, site).name
    names = [s.name for s in repo.list_sites(store)]
    if len(names) != 1:
        raise SiteNotChosen(names)
    return names[0]


def queue_publish(
    store: Store,
    article_id: str,
    site: str | None,
    status: TargetStatus = "publish",
    at: datetime | None = None,
    *,
    now: datetime | None = None,
) -> OutboxEntry:
    """Queue the article's current revision to go to ``site`` with ``status``.

    Refuses (``NotPublishable``, listing every blocking problem) an article the site
    should not get, and a schedule without an aware future date (``InvalidSchedule``).
    The row is committed when this returns; nothing has been sent.
    """
    if status not in TARGET_STATUSES:
        raise ValueError(f"unknown status {status!r}")
    article = store.get(article_id)
    problems = [
        (p.field, p.code)
        for p in rules.validate(article, for_publishing=True)
        if p.severity == "error"
    ]
    if problems:
        raise NotPublishable(article.id, problems)
    if status == "future":
        if at is None:
            raise InvalidSchedule("missing_date")
        if at.utcoffset() is None:
            raise InvalidSchedule("naive_date")
        if at <= (now or utcnow()):
            raise InvalidSchedule("past_date")
    elif at is not None:
        raise InvalidSchedule("date_not_expected")
    return repo.upsert_entry(
        store,
        article_id=article.id,
        site=choose_site(store, site),
        action="publish",
        target_status=status,
        scheduled_at=at,
        article_revision=article.revision,
    )


def queue_unpublish(store: Store, article_id: str, site: str | None) -> OutboxEntry:
    """Queue taking the post back to a draft on the site. The article must have been
    sent there (or be on its way: then the unpublish replaces the publish not yet
    done, and the worker looks the post up in case it went out)."""
    article = store.get(article_id)
    name = choose_site(store, site)
    remote = repo.get_remote_post(store, article.id, name)
    live = repo.live_entry(store, article.id, name)
    if remote is None and (live is None or not live.maybe_sent):
        if live is not None and live.action == "publish":
            # Never sent at all: forgetting the publish is the whole unpublish.
            repo.set_entry_state(store, live.id, repo.DONE, last_error_code="cancelled")
            done = repo.get_entry(store, live.id)
            assert done is not None
            return done
        raise NotOnSite(article.id, name)
    return repo.upsert_entry(
        store,
        article_id=article.id,
        site=name,
        action="unpublish",
        target_status="draft",
        scheduled_at=None,
        article_revision=article.revision,
    )


def entries(
    store: Store,
    *,
    article_id: str | None = None,
    site: str | None = None,
    live_only: bool = False,
) -> list[OutboxEntry]:
    states = [s for s in repo.STATES if s != repo.DONE] if live_only else None
    return repo.list_entries(store, article_id=article_id, site=site, states=states)


def next_due(store: Store) -> datetime | None:
    """When the worker next has something to do (None: nothing waits for a retry).
    Queued entries are due at once; this is for the window's timer after a failure."""
    locked = {s.name for s in repo.list_sites(store) if s.needs_password}
    waiting = [
        e.next_attempt_at or utcnow()
        for e in repo.list_entries(store, states=list(repo.RUNNABLE))
        if e.site not in locked
    ]
    return min(waiting, default=None)


def remote_states(store: Store) -> dict[str, DisplayState]:
    """The one state to show for every article ever queued or sent (the library's
    column), in a few queries whatever the number of articles."""
    lines: dict[str, list[SiteState]] = {}
    locked = {s.name for s in repo.list_sites(store) if s.needs_password}
    live = {(e.article_id, e.site): e for e in entries(store, live_only=True)}
    for remote in repo.all_remote_posts(store):
        if (remote.article_id, remote.site) not in live:
            state = _REMOTE_DISPLAY.get(remote.remote_status, "on_site")
            lines.setdefault(remote.article_id, []).append(SiteState(remote.site, state))
    for (article_id, site), entry in live.items():
        shown: DisplayState = entry.state  # type: ignore[assignment]
        if entry.state == repo.QUEUED and site in locked:
            shown = "needs_password"
        lines.setdefault(article_id, []).append(SiteState(site, shown))
    return {a: RemoteState(a, sites).state for a, sites in lines.items()}


@dataclass(frozen=True, slots=True)
class SiteState:
    site: str
    state: DisplayState
    remote_id: int | None = None
    link: str | None = None
    remote_status: str | None = None
    action: str | None = None
    target_status: str | None = None
    scheduled_at: datetime | None = None
    error_code: str | None = None
    error_message: str | None = None
    next_attempt_at: datetime | None = None
    attempts: int = 0
    synced_revision: int | None = None


@dataclass(frozen=True, slots=True)
class RemoteState:
    """An article's state on every site it was queued for or sent to."""

    article_id: str
    sites: list[SiteState] = field(default_factory=list)

    @property
    def state(self) -> DisplayState:
        """The one state to show when there is a single line: the most urgent."""
        order: list[DisplayState] = [
            "needs_password",
            "conflict",
            "failed",
            "sending",
            "waiting_network",
            "queued",
            "scheduled",
            "pending_review",
            "draft_on_site",
            "on_site",
        ]
        present = {s.state for s in self.sites}
        return next((s for s in order if s in present), "not_sent")

    def on(self, site: str) -> SiteState:
        return next((s for s in self.sites if s.site == site), SiteState(site, "not_sent"))


_REMOTE_DISPLAY: dict[str, DisplayState] = {
    "publish": "on_site",
    "future": "scheduled",
    "pending": "pending_review",
    "draft": "draft_on_site",
    "private": "draft_on_site",
}


def remote_state(store: Store, article_id: str) -> RemoteState:
    remotes = {r.site: r for r in repo.remote_posts_of(store, article_id)}
    live = {e.site: e for e in repo.list_entries(store, article_id=article_id) if e.live}
    needs_password = {s.name for s in repo.list_sites(store) if s.needs_password}
    lines: list[SiteState] = []
    for site in sorted(set(remotes) | set(live)):
        remote, entry = remotes.get(site), live.get(site)
        state: DisplayState
        if entry is not None:
            if entry.state == repo.QUEUED and site in needs_password:
                state = "needs_password"
            else:
                state = entry.state  # type: ignore[assignment]  # same words, by design
        elif remote is not None:
            state = _REMOTE_DISPLAY.get(remote.remote_status, "on_site")
        else:
            state = "not_sent"
        lines.append(
            SiteState(
                site=site,
                state=state,
                remote_id=remote.remote_id if remote else None,
                link=remote.link if remote else None,
                remote_status=remote.remote_status if remote else None,
                action=entry.action if entry else None,
                target_status=entry.target_status if entry else None,
                scheduled_at=entry.scheduled_at if entry else None,
                error_code=entry.last_error_code if entry else None,
                error_message=entry.last_error_message if entry else None,
                next_attempt_at=entry.next_attempt_at if entry else None,
                attempts=entry.attempts if entry else 0,
                synced_revision=remote.synced_revision if remote else None,
            )
        )
    return RemoteState(article_id=article_id, sites=lines)
