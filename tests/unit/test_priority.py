"""The backup's thread lowers its own priority, and only its own."""

from __future__ import annotations

import os
import sys
import threading

import pytest

from newsdesk.priority import LOWEST, lower_this_thread


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="a thread's priority: Linux")
def test_only_the_calling_thread_is_lowered() -> None:
    before = os.getpriority(os.PRIO_PROCESS, threading.get_native_id())
    seen: list[tuple[bool, int]] = []

    def background() -> None:
        lowered = lower_this_thread()
        seen.append((lowered, os.getpriority(os.PRIO_PROCESS, threading.get_native_id())))

    thread = threading.Thread(target=background)
    thread.start()
    thread.join()
    assert seen == [(True, LOWEST)]
    assert os.getpriority(os.PRIO_PROCESS, threading.get_native_id()) == before
    assert os.getpriority(os.PRIO_PROCESS, os.getpid()) == before


def test_elsewhere_nothing_is_touched(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "platform", "win32")
    called: list[object] = []
    monkeypatch.setattr(os, "setpriority", lambda *args: called.append(args), raising=False)
    assert lower_this_thread() is False
    assert called == []
