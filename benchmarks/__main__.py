"""``python -m benchmarks``: every figure, each printed beside its target.

    .venv/bin/python -m benchmarks            # everything, about a minute here
    .venv/bin/python -m benchmarks --quick    # smaller counts, about 20 s
    .venv/bin/python -m benchmarks --only search --only startup
    .venv/bin/python -m benchmarks --only outside   # from outside, under Xvfb: minutes

Not a test: nothing is asserted, a missed target is printed as ``MISSED``.
Everything happens in a temporary data folder that is removed at the end;
the reporter's own articles are never opened. Headless: Qt draws offscreen.
``outside`` (``benchmarks.outside_bench``) is only run when named: it starts
its own Xvfb and launches newsdesk and a bare reference window a dozen times.
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import tempfile
import time
from pathlib import Path

# Before anything imports Qt: no display needed, and WebEngine refuses to
# run as root with its sandbox.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
if hasattr(os, "geteuid") and os.geteuid() == 0:
    os.environ.setdefault("QTWEBENGINE_DISABLE_SANDBOX", "1")

from benchmarks import figures

NAMES = (
    "startup",
    "search",
    "preview",
    "stall",
    "autosave",
    "publish",
    "docx",
    "spelling",
    "outside",
    "slowlink",
)
# Needs Xvfb and takes minutes: only with --only outside. slowlink (a 12 MP photo over a
# 3G link while typing, about 80 s): only with --only slowlink.
DEFAULT = tuple(name for name in NAMES if name not in ("outside", "slowlink"))
# 100,000 articles against an empty store (benchmarks.library_bench): its store is built
# once (about three minutes, then kept in the temporary folder), and it runs for minutes:
# only with --only library, best alone.
NAMES = (*NAMES, "library")
# The store is built once and shared by start-up and search.
NEEDS_STORE = {"startup", "search"}
GUI = {"preview", "stall", "autosave"}


def _parse(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks",
        description="newsdesk's figures beside their targets (issue 2).",
    )
    parser.add_argument(
        "--quick", action="store_true", help="2,000 articles and fewer samples: a rough look"
    )
    parser.add_argument(
        "--only",
        action="append",
        choices=NAMES,
        metavar="NAME",
        help=f"run only this benchmark (repeatable): {', '.join(NAMES)}"
        " (outside is not run unless named)",
    )
    return parser.parse_args(argv)


def _build_store(folder: Path, count: int) -> None:
    from benchmarks.corpus import make_articles
    from newsdesk.paths import Paths
    from newsdesk.storage.store import Store

    start = time.perf_counter()
    articles = make_articles(count, 600, seed=1)
    with Store.open(Paths(folder).ensure()) as store:
        store.bulk_create(articles)
    figures.info(
        f"store of {count:,} articles of 600 words built in {time.perf_counter() - start:.0f} s"
    )


def main(argv: list[str]) -> int:
    options = _parse(argv)
    names = set(options.only or DEFAULT)
    count = 2_000 if options.quick else 10_000
    label = f"{count:,} articles"
    print(
        f"newsdesk benchmarks{' (quick)' if options.quick else ''}:"
        f" Python {platform.python_version()},"
        f" {platform.system()} {platform.machine()}, {os.cpu_count()} CPUs,"
        f" QT_QPA_PLATFORM={os.environ['QT_QPA_PLATFORM']}",
        flush=True,
    )
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="newsdesk-bench-") as root:
        folder = Path(root)
        if "startup" in names:
            from benchmarks import startup_bench

            figures.heading("Start-up (a fresh process each time)")
            runs = 2 if options.quick else 5
            startup_bench.run(folder / "empty", "empty store", runs)
            startup_bench.run_long_article(folder / "long", runs)
        if names & NEEDS_STORE:
            figures.heading(f"The {label} store")
            _build_store(folder / "store", count)
        if "startup" in names:
            startup_bench.run(folder / "store", label, runs)
        if "search" in names:
            from benchmarks import search_bench

            figures.heading(f"Search over {label}")
            search_bench.run(folder / "store", label, repeat=3 if options.quick else 10)
        if names & GUI:
            from benchmarks import gui_bench

            gui_bench.run(folder / "window", names, options.quick)
        if "docx" in names:
            from benchmarks import docx_bench

            docx_bench.run(folder / "docx", options.quick)
        if "spelling" in names:
            from benchmarks import spell_bench

            spell_bench.run(folder / "spelling", options.quick)
        if "publish" in names:
            from benchmarks import publish_bench

            figures.heading("Publishing on a real WordPress on 127.0.0.1 (requests and bytes)")
            publish_bench.run()
        if "slowlink" in names:
            from benchmarks import slowlink_bench

            figures.heading("A 12 MP photo published over 3G (256 kbit/s, 600 ms) while typing")
            slowlink_bench.run()
        if "outside" in names:
            from benchmarks import outside_bench

            outside_bench.run(options.quick)
        if "library" in names:
            from benchmarks import library_bench

            library_bench.run(folder / "library", options.quick)
    print(f"\ndone in {time.perf_counter() - started:.0f} s", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
