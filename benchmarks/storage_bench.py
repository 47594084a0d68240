"""Store figures at 10,000 articles: bulk insert, open, list, search, save.

Run: ``.venv/bin/python -m benchmarks.storage_bench [N]`` (default 10,000
articles of 600 words, in a temporary folder). Prints median and p95 next to
the target where there is one.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

from benchmarks.corpus import make_articles
from newsdesk.paths import Paths
from newsdesk.storage.store import Store

QUERIES = (
    "tillaberi", "serguei lavrov", "ministre", "semences ameliorees", "inond",
    "Ségou barrage", "« Personne ne sera »", "CEDEAO transition", "zzzz", "a", "de", "co",
    "Tillabéri à Ségou",
)  # fmt: skip


def _timed(function: Callable[[], object], repeat: int) -> tuple[float, float]:
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        samples.append((time.perf_counter() - start) * 1000)
    samples.sort()
    return statistics.median(samples), samples[min(len(samples) - 1, int(len(samples) * 0.95))]


def main(argv: list[str]) -> int:
    n = int(argv[0]) if argv else 10_000
    with tempfile.TemporaryDirectory() as folder:
        paths = Paths(Path(folder)).ensure()
        articles = make_articles(n, 600, seed=1)
        store = Store.open(paths)
        start = time.perf_counter()
        store.bulk_create(articles)
        print(f"bulk_create {n} articles: {time.perf_counter() - start:.1f} s")
        store.close()
        size = paths.database.stat().st_size / 1024 / 1024
        print(f"database size: {size:.0f} MB")

        start = time.perf_counter()
        store = Store.open(paths)
        print(f"open (schema current): {(time.perf_counter() - start) * 1000:.1f} ms")
        med, p95 = _timed(lambda: store.list_articles(limit=200), 20)
        print(f"list_articles(limit=200): median {med:.1f} ms, p95 {p95:.1f} ms")
        med, p95 = _timed(lambda: store.list_articles(tag="Niger", limit=200), 20)
        print(f"list_articles(tag=, limit=200): median {med:.1f} ms, p95 {p95:.1f} ms")
        worst = 0.0
        for query in QUERIES:
            med, p95 = _timed(partial(store.search, query), 10)
            worst = max(worst, p95)
            hits = len(store.search(query))
            print(f"search {query!r:28} {hits:3} hits: median {med:5.1f} ms, p95 {p95:5.1f} ms")
        print(f"search worst p95: {worst:.1f} ms (target < 20 ms)")
        med, p95 = _timed(lambda: store.search("niger", status=articles[0].status), 10)
        print(f"search with status filter: median {med:.1f} ms, p95 {p95:.1f} ms")
        article = store.get(articles[0].id)

        def save() -> None:
            nonlocal article
            article.body += " Une phrase de plus."
            article = store.save(article)

        med, p95 = _timed(save, 20)
        print(f"save (600 words, new revision): median {med:.1f} ms, p95 {p95:.1f} ms")
        med, p95 = _timed(store.count_articles, 10)
        print(f"count_articles: median {med:.1f} ms")
        med, p95 = _timed(store.tags, 10)
        print(f"tags(): median {med:.1f} ms")
        med, p95 = _timed(store.backup, 3)
        print(f"backup: median {med:.0f} ms")
        start = time.perf_counter()
        store.close()
        print(f"close (optimize + checkpoint): {(time.perf_counter() - start) * 1000:.0f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
