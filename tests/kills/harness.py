"""Crash safety by SIGKILL: the real program, killed at random moments, loses nothing.

Each scenario (``tests/kills/scenarios.py``, ``publish.py``, ``window.py``) starts
the real newsdesk (``python -m newsdesk --data-dir DIR ...``, the window on its own
Xvfb), kills it and all it started with SIGKILL at a random moment (a laptop whose
battery dies), then checks from outside:

- ``PRAGMA integrity_check`` is ``ok``;
- the store opens without a question: ``newsdesk list`` exits 0 and says nothing on
  stderr (no migration error, no recovery prompt);
- every photo under ``media/`` is whole (its name is its SHA-256);
- what the scenario itself promises (an import whole or absent, a backup complete or
  absent, a queued publish on the site exactly once, at most the last autosave
  interval of typing lost).

Run from the repository's root (it starts its own D-Bus session and unlocked
keyring when none is given, as ``tests/run`` does)::

    .venv/bin/python -m tests.kills --kills 200 [--seed N] [--only import,backup]

The kills are shared out between the scenarios in turn. The summary table gives, for
each scenario, the kills, the failures and the largest loss measured (seconds of
typing for the window; 0 elsewhere, where nothing may be lost at all).
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import json
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

ROOT = Path(__file__).resolve().parents[2]
#: A session of our own is made once; this says we are inside it.
SESSION_MARK = "NEWSDESK_KILLS_SESSION"


@dataclass
class Outcome:
    """One kill: when it fell, whether the program had already ended, what was wrong."""

    scenario: str
    delay: float
    finished: bool = False
    failures: list[str] = field(default_factory=list)
    loss: float = 0.0
    note: str = ""


class Scenario(Protocol):
    name: str

    def setup(self, work: Path, rng: random.Random) -> None: ...

    def kill_once(self, index: int, rng: random.Random) -> Outcome: ...

    def close(self) -> None: ...


# -- the program, from outside ------------------------------------------------------------


def program_env(**extra: str) -> dict[str, str]:
    """The environment newsdesk runs in: French, our data folder only (--data-dir)."""
    skipped = ("NEWSDESK_HOME", "LC_ALL", "LC_MESSAGES", "LANGUAGE")
    env = {k: v for k, v in os.environ.items() if k not in skipped}
    env["LANG"] = "fr_FR.UTF-8"
    env["PYTHONPATH"] = str(ROOT)
    env.update(extra)
    return env


def newsdesk_argv(data: Path, *args: str) -> list[str]:
    return [sys.executable, "-m", "newsdesk", "--data-dir", str(data), *args]


def cli(
    data: Path, *args: str, stdin: str | None = None, timeout: float = 120
) -> subprocess.CompletedProcess[str]:
    """One command, run to its end."""
    return subprocess.run(
        newsdesk_argv(data, *args),
        cwd=ROOT,
        env=program_env(),
        input=stdin,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=timeout,
        check=False,
    )


def start(
    argv: Sequence[str], log: Path, env: dict[str, str] | None = None
) -> subprocess.Popen[bytes]:
    """The program in a process group of its own, so that one kill takes all it started."""
    with log.open("ab") as output:
        return subprocess.Popen(
            list(argv),
            cwd=ROOT,
            env=env or program_env(),
            stdin=subprocess.DEVNULL,
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )


def kill_group(process: subprocess.Popen[bytes]) -> bool:
    """SIGKILL to the program and everything it started; True if it was still running."""
    running = process.poll() is None
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)
    process.wait(30)
    return running


def run_and_kill(
    argv: Sequence[str],
    delay: float,
    log: Path,
    *,
    env: dict[str, str] | None = None,
    sooner: Callable[[], bool] | None = None,
    after_sooner: float = 0.0,
) -> bool:
    """Start ``argv``, kill it ``delay`` seconds later (or ``after_sooner`` seconds after
    ``sooner()`` first holds). False when it had ended by itself before the kill."""
    process = start(argv, log, env)
    began = time.monotonic()
    deadline = began + delay
    while time.monotonic() < deadline and process.poll() is None:
        if sooner is not None and sooner():
            deadline = min(deadline, time.monotonic() + after_sooner)
            sooner = None
        time.sleep(0.002)
    return kill_group(process)


def timed(argv: Sequence[str], log: Path, env: dict[str, str] | None = None) -> float:
    """Seconds ``argv`` takes when nobody kills it (the span kills are drawn from)."""
    began = time.monotonic()
    process = start(argv, log, env)
    code = process.wait(300)
    if code != 0:
        raise RuntimeError(f"{' '.join(argv)} failed ({code}): see {log}")
    return time.monotonic() - began


def draw_delay(rng: random.Random, index: int, startup: float, seconds: float) -> float:
    """When to kill a run that takes ``seconds`` unkilled. Every other kill falls
    anywhere, a little past the end included; the others past ``startup`` (what the
    interpreter and the imports take, most of a short command), where the work is."""
    if index % 2 == 0:
        return rng.uniform(0, seconds * 1.15)
    return rng.uniform(min(startup, seconds) * 0.9, seconds * 1.05)


def startup_time(data: Path, log: Path, runs: int = 3) -> float:
    """The quickest of a few ``newsdesk list``: a command's fixed cost."""
    return min(timed(newsdesk_argv(data, "list"), log) for _ in range(runs))


# -- the checks after every kill -----------------------------------------------------------


def integrity(database: Path) -> str:
    connection = sqlite3.connect(database, timeout=10)
    try:
        rows = connection.execute("PRAGMA integrity_check").fetchall()
    finally:
        connection.close()
    return "; ".join(str(row[0]) for row in rows)


def check_store(data: Path) -> list[str]:
    """What every kill must leave: a whole database that opens without a question, and
    no photo cut short under its final name."""
    failures = []
    database = data / "newsdesk.sqlite3"
    if database.exists():
        said = integrity(database)
        if said != "ok":
            failures.append(f"integrity_check: {said}")
    listed = cli(data, "list", "--json")
    if listed.returncode != 0 or listed.stderr.strip():
        failures.append(f"newsdesk list: exit {listed.returncode}: {listed.stderr.strip()[:300]}")
    else:
        try:
            json.loads(listed.stdout)
        except ValueError:
            failures.append(f"newsdesk list --json: not JSON: {listed.stdout[:200]}")
    failures.extend(check_media(data / "media"))
    failures.extend(check_archives(data / "backups"))
    return failures


def check_archives(backups: Path) -> list[str]:
    """The daily archives the window writes: each whole, or not under its final name."""
    from newsdesk.storage import archive

    failures = []
    for path in sorted(backups.glob("*.zip")) if backups.is_dir() else ():
        try:
            archive.check_archive(path)
        except archive.ArchiveError as error:
            failures.append(f"{path.name} is under its final name but damaged: {error}")
    return failures


def check_media(media: Path) -> list[str]:
    """Photos are named by the SHA-256 of their bytes: a truncated one shows."""
    failures = []
    if not media.is_dir():
        return failures
    for path in media.rglob("*"):
        if not path.is_file() or path.name.startswith("."):
            continue  # a temporary file beside its target: recognisably partial
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        if path.stem != digest:
            failures.append(f"media {path.name}: its bytes are not the ones it is named by")
    return failures


# -- running, and the summary ----------------------------------------------------------------


def shares(total: int, names: Sequence[str]) -> dict[str, int]:
    """``total`` kills dealt to the scenarios in turn."""
    counts = dict.fromkeys(names, 0)
    for index in range(total):
        counts[names[index % len(names)]] += 1
    return counts


def run_scenarios(
    scenarios: Sequence[Scenario],
    counts: dict[str, int],
    seed: int,
    work: Path,
    say: Callable[[str], None] = print,
) -> dict[str, list[Outcome]]:
    results: dict[str, list[Outcome]] = {}
    for scenario in scenarios:
        rng = random.Random(f"{seed}:{scenario.name}")
        folder = work / scenario.name
        folder.mkdir(parents=True, exist_ok=True)
        began = time.monotonic()
        scenario.setup(folder, rng)
        spans = {k: getattr(scenario, k) for k in ("startup", "seconds") if hasattr(scenario, k)}
        if spans:
            say(f"{scenario.name}: " + ", ".join(f"{k} {v:.2f} s" for k, v in spans.items()))
        outcomes = results[scenario.name] = []
        try:
            for index in range(counts[scenario.name]):
                outcome = scenario.kill_once(index, rng)
                outcomes.append(outcome)
                if outcome.failures:
                    say(f"  {scenario.name} #{index} at {outcome.delay:.2f} s: FAILED")
                    for failure in outcome.failures:
                        say(f"      {failure}")
        finally:
            scenario.close()
        say(f"{scenario.name}: {len(outcomes)} kills in {time.monotonic() - began:.0f} s")
    return results


def summary(results: dict[str, list[Outcome]]) -> str:
    lines = [
        f"{'scenario':<10} {'kills':>5} {'after end':>9} {'failures':>8} {'largest loss':>13}",
    ]
    for name, outcomes in results.items():
        failures = sum(1 for o in outcomes if o.failures)
        ended = sum(1 for o in outcomes if o.finished)
        loss = max((o.loss for o in outcomes), default=0.0)
        lines.append(f"{name:<10} {len(outcomes):>5} {ended:>9} {failures:>8} {loss:>11.2f} s")
    return "\n".join(lines)


def all_scenarios() -> dict[str, Callable[[], Scenario]]:
    from tests.kills.publish import PublishKills
    from tests.kills.scenarios import BackupKills, ImportKills, UpgradeKills
    from tests.kills.window import WindowKills

    return {
        "window": WindowKills,
        "upgrade": UpgradeKills,
        "import": ImportKills,
        "publish": PublishKills,
        "backup": BackupKills,
    }


@contextlib.contextmanager
def work_folder(keep: bool) -> Iterator[Path]:
    folder = Path(tempfile.mkdtemp(prefix="newsdesk-kills-"))
    try:
        yield folder
    finally:
        if not keep:
            shutil.rmtree(folder, ignore_errors=True)


def _in_a_session(argv: list[str]) -> int:
    """Run again inside a private D-Bus session with an unlocked keyring (the publish
    scenario's password lives there), as tests/run does."""
    keyring_home = tempfile.mkdtemp()
    runtime = tempfile.mkdtemp()
    os.chmod(runtime, 0o700)
    env = {**os.environ, "XDG_DATA_HOME": keyring_home, "XDG_RUNTIME_DIR": runtime}
    env[SESSION_MARK] = "1"
    script = (
        "printf %s newsdesk-kills | gnome-keyring-daemon --unlock --components=secrets "
        '>/dev/null; exec "$@"'
    )
    try:
        return subprocess.call(
            ["dbus-run-session", "--", "sh", "-c", script, "sh", sys.executable, "-m", *argv],
            cwd=ROOT,
            env=env,
        )
    finally:
        shutil.rmtree(keyring_home, ignore_errors=True)
        shutil.rmtree(runtime, ignore_errors=True)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m tests.kills", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--kills", type=int, default=200, help="kills in all, shared out")
    parser.add_argument("--seed", type=int, default=None)
    parser.add_argument("--only", default="", help="scenarios, comma-separated")
    parser.add_argument("--keep", action="store_true", help="keep the work folder")
    args = parser.parse_args(argv)
    if not os.environ.get(SESSION_MARK) and shutil.which("dbus-run-session"):
        return _in_a_session(["tests.kills", *(argv if argv is not None else sys.argv[1:])])
    known = all_scenarios()
    names = [n for n in args.only.split(",") if n] or list(known)
    unknown = [n for n in names if n not in known]
    if unknown:
        parser.error(f"unknown scenario(s): {', '.join(unknown)}; known: {', '.join(known)}")
    seed = args.seed if args.seed is not None else random.SystemRandom().randrange(10**6)
    print(f"seed {seed}; {args.kills} kills over {', '.join(names)}", flush=True)
    began = time.monotonic()
    with work_folder(args.keep) as work:
        if args.keep:
            print(f"work folder: {work}")
        scenarios = [known[n]() for n in names]
        results = run_scenarios(
            scenarios, shares(args.kills, names), seed, work, lambda s: print(s, flush=True)
        )
    print(summary(results))
    print(f"{time.monotonic() - began:.0f} s in all")
    return 1 if any(o.failures for outcomes in results.values() for o in outcomes) else 0


def as_json(results: dict[str, list[Outcome]]) -> Any:
    return {name: [o.__dict__ for o in outcomes] for name, outcomes in results.items()}
