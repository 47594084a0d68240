"""One line per figure: what was measured, the value, the target, and whether it is met.

Targets come from issue 2 where it sets one (preview, stall, search); the
others (start-up, autosave, ...) are newsdesk's own and say so with
``(ours)``. A figure with no target is printed for information only.
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import dataclass

LABEL_WIDTH = 58


@dataclass(frozen=True, slots=True)
class Target:
    limit_ms: float
    ours: bool = False
    inclusive: bool = False  # "no stall over 16 ms": 16.0 itself is fine

    def met(self, value_ms: float) -> bool:
        return value_ms <= self.limit_ms if self.inclusive else value_ms < self.limit_ms

    def describe(self) -> str:
        sign = "<=" if self.inclusive else "<"
        return f"target {sign} {self.limit_ms:g} ms" + (" (ours)" if self.ours else "")


def _ms(value_ms: float) -> str:
    if value_ms >= 1000:
        return f"{value_ms / 1000:.2f} s"
    if value_ms >= 100:
        return f"{value_ms:.0f} ms"
    return f"{value_ms:.1f} ms"


def median(samples: Sequence[float]) -> float:
    return statistics.median(samples)


def p95(samples: Sequence[float]) -> float:
    """The 95th percentile, nearest rank: with 20 samples, the 19th smallest."""
    ordered = sorted(samples)
    rank = max(1, -(-95 * len(ordered) // 100))  # ceil without floats
    return ordered[rank - 1]


def show(label: str, value_ms: float, target: Target | None = None, note: str = "") -> None:
    """Print one figure now (the run takes minutes: a reader sees each as it comes)."""
    line = f"{label:<{LABEL_WIDTH}} {_ms(value_ms):>9}"
    if target is not None:
        verdict = "ok" if target.met(value_ms) else "MISSED"
        line += f"   {target.describe():<24} {verdict}"
    if note:
        line += f"   {note}"
    print(line, flush=True)


def heading(text: str) -> None:
    print(f"\n{text}", flush=True)


def info(text: str) -> None:
    print(f"  {text}", flush=True)


def show_warning(text: str) -> None:
    """In the figures' stream (stdout), so that a pasted run keeps it beside them."""
    print(f"WARNING: {text}", flush=True)
