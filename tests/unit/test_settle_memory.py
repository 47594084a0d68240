"""Settling memory after each article opened frees what the previous article left."""

from __future__ import annotations

import gc
import weakref

from newsdesk.app import _settle_memory


class _Cycle:
    def __init__(self) -> None:
        self.me = self


def test_a_cycle_frozen_by_one_settling_is_freed_by_the_next() -> None:
    try:
        left = _Cycle()
        alive = weakref.ref(left)
        _settle_memory()  # the cycle is still referenced: it survives and is frozen
        assert gc.get_freeze_count() > 0
        del left  # the reporter opens another article: the old one's cycle is garbage
        _settle_memory()
        assert alive() is None
    finally:
        gc.unfreeze()
