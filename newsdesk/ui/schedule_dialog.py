"""« Programmer… »: the moment an article goes online, in the reporter's zone and the site's.

The zone is the reporter's (the ``time_zone`` setting, else the computer's), and can be
changed here; a zone newsdesk does not know (a typo, « CET ») is refused with a sentence,
never read as UTC (``core.rules.parse_zone``). The same moment is shown as the site will
show it, in the site's own zone when the site told it (its ``timezone_string``, else its
``gmt_offset``).
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone, tzinfo
from typing import Any

from PySide6.QtCore import QDate, QDateTime, QLocale, QTime, QTimeZone
from PySide6.QtWidgets import (
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from newsdesk.core import rules
from newsdesk.core.errors import UnknownTimeZone
from newsdesk.ui.article_editor import COMMON_ZONES
from newsdesk.ui.dialog_buttons import action_and_cancel
from newsdesk.ui.messages import describe_error


def offset_text(moment: datetime) -> str:
    """« UTC+01:00 » for an aware moment."""
    offset = moment.utcoffset() or timedelta(0)
    sign = "+" if offset >= timedelta(0) else "−"
    minutes = abs(int(offset.total_seconds())) // 60
    return f"UTC{sign}{minutes // 60:02d}:{minutes % 60:02d}"


def site_zone(site: Any) -> tuple[str, tzinfo] | None:
    """(name, zone) the site declares (``timezone_string``, else ``gmt_offset`` in hours),
    or None when newsdesk does not know it."""
    name = str(getattr(site, "timezone_string", "") or "").strip()
    if name:
        try:
            return name, rules.parse_zone(name)
        except UnknownTimeZone:
            pass
    offset = getattr(site, "gmt_offset", None)
    if isinstance(offset, int | float) and not isinstance(offset, bool):
        zone = timezone(timedelta(hours=float(offset)))
        return offset_text(datetime.now(zone)), zone
    return None


def system_zone_name() -> str:
    return bytes(QTimeZone.systemTimeZoneId().data()).decode("ascii", "replace") or "UTC"


class ScheduleDialog(QDialog):
    """Pick the date and time the article goes online.

    ``zone`` is the reporter's zone (an IANA name or ``UTC+01:00``; empty: the
    computer's); ``site`` the target site's ``SiteInfo`` (for its zone), if known.
    """

    def __init__(self, parent: QWidget | None = None, *, zone: str = "", site: Any = None) -> None:
        super().__init__(parent)
        self.setObjectName("ScheduleDialog")
        self.setWindowTitle(self.tr("Programmer la publication"))
        self._site = site
        self._site_zone = site_zone(site) if site is not None else None
        self.when = QDateTimeEdit(QDateTime.currentDateTime().addSecs(3600), self)
        self.when.setCalendarPopup(True)
        self.when.setDisplayFormat("dd/MM/yyyy HH:mm")
        self.zone = QComboBox(self)
        self.zone.setObjectName("ScheduleZone")
        self.zone.setEditable(True)
        self.zone.addItems(list(COMMON_ZONES))
        self.zone.setCurrentText(zone.strip() or system_zone_name())
        # The reporter's moment, and the site's, in words (« zone_label »: tests read it).
        self.zone_label = QLabel(self)
        self.zone_label.setWordWrap(True)
        self.site_label = QLabel(self)
        self.site_label.setWordWrap(True)
        self.error_label = QLabel(self)
        self.error_label.setObjectName("ScheduleError")
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("color:#a0281e")
        self.error_label.hide()
        # Own words rather than Qt's standard buttons: Qt ships no French for them here.
        buttons, self.schedule_button = action_and_cancel(self, self.tr("Programmer"), self.accept)
        form = QFormLayout()
        form.addRow(self.tr("Date et heure"), self.when)
        form.addRow(self.tr("Fuseau horaire"), self.zone)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("L’article sera mis en ligne le :"), self))
        layout.addLayout(form)
        layout.addWidget(self.zone_label)
        layout.addWidget(self.site_label)
        layout.addWidget(self.error_label)
        layout.addWidget(buttons)
        self.when.dateTimeChanged.connect(lambda _v: self._update())
        self.zone.currentTextChanged.connect(lambda _t: self._update())
        self._update()
        self.resize(480, 0)

    # -- reading the fields ------------------------------------------------------------

    def chosen_zone(self) -> tzinfo:
        """The zone typed or picked; ``UnknownTimeZone`` when newsdesk does not know it."""
        return rules.parse_zone(self.zone.currentText())

    def chosen(self) -> datetime:
        """The chosen moment, aware, in the chosen zone (``UnknownTimeZone`` if unknown)."""
        value = self.when.dateTime()
        d, t = value.date(), value.time()
        return datetime(
            d.year(), d.month(), d.day(), t.hour(), t.minute(), tzinfo=self.chosen_zone()
        )

    def set_moment(self, moment: datetime) -> None:
        """Show ``moment`` (aware) in the dialog's zone (tests, and a date already chosen)."""
        local = moment.astimezone(self.chosen_zone())
        self.when.setDateTime(
            QDateTime(QDate(local.year, local.month, local.day), QTime(local.hour, local.minute))
        )

    # -- what the reporter reads ---------------------------------------------------------

    def _when_text(self, moment: datetime) -> str:
        locale = QLocale()
        qt = QDateTime(
            QDate(moment.year, moment.month, moment.day), QTime(moment.hour, moment.minute)
        )
        if locale.language() == QLocale.Language.French:
            # French writes the first of the month « 1er », as the site's dates do.
            day = "1er" if moment.day == 1 else str(moment.day)
            return (
                locale.toString(qt, "dddd")
                + f" {day} "
                + locale.toString(qt, "MMMM yyyy 'à' HH:mm")
            )
        return locale.toString(qt, "dddd d MMMM yyyy, HH:mm")

    def _update(self) -> None:
        try:
            moment = self.chosen()
        except UnknownTimeZone as error:
            self.zone_label.setText("")
            self.site_label.setText("")
            self._refuse(describe_error(error))
            return
        name = self.zone.currentText().strip()
        self.zone_label.setText(
            self.tr("Pour vous : %1, fuseau %2 (%3).")
            .replace("%1", self._when_text(moment))
            .replace("%2", name)
            .replace("%3", offset_text(moment))
        )
        site_name = getattr(self._site, "name", "") if self._site is not None else ""
        if self._site_zone is not None:
            zone_name, zone = self._site_zone
            there = moment.astimezone(zone)
            self.site_label.setText(
                self.tr("Sur le site %1 : %2, heure du site (%3, %4).")
                .replace("%1", site_name)
                .replace("%2", self._when_text(there))
                .replace("%3", zone_name)
                .replace("%4", offset_text(there))
            )
        else:
            utc = moment.astimezone(UTC)
            self.site_label.setText(
                self.tr(
                    "Soit %1 en temps universel (UTC) ; le site l’affichera à son heure."
                ).replace("%1", self._when_text(utc))
            )
        if moment <= datetime.now(UTC):
            self._refuse(self.tr("Cette date est passée : choisissez une date à venir."))
            return
        self.error_label.hide()
        self.schedule_button.setEnabled(True)

    def _refuse(self, text: str) -> None:
        self.error_label.setText(text)
        self.error_label.show()
        self.schedule_button.setEnabled(False)

    def accept(self) -> None:
        # Enter in the zone field would accept a zone never checked: check it here too.
        self._update()
        if self.schedule_button.isEnabled():
            super().accept()


__all__ = ["ScheduleDialog", "offset_text", "site_zone"]
