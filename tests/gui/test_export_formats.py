"""Fichier ▸ Exporter in the real window: one entry per format; the PDF is printed by the
window's own QtWebEngine (the database worker reads and writes the files), and read
back with pypdf."""

from __future__ import annotations

import io
import json
import threading
import unicodedata
import urllib.request
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader
from PySide6.QtWidgets import QFileDialog, QMessageBox

from newsdesk.core.errors import PdfExportFailed
from newsdesk.ui.main_window import MainWindow
from newsdesk.ui.pdf_export import PdfPrinter

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


def test_the_printer_loads_nothing_from_the_web(qtbot, tmp_path: Path) -> None:
    """A local image prints; one on a (real, local) web server is never asked for."""
    local = tmp_path / "carte.png"
    Image.new("RGB", (40, 30), (30, 110, 60)).save(local)
    buffer = io.BytesIO()
    Image.new("RGB", (50, 50), (200, 0, 0)).save(buffer, "PNG")
    requests: list[str] = []

    class Server(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            requests.append(self.path)
            self.send_response(200)
            self.send_header("Content-Type", "image/png")
            self.end_headers()
            self.wfile.write(buffer.getvalue())

        def log_message(self, *_args) -> None:
            pass

    server = HTTPServer(("127.0.0.1", 0), Server)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        page = (
            f'<p>Texte à imprimer.</p><img src="{local.as_uri()}">'
            f'<img src="http://127.0.0.1:{server.server_port}/pixel.png">'
        )
        printer = PdfPrinter()
        with qtbot.waitSignal(printer.finished, timeout=60000) as done:
            printer.print_html(page)
        assert requests == []
        # The server does answer whoever asks: the page was not let ask.
        with urllib.request.urlopen(f"http://127.0.0.1:{server.server_port}/check") as answer:
            assert answer.status == 200
        assert requests == ["/check"]
    finally:
        server.shutdown()
        server.server_close()
    reader = PdfReader(io.BytesIO(done.args[0]))
    sizes = [image.image.size for image in reader.pages[0].images]
    # The local image, and no red square (Chromium draws its small broken-image icon in
    # its place; the export's own page names such an image instead).
    assert (40, 30) in sizes and (50, 50) not in sizes


def test_a_page_that_does_not_print_in_time_is_a_failure(qtbot) -> None:
    printer = PdfPrinter()
    with qtbot.waitSignal(printer.failed, timeout=10000) as failed:
        printer.print_html("<p>Texte</p>", timeout_ms=1)
    error = failed.args[0]
    assert isinstance(error, PdfExportFailed) and error.reason == PdfExportFailed.PRINT


def test_a_page_too_big_for_set_html_prints_from_a_file(qtbot) -> None:
    from newsdesk.ui.preview import SET_HTML_LIMIT

    # Past setHtml's limit (Chromium caps data: URLs at 2 MB); the padding costs no layout.
    page = "<p>Une très longue page.</p><!--" + "x" * SET_HTML_LIMIT + "-->"
    printer = PdfPrinter()
    with qtbot.waitSignal(printer.finished, timeout=60000) as done:
        printer.print_html(page)
    assert printer.page.allowed_file is not None  # it went the file's way
    text = PdfReader(io.BytesIO(done.args[0])).pages[0].extract_text()
    assert "Une très longue page." in text
