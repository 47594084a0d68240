"""Start-up: from launching ``python -m newsdesk`` to the window shown, its list filled
and its preview complete.

Each run is a fresh process, as when a reporter opens newsdesk: interpreter
start, imports, Qt, WebEngine and the store all count. The application prints
three wall-clock stamps when ``NEWSDESK_BENCH_EXIT_AFTER_SHOWN`` is set (see
``newsdesk.app``) and quits; this side notes the time just before it starts
the process. "Preview complete" is the page of the article the window opened
loaded (``LivePreview.preview_updated``); measured from outside, by its pixels,
``benchmarks.outside_bench`` sees it a paint later.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from benchmarks import figures

MARKER = "newsdesk-start-up "
TIMEOUT_S = 120
LONG_ARTICLE_WORDS = 20_000


class StartUpFailed(RuntimeError):
    """newsdesk did not report its start-up (it crashed, or never filled its list)."""


@dataclass(frozen=True, slots=True)
class StartUp:
    shown_ms: float
    listed_ms: float
    previewed_ms: float


def start_once(data_dir: Path) -> StartUp:
    env = dict(os.environ, NEWSDESK_BENCH_EXIT_AFTER_SHOWN="1")
    # From compiled bytecode, as an installed newsdesk starts (the warm-up run writes
    # it, under the data folder's parent so the checkout is left alone): a shell with
    # PYTHONDONTWRITEBYTECODE would have every run compile ~200 modules (~0.1 s).
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(data_dir.parent / "pycache")
    started = time.time()
    completed = subprocess.run(
        [sys.executable, "-m", "newsdesk", "--data-dir", str(data_dir)],
        env=env,
        capture_output=True,
        text=True,
        timeout=TIMEOUT_S,
        check=False,
    )
    for line in completed.stdout.splitlines():
        if line.startswith(MARKER):
            stamps = dict(part.split("=", 1) for part in line[len(MARKER) :].split())
            return StartUp(
                shown_ms=(float(stamps["shown"]) - started) * 1000,
                listed_ms=(float(stamps["listed"]) - started) * 1000,
                previewed_ms=(float(stamps["previewed"]) - started) * 1000,
            )
    tail = "\n".join(completed.stderr.splitlines()[-15:])
    raise StartUpFailed(f"exit code {completed.returncode}, no start-up line; stderr ends:\n{tail}")


def _samples(data_dir: Path, runs: int) -> list[StartUp]:
    # The warm-up fills the OS file cache and writes Python's bytecode, as any
    # start after the first on a reporter's laptop would find them.
    start_once(data_dir)
    return [start_once(data_dir) for _ in range(runs)]


def run(data_dir: Path, label: str, runs: int) -> None:
    """Start newsdesk ``runs`` times on ``data_dir`` after one unmeasured warm-up start."""
    samples = _samples(data_dir, runs)
    shown = [s.shown_ms for s in samples]
    target = figures.Target(1000, ours=True)
    figures.show(f"start-up to window shown, {label}, median", figures.median(shown), target)
    figures.show(f"start-up to window shown, {label}, worst", max(shown), target)
    figures.show(
        f"start-up to list filled, {label}, median",
        figures.median([s.listed_ms for s in samples]),
        figures.Target(2000, ours=True),
    )


def run_long_article(data_dir: Path, runs: int) -> None:
    """Start newsdesk on a folder whose last opened article has 20,000 words: the
    window shown, then that article's preview complete."""
    from benchmarks.corpus import make_articles
    from newsdesk.paths import Paths
    from newsdesk.storage.store import Store

    [article] = make_articles(1, LONG_ARTICLE_WORDS, seed=7)
    with Store.open(Paths(data_dir).ensure()) as store:
        stored = store.create(article)
    # What the window remembers of the last session (ui.window_state).
    (data_dir / "ui-state.ini").write_text(f"[General]\nlast_article={stored.id}\n")
    samples = _samples(data_dir, runs)
    label = f"{LONG_ARTICLE_WORDS:,}-word article open"
    figures.show(
        f"start-up to window shown, {label}, median",
        figures.median([s.shown_ms for s in samples]),
        figures.Target(1000, ours=True),
    )
    figures.show(
        f"start-up to preview complete, {label}, median",
        figures.median([s.previewed_ms for s in samples]),
        figures.Target(1000, ours=True),
    )
