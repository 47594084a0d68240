"""newsdesk frozen into a bundle (PyInstaller, ``packaging/newsdesk.spec``).

A bundle is one folder: the ``newsdesk`` program, and beside it (``sys._MEIPASS``)
the Python modules, Qt, and the files newsdesk reads (``resources/``, the gettext
catalogues, the migrations). The places newsdesk looks for its files ask
:func:`bundle_dir` first, and fall back on the source tree or a ``pip install``.

There is no Python interpreter in a bundle to run ``python -m MODULE``: its
``sys.executable`` is newsdesk itself. The few modules newsdesk starts as processes
of their own are run through :func:`module_command`, which, frozen, calls the
program with a hidden first argument that ``newsdesk/__main__.py`` answers before
anything else is imported (:func:`run_module_if_asked`).
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Sequence
from pathlib import Path

#: The hidden first argument: ``newsdesk --newsdesk-run-module newsdesk.spelling.worker``.
RUN_MODULE = "--newsdesk-run-module"

#: What may be run so: nothing else, so the argument cannot start any module.
RUNNABLE = frozenset({"newsdesk.spelling.worker"})


def frozen() -> bool:
    """Whether this is the bundle's program rather than a Python interpreter."""
    return bool(getattr(sys, "frozen", False))


def bundle_dir() -> Path | None:
    """The bundle's folder of files (``sys._MEIPASS``), or None outside a bundle."""
    if not frozen():
        return None
    return Path(getattr(sys, "_MEIPASS", Path(sys.executable).resolve().parent))


def module_command(module: str) -> list[str]:
    """The command that runs ``module`` (one of :data:`RUNNABLE`) as its own process."""
    if module not in RUNNABLE:
        raise ValueError(f"{module} is not run as a process")
    if frozen():
        return [sys.executable, RUN_MODULE, module]
    return [sys.executable, "-m", module]


def run_module_if_asked(argv: Sequence[str]) -> int | None:
    """Run the module that ``argv`` asks for with :data:`RUN_MODULE` and return its
    exit code, or None when ``argv`` asks for no such thing (the usual start)."""
    if len(argv) < 3 or argv[1] != RUN_MODULE:
        return None
    module = argv[2]
    if module not in RUNNABLE:
        return 2
    sys.argv = [module, *argv[3:]]
    return int(importlib.import_module(module).main() or 0)
