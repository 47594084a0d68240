"""The window as a real process: ``python -m newsdesk --data-dir TMP`` on a virtual X
screen (Xvfb, ``QT_QPA_PLATFORM=xcb``), typed into with xdotool as a keyboard would,
quit with Ctrl+Q; the words typed are then in the store."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from newsdesk.paths import Paths
from newsdesk.storage.archive import DAILY_GLOB
from newsdesk.storage.store import Store

pytestmark = [pytest.mark.gui, pytest.mark.webengine, pytest.mark.slow]

ROOT = Path(__file__).resolve().parents[2]
TYPED = "Convoy reached Tillaberi at dawn"


def wait_for(condition: Callable[[], bool], timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.1)


@pytest.fixture
def display() -> Iterator[str]:
    """A virtual X screen of its own; its number chosen by Xvfb."""
    if shutil.which("Xvfb") is None:
        pytest.skip("Xvfb is not installed (bash packaging/install.sh --tests installs it)")
    assert shutil.which("xdotool"), "xdotool is missing: bash packaging/install.sh --tests"
    read_end, write_end = os.pipe()
    server = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write_end), "-screen", "0", "1600x1000x24", "-nolisten", "tcp"],
        pass_fds=(write_end,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write_end)
    try:
        with os.fdopen(read_end) as numbers:
            number = numbers.readline().strip()
        assert number, "Xvfb did not say which display it opened"
        yield f":{number}"
    finally:
        server.terminate()
        server.wait(10)


def xdotool(display: str, *args: str) -> str:
    done = subprocess.run(
        ["xdotool", *args],
        env={**os.environ, "DISPLAY": display},
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )
    return done.stdout.strip() if done.returncode == 0 else ""


def test_the_window_starts_takes_typing_and_quits_keeping_the_words(
    display: str, tmp_path: Path
) -> None:
    data = tmp_path / "data"
    # French, whatever the machine's locale says: the window's words are checked.
    skipped = ("NEWSDESK_HOME", "LC_ALL", "LC_MESSAGES", "LANGUAGE")
    env = {k: v for k, v in os.environ.items() if k not in skipped}
    env.update(
        DISPLAY=display,
        QT_QPA_PLATFORM="xcb",
        QTWEBENGINE_DISABLE_SANDBOX="1",
        LANG="fr_FR.UTF-8",
    )
    log = tmp_path / "window.log"
    with log.open("w", encoding="utf-8") as output:
        window = subprocess.Popen(
            [sys.executable, "-m", "newsdesk", "--data-dir", str(data)],
            cwd=ROOT,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    try:
        found: list[str] = []

        def showing(title: str) -> bool:
            """A visible window whose title starts with ``title`` (its id in ``found``)."""
            ids = xdotool(display, "search", "--onlyvisible", "--name", "newsdesk").split()
            found[:] = [i for i in ids if xdotool(display, "getwindowname", i).startswith(title)]
            return bool(found)

        # The store answered: the day's backup, made once the store is ready, says so
        # from outside.
        wait_for(lambda: any(Paths(data).backups.glob(DAILY_GLOB)), 60, "the store to be ready")
        wait_for(lambda: showing("Nouvel article"), 30, "the window on a new article")
        window_id = found[0]
        xdotool(display, "windowfocus", "--sync", window_id)
        # An empty store opens on the welcome: a reporter starts with « Nouvel article »
        # (its button has the focus; Ctrl+N is the menu's), which puts the caret in the
        # headline.
        xdotool(display, "key", "--clearmodifiers", "ctrl+n")
        xdotool(display, "type", "--delay", "30", TYPED)
        wait_for(lambda: showing(TYPED), 30, "the typed title in the window's title")
        xdotool(display, "key", "--clearmodifiers", "ctrl+q")
        code = window.wait(60)
    finally:
        if window.poll() is None:
            window.kill()
            window.wait(10)
    said = log.read_text(encoding="utf-8", errors="replace")
    assert code == 0, said
    assert "Traceback" not in said, said
    with Store.open(Paths(data)) as store:
        titles = [article.title for article in store.list_articles()]
    assert TYPED in titles
