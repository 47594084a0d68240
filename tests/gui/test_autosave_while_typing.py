"""A reporter typing without a pause is saved all the same: the autosave comes at most
``autosave_seconds`` after the first unsaved key, however fast the next keys follow
(what a laptop dying mid-sentence loses; ``tests/kills`` measures it on the real
program)."""

from __future__ import annotations

import time

import pytest

from newsdesk.storage.store import Store
from newsdesk.ui.main_window import MainWindow
from tests.gui.conftest import type_text

pytestmark = [pytest.mark.gui, pytest.mark.webengine]

INTERVAL_MS = 400


def test_words_typed_without_a_pause_are_saved_every_interval(
    qtbot, window: MainWindow, store: Store
) -> None:
    window._autosave_ms = INTERVAL_MS
    window.editor.body.setFocus()
    typed: list[tuple[float, str]] = []
    text = ""
    began = time.monotonic()
    while time.monotonic() - began < 2.5:
        type_text(window.editor.body, "crue ")
        text += "crue "
        typed.append((time.monotonic(), text))
        qtbot.wait(40)  # a key every few tens of milliseconds: never a pause
    stopped = time.monotonic()
    base = window.editor.base()
    assert base.revision >= 2, "typing without a pause was never saved"
    stored = store.get(base.id).body
    assert text.startswith(stored)
    # At most the interval (and the save's own time) of typing is not in the store yet.
    kept_until = max(when for when, words in typed if stored.startswith(words.rstrip()))
    assert stopped - kept_until < INTERVAL_MS / 1000 + 0.6
    window.save_now()
    qtbot.waitUntil(lambda: store.get(base.id).body == text, timeout=5000)


def test_an_edit_after_a_failed_save_is_tried_at_the_usual_interval(
    qtbot, window: MainWindow
) -> None:
    saver = window.saver
    window._autosave_ms = INTERVAL_MS
    saver.autosave.start(10_000)  # the retry a failed save leaves
    window.editor.body.setFocus()
    type_text(window.editor.body, "Après la coupure.")
    # The 10 s wait became the usual interval. A coarse QTimer (Qt's default) may be
    # late by 5 % of its interval, and says so in its remaining time (420 ms was seen).
    assert saver.autosave.remainingTime() <= INTERVAL_MS * 1.05
