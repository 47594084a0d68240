"""The checklist beside « Publier », and the site's rules: in the real window, on a real
store, with a site out of reach (nothing is sent; what is queued is what counts)."""

from __future__ import annotations

from typing import Any

import pytest

from newsdesk.core.article import Article
from newsdesk.core.profile import RECOMMENDED, ContentProfile
from newsdesk.credentials import SessionCredentialStore
from newsdesk.storage.site_profiles import set_site_profile, site_profile
from newsdesk.storage.store import Store
from newsdesk.ui.main_window import MainWindow
from tests.gui.conftest import type_text
from tests.gui.test_publish_button import SITE, desk, live_rows, open_on, unreachable_site

__all__ = ["desk"]  # the fixture, shared with the publish button's tests

pytestmark = [pytest.mark.gui, pytest.mark.webengine]


def _checked(desk: MainWindow, qtbot: Any, expected: str) -> None:
    checklist = desk.publish.checklist
    qtbot.waitUntil(lambda: checklist.isVisible() and checklist.text() == expected, timeout=10000)


def test_the_list_says_what_the_site_still_asks_and_review_goes_without_it(
    desk: MainWindow,
    qtbot: Any,
    store: Store,
    credentials: SessionCredentialStore,
    lavrov: Article,
) -> None:
    unreachable_site(store, credentials)
    set_site_profile(store, SITE, ContentProfile(min_tags=9, markers=("TODO",)))
    open_on(desk, qtbot, lavrov)
    _checked(desk, qtbot, "• 1 à compléter")
    assert any(
        "pas assez de tags (au moins 9)" in line for line in desk.publish.checklist.items_text()
    )

    # Typing a marker re-checks after a pause in typing.
    desk.editor.title.setCursorPosition(0)
    type_text(desk.editor.title, "TODO ")
    _checked(desk, qtbot, "• 2 à compléter")

    with qtbot.waitSignal(desk.publish.refused, timeout=10000) as refused:
        desk.publish.button.click()
    assert "pas assez de tags (au moins 9)" in refused.args[0]
    assert "soumettre pour relecture" in refused.args[0]
    assert live_rows(store, lavrov.id) == []

    with qtbot.waitSignal(desk.publish.queued, timeout=10000) as queued:
        desk.publish.review_action.trigger()
    assert queued.args[0].target_status == "pending"


def test_the_rules_dialog_saves_the_sites_profile(
    desk: MainWindow,
    qtbot: Any,
    store: Store,
    credentials: SessionCredentialStore,
    lavrov: Article,
) -> None:
    unreachable_site(store, credentials)
    open_on(desk, qtbot, lavrov)
    _checked(desk, qtbot, "✓ Prêt")
    desk.publish.show_rules()
    dialog = desk.publish.profile_dialog
    assert dialog is not None
    qtbot.waitUntil(dialog.save_button.isEnabled, timeout=10000)
    [recommended] = [
        b for b in dialog.findChildren(type(dialog.save_button)) if "recommandées" in b.text()
    ]
    recommended.click()
    dialog.fields["min_tags"].setValue(5)
    with qtbot.waitSignal(dialog.saved, timeout=10000):
        dialog.save_button.click()
    assert site_profile(store, SITE) == RECOMMENDED.with_values(min_tags=5)
    qtbot.waitUntil(lambda: "compléter" in desk.publish.checklist.text(), timeout=10000)


def test_a_wrong_rule_is_said_in_the_dialog_and_nothing_is_saved(
    desk: MainWindow,
    qtbot: Any,
    store: Store,
    credentials: SessionCredentialStore,
    lavrov: Article,
) -> None:
    unreachable_site(store, credentials)
    open_on(desk, qtbot, lavrov)
    desk.publish.show_rules()
    dialog = desk.publish.profile_dialog
    assert dialog is not None
    qtbot.waitUntil(dialog.save_button.isEnabled, timeout=10000)
    dialog.fields["title_min"].setValue(90)
    dialog.fields["title_max"].setValue(40)
    dialog.save_button.click()
    assert dialog.error.isVisible() and dialog.error.text()
    assert dialog.isVisible()
    assert site_profile(store, SITE) == ContentProfile()
