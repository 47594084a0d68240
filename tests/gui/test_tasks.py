"""The one way the window does slow work: the database worker and the background pool."""

from __future__ import annotations

import threading
import time
from typing import Any

import pytest
import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, QObject, QThreadPool

from newsdesk.core.errors import InvalidImage, StoreError
from newsdesk.ui.preview import body_patch
from newsdesk.ui.tasks import DbWorker, Lane, run_in_background

pytestmark = [pytest.mark.gui]


class Recorder:
    """Stands in for the Store: records which thread ran each call."""

    def __init__(self) -> None:
        self.threads: set[int] = set()
        self.order: list[int] = []

    def work(self, n: int) -> int:
        self.threads.add(threading.get_ident())
        time.sleep(0.001 * (n % 3))
        self.order.append(n)
        return n * n


@pytest.fixture
def worker(qtbot: Any) -> Any:
    recorder = Recorder()
    db = DbWorker(lambda: recorder)
    db.recorder = recorder  # type: ignore[attr-defined]
    db.start()
    yield db
    db.stop()


def test_jobs_run_in_order_on_one_thread_and_answer_on_the_gui_thread(
    qtbot: Any, worker: Any
) -> None:
    gui_thread = threading.get_ident()
    answers: list[tuple[int, int]] = []
    for n in range(20):
        worker.submit(
            lambda store, n=n: store.work(n),
            lambda result: answers.append((result, threading.get_ident())),
        )
    qtbot.waitUntil(lambda: len(answers) == 20, timeout=5000)
    assert [result for result, _thread in answers] == [n * n for n in range(20)]
    assert {thread for _result, thread in answers} == {gui_thread}
    assert worker.recorder.order == list(range(20))
    assert len(worker.recorder.threads) == 1
    assert gui_thread not in worker.recorder.threads


def test_a_failure_reaches_on_failure_and_the_next_job_still_runs(qtbot: Any, worker: Any) -> None:
    errors: list[BaseException] = []
    results: list[int] = []

    def refuse(_store: Any) -> None:
        raise InvalidImage("photo.jpg: not an image")

    worker.submit(refuse, results.append, errors.append)
    worker.submit(lambda store: store.work(3), results.append, errors.append)
    qtbot.waitUntil(lambda: len(results) == 1, timeout=5000)
    assert isinstance(errors[0], InvalidImage)
    assert results == [9]


def test_call_waits_behind_queued_jobs_and_raises_their_error(qtbot: Any, worker: Any) -> None:
    worker.submit(lambda store: store.work(1))
    worker.submit(lambda store: store.work(2))
    assert worker.call(lambda store: list(store.order)) == [1, 2]
    with pytest.raises(InvalidImage):
        worker.call(lambda _store: (_ for _ in ()).throw(InvalidImage("x")))
    assert worker.wait_idle(5)


def test_a_store_that_cannot_open_is_reported_and_every_job_fails_cleanly(qtbot: Any) -> None:
    def broken() -> Any:
        raise StoreError("/tmp/x.sqlite3", StoreError.NOT_A_DATABASE)

    db = DbWorker(broken)
    failures: list[BaseException] = []
    with qtbot.waitSignal(db.store_failed, timeout=5000) as blocker:
        db.start()
    assert isinstance(blocker.args[0], StoreError)
    db.submit(lambda store: store.work(1), None, failures.append)
    qtbot.waitUntil(lambda: bool(failures), timeout=5000)
    assert isinstance(failures[0], StoreError)
    db.stop()


def test_before_open_runs_first_and_holds_the_opening_until_released(qtbot: Any) -> None:
    events: list[str] = []
    db = DbWorker(lambda: events.append("open") or Recorder())
    answers: list[Any] = []
    db.before_open(lambda: events.append("early") or "article", answers.append, hold_s=30)
    db.store_opened.connect(lambda: events.append("opened"))
    db.start()
    try:
        qtbot.waitUntil(lambda: answers == ["article"], timeout=5000)
        db.submit(lambda store: events.append("job"))
        assert db.state == "opening"  # held: nothing opened yet
        assert events == ["early"]
        db.release_open()
        qtbot.waitUntil(lambda: "job" in events, timeout=5000)
        assert events[:2] == ["early", "open"]
    finally:
        db.stop()


def test_before_open_that_finds_nothing_does_not_hold(qtbot: Any) -> None:
    answers: list[Any] = []
    db = DbWorker(Recorder)
    db.before_open(lambda: None, answers.append, hold_s=30)
    db.start()
    try:
        qtbot.waitUntil(lambda: db.state == "open", timeout=5000)
        qtbot.waitUntil(lambda: answers == [None], timeout=5000)
    finally:
        db.stop()


def test_a_held_worker_still_stops(qtbot: Any) -> None:
    db = DbWorker(Recorder)
    db.before_open(lambda: "article", hold_s=30)
    db.start()
    qtbot.waitUntil(lambda: not db._before_open, timeout=5000)
    db.stop(timeout_ms=5000)
    assert db.isFinished()


def test_a_failing_before_open_job_is_only_logged(qtbot: Any, caplog: Any) -> None:
    def fail() -> None:
        raise OSError("unreadable")

    db = DbWorker(Recorder)
    db.before_open(fail, hold_s=30)
    db.start()
    try:
        qtbot.waitUntil(lambda: db.state == "open", timeout=5000)
    finally:
        db.stop()
    assert "before the store opened" in caplog.text


def test_run_in_background_answers_on_the_gui_thread(qtbot: Any) -> None:
    gui_thread = threading.get_ident()
    seen: list[tuple[int, int]] = []
    run_in_background(
        lambda: threading.get_ident(), lambda worker: seen.append((worker, threading.get_ident()))
    )
    qtbot.waitUntil(lambda: bool(seen), timeout=5000)
    worker_thread, answer_thread = seen[0]
    assert worker_thread != gui_thread
    assert answer_thread == gui_thread


def test_an_answer_for_a_deleted_owner_is_dropped(qtbot: Any) -> None:
    owner = QObject()
    release = threading.Event()
    calls: list[object] = []
    done = run_in_background(lambda: release.wait(5), calls.append, owner=owner)
    owner.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert not shiboken6.isValid(owner)  # the owner is gone before the work finishes
    release.set()
    assert done.wait(5)
    # The answer is on its way to the GUI thread once the pool is done: deliver it.
    assert QThreadPool.globalInstance().waitForDone(5000)
    QCoreApplication.sendPostedEvents()
    assert calls == []


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (["a", "b", "c"], ["a", "b", "c"], (3, 0, 3)),  # nothing to do
        (["a", "b", "c"], ["a", "B", "c"], (1, 1, 2)),  # one block edited
        (["a", "b", "c"], ["a", "b", "x", "c"], (2, 0, 3)),  # a block inserted
        (["a", "b", "c"], ["a", "c"], (1, 1, 1)),  # a block deleted
        ([], ["a", "b"], (0, 0, 2)),  # first render
        (["a", "b"], [], (0, 2, 0)),  # everything deleted
        (["p", "p", "p"], ["p", "p"], (2, 1, 2)),  # identical paragraphs share a key
    ],
)
def test_body_patch_is_the_smallest_contiguous_change(
    old: list[str], new: list[str], expected: tuple[int, int, int]
) -> None:
    start, remove, insert_end = body_patch(old, new)
    assert (start, remove, insert_end) == expected
    # Applying it to the old list gives the new one.
    assert old[:start] + new[start:insert_end] + old[start + remove :] == new


def test_the_preview_never_waits_behind_the_network_lane(qtbot: Any) -> None:
    # More blocked network jobs than Qt's global pool has threads (two cores here):
    # on the global pool they would hold up the preview's renders.
    network = Lane("test-network", max_threads=QThreadPool.globalInstance().maxThreadCount() + 2)
    release = threading.Event()
    try:
        for _ in range(QThreadPool.globalInstance().maxThreadCount() + 2):
            network.run(lambda: release.wait(10))
        qtbot.waitUntil(lambda: network.active() > 0, timeout=5000)
        rendered: list[int] = []
        run_in_background(lambda: 42, rendered.append)
        qtbot.waitUntil(lambda: rendered == [42], timeout=5000)
        assert not release.is_set()
    finally:
        release.set()
        assert network.stop(10)


def test_a_lane_stops_within_its_time_out_and_drops_what_had_not_started(qtbot: Any) -> None:
    network = Lane("test-network", max_threads=1)
    release = threading.Event()
    ran: list[str] = []
    running = network.run(lambda: release.wait(10) and ran.append("blocked"))
    network.run(lambda: ran.append("queued"))
    qtbot.waitUntil(lambda: network.active() == 1, timeout=5000)
    started = time.monotonic()
    assert not network.stop(0.3)
    assert time.monotonic() - started < 2.0
    # Stopped: it takes no more work.
    network.run(lambda: ran.append("late"))
    release.set()
    assert running.wait(10)
    assert network.stop(10)
    assert ran == ["blocked"]


def test_a_job_blocked_forever_does_not_hold_the_process_at_exit() -> None:
    """A request stuck on a silent site must not keep newsdesk running once the window
    has closed (a pool's destructor waits for its jobs without a bound)."""
    import subprocess
    import sys

    script = (
        "import threading\n"
        "from PySide6.QtCore import QTimer\n"
        "from PySide6.QtWidgets import QApplication\n"
        "from newsdesk.ui.tasks import Lane\n"
        "app = QApplication([])\n"
        "lane = Lane('stuck')\n"
        "lane.run(threading.Event().wait)\n"
        "QTimer.singleShot(200, app.quit)\n"
        "app.exec()\n"
        "lane.stop(0.2)\n"
    )
    started = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-c", script], timeout=60, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    assert time.monotonic() - started < 20
