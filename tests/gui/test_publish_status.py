"""The article's status follows the site, in the form, the library and its tabs: a publish,
a local correction waiting to be sent, an unpublish and a schedule, on the real WordPress."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor

from newsdesk import services
from newsdesk.core.article import Article, Status
from newsdesk.credentials import SessionCredentialStore
from newsdesk.storage.store import Store
from newsdesk.sync import outbox, sites
from newsdesk.ui.library import STATUS_TABS
from newsdesk.ui.main_window import MainWindow, SaveState
from tests.gui.conftest import WindowFactory, type_text
from tests.gui.test_publish_button import SITE, open_on
from tests.integration.conftest import wordpress, wp  # noqa: F401  (fixtures)
from tests.wordpress.harness import WordPress

pytestmark = [pytest.mark.gui, pytest.mark.webengine, pytest.mark.wordpress]


@pytest.fixture
def desk(
    windows: WindowFactory,
    store: Store,
    wp: WordPress,  # noqa: F811
) -> MainWindow:
    credentials = SessionCredentialStore()
    sites.add_site(
        store, credentials, wp.base_url, wp.reporter.username, wp.reporter.app_password, SITE
    )
    return windows.open(credentials=credentials)


def library_line(window: MainWindow, article_id: str) -> tuple[Status, str]:
    """(status, tooltip) of the article's line in the library as shown now."""
    model = window.library.model
    number = model.position(article_id)
    assert number >= 0, "the article is not in the list shown"
    index = model.index(number)
    return model.rows[number].status, str(index.data(Qt.ItemDataRole.ToolTipRole))


def show_tab(window: MainWindow, qtbot: Any, status: Status | None) -> list[str]:
    with qtbot.waitSignal(window.library.refreshed, timeout=10000):
        window.library.tabs.setCurrentIndex(STATUS_TABS.index(status))
    return window.library.visible_ids()


def wait_status(window: MainWindow, qtbot: Any, text: str) -> None:
    qtbot.waitUntil(lambda: window.editor.status.currentText() == text, timeout=60000)


def test_publish_correct_and_unpublish_are_followed_by_the_form_and_the_library(
    desk: MainWindow, qtbot: Any, store: Store, lavrov_md: Path
) -> None:
    article = services.import_file(store, lavrov_md)
    assert article.date is not None and article.date.year == 2023
    open_on(desk, qtbot, article)
    assert desk.editor.status.currentText() == "Prêt"
    assert show_tab(desk, qtbot, Status.PUBLISHED) == []
    show_tab(desk, qtbot, None)

    desk.publish.button.click()
    wait_status(desk, qtbot, "Publié")
    assert desk.publish.status_text() == "En ligne"
    # The site's date, the moment of publishing, not the article's fixed 2023 one.
    stored = store.get(article.id)
    assert stored.status is Status.PUBLISHED
    assert stored.date is not None and stored.date.year == datetime.now(UTC).year
    assert stored.revision == article.revision  # no new revision: nothing went stale
    assert desk.editor.date.dateTime().date().year() == stored.date.year
    qtbot.waitUntil(lambda: library_line(desk, article.id)[0] is Status.PUBLISHED, timeout=10000)
    assert library_line(desk, article.id)[1].startswith("publié")
    assert show_tab(desk, qtbot, Status.PUBLISHED) == [article.id]
    assert show_tab(desk, qtbot, Status.READY) == []
    show_tab(desk, qtbot, None)

    # A correction typed here after publishing: a change waiting to be sent.
    body = desk.editor.body
    body.setFocus()
    body.moveCursor(QTextCursor.MoveOperation.End)
    type_text(body, " Correction : le ministre est arrivé lundi.")
    desk.save_now()
    qtbot.waitUntil(lambda: desk._state == SaveState.SAVED, timeout=10000)
    qtbot.waitUntil(
        lambda: desk.publish.status_text().startswith("Modifié depuis l’envoi"), timeout=10000
    )
    assert desk.publish.button.text() == "Mettre à jour"
    assert store.get(article.id).status is Status.PUBLISHED  # the save kept the site's status
    model = desk.library.model
    qtbot.waitUntil(
        lambda: (
            model.index(model.position(article.id)).data(model.RemoteRole)
            == ("✎", "modifié, à envoyer")
        ),
        timeout=10000,
    )
    desk.publish.button.click()
    qtbot.waitUntil(lambda: desk.publish.status_text() == "En ligne", timeout=60000)
    assert desk.editor.status.currentText() == "Publié"

    desk.publish.unpublish_action.trigger()
    wait_status(desk, qtbot, "Brouillon")
    assert store.get(article.id).status is Status.DRAFT
    assert desk.publish.status_text() == "Brouillon sur le site"
    assert "Correction" in desk.editor.body.toPlainText()
    qtbot.waitUntil(lambda: library_line(desk, article.id)[0] is Status.DRAFT, timeout=10000)
    assert show_tab(desk, qtbot, Status.PUBLISHED) == []
    assert show_tab(desk, qtbot, Status.DRAFT) == [article.id]


def test_a_schedule_shows_programme_with_its_date_and_keeps_unsaved_words(
    desk: MainWindow, qtbot: Any, store: Store, lavrov_md: Path
) -> None:
    article: Article = services.import_file(store, lavrov_md)
    open_on(desk, qtbot, article)
    when = (datetime.now(UTC) + timedelta(days=2)).replace(second=0, microsecond=0)
    desk.publish.ask_schedule = lambda: when  # type: ignore[method-assign]
    desk.publish.schedule_action.trigger()
    # Words typed while the schedule is on its way stay on screen and unsaved.
    qtbot.waitUntil(lambda: bool(outbox.entries(store, article_id=article.id)), timeout=10000)
    desk.editor.title.setFocus()
    desk.editor.title.end(False)
    type_text(desk.editor.title, " (programmé)")
    wait_status(desk, qtbot, "Programmé")
    assert desk.editor.title.text().endswith("(programmé)")
    assert desk.is_dirty()
    stored = store.get(article.id)
    assert stored.status is Status.SCHEDULED
    assert stored.date is not None and stored.date.astimezone(UTC) == when
    assert desk.publish.status_text() == "Programmé"
    qtbot.waitUntil(lambda: library_line(desk, article.id)[0] is Status.SCHEDULED, timeout=10000)
    assert library_line(desk, article.id)[1].startswith("programmé")
    # The next autosave writes the words, not the old status back.
    desk.save_now()
    qtbot.waitUntil(lambda: desk._state == SaveState.SAVED, timeout=10000)
    saved = store.get(article.id)
    assert saved.title.endswith("(programmé)")
    assert saved.status is Status.SCHEDULED
