"""The kills of ``python -m tests.kills`` at the pytest run's count: every scenario
killed twice (once anywhere in the run, once where its work is), on smaller files.
The full count (``python -m tests.kills --kills 200``) is the README's proof."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.kills.harness import Scenario, run_scenarios, summary

KILLS = 2
SEED = 20261201


def _window() -> Scenario:
    from tests.kills.window import WindowKills

    if shutil.which("Xvfb") is None or shutil.which("xdotool") is None:
        pytest.skip("Xvfb and xdotool are missing (bash packaging/install.sh --tests)")
    return WindowKills(quick=True)


def _upgrade() -> Scenario:
    from tests.kills.scenarios import UpgradeKills

    return UpgradeKills(quick=True)


def _import() -> Scenario:
    from tests.kills.scenarios import ImportKills

    return ImportKills(quick=True)


def _publish() -> Scenario:
    from tests.kills.publish import PublishKills
    from tests.wordpress.harness import ensure_installed

    reason = ensure_installed()
    if reason is not None:
        pytest.skip(reason)
    return PublishKills(quick=True)


def _backup() -> Scenario:
    from tests.kills.scenarios import BackupKills

    return BackupKills(quick=True)


SLOW = pytest.mark.slow


@pytest.mark.parametrize(
    "make",
    [
        pytest.param(_window, id="window", marks=[SLOW, pytest.mark.gui, pytest.mark.webengine]),
        pytest.param(_upgrade, id="upgrade", marks=[SLOW]),
        pytest.param(_import, id="import", marks=[SLOW]),
        pytest.param(
            _publish, id="publish", marks=[SLOW, pytest.mark.wordpress, pytest.mark.keyring]
        ),
        pytest.param(_backup, id="backup", marks=[SLOW]),
    ],
)
def test_killed_at_random_nothing_is_lost(
    make: Callable[[], Scenario], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    scenario = make()
    said: list[str] = []
    results = run_scenarios([scenario], {scenario.name: KILLS}, SEED, tmp_path, said.append)
    outcomes = results[scenario.name]
    assert len(outcomes) == KILLS
    failures = [f for o in outcomes for f in o.failures]
    assert not failures, "\n".join([*said, summary(results)])
    with capsys.disabled():
        print(f"\n{summary(results)}")
