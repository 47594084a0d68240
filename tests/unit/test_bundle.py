"""newsdesk/bundle.py: how a bundle (PyInstaller) finds its files and starts its processes."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from newsdesk import bundle, resources


def test_outside_a_bundle_modules_run_with_python_m() -> None:
    assert not bundle.frozen()
    assert bundle.bundle_dir() is None
    assert bundle.module_command("newsdesk.spelling.worker") == [
        sys.executable,
        "-m",
        "newsdesk.spelling.worker",
    ]


def test_in_a_bundle_the_program_is_called_with_the_hidden_argument(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert bundle.bundle_dir() == tmp_path
    assert bundle.module_command("newsdesk.spelling.worker") == [
        sys.executable,
        bundle.RUN_MODULE,
        "newsdesk.spelling.worker",
    ]


def test_only_the_listed_modules_can_be_run() -> None:
    with pytest.raises(ValueError):
        bundle.module_command("os")
    assert bundle.run_module_if_asked(["newsdesk", bundle.RUN_MODULE, "os"]) == 2


def test_an_ordinary_start_is_left_alone() -> None:
    assert bundle.run_module_if_asked(["newsdesk"]) is None
    assert bundle.run_module_if_asked(["newsdesk", "list", "--json"]) is None


def test_the_hidden_argument_runs_the_module_main(monkeypatch: pytest.MonkeyPatch) -> None:
    ran: list[list[str]] = []

    class Worker:
        @staticmethod
        def main() -> int:
            ran.append(list(sys.argv))
            return 0

    monkeypatch.setitem(sys.modules, "newsdesk.spelling.worker", Worker)
    monkeypatch.setattr(sys, "argv", list(sys.argv))
    argv = ["newsdesk", bundle.RUN_MODULE, "newsdesk.spelling.worker", "x"]
    assert bundle.run_module_if_asked(argv) == 0
    assert ran == [["newsdesk.spelling.worker", "x"]]


def test_a_bundle_reads_its_own_resources_first(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    (tmp_path / "resources" / "templates").mkdir(parents=True)
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert resources.resources_dir() == tmp_path / "resources"
    monkeypatch.setattr(sys, "frozen", False)
    assert resources.resources_dir() != tmp_path / "resources"


def test_the_entry_point_answers_the_hidden_argument_before_the_command_line() -> None:
    """``newsdesk/__main__.py`` runs the spelling process when asked so (as a bundle's
    window asks its own program), and refuses any other module."""
    import json
    import subprocess

    request = {"id": 7, "op": "typography", "text": "Bonjour !"}
    done = subprocess.run(
        [sys.executable, "-m", "newsdesk", bundle.RUN_MODULE, "newsdesk.spelling.worker"],
        input=json.dumps(request) + "\n",
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    answer = json.loads(done.stdout.splitlines()[0])
    assert answer["id"] == 7 and answer["op"] == "typography" and answer["fixes"]
    refused = subprocess.run(
        [sys.executable, "-m", "newsdesk", bundle.RUN_MODULE, "os"],
        capture_output=True,
        timeout=60,
    )
    assert refused.returncode == 2
