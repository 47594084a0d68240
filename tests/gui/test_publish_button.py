"""The « Publier » button in the real window: what it queues, what it refuses, what it shows.

A real SQLite store; the sending runs against the real WordPress (tests/wordpress/) or a
closed port on 127.0.0.1 (an unreachable site, with no wait).
"""

from __future__ import annotations

import dataclasses
import secrets
import socket
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest
from PySide6.QtCore import Qt

from newsdesk.core.article import Article
from newsdesk.credentials import SessionCredentialStore
from newsdesk.storage import outbox_repo as repo
from newsdesk.storage.store import Store
from newsdesk.sync import sites
from newsdesk.ui.main_window import MainWindow
from newsdesk.ui.publish_button import ScheduleDialog
from tests.gui.conftest import WindowFactory
from tests.integration.conftest import wordpress, wp  # noqa: F401  (fixtures)
from tests.wordpress.harness import WordPress

pytestmark = [pytest.mark.gui, pytest.mark.webengine]

SITE = "actu"


def closed_port() -> int:
    """A port on 127.0.0.1 where nothing listens: connecting is refused at once."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def unreachable_site(
    store: Store, credentials: SessionCredentialStore, *, can_publish: bool = True
) -> None:
    """A site connected earlier, now out of reach (the café's network is down)."""
    base = f"http://127.0.0.1:{closed_port()}"
    repo.insert_site(
        store,
        name=SITE,
        kind="wordpress",
        site_url=base,
        api_root=f"{base}/index.php?rest_route=/",
        username="aicha",
        user_id=2,
        display_name="Aïcha",
        roles=["author"] if can_publish else ["contributor"],
        can_publish=can_publish,
    )
    # Drawn per run: no password is written in the tests.
    credentials.set(SITE, "aicha", secrets.token_urlsafe(18))


def open_on(window: MainWindow, qtbot: Any, article: Article) -> None:
    with qtbot.waitSignal(window.publish.state_shown, timeout=10000):
        window.open_article(article.id)


def live_rows(store: Store, article_id: str) -> list[repo.OutboxEntry]:
    return [e for e in repo.list_entries(store, article_id=article_id) if e.live]


@pytest.fixture
def desk(
    windows: WindowFactory, credentials: SessionCredentialStore, lavrov: Article
) -> MainWindow:
    window = windows.open(credentials=credentials)
    return window


@pytest.mark.parametrize(
    ("action", "status"),
    [
        ("publish_action", "publish"),
        ("review_action", "pending"),
        ("draft_action", "draft"),
    ],
)
def test_each_menu_action_queues_its_status(
    desk: MainWindow,
    qtbot: Any,
    store: Store,
    credentials: SessionCredentialStore,
    lavrov: Article,
    action: str,
    status: str,
) -> None:
    unreachable_site(store, credentials)
    open_on(desk, qtbot, lavrov)
    with qtbot.waitSignal(desk.publish.queued, timeout=10000) as queued:
        getattr(desk.publish, action).trigger()
    entry = queued.args[0]
    assert (entry.article_id, entry.site, entry.action) == (lavrov.id, SITE, "publish")
    [row] = live_rows(store, lavrov.id)
    assert (row.action, row.target_status, row.scheduled_at) == ("publish", status, None)


def test_an_account_that_may_not_publish_submits_for_review(
    desk: MainWindow,
    qtbot: Any,
    store: Store,
    credentials: SessionCredentialStore,
    lavrov: Article,
) -> None:
    unreachable_site(store, credentials, can_publish=False)
    open_on(desk, qtbot, lavrov)
    publish = desk.publish
    assert publish.button.text() == "Soumettre pour relecture"
    assert not publish.publish_action.isVisible()
    assert not publish.schedule_action.isVisible()
    with qtbot.waitSignal(publish.queued, timeout=10000):
        publish.button.click()
    [row] = live_rows(store, lavrov.id)
    assert row.target_status == "pending"


def test_schedule_queues_a_future_date_with_its_zone(
    desk: MainWindow,
    qtbot: Any,
    store: Store,
    credentials: SessionCredentialStore,
    lavrov: Article,
) -> None:
    unreachable_site(store, credentials)
    open_on(desk, qtbot, lavrov)
    when = datetime.now(UTC).replace(microsecond=0) + timedelta(days=2)
    desk.publish.ask_schedule = lambda: when  # type: ignore[method-assign]
    with qtbot.waitSignal(desk.publish.queued, timeout=10000):
        desk.publish.schedule_action.trigger()
    [row] = live_rows(store, lavrov.id)
    assert row.target_status == "future"
    assert row.scheduled_at is not None
    assert row.scheduled_at.astimezone(UTC) == when


def test_the_schedule_dialog_shows_the_zone_and_gives_an_aware_date(qtbot: Any) -> None:
    dialog = ScheduleDialog()
    qtbot.addWidget(dialog)
    assert "UTC" in dialog.zone_label.text()
    chosen = dialog.chosen()
    assert chosen.utcoffset() is not None
    assert chosen > datetime.now(UTC)


def test_a_missing_caption_is_refused_in_words_and_nothing_is_queued(
    desk: MainWindow,
    qtbot: Any,
    store: Store,
    credentials: SessionCredentialStore,
    lavrov: Article,
) -> None:
    unreachable_site(store, credentials)
    assert lavrov.featured_image is not None
    no_caption = dataclasses.replace(
        lavrov, featured_image=dataclasses.replace(lavrov.featured_image, caption="")
    )
    stored = store.save(no_caption)
    open_on(desk, qtbot, stored)
    with qtbot.waitSignal(desk.publish.refused, timeout=10000) as refused:
        desk.publish.button.click()
    assert refused.args[0] == "La légende de la photo manque."
    assert desk.publish.status_text() == "La légende de la photo manque."
    assert repo.list_entries(store, article_id=lavrov.id) == []


def test_no_site_connected_says_where_to_connect_one(
    desk: MainWindow, qtbot: Any, store: Store, lavrov: Article
) -> None:
    open_on(desk, qtbot, lavrov)
    with qtbot.waitSignal(desk.publish.refused, timeout=10000) as refused:
        desk.publish.button.click()
    assert "Connecter un site" in refused.args[0]
    assert repo.list_entries(store) == []


def test_unsaved_words_are_saved_before_queuing(
    desk: MainWindow,
    qtbot: Any,
    store: Store,
    credentials: SessionCredentialStore,
    lavrov: Article,
) -> None:
    unreachable_site(store, credentials)
    open_on(desk, qtbot, lavrov)
    desk.editor.title.setText("Mali : Lavrov à Bamako, une visite inédite")
    with qtbot.waitSignal(desk.publish.queued, timeout=10000) as queued:
        desk.publish.button.click()
    stored = store.get(lavrov.id)
    assert stored.title == "Mali : Lavrov à Bamako, une visite inédite"
    assert queued.args[0].article_revision == stored.revision


def test_an_unreachable_site_shows_the_waiting_message_and_keeps_the_action(
    desk: MainWindow,
    qtbot: Any,
    store: Store,
    credentials: SessionCredentialStore,
    lavrov: Article,
) -> None:
    unreachable_site(store, credentials)
    open_on(desk, qtbot, lavrov)
    publish = desk.publish
    with qtbot.waitSignal(desk.outbox.drained, timeout=30000):
        publish.button.click()
    qtbot.waitUntil(
        lambda: publish.status_text().startswith(
            "En attente du réseau\u00a0: l’envoi repartira tout seul (nouvel essai vers "
        ),
        timeout=10000,
    )
    [row] = live_rows(store, lavrov.id)
    assert row.state == repo.WAITING_NETWORK
    assert row.next_attempt_at is not None
    qtbot.waitUntil(lambda: "1 envoi en attente" in publish.outbox_label.text(), timeout=10000)
    assert "Hors ligne" in publish.outbox_label.text()
    # The library's line says it too, glyph and words.
    model = desk.library.model
    index = model.index(model.position(lavrov.id))
    # While the drain runs the line may say « envoi en cours » first: wait for the outcome.
    qtbot.waitUntil(
        lambda: index.data(model.RemoteRole) == ("↻", "en attente du réseau"), timeout=10000
    )
    assert "en attente du réseau" in index.data(Qt.ItemDataRole.ToolTipRole)
    # The article itself is untouched by the failed sending.
    assert store.get(lavrov.id).title == lavrov.title


def test_an_action_left_in_the_outbox_is_sent_by_itself_at_start(
    windows: WindowFactory,
    qtbot: Any,
    store: Store,
    credentials: SessionCredentialStore,
    lavrov: Article,
) -> None:
    """Queued by the command line (or before a crash): the window drains it unasked."""
    from newsdesk.sync import outbox

    unreachable_site(store, credentials)
    outbox.queue_publish(store, lavrov.id, SITE, "publish")
    window = windows.open(credentials=credentials)
    qtbot.waitUntil(
        lambda: live_rows(store, lavrov.id)[0].state == repo.WAITING_NETWORK, timeout=20000
    )
    [row] = live_rows(store, lavrov.id)
    assert row.attempts == 1
    # The retry is set for the moment the worker chose, not given up.
    qtbot.waitUntil(lambda: window.outbox._timer.isActive(), timeout=10000)


def test_one_drain_at_a_time(
    desk: MainWindow,
    qtbot: Any,
    store: Store,
    credentials: SessionCredentialStore,
) -> None:
    runner = desk.outbox
    with qtbot.waitSignal(runner.drained, timeout=20000):
        runner.drain()
        assert runner.running
        runner.drain()  # asked again while running: once more afterwards, not in parallel
        assert runner._again
    qtbot.waitUntil(lambda: not runner.running and not runner._again, timeout=20000)


def test_without_a_keyring_the_outbox_says_so_and_does_not_spin(
    windows: WindowFactory,
    qtbot: Any,
    store: Store,
    credentials: SessionCredentialStore,
    lavrov: Article,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from newsdesk.core.errors import KeyringUnavailable
    from newsdesk.sync import outbox

    def no_keyring() -> Any:
        raise KeyringUnavailable("no Secret Service on the bus")

    monkeypatch.setattr("newsdesk.context.open_credentials", no_keyring)
    unreachable_site(store, credentials)
    outbox.queue_publish(store, lavrov.id, SITE, "publish")
    window = windows.open()
    runner = window.outbox
    qtbot.waitUntil(lambda: runner.idle_drains >= 1, timeout=20000)
    # The timer backs off (2 s, then 4 s...) instead of failing in a tight loop: once
    # the failed drain is over, the next is set at least 2 s away.
    qtbot.waitUntil(lambda: not runner.running and runner._timer.isActive(), timeout=20000)
    assert runner.idle_delay_ms() >= 2000
    assert runner._timer.interval() >= 2000
    open_on(window, qtbot, lavrov)
    runner.drain()
    qtbot.waitUntil(lambda: "trousseau" in window.publish.status_text(), timeout=20000)
    [row] = live_rows(store, lavrov.id)
    assert row.state == repo.QUEUED


@pytest.mark.wordpress
def test_publishing_to_the_real_site_shows_the_live_link(
    windows: WindowFactory,
    qtbot: Any,
    store: Store,
    wp: WordPress,  # noqa: F811
    lavrov: Article,
) -> None:
    credentials = SessionCredentialStore()
    sites.add_site(
        store, credentials, wp.base_url, wp.reporter.username, wp.reporter.app_password, SITE
    )
    window = windows.open(credentials=credentials)
    open_on(window, qtbot, lavrov)
    publish = window.publish
    assert publish.button.text() == "Publier"
    publish.button.click()
    qtbot.waitUntil(lambda: publish.link is not None, timeout=60000)
    assert publish.status_text() == "En ligne"
    assert publish.link is not None and publish.link.startswith(wp.base_url)
    assert f'href="{publish.link}"' in publish.status_label.text()
    page = httpx.get(publish.link, timeout=30, follow_redirects=True)
    assert page.status_code == 200
    assert "Lavrov" in page.text
    [remote] = repo.remote_posts_of(store, lavrov.id)
    assert remote.remote_status == "publish"
    # On the site now: the button offers the correction and the unpublish.
    assert publish.button.text() == "Mettre à jour"
    assert publish.update_action.isVisible() and publish.unpublish_action.isVisible()
    assert live_rows(store, lavrov.id) == []
    model = window.library.model
    index = model.index(model.position(lavrov.id))
    qtbot.waitUntil(lambda: index.data(model.RemoteRole) == ("✓", "en ligne"), timeout=10000)
