"""Publishing's tables on a real SQLite store: sites, terms, the outbox, remote posts, media.

The repository keeps no rule of its own beyond what the rows promise (one live entry per
article and site, generations, claims); the rules are ``newsdesk.sync``'s.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from newsdesk.core.article import Article
from newsdesk.core.errors import SiteExists, SiteNotFound
from newsdesk.core.sites import SiteAccount
from newsdesk.storage import outbox_repo as repo
from newsdesk.storage.outbox_repo import OutboxEntry, RemoteMediaRecord, RemotePostRecord
from newsdesk.storage.store import Store

T0 = datetime(2026, 11, 27, 10, 0, tzinfo=UTC)


def _site(store: Store, name: str = "actu", **changes: object) -> repo.SiteInfo:
    values: dict[str, object] = {
        "name": name,
        "kind": "wordpress",
        "site_url": f"https://{name}.example",
        "api_root": f"https://{name}.example/wp-json/",
        "username": "aicha",
        "user_id": 7,
        "display_name": "Aïcha",
        "roles": ["author"],
        "can_publish": True,
    }
    values.update(changes)
    return repo.insert_site(store, **values)  # type: ignore[arg-type]


def _queue(store: Store, article_id: str, site: str = "actu", **changes: object) -> OutboxEntry:
    values: dict[str, object] = {
        "article_id": article_id,
        "site": site,
        "action": "publish",
        "target_status": "publish",
        "scheduled_at": None,
        "article_revision": 1,
    }
    values.update(changes)
    return repo.upsert_entry(store, **values)  # type: ignore[arg-type]


def _record(article_id: str, site: str = "actu", **changes: object) -> RemotePostRecord:
    values: dict[str, object] = {
        "article_id": article_id,
        "site": site,
        "remote_id": 61,
        "link": "https://actu.example/?p=61",
        "remote_status": "publish",
        "synced_revision": 1,
        "synced_content_hash": "0" * 64,
        "synced_modified_gmt": T0,
        "synced_date_gmt": T0,
        "synced_title": "Mali : Lavrov à Bamako",
        "synced_content": "<p>Texte</p>",
        "synced_excerpt": "Chapeau",
        "synced_slug": "mali-lavrov",
        "synced_terms": {"categories": [3], "tags": [20, 21]},
        "synced_featured_media": 9,
        "synced_at": T0,
    }
    values.update(changes)
    return RemotePostRecord(**values)  # type: ignore[arg-type]


# --- Sites ---------------------------------------------------------------------------------


def test_a_site_is_remembered_without_its_password(store: Store) -> None:
    added = _site(store, roles=["author", "contributor"], can_publish=False)
    assert added == repo.get_site(store, "actu")
    assert added.roles == ("author", "contributor")
    assert not added.can_publish and not added.needs_password
    assert added.added_at.tzinfo is not None
    assert added.account == SiteAccount("actu", "https://actu.example/wp-json/", "aicha")


def test_sites_are_listed_by_name_and_each_name_is_taken_once(store: Store) -> None:
    _site(store, "zinder")
    _site(store, "actu")
    assert [s.name for s in repo.list_sites(store)] == ["actu", "zinder"]
    with pytest.raises(SiteExists):
        _site(store, "actu")
    with pytest.raises(SiteNotFound):
        repo.get_site(store, "nowhere")


def test_the_identity_is_updated_and_an_unknown_site_refused(store: Store) -> None:
    _site(store)
    repo.update_site_identity(
        store, "actu", user_id=8, display_name="A. Barma", roles=["editor"], can_publish=True
    )
    site = repo.get_site(store, "actu")
    assert (site.user_id, site.display_name, site.roles) == (8, "A. Barma", ("editor",))
    with pytest.raises(SiteNotFound):
        repo.update_site_identity(
            store, "nowhere", user_id=1, display_name="", roles=[], can_publish=False
        )


def test_a_new_password_puts_what_waited_for_it_back_in_the_queue(
    store: Store, lavrov: Article
) -> None:
    _site(store)
    entry = _queue(store, lavrov.id)
    repo.set_entry_state(store, entry.id, repo.NEEDS_PASSWORD, next_attempt_at=T0)
    repo.set_needs_password(store, "actu", True)
    assert repo.get_site(store, "actu").needs_password
    assert repo.get_entry(store, entry.id).state == repo.NEEDS_PASSWORD  # type: ignore[union-attr]

    repo.set_needs_password(store, "actu", False)

    back = repo.get_entry(store, entry.id)
    assert back is not None and back.state == repo.QUEUED and back.next_attempt_at is None
    assert not repo.get_site(store, "actu").needs_password
    with pytest.raises(SiteNotFound):
        repo.set_needs_password(store, "nowhere", True)


def test_forgetting_a_site_forgets_everything_of_it_but_the_articles(
    store: Store, lavrov: Article
) -> None:
    store.create(lavrov)
    _site(store)
    _site(store, "zinder")
    _queue(store, lavrov.id)
    _queue(store, lavrov.id, site="zinder")
    repo.save_remote_post(store, _record(lavrov.id))
    repo.save_remote_media(store, RemoteMediaRecord("actu", "a" * 64, 9, "https://x/a.jpg", "", ""))
    repo.replace_terms(store, "actu", "tags", [(20, "Mali")])

    removed = repo.delete_site(store, "actu")

    assert removed.name == "actu"
    assert [s.name for s in repo.list_sites(store)] == ["zinder"]
    assert [e.site for e in repo.list_entries(store)] == ["zinder"]
    assert repo.get_remote_post(store, lavrov.id, "actu") is None
    assert repo.get_remote_media(store, "actu", "a" * 64) is None
    assert repo.cached_terms(store, "actu", "tags") == []
    assert store.get(lavrov.id).title == lavrov.title
    with pytest.raises(SiteNotFound):
        repo.delete_site(store, "actu")


# --- Terms ---------------------------------------------------------------------------------


def test_terms_are_cached_per_kind_and_the_full_list_dated(store: Store) -> None:
    _site(store)
    assert repo.terms_refreshed_at(store, "actu") is None
    repo.add_terms(store, "actu", "tags", {"Niger": 22})
    assert repo.terms_refreshed_at(store, "actu") is None  # met while publishing: no list

    repo.replace_terms(store, "actu", "tags", [(21, "Russie"), (20, "Mali")])
    repo.replace_terms(store, "actu", "categories", [(3, "Politique")])

    assert repo.cached_terms(store, "actu", "tags") == [(20, "Mali"), (21, "Russie")]
    assert repo.cached_terms(store, "actu", "categories") == [(3, "Politique")]
    assert repo.terms_refreshed_at(store, "actu") is not None

    repo.add_terms(store, "actu", "tags", {"Niger": 22})
    repo.forget_terms(store, "actu", "tags", [21])
    assert repo.cached_terms(store, "actu", "tags") == [(20, "Mali"), (22, "Niger")]
    with pytest.raises(SiteNotFound):
        repo.terms_refreshed_at(store, "nowhere")


# --- The outbox ----------------------------------------------------------------------------


def test_one_live_entry_per_article_and_site(store: Store, lavrov: Article) -> None:
    _site(store)
    first = _queue(store, lavrov.id)
    assert (first.state, first.attempts, first.generation, first.live) == (repo.QUEUED, 0, 0, True)

    again = _queue(store, lavrov.id, article_revision=2, target_status="pending")

    assert again.id == first.id
    assert again.generation == first.generation + 1
    assert (again.article_revision, again.target_status) == (2, "pending")
    assert repo.live_entry(store, lavrov.id, "actu") == again
    assert repo.live_entry(store, lavrov.id, "zinder") is None
    with pytest.raises(SiteNotFound):
        _queue(store, lavrov.id, site="zinder")


def test_a_done_entry_is_history_and_the_next_action_a_new_row(
    store: Store, lavrov: Article
) -> None:
    _site(store)
    first = _queue(store, lavrov.id)
    repo.set_entry_state(store, first.id, repo.DONE)
    second = _queue(store, lavrov.id)
    assert second.id != first.id
    assert [e.id for e in repo.list_entries(store, article_id=lavrov.id)] == [first.id, second.id]
    assert [e.id for e in repo.list_entries(store, states=[repo.DONE])] == [first.id]
    assert repo.get_entry(store, 10_000) is None


def test_a_conflict_stays_a_conflict_when_queued_again(store: Store, lavrov: Article) -> None:
    _site(store)
    entry = _queue(store, lavrov.id)
    repo.set_entry_state(store, entry.id, repo.CONFLICT, last_error_code="conflict")
    kept = _queue(store, lavrov.id, article_revision=3)
    assert (kept.state, kept.last_error_code, kept.article_revision) == (
        repo.CONFLICT,
        "conflict",
        3,
    )
    settled = _queue(store, lavrov.id, keep_conflict=False)
    assert settled.state == repo.QUEUED and settled.last_error_code is None


def test_due_entries_skip_the_future_and_the_sites_without_password(
    store: Store, lavrov: Article
) -> None:
    _site(store)
    _site(store, "zinder")
    _site(store, "maradi")
    now = T0
    at_once = _queue(store, "a-now")
    later = _queue(store, "b-later")
    past = _queue(store, "c-past")
    locked = _queue(store, "d-locked", site="zinder")
    failed = _queue(store, "e-failed", site="maradi")
    repo.set_entry_state(store, later.id, repo.WAITING_NETWORK, next_attempt_at=now + timedelta(1))
    repo.set_entry_state(store, past.id, repo.WAITING_NETWORK, next_attempt_at=now - timedelta(1))
    repo.set_needs_password(store, "zinder", True)
    repo.set_entry_state(store, failed.id, repo.FAILED)

    due = repo.due_entries(store, now)

    # Never tried first, then the oldest retry time; the rest wait.
    assert [e.id for e in due] == [at_once.id, past.id]
    assert locked.id not in {e.id for e in due}

    # The two waiting for a retry time; zinder's has none (and no password), failed stays.
    assert repo.make_due_now(store) == 2
    assert {e.id for e in repo.due_entries(store, now)} == {at_once.id, past.id, later.id}


def test_a_claim_is_taken_once_and_only_for_the_generation_seen(store: Store) -> None:
    _site(store)
    entry = _queue(store, "a")
    assert repo.claim_entry(store, entry.id, entry.generation + 1, "w:1", may_write=False) is None

    claimed = repo.claim_entry(store, entry.id, entry.generation, "w:1", may_write=True)

    assert claimed is not None
    assert (claimed.state, claimed.attempts, claimed.claimed_by, claimed.maybe_sent) == (
        repo.SENDING,
        1,
        "w:1",
        True,
    )
    assert repo.claim_entry(store, entry.id, entry.generation, "w:2", may_write=False) is None
    repo.release_stale_claim(store, entry.id, "w:2")
    again = repo.claim_entry(store, entry.id, entry.generation, "w:2", may_write=False)
    assert again is not None and again.attempts == 2 and again.maybe_sent  # maybe_sent stays


def test_finishing_records_the_post_and_clears_maybe_sent(store: Store, lavrov: Article) -> None:
    store.create(lavrov)
    _site(store)
    entry = _queue(store, lavrov.id)
    claimed = repo.claim_entry(store, entry.id, entry.generation, "w:1", may_write=True)
    assert claimed is not None

    took = repo.finish_entry(store, claimed, state=repo.DONE, remote=_record(lavrov.id))

    assert took
    done = repo.get_entry(store, entry.id)
    assert done is not None
    assert (done.state, done.maybe_sent, done.claimed_by, done.live) == (
        repo.DONE,
        False,
        None,
        False,
    )
    assert repo.get_remote_post(store, lavrov.id, "actu") == _record(lavrov.id)


def test_an_entry_queued_again_while_sent_keeps_the_new_request(
    store: Store, lavrov: Article
) -> None:
    store.create(lavrov)
    _site(store)
    entry = _queue(store, lavrov.id)
    claimed = repo.claim_entry(store, entry.id, entry.generation, "w:1", may_write=True)
    assert claimed is not None
    _queue(store, lavrov.id, article_revision=2)  # the reporter saved and published again

    took = repo.finish_entry(
        store, claimed, state=repo.DONE, remote=_record(lavrov.id, remote_id=62)
    )

    assert not took
    waiting = repo.get_entry(store, entry.id)
    assert waiting is not None
    assert (waiting.state, waiting.article_revision) == (repo.QUEUED, 2)
    assert waiting.generation == claimed.generation + 1
    # What the site holds is recorded all the same: it is the truth.
    recorded = repo.get_remote_post(store, lavrov.id, "actu")
    assert recorded is not None and recorded.remote_id == 62


def test_a_failure_keeps_its_error_and_a_retry_its_time(store: Store) -> None:
    _site(store)
    entry = _queue(store, "a")
    claimed = repo.claim_entry(store, entry.id, entry.generation, "w:1", may_write=False)
    assert claimed is not None
    retry_at = T0 + timedelta(seconds=10)
    repo.finish_entry(
        store,
        claimed,
        state=repo.WAITING_NETWORK,
        error_code="SiteUnreachable",
        error_message="timed out",
        next_attempt_at=retry_at,
    )
    waiting = repo.get_entry(store, entry.id)
    assert waiting is not None
    assert (waiting.state, waiting.last_error_code, waiting.last_error_message) == (
        repo.WAITING_NETWORK,
        "SiteUnreachable",
        "timed out",
    )
    assert waiting.next_attempt_at == retry_at


def test_finishing_can_forget_a_post_gone_from_the_site(store: Store, lavrov: Article) -> None:
    _site(store)
    repo.save_remote_post(store, _record(lavrov.id))
    entry = _queue(store, lavrov.id)
    claimed = repo.claim_entry(store, entry.id, entry.generation, "w:1", may_write=False)
    assert claimed is not None
    repo.finish_entry(store, claimed, state=repo.FAILED, drop_remote=True)
    assert repo.get_remote_post(store, lavrov.id, "actu") is None


# --- Remote posts and media ---------------------------------------------------------------


def test_remote_posts_round_trip_and_are_listed(store: Store, lavrov: Article) -> None:
    _site(store)
    _site(store, "zinder")
    repo.save_remote_post(store, _record(lavrov.id, "zinder", remote_id=5))
    repo.save_remote_post(store, _record(lavrov.id))
    repo.save_remote_post(store, _record(lavrov.id, remote_status="draft"))  # replaces

    [actu, zinder] = repo.remote_posts_of(store, lavrov.id)
    assert (actu.site, actu.remote_status, zinder.remote_id) == ("actu", "draft", 5)
    assert actu.synced_terms == {"categories": [3], "tags": [20, 21]}
    assert actu.synced_date_gmt == T0
    assert len(repo.all_remote_posts(store)) == 2
    assert repo.remote_posts_of(store, "someone-else") == []


def test_media_are_known_by_their_hash_until_the_site_drops_them(store: Store) -> None:
    _site(store)
    record = RemoteMediaRecord("actu", "b" * 64, 31, "https://x/b.jpg", "Lavrov", "DR")
    repo.save_remote_media(store, record)
    assert repo.get_remote_media(store, "actu", "b" * 64) == record
    assert repo.get_remote_media(store, "zinder", "b" * 64) is None
    repo.forget_remote_media_id(store, "actu", 31)
    assert repo.get_remote_media(store, "actu", "b" * 64) is None


def test_article_revisions_of_articles_in_use(store: Store, lavrov: Article) -> None:
    kept = store.create(lavrov)
    gone = Article(title="Brève")
    store.create(gone)
    store.delete(gone.id)
    found = repo.article_revisions(store, [kept.id, gone.id, "nobody", kept.id])
    assert found == {kept.id: 1}
