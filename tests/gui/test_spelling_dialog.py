"""Édition ▸ « Orthographe… » in the real window: the setting saved, the dictionaries
loaded again at once."""

from __future__ import annotations

from typing import Any

import pytest

from newsdesk.settings import Settings
from newsdesk.spelling.dictionaries import dictionary_path
from newsdesk.ui.main_window import MainWindow
from newsdesk.ui.spelling_dialog import SpellingDialog

DICTIONARY_LOAD_MS = 120_000  # as tests/gui/test_spelling.py: a loaded machine is slow
needs_french = pytest.mark.skipif(
    dictionary_path("fr", "classique") is None,
    reason="no French dictionary: run packaging/install.sh",
)


@needs_french
def test_the_french_variant_is_saved_and_its_dictionary_used(
    qtbot: Any, window: MainWindow
) -> None:
    if dictionary_path("fr", "reforme1990") == dictionary_path("fr", "classique"):
        pytest.skip("no réforme 1990 dictionary installed")
    service = window.spelling.service
    qtbot.waitUntil(lambda: service.checker("fr") is not None, timeout=DICTIONARY_LOAD_MS)
    assert service.checker("fr").name == "fr-classique"

    window.spelling_action.trigger()
    dialog: SpellingDialog = window.menus.spelling_dialog
    assert dialog.isVisible()
    assert dialog.check.isChecked()
    dialog.choose("french_spelling", "reforme1990")
    dialog.save_button.click()

    assert window.context.settings.get("french_spelling") == "reforme1990"
    assert Settings.load(window.context.paths).get("french_spelling") == "reforme1990"
    assert Settings.load(window.context.paths).is_default("english_spelling")
    qtbot.waitUntil(
        lambda: getattr(service.checker("fr"), "name", None) == "fr-reforme1990",
        timeout=DICTIONARY_LOAD_MS,
    )
    assert service.variant("fr") == "reforme1990"


def test_the_underlines_can_be_turned_off(qtbot: Any, window: MainWindow) -> None:
    window.spelling_action.trigger()
    dialog: SpellingDialog = window.menus.spelling_dialog
    dialog.check.setChecked(False)
    dialog.choose("english_spelling", "GB")
    dialog.save_button.click()
    assert window.context.settings.get("spellcheck") is False
    assert window.context.settings.get("english_spelling") == "GB"
    assert window.spelling.service.enabled is False
