"""PySide6 6.12 drops a reference to True on each Signal.emit: without the reserve,
enough emits abort the interpreter; with it, a working day's worth are nothing."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

pytestmark = [pytest.mark.gui]

SCRIPT = textwrap.dedent(
    """
    import os, sys
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal
    from newsdesk.ui.refcounts import reserve_singleton_references
    natural = max(sys.getrefcount(True), sys.getrefcount(None))
    if sys.argv[1] == "reserve":
        assert reserve_singleton_references()
    app = QCoreApplication([])

    class Source(QObject):
        fired = Signal()

    source, timer = Source(), QTimer()
    before = sys.getrefcount(True)
    for _ in range(natural + 2000):
        source.fired.emit()
        timer.start(1000)
        timer.stop()
    print("alive", before > sys.getrefcount(True))
    """
)


def _run(mode: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", SCRIPT, mode], capture_output=True, text=True, timeout=120
    )


def test_the_reserve_outlives_more_emits_than_true_had_references() -> None:
    kept = _run("reserve")
    assert kept.returncode == 0, kept.stderr[-2000:]
    assert kept.stdout.startswith("alive")


@pytest.mark.skipif(sys.version_info >= (3, 12), reason="True is immortal from Python 3.12")
def test_without_the_reserve_pyside_would_abort_the_interpreter() -> None:
    # The proof that the reserve is needed: if PySide mends the leak, this fails, and
    # ui/refcounts.py (and the rooms' own give-backs) can go.
    bare = _run("bare")
    assert bare.returncode != 0 and "dealloc" in bare.stderr, (bare.returncode, bare.stdout)
