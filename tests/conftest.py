"""Test set-up shared by every test: Qt offscreen, WebEngine allowed as root.

These variables must be set before anything imports Qt, hence at the top of
the root conftest.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# QtWebEngine refuses to start as root with its sandbox on (CI runs as root).
os.environ.setdefault("QTWEBENGINE_DISABLE_SANDBOX", "1")
os.environ.setdefault("QTWEBENGINE_CHROMIUM_FLAGS", "--disable-gpu --no-sandbox")
# Never let a test touch the real user's data folder.
os.environ.pop("NEWSDESK_HOME", None)

from pathlib import Path

import pytest

from newsdesk.paths import Paths

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "newsdesk-home"
    folder.mkdir()
    return folder


@pytest.fixture
def paths(data_dir: Path) -> Paths:
    return Paths(data_dir).ensure()


@pytest.fixture
def fixtures_dir() -> Path:
    return FIXTURES
