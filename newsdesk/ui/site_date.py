"""The date the site will show, for the preview and the Publier menu.

The rule is the worker's (``sync.outbox.date_on_site``): a first « Publier » goes out at
the moment of sending, whatever fixed date the article carries, past or future; a
correction keeps the site's date; a schedule shows its scheduled moment. The preview
shows that date, so that it never claims « 5 février 2023 » for a piece the site will
date today, and the menu says the rule in one line.
"""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime, timedelta, tzinfo
from typing import Any

from PySide6.QtCore import QCoreApplication, QDate, QDateTime, QLocale, QTime

from newsdesk.core.article import Article


def _target(record: Any, can_publish: bool) -> tuple[str, datetime | None]:
    """What the next click on the button does to the post, for the date it gets."""
    if record is not None and record.remote_status == "future":
        return "future", record.synced_date_gmt
    return ("publish" if can_publish else "pending"), None


def date_on_site(
    article: Article, record: Any, can_publish: bool, now: datetime | None = None
) -> datetime:
    """The moment the site will show for the article (aware, UTC)."""
    from newsdesk.sync import outbox

    status, at = _target(record, can_publish)
    moment: datetime = outbox.date_on_site(article, record, status, at, now or datetime.now(UTC))
    return moment


def for_preview(
    article: Article,
    record: Any,
    *,
    has_site: bool,
    can_publish: bool,
    zone: tzinfo | None,
    now: datetime | None = None,
) -> Article:
    """The article as the preview should render it: with the site's date, in ``zone``
    (the site's, else the reporter's). Without any site connected, as it is."""
    if not has_site:
        return article
    moment = date_on_site(article, record, can_publish, now)
    shown_zone = zone or (article.date.tzinfo if article.date is not None else None)
    shown = moment.astimezone(shown_zone) if shown_zone else moment
    return dataclasses.replace(article, date=shown)


def _when(moment: datetime) -> str:
    local = QDateTime(
        QDate(moment.year, moment.month, moment.day), QTime(moment.hour, moment.minute)
    )
    return QLocale().toString(local, "d MMM yyyy HH:mm")


def rule_text(article: Article, record: Any, can_publish: bool, zone: tzinfo | None) -> str:
    """The rule, in one short line for the top of the Publier menu."""
    translate = QCoreApplication.translate
    now = datetime.now(UTC)
    status, at = _target(record, can_publish)
    if status == "future" and at is not None:
        return translate("site_date", "Date en ligne : celle de la programmation, %1").replace(
            "%1", _when(at.astimezone(zone) if zone else at)
        )
    moment = date_on_site(article, record, can_publish, now)
    # A correction keeps the live post's date; a post taken back to draft keeps a
    # date WordPress fixed for it (then not the moment of sending).
    live = record is not None and record.remote_status == "publish"
    if live or (record is not None and abs(moment - now) > timedelta(minutes=1)):
        return translate("site_date", "Date en ligne : celle du site, gardée (%1)").replace(
            "%1", _when(moment.astimezone(zone) if zone else moment)
        )
    return translate("site_date", "Date en ligne : l’heure de l’envoi")


__all__ = ["date_on_site", "for_preview", "rule_text"]
