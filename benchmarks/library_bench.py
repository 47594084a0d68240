"""A reporter's years of work: the window on 100,000 articles, beside an empty store.

    .venv/bin/python -m benchmarks --only library            # 100,000 articles
    .venv/bin/python -m benchmarks --only library --quick    # 20,000, fewer samples

The store is built once through ``Store.bulk_create`` (``benchmarks.library_corpus``,
about three minutes here) and kept under the system's temporary folder; each run works
on a copy of it, so the window's writes never change the next run's store. Figures,
each beside its target:

- start-up, a fresh ``python -m newsdesk`` each time, to the window shown and to the
  library's first page shown, 100,000 articles against an empty store (the ratio of
  the medians, target 1.1x);
- the memory (PSS) of the whole process tree, newsdesk and QtWebEngine's processes,
  once its library is shown, against the bare PySide6 window with a QWebEngineView
  (``benchmarks/bare_window.py``) started in the same run (target 1.15x);
- search returning 50 hits, as the window asks it (p95 target 20 ms);
- in the window, the longest stall of the UI thread (a 1 ms timer's gaps) while the
  library is scrolled from the top to its very bottom, page after page, and filtered
  by rubrique, by status and by typed words (target 16 ms); beside it, the UI
  thread's own CPU time in that gap, which other programs on the machine cannot lengthen;
- typing into an article while the library holds every one of the 100,000 rows:
  ``benchmarks.gui_bench``'s longest stall and keystroke-to-preview figures.
"""

from __future__ import annotations

import gc
import itertools
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from benchmarks import figures, search_bench, startup_bench
from benchmarks.library_corpus import cached_store

COUNT = 100_000
QUICK_COUNT = 20_000
START_UP_TARGET = 1.1
PSS_TARGET = 1.15
STALL_TARGET = figures.Target(16, inclusive=True)
#: Scrolling to the bottom stops after this long (500 pages take about 30 s here).
SCROLL_LIMIT_S = 90
#: The process tree's memory is read once it stayed within this share for a second.
SETTLED = 0.02
SETTLE_TIMEOUT_S = 40
BARE_WINDOW = Path(__file__).resolve().with_name("bare_window.py")


def run(folder: Path, quick: bool) -> None:
    count = QUICK_COUNT if quick else COUNT
    label = f"{count:,} articles"
    figures.heading(f"A library of {label} (benchmarks.library_bench)")
    started = time.perf_counter()
    cache = cached_store(count)
    figures.info(f"store of {label} ready in {time.perf_counter() - started:.0f} s ({cache})")
    folder.mkdir(parents=True, exist_ok=True)
    library = folder / "library"
    shutil.copytree(cache, library)
    (library / "built").unlink()
    empty = folder / "empty"
    empty.mkdir()
    start_up(library, empty, label, runs=3 if quick else 7)
    process_memory(library, empty, folder, label)
    figures.heading(f"Search over {label}")
    from newsdesk.paths import Paths
    from newsdesk.storage.store import Store

    with Store.open(Paths(library)) as store:
        search_bench._run(store, f"{label}, up to 50 hits", 50, repeat=3 if quick else 10)
    window(library, label, quick)


# -- start-up ------------------------------------------------------------------------


def show_ratio(label: str, mine: list[float], base: list[float], limit: float, unit: str) -> None:
    ours, theirs = figures.median(mine), figures.median(base)
    ratio = ours / theirs if theirs else float("inf")
    verdict = "ok" if ratio <= limit else "MISSED"
    shown = (lambda v: f"{v:.0f} MiB") if unit == "MiB" else (lambda v: f"{v:.0f} ms")
    print(
        f"{label:<{figures.LABEL_WIDTH}} {shown(ours):>9}   against {shown(theirs):>7}"
        f"   {ratio:4.2f}x   target <= {limit:g}x   {verdict}",
        flush=True,
    )


def start_up(library: Path, empty: Path, label: str, runs: int) -> None:
    figures.heading(f"Start-up, {label} against an empty store (a fresh process each time)")
    # One warm-up each (the OS's file cache, Python's bytecode), then in turns, so that
    # the machine's moods fall on both alike.
    startup_bench.start_once(library)
    startup_bench.start_once(empty)
    full: list[startup_bench.StartUp] = []
    bare: list[startup_bench.StartUp] = []
    for _ in range(runs):
        full.append(startup_bench.start_once(library))
        bare.append(startup_bench.start_once(empty))
    show_ratio(
        f"start-up to window shown, {label} / empty, median",
        [s.shown_ms for s in full],
        [s.shown_ms for s in bare],
        START_UP_TARGET,
        "ms",
    )
    show_ratio(
        f"start-up to library's first page, {label} / empty, median",
        [s.listed_ms for s in full],
        [s.listed_ms for s in bare],
        START_UP_TARGET,
        "ms",
    )


# -- memory --------------------------------------------------------------------------


def settled_memory(command: list[str], workdir: Path) -> tuple[float, float, int]:
    """Start ``command``, wait until its process tree's PSS holds still, read it; then
    stop it. (PSS MiB, private MiB, processes)."""
    from benchmarks.outside_bench import memory

    env = dict(os.environ)
    env.pop("NEWSDESK_BENCH_EXIT_AFTER_SHOWN", None)
    process = subprocess.Popen(
        command, cwd=workdir, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        deadline = time.monotonic() + SETTLE_TIMEOUT_S
        time.sleep(3)
        last = memory(process.pid)
        while time.monotonic() < deadline:
            time.sleep(1)
            now = memory(process.pid)
            # QtWebEngine's renderer and GPU processes are up, and nothing grows.
            steady = abs(now.tree_pss_mib - last.tree_pss_mib) <= SETTLED * last.tree_pss_mib
            if now.processes >= 3 and steady:
                break
            last = now
        if process.poll() is not None:
            raise RuntimeError(f"{command[1:3]} ended with {process.returncode}")
        return now.tree_pss_mib, now.tree_uss_mib, now.processes
    finally:
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def process_memory(library: Path, empty: Path, folder: Path, label: str) -> None:
    figures.heading("Memory of the whole process tree, once the window is shown")
    page = folder / "bare.html"
    page.write_text("<!doctype html><meta charset=utf-8><p>Aperçu</p>", encoding="utf-8")
    newsdesk = [sys.executable, "-m", "newsdesk", "--data-dir"]
    bare = [sys.executable, str(BARE_WINDOW), str(page), "--geometry", "0,0,1600,1000"]
    ours, ours_private, processes = settled_memory([*newsdesk, str(library)], folder)
    theirs, theirs_private, bare_processes = settled_memory(bare, folder)
    empty_pss, _private, _processes = settled_memory([*newsdesk, str(empty)], folder)
    show_ratio(f"PSS, newsdesk on {label} / bare window", [ours], [theirs], PSS_TARGET, "MiB")
    figures.info(
        f"{processes} processes against {bare_processes}; private pages {ours_private:.0f}"
        f" MiB against {theirs_private:.0f} MiB; newsdesk on an empty store {empty_pss:.0f} MiB"
    )


# -- in the window -------------------------------------------------------------------


class Ticks(list[tuple[float, float]]):
    """(wall clock, the UI thread's CPU time) at each tick, and Python's garbage
    collections meanwhile as (phase, generation, wall clock)."""

    collections: list[tuple[str, int, float]]


@contextmanager
def ticking() -> Iterator[Ticks]:
    """A 1 ms timer on the UI thread, and Python's collections noted beside it."""
    from PySide6.QtCore import Qt, QTimer

    ticks = Ticks()
    ticks.collections = []

    def on_gc(phase: str, info: dict[str, int]) -> None:
        ticks.collections.append((phase, info["generation"], time.perf_counter()))

    ticker = QTimer()
    ticker.setTimerType(Qt.TimerType.PreciseTimer)
    ticker.timeout.connect(lambda: ticks.append((time.perf_counter(), time.thread_time())))
    gc.callbacks.append(on_gc)
    ticker.start(1)
    try:
        yield ticks
    finally:
        ticker.stop()
        gc.callbacks.remove(on_gc)


def longest(ticks: list[tuple[float, float]]) -> tuple[float, float]:
    """The longest gap between two ticks (ms), and the UI thread's CPU time within it."""
    wall, cpu = max(
        ((b[0] - a[0]) * 1000, (b[1] - a[1]) * 1000) for a, b in itertools.pairwise(ticks)
    )
    return wall, cpu


def show_stall(label: str, ticks: Ticks, note: str = "") -> float:
    from benchmarks.gui_bench import gc_during

    wall, cpu = longest(ticks)
    busy = max((b[1] - a[1]) * 1000 for a, b in itertools.pairwise(ticks))
    figures.show(
        label,
        wall,
        STALL_TARGET,
        note=f"UI thread's CPU in it {cpu:.1f} ms, busiest gap {busy:.1f} ms" + note,
    )
    start, end = max(itertools.pairwise(ticks), key=lambda pair: pair[1][0] - pair[0][0])
    figures.info(f"in the longest: {gc_during(ticks.collections, start[0], end[0])}")
    return wall


def window(library: Path, label: str, quick: bool) -> None:
    from PySide6.QtWidgets import QApplication

    from benchmarks import gui_bench
    from benchmarks.gui_bench import Bench, pause, wait_until

    if QApplication.instance() is not None:  # after gui_bench's figures, in one run
        gui_bench.create_application = lambda _argv=None: QApplication.instance()
    figures.heading(f"The window on {label}: scrolling, filtering, typing")
    bench = Bench(library)
    try:
        panel = bench.window.library
        wait_until(panel.count.isVisible, what="the library's first page and count")
        pause(300)
        with ticking() as ticks:
            pause(500)
        figures.info(f"idle: longest gap of the 1 ms timer {longest(ticks)[0]:.1f} ms")
        scroll(panel, label, quick)
        held = len(panel.model.rows)
        figures.heading(f"Typing into an article, the library holding {held:,} rows")
        gui_bench.typing_stalls(bench, 1_000, keys=60 if quick else 200)
        gui_bench.preview_latency(bench, 1_000, samples=12 if quick else 40)
        figures.heading(f"Filtering {label}")
        filtering(panel, label)
    finally:
        bench.close()


def scroll(panel: Any, label: str, quick: bool) -> None:
    """From the top to the bottom: the scroll bar to its end, the next page, again."""
    from benchmarks.gui_bench import wait_until

    model, view = panel.model, panel.list
    bar = view.verticalScrollBar()
    limit = SCROLL_LIMIT_S / (3 if quick else 1)
    started = time.perf_counter()
    with ticking() as ticks:
        while model.has_more and time.perf_counter() - started < limit:
            held = len(model.rows)
            bar.setValue(bar.maximum())
            wait_until(
                lambda held=held: len(model.rows) > held and not model.fetching,
                what="the next page",
            )
    elapsed = time.perf_counter() - started
    rows = len(model.rows)
    per_page = elapsed * 1000 / max(1, rows // 200)
    reached = "the bottom" if not model.has_more else f"{rows:,} rows (time limit)"
    show_stall(
        f"longest UI stall, scrolling {label} to the bottom",
        ticks,
        note=f"; {reached} in {elapsed:.0f} s, {per_page:.0f} ms a page",
    )


def filtering(lib: Any, label: str) -> None:
    """A rubrique, a status, typed words, and back: each the first page of its answer."""
    from benchmarks.gui_bench import pause, send_char, wait_until
    from newsdesk.core.article import Status
    from newsdesk.ui.library import STATUS_TABS

    shown: list[int] = []
    lib.refreshed.connect(lambda: shown.append(1))

    def step(name: str, act: Callable[[], None]) -> tuple[str, Ticks]:
        shown.clear()
        with ticking() as ticks:
            pause(30)
            act()
            wait_until(lambda: bool(shown), what=name)
            pause(100)  # the count, asked after the first page
        return name, ticks

    def typed(text: str) -> Callable[[], None]:
        def type_it() -> None:
            lib.search.setFocus()
            for ch in text:
                send_char(lib.search, ch)
                pause(60)  # a reporter's pace, inside the search's pause

        return type_it

    steps = [
        step("rubrique", lambda: lib.category.setCurrentIndex(lib.category.findData("Sport"))),
        step("status", lambda: lib.tabs.setCurrentIndex(STATUS_TABS.index(Status.DRAFT))),
        step("all again", lambda: (lib.category.setCurrentIndex(0), lib.tabs.setCurrentIndex(0))),
        step("typed tillaberi", typed("tillaberi")),
        step("search cleared", lambda: lib.search.clear()),
    ]
    worst_name, worst_ticks = max(steps, key=lambda step: longest(step[1])[0])
    show_stall(f"longest UI stall, filtering {label}", worst_ticks, note=f"; in « {worst_name} »")
    for name, ticks in steps:
        wall, cpu = longest(ticks)
        figures.info(f"{name}: longest gap {wall:.1f} ms, UI thread's CPU in it {cpu:.1f} ms")
