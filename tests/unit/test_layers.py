"""The house's one boundary, checked on every run: Qt lives in newsdesk/ui and app.py only,
the core imports nothing else of newsdesk, and nothing imports the ui from below it."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "newsdesk"
QT_ALLOWED = ("ui/", "app.py")


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def _modules() -> list[tuple[str, set[str]]]:
    return [
        (path.relative_to(PACKAGE).as_posix(), _imports(path))
        for path in sorted(PACKAGE.rglob("*.py"))
    ]


def test_the_package_is_found() -> None:
    assert len(_modules()) > 5


@pytest.mark.parametrize(("module", "imports"), _modules())
def test_qt_stays_in_the_ui(module: str, imports: set[str]) -> None:
    if module.startswith(QT_ALLOWED):
        return
    qt = sorted(name for name in imports if name.split(".")[0] == "PySide6")
    assert not qt, f"{module} imports Qt: {qt}"
    ui = sorted(name for name in imports if name.startswith("newsdesk.ui"))
    assert not ui, f"{module} imports the ui from below it: {ui}"


@pytest.mark.parametrize(("module", "imports"), [m for m in _modules() if m[0].startswith("core/")])
def test_the_core_depends_on_nothing_else(module: str, imports: set[str]) -> None:
    outside = sorted(
        name
        for name in imports
        if name.startswith("newsdesk.") and not name.startswith("newsdesk.core")
    )
    assert not outside, f"{module} reaches out of the core: {outside}"
