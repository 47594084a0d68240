"""Publishing to a real Ghost 6 through the outbox, as the window and the command line do:
connect (the kind found by itself), publish, draft, schedule, correct, unpublish; a lost
answer, a change on the site and a refused key. Read back through the Admin API."""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from newsdesk import services
from newsdesk.core.article import Article
from newsdesk.core.errors import AdminKeyRefused
from newsdesk.core.sites import SiteAccount
from newsdesk.credentials import SessionCredentialStore
from newsdesk.paths import Paths
from newsdesk.publishing.base import PostPayload, Publisher, RemotePost
from newsdesk.publishing.ghost import GhostPublisher, admin_root
from newsdesk.storage import outbox_repo as repo
from newsdesk.storage.outbox_repo import SiteInfo
from newsdesk.storage.store import Store
from newsdesk.sync import outbox, sites
from newsdesk.sync.resolve import resolve_conflict
from newsdesk.sync.worker import OutboxWorker
from newsdesk.words import Face, states, words_for
from newsdesk.words.errors import describe
from tests.faultproxy import Fault, FaultProxy, Mode
from tests.ghost.harness import Ghost
from tests.integration.publish_helpers import LAVROV, Clock

SITE = "journal"
REPORTER = "Aïcha Maïga"
WRONG_KEY = "0123456789abcdef01234567:" + "cd" * 32


@dataclass
class Desk:
    store: Store
    ghost: Ghost
    credentials: SessionCredentialStore
    site: SiteInfo
    clock: Clock = field(default_factory=Clock)
    maker: Any = None

    def drain_until_settled(self, rounds: int = 30) -> None:
        for _ in range(rounds):
            factory = sites.publisher_factory(self.credentials, publisher_maker=self.maker)
            OutboxWorker(self.store, factory, self.clock, rng=random.Random(3)).drain()
            live = [
                e
                for e in repo.list_entries(self.store)
                if e.state in (repo.QUEUED, repo.SENDING, repo.WAITING_NETWORK)
            ]
            if not live:
                return
            self.clock.advance(minutes=11)
        raise AssertionError(f"not settled: {live}")

    def lavrov(self, **changes: object) -> Article:
        article = services.import_file(self.store, LAVROV)
        for key, value in changes.items():
            setattr(article, key, value)
        return self.store.save(article)

    def entry(self, article: Article) -> repo.OutboxEntry:
        """The article's latest outbox entry."""
        found = [e for e in repo.list_entries(self.store) if e.article_id == article.id]
        return max(found, key=lambda e: e.id)

    def posts(self, article: Article) -> list[dict[str, Any]]:
        return self.ghost.posts(f"codeinjection_foot:~'{article.id}'")


@pytest.fixture
def store(paths: Paths) -> Iterator[Store]:
    store = Store.open(paths)
    try:
        yield store
    finally:
        store.close()


@pytest.fixture
def desk(ghost_site: Ghost, store: Store) -> Desk:
    credentials = SessionCredentialStore()
    site = sites.add_site(
        store, credentials, ghost_site.base_url, REPORTER, ghost_site.admin_key, SITE
    )
    return Desk(store, ghost_site, credentials, site)


def _through(proxy: FaultProxy, ghost: Ghost, store: Store, key: str | None = None) -> Desk:
    credentials = SessionCredentialStore()
    site = repo.insert_site(
        store,
        name=SITE,
        kind="ghost",
        site_url=ghost.base_url,
        api_root=admin_root(proxy.base_url),
        username=REPORTER,
        user_id=0,
        display_name=REPORTER,
        roles=["integration"],
        can_publish=True,
    )
    credentials.set(SITE, REPORTER, key or ghost.admin_key)
    return Desk(store, ghost, credentials, site)


def _once(desk: Desk, article: Article) -> dict[str, Any]:
    found = desk.posts(article)
    assert len(found) == 1, [(p["id"], p["title"]) for p in found]
    return found[0]


def test_connect_finds_ghost_and_publishes_once_with_everything(desk: Desk) -> None:
    assert desk.site.kind == "ghost" and desk.site.timezone_string == "Africa/Lagos"
    assert desk.site.api_root.endswith("/ghost/api/admin") and desk.site.can_publish
    article = desk.lavrov()
    outbox.queue_publish(desk.store, article.id, SITE)
    desk.drain_until_settled()
    post = _once(desk, article)
    assert post["status"] == "published"
    # French typography as the preview shows it: a no-break space before the colon.
    assert post["title"] == article.title.replace(" :", "\u00a0:")
    names = [t["name"] for t in post["tags"]]
    assert names[0] == "Politique" and post["primary_tag"]["name"] == "Politique"
    assert set(names[1:]) == {"Mali", "Russie", "Diplomatie", "Sergueï Lavrov", "Sahel"}
    # The standfirst is longer than Ghost's 300 characters: cut at a word there, whole
    # in the chapeau.
    excerpt = post["custom_excerpt"]
    assert len(excerpt) <= 300 and excerpt.endswith("…")
    assert excerpt.startswith("Le ministre des Affaires étrangères de la Fédération de Russie")
    assert '<p class="chapeau"><strong>' in post["html"]
    assert "/content/images/" in post["feature_image"]
    assert post["feature_image_caption"] == "Sergueï Lavrov et Abdoulaye Diop (DR)"
    assert post["feature_image_alt"].startswith("Les ministres des Affaires étrangères")
    assert outbox.remote_state(desk.store, article.id).on(SITE).state == "on_site"

    # The offline cache of rubriques and tags: Ghost's tags, for both; and the zone.
    repo.set_site_zone(desk.store, SITE, "", None)
    with GhostPublisher(desk.site.account, desk.ghost.admin_key) as publisher:
        fetched = sites.refresh_terms(desk.store, publisher, SITE)
    assert {"Politique", "Mali", "Sahel"} <= {name for _id, name in fetched["categories"]}
    assert fetched["tags"] == fetched["categories"]
    assert repo.get_site(desk.store, SITE).timezone_string == "Africa/Lagos"


def test_draft_schedule_correct_and_unpublish_one_post(desk: Desk) -> None:
    article = desk.lavrov()
    outbox.queue_publish(desk.store, article.id, SITE, "draft")
    desk.drain_until_settled()
    assert _once(desk, article)["status"] == "draft"

    # 10:00 in Niamey two days on (UTC+1; the site's zone is Lagos's, the same offset).
    niamey = datetime.now(UTC).astimezone().tzinfo
    when = (datetime.now(UTC) + timedelta(days=2)).replace(hour=9, minute=0, second=0)
    when = when.replace(microsecond=0)
    outbox.queue_publish(desk.store, article.id, SITE, "future", when.astimezone(niamey))
    desk.drain_until_settled()
    post = _once(desk, article)
    assert post["status"] == "scheduled"
    assert post["published_at"] == when.strftime("%Y-%m-%dT%H:%M:%S.000Z")

    article.title = "Mali : Sergueï Lavrov est arrivé à Bamako"
    article = desk.store.save(article)
    outbox.queue_publish(desk.store, article.id, SITE)
    desk.drain_until_settled()
    post = _once(desk, article)
    assert post["status"] == "published"
    assert post["title"] == "Mali\u00a0: Sergueï Lavrov est arrivé à Bamako"
    assert post["primary_tag"]["name"] == "Politique"

    outbox.queue_unpublish(desk.store, article.id, SITE)
    desk.drain_until_settled()
    assert _once(desk, article)["status"] == "draft"


@pytest.mark.parametrize("mode", [Mode.DROP_AFTER, Mode.TIMEOUT_AFTER, Mode.STATUS_502])
def test_a_lost_answer_to_the_create_ends_with_one_post(
    ghost_site: Ghost, store: Store, mode: Mode
) -> None:
    fault = Fault(mode, seconds=0.3, method="POST", path_contains="/ghost/api/admin/posts/")
    with FaultProxy(ghost_site.port, schedule=[fault]) as proxy:
        desk = _through(proxy, ghost_site, store)
        article = desk.lavrov(title=f"Mali : Lavrov à Bamako ({mode})", slug="")
        outbox.queue_publish(store, article.id, SITE)
        desk.drain_until_settled()
        assert proxy.pending == []  # the fault did happen
    post = _once(desk, article)
    assert post["status"] == "published"
    assert outbox.remote_state(store, article.id).on(SITE).state == "on_site"


def test_a_tag_deleted_on_the_site_since_it_was_cached_is_made_again(desk: Desk) -> None:
    first = desk.lavrov()
    outbox.queue_publish(desk.store, first.id, SITE)
    desk.drain_until_settled()
    [sahel] = [t for t in _once(desk, first)["tags"] if t["name"] == "Sahel"]
    with desk.ghost.admin() as admin:
        assert admin.delete(f"/tags/{sahel['id']}/").status_code == 204
    # Another article with the same tag: newsdesk's cache still has the deleted one.
    second = desk.lavrov(title="Sahel : une autre visite", slug="")
    outbox.queue_publish(desk.store, second.id, SITE)
    desk.drain_until_settled()
    post = _once(desk, second)
    assert post["status"] == "published"
    assert "Sahel" in [t["name"] for t in post["tags"]]
    assert desk.entry(second).state == repo.DONE


def _desk_edits_title(ghost: Ghost, article: Article, title: str) -> None:
    [raw] = ghost.posts(f"codeinjection_foot:~'{article.id}'")
    with ghost.admin() as admin:
        answer = admin.put(
            f"/posts/{raw['id']}/",
            json={"posts": [{"title": title, "updated_at": raw["updated_at"]}]},
        )
        assert answer.status_code == 200, answer.text


def test_a_change_on_the_site_is_a_conflict_never_overwritten(desk: Desk) -> None:
    article = desk.lavrov()
    outbox.queue_publish(desk.store, article.id, SITE)
    desk.drain_until_settled()
    _desk_edits_title(desk.ghost, article, "Le titre du desk")
    article.body += "\n\nUne correction."
    article = desk.store.save(article)
    outbox.queue_publish(desk.store, article.id, SITE)
    desk.drain_until_settled()
    assert desk.entry(article).state == repo.CONFLICT
    assert _once(desk, article)["title"] == "Le titre du desk"


def test_the_desks_headline_and_the_reporters_fix_both_stay(desk: Desk) -> None:
    """Moussa changes the headline on the site; Aïcha fixes a name: a conflict, merged."""
    article = desk.lavrov()
    outbox.queue_publish(desk.store, article.id, SITE)
    desk.drain_until_settled()
    _desk_edits_title(desk.ghost, article, "Mali : Lavrov à Bamako, une première")
    assert "Abdoulaye Diop" in article.body
    article.body = article.body.replace("Abdoulaye Diop", "Abdoulaye Diop (ministre)", 1)
    article = desk.store.save(article)
    outbox.queue_publish(desk.store, article.id, SITE)
    desk.drain_until_settled()
    assert desk.entry(article).state == repo.CONFLICT
    with GhostPublisher(desk.site.account, desk.ghost.admin_key) as publisher:
        resolution = resolve_conflict(desk.store, article.id, SITE, "merge", publisher=publisher)
    assert resolution.clean
    desk.drain_until_settled()
    post = _once(desk, article)
    assert post["title"] == "Mali : Lavrov à Bamako, une première"
    assert "Abdoulaye Diop (ministre)" in post["html"]
    assert desk.entry(article).state == repo.DONE


def test_an_edit_between_read_and_write_is_a_conflict(desk: Desk) -> None:
    """The desk saves while newsdesk is between its read and its write, in the same
    second or not: Ghost's 409, or newsdesk's own re-read, makes it a conflict."""
    article = desk.lavrov()
    outbox.queue_publish(desk.store, article.id, SITE)
    desk.drain_until_settled()
    ghost = desk.ghost

    class Interrupted(GhostPublisher):
        def update_post(self, remote_id: int, payload: PostPayload) -> RemotePost:
            _desk_edits_title(ghost, article, "Le desk, au même moment")
            return super().update_post(remote_id, payload)

    def maker(account: SiteAccount, key: str) -> Publisher:
        return Interrupted(account, key)

    desk.maker = maker
    article.title = "Mali : le titre de la reporter"
    article = desk.store.save(article)
    outbox.queue_publish(desk.store, article.id, SITE)
    desk.drain_until_settled()
    assert desk.entry(article).state == repo.CONFLICT
    assert _once(desk, article)["title"] == "Le desk, au même moment"


def test_a_refused_key_keeps_the_queue_and_says_so(ghost_site: Ghost, store: Store) -> None:
    with FaultProxy(ghost_site.port) as proxy:
        desk = _through(proxy, ghost_site, store, key=WRONG_KEY)
        article = desk.lavrov()
        outbox.queue_publish(store, article.id, SITE)
        desk.drain_until_settled()
        entry = desk.entry(article)
        assert entry.state == repo.NEEDS_PASSWORD
        assert repo.get_site(store, SITE).needs_password
        assert desk.posts(article) == []
        french = describe(AdminKeyRefused("UNKNOWN_ADMIN_API_KEY"), words_for("fr"), Face.WINDOW)
        assert french.startswith("Le site Ghost refuse cette clé d’API Admin")
        english = describe(AdminKeyRefused("x"), words_for("en"), Face.WINDOW)
        assert "Admin API key" in english
        # The outbox's state line words the key as a key, in the window and the CLI.
        line = outbox.remote_state(store, article.id).on(SITE)
        assert (line.state, line.site_kind) == ("needs_password", "ghost")
        window = states.state_sentence(line.state, words_for("fr"), Face.WINDOW, kind="ghost")
        assert window.startswith("Le site refuse la clé d’API Admin\u00a0:")
        cli = states.state_sentence(
            line.state, words_for("en"), Face.CLI, site=SITE, kind=line.site_kind
        )
        assert "Admin API key" in cli and "newsdesk site password journal" in cli
        assert "password:" not in cli and "mot de passe" not in window
        # The right key: the queued publish goes out by itself, once.
        sites.set_password(store, desk.credentials, SITE, ghost_site.admin_key)
        desk.drain_until_settled()
    assert _once(desk, article)["status"] == "published"
