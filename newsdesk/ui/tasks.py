"""The one way the window does slow work.

Three lanes, and nothing else in the UI starts a thread:

* ``DbWorker``: a single thread that owns the Store. Every database call goes
  through it, first in first out, so saves never overtake each other and the
  SQLite connection is only ever used from one thread.
* ``Lane``: a thread pool of its own for network work (outbox drains, keyring
  calls, the authorization listener's wait of up to ten minutes). The window's
  outbox runner owns one; on a two-core laptop an upload then never holds up
  the preview.
* ``run_in_background``: everything else that is slow but short and touches
  neither the database nor the network (rendering the preview, counting words,
  reading a file to import). It runs on Qt's global thread pool.

Each lane stops within a bounded time: ``DbWorker.stop`` and ``Lane.stop`` take
a time-out and keep to it.

Both deliver the result (or the exception) on the GUI thread through a queued
signal. Operations receive plain data and return plain data; they never touch
widgets. A callback whose owner widget was deleted in the meantime is dropped
rather than called on a dead object.
"""

from __future__ import annotations

import collections
import contextlib
import logging
import queue
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import shiboken6
from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QObject,
    QRunnable,
    QThread,
    QThreadPool,
    Signal,
)

log = logging.getLogger(__name__)

SuccessCallback = Callable[[Any], None]
FailureCallback = Callable[[BaseException], None]


@dataclass(slots=True)
class _Job:
    fn: Callable[..., Any]
    on_success: SuccessCallback | None
    on_failure: FailureCallback | None
    owner: QObject | None
    result: Any = None
    error: BaseException | None = None
    done: threading.Event = field(default_factory=threading.Event)


class _Relay(QObject):
    """Lives on the GUI thread; its signal carries finished jobs back there."""

    finished = Signal(object)

    def __init__(self) -> None:
        super().__init__()
        self.finished.connect(self._deliver)

    def _deliver(self, job: _Job) -> None:
        if job.owner is not None and not shiboken6.isValid(job.owner):
            return
        if job.error is not None:
            if job.on_failure is not None:
                job.on_failure(job.error)
            else:
                log.error("background work failed", exc_info=job.error)
        elif job.on_success is not None:
            job.on_success(job.result)


def _make_relay() -> _Relay:
    relay = _Relay()
    app = QCoreApplication.instance()
    if app is not None and relay.thread() is not app.thread():
        relay.moveToThread(app.thread())
    return relay


class DbWorker(QThread):
    """The thread that owns the Store.

    ``open_store`` runs on this thread before the first job, so opening the
    database (imports, migrations) never holds up the window.

    Before it, the jobs given to ``before_open`` run (they get no store): the window
    reads the article it opens first that way, without SQLAlchemy. Opening may then be
    held, at most a few seconds, until ``release_open()``: what that article starts on
    the interface's side (the preview's render, Python too) then does not share the
    interpreter with the store's imports (half a second of Python).
    """

    store_opened = Signal()
    store_failed = Signal(object)

    def __init__(self, open_store: Callable[[], Any], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("newsdesk-db")
        self._open_store = open_store
        self._queue: queue.Queue[_Job | None] = queue.Queue()
        self._relay = _make_relay()
        self._store: Any = None
        # "opening", "open" or "failed"; ``open_error`` holds why it failed.
        self.state = "opening"
        self.open_error: BaseException | None = None
        self._pending = 0
        self._idle = threading.Condition()
        self._before_open: list[tuple[_Job, float]] = []
        self._may_open = threading.Event()
        self._may_open.set()

    # -- called from the GUI thread ------------------------------------------

    def submit(
        self,
        fn: Callable[[Any], Any],
        on_success: SuccessCallback | None = None,
        on_failure: FailureCallback | None = None,
        *,
        owner: QObject | None = None,
    ) -> None:
        """Queue ``fn(store)``; its result reaches ``on_success`` on the GUI thread."""
        with self._idle:
            self._pending += 1
        self._queue.put(_Job(fn, on_success, on_failure, owner))

    def before_open(
        self,
        fn: Callable[[], Any],
        on_success: SuccessCallback | None = None,
        *,
        owner: QObject | None = None,
        hold_s: float = 0.0,
    ) -> None:
        """Run ``fn()`` on this thread before the store opens (call before ``start``).

        When ``fn`` returns something (not None), opening the store then waits for
        ``release_open()``, ``hold_s`` seconds at most. ``fn`` must not raise: what it
        raises is only logged, and the store opens as usual.
        """
        if self.isRunning():
            raise RuntimeError("before_open() after the worker started")
        self._before_open.append((_Job(lambda _store: fn(), on_success, None, owner), hold_s))

    def release_open(self) -> None:
        """Let the store open now (see ``before_open``)."""
        self._may_open.set()

    def call(self, fn: Callable[[Any], Any], timeout: float = 30.0) -> Any:
        """Run ``fn(store)`` after everything already queued and wait for it.

        Only for the few moments the window must not go on without the answer
        (closing with unsaved work). Raises what ``fn`` raised.
        """
        job = _Job(fn, None, None, None)
        with self._idle:
            self._pending += 1
        self._queue.put(job)
        if not job.done.wait(timeout):
            raise TimeoutError("the database did not answer in time")
        if job.error is not None:
            raise job.error
        return job.result

    def wait_idle(self, timeout: float = 30.0) -> bool:
        """Block until every queued job has run; their callbacks are then delivered
        by the next turn of the event loop."""
        with self._idle:
            return self._idle.wait_for(lambda: self._pending == 0, timeout)

    def settle(self, timeout: float = 30.0) -> bool:
        """Wait for the queued jobs, then run their callbacks now, on this (GUI) thread.

        For the moments the window must know the outcome of earlier saves (their
        new revision) before going on. Only this worker's answers are delivered,
        not the rest of the event queue.
        """
        idle = self.wait_idle(timeout)
        QCoreApplication.sendPostedEvents(self._relay, QEvent.Type.MetaCall)
        return idle

    def stop(self, timeout_ms: int = 30000) -> None:
        """Finish the queued jobs, then close the store and end the thread."""
        if self.isRunning():
            self._may_open.set()
            self._queue.put(None)
            self.wait(timeout_ms)

    # -- the worker thread ---------------------------------------------------

    def _run_before_open(self) -> float:
        """The ``before_open`` jobs; how long opening may then be held."""
        hold = 0.0
        for job, hold_s in self._before_open:
            try:
                job.result = job.fn(None)
            except Exception:
                log.exception("before the store opened")
                continue
            if job.result is not None and hold_s > 0:
                # Before the answer leaves: the window may release at once.
                self._may_open.clear()
                hold = max(hold, hold_s)
            if job.on_success is not None:
                self._relay.finished.emit(job)
        self._before_open.clear()
        return hold

    def run(self) -> None:
        open_error: BaseException | None = None
        hold = self._run_before_open()
        if hold > 0:
            self._may_open.wait(hold)
        try:
            self._store = self._open_store()
        except BaseException as exc:  # reported to the window, which words it
            open_error = exc
            self.open_error = exc
            self.state = "failed"
            self.store_failed.emit(exc)
        else:
            self.state = "open"
            self.store_opened.emit()
        while True:
            job = self._queue.get()
            if job is None:
                break
            if open_error is not None:
                job.error = open_error
            else:
                try:
                    job.result = job.fn(self._store)
                except BaseException as exc:
                    job.error = exc
            job.done.set()
            if job.on_success is not None or job.on_failure is not None or job.error:
                self._relay.finished.emit(job)
            with self._idle:
                self._pending -= 1
                self._idle.notify_all()
        close = getattr(self._store, "close", None)
        if callable(close):
            close()


class _Runnable(QRunnable):
    def __init__(self, job: _Job, relay: _Relay) -> None:
        super().__init__()
        self._job = job
        self._relay = relay

    def run(self) -> None:
        try:
            self._job.result = self._job.fn()
        except BaseException as exc:
            self._job.error = exc
        self._job.done.set()
        # The application may have quit while this ran and taken the relay with
        # it: then nobody is left to tell.
        with contextlib.suppress(RuntimeError):
            self._relay.finished.emit(self._job)


_background_relay: _Relay | None = None


def _shared_relay() -> _Relay:
    global _background_relay
    if _background_relay is None or not shiboken6.isValid(_background_relay):
        _background_relay = _make_relay()
    return _background_relay


class Lane:
    """Threads of its own for one kind of long, blocking work (the network's).

    Its jobs answer on the GUI thread like ``run_in_background``'s. ``stop`` drops the
    jobs not started yet and waits, at most its time-out, for those running; after it
    the lane takes no more work.

    Plain daemon threads rather than a ``QThreadPool``: PySide deletes every pool left
    at exit, and a pool's destructor waits for its running jobs without a bound, so a
    request blocked on a silent site would hold the process after the window closed.
    A daemon thread is abandoned at exit instead; what it was doing is safe to cut
    (the outbox marks an action as being sent before the request, and SQLite rolls
    back a write cut short).
    """

    def __init__(self, name: str, max_threads: int = 4) -> None:
        self.name = name
        self.max_threads = max(1, max_threads)
        self.stopped = False
        self._pending: collections.deque[_Job] = collections.deque()
        self._changed = threading.Condition()
        self._threads = 0
        self._idle = 0
        self._running = 0

    def run(
        self,
        fn: Callable[[], Any],
        on_success: SuccessCallback | None = None,
        on_failure: FailureCallback | None = None,
        *,
        owner: QObject | None = None,
    ) -> threading.Event:
        """Run ``fn()`` on this lane; deliver its result or error on the GUI thread.

        Returns an event set once ``fn`` has returned. After ``stop`` nothing runs
        (and the event is never set)."""
        job = _Job(fn, on_success, on_failure, owner)
        relay = _shared_relay()  # made on the GUI thread, where it must live
        with self._changed:
            if self.stopped:
                log.debug("%s is stopped: %r not run", self.name, fn)
                return job.done
            self._pending.append(job)
            if self._idle == 0 and self._threads < self.max_threads:
                self._threads += 1
                threading.Thread(
                    target=self._work, args=(relay,), name=self.name, daemon=True
                ).start()
            self._changed.notify()
        return job.done

    def _work(self, relay: _Relay) -> None:
        while True:
            with self._changed:
                while not self._pending and not self.stopped:
                    self._idle += 1
                    self._changed.wait()
                    self._idle -= 1
                if self.stopped and not self._pending:
                    self._threads -= 1
                    self._changed.notify_all()
                    return
                job = self._pending.popleft()
                self._running += 1
            try:
                _Runnable(job, relay).run()
            finally:
                with self._changed:
                    self._running -= 1
                    self._changed.notify_all()

    def active(self) -> int:
        """How many of its jobs are running now."""
        with self._changed:
            return self._running

    def stop(self, timeout: float) -> bool:
        """Take no more work, drop what has not started, and wait at most ``timeout``
        seconds for what runs. True when nothing runs any more."""
        with self._changed:
            self.stopped = True
            self._pending.clear()
            self._changed.notify_all()
            return self._changed.wait_for(lambda: self._running == 0, max(0.0, timeout))


def run_in_background(
    fn: Callable[[], Any],
    on_success: SuccessCallback | None = None,
    on_failure: FailureCallback | None = None,
    *,
    owner: QObject | None = None,
) -> threading.Event:
    """Run ``fn()`` off the GUI thread; deliver its result or error on the GUI thread.

    For short work that touches neither the Store (that goes through ``DbWorker``)
    nor the network (a ``Lane``): the preview renders here. Returns an event set
    once ``fn`` has returned, for the rare caller that must wait.
    """
    job = _Job(fn, on_success, on_failure, owner)
    QThreadPool.globalInstance().start(_Runnable(job, _shared_relay()))
    return job.done
