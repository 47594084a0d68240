"""A Word file into the real window: Fichier ▸ Importer's path and a drop on the body,
the article opened, and what did not come across said in the window."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QUrl
from PySide6.QtWidgets import QMessageBox

from newsdesk.ui.main_window import MainWindow
from newsdesk.ui.markdown_edit import exact_text
from tests.unit.formats import word_files as wf

pytestmark = pytest.mark.gui


def _word_file(folder: Path, with_equation: bool) -> Path:
    document = wf.new_document()
    wf.set_language(document, "fr-FR")
    document.add_heading("Agadez : la route du nord rouverte", level=1)
    paragraph = document.add_paragraph("Les camions ")
    paragraph.add_run("repartent").bold = True
    paragraph.add_run(" vers Arlit.")
    if with_equation:
        wf.add_equation(document.add_paragraph("Le calcul : "))
    return wf.save(document, folder / "agadez.docx")


def _problems(window: MainWindow) -> QMessageBox | None:
    return window.findChild(QMessageBox, "ImportProblems")


def test_importing_a_word_file_opens_it_and_says_what_was_left_out(
    qtbot, window: MainWindow, tmp_path: Path
) -> None:
    with qtbot.waitSignal(window.article_opened, timeout=15000):
        window.import_paths([_word_file(tmp_path, with_equation=True)])
    assert window.editor.title.text() == "Agadez : la route du nord rouverte"
    assert exact_text(window.editor.body).startswith("Les camions **repartent** vers Arlit.")
    qtbot.waitUntil(lambda: _problems(window) is not None, timeout=5000)
    box = _problems(window)
    assert box.windowTitle() == "Import à vérifier"
    assert box.text() == (
        "agadez.docx\u00a0: Une équation n’a pas pu être reprise\u00a0: recopiez-la à la main."
    )


def test_a_word_file_dropped_on_the_body_is_imported(
    qtbot, window: MainWindow, tmp_path: Path
) -> None:
    path = _word_file(tmp_path, with_equation=False)
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(path))])
    with qtbot.waitSignal(window.article_opened, timeout=15000):
        window.editor.body.insertFromMimeData(data)
    assert window.editor.title.text() == "Agadez : la route du nord rouverte"
    assert str(path) not in exact_text(window.editor.body)
    assert _problems(window) is None  # nothing left out, nothing to say
