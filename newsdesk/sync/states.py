"""What the reporter sees of an article on each site: the outbox's entry if one is live,
else where the post stands since the last sync, or a change waiting to be sent.

``remote_state`` is one article's line per site (the window's status, ``newsdesk
status``); ``remote_states`` the one state of every article, in a few queries (the
library's column). Re-exported by :mod:`newsdesk.sync.outbox`, where callers find them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Literal

from newsdesk.core.article import WORD_FIELDS, Article
from newsdesk.core.errors import RevisionNotFound
from newsdesk.storage import outbox_repo as repo
from newsdesk.storage.outbox_repo import RemotePostRecord

if TYPE_CHECKING:
    from newsdesk.storage.store import Store

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
    # On the site, and edited here since: a change waiting to be sent (publish again).
    "changed_locally",
]

# ``WORD_FIELDS`` (the article's fields a post is made of: the same in both copies means
# nothing to send but a status) is declared with the article's fields. Dates are the
# site's business (see ``date_on_site``).


def same_words(a: Article, b: Article) -> bool:
    return all(getattr(a, k) == getattr(b, k) for k in WORD_FIELDS)


def _changed_since_sync(store: Store, remotes: list[RemotePostRecord]) -> set[tuple[str, str]]:
    """``(article_id, site)`` of the posts whose article was edited here since the last
    sync: a newer revision with other words than the synced one."""
    revisions = repo.article_revisions(store, {r.article_id for r in remotes})
    changed: set[tuple[str, str]] = set()
    for remote in remotes:
        revision = revisions.get(remote.article_id)
        if revision is None or remote.synced_revision < 1 or revision <= remote.synced_revision:
            continue
        try:
            synced = store.get_revision(remote.article_id, remote.synced_revision)
            current = store.get_revision(remote.article_id, revision)
        except RevisionNotFound:
            changed.add((remote.article_id, remote.site))  # no way to tell: say it may be
            continue
        if not same_words(synced, current):
            changed.add((remote.article_id, remote.site))
    return changed


def remote_states(store: Store) -> dict[str, DisplayState]:
    """The one state to show for every article ever queued or sent (the library's
    column), in a few queries whatever the number of articles."""
    lines: dict[str, list[SiteState]] = {}
    locked = {s.name for s in repo.list_sites(store) if s.needs_password}
    live_states = [s for s in repo.STATES if s != repo.DONE]
    live = {(e.article_id, e.site): e for e in repo.list_entries(store, states=live_states)}
    settled = [r for r in repo.all_remote_posts(store) if (r.article_id, r.site) not in live]
    changed = _changed_since_sync(store, settled)
    for remote in settled:
        state = _settled_state(remote, (remote.article_id, remote.site) in changed)
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
    #: The site's kind (``"wordpress"``, ``"ghost"``): its secret is worded after it.
    site_kind: str = "wordpress"


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
            "changed_locally",
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


def _settled_state(remote: RemotePostRecord, changed_here: bool) -> DisplayState:
    """A post with nothing queued for it: where it stands on the site, or, when the
    article was edited since (and the site shows it or will), a change to send."""
    if changed_here and remote.remote_status in ("publish", "future", "pending"):
        return "changed_locally"
    return _REMOTE_DISPLAY.get(remote.remote_status, "on_site")


def remote_state(store: Store, article_id: str) -> RemoteState:
    remotes = {r.site: r for r in repo.remote_posts_of(store, article_id)}
    live = {e.site: e for e in repo.list_entries(store, article_id=article_id) if e.live}
    connected = repo.list_sites(store)
    needs_password = {s.name for s in connected if s.needs_password}
    kinds = {s.name: s.kind for s in connected}
    changed = _changed_since_sync(store, [r for s, r in remotes.items() if s not in live])
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
            state = _settled_state(remote, (article_id, site) in changed)
        else:
            state = "not_sent"
        lines.append(
            SiteState(
                site=site,
                state=state,
                site_kind=kinds.get(site, "wordpress"),
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
