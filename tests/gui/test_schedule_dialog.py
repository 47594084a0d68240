"""« Programmer… »: a mistyped zone is refused, never UTC; the moment in both zones."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from types import SimpleNamespace
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from newsdesk.core.errors import UnknownTimeZone
from newsdesk.ui.publish_button import ScheduleDialog

pytestmark = [pytest.mark.gui]


def dialog_for(qtbot: Any, **kwargs: Any) -> ScheduleDialog:
    dialog = ScheduleDialog(**kwargs)
    qtbot.addWidget(dialog)
    return dialog


@pytest.mark.parametrize("typed", ["Afrique/Niamey", "Paris", "Niamey", "UTC+25:00"])
def test_a_mistyped_zone_is_refused_in_words_and_never_becomes_utc(qtbot: Any, typed: str) -> None:
    dialog = dialog_for(qtbot, zone="Africa/Niamey")
    dialog.zone.setCurrentText(typed)
    assert not dialog.schedule_button.isEnabled()
    assert not dialog.error_label.isHidden()
    assert dialog.error_label.text().startswith("Fuseau horaire inconnu\u00a0:")
    assert typed in dialog.error_label.text()
    with pytest.raises(UnknownTimeZone):
        dialog.chosen()
    dialog.accept()  # Enter in the field: still refused, the dialog stays open
    assert dialog.result() != ScheduleDialog.DialogCode.Accepted


def test_the_reporter_s_zone_is_used_in_any_case_and_shown_beside_the_site_s(
    qtbot: Any,
) -> None:
    site = SimpleNamespace(name="actu", timezone_string="Europe/Paris", gmt_offset=1)
    dialog = dialog_for(qtbot, zone="africa/niamey", site=site)
    moment = datetime(2027, 1, 15, 9, 30, tzinfo=ZoneInfo("Africa/Niamey"))
    dialog.set_moment(moment)
    assert dialog.schedule_button.isEnabled()
    chosen = dialog.chosen()
    assert chosen == moment
    assert chosen.utcoffset() == timedelta(hours=1)
    mine = dialog.zone_label.text()
    assert "09:30" in mine and "africa/niamey" in mine and "UTC+01:00" in mine
    theirs = dialog.site_label.text()
    assert theirs.startswith("Sur le site actu\u00a0:")
    assert "09:30" in theirs and "Europe/Paris" in theirs  # Paris is UTC+1 in January


def test_a_site_that_gave_only_its_offset_and_one_that_gave_nothing(qtbot: Any) -> None:
    offset_only = SimpleNamespace(name="actu", timezone_string="", gmt_offset=0)
    dialog = dialog_for(qtbot, zone="Africa/Niamey", site=offset_only)
    dialog.set_moment(datetime(2027, 1, 15, 9, 30, tzinfo=ZoneInfo("Africa/Niamey")))
    assert "08:30" in dialog.site_label.text() and "UTC+00:00" in dialog.site_label.text()
    unknown = dialog_for(qtbot, zone="Africa/Niamey", site=SimpleNamespace(name="actu"))
    unknown.set_moment(datetime(2027, 1, 15, 9, 30, tzinfo=ZoneInfo("Africa/Niamey")))
    assert "08:30 en temps universel (UTC)" in unknown.site_label.text()


def test_a_past_moment_cannot_be_scheduled(qtbot: Any) -> None:
    dialog = dialog_for(qtbot, zone="UTC")
    dialog.set_moment(datetime.now(UTC) - timedelta(hours=2))
    assert not dialog.schedule_button.isEnabled()
    assert "passée" in dialog.error_label.text()


@pytest.mark.webengine
def test_the_form_refuses_a_mistyped_zone_and_keeps_the_stored_date(
    qtbot: Any, windows: Any, paths: Any
) -> None:
    from newsdesk.core.article import Article
    from newsdesk.storage.store import Store
    from newsdesk.ui.main_window import SaveState

    moment = datetime(2027, 1, 15, 9, 30, tzinfo=ZoneInfo("Africa/Niamey"))
    with Store.open(paths) as seeded:
        article = seeded.create(Article(title="Daté", body="x", date=moment))
    window = windows.open()
    window.open_article(article.id)
    qtbot.waitUntil(lambda: window.editor.base().id == article.id, timeout=10000)
    editor = window.editor
    editor.zone.setCurrentText("Afrique/Niamey")
    assert not editor.zone_error.isHidden()
    assert "Fuseau horaire inconnu" in editor.zone.toolTip()
    assert editor.current().date == moment  # not 09:30 UTC
    window.save_now()
    qtbot.waitUntil(lambda: window._state == SaveState.SAVED, timeout=10000)
    with Store.open(paths) as reader:
        assert reader.get(article.id).date == moment
    editor.zone.setCurrentText("Europe/Paris")
    assert editor.zone_error.isHidden()
    assert editor.current().date == datetime(2027, 1, 15, 9, 30, tzinfo=ZoneInfo("Europe/Paris"))
