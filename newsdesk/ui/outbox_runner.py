"""The outbox that runs by itself, for the window.

Sending is a *drain* of the outbox, run off the interface thread with a Store of its own
on the same file (opened by the context's ``open_store``, the worker built by its
``make_worker``) (the outbox's claim on each entry keeps it apart from any other process
draining). One drain at a time; a drain asked for while one runs is run once more
afterwards. The outbox also drains by itself: a timer set to ``outbox.next_due`` (the next
retry after a failure) and, where Qt can tell, the network coming back (then every
waiting action is made due at once, as « Envoyer maintenant » does).

Everything here that waits on the network or the keyring (drains, the password store,
a site's terms; the site dialog's listener too) runs on the runner's own network lane,
never on the pool the preview renders on. ``shutdown`` keeps to its time-out even while
a drain holds the lock: that drain then closes its Store itself when it ends, and the
entry it holds is taken up again at the next start.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QTimer, Signal

from newsdesk.core.outbox_states import RUNNABLE
from newsdesk.ui.tasks import Lane

if TYPE_CHECKING:
    from newsdesk.context import Context
    from newsdesk.ui.tasks import DbWorker

log = logging.getLogger(__name__)

# The longest the timer waits before looking at the outbox again, whatever next_due says:
# a retry time computed by another process (the command line) is then seen too.
MAX_IDLE_MS = 5 * 60 * 1000
# The first wait after a drain that sent nothing or could not run.
MIN_RETRY_MS = 2000
# The longest closing the window waits for the network lane (a drain in flight).
SHUTDOWN_TIMEOUT_S = 30.0
# The states in which an action still waits to be sent: the outbox's own.
WAITING_STATES = RUNNABLE


class OutboxRunner(QObject):
    """Drains the outbox in the background, one drain at a time, by itself when due.

    ``credentials`` is called (off the interface thread, once) to get the password store:
    opening the OS keyring is slow and may fail, and neither may hold up the window.
    The store, the worker and the publishers come from ``context``'s factories.
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
        context: Context,
        credentials: Callable[[], Any],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.db = db
        self.context = context
        self.paths = context.paths
        self._credentials_factory = credentials
        self._credentials: Any = None
        self._store: Any = None
        self._lock = threading.Lock()
        # Drains, keyring calls and listeners: a pool of their own (see the module's doc).
        self.network = Lane("newsdesk-network")
        # Set by shutdown: whoever holds the lock last closes the Store.
        self._closing = False
        self.running = False
        self._again = False
        self._done: threading.Event | None = None
        self.pending = 0
        self.online = True
        # The articles whose « needs password » is a Ghost site's key (see ``refresh``).
        self.key_articles: set[str] = set()
        # Drains in a row that sent nothing or could not run (no keyring, an entry
        # another process holds): the timer then waits longer each time instead of
        # draining again at once, over and over.
        self.idle_drains = 0
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.drain)
        self._network: Any = None
        # Once the event loop runs, not while the window is being built: loading the
        # platform's network plugin (and its first question to the system) is no part
        # of the first frame, and the outbox sends nothing before the store opens.
        QTimer.singleShot(0, self, self._watch_network)

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
        if self._closing:
            return
        if self.running:
            self._again = True
            return
        self._timer.stop()
        self.running = True
        self._again = False
        self.drain_started.emit()
        self._done = self.network.run(
            self._drain_operation, self._on_drained, self._on_drain_failed, owner=self
        )

    def _drain_operation(self) -> Any:
        with self._lock:
            if self._credentials is None:
                self._credentials = self._credentials_factory()
            if self._store is None:
                # A Store of its own: the database worker stays free for typing and
                # saving while a slow upload runs.
                self._store = self.context.open_store()
            try:
                worker = self.context.make_worker(self._store, self._credentials)
                return worker.drain()
            finally:
                self._close_store_if_closing()

    def _on_drained(self, report: Any) -> None:
        self.running = False
        if self._closing:
            return  # the window is gone: the outbox keeps what the drain did
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
        if self._closing:
            return
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

        def look(store: Any) -> tuple[int, datetime | None, dict[str, str], set[str]]:
            from newsdesk.storage import outbox_repo

            live = outbox.entries(store, live_only=True)
            waiting = sum(1 for e in live if e.state in WAITING_STATES)
            # Articles held by a Ghost site that needs its key again: their line says
            # « clé », not « mot de passe ».
            locked = {s.name for s in outbox_repo.list_sites(store) if s.needs_password}
            ghost = {s.name for s in outbox_repo.list_sites(store) if s.kind == "ghost"}
            keys = {e.article_id for e in live if e.site in locked & ghost}
            return waiting, outbox.next_due(store), dict(outbox.remote_states(store)), keys

        self.db.submit(look, self._on_looked, lambda e: log.warning("outbox: %s", e), owner=self)

    def _on_looked(self, result: tuple[int, datetime | None, dict[str, str], set[str]]) -> None:
        waiting, due, states, self.key_articles = result
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
                    self._store = self.context.open_store()
                try:
                    return fn(self._store, self._credentials)
                finally:
                    self._close_store_if_closing()

        self.network.run(run, on_success, on_failure, owner=owner or self)

    def with_site(
        self,
        fn: Callable[[Any, Any], Any],
        on_success: Callable[[Any], None],
        on_failure: Callable[[BaseException], None],
        *,
        owner: QObject | None = None,
    ) -> None:
        """Like ``with_credentials``, with ``fn(store, publisher_for)``."""
        self.with_credentials(
            lambda store, credentials: fn(store, self.context.publisher_factory(credentials)),
            on_success,
            on_failure,
            owner=owner,
        )

    def fetch_terms(
        self, site: Any, on_success: Callable[[dict[str, list[tuple[int, str]]]], None]
    ) -> None:
        """The site's categories and tags, from the network, off the drains' lane
        (the password store is only looked up under the lock)."""

        def run() -> dict[str, list[tuple[int, str]]]:
            with self._lock:
                if self._credentials is None:
                    self._credentials = self._credentials_factory()
                credentials = self._credentials
            publisher = self.context.publisher_factory(credentials)(site.account)
            try:
                return {kind: publisher.list_terms(kind) for kind in ("categories", "tags")}
            finally:
                publisher.close()

        self.network.run(
            run,
            on_success,
            lambda e: log.info("terms of %s: %s", site.name, type(e).__name__),
            owner=self,
        )

    def set_credentials(self, credentials: Any) -> None:
        """Use this password store from now on."""
        with self._lock:
            self._credentials = credentials

    def use_session_credentials(self) -> None:
        """Keep passwords in memory for this session from now on (the keyring failed and
        the reporter accepted it)."""
        self.set_credentials(self.context.session_credentials())

    def shutdown(self, timeout: float | None = None) -> bool:
        """Stop the timer and the network lane, then close the drain's Store; within
        ``timeout`` seconds (``SHUTDOWN_TIMEOUT_S``) in all, even while a drain holds
        the lock. True when nothing was left running."""
        deadline = time.monotonic() + (SHUTDOWN_TIMEOUT_S if timeout is None else timeout)
        self._timer.stop()
        self._closing = True
        stopped = self.network.stop(max(0.0, deadline - time.monotonic()))
        if not self._lock.acquire(timeout=max(0.0, deadline - time.monotonic())):
            # A drain still runs (a slow site) and keeps the lock: it closes the Store
            # when it ends (``_close_store_if_closing``).
            log.info("closing with a drain in flight: it ends on its own")
            return False
        try:
            self._close_store_if_closing()
        finally:
            self._lock.release()
        return stopped

    def _close_store_if_closing(self) -> None:
        # Called with the lock held.
        if self._closing and self._store is not None:
            self._store.close()
            self._store = None


__all__ = ["MAX_IDLE_MS", "MIN_RETRY_MS", "SHUTDOWN_TIMEOUT_S", "WAITING_STATES", "OutboxRunner"]
