"""Whether a window can be opened here, asked before Qt is: ``missing_display()``.

Started in an SSH session or on a server (no ``DISPLAY``, no ``WAYLAND_DISPLAY``), or
with a ``DISPLAY`` nobody answers on, Qt prints an English paragraph about platform
plugins and aborts the process (SIGABRT, exit 134): nothing can catch it, since the
QApplication's constructor never returns. The entry point asks here first and says
one line in the reporter's language instead (``newsdesk.app.run_gui``).

How the display is tried: X through libxcb's ``xcb_connect`` (with ctypes) and
``xcb_connection_has_error``, Wayland by connecting to its socket. These are what
Qt's own xcb and wayland plugins do first, with the same library (Qt's xcb plugin
links libxcb.so.1) and the same address, ``DISPLAY``'s authority cookie included, so
the answer is Qt's, in about a millisecond. Running Qt's own platform check instead
means a child process that creates a QGuiApplication: ~250 ms added to every start.
Where libxcb cannot be loaded the X display is not tried (Qt could not use it
either, and will say why itself).

``QT_QPA_PLATFORM`` set (offscreen for the tests, vnc, eglfs on a kiosk) is trusted
as it is: whoever set it chose where the window goes. Windows and macOS always have
a display for a logged-in user.

No Qt here: the question must be asked before Qt is loaded.
"""

from __future__ import annotations

import ctypes
import os
import sys
from collections.abc import Mapping
from pathlib import Path

#: ``missing_display``'s answers.
NO_DISPLAY = "none"
UNREACHABLE = "unreachable"


def missing_display(environ: Mapping[str, str] | None = None) -> tuple[str, str] | None:
    """None when a window can be opened; else (``NO_DISPLAY``, "") when no display is
    named, or (``UNREACHABLE``, the display's name) when the one named cannot be
    opened."""
    env = os.environ if environ is None else environ
    if sys.platform in ("win32", "darwin") or env.get("QT_QPA_PLATFORM"):
        return None
    x_display = env.get("DISPLAY", "")
    # As libwayland-client: a Wayland session that exports no WAYLAND_DISPLAY means
    # "wayland-0", and Qt picks its wayland plugin by XDG_SESSION_TYPE.
    wayland = env.get("WAYLAND_DISPLAY", "") or (
        "wayland-0" if env.get("XDG_SESSION_TYPE") == "wayland" else ""
    )
    if not x_display and not wayland:
        return NO_DISPLAY, ""
    # Either one answering is enough: Qt falls back from one plugin to the other.
    if wayland and _wayland_answers(wayland, env.get("XDG_RUNTIME_DIR", "")):
        return None
    if x_display and _x_answers(x_display) is not False:
        return None
    return UNREACHABLE, x_display or wayland


def _wayland_answers(name: str, runtime_dir: str) -> bool:
    # As libwayland-client's wl_display_connect: a name is relative to XDG_RUNTIME_DIR.
    import socket  # only here: a Wayland session is rarer than X on these laptops

    path = Path(name) if name.startswith("/") else Path(runtime_dir or "/nonexistent") / name
    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock:
            sock.settimeout(2.0)
            sock.connect(str(path))
    except OSError:
        return False
    return True


def _x_answers(name: str) -> bool | None:
    """True when the X display ``name`` accepts a connection, False when it refuses or
    is not there, None when libxcb is missing (then the question cannot be asked)."""
    try:
        xcb = ctypes.CDLL("libxcb.so.1")
    except OSError:
        return None
    xcb.xcb_connect.restype = ctypes.c_void_p
    xcb.xcb_connect.argtypes = [ctypes.c_char_p, ctypes.POINTER(ctypes.c_int)]
    xcb.xcb_connection_has_error.restype = ctypes.c_int
    xcb.xcb_connection_has_error.argtypes = [ctypes.c_void_p]
    xcb.xcb_disconnect.restype = None
    xcb.xcb_disconnect.argtypes = [ctypes.c_void_p]
    screen = ctypes.c_int(0)
    connection = xcb.xcb_connect(name.encode(), ctypes.byref(screen))
    if not connection:
        return False
    try:
        # Even a failed connection is an object to free: xcb_disconnect takes both.
        return int(xcb.xcb_connection_has_error(connection)) == 0
    finally:
        xcb.xcb_disconnect(connection)
