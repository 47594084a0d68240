"""Search over the benchmark store: each of ``storage_bench.QUERIES``, as the window asks it.

The queries mix rare names typed without accents (``tillaberi``), common
words, prefixes, a quoted phrase, a word found nowhere and one-letter
queries, so the median says what a reporter usually waits and the p95 what
the awkward queries cost.
"""

from __future__ import annotations

import time
from pathlib import Path

from benchmarks import figures
from benchmarks.storage_bench import QUERIES
from newsdesk.paths import Paths
from newsdesk.storage.store import Store

TARGET = figures.Target(20)
# What the window's library and the command line ask for (ui/library.py's
# SEARCH_LIMIT, not imported here because that module is Qt), then a long list
# for comparison: each hit costs its snippet.
LIMIT = 50
LONG_LIMIT = 500


def run(data_dir: Path, label: str, repeat: int) -> None:
    """The search as the window and the command line ask it, then a 500-hit one."""
    with Store.open(Paths(data_dir)) as store:
        _run(store, f"{label}, up to {LIMIT} hits", LIMIT, repeat)
        _run(store, f"{label}, up to {LONG_LIMIT} hits (info)", LONG_LIMIT, repeat, target=None)


def _run(
    store: Store, label: str, limit: int, repeat: int, target: figures.Target | None = TARGET
) -> None:
    for query in QUERIES:
        store.search(query, limit=limit)  # warm the page cache once per query
    samples: list[float] = []
    per_query: list[tuple[float, str, int]] = []
    for query in QUERIES:
        mine: list[float] = []
        for _ in range(repeat):
            start = time.perf_counter()
            hits = store.search(query, limit=limit)
            mine.append((time.perf_counter() - start) * 1000)
        samples += mine
        per_query.append((figures.p95(mine), query, len(hits)))
    figures.show(f"search, {label}, median", figures.median(samples), target)
    figures.show(f"search, {label}, p95", figures.p95(samples), target)
    worst, query, count = max(per_query)
    figures.show(
        f"search, {label}, slowest query p95", worst, target, note=f"{query!r}, {count} hits"
    )
