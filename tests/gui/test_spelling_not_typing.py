"""Underlines drawn again are not typing: the article stays as it was, nothing is saved
or rendered again for them (Qt reports new formats as ``textChanged``)."""

from __future__ import annotations

from typing import Any

import pytest

from newsdesk.core.article import Article
from tests.gui.conftest import WindowFactory

pytestmark = [pytest.mark.gui]


def test_underlining_again_is_not_an_edit(
    windows: WindowFactory, qtbot: Any, lavrov: Article
) -> None:
    window = windows.open()
    window.open_article(lavrov.id)
    qtbot.waitUntil(lambda: window.editor.title.text() == lavrov.title, timeout=10000)
    qtbot.waitUntil(lambda: not window.is_dirty(), timeout=10000)
    edits: list[str] = []
    window.editor.edited.connect(edits.append)
    for spell in (window.spelling.body, window.spelling.standfirst):
        spell.rehighlight()
        qtbot.waitUntil(lambda spell=spell: not spell._redo, timeout=20000)
    assert edits == []
    assert not window.is_dirty()

    # Typing still is an edit.
    window.editor.body.insertPlainText("x")
    assert edits == ["body"]
