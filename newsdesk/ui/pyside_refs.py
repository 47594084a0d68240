"""Gives back the references PySide6 6.12.0 takes from ``True`` and ``None`` and never returns.

Measured here (``sys.getrefcount`` before and after 100 calls): every
``Signal.emit()``, from any thread, connected or not, drops one reference to
``True``; every call of a Qt method that returns nothing (``QTimer.start``,
``QTimer.stop``, ``QScrollBar.setValue``...) drops one to ``None``. Once the
count reaches zero the interpreter aborts ("Fatal Python error: bool_dealloc"):
the live preview, which emits a few signals per render and renders up to once a
frame while the reporter types, ended the benchmark's process after a few
thousand keys. The preview's hot paths give each reference back; a reference
too many, once PySide mends this, costs nothing (both objects live as long as
the interpreter).
"""

from __future__ import annotations

import ctypes
import functools
from typing import Any

give_back_true = functools.partial(ctypes.pythonapi.Py_IncRef, ctypes.py_object(True))
give_back_none = functools.partial(ctypes.pythonapi.Py_IncRef, ctypes.py_object(None))


def emit(signal: Any, *args: object) -> None:
    """``signal.emit(*args)``, and the reference to True it takes given back."""
    signal.emit(*args)
    give_back_true()


def start(timer: Any, *args: object) -> None:
    """``timer.start(*args)``, and the reference to None it takes given back."""
    timer.start(*args)
    give_back_none()


def stop(timer: Any) -> None:
    """``timer.stop()``, and the reference to None it takes given back."""
    timer.stop()
    give_back_none()
