"""Whether a window can open here, asked before Qt (newsdesk.display)."""

from __future__ import annotations

import socket
import sys
from pathlib import Path

import pytest

from newsdesk.display import NO_DISPLAY, UNREACHABLE, missing_display

pytestmark = pytest.mark.skipif(
    sys.platform in ("win32", "darwin"), reason="a display is always there"
)


def free_x_display() -> str:
    """An X display number nobody serves here."""
    for number in range(99, 200):
        if not Path(f"/tmp/.X11-unix/X{number}").exists():
            return f":{number}"
    raise AssertionError("every display from :99 to :199 is taken")


def test_no_display_named_is_said_so() -> None:
    assert missing_display({"LANG": "fr_FR.UTF-8"}) == (NO_DISPLAY, "")


def test_a_display_nobody_answers_on_is_named() -> None:
    display = free_x_display()
    assert missing_display({"DISPLAY": display}) == (UNREACHABLE, display)


def test_a_wayland_socket_that_is_not_there_is_named(tmp_path: Path) -> None:
    env = {"WAYLAND_DISPLAY": "wayland-0", "XDG_RUNTIME_DIR": str(tmp_path)}
    assert missing_display(env) == (UNREACHABLE, "wayland-0")


def test_a_wayland_socket_that_answers_is_enough(tmp_path: Path) -> None:
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as server:
        server.bind(str(tmp_path / "wayland-0"))
        server.listen(1)
        # A Wayland session that exports no WAYLAND_DISPLAY: "wayland-0", as libwayland's.
        env = {"XDG_SESSION_TYPE": "wayland", "XDG_RUNTIME_DIR": str(tmp_path)}
        assert missing_display(env) is None
        assert missing_display({**env, "DISPLAY": free_x_display()}) is None


def test_a_platform_chosen_by_hand_is_trusted() -> None:
    assert missing_display({"QT_QPA_PLATFORM": "offscreen"}) is None
    assert missing_display({"QT_QPA_PLATFORM": "vnc", "DISPLAY": free_x_display()}) is None
