"""Publishing from the window: the « Publier » button, its menu, and the outbox that runs by itself.

Every click first saves the article (``MainWindow.flush``), then queues the action in the
store through the database worker: the row is committed before anything is sent, so a
crash or a lost connection never loses the request. Sending is a *drain* of the outbox,
run off the interface thread with a Store of its own on the same file (the outbox's claim
on each entry keeps it apart from any other process draining). One drain at a time; a
drain asked for while one runs is run once more afterwards.

The outbox also drains by itself: a timer set to ``outbox.next_due`` (the next retry after
a failure) and, where Qt can tell, the network coming back.
"""

from __future__ import annotations

import contextlib
import functools
import logging
import threading
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QObject, Qt, QTimer, Signal
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
from newsdesk.ui.messages import describe_error
from newsdesk.ui.schedule_dialog import ScheduleDialog
from newsdesk.ui.site_choice import SiteChoiceDialog, SiteTarget, find_target
from newsdesk.ui.tasks import run_in_background

if TYPE_CHECKING:
    from newsdesk.paths import Paths
    from newsdesk.ui.tasks import DbWorker

log = logging.getLogger(__name__)

# The longest the timer waits before looking at the outbox again, whatever next_due says:
# a retry time computed by another process (the command line) is then seen too.
MAX_IDLE_MS = 5 * 60 * 1000
# The first wait after a drain that sent nothing or could not run.
MIN_RETRY_MS = 2000
# The states in which an action still waits to be sent.
WAITING_STATES = ("queued", "sending", "waiting_network")


def problem_sentence(code: str) -> str:
    """A validation problem that blocks publishing, as a sentence saying what to fix."""
    sentences = {
        "missing_title": QCoreApplication.translate("publish", "Le titre manque."),
        "title_too_long": QCoreApplication.translate("publish", "Le titre est trop long."),
        "missing_body": QCoreApplication.translate("publish", "Le texte de l’article est vide."),
        "missing_category": QCoreApplication.translate("publish", "La rubrique manque."),
        "missing_byline": QCoreApplication.translate("publish", "La signature manque."),
        "invalid_slug": QCoreApplication.translate("publish", "Le slug n’est pas valide."),
        "naive_date": QCoreApplication.translate("publish", "La date n’a pas de fuseau horaire."),
        "missing_caption": QCoreApplication.translate("publish", "La légende de la photo manque."),
        "missing_credit": QCoreApplication.translate("publish", "Le crédit de la photo manque."),
        "missing_alt": QCoreApplication.translate(
            "publish", "Le texte alternatif de la photo manque."
        ),
    }
    return sentences.get(code, code)


def refusal_text(error: BaseException) -> str:
    """Why nothing was queued, and what to do about it."""
    if isinstance(error, errors.NotPublishable):
        return " ".join(problem_sentence(code) for _field, code in error.problems)
    if isinstance(error, errors.SiteNotChosen):
        return QCoreApplication.translate(
            "publish", "Aucun site n’est connecté : Fichier ▸ Connecter un site…"
        )
    if isinstance(error, errors.InvalidSchedule):
        if error.reason == "past_date":
            return QCoreApplication.translate(
                "publish", "Cette date est passée : choisissez une date à venir."
            )
        return QCoreApplication.translate("publish", "Choisissez une date de publication.")
    if isinstance(error, errors.NotOnSite):
        return QCoreApplication.translate("publish", "Cet article n’est pas sur le site.")
    return describe_error(error)


def failure_reason(code: str | None, message: str | None) -> str:
    """The reason a sending failed, in words, from the outbox's error code."""
    code = code or ""
    if code == "permission":
        return QCoreApplication.translate(
            "publish", "votre compte n’a pas le droit de faire cela sur ce site"
        )
    if code == "image":
        return QCoreApplication.translate("publish", "la photo ne peut pas être préparée")
    if code == "verification":
        return QCoreApplication.translate(
            "publish", "le site n’a pas tout gardé (rubrique, tags ou photo)"
        )
    if code == "article_missing":
        return QCoreApplication.translate(
            "publish", "l’article était dans la Corbeille : restaurez-le, puis publiez à nouveau"
        )
    if code == "remote_gone":
        return QCoreApplication.translate("publish", "l’article a été supprimé du site")
    if code.startswith("rejected"):
        return QCoreApplication.translate("publish", "le site a refusé l’envoi : %1").replace(
            "%1", message or code
        )
    return message or code


def outcome(state: Any) -> tuple[str, str | None]:
    """(sentence, live URL or None) for an article's state on one site (``SiteState``)."""
    name = state.state
    link = state.link
    if name in ("queued",):
        return QCoreApplication.translate("publish", "En attente d’envoi."), None
    if name == "sending":
        return QCoreApplication.translate("publish", "Envoi…"), None
    if name == "waiting_network":
        return QCoreApplication.translate(
            "publish", "En attente du réseau — l’envoi repartira tout seul."
        ), None
    if name == "needs_password":
        return (
            QCoreApplication.translate(
                "publish",
                "Le site refuse le mot de passe : saisissez-en un nouveau. Les envois sont gardés.",
            ),
            None,
        )
    if name == "conflict":
        return (
            QCoreApplication.translate(
                "publish",
                "L’article a été modifié sur le site depuis votre dernier envoi : "
                "choisissez la version à garder.",
            ),
            None,
        )
    if name == "failed":
        reason = failure_reason(state.error_code, state.error_message)
        return QCoreApplication.translate(
            "publish", "Échec de l’envoi : %1. Corrigez puis publiez à nouveau."
        ).replace("%1", reason), None
    if name == "changed_locally":
        return (
            QCoreApplication.translate(
                "publish", "Modifié depuis l’envoi : « Mettre à jour » pour l’envoyer au site."
            ),
            link,
        )
    if name == "on_site":
        return QCoreApplication.translate("publish", "En ligne"), link
    if name == "scheduled":
        return QCoreApplication.translate("publish", "Programmé"), link
    if name == "pending_review":
        return QCoreApplication.translate("publish", "Soumis pour relecture"), link
    if name == "draft_on_site":
        return QCoreApplication.translate("publish", "Brouillon sur le site"), link
    return "", None


def remote_mark(state: str) -> tuple[str, str] | None:
    """(glyph, words) for the library's line of an article in ``state`` on the site."""
    marks = {
        "queued": ("↻", QCoreApplication.translate("publish", "en attente d’envoi")),
        "sending": ("↑", QCoreApplication.translate("publish", "envoi en cours")),
        "waiting_network": ("↻", QCoreApplication.translate("publish", "en attente du réseau")),
        "on_site": ("✓", QCoreApplication.translate("publish", "en ligne")),
        "changed_locally": ("✎", QCoreApplication.translate("publish", "modifié, à envoyer")),
        "scheduled": ("◷", QCoreApplication.translate("publish", "programmé")),
        "pending_review": ("◐", QCoreApplication.translate("publish", "en relecture sur le site")),
        "draft_on_site": ("◌", QCoreApplication.translate("publish", "brouillon sur le site")),
        "failed": ("✗", QCoreApplication.translate("publish", "échec de l’envoi")),
        "needs_password": ("⚠", QCoreApplication.translate("publish", "mot de passe requis")),
        "conflict": ("⇄", QCoreApplication.translate("publish", "conflit avec le site")),
    }
    return marks.get(state)


class OutboxRunner(QObject):
    """Drains the outbox in the background, one drain at a time, by itself when due.

    ``credentials`` is called (off the interface thread, once) to get the password store:
    opening the OS keyring is slow and may fail, and neither may hold up the window.
    """

    # A drain began.
    drain_started = Signal()
    # A drain ended (its DrainReport; None when it could not start: no keyring...).
    drained = Signal(object)
    # A drain could not run at all (the error).
    drain_failed = Signal(object)
    # The number of actions waiting to be sent changed (the count).
    pending_changed = Signal(int)
    # Whether the network looks reachable changed.
    online_changed = Signal(bool)
    # Where every article stands on the site ({article id: DisplayState}), after a look.
    states_changed = Signal(object)

    def __init__(
        self,
        db: DbWorker,
        paths: Paths,
        credentials: Callable[[], Any],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.db = db
        self.paths = paths
        self._credentials_factory = credentials
        self._credentials: Any = None
        self._store: Any = None
        self._lock = threading.Lock()
        self.running = False
        self._again = False
        self._done: threading.Event | None = None
        self.pending = 0
        self.online = True
        # Drains in a row that sent nothing or could not run (no keyring, an entry
        # another process holds): the timer then waits longer each time instead of
        # draining again at once, over and over.
        self.idle_drains = 0
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.drain)
        self._network: Any = None
        self._watch_network()

    # -- the network -------------------------------------------------------------------

    def _watch_network(self) -> None:
        # Offscreen, in a container or without NetworkManager there may be no backend:
        # the timer alone then retries, which is enough.
        try:
            from PySide6.QtNetwork import QNetworkInformation

            if not QNetworkInformation.loadDefaultBackend():
                return
            info = QNetworkInformation.instance()
        except Exception:
            log.debug("no network information backend", exc_info=True)
            return
        if info is None:
            return
        self._network = info
        info.reachabilityChanged.connect(self._on_reachability)
        self._on_reachability(info.reachability())

    def _on_reachability(self, reachability: Any) -> None:
        from PySide6.QtNetwork import QNetworkInformation

        online = reachability not in (
            QNetworkInformation.Reachability.Disconnected,
            QNetworkInformation.Reachability.Local,
        )
        was = self.online
        self.set_online(online)
        if online and not was:
            # Back online: what waits goes at once, not when its backoff runs out (a
            # café's few minutes of network must not pass with the piece still waiting).
            self.send_now()

    def set_online(self, online: bool) -> None:
        if online != self.online:
            self.online = online
            self.online_changed.emit(online)

    def send_now(self) -> None:
        """Make every waiting action due now, then drain (« Envoyer maintenant »)."""
        from newsdesk.sync import outbox

        self.idle_drains = 0

        def failed(error: BaseException) -> None:
            log.warning("send now: %s", type(error).__name__)
            self.drain()

        self.db.submit(outbox.send_now, lambda _count: self.drain(), failed, owner=self)

    # -- draining ----------------------------------------------------------------------

    def drain(self) -> None:
        """Send what is due, in the background. Asked while a drain runs: once more after."""
        if self.running:
            self._again = True
            return
        self._timer.stop()
        self.running = True
        self._again = False
        self.drain_started.emit()
        self._done = run_in_background(
            self._drain_operation, self._on_drained, self._on_drain_failed, owner=self
        )

    def _drain_operation(self) -> Any:
        from newsdesk.storage.store import Store
        from newsdesk.sync import sites
        from newsdesk.sync.worker import OutboxWorker

        with self._lock:
            if self._credentials is None:
                self._credentials = self._credentials_factory()
            if self._store is None:
                # A Store of its own: the database worker stays free for typing and
                # saving while a slow upload runs.
                self._store = Store.open(self.paths)
            worker = OutboxWorker(self._store, sites.publisher_factory(self._credentials))
            return worker.drain()

    def _on_drained(self, report: Any) -> None:
        self.running = False
        self.idle_drains = 0 if report.results else self.idle_drains + 1
        network_trouble = any(r.state == "waiting_network" for r in report.results)
        if network_trouble:
            self.set_online(False)
        elif report.results:
            self.set_online(True)
        self.drained.emit(report)
        self._after_drain()

    def _on_drain_failed(self, error: BaseException) -> None:
        self.running = False
        self.idle_drains += 1
        log.warning("drain failed: %s", type(error).__name__)
        self.drain_failed.emit(error)
        self._after_drain()

    def _after_drain(self) -> None:
        if self._again:
            self.drain()
            return
        self.refresh()

    def refresh(self) -> None:
        """Count what waits and set the timer to the next retry."""
        from newsdesk.sync import outbox

        def look(store: Any) -> tuple[int, datetime | None, dict[str, str]]:
            live = outbox.entries(store, live_only=True)
            waiting = sum(1 for e in live if e.state in WAITING_STATES)
            return waiting, outbox.next_due(store), dict(outbox.remote_states(store))

        self.db.submit(look, self._on_looked, lambda e: log.warning("outbox: %s", e), owner=self)

    def _on_looked(self, result: tuple[int, datetime | None, dict[str, str]]) -> None:
        waiting, due, states = result
        self.states_changed.emit(states)
        if waiting != self.pending:
            self.pending = waiting
            self.pending_changed.emit(waiting)
        if self.running:
            return
        if due is None:
            self._timer.start(MAX_IDLE_MS)
            return
        delay = due - datetime.now(UTC)
        # Due now (a fresh queue, or found after a restart): drain at once.
        ms = max(0, min(MAX_IDLE_MS, int(delay / timedelta(milliseconds=1))))
        self._timer.start(max(ms, self.idle_delay_ms()))

    def idle_delay_ms(self) -> int:
        """The least wait before the timer drains again: none after a useful drain,
        then 2 s, 4 s, 8 s... up to the idle maximum."""
        if self.idle_drains == 0:
            return 0
        return int(min(MAX_IDLE_MS, MIN_RETRY_MS * 2 ** min(self.idle_drains - 1, 12)))

    def with_credentials(
        self,
        fn: Callable[[Any, Any], Any],
        on_success: Callable[[Any], None],
        on_failure: Callable[[BaseException], None],
        *,
        owner: QObject | None = None,
    ) -> None:
        """Run ``fn(store, credentials)`` in the background, never beside a drain.

        For what besides draining needs the store, the password store and the site
        (connecting it, a new password, a conflict's two sides and its resolution):
        they read and write what the worker drains, so they wait for it rather than
        race it. ``KeyringUnavailable`` reaches ``on_failure`` when there is no keyring.
        """

        def run() -> Any:
            with self._lock:
                if self._credentials is None:
                    self._credentials = self._credentials_factory()
                if self._store is None:
                    from newsdesk.storage.store import Store

                    self._store = Store.open(self.paths)
                return fn(self._store, self._credentials)

        run_in_background(run, on_success, on_failure, owner=owner or self)

    def with_site(
        self,
        fn: Callable[[Any, Any], Any],
        on_success: Callable[[Any], None],
        on_failure: Callable[[BaseException], None],
        *,
        owner: QObject | None = None,
    ) -> None:
        """Like ``with_credentials``, with ``fn(store, publisher_for)``."""
        from newsdesk.sync import sites

        self.with_credentials(
            lambda store, credentials: fn(store, sites.publisher_factory(credentials)),
            on_success,
            on_failure,
            owner=owner,
        )

    def fetch_terms(
        self, site: Any, on_success: Callable[[dict[str, list[tuple[int, str]]]], None]
    ) -> None:
        """The site's categories and tags, from the network, off the drains' lane
        (the password store is only looked up under the lock)."""
        from newsdesk.sync import sites

        def run() -> dict[str, list[tuple[int, str]]]:
            with self._lock:
                if self._credentials is None:
                    self._credentials = self._credentials_factory()
                credentials = self._credentials
            publisher = sites.publisher_factory(credentials)(site.account)
            try:
                return {kind: publisher.list_terms(kind) for kind in ("categories", "tags")}
            finally:
                publisher.close()

        run_in_background(
            run,
            on_success,
            lambda e: log.info("terms of %s: %s", site.name, type(e).__name__),
            owner=self,
        )

    def set_credentials(self, credentials: Any) -> None:
        """Use this password store from now on (the session's, when the keyring failed)."""
        with self._lock:
            self._credentials = credentials

    def shutdown(self, timeout: float = 30.0) -> None:
        """Stop the timer, wait for a drain in flight, close the drain's Store."""
        self._timer.stop()
        if self._done is not None:
            self._done.wait(timeout)
        with self._lock:
            if self._store is not None:
                self._store.close()
                self._store = None


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
        self.conflict_dialog: Any = None
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
        self.site_dialog: Any = None
        self.password_dialog: Any = None
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
            self._show_target(target)
            self.remote = remote
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

    # -- the site and its password ------------------------------------------------------

    def connect_site(self) -> None:
        """Fichier ▸ Connecter un site…"""
        from newsdesk.ui.site_dialog import SiteDialog

        dialog = SiteDialog(self.runner, self.window())
        self.site_dialog = dialog

        def closed() -> None:
            self.site_dialog = None
            dialog.deleteLater()

        dialog.connected.connect(lambda _site: self.refresh_state())
        dialog.connected.connect(lambda _site: self.refresh_site_terms())
        dialog.finished.connect(closed)
        dialog.open()

    def refresh_site_terms(self) -> None:
        """Fetch every connected site's categories and tags into the offline cache, in
        the background; offline or without a keyring the cached ones stay.

        The fetch runs beside the drains, not in their lane: on a weak connection a slow
        list of terms must not hold back the article waiting to be sent.
        """
        from newsdesk.sync import sites

        def store_terms(name: str, terms: dict[str, list[tuple[int, str]]]) -> None:
            from newsdesk.storage import outbox_repo

            def run(store: Any) -> None:
                for kind, listed in terms.items():
                    outbox_repo.replace_terms(store, name, kind, listed)

            self.db.submit(run, lambda _r: self.terms_refreshed.emit(), owner=self)

        def got(connected: list[Any]) -> None:
            for site in connected:
                if not site.needs_password:
                    self.runner.fetch_terms(site, functools.partial(store_terms, site.name))

        self.db.submit(sites.list_sites, got, owner=self)

    def ask_password(self) -> None:
        """The site refused the password: ask for a new one (the queue is kept)."""
        line = self._line()
        if line is None:
            return
        from newsdesk.storage import outbox_repo
        from newsdesk.ui.site_dialog import PasswordDialog

        def show(site: Any) -> None:
            dialog = PasswordDialog(self.runner, site, self.window())
            self.password_dialog = dialog

            def closed() -> None:
                self.password_dialog = None
                dialog.deleteLater()
                self.refresh_state()

            dialog.finished.connect(closed)
            dialog.open()

        site_name = line.site
        self.db.submit(
            lambda store: outbox_repo.get_site(store, site_name),
            show,
            lambda error: self._show(describe_error(error), None, error=True),
            owner=self,
        )

    # -- conflicts -----------------------------------------------------------------------

    def show_conflict(self) -> None:
        """Fetch both versions (the site's needs the network), then ask which to keep."""
        line = self._line()
        if line is None or line.state != "conflict" or not self._flush():
            return
        article_id, site = self._current_id(), line.site
        from newsdesk.storage import outbox_repo
        from newsdesk.sync.resolve import conflict_sides

        def fetch(store: Any, publisher_for: Any) -> Any:
            publisher = publisher_for(outbox_repo.get_site(store, site).account)
            try:
                return conflict_sides(store, publisher, article_id, site)
            finally:
                publisher.close()

        self._show(self.tr("Lecture de la version du site…"), None)
        self.runner.with_site(
            fetch,
            lambda sides: self._ask_conflict(sides, site),
            self._on_resolve_failed,
            owner=self,
        )

    def _ask_conflict(self, sides: Any, site: str) -> None:
        from newsdesk.ui.conflict_dialog import ConflictDialog

        dialog = ConflictDialog(sides.mine, sides.theirs, site, self.window())
        self.conflict_dialog = dialog
        article_id = sides.mine.id

        def answered() -> None:
            self.conflict_dialog = None
            dialog.deleteLater()
            if dialog.choice is not None:
                self.resolve(article_id, site, dialog.choice)
            else:
                self.refresh_state()

        dialog.finished.connect(answered)
        dialog.open()

    def resolve(self, article_id: str, site: str, choice: str) -> None:
        """Settle the conflict as ``choice`` says (keep_mine, take_theirs, merge), then send.

        The words typed since the conflict view opened are saved first: the resolution
        then works on them (kept, merged), and « Prendre celle du site » leaves them in
        the article's history rather than nowhere.
        """
        from newsdesk.storage import outbox_repo
        from newsdesk.sync.resolve import resolve_conflict

        if not self._flush():
            self._show(
                self.tr("L’article n’a pas pu être enregistré : le conflit n’est pas réglé."),
                None,
                error=True,
            )
            return

        def run(store: Any, publisher_for: Any) -> Any:
            publisher = publisher_for(outbox_repo.get_site(store, site).account)
            try:
                return resolve_conflict(store, article_id, site, choice, publisher=publisher)  # type: ignore[arg-type]
            finally:
                publisher.close()

        def done(resolution: Any) -> None:
            if choice != "keep_mine":
                self.article_changed.emit(article_id)
            self.resolved.emit(resolution)
            if choice == "take_theirs":
                note = self.tr(
                    "La version du site est reprise ; la vôtre reste dans l’historique "
                    "(version %1)."
                ).replace("%1", str(resolution.article.revision - 1))
                bar = getattr(self.window(), "statusBar", None)
                if callable(bar):
                    bar().showMessage(note, 15000)
            if resolution.clean and resolution.entry.state != "done":
                self.runner.drain()
            elif not resolution.clean:
                self._show(
                    self.tr(
                        "Les deux versions changent les mêmes lignes : l’article fusionné est "
                        "enregistré avec les deux passages ; corrigez-le puis publiez."
                    ),
                    None,
                    error=True,
                )
                return
            self.refresh_state()

        self._show(self.tr("Envoi…"), None)
        self.runner.with_site(run, done, self._on_resolve_failed, owner=self)

    def _on_resolve_failed(self, error: BaseException) -> None:
        if isinstance(error, errors.SiteUnreachable):
            text = self.tr("Le site est injoignable : réessayez quand le réseau sera revenu.")
        else:
            text = describe_error(error)
        self._show(text, None, error=True)

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
                action = menu.addAction(site.name + " — " + site.site_url)
                action.setCheckable(True)
                action.setChecked(site.name == target.target)
                action.setEnabled(several)
                action.triggered.connect(lambda _c=False, n=site.name: self.choose_site(n))
        self._set_on_site(self.update_action.isVisible())
        self._update_date_rule()

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
        if isinstance(error, errors.KeyringUnavailable):
            text = self.tr(
                "Aucun trousseau sûr pour le mot de passe : reconnectez le site pour le garder "
                "le temps de cette session."
            )
        else:
            text = describe_error(error)
        self._show(text, None, error=True)

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
    "OutboxRunner",
    "PublishButton",
    "ScheduleDialog",
    "outcome",
    "problem_sentence",
    "remote_mark",
]
