"""``newsdesk`` with no screen to open a window on (an SSH session, a server, a DISPLAY
nobody answers on): one line in the reader's language that points to the command
line, and a failure code; never Qt's English paragraph and an abort."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.unit.test_display import free_x_display

pytestmark = pytest.mark.skipif(
    sys.platform in ("win32", "darwin"), reason="a display is always there"
)

# The installed command, as a reporter types it; ``python -m newsdesk`` where it is missing.
COMMAND = shutil.which("newsdesk", path=str(Path(sys.executable).parent))
PROGRAM = [COMMAND] if COMMAND else [sys.executable, "-m", "newsdesk"]


def start(data: Path, language: str, **display: str) -> subprocess.CompletedProcess[str]:
    skipped = ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM", "LC_ALL", "LC_MESSAGES")
    env = {k: v for k, v in os.environ.items() if k not in skipped}
    env.update(LANG=language, **display)
    return subprocess.run(
        [*PROGRAM, "--data-dir", str(data)],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_without_any_display_one_french_line_points_to_the_command_line(tmp_path: Path) -> None:
    done = start(tmp_path / "data", "fr_FR.UTF-8")
    assert done.returncode == 1
    assert done.stdout == ""
    assert done.stderr == (
        "newsdesk: impossible d’ouvrir la fenêtre\u00a0: aucun écran ici (session SSH, "
        "serveur\u202f?). La ligne de commande fait tout le reste\u00a0: newsdesk --help\n"
    )


def test_a_display_nobody_answers_on_is_named_in_english_for_an_english_reader(
    tmp_path: Path,
) -> None:
    display = free_x_display()
    done = start(tmp_path / "data", "en_GB.UTF-8", DISPLAY=display)
    assert done.returncode == 1
    assert done.stderr == (
        f"newsdesk: cannot open the window: display {display} does not answer. "
        "The command line does everything else: newsdesk --help\n"
    )


def test_a_display_nobody_answers_on_in_french(tmp_path: Path) -> None:
    display = free_x_display()
    done = start(tmp_path / "data", "fr_FR.UTF-8", DISPLAY=display)
    assert done.returncode == 1
    assert done.stderr.splitlines() == [
        f"newsdesk: impossible d’ouvrir la fenêtre\u00a0: l’écran {display} ne répond pas. "
        "La ligne de commande fait tout le reste\u00a0: newsdesk --help"
    ]
