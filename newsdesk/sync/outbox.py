"""The outbox: every publishing action is a row in the store before anything is sent.

The window and the command line queue here; :class:`newsdesk.sync.worker.OutboxWorker`
drains. An article has at most one live action per site: queuing again replaces it
(publish after publish updates the revision to send, unpublish replaces a publish not
yet sent), except a conflict, which only :func:`newsdesk.sync.resolve.resolve_conflict`
may settle. What was sent, and what the site holds, is :func:`remote_state`.

- **Checked before queuing** (:mod:`newsdesk.sync.checks`): a correction is judged on
  what the reporter changed, and the rubrique against the site's categories; a refusal
  queues nothing.
- **The right moment**: :func:`send_now` makes every action waiting for its retry time
  due at once (``newsdesk sync``, the window's « Envoyer maintenant » and its
  reachability signal call it; the worker does so itself when a request succeeds).
- **The date on the site** is one rule, :func:`date_to_send` / :func:`date_on_site`,
  shared by the worker (what it sends) and the window (what the preview shows).
- **A change waiting to be sent**: an article edited since its last sync, with nothing
  queued, shows ``changed_locally`` (same words as the copy on the site: not changed).
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Literal

from newsdesk.core.article import WORD_FIELDS, Article, Status, utcnow
from newsdesk.core.errors import (
    InvalidSchedule,
    NotOnSite,
    NotPublishable,
    SiteNotChosen,
)
from newsdesk.storage import article_sites
from newsdesk.storage import outbox_repo as repo
from newsdesk.storage.outbox_repo import OutboxEntry, RemotePostRecord
from newsdesk.sync.checks import check_publish

# What the reporter sees (the state of each line) is states.py's; named here too, where
# the window and the command line look for it.
from newsdesk.sync.states import (
    DisplayState,
    RemoteState,
    SiteState,
    remote_state,
    remote_states,
    same_words,
)

__all__ = [
    "CLOCK_MARGIN",
    "TARGET_STATUSES",
    "WORD_FIELDS",
    "DisplayState",
    "RemoteState",
    "SiteState",
    "TargetStatus",
    "article_status_after",
    "choose_site",
    "date_on_site",
    "date_to_send",
    "entries",
    "next_due",
    "queue_publish",
    "queue_unpublish",
    "remote_state",
    "remote_states",
    "same_words",
    "send_now",
]

if TYPE_CHECKING:
    from newsdesk.storage.store import Store

TargetStatus = Literal["publish", "pending", "draft", "future"]
TARGET_STATUSES: tuple[TargetStatus, ...] = ("publish", "pending", "draft", "future")


#: How far a laptop's clock may run ahead of the site's without harm.
CLOCK_MARGIN = timedelta(minutes=3)


def choose_site(store: Store, site: str | None, article_id: str | None = None) -> str:
    """The site named; else the one the reporter chose for the article (in the window,
    ``storage.article_sites``); else the only one connected; ``SiteNotChosen``
    otherwise: nothing goes to a site nobody chose."""
    if site is not None:
        return repo.get_site(store, site).name
    if article_id is not None:
        chosen = article_sites.chosen_site(store, article_id)
        if chosen is not None:
            return chosen
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

    Refuses, queuing nothing: an article the site should not get (``NotPublishable``,
    listing every blocking problem; for a correction only those the reporter brought
    in, see :mod:`newsdesk.sync.checks`), a rubrique that is not one of the site's
    categories when the account may not create one (``UnknownRubrique``), and a
    schedule without an aware future date (``InvalidSchedule``). The row is committed
    when this returns; nothing has been sent.
    """
    if status not in TARGET_STATUSES:
        raise ValueError(f"unknown status {status!r}")
    article = store.get(article_id)
    name = choose_site(store, site, article.id)
    check = check_publish(store, article, name)
    if check.blocking or check.blocks(status):
        raise NotPublishable(
            article.id,
            [(p.field, p.code) for p in check.blocking],
            [(p.field, p.code, p.detail) for p in check.checklist] if check.blocks(status) else [],
        )
    if check.unknown_rubrique is not None:
        raise check.unknown_rubrique
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
        site=name,
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
    name = choose_site(store, site, article.id)
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


def send_now(store: Store) -> int:
    """Every action waiting for its retry time (``waiting_network``, or ``queued`` after
    a failure) is due at once; returns how many. Conflicts, actions that need a password
    and failed ones are left alone: they wait for the reporter, not for the network.
    The caller drains next (``newsdesk sync`` does; the window on its reachability
    signal and « Envoyer maintenant »)."""
    return repo.make_due_now(store)


# --- The date the site shows ---------------------------------------------------------------


def date_to_send(
    site_status: str | None,
    site_date: datetime | None,
    target_status: str,
    at: datetime | None,
    now: datetime,
) -> datetime | None:
    """The ``date_gmt`` a publish sends, given the post as the site holds it (``None``
    status: not on the site yet). None lets the site put its own clock's moment.

    - ``future``: the scheduled moment ``at``.
    - ``publish`` of a post live on the site (a correction): the site's date, kept.
    - ``publish`` of a scheduled post ("publish now"): a few minutes back from ``now``,
      so that a laptop clock a little ahead of the site's does not schedule it again.
    - Anything else (a first publish, a draft or a post in review going live): None,
      the moment of publishing by the site's clock, whatever date the article carries.
    """
    if target_status == "future":
        return at
    if target_status == "publish" and site_status == "publish":
        return site_date
    if target_status == "publish" and site_status == "future":
        return now - CLOCK_MARGIN
    return None


def date_on_site(
    article: Article,
    remote: RemotePostRecord | None,
    target_status: str,
    at: datetime | None,
    now: datetime,
) -> datetime:
    """The date the site will show once this action is done: what the preview should
    show before publishing (aware, UTC). The same rule as the worker's, :func:`date_to_send`:

    - a first "publish now" goes out at the moment of publishing (``now``), whatever
      fixed date, past or not, the article carries; after it, the article takes the
      site's own date;
    - a correction keeps the site's date;
    - a schedule shows its scheduled date (``at``, else the article's date);
    - a live post sent back for review or to draft keeps its date, and so does a draft
      or a post in review that the site gave a fixed date (one published before and
      taken back, or dated in wp-admin): WordPress does not move them.
    """
    site_status = remote.remote_status if remote is not None else None
    site_date = remote.synced_date_gmt if remote is not None else None
    if target_status == "future" and at is None:
        # An aware date: UTC+0 (Bamako, Dakar) is an offset too, not a missing one.
        aware = article.date is not None and article.date.utcoffset() is not None
        at = article.date if aware else now
    sent = date_to_send(site_status, site_date, target_status, at, now)
    if sent is not None:
        return sent.astimezone(UTC)
    if remote is not None and _fixed_date(remote):
        assert site_date is not None
        return site_date.astimezone(UTC)
    return now.astimezone(UTC)


def _fixed_date(remote: RemotePostRecord) -> bool:
    """Whether WordPress holds a fixed date for the post, one it keeps when the post
    changes status without a date sent. A live or scheduled post has one. A draft's
    date "floats" (it is the time of its last save, and publishing replaces it): then
    its date and its modification time are the same second. A date set apart from
    saving (a post published before, then taken back to draft; a date typed in
    wp-admin) stays."""
    date, modified = remote.synced_date_gmt, remote.synced_modified_gmt
    if date is None:
        return False
    if remote.remote_status in ("publish", "future"):
        return True
    if remote.remote_status not in ("draft", "pending", "private") or modified is None:
        return False
    return abs(date - modified) >= timedelta(seconds=1)


def article_status_after(action: str, site_status: str, current: Status) -> Status:
    """The article's own status once an action is done and the site holds the post with
    ``site_status``: « Publié », « Programmé », « En relecture », or back to « Brouillon »
    when unpublished. A draft on the site leaves a local « Prêt » alone."""
    if action == "unpublish":
        return Status.DRAFT
    shown = _SITE_STATUS.get(site_status)
    if shown is not None:
        return shown
    if current in (Status.PUBLISHED, Status.SCHEDULED, Status.PENDING):
        return Status.DRAFT  # no longer live nor in review on the site
    return current


_SITE_STATUS: dict[str, Status] = {
    "publish": Status.PUBLISHED,
    "future": Status.SCHEDULED,
    "pending": Status.PENDING,
}
