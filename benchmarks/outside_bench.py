"""What a person sees, measured from outside the process, beside a bare reference window.

    .venv/bin/python -m benchmarks --only outside            # 2-4 minutes here
    .venv/bin/python -m benchmarks --only outside --quick    # 2 launches, 10 keys: 80 s
    .venv/bin/python -m benchmarks.outside_bench [--quick] [--shots DIR]   # the same, alone

Not part of the default ``python -m benchmarks`` run: it needs Xvfb and xdotool
(``bash packaging/install.sh --tests`` installs both) and takes minutes. Not a
test: nothing is asserted, a missed target is printed as ``MISSED``. ``--shots``
saves a screenshot (imagemagick's ``import``) after the caret is placed and after
the typing at each position, to see where the keys went.

The harness starts its own virtual screen (``Xvfb -screen 0 1600x1000x24``, no
window manager, software OpenGL) and, on it, one after the other:

* the reference: ``benchmarks/bare_window.py``, a PySide6 ``QMainWindow`` whose
  central widget is a ``QWebEngineView`` showing the page ``newsdesk render``
  makes of a 20,000-word French article (``benchmarks.corpus``);
* newsdesk itself, ``python -m newsdesk --data-dir D``, on a fresh copy of a data
  folder holding only that article, imported with ``newsdesk import``. The window
  opens the article named ``last_article`` in ``ui-state.ini`` (no article named:
  a new blank one), so the harness writes that line.
  A warm-up launch first leaves in that folder what a reporter's second start finds
  (the day's backup, the window's state, the preview's page kept for the article:
  ``storage.first_page``); ``newsdesk-first`` is newsdesk on the same folder without
  that page (a first start), launched in turn with the others and printed without a
  target.

Both windows have the same geometry: newsdesk's own first-start size (96 % x 94 %
of the screen, centred), read from outside once, is given to the reference, and
each launch's window is checked to be there. Each program is quit with Ctrl+Q,
as a person quits (the window focused first: with no window manager, Qt ignores
the shortcuts of a window that was never focused).

Everything is seen through the X server, never from inside either program
(``benchmarks.x11``: ``XShmGetImage`` for pixels, XTEST for keys and clicks):

* **window shown**: from just before the process is started to the first change
  of a strip of pixels across the window's middle (the first frame painted);
* **preview complete**: from process start to the last change of the preview's
  pixels, once they have stayed still for ``QUIET_S`` seconds (newsdesk's preview
  pane; the reference's whole web view);
* **PSS**: the sum of ``Pss`` in ``/proc/PID/smaps_rollup`` over the process and
  all its descendants (the QtWebEngineProcess zygotes and renderers), read
  right after the preview is complete;
* **keystroke to repaint** (newsdesk only): the caret placed in the body editor
  by clicking in it, then at the top (Ctrl+Home), the middle (the editor's scroll
  bar middle-clicked at its centre, then a click in the text) or the end
  (Ctrl+End); 20 keys (10 with ``--quick``), each after a quiet moment, timed to
  the first change of the preview's pixels; a key that changes nothing within
  ``KEY_TIMEOUT_S`` counts as never shown (more than 5 % never shown: the p95 is
  "never");
* **burst** (newsdesk only): 20 keys 30 ms apart at each position; the longest
  gap between repaints of the preview (from the first key to the last repaint)
  and the time from the last key to the last repaint;
* **the floor**: the same keys, and the same burst, typed into the reference's
  page made editable (``bare_window.py --editable``): WebEngine drawing a key by
  itself, with no Python in the way; no target, it says what this machine allows.

The editor's and the preview's places are fractions of the window in newsdesk's
default layout (``newsdesk_preview``, ``newsdesk_editor``): a new layout needs
them changed (``--shots`` shows where they land).

Start-up figures are medians of the launches (5, or 2 with ``--quick``), each
program launched in turn after one unmeasured warm-up launch each. Targets are
issue 8's, as ratios to the reference measured in the same run; each ratio's
line also gives the median of the launch-by-launch ratios.
"""

from __future__ import annotations

import argparse
import dataclasses
import itertools
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path

from benchmarks import figures
from benchmarks.x11 import Rect, Screen

ROOT = Path(__file__).resolve().parents[1]
BARE_WINDOW = Path(__file__).resolve().with_name("bare_window.py")
SCREEN_SIZE = (1600, 1000)
WORDS = 20_000
SEED = 20_000

POLL_S = 0.002  # between two looks at the screen: ~2.5 ms resolution, a little CPU
QUIET_S = 2.0  # the preview is complete once its pixels stayed still this long
QUIET_MAX_S = 6.0  # ... or this long, when they never reached the warm-up's last frame
LAUNCH_TIMEOUT_S = 60.0
KEY_QUIET_S = 0.3  # longer than newsdesk's 80 ms preview throttle
KEY_TIMEOUT_S = 1.0
BURST_KEYS = 20
BURST_INTERVAL_S = 0.030
# Plain letters, so that any keyboard map types them (sent through XTEST), and no
# space: a space typed at the end of a paragraph changes nothing a person could see.
TYPED = "lareuniondebamakosetientagao"

SHOWN_TARGET = 1.1
COMPLETE_TARGET = 1.3
PSS_TARGET = 1.15
KEY_TARGET = figures.Target(40, inclusive=True)
GAP_TARGET = figures.Target(50, inclusive=True)
SETTLE_TARGET = figures.Target(40, inclusive=True)


class OutsideBenchError(RuntimeError):
    """A window never appeared, or its process died: the figures would be meaningless."""


# -- processes -----------------------------------------------------------------------


def descendants(pid: int) -> list[int]:
    """``pid``'s children, their children, and so on (from /proc)."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        # The command name is in parentheses and may hold spaces: parse after it.
        parent = int(stat[stat.rindex(")") + 2 :].split()[1])
        children.setdefault(parent, []).append(int(entry.name))
    found: list[int] = []
    todo = [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            found.append(child)
            todo.append(child)
    return found


def _rollup_kib(pid: int, field: str) -> int:
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1])
    except OSError:
        pass  # the process ended between the listing and the reading
    return 0


@dataclass(frozen=True, slots=True)
class Memory:
    tree_pss_mib: float
    # The tree's private pages: unlike PSS, not lowered when other programs on the
    # machine (a test run's windows) map the same Qt libraries at the same time.
    tree_uss_mib: float
    main_pss_mib: float
    main_rss_mib: float
    processes: int


def memory(pid: int) -> Memory:
    tree = [pid, *descendants(pid)]
    private = ("Private_Clean", "Private_Dirty")
    return Memory(
        tree_pss_mib=sum(_rollup_kib(p, "Pss") for p in tree) / 1024,
        tree_uss_mib=sum(_rollup_kib(p, field) for p in tree for field in private) / 1024,
        main_pss_mib=_rollup_kib(pid, "Pss") / 1024,
        main_rss_mib=_rollup_kib(pid, "Rss") / 1024,
        processes=len(tree),
    )


@contextmanager
def virtual_screen() -> Iterator[str]:
    """A private Xvfb (its display number chosen by Xvfb itself), stopped at the end."""
    read_end, write_end = os.pipe()
    width, height = SCREEN_SIZE
    server = subprocess.Popen(
        [
            "Xvfb",
            "-displayfd",
            str(write_end),
            "-screen",
            "0",
            f"{width}x{height}x24",
            "-nolisten",
            "tcp",
        ],
        pass_fds=(write_end,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write_end)
    try:
        with os.fdopen(read_end) as numbers:
            number = numbers.readline().strip()
        if not number:
            raise OutsideBenchError("Xvfb did not say which display it opened")
        yield f":{number}"
    finally:
        server.terminate()
        server.wait(10)


def child_environment(display: str, workdir: Path) -> dict[str, str]:
    skipped = (
        "NEWSDESK_HOME",
        "NEWSDESK_BENCH_EXIT_AFTER_SHOWN",
        "WAYLAND_DISPLAY",
        "PYTHONDONTWRITEBYTECODE",
    )
    env = {k: v for k, v in os.environ.items() if k not in skipped}
    env.update(DISPLAY=display, QT_QPA_PLATFORM="xcb", LIBGL_ALWAYS_SOFTWARE="1")
    # Both programs start from compiled bytecode, as an installed newsdesk does (a
    # bundle carries it; Python writes it at the first start of a checkout). A shell
    # with PYTHONDONTWRITEBYTECODE would otherwise have newsdesk compile its ~200
    # modules from source at every launch (~0.1 s here), which no reporter pays. The
    # cache lives in the work folder, so the checkout is left as it was.
    env["PYTHONPYCACHEPREFIX"] = str(workdir / "pycache")
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        env["QTWEBENGINE_DISABLE_SANDBOX"] = "1"  # WebEngine refuses root with its sandbox
    return env


# -- the two programs ----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Program:
    name: str
    argv: list[str]
    prepare: Callable[[], None]  # before each launch (newsdesk: a fresh data folder)
    preview: Callable[[Rect], Rect]  # the preview's pixels, from the window's geometry


def newsdesk_preview(window: Rect) -> Rect:
    """newsdesk's preview pane on first start: the main splitter's last 36 %, under
    its « Aperçu » bar and above the status line (see ``ui/window_state.py``)."""
    left = round(window.width * 0.645) + 4
    top, right_margin, bottom_margin = 52, 8, 34
    return Rect(
        window.x + left,
        window.y + top,
        window.width - left - right_margin,
        window.height - top - bottom_margin,
    )


def bare_preview(window: Rect) -> Rect:
    return window.inset(8)


@dataclass(frozen=True, slots=True)
class Editor:
    """Where newsdesk's body editor is, in its default layout (window-relative fractions)."""

    text: tuple[int, int]
    scroll_bar: tuple[int, int]


def newsdesk_editor(window: Rect) -> Editor:
    return Editor(
        text=(window.x + round(window.width * 0.42), window.y + round(window.height * 0.75)),
        scroll_bar=(window.x + round(window.width * 0.636), window.y + round(window.height * 0.70)),
    )


@dataclass(frozen=True, slots=True)
class Launch:
    shown_ms: float
    complete_ms: float
    memory: Memory
    frame: bytes
    process: subprocess.Popen[bytes]


class Harness:
    def __init__(self, screen: Screen, env: dict[str, str], workdir: Path) -> None:
        self.screen = screen
        self.env = env
        self.workdir = workdir
        self.window = Rect(0, 0, 0, 0)
        self.expected: dict[str, bytes] = {}  # each program's complete preview (warm-up)

    def launch(self, program: Program, warm_up: bool = False) -> Launch:
        """Start ``program``, watch the screen until its preview is complete."""
        program.prepare()
        log = (self.workdir / f"{program.name}.log").open("ab")
        screen = self.screen
        if warm_up and not self.window.width:
            # Where newsdesk puts its window is only known once it has one.
            process = subprocess.Popen(program.argv, cwd=ROOT, env=self.env, stdout=log, stderr=log)
            self.window = self._find_window(process)
            started = time.monotonic()
            strip = None
        else:
            strip = Rect(self.window.x, self.window.center[1], self.window.width, 4)
            before = screen.grab(strip)
            started = time.monotonic()
            process = subprocess.Popen(program.argv, cwd=ROOT, env=self.env, stdout=log, stderr=log)
        log.close()
        preview = program.preview(self.window)
        expected = self.expected.get(program.name)
        shown: float | None = None if strip else started
        last_change: float | None = None
        previous = screen.grab(preview)
        while True:
            now = time.monotonic()
            if shown is None and strip is not None and screen.grab(strip) != before:
                shown = now
            frame = screen.grab(preview)
            if frame != previous:
                previous, last_change = frame, now
            if shown is not None and last_change is not None:
                quiet = now - last_change
                if quiet >= QUIET_MAX_S or (
                    quiet >= QUIET_S and (expected is None or frame == expected)
                ):
                    break
            if process.poll() is not None:
                self.check_alive(program, process)
            if now - started > LAUNCH_TIMEOUT_S:
                self._kill(process)
                raise OutsideBenchError(f"{program.name}: nothing on screen after a minute")
            time.sleep(POLL_S)
        assert shown is not None and last_change is not None
        if warm_up:
            self.expected[program.name] = previous
        elif expected is not None and previous != expected:
            figures.show_warning(
                f"{program.name}'s preview ended unlike the warm-up's: a late change,"
                " or an unfinished page"
            )
        where = self._geometry(process)
        if where != self.window:
            figures.show_warning(f"{program.name}'s window is at {where}, not at {self.window}")
        return Launch(
            shown_ms=(shown - started) * 1000,
            complete_ms=(last_change - started) * 1000,
            memory=memory(process.pid),
            frame=previous,
            process=process,
        )

    def check_alive(self, program: Program, process: subprocess.Popen[bytes]) -> None:
        """Raise, with the end of its output, if ``program`` has exited."""
        if process.poll() is None:
            return
        log = self.workdir / f"{program.name}.log"
        tail = "\n".join(log.read_text(errors="replace").splitlines()[-15:])
        raise OutsideBenchError(
            f"{program.name} exited with {process.returncode}; its output ends:\n{tail}"
        )

    def _find_window(self, process: subprocess.Popen[bytes]) -> Rect:
        found = self._xdotool(
            "search", "--sync", "--onlyvisible", "--pid", str(process.pid), timeout=LAUNCH_TIMEOUT_S
        )
        where = self._geometry(process) if found else None
        if where is None:
            self._kill(process)
            raise OutsideBenchError("newsdesk's window never became visible")
        return where

    def _geometry(self, process: subprocess.Popen[bytes]) -> Rect | None:
        """Where the process's visible window is on screen (None: it has none)."""
        for window_id in self._xdotool("search", "--onlyvisible", "--pid", str(process.pid))[:1]:
            shell = self._xdotool("getwindowgeometry", "--shell", window_id)
            values = dict(line.split("=", 1) for line in shell if "=" in line)
            return Rect(
                int(values["X"]), int(values["Y"]), int(values["WIDTH"]), int(values["HEIGHT"])
            )
        return None

    def screenshot(self, folder: Path | None, name: str) -> None:
        if folder is not None and shutil.which("import"):
            folder.mkdir(parents=True, exist_ok=True)
            subprocess.run(
                ["import", "-window", "root", str(folder / f"{name}.png")],
                env=self.env,
                timeout=30,
                check=False,
            )

    def stop(self, launch: Launch) -> None:
        """Ctrl+Q into the window, as a person quits; then SIGTERM, then SIGKILL."""
        process = launch.process
        family = descendants(process.pid)
        # With no window manager a window is only active once focused: Qt ignores
        # the shortcuts of a window that is not.
        for window_id in self._xdotool("search", "--onlyvisible", "--pid", str(process.pid))[:1]:
            self._xdotool("windowfocus", "--sync", window_id)
        self.screen.move(*self.window.center)
        self.screen.key("Control_L", "q")
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            figures.info("the window did not quit on Ctrl+Q: terminated")
            process.terminate()
            try:
                process.wait(5)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(5)
        deadline = time.monotonic() + 5
        for pid in family:  # WebEngine's children normally follow their parent out
            while Path(f"/proc/{pid}").exists() and time.monotonic() < deadline:
                time.sleep(0.05)
            if Path(f"/proc/{pid}").exists():
                with suppress(OSError):
                    os.kill(pid, signal.SIGKILL)

    def _xdotool(self, *args: str, timeout: float = 30) -> list[str]:
        done = subprocess.run(
            ["xdotool", *args],
            env=self.env,
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )
        return done.stdout.split() if done.returncode == 0 else []

    def _kill(self, process: subprocess.Popen[bytes]) -> None:
        family = descendants(process.pid)
        process.kill()
        process.wait(10)
        for pid in family:
            with suppress(OSError):
                os.kill(pid, signal.SIGKILL)

    # -- looking and typing -------------------------------------------------------------

    def wait_quiet(self, rect: Rect, quiet_s: float, limit_s: float = 10.0) -> bytes:
        """Until ``rect`` has not changed for ``quiet_s``; its pixels then."""
        frame = self.screen.grab(rect)
        changed = start = time.monotonic()
        while True:
            time.sleep(POLL_S)
            now = time.monotonic()
            current = self.screen.grab(rect)
            if current != frame:
                frame, changed = current, now
            if now - changed >= quiet_s or now - start >= limit_s:
                return frame

    def key_to_repaint(self, rect: Rect, keysym: str) -> float | None:
        """One key; ms to the first change of ``rect``, None if nothing changed in time."""
        before = self.wait_quiet(rect, KEY_QUIET_S)
        sent = time.monotonic()
        self.screen.key(keysym)
        while True:
            now = time.monotonic()
            if self.screen.grab(rect) != before:
                return (now - sent) * 1000
            if now - sent > KEY_TIMEOUT_S:
                return None
            time.sleep(POLL_S / 2)

    def burst(self, rect: Rect, keysyms: list[str]) -> tuple[list[float], list[float]]:
        """Keys ``BURST_INTERVAL_S`` apart; when each was sent and when ``rect`` changed."""
        previous = self.wait_quiet(rect, KEY_QUIET_S)
        sent: list[float] = []
        changes: list[float] = []
        start = time.monotonic()
        while True:
            now = time.monotonic()
            if len(sent) < len(keysyms) and now >= start + len(sent) * BURST_INTERVAL_S:
                self.screen.key(keysyms[len(sent)])
                sent.append(now)
            frame = self.screen.grab(rect)
            if frame != previous:
                previous = frame
                changes.append(now)
            if len(sent) == len(keysyms) and now - max([sent[-1], *changes[-1:]]) > 0.5:
                return sent, changes
            time.sleep(POLL_S / 2)


# -- the figures ---------------------------------------------------------------------


def _value(value: float, unit: str) -> str:
    if unit == "MiB":
        return f"{value:.0f} MiB"
    return f"{value / 1000:.2f} s" if value >= 1000 else f"{value:.0f} ms"


def show_ratio(
    label: str, ours: list[float], bare: list[float], limit: float, unit: str = "ms"
) -> None:
    """The medians of both programs, and their ratio beside its target (issue 8).

    The note gives the median of the ratios of launches made one after the other:
    on a busy machine the two can differ, and the second is the less noisy.
    """
    mine, theirs = figures.median(ours), figures.median(bare)
    ratio = mine / theirs if theirs else float("inf")
    verdict = "ok" if ratio <= limit else "MISSED"
    paired = figures.median([a / b for a, b in zip(ours, bare, strict=True) if b])
    print(
        f"{label:<{figures.LABEL_WIDTH}} {_value(mine, unit):>9}"
        f"   bare {_value(theirs, unit):>8}   {ratio:4.2f}x"
        f"   target <= {limit:g}x bare   {verdict:<6}   launch by launch {paired:.2f}x",
        flush=True,
    )


def show_never(label: str, target: figures.Target, note: str) -> None:
    print(
        f"{label:<{figures.LABEL_WIDTH}} {'never':>9}   {target.describe():<24} MISSED   {note}",
        flush=True,
    )


def _keysyms(text: str) -> list[str]:
    return ["space" if ch == " " else ch for ch in text]


def typing(harness: Harness, program: Program, keys: int, shots: Path | None) -> None:
    """Keys at the top, the middle and the end of the body, in one newsdesk launch.

    With ``shots``, a screenshot there after placing the caret, and after the burst,
    at each position: to see that the caret went where it should.
    """
    launch = harness.launch(program)
    screen = harness.screen
    preview = program.preview(harness.window)
    editor = newsdesk_editor(harness.window)
    typed = _keysyms(TYPED)
    try:
        for position in ("top", "middle", "end"):
            screen.click(*editor.text)
            time.sleep(0.2)
            if position == "top":
                screen.key("Control_L", "Home")
            elif position == "end":
                screen.key("Control_L", "End")
            else:
                screen.key("Control_L", "Home")
                time.sleep(0.2)
                screen.click(*editor.scroll_bar, button=2)  # the thumb jumps to the middle
                time.sleep(0.3)
                screen.click(*editor.text)
            harness.wait_quiet(preview, 1.0)
            harness.screenshot(shots, f"{position}-placed")
            latencies: list[float] = []
            never = 0
            for index in range(keys):
                latency = harness.key_to_repaint(preview, typed[index % len(typed)])
                if latency is None:
                    never += 1
                else:
                    latencies.append(latency)
            label = f"key -> preview repaint, {position}"
            note = f"{keys - never} of {keys} keys showed"
            if never > keys * 0.05 or not latencies:
                # More than 5 % never showed: the 95th percentile is "never".
                show_never(f"{label}, p95", KEY_TARGET, note)
            else:
                figures.show(f"{label}, p95", figures.p95(latencies), KEY_TARGET, note=note)
            if latencies:
                figures.show(f"{label}, p50", figures.median(latencies))
            harness.check_alive(program, launch.process)
            sent, changes = harness.burst(preview, typed[:BURST_KEYS])
            burst_figures(position, sent, changes)
            harness.screenshot(shots, f"{position}-typed")
        harness.check_alive(program, launch.process)
        after = memory(launch.process.pid)
        figures.info(
            f"newsdesk's tree after typing: {after.tree_pss_mib:.0f} MiB PSS"
            f" ({after.processes} processes)"
        )
    finally:
        harness.stop(launch)


def typing_floor(harness: Harness, program: Program, keys: int) -> None:
    """The same keys typed into the bare window's page made editable: no target, a floor.

    Chromium draws the key itself, with no Python, no Markdown and no patch:
    what is left is WebEngine's own raster and compositing under this X server.
    """
    launch = harness.launch(program)
    preview = program.preview(harness.window)
    try:
        # A point in the article's first paragraphs, as the page lays out at this width.
        harness.screen.click(
            harness.window.x + round(harness.window.width * 0.45),
            harness.window.y + round(harness.window.height * 0.35),
        )
        harness.wait_quiet(preview, 1.0)
        typed = _keysyms(TYPED)
        latencies = [harness.key_to_repaint(preview, typed[i % len(typed)]) for i in range(keys)]
        shown = [latency for latency in latencies if latency is not None]
        note = f"{len(shown)} of {keys} keys showed; no target: the floor on this machine"
        if shown:
            figures.show(
                "key -> repaint, bare window's page edited, p95", figures.p95(shown), note=note
            )
            figures.show("key -> repaint, bare window's page edited, p50", figures.median(shown))
        else:
            figures.show_warning("typing into the bare window's page changed nothing on screen")
        # The same burst as newsdesk's: how often WebEngine itself repaints a page typed
        # into every 30 ms, and how soon it settles, on this machine.
        gap, settled, repaints = _burst_numbers(*harness.burst(preview, typed[:BURST_KEYS]))
        floor = "no target: the floor on this machine"
        if gap is not None:
            figures.show(
                "burst, bare window's page edited: longest gap between repaints",
                gap,
                note=f"{repaints} repaints; {floor}",
            )
        if settled is not None:
            figures.show(
                "burst, bare window's page edited: last key -> settled", settled, note=floor
            )
    finally:
        harness.stop(launch)


def _burst_numbers(
    sent: list[float], changes: list[float]
) -> tuple[float | None, float | None, int]:
    """A burst's longest gap between repaints (from the first key) and the time from
    its last key to the last repaint, in ms (None: no repaint, or none after the last
    key), and the number of repaints."""
    after_first = [c for c in changes if c > sent[0]]
    if not after_first:
        return None, None, 0
    marks = [sent[0], *after_first]
    gap = max((b - a) * 1000 for a, b in itertools.pairwise(marks))
    settled = (after_first[-1] - sent[-1]) * 1000 if after_first[-1] >= sent[-1] else None
    return gap, settled, len(after_first)


def burst_figures(position: str, sent: list[float], changes: list[float]) -> None:
    label = f"burst, {position}"
    gap, settled, repaints = _burst_numbers(sent, changes)
    if gap is None:
        show_never(
            f"{label}: longest gap between preview repaints", GAP_TARGET, "no repaint at all"
        )
        show_never(f"{label}: last key -> preview settled", SETTLE_TARGET, "no repaint at all")
        return
    figures.show(
        f"{label}: longest gap between preview repaints",
        gap,
        GAP_TARGET,
        note=f"{repaints} repaints",
    )
    if settled is None:
        show_never(
            f"{label}: last key -> preview settled", SETTLE_TARGET, "no repaint after the last key"
        )
    else:
        figures.show(f"{label}: last key -> preview settled", settled, SETTLE_TARGET)


def start_up(
    harness: Harness, bare: Program, newsdesk: Program, runs: int, cold: Program | None = None
) -> None:
    """The launches of each program in turn; ``cold`` is newsdesk with no preview page
    kept from an earlier session (a first start, or the article changed elsewhere),
    printed beside the others without a target of its own."""
    programs = [bare, newsdesk] + ([cold] if cold is not None else [])
    launches: dict[str, list[Launch]] = {program.name: [] for program in programs}
    for _ in range(runs):
        for program in programs:  # in turn: the machine's noise falls on all
            launch = harness.launch(program)
            harness.stop(launch)
            launches[program.name].append(launch)
            figures.info(
                f"{program.name:<8} shown {launch.shown_ms:5.0f} ms,"
                f" preview complete {launch.complete_ms:5.0f} ms,"
                f" tree {launch.memory.tree_pss_mib:4.0f} MiB PSS"
                f" ({launch.memory.tree_uss_mib:.0f} MiB private)"
                f" in {launch.memory.processes} processes"
                f" (main {launch.memory.main_pss_mib:.0f} MiB PSS,"
                f" {launch.memory.main_rss_mib:.0f} MiB RSS)"
            )
    ours, ref = launches[newsdesk.name], launches[bare.name]

    def med(samples: list[Launch], pick: Callable[[Launch], float]) -> float:
        return figures.median([pick(s) for s in samples])

    def both(pick: Callable[[Launch], float]) -> tuple[list[float], list[float]]:
        return [pick(s) for s in ours], [pick(s) for s in ref]

    label = f"median of {runs}"
    show_ratio(f"window shown, {label}", *both(lambda s: s.shown_ms), SHOWN_TARGET)
    show_ratio(
        f"preview complete, {WORDS:,} words, {label}",
        *both(lambda s: s.complete_ms),
        COMPLETE_TARGET,
    )
    if cold is not None:
        first = launches[cold.name]
        figures.info(
            f"with no page kept (a first start): window shown"
            f" {med(first, lambda s: s.shown_ms):.0f} ms, preview complete"
            f" {med(first, lambda s: s.complete_ms):.0f} ms"
            f" ({med(first, lambda s: s.complete_ms) / med(ref, lambda s: s.complete_ms):.2f}x"
            " bare), no target"
        )
    show_ratio(
        f"PSS of the process tree, preview complete, {label}",
        *both(lambda s: s.memory.tree_pss_mib),
        PSS_TARGET,
        unit="MiB",
    )
    figures.info(
        f"private pages of the tree (USS): newsdesk"
        f" {med(ours, lambda s: s.memory.tree_uss_mib):.0f} MiB,"
        f" bare {med(ref, lambda s: s.memory.tree_uss_mib):.0f} MiB"
    )
    figures.info(
        f"main process alone: newsdesk {med(ours, lambda s: s.memory.main_pss_mib):.0f} MiB PSS"
        f" / {med(ours, lambda s: s.memory.main_rss_mib):.0f} MiB RSS,"
        f" bare {med(ref, lambda s: s.memory.main_pss_mib):.0f} MiB PSS"
        f" / {med(ref, lambda s: s.memory.main_rss_mib):.0f} MiB RSS"
    )


def _source_state() -> str:
    """The commit measured, and whether newsdesk's files differ from it (a shared tree)."""
    try:
        commit = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
        ).stdout.strip()
        changed = subprocess.run(
            ["git", "status", "--porcelain", "--", "newsdesk", "resources"],
            cwd=ROOT,
            capture_output=True,
            text=True,
        ).stdout.splitlines()
    except OSError:
        return "not a git checkout"
    if not commit:
        return "not a git checkout"
    return f"commit {commit}" + (
        f", {len(changed)} files of newsdesk changed since" if changed else ", no change since"
    )


def _newsdesk(*args: str) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "newsdesk", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return done.stdout


def _prepare_data(workdir: Path, spelling: bool = True) -> tuple[Path, Path]:
    """The article imported into a data folder newsdesk will open it from; its page.
    ``spelling`` False turns the window's spelling and grammar off (its settings file)."""
    from benchmarks.corpus import make_articles
    from newsdesk.core.interchange import dump_document

    article = dataclasses.replace(make_articles(1, WORDS, seed=SEED)[0], featured_image=None)
    source = workdir / "article.md"
    source.write_text(dump_document(article), encoding="utf-8")
    template = workdir / "template"
    article_id = _newsdesk("--data-dir", str(template), "import", str(source)).split()[0]
    # What the window opens at start: the last article, from its UI state.
    (template / "ui-state.ini").write_text(f"[General]\nlast_article={article_id}\n")
    if not spelling:
        (template / "settings.json").write_text('{"spellcheck": false}\n')
    page = workdir / "page.html"
    _newsdesk("--data-dir", str(template), "render", article_id, "-o", str(page))
    return template, page


def run(quick: bool, shots: Path | None = None, spelling: bool = True) -> None:
    missing = [tool for tool in ("Xvfb", "xdotool") if shutil.which(tool) is None]
    if missing:
        figures.show_warning(
            f"{' and '.join(missing)} missing (bash packaging/install.sh --tests): skipped"
        )
        return
    runs = 2 if quick else 5
    keys = 10 if quick else 20
    with tempfile.TemporaryDirectory(prefix="newsdesk-outside-") as root:
        workdir = Path(root)
        template, page = _prepare_data(workdir, spelling)
        data = workdir / "data"

        def fresh_copy() -> None:
            shutil.rmtree(data, ignore_errors=True)
            shutil.copytree(template, data)

        with virtual_screen() as display:
            screen = Screen(display)
            harness = Harness(screen, child_environment(display, workdir), workdir)
            newsdesk = Program(
                "newsdesk",
                [sys.executable, "-m", "newsdesk", "--data-dir", str(data)],
                fresh_copy,
                newsdesk_preview,
            )
            try:
                figures.heading(
                    f"From outside, under Xvfb {SCREEN_SIZE[0]}x{SCREEN_SIZE[1]} ({display},"
                    " QT_QPA_PLATFORM=xcb, software OpenGL), a"
                    f" {WORDS:,}-word article, beside a bare QMainWindow + QWebEngineView"
                )
                figures.info(f"newsdesk as found in {ROOT}: {_source_state()}")
                figures.info(f"spelling and grammar {'on' if spelling else 'off (--no-spelling)'}")
                load = ", ".join(f"{value:.1f}" for value in os.getloadavg())
                figures.info(f"load average before the run: {load} (on {os.cpu_count()} CPUs)")
                # The warm-up fills the file cache, compiles bytecode, and leaves in the
                # template what a second start finds (the day's backup, the window's state).
                shutil.rmtree(data, ignore_errors=True)
                shutil.copytree(template, data)
                warm = harness.launch(
                    dataclasses.replace(newsdesk, prepare=lambda: None), warm_up=True
                )
                harness.stop(warm)
                shutil.rmtree(template)
                shutil.copytree(data, template)
                kept = (template / "cache" / "first-page.json").is_file()
                figures.info(
                    "the warm-up left the preview's page kept for the next start-up"
                    " (cache/first-page.json): every launch starts from it"
                    if kept
                    else "no preview page kept by the warm-up: every launch renders the article"
                )
                w = harness.window
                figures.info(f"window {w.width}x{w.height} at {w.x},{w.y} for both")
                bare = Program(
                    "bare",
                    [
                        sys.executable,
                        str(BARE_WINDOW),
                        str(page),
                        "--geometry",
                        f"{w.x},{w.y},{w.width},{w.height}",
                    ],
                    lambda: None,
                    bare_preview,
                )
                harness.stop(harness.launch(bare, warm_up=True))
                # The newsdesk warm-up had no "shown" baseline: once more, fully.
                harness.stop(harness.launch(newsdesk, warm_up=True))

                def cold_copy() -> None:
                    fresh_copy()
                    (data / "cache" / "first-page.json").unlink(missing_ok=True)

                cold = dataclasses.replace(newsdesk, name="newsdesk-first", prepare=cold_copy)
                start_up(harness, bare, newsdesk, runs, cold if kept else None)
                figures.heading(
                    "Typing into newsdesk's body editor (XTEST keys): at each position"
                    f" {keys} keys, each after a quiet moment, then a burst of {BURST_KEYS} keys"
                    f" {BURST_INTERVAL_S * 1000:.0f} ms apart"
                )
                typing(harness, newsdesk, keys, shots)
                editable = dataclasses.replace(
                    bare, name="bare-editable", argv=[*bare.argv, "--editable"]
                )
                harness.stop(harness.launch(editable, warm_up=True))
                typing_floor(harness, editable, keys)
            finally:
                screen.close()


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.outside_bench")
    parser.add_argument("--quick", action="store_true", help="2 launches each, 10 keys")
    parser.add_argument(
        "--shots", type=Path, help="save screenshots of the typing positions (imagemagick) here"
    )
    parser.add_argument(
        "--no-spelling",
        action="store_true",
        help="newsdesk with its spelling and grammar turned off (what they cost)",
    )
    options = parser.parse_args(argv)
    run(options.quick, options.shots, spelling=not options.no_spelling)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
