"""Settling a conflict: the post changed on the site since newsdesk last synced it.

Three choices, each explicit, none silent:

- ``keep_mine``: the reporter's version goes out, replacing the site's changes.
- ``take_theirs``: the site's version becomes a new revision of the local article (the
  reporter's own text stays in the history) and nothing is sent.
- ``merge``: field by field, three-way, with the last synced version as the base: what
  only one side changed is taken from it; the body is merged line by line, with
  conflict markers only where both changed the same lines. A clean merge goes out; a
  merge with markers is saved locally and waits for the reporter (state ``failed``,
  code ``merge_markers``) — conflict markers never reach a live site.

The site's post and the base are brought to the article's form with ``post_to_article``
and the reporter's body through the same HTML round trip, so the three texts compared
are written the same way and formatting alone never looks like a change.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Literal

from merge3 import Merge3

from newsdesk.core.article import MERGED_FIELDS, Article
from newsdesk.core.errors import NothingToResolve, RevisionNotFound
from newsdesk.core.fields import Merge
from newsdesk.publishing.base import Publisher, RemotePost
from newsdesk.publishing.mapping import post_to_article
from newsdesk.render import render_body
from newsdesk.render.html_to_markdown import html_to_markdown
from newsdesk.storage import outbox_repo as repo
from newsdesk.storage.outbox_repo import OutboxEntry
from newsdesk.storage.store import Store
from newsdesk.sync.outbox import article_status_after
from newsdesk.sync.sites import term_names
from newsdesk.sync.snapshot import post_from_record, record_from_post

Choice = Literal["keep_mine", "take_theirs", "merge"]
CHOICES: tuple[Choice, ...] = ("keep_mine", "take_theirs", "merge")

MINE_LABEL = "newsdesk"
THEIRS_LABEL = "site"


@dataclass(frozen=True, slots=True)
class ConflictSides:
    """Both versions, for the reporter to compare before choosing."""

    mine: Article
    theirs: Article
    base: Article | None
    site_post: RemotePost


@dataclass(frozen=True, slots=True)
class Resolution:
    choice: Choice
    entry: OutboxEntry
    article: Article
    #: False when the merged body kept conflict markers (nothing was queued).
    clean: bool = True


def _conflict_entry(store: Store, article_id: str, site: str) -> OutboxEntry:
    entry = repo.live_entry(store, article_id, site)
    if entry is None or entry.state != repo.CONFLICT:
        raise NothingToResolve(article_id, site)
    return entry


def conflict_sides(store: Store, publisher: Publisher, article_id: str, site: str) -> ConflictSides:
    _conflict_entry(store, article_id, site)
    mine = store.get(article_id)
    remote = repo.get_remote_post(store, article_id, site)
    current = publisher.get_post(remote.remote_id) if remote else None
    if remote is None or current is None:
        raise NothingToResolve(article_id, site)
    theirs = _as_article(store, publisher, site, current, mine)
    base = _as_article(store, publisher, site, post_from_record(remote), mine)
    return ConflictSides(mine=mine, theirs=theirs, base=base, site_post=current)


def _as_article(
    store: Store, publisher: Publisher, site: str, post: RemotePost, mine: Article
) -> Article:
    categories, tags = term_names(store, publisher, site, post)
    article = post_to_article(
        post,
        category_names=categories,
        tag_names=tags,
        language=mine.language,
        article_id=mine.id,
    )
    # What the post cannot say (newsdesk did not download the photo; no dateline field).
    if set(article.tags) == set(mine.tags):
        article.tags = list(mine.tags)  # the site sorts them: not a change
    article.featured_image = mine.featured_image
    article.dateline = mine.dateline
    article.extra = dict(mine.extra)
    article.date = mine.date if article.date is None else article.date
    return article


def resolve_conflict(
    store: Store, article_id: str, site: str, choice: Choice, *, publisher: Publisher
) -> Resolution:
    """Settle the conflict of ``article_id`` on ``site`` as ``choice`` says.

    Reads the site's post now (the network is needed: a choice is made on what the
    site holds at this moment). ``keep_mine`` and a clean ``merge`` leave the action
    queued for the worker; the snapshot becomes the site's current post, so that a
    further change on the site meanwhile is, again, a conflict.
    """
    if choice not in CHOICES:
        raise ValueError(f"unknown choice {choice!r}")
    entry = _conflict_entry(store, article_id, site)
    remote = repo.get_remote_post(store, article_id, site)
    if remote is None:
        raise NothingToResolve(article_id, site)
    current = publisher.get_post(remote.remote_id)
    mine = store.get(article_id)

    if choice == "keep_mine":
        # Revision 0 (never saved) as the synced one: the worker must push the reporter's
        # version even when it is the very revision synced before the site changed.
        repo.save_remote_post(store, record_from_post(article_id, site, current, 0))
        queued = _requeue(store, entry, mine.revision)
        return Resolution(choice, queued, mine)

    theirs = _as_article(store, publisher, site, current, mine)
    if choice == "take_theirs":
        theirs.revision = mine.revision
        theirs.created_at = mine.created_at
        # The article follows the site: its status too (its date came with the post).
        theirs.status = article_status_after("publish", current.status, mine.status)
        saved = store.save(theirs)
        repo.save_remote_post(store, record_from_post(article_id, site, current, saved.revision))
        repo.set_entry_state(
            store,
            entry.id,
            repo.DONE,
            last_error_code="took_theirs",
            last_error_message=None,
            maybe_sent=False,
        )
        done = repo.get_entry(store, entry.id)
        assert done is not None
        return Resolution(choice, done, saved)

    base_site = _as_article(store, publisher, site, post_from_record(remote), mine)
    try:
        base_local = store.get_revision(article_id, remote.synced_revision)
    except RevisionNotFound:
        base_local = base_site
    merged, clean = merge_articles(base_local, base_site, mine, theirs)
    merged.revision = mine.revision
    merged.created_at = mine.created_at
    saved = store.save(merged)
    repo.save_remote_post(
        store, record_from_post(article_id, site, current, remote.synced_revision)
    )
    if clean:
        return Resolution(choice, _requeue(store, entry, saved.revision), saved, clean=True)
    repo.set_entry_state(
        store,
        entry.id,
        repo.FAILED,
        last_error_code="merge_markers",
        last_error_message="both sides changed the same lines: edit the article, then publish",
    )
    failed = repo.get_entry(store, entry.id)
    assert failed is not None
    return Resolution(choice, failed, saved, clean=False)


def _requeue(store: Store, entry: OutboxEntry, revision: int) -> OutboxEntry:
    return repo.upsert_entry(
        store,
        article_id=entry.article_id,
        site=entry.site,
        action=entry.action,
        target_status=entry.target_status,
        scheduled_at=entry.scheduled_at,
        article_revision=revision,
        keep_conflict=False,
    )


# --- The merge itself ---------------------------------------------------------------------


def normal_body(article: Article) -> str:
    """The body as it comes back from the site: through the renderer and back."""
    return html_to_markdown(
        render_body(article.body, article.language), french=article.language.value == "fr"
    )


def merge_text(base: str, mine: str, theirs: str) -> tuple[str, bool]:
    """Line-wise three-way merge; (text, clean)."""
    if mine == theirs or theirs == base:
        return mine, True
    if mine == base:
        return theirs, True
    merger = Merge3(
        base.splitlines(keepends=True),
        mine.splitlines(keepends=True),
        theirs.splitlines(keepends=True),
    )
    clean = all(group[0] != "conflict" for group in merger.merge_groups())
    lines = merger.merge_lines(name_a=MINE_LABEL, name_b=THEIRS_LABEL)
    return "".join(lines), clean


def merge_list(base: list[str], mine: list[str], theirs: list[str]) -> list[str]:
    """Tags: what either side added, minus what either side removed; mine's order first."""
    kept = [t for t in mine if t in theirs or t not in base]
    return kept + [t for t in theirs if t not in base and t not in kept]


def merge_articles(
    base_local: Article, base_site: Article, mine: Article, theirs: Article
) -> tuple[Article, bool]:
    """``mine`` with the site's changes brought in. A side "changed" a field when it
    differs from its own form of the base: ``base_local`` (the revision synced) for
    mine, ``base_site`` (the synced post, as an article) for the site's."""
    merged = replace(mine, tags=list(mine.tags))
    clean = True
    for field in MERGED_FIELDS:
        name = field.name
        b_mine, b_site = getattr(base_local, name), getattr(base_site, name)
        m, t = getattr(mine, name), getattr(theirs, name)
        if t == b_site:
            continue  # the site left it: mine stands
        if m == b_mine:
            setattr(merged, name, list(t) if field.merge is Merge.NAMES else t)
            continue
        if field.merge is Merge.NAMES:
            setattr(merged, name, merge_list(b_site, m, t))
            continue
        if field.merge is Merge.MARKDOWN:
            m = normal_body(mine)
        text, ok = merge_text(b_site, m, t)
        setattr(merged, name, text)
        clean = clean and ok
    return merged, clean
