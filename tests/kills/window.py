"""The window killed while the reporter types, and during an autosave.

The real window (``python -m newsdesk --data-dir DIR``) runs on an Xvfb of its own
(``QT_QPA_PLATFORM=xcb``) and is typed into with xdotool, a word at a time, the time
each word was sent noted. Autosave is made frequent through the reporter's own
setting (``autosave_seconds`` in ``settings.json``, what Préférences writes). Every
other kill falls while the words go in (typing without a pause, as a reporter on a
roll); the others just after the typing stopped, when the autosave is writing.

While the words go in, the command line imports a file into the same store (the
reporter scripting beside the window): it must succeed, once, without a lock error.

After the kill, what the store holds of the headline must be what was typed up to
some moment, and that moment at most ``autosave_seconds`` (and the save's own time,
``SAVE_GRACE``) before the kill: the loss, in seconds of typing.
"""

from __future__ import annotations

import contextlib
import json
import os
import random
import shutil
import sqlite3
import subprocess
import threading
import time
from collections.abc import Callable
from pathlib import Path

from tests.kills.harness import (
    Outcome,
    check_store,
    cli,
    kill_group,
    newsdesk_argv,
    program_env,
    start,
)

AUTOSAVE_SECONDS = 1
#: What a save itself may take on a loaded machine (the database worker, the disk).
SAVE_GRACE = 0.75
# ASCII: xdotool types an accented letter by remapping a spare key for it, which the
# X server of a busy machine sometimes delivers before the remap (é came as nothing);
# accents in the window are tested in tests/gui with real key events.
WORDS = [
    "Le",
    "convoi",
    "humanitaire",
    "a",
    "atteint",
    "Tillaberi",
    "a",
    "l'aube",
    "apres",
    "trois",
    "jours",
    "de",
    "route",
    "sous",
    "escorte",
    "militaire",
    "et",
    "les",
    "habitants",
    "attendaient",
    "les",
    "vivres",
    "depuis",
    "la",
    "crue",
    "du",
    "fleuve",
]


def wait_for(condition: Callable[[], bool], timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError(f"timed out waiting for {what}")
        time.sleep(0.05)


class WindowKills:
    name = "window"

    def __init__(self, quick: bool = False) -> None:
        self.quick = quick  # the same either way: a window's start is its cost

    def setup(self, work: Path, rng: random.Random) -> None:
        for tool in ("Xvfb", "xdotool"):
            if shutil.which(tool) is None:
                raise RuntimeError(f"{tool} is missing: bash packaging/install.sh --tests")
        self.work = work
        self.data = work / "data"
        self.data.mkdir()
        (self.data / "settings.json").write_text(
            json.dumps({"autosave_seconds": AUTOSAVE_SECONDS}), encoding="utf-8"
        )
        read_end, write_end = os.pipe()
        self.server = subprocess.Popen(
            # -noreset: Xvfb resets when its last client leaves (each kill), refusing
            # the next start's connection meanwhile.
            ["Xvfb", "-displayfd", str(write_end), "-screen", "0", "1600x1000x24",
             "-noreset", "-nolisten", "tcp"],
            pass_fds=(write_end,),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )  # fmt: skip
        os.close(write_end)
        with os.fdopen(read_end) as numbers:
            self.display = f":{numbers.readline().strip()}"
        self.env = program_env(
            DISPLAY=self.display, QT_QPA_PLATFORM="xcb", QTWEBENGINE_DISABLE_SANDBOX="1"
        )
        # A first start on the empty folder, as tests/e2e/test_window_process.py makes it
        # (the store created, the day's archive written), quit with Ctrl+Q: the kills
        # then fall on a store in use, as a reporter's is.
        log = work / "first-start.log"
        window = start(newsdesk_argv(self.data), log, self.env)
        try:
            backups = self.data / "backups"
            wait_for(lambda: backups.is_dir() and any(backups.glob("*.zip")), 90, "the store")
            self._new_article("Premier")
            self.xdotool("key", "--clearmodifiers", "ctrl+q")
            if window.wait(60) != 0:
                raise RuntimeError(f"the first start did not end well: see {log}")
        finally:
            kill_group(window)

    def xdotool(self, *args: str) -> str:
        done = subprocess.run(
            ["xdotool", *args],
            env={**os.environ, "DISPLAY": self.display},
            capture_output=True,
            text=True,
            timeout=30,
            check=False,
        )
        return done.stdout.strip() if done.returncode == 0 else ""

    def _window(self, title: str) -> str | None:
        """The visible main window (« TITLE — newsdesk ») when its title starts with ``title``."""
        for found in self.xdotool("search", "--onlyvisible", "--name", "newsdesk").split():
            name = self.xdotool("getwindowname", found)
            if name.endswith("— newsdesk") and name.startswith(title):
                return found
        return None

    def kill_once(self, index: int, rng: random.Random) -> Outcome:
        log = self.work / f"kill-{index}.log"
        window = start(newsdesk_argv(self.data), log, self.env)
        try:
            outcome = self._typed_and_killed(window, index, rng, log)
        finally:
            kill_group(window)  # whatever went wrong, nothing of it is left running
        if outcome.failures:
            outcome.failures.append(f"(its output: {log})")
        else:
            log.unlink(missing_ok=True)
        return outcome

    def _typed_and_killed(
        self, window: subprocess.Popen[bytes], index: int, rng: random.Random, log: Path
    ) -> Outcome:
        outcome = Outcome(self.name, 0.0)
        marker = f"K{index}x"
        try:
            self._new_article(marker)
        except TimeoutError as error:
            names = [
                self.xdotool("getwindowname", w)
                for w in self.xdotool("search", "--onlyvisible", "--name", ".").split()
            ]
            names.append("focus: " + self.xdotool("getwindowname", self.xdotool("getwindowfocus")))
            kill_group(window)
            said = [
                line
                for line in log.read_text(errors="replace").splitlines()
                if "newsdesk" in line or "Error" in line or "Traceback" in line
            ]
            outcome.failures.append(f"{error} (windows {names}; it said {said[-8:]})")
            return outcome
        sent: list[tuple[float, str]] = []  # (when the word was sent, all typed by then)
        stop = threading.Event()
        during_autosave = index % 2 == 1
        words = rng.randint(8, 40)

        def typing() -> None:
            typed = marker
            for _n in range(words):
                if stop.is_set():
                    return
                word = " " + rng.choice(WORDS)
                self.xdotool("type", "--delay", "25", word)
                typed += word
                sent.append((time.monotonic(), typed))

        began = time.monotonic()
        sent.append((began, marker))
        typist = threading.Thread(target=typing)
        typist.start()
        scripted: list[subprocess.CompletedProcess[str]] = []
        script = threading.Thread(target=lambda: scripted.append(self._script(marker)))
        if not during_autosave:
            # The reporter scripting beside the window: an import while the words go in.
            script.start()
        if during_autosave:
            # Just after the last key, when its autosave is writing.
            typist.join()
            time.sleep(AUTOSAVE_SECONDS + rng.uniform(-0.2, 0.3))
        else:
            time.sleep(rng.uniform(0.2, 1.0) * words * 0.25)
        killed_at = time.monotonic()
        outcome.finished = not kill_group(window)
        stop.set()
        typist.join()
        outcome.delay = killed_at - began
        outcome.note = "after the typing" if during_autosave else "while typing"
        if not during_autosave:
            script.join()
        outcome.failures = check_store(self.data)
        for done in scripted:
            if done.returncode != 0 or done.stderr.strip():
                outcome.failures.append(f"the import beside the window: {done.stderr[:300]}")
            elif len(_stored_titles(self.data, f"Script {marker}")) != 1:
                outcome.failures.append("the import beside the window is not in the store once")
        stored = _stored_title(self.data, marker)
        typed = [(t, text) for t, text in sent if t <= killed_at]
        outcome.loss = _loss(stored, typed, killed_at)
        # Against all that was sent: the word on its way at the kill may be half in.
        if not sent[-1][1].startswith(stored):
            outcome.failures.append(f"stored {stored!r} is no prefix of what was typed")
        bound = AUTOSAVE_SECONDS + SAVE_GRACE
        if outcome.loss > bound:
            outcome.failures.append(
                f"{outcome.loss:.2f} s of typing lost (bound {bound:.2f} s): stored "
                f"{len(stored)} of {len(typed[-1][1])} characters"
            )
        return outcome

    def _script(self, marker: str) -> subprocess.CompletedProcess[str]:
        source = self.work / f"script-{marker}.md"
        source.write_text(
            f"---\ntitle: Script {marker}\ncategory: Société\n---\nDépêche importée.\n",
            encoding="utf-8",
        )
        try:
            return cli(self.data, "import", str(source))
        finally:
            source.unlink()

    def _new_article(self, marker: str) -> None:
        """Ctrl+N and a first word, typed as soon as the window shows (a reporter does not
        wait for the store); back once that word is in the store and still on screen."""
        found: list[str] = []

        def shown() -> bool:
            found[:] = [w for w in [self._window("")] if w is not None]
            return bool(found)

        for _attempt in range(6):
            # Found again each time: Qt makes the window anew once the preview (OpenGL)
            # joins it, and keys sent to the first one go nowhere.
            wait_for(shown, 90, "the window")
            # No window manager on Xvfb: the pointer over the window helps its focus hold.
            self.xdotool("mousemove", "--window", found[0], "300", "12")
            self.xdotool("windowfocus", "--sync", found[0])
            if self.xdotool("getwindowfocus") != found[0]:
                time.sleep(0.5)
                continue
            self.xdotool("key", "--clearmodifiers", "ctrl+n")
            self.xdotool("type", "--delay", "25", marker)
            with contextlib.suppress(TimeoutError):
                wait_for(lambda: self._window(marker) is not None, 5, "the first word")
                break
        wait_for(lambda: bool(_stored_title(self.data, marker)), 30, "the first word saved")
        time.sleep(0.5)  # the window has had time to show another article, if it would
        if self._window(marker) is None:
            raise TimeoutError("the article typed as the window opened left the screen")

    def close(self) -> None:
        self.server.terminate()
        self.server.wait(10)


def _stored_titles(data: Path, title: str) -> list[str]:
    connection = sqlite3.connect(data / "newsdesk.sqlite3", timeout=10)
    try:
        rows = connection.execute("SELECT title FROM articles WHERE title = ?", (title,))
        return [str(row[0]) for row in rows]
    finally:
        connection.close()


def _stored_title(data: Path, marker: str) -> str:
    """The headline stored of the article that starts with ``marker``; empty before."""
    database = data / "newsdesk.sqlite3"
    if not database.exists():
        return ""
    connection = sqlite3.connect(database, timeout=10)
    try:
        rows = connection.execute(
            "SELECT title FROM articles WHERE title LIKE ?", (marker + "%",)
        ).fetchall()
    except sqlite3.OperationalError:
        return ""  # the store is being created
    finally:
        connection.close()
    return max((str(row[0]) for row in rows), key=len, default="")


def _loss(stored: str, typed: list[tuple[float, str]], killed_at: float) -> float:
    """Seconds of typing not in the store: from the first word it lacks to the kill
    (the store keeps the headline without its trailing space)."""
    if stored == typed[-1][1].rstrip():
        return 0.0
    kept = [when for when, text in typed if stored.startswith(text.rstrip())]
    return killed_at - max(kept, default=typed[0][0])
