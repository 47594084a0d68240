"""The bundle's runtime hook for Qt, in place of PyInstaller's ``pyi_rth_pyside6``.

PyInstaller's hook imports ``PySide6.QtCore`` at the start of every process the
bundle's program starts, only to check for a ``qt.conf`` that the PySide6 wheel
registers by itself when it is imported. So the spelling process and every command
(``newsdesk list``) carried Qt without using it: the spelling process weighed 66 MiB
instead of 40 (measured 2026-12-02). This hook only says where the bundle's Qt
plugins are, before anything imports Qt; the window imports PySide6 as it does from
the source tree. ``packaging/newsdesk.spec`` swaps the hooks.
"""

import os
import sys


def _qt_paths() -> None:
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle is None:
        return
    # PySide6's wheels keep Qt in PySide6/ on Windows and in PySide6/Qt/ elsewhere.
    qt = (
        os.path.join(bundle, "PySide6")
        if sys.platform == "win32"
        else os.path.join(bundle, "PySide6", "Qt")
    )
    os.environ["QT_PLUGIN_PATH"] = os.path.join(qt, "plugins")
    if sys.platform == "win32":
        # QtNetwork looks for OpenSSL's DLLs on PATH; the bundle keeps them at its root.
        os.environ["PATH"] = bundle + os.pathsep + os.environ.get("PATH", "")


_qt_paths()
