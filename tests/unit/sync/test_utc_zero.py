"""UTC+0 is a zone like any other: Bamako, Dakar and Abidjan are on it."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from newsdesk.core.article import Article
from newsdesk.sync.outbox import date_on_site


def test_a_schedule_keeps_an_article_dated_in_bamako() -> None:
    now = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
    dated = datetime(2026, 12, 2, 7, 0, tzinfo=ZoneInfo("Africa/Bamako"))
    article = Article(title="Bamako", date=dated)
    assert date_on_site(article, None, "future", None, now) == dated.astimezone(UTC)
    # The same in Niamey (UTC+1) always worked; both now agree.
    niamey = dated.replace(tzinfo=ZoneInfo("Africa/Niamey"))
    later = date_on_site(Article(title="Niamey", date=niamey), None, "future", None, now)
    assert later == niamey.astimezone(UTC) == dated.astimezone(UTC) - timedelta(hours=1)
