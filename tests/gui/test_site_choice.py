"""The right site: with several connected, the window shows where the article goes and asks.

Nothing is sent here: both sites are out of reach (a closed port), what matters is the
outbox row the window writes, and which site it names.
"""

from __future__ import annotations

import secrets
from typing import Any

import pytest

from newsdesk.core.article import Article
from newsdesk.credentials import SessionCredentialStore
from newsdesk.storage import article_sites
from newsdesk.storage import outbox_repo as repo
from newsdesk.storage.store import Store
from newsdesk.ui.main_window import MainWindow
from tests.gui.conftest import WindowFactory
from tests.gui.test_publish_button import closed_port, live_rows, open_on

pytestmark = [pytest.mark.gui, pytest.mark.webengine]


def connect(store: Store, credentials: SessionCredentialStore, name: str) -> None:
    base = f"http://127.0.0.1:{closed_port()}"
    repo.insert_site(
        store,
        name=name,
        kind="wordpress",
        site_url=base,
        api_root=f"{base}/index.php?rest_route=/",
        username="aicha",
        user_id=2,
        display_name="Aïcha",
        roles=["author"],
        can_publish=True,
    )
    credentials.set(name, "aicha", secrets.token_urlsafe(18))  # drawn per run


@pytest.fixture
def two_sites(store: Store, credentials: SessionCredentialStore) -> None:
    connect(store, credentials, "actu")
    connect(store, credentials, "partenaire")


@pytest.fixture
def desk(
    windows: WindowFactory, credentials: SessionCredentialStore, lavrov: Article
) -> MainWindow:
    return windows.open(credentials=credentials)


def test_with_several_sites_and_no_choice_the_window_asks_and_remembers(
    desk: MainWindow, qtbot: Any, store: Store, two_sites: None, lavrov: Article
) -> None:
    open_on(desk, qtbot, lavrov)
    publish = desk.publish
    assert publish.site_button.isVisible()
    assert publish.site_button.text() == "Choisir le site… ▾"
    publish.button.click()
    qtbot.waitUntil(lambda: publish.site_question is not None, timeout=10000)
    dialog = publish.site_question
    assert dialog is not None
    # Nothing leaves before the reporter answers, and no site is picked for them.
    assert repo.list_entries(store, article_id=lavrov.id) == []
    assert dialog.chosen() is None and not dialog.send_button.isEnabled()
    dialog.choose("partenaire")
    with qtbot.waitSignal(publish.queued, timeout=10000) as queued:
        dialog.send_button.click()
    assert queued.args[0].site == "partenaire"
    assert article_sites.chosen_site(store, lavrov.id) == "partenaire"
    qtbot.waitUntil(lambda: publish.site_button.text() == "Sur partenaire ▾", timeout=10000)
    assert publish.site_submenu.title() == "Site\u00a0: partenaire"
    checked = [a.text() for a in publish.site_submenu.actions() if a.isChecked()]
    assert len(checked) == 1 and checked[0].startswith("partenaire")

    # The next click goes to the same site without asking again.
    with qtbot.waitSignal(publish.queued, timeout=10000) as again:
        publish.draft_action.trigger()
    assert publish.site_question is None
    assert again.args[0].site == "partenaire"
    assert [row.site for row in live_rows(store, lavrov.id)] == ["partenaire"]


def test_cancelling_the_question_sends_nothing(
    desk: MainWindow, qtbot: Any, store: Store, two_sites: None, lavrov: Article
) -> None:
    open_on(desk, qtbot, lavrov)
    publish = desk.publish
    publish.button.click()
    qtbot.waitUntil(lambda: publish.site_question is not None, timeout=10000)
    assert publish.site_question is not None
    publish.site_question.reject()
    qtbot.waitUntil(lambda: "Aucun site choisi" in publish.status_text(), timeout=5000)
    assert repo.list_entries(store, article_id=lavrov.id) == []
    assert article_sites.chosen_site(store, lavrov.id) is None


def test_the_site_picked_in_the_menu_is_where_the_article_goes(
    desk: MainWindow, qtbot: Any, store: Store, two_sites: None, lavrov: Article
) -> None:
    open_on(desk, qtbot, lavrov)
    publish = desk.publish
    [actu, _partenaire] = publish.site_menu.actions()
    assert actu.isEnabled() and not actu.isChecked()
    with qtbot.waitSignal(publish.state_shown, timeout=10000):
        actu.trigger()
    assert article_sites.chosen_site(store, lavrov.id) == "actu"
    assert publish.site_button.text() == "Sur actu ▾"
    with qtbot.waitSignal(publish.queued, timeout=10000) as queued:
        publish.button.click()
    assert publish.site_question is None
    assert queued.args[0].site == "actu"


def test_with_one_site_it_is_the_site_and_nothing_is_asked(
    desk: MainWindow,
    qtbot: Any,
    store: Store,
    credentials: SessionCredentialStore,
    lavrov: Article,
) -> None:
    connect(store, credentials, "actu")
    open_on(desk, qtbot, lavrov)
    publish = desk.publish
    assert publish.site_button.text() == "Sur actu"
    with qtbot.waitSignal(publish.queued, timeout=10000) as queued:
        publish.button.click()
    assert publish.site_question is None
    assert queued.args[0].site == "actu"
