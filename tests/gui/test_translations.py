"""Every string the window shows has its English translation, and English really loads."""

from __future__ import annotations

import ast
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication

from newsdesk.app import TRANSLATIONS_DIR, install_translator
from tests.gui.conftest import WindowFactory

pytestmark = [pytest.mark.gui]

UI_DIR = Path(__file__).resolve().parents[2] / "newsdesk" / "ui"
# Strings that read the same in English.
SAME_IN_ENGLISH = {
    "Date", "Image", "Mobile", "Photo", "Site", "Slug", "Source", "Tags",
    "description", "Images (*.jpg *.jpeg *.png *.webp *.gif)",
}  # fmt: skip


def ui_strings() -> list[tuple[str, str]]:
    """(context, source text) of every translatable literal in newsdesk/ui."""
    found: list[tuple[str, str]] = []
    for path in sorted(UI_DIR.glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        constants = {
            node.targets[0].id: node.value.value
            for node in tree.body
            if isinstance(node, ast.Assign)
            and isinstance(node.targets[0], ast.Name)
            and isinstance(node.value, ast.Constant)
        }

        def literal(arg: ast.expr, constants: dict[str, Any] = constants) -> str | None:
            if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                return arg.value
            if isinstance(arg, ast.Name) and isinstance(constants.get(arg.id), str):
                return str(constants[arg.id])
            return None

        def visit(node: ast.AST, cls: str | None) -> None:
            for child in ast.iter_child_nodes(node):
                inner = child.name if isinstance(child, ast.ClassDef) else cls
                if isinstance(child, ast.Call) and child.args:
                    func, text = child.func, literal(child.args[0])
                    plural = len(child.args) >= 3
                    is_tr = isinstance(func, ast.Attribute) and func.attr == "tr"
                    if is_tr and cls and text is not None and not plural:
                        found.append((cls, text))
                    if isinstance(func, ast.Attribute | ast.Name) and len(child.args) >= 2:
                        name = func.attr if isinstance(func, ast.Attribute) else func.id
                        source = literal(child.args[1])
                        if name == "translate" and text is not None and source is not None:
                            found.append((text, source))
                visit(child, inner)

        visit(tree, None)
    return found


@pytest.fixture
def english(qapp: Any) -> Any:
    installed = install_translator(qapp, "en")
    assert installed, "newsdesk_en.qm is missing: run pyside6-lrelease"
    yield installed
    for translator in installed:
        QCoreApplication.removeTranslator(translator)


def test_every_ui_string_has_an_english_translation(english: Any) -> None:
    strings = ui_strings()
    assert len(strings) > 100
    untranslated = [
        (context, text)
        for context, text in strings
        if text not in SAME_IN_ENGLISH and QCoreApplication.translate(context, text) == text
    ]
    assert untranslated == []


def test_the_compiled_translation_is_not_older_than_its_source() -> None:
    ts = TRANSLATIONS_DIR / "newsdesk_en.ts"
    qm = TRANSLATIONS_DIR / "newsdesk_en.qm"
    assert qm.stat().st_size > 1000
    assert "<source>Enregistré</source>" in ts.read_text(encoding="utf-8")


@pytest.mark.webengine
def test_the_window_speaks_english(english: Any, windows: WindowFactory) -> None:
    window = windows.open()
    menus = [action.text() for action in window.menuBar().actions()]
    assert menus == ["&File", "&Edit", "&View", "&Help"]
    assert window.library.tabs.tabText(1) == "Drafts"
    assert window.save_state_text() == "Saved"


def test_qt_own_buttons_speak_french_in_the_french_window(qapp: Any) -> None:
    installed = install_translator(qapp, "fr")
    try:
        assert installed, "Qt's qtbase_fr.qm was not found"
        # What QMessageBox and QDialogButtonBox show on their standard buttons.
        assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Annuler"
    finally:
        for translator in installed:
            QCoreApplication.removeTranslator(translator)
