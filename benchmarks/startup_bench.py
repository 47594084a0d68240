"""Start-up: from launching ``python -m newsdesk`` to the window shown and its list filled.

Each run is a fresh process, as when a reporter opens newsdesk: interpreter
start, imports, Qt, WebEngine and the store all count. The application prints
two wall-clock stamps when ``NEWSDESK_BENCH_EXIT_AFTER_SHOWN`` is set (see
``newsdesk.app``) and quits; this side notes the time just before it starts
the process.
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


class StartUpFailed(RuntimeError):
    """newsdesk did not report its start-up (it crashed, or never filled its list)."""


@dataclass(frozen=True, slots=True)
class StartUp:
    shown_ms: float
    listed_ms: float


def start_once(data_dir: Path) -> StartUp:
    env = dict(os.environ, NEWSDESK_BENCH_EXIT_AFTER_SHOWN="1")
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
            )
    tail = "\n".join(completed.stderr.splitlines()[-15:])
    raise StartUpFailed(f"exit code {completed.returncode}, no start-up line; stderr ends:\n{tail}")


def run(data_dir: Path, label: str, runs: int) -> None:
    """Start newsdesk ``runs`` times on ``data_dir`` after one unmeasured warm-up start.

    The warm-up fills the OS file cache and writes Python's bytecode, as any
    start after the first on a reporter's laptop would find them.
    """
    start_once(data_dir)
    samples = [start_once(data_dir) for _ in range(runs)]
    shown = [s.shown_ms for s in samples]
    listed = [s.listed_ms for s in samples]
    target = figures.Target(1000, ours=True)
    figures.show(f"start-up to window shown, {label}, median", figures.median(shown), target)
    figures.show(f"start-up to window shown, {label}, worst", max(shown), target)
    figures.show(
        f"start-up to list filled, {label}, median",
        figures.median(listed),
        figures.Target(2000, ours=True),
    )
