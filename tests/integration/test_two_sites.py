"""One article on two sites at once: the local WordPress and the local Ghost.

Published to both, each site has its own post and its own remote state in the store; a
correction goes to both; taking it off one site leaves it on the other. The window shows
the article's state on each site in its list of sites (beside « Publier »)."""

from __future__ import annotations

from typing import Any

import pytest

from newsdesk.core.article import Article
from newsdesk.storage import outbox_repo as repo
from newsdesk.storage.store import Store
from newsdesk.sync import outbox, sites
from tests.ghost.harness import Ghost
from tests.gui.conftest import WindowFactory, store, windows  # noqa: F401  (fixtures)
from tests.integration.publish_helpers import SITE as WP_SITE
from tests.integration.publish_helpers import Desk, admin_get, make_desk
from tests.wordpress.harness import WordPress

GHOST_SITE = "journal"

pytestmark = pytest.mark.wordpress


def _both(wp: WordPress, ghost: Ghost, on: Store) -> Desk:
    desk = make_desk(wp, on)
    sites.add_site(on, desk.credentials, ghost.base_url, "Aïcha", ghost.admin_key, GHOST_SITE)
    return desk


@pytest.fixture
def desk(wp: WordPress, ghost_site: Ghost, store: Store) -> Desk:  # noqa: F811
    return _both(wp, ghost_site, store)


def _on_ghost(ghost: Ghost, article: Article) -> dict[str, Any]:
    [post] = ghost.posts(f"codeinjection_foot:~'{article.id}'")
    return post


def _on_wordpress(desk: Desk, article: Article) -> dict[str, Any]:
    record = repo.get_remote_post(desk.store, article.id, WP_SITE)
    assert record is not None
    found: dict[str, Any] = admin_get(desk.wp, f"/wp/v2/posts/{record.remote_id}")
    return found


def _publish_to_both(desk: Desk, article: Article) -> None:
    for site in (WP_SITE, GHOST_SITE):
        outbox.queue_publish(desk.store, article.id, site, "publish")
    desk.drain_until_settled()


def test_one_article_on_wordpress_and_ghost(desk: Desk, ghost_site: Ghost) -> None:
    article = desk.lavrov()
    _publish_to_both(desk, article)

    wp_record = repo.get_remote_post(desk.store, article.id, WP_SITE)
    ghost_record = repo.get_remote_post(desk.store, article.id, GHOST_SITE)
    assert wp_record is not None and ghost_record is not None
    assert wp_record.remote_id != ghost_record.remote_id
    state = outbox.remote_state(desk.store, article.id)
    assert {s.site: s.state for s in state.sites} == {WP_SITE: "on_site", GHOST_SITE: "on_site"}
    assert _on_wordpress(desk, article)["status"] == "publish"
    assert _on_ghost(ghost_site, article)["status"] == "published"
    assert state.on(GHOST_SITE).link == _on_ghost(ghost_site, article)["url"]

    # A correction goes to both.
    article = desk.store.get(article.id)
    assert article.body.count("Bamako") >= 1
    article.body = article.body.replace("Bamako", "Bamako (Mali)", 1)
    desk.store.save(article)
    state = outbox.remote_state(desk.store, article.id)
    assert {s.state for s in state.sites} == {"changed_locally"}
    _publish_to_both(desk, article)
    assert "Bamako (Mali)" in _on_wordpress(desk, article)["content"]["raw"]
    assert "Bamako (Mali)" in str(_on_ghost(ghost_site, article)["html"])

    # Off Ghost, still on WordPress.
    outbox.queue_unpublish(desk.store, article.id, GHOST_SITE)
    desk.drain_until_settled()
    assert _on_ghost(ghost_site, article)["status"] == "draft"
    assert _on_wordpress(desk, article)["status"] == "publish"
    state = outbox.remote_state(desk.store, article.id)
    assert {s.site: s.state for s in state.sites} == {
        WP_SITE: "on_site",
        GHOST_SITE: "draft_on_site",
    }
    assert len(ghost_site.posts(f"codeinjection_foot:~'{article.id}'")) == 1


@pytest.mark.gui
@pytest.mark.webengine
def test_the_window_shows_the_article_on_each_site(
    windows: WindowFactory,  # noqa: F811
    qtbot: Any,
    store: Store,  # noqa: F811
    wp: WordPress,
    ghost_site: Ghost,
) -> None:
    desk = _both(wp, ghost_site, store)
    article = desk.lavrov()
    _publish_to_both(desk, article)
    outbox.queue_unpublish(store, article.id, GHOST_SITE)
    desk.drain_until_settled()

    window = windows.open(credentials=desk.credentials)
    publish = window.publish
    with qtbot.waitSignal(publish.state_shown, timeout=10000):
        window.open_article(article.id)

    def lines() -> dict[str, str]:
        return {a.text().split(" — ")[0]: a.text() for a in publish.site_menu.actions()}

    qtbot.waitUntil(lambda: len(lines()) == 2, timeout=10000)
    shown = lines()
    assert shown[WP_SITE].endswith(" · ✓ en ligne"), shown
    assert shown[GHOST_SITE].endswith(" · ◌ brouillon sur le site"), shown
