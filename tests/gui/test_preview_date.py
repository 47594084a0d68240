"""The preview shows the date the site will show, and the Publier menu says the rule."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from newsdesk import services
from newsdesk.credentials import SessionCredentialStore
from newsdesk.storage.store import Store
from newsdesk.sync import sites
from tests.gui.conftest import WindowFactory, wait_dom
from tests.gui.test_publish_button import SITE, open_on, unreachable_site
from tests.integration.conftest import wordpress, wp  # noqa: F401  (fixtures)
from tests.wordpress.harness import WordPress

pytestmark = [pytest.mark.gui, pytest.mark.webengine]

DATE_TEXT = "document.querySelector('time') ? document.querySelector('time').textContent : ''"


def test_a_first_publish_previews_the_moment_of_sending_not_the_fixed_past_date(
    windows: WindowFactory, qtbot: Any, store: Store, lavrov_md: Path
) -> None:
    credentials = SessionCredentialStore()
    unreachable_site(store, credentials)
    article = services.import_file(store, lavrov_md)
    assert article.date is not None and article.date.year == 2023
    window = windows.open(credentials=credentials)
    open_on(window, qtbot, article)
    year = str(datetime.now(UTC).year)
    shown = wait_dom(qtbot, window, DATE_TEXT, lambda text: year in str(text))
    assert "2023" not in shown
    window.publish._update_date_rule()
    rule = window.publish.date_rule_action
    assert rule.isVisible() and not rule.isEnabled()
    assert rule.text() == "Date en ligne\u00a0: l’heure de l’envoi"
    assert rule in window.publish.menu.actions()
    # The article's own date is untouched: only the preview follows the site.
    assert store.get(article.id).date == article.date


def test_without_any_site_the_preview_keeps_the_article_s_date(
    windows: WindowFactory, qtbot: Any, store: Store, lavrov_md: Path
) -> None:
    article = services.import_file(store, lavrov_md)
    window = windows.open()
    open_on(window, qtbot, article)
    wait_dom(qtbot, window, DATE_TEXT, lambda text: "2023" in str(text))


@pytest.mark.wordpress
def test_after_publishing_the_preview_and_the_menu_show_the_site_s_date(
    windows: WindowFactory,
    qtbot: Any,
    store: Store,
    wp: WordPress,  # noqa: F811
    lavrov_md: Path,
) -> None:
    credentials = SessionCredentialStore()
    sites.add_site(
        store, credentials, wp.base_url, wp.reporter.username, wp.reporter.app_password, SITE
    )
    article = services.import_file(store, lavrov_md)
    window = windows.open(credentials=credentials)
    open_on(window, qtbot, article)
    window.publish.button.click()
    qtbot.waitUntil(lambda: window.editor.status.currentText() == "Publié", timeout=60000)
    stored = store.get(article.id)
    assert stored.date is not None
    qtbot.waitUntil(lambda: window.publish.remote_record is not None, timeout=10000)
    window.publish._update_date_rule()
    assert window.publish.date_rule_action.text().startswith(
        "Date en ligne\u00a0: celle du site, gardée"
    )
    year = str(stored.date.year)
    wait_dom(qtbot, window, DATE_TEXT, lambda text: year in str(text))
