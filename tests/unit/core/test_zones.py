"""The one reader of time zones typed by people: a typo is refused, never UTC."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from newsdesk.core.errors import UnknownTimeZone
from newsdesk.core.rules import parse_zone
from newsdesk.settings import SETTINGS


@pytest.mark.parametrize(
    ("text", "offset_in_december"),
    [
        ("Africa/Niamey", timedelta(hours=1)),
        ("africa/niamey", timedelta(hours=1)),  # case does not matter
        ("  Europe/Paris ", timedelta(hours=1)),
        ("UTC", timedelta(0)),
        ("Z", timedelta(0)),
        ("UTC+01:00", timedelta(hours=1)),
        ("+01:00", timedelta(hours=1)),
        ("UTC-5", timedelta(hours=-5)),
        ("UTC−03:30", timedelta(hours=-3, minutes=-30)),  # a typographic minus
    ],
)
def test_zones_people_type(text: str, offset_in_december: timedelta) -> None:
    moment = datetime(2026, 12, 1, 7, 0, tzinfo=parse_zone(text))
    assert moment.utcoffset() == offset_in_december


@pytest.mark.parametrize(
    "text", ["Africa/Niamy", "Afrique/Niamey", "", "   ", "UTC+25:00", "Niamey", "../etc/passwd"]
)
def test_an_unknown_or_mistyped_zone_is_refused_with_its_text(text: str) -> None:
    with pytest.raises(UnknownTimeZone) as caught:
        parse_zone(text)
    assert caught.value.text == text


def test_never_a_silent_utc() -> None:
    # The bug of the issue: a typo became UTC, a schedule went an hour off in Niamey.
    with pytest.raises(UnknownTimeZone):
        datetime(2026, 12, 1, 7, 0, tzinfo=parse_zone("Africa/Niamy")).astimezone(UTC)


def test_the_setting_accepts_what_parse_zone_reads_and_refuses_the_rest() -> None:
    from newsdesk.core.errors import InvalidSettingValue

    setting = next(s for s in SETTINGS if s.name == "time_zone")
    assert setting.check("africa/niamey") == "africa/niamey"
    assert setting.check("UTC+01:00") == "UTC+01:00"
    assert setting.check("") == ""  # the computer's own zone
    with pytest.raises(InvalidSettingValue):
        setting.check("Africa/Niamy")
