"""Fichier ▸ Exporter in the real window: one entry per format; the PDF is printed by the
window's own QtWebEngine (the database worker reads and writes the files), and read
back with pypdf."""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtWidgets import QFileDialog, QMessageBox

from newsdesk.ui.main_window import MainWindow

pytestmark = [pytest.mark.gui, pytest.mark.webengine]


@pytest.fixture
def opened(qtbot, window: MainWindow, lavrov_md: Path) -> MainWindow:
    with qtbot.waitSignal(window.article_opened, timeout=15000):
        window.import_paths([lavrov_md])
    return window


def test_the_file_menu_offers_every_format(window: MainWindow) -> None:
    texts = [action.text() for action in window.export_menu.actions()]
    assert texts == [
        "&Markdown, avec les images…",
        "Page &HTML…",
        "&ninjs (JSON IPTC)…",
        "&PDF pour l’impression…",
    ]
    assert window.export_action is window.export_actions["md"]
    assert window.export_actions["md"].shortcut().toString() == "Ctrl+E"


def test_pdf_from_the_menu(qtbot, opened: MainWindow, tmp_path: Path, monkeypatch) -> None:
    asked: list[str] = []

    def save_as(_parent, _title, suggested, file_filter):
        asked.extend([suggested, file_filter])
        return str(tmp_path / "pour-le-chef"), file_filter  # typed without its suffix

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_as)
    with qtbot.waitSignal(opened.articles.exported, timeout=60000) as done:
        opened.export_actions["pdf"].trigger()
    assert asked[0] == "mali-serguei-lavrov-attendu-a-bamako.pdf"
    assert "*.pdf" in asked[1]
    target = tmp_path / "pour-le-chef.pdf"
    assert done.args == [target]
    assert str(target) in opened.statusBar().currentMessage()

    reader = PdfReader(target)
    text = " ".join(
        unicodedata.normalize("NFKC", " ".join(p.extract_text() for p in reader.pages)).split()
    )
    assert "Mali : Sergueï Lavrov attendu à Bamako pour une visite inédite" in text
    assert "Bamako, nouvel allié stratégique de Moscou au Sahel" in text
    assert [image.image.size for page in reader.pages for image in page.images] == [(675, 240)]


def test_ninjs_from_the_window_carries_what_is_on_screen(
    qtbot, opened: MainWindow, tmp_path: Path
) -> None:
    opened.editor.title.setText("Titre corrigé à l’écran")
    target = tmp_path / "article.json"
    with qtbot.waitSignal(opened.articles.exported, timeout=15000):
        opened.export_to(target, "ninjs")
    item = json.loads(target.read_text(encoding="utf-8"))
    assert item["headlines"][0]["value"] == "Titre corrigé à l’écran"
    assert item["associations"][0]["renditions"][0]["contentType"] == "image/jpeg"


def test_an_export_that_cannot_be_written_says_why(
    qtbot, opened: MainWindow, tmp_path: Path
) -> None:
    (tmp_path / "a-file").write_text("not a folder")
    with qtbot.waitSignal(opened.articles.export_failed, timeout=60000):
        opened.export_to(tmp_path / "a-file" / "x.pdf", "pdf")
    box = opened.error_box
    assert isinstance(box, QMessageBox) and box.isVisible()
    assert box.windowTitle() == "Export impossible"
    assert box.text()
    box.close()
