"""Publishing from the window: the « Publier » button, its menu and the site it goes to.

Every click first saves the article (``MainWindow.flush``), then queues the action in the
store through the database worker: the row is committed before anything is sent, so a
crash or a lost connection never loses the request. The sending itself is the outbox
runner's (``ui.outbox_runner``); the words for what happened, ``ui.publish_words``.

Connecting a site and a new password are ``ui.publish_sites``'s, a conflict with the
site ``ui.publish_conflict``'s.

Longer than a room should be (about 600 lines): the button is the one place where the
article, its site and the outbox meet, and splitting it further would scatter one
sequence (save, choose the site, queue, send, show) over several files.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QMenu,
    QToolButton,
    QWidget,
)

from newsdesk.core import errors
from newsdesk.ui.checklist import ChecklistButton
from newsdesk.ui.messages import describe_error
from newsdesk.ui.outbox_runner import MAX_IDLE_MS, MIN_RETRY_MS, WAITING_STATES, OutboxRunner
from newsdesk.ui.publish_conflict import ConflictFlow
from newsdesk.ui.publish_sites import SiteFlow
from newsdesk.ui.publish_words import (
    failure_reason,
    outcome,
    problem_sentence,
    refusal_text,
    remote_mark,
)
from newsdesk.ui.schedule_dialog import ScheduleDialog
from newsdesk.ui.site_choice import SiteChoiceDialog, SiteTarget, find_target

if TYPE_CHECKING:
    from newsdesk.ui.profile_dialog import ProfileDialog
    from newsdesk.ui.tasks import DbWorker

log = logging.getLogger(__name__)


class PublishButton(QWidget):
    """« Publier » and its menu, with the state of the sending beside it.

    ``flush`` saves the article on screen and says whether it is safely stored;
    ``current_id`` gives its id (empty when nothing is stored yet).
    """

    # An action was queued for the article (its outbox entry).
    queued = Signal(object)
    # Nothing was queued: the sentence shown (validation problems, no site...).
    refused = Signal(str)
    # The article's state on the site was shown (its SiteState, or None).
    state_shown = Signal(object)
    # A conflict was settled (the Resolution); the article may have a new revision.
    resolved = Signal(object)
    # The stored article changed under the editor (its id): the window reloads it.
    article_changed = Signal(str)
    # The sites' categories and tags were fetched into the offline cache.
    terms_refreshed = Signal()

    def __init__(
        self,
        db: DbWorker,
        runner: OutboxRunner,
        flush: Callable[[], bool],
        current_id: Callable[[], str],
        parent: QWidget | None = None,
        article_title: Callable[[], str] | None = None,
        article: Callable[[], Any] | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("PublishButton")
        self.db = db
        self.runner = runner
        self._flush = flush
        self._current_id = current_id
        self._article_title = article_title
        self._article = article
        # The connected sites and the one the article on screen goes to (None: ask).
        self.target = SiteTarget()
        self.remote: Any = None
        # The post on the target site as last synced (its status and date), or None.
        self.remote_record: Any = None
        self.link: str | None = None
        # What the account may do on the site: a Contributor only submits for review.
        self.can_publish = True
        # The reporter's time zone (the time_zone setting; empty: the computer's).
        self.reporter_zone = ""
        # The schedule and conflict dialogs while they are open (tests answer them).
        self.schedule_dialog: ScheduleDialog | None = None
        self.sites = SiteFlow(self)
        self.conflicts = ConflictFlow(self)
        self.site_question: SiteChoiceDialog | None = None

        self.status_label = QLabel(self)
        self.status_label.setObjectName("PublishStatus")
        self.status_label.setTextFormat(Qt.TextFormat.RichText)
        # The live URL opens in the reporter's browser, never inside newsdesk.
        self.status_label.setOpenExternalLinks(True)
        self.status_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        self.outbox_label = QLabel(self)
        self.outbox_label.setObjectName("OutboxStatus")
        # Shown while something waits: the reporter need not wait for the next retry.
        self.send_now_button = QToolButton(self)
        self.send_now_button.setObjectName("SendNow")
        self.send_now_button.setAutoRaise(True)
        self.send_now_button.setText(self.tr("Envoyer maintenant"))
        self.send_now_button.clicked.connect(self.send_now)
        self.send_now_button.hide()

        # What the site's rules still ask, worked out before anything is queued.
        self.checklist = ChecklistButton(
            db, self._checked_article, lambda: self.target.target, self
        )
        self.checklist.rules_asked.connect(self.show_rules)
        self.profile_dialog: ProfileDialog | None = None

        self.button = QToolButton(self)
        self.button.setText(self.tr("Publier"))
        self.button.setPopupMode(QToolButton.ToolButtonPopupMode.MenuButtonPopup)
        self.button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        # The one action of the status bar: it should be found without looking for it.
        font = self.button.font()
        font.setBold(True)
        self.button.setFont(font)
        self.menu = QMenu(self.button)
        # The rule for the date the site will show, in one line (not a command).
        self.date_rule_action = self.menu.addAction("")
        self.date_rule_action.setEnabled(False)
        self.menu.aboutToShow.connect(self._update_date_rule)
        # Where the article goes: beside the button, and at the top of its menu.
        self.site_button = QToolButton(self)
        self.site_button.setObjectName("TargetSite")
        self.site_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.site_button.setAutoRaise(True)
        # The text ends with « ▾ » when there is a choice: Qt's own tiny arrow would double it.
        self.site_button.setStyleSheet("QToolButton::menu-indicator { image: none; width: 0; }")
        self.site_menu = QMenu(self.site_button)
        self.site_button.setMenu(self.site_menu)
        self.site_button.hide()
        self.site_submenu = self.menu.addMenu(self.tr("Site : à choisir"))
        self.menu.addSeparator()
        self.publish_action = self.menu.addAction(self.tr("Publier maintenant"))
        self.review_action = self.menu.addAction(self.tr("Soumettre pour relecture"))
        self.schedule_action = self.menu.addAction(self.tr("Programmer…"))
        self.draft_action = self.menu.addAction(self.tr("Enregistrer comme brouillon sur le site"))
        self.menu.addSeparator()
        self.update_action = self.menu.addAction(self.tr("Mettre à jour"))
        self.unpublish_action = self.menu.addAction(self.tr("Dépublier"))
        self.menu.addSeparator()
        self.send_now_action = self.menu.addAction(self.tr("Envoyer maintenant"))
        self.send_now_action.setToolTip(
            self.tr("Envoyer tout de suite ce qui attend, sans attendre le prochain essai")
        )
        self.send_now_action.triggered.connect(self.send_now)
        self.resolve_action = self.menu.addAction(self.tr("Résoudre le conflit…"))
        self.resolve_action.setVisible(False)
        self.resolve_action.triggered.connect(self.show_conflict)
        self.password_action = self.menu.addAction(self.tr("Saisir un nouveau mot de passe…"))
        self.password_action.setVisible(False)
        self.password_action.triggered.connect(self.ask_password)
        # In the window's Fichier menu.
        self.connect_site_action = QAction(self.tr("Connecter un site…"), self)
        self.connect_site_action.triggered.connect(self.connect_site)
        self.button.setMenu(self.menu)
        self.button.clicked.connect(self.publish_now)
        self.publish_action.triggered.connect(self.publish_now)
        self.review_action.triggered.connect(lambda: self.queue("pending"))
        self.schedule_action.triggered.connect(self.schedule)
        self.draft_action.triggered.connect(lambda: self.queue("draft"))
        self.update_action.triggered.connect(lambda: self.queue("publish"))
        self.unpublish_action.triggered.connect(self.unpublish)
        self._set_on_site(False)

        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.status_label)
        layout.addWidget(self.outbox_label)
        layout.addWidget(self.send_now_button)
        layout.addWidget(self.site_button)
        layout.addWidget(self.checklist)
        layout.addWidget(self.button)

        runner.drain_started.connect(self._on_drain_started)
        runner.drained.connect(lambda _report: self.refresh_state())
        runner.drain_failed.connect(self._on_drain_failed)
        runner.pending_changed.connect(lambda _n: self._show_outbox())
        runner.online_changed.connect(lambda _online: self._show_outbox())
        self._show_outbox()

    # -- actions -----------------------------------------------------------------------

    def publish_now(self) -> None:
        """Publish (or update when already on the site); submit for review when the
        account may not publish."""
        self.queue("publish" if self.can_publish else "pending")

    def send_now(self) -> None:
        """« Envoyer maintenant »: what waits goes at once, whatever its backoff."""
        self._show(self.tr("Envoi…"), None)
        self.runner.send_now()

    def schedule(self) -> None:
        when = self.ask_schedule()
        if when is not None:
            self.queue("future", when)

    def ask_schedule(self) -> datetime | None:
        dialog = ScheduleDialog(
            self, zone=self.reporter_zone, site=self.target.info(self.target.target)
        )
        record = self.remote_record
        if record is not None and record.remote_status == "future" and record.synced_date_gmt:
            # Already scheduled: start from that moment, to move it rather than retype it.
            with contextlib.suppress(errors.UnknownTimeZone):
                dialog.set_moment(record.synced_date_gmt)
        self.schedule_dialog = dialog
        try:
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return None
            return dialog.chosen()
        finally:
            self.schedule_dialog = None
            dialog.deleteLater()

    def queue(self, status: str, at: datetime | None = None) -> None:
        """Save, then queue ``status`` for the article on screen, then send."""
        if not self._flush():
            self._refuse(self.tr("L’article n’a pas pu être enregistré : rien n’a été envoyé."))
            return
        article_id = self._current_id()
        if not article_id:
            self._refuse(self.tr("L’article est vide : rien à publier."))
            return
        from newsdesk.sync import outbox

        def action(store: Any, site: str) -> Any:
            return outbox.queue_publish(store, article_id, site, status, at)  # type: ignore[arg-type]

        self._send(article_id, action)

    def unpublish(self) -> None:
        if not self._flush():
            self._refuse(self.tr("L’article n’a pas pu être enregistré : rien n’a été envoyé."))
            return
        article_id = self._current_id()
        from newsdesk.sync import outbox

        self._send(article_id, lambda store, site: outbox.queue_unpublish(store, article_id, site))

    def _send(
        self, article_id: str, action: Callable[[Any, str], Any], site: str | None = None
    ) -> None:
        """Queue ``action(store, site)`` for the article's site: the one the reporter
        chose, the only one connected, or ``site`` just chosen (then remembered). With
        several sites and no choice yet, ask first: nothing goes to a site not chosen."""

        def run(store: Any) -> Any:
            from newsdesk.storage import article_sites

            if site is not None:
                name = article_sites.choose_site(store, article_id, site)
            else:
                target = find_target(store, article_id)
                if target.target is None:
                    raise errors.SiteNotChosen([s.name for s in target.sites])
                name = target.target
            return action(store, name)

        def refused(error: BaseException) -> None:
            if isinstance(error, errors.SiteNotChosen) and len(error.available) > 1:
                self.ask_site(lambda chosen: self._send(article_id, action, chosen))
                return
            self._on_refused(error)

        self.db.submit(run, self._on_queued, refused, owner=self)

    def ask_site(self, then: Callable[[str], None]) -> None:
        """Ask which site the article goes to; ``then(name)`` once the reporter chose."""
        article_id = self._current_id()

        def show(target: SiteTarget) -> None:
            self._show_target(target)
            preselect = target.present[0] if len(target.present) == 1 else None
            title = self._article_title() if self._article_title is not None else ""
            dialog = SiteChoiceDialog(target.sites, preselect, title, self.window())
            self.site_question = dialog

            def answered(code: int) -> None:
                self.site_question = None
                dialog.deleteLater()
                chosen = dialog.chosen()
                if code == QDialog.DialogCode.Accepted and chosen:
                    then(chosen)
                else:
                    self._show(self.tr("Aucun site choisi : rien n’a été envoyé."), None)

            dialog.finished.connect(answered)
            dialog.open()

        self.db.submit(
            lambda store: find_target(store, article_id), show, self._on_refused, owner=self
        )

    def choose_site(self, name: str) -> None:
        """The reporter picked ``name`` in the site menu: remember it for the article."""
        if not self._flush():
            self._refuse(self.tr("L’article n’a pas pu être enregistré : rien n’a été changé."))
            return
        article_id = self._current_id()
        if not article_id:
            self._refuse(self.tr("Écrivez d’abord l’article : le site sera retenu avec lui."))
            return
        from newsdesk.storage import article_sites

        self.db.submit(
            lambda store: article_sites.choose_site(store, article_id, name),
            lambda _name: self.refresh_state(),
            self._on_refused,
            owner=self,
        )

    def _on_queued(self, entry: Any) -> None:
        self._show(self.tr("En attente d’envoi."), None)
        self.queued.emit(entry)
        self.runner.refresh()
        self.runner.drain()

    def _on_refused(self, error: BaseException) -> None:
        self._refuse(refusal_text(error))

    def _refuse(self, text: str) -> None:
        self._show(text, None, error=True)
        self.refused.emit(text)

    # -- showing where the article stands ----------------------------------------------

    def refresh_state(self) -> None:
        """Ask the store where the article on screen stands on the site."""
        article_id = self._current_id()
        if not article_id:
            self.db.submit(lambda store: find_target(store, ""), self._show_target, owner=self)
            self.remote = None
            self.remote_record = None
            self._set_on_site(False)
            self._show("", None)
            self.state_shown.emit(None)
            return
        from newsdesk.sync import outbox

        def look(store: Any) -> tuple[Any, SiteTarget, Any]:
            from newsdesk.storage import outbox_repo

            target = find_target(store, article_id)
            record = (
                outbox_repo.get_remote_post(store, article_id, target.target)
                if target.target
                else None
            )
            return outbox.remote_state(store, article_id), target, record

        def shown(result: tuple[Any, SiteTarget, Any]) -> None:
            remote, target, record = result
            if article_id != self._current_id():
                return  # another article was opened meanwhile
            self.remote_record = record
            self.remote = remote  # before the target: its menu shows each site's state
            self._show_target(target)
            self.checklist.refresh()
            line = remote.on(target.target) if target.target else _main_line(remote)
            if line is not None and line.state == "not_sent":
                line = None
            on_site = line is not None and (line.remote_id is not None)
            self._set_on_site(on_site)
            self.resolve_action.setVisible(line is not None and line.state == "conflict")
            self.password_action.setVisible(line is not None and line.state == "needs_password")
            if line is None:
                self._show("", None)
            else:
                text, link = outcome(line)
                self._show(text, link, error=line.state in ("failed", "needs_password", "conflict"))
            self.state_shown.emit(line)

        self.db.submit(
            look,
            shown,
            lambda e: log.warning("remote state: %s", e),
            owner=self,
        )

    def _checked_article(self) -> Any:
        """The article as the editor shows it (typed, maybe not yet saved), or None."""
        if self._article is None or not self._current_id():
            return None
        return self._article()

    def show_rules(self) -> None:
        """« Règles de publication du site… » for the site the article goes to."""
        site = self.target.target
        if not site:
            return
        from newsdesk.ui.profile_dialog import ProfileDialog  # when asked, off start-up

        self.profile_dialog = ProfileDialog(self.db, site, self.window())
        self.profile_dialog.saved.connect(lambda _profile: self.checklist.refresh())
        self.profile_dialog.open()

    # -- the site and its password (``ui.publish_sites``), conflicts (``ui.publish_conflict``)

    @property
    def site_dialog(self) -> Any:
        return self.sites.site_dialog

    @property
    def password_dialog(self) -> Any:
        return self.sites.password_dialog

    @property
    def conflict_dialog(self) -> Any:
        return self.conflicts.conflict_dialog

    def connect_site(self) -> None:
        """Fichier ▸ Connecter un site…"""
        self.sites.connect_site()

    def refresh_site_terms(self) -> None:
        self.sites.refresh_site_terms()

    def ask_password(self) -> None:
        self.sites.ask_password()

    def show_conflict(self) -> None:
        self.conflicts.show_conflict()

    def resolve(self, article_id: str, site: str, choice: str) -> None:
        self.conflicts.resolve(article_id, site, choice)

    # What the rooms ask of the button.

    def line(self) -> Any:
        return self._line()

    def flush(self) -> bool:
        return self._flush()

    def current_id(self) -> str:
        return self._current_id()

    def show_text(self, text: str, link: str | None, *, error: bool = False) -> None:
        self._show(text, link, error=error)

    def _line(self) -> Any:
        """The article's state on its target site (or on the site it is on)."""
        if self.remote is None:
            return None
        if self.target.target:
            line = self.remote.on(self.target.target)
            if line.state != "not_sent":
                return line
        return _main_line(self.remote)

    def display_zone(self) -> Any:
        """The zone dates are shown in: the target site's when known, else the reporter's."""
        from newsdesk.core import rules
        from newsdesk.ui.schedule_dialog import site_zone, system_zone_name

        known = site_zone(self.target.info(self.target.target))
        if known is not None:
            return known[1]
        try:
            return rules.parse_zone(self.reporter_zone or system_zone_name())
        except errors.UnknownTimeZone:
            return None

    def preview_article(self, article: Any) -> Any:
        """``article`` with the date the site will show (what the preview renders)."""
        from newsdesk.ui import site_date

        if not self.target.sites:
            return article  # no site: the article's own date (and nothing to compute per key)
        return site_date.for_preview(
            article,
            self.remote_record,
            has_site=bool(self.target.sites),
            can_publish=self.can_publish,
            zone=self.display_zone(),
        )

    def _update_date_rule(self) -> None:
        from newsdesk.ui import site_date

        article = self._article() if self._article is not None else None
        visible = bool(self.target.sites) and article is not None
        self.date_rule_action.setVisible(visible)
        if visible and article is not None:
            self.date_rule_action.setText(
                site_date.rule_text(
                    article, self.remote_record, self.can_publish, self.display_zone()
                )
            )

    def _show_target(self, target: SiteTarget) -> None:
        """The site beside the button, and the choice of sites in both menus."""
        self.target = target
        info = target.info(target.target)
        if info is not None:
            self.can_publish = info.can_publish
        elif target.sites:
            self.can_publish = all(s.can_publish for s in target.sites)
        several = len(target.sites) > 1
        if info is not None:
            text = self.tr("Sur %1").replace("%1", info.name)
            tip = self.tr("L’article sera envoyé sur %1").replace("%1", info.site_url)
        else:
            text = self.tr("Choisir le site…")
            tip = self.tr("Plusieurs sites sont connectés : choisissez celui de cet article.")
        self.site_button.setText(text + (" ▾" if several else ""))
        self.site_button.setToolTip(tip)
        self.site_button.setVisible(bool(target.sites))
        self.site_submenu.setTitle(
            self.tr("Site : %1").replace("%1", info.name) if info else self.tr("Site : à choisir")
        )
        self.site_submenu.menuAction().setVisible(bool(target.sites))
        for menu in (self.site_menu, self.site_submenu):
            menu.clear()
            for site in target.sites:
                action = menu.addAction(site.name + " — " + site.site_url + self._mark(site.name))
                action.setCheckable(True)
                action.setChecked(site.name == target.target)
                action.setEnabled(several)
                action.triggered.connect(lambda _c=False, n=site.name: self.choose_site(n))
        self._set_on_site(self.update_action.isVisible())
        self._update_date_rule()

    def _mark(self, site: str) -> str:
        """`` · ✓ en ligne``: the article's state on ``site``, for its line in the menu
        (an article may be on several sites, each with its own state)."""
        if self.remote is None or self.remote.article_id != self._current_id():
            return ""
        line = self.remote.on(site)
        mark = remote_mark(line.state, line.site_kind)
        return "" if mark is None else f" · {mark[0]} {mark[1]}"

    def _set_on_site(self, on_site: bool) -> None:
        self.update_action.setVisible(on_site)
        self.unpublish_action.setVisible(on_site)
        self.publish_action.setVisible(not on_site and self.can_publish)
        self.schedule_action.setVisible(self.can_publish)
        if on_site:
            self.button.setText(self.tr("Mettre à jour"))
        elif self.can_publish:
            self.button.setText(self.tr("Publier"))
        else:
            self.button.setText(self.tr("Soumettre pour relecture"))

    def _on_drain_started(self) -> None:
        if self.remote is not None or self.status_label.text():
            self._show(self.tr("Envoi…"), None)

    def _on_drain_failed(self, error: BaseException) -> None:
        self._show(describe_error(error), None, error=True)

    def _show(self, text: str, link: str | None, *, error: bool = False) -> None:
        self.link = link
        if link:
            escaped = link.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")
            html = f'{_escape(text)} : <a href="{escaped}">{escaped}</a>'
        else:
            html = _escape(text)
        if error:
            html = f'<span style="color:#a0281e">{html}</span>'
        self.status_label.setText(html)
        self.status_label.setToolTip(text)

    def status_text(self) -> str:
        """The sentence shown, without markup (tests and accessibility)."""
        return self.status_label.toolTip()

    def _show_outbox(self) -> None:
        parts = []
        if not self.runner.online:
            parts.append(self.tr("Hors ligne"))
        n = self.runner.pending
        if n == 1:
            parts.append(self.tr("1 envoi en attente"))
        elif n > 1:
            parts.append(self.tr("%1 envois en attente").replace("%1", str(n)))
        self.outbox_label.setText(" · ".join(parts))
        self.send_now_button.setVisible(n > 0)
        self.send_now_action.setEnabled(n > 0)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _main_line(remote: Any) -> Any:
    if not remote.sites:
        return None
    wanted = remote.state
    return next((s for s in remote.sites if s.state == wanted), remote.sites[0])


__all__ = [
    "MAX_IDLE_MS",
    "MIN_RETRY_MS",
    "WAITING_STATES",
    "OutboxRunner",
    "PublishButton",
    "ScheduleDialog",
    "failure_reason",
    "outcome",
    "problem_sentence",
    "refusal_text",
    "remote_mark",
]
