"""Every page newsdesk writes loads nothing remote, opened in a real browser.

A body holding a tracking pixel, a remote image, a remote stylesheet and a remote CSS
background, all pointing at a web server on 127.0.0.1 that records every request:

- the HTML export (``newsdesk export --format html``) and the page of
  ``newsdesk render``, opened from disk in QtWebEngine with the default profile and
  remote loads allowed for local files, as a desktop browser does: the server is
  never asked (the page's Content-Security-Policy forbids it);
- the counter-proof: the same page without its policy is fetched from, so the
  browser here would have shown a load;
- the PDF printed from the same article: never asked either.
"""

from __future__ import annotations

import io
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path
from typing import Any

import pytest

from newsdesk import services
from newsdesk.core.article import Article, Language
from newsdesk.formats.pdf_page import print_page
from newsdesk.paths import Paths
from newsdesk.render.page import PAGE_CSP
from newsdesk.storage.store import Store

pytestmark = [pytest.mark.webengine]

QtCore = pytest.importorskip("PySide6.QtCore")
QtWebEngineCore = pytest.importorskip("PySide6.QtWebEngineCore")
QtWebEngineWidgets = pytest.importorskip("PySide6.QtWebEngineWidgets")
shiboken6 = pytest.importorskip("shiboken6")

#: A 1x1 transparent GIF, what tracking pixels are.
PIXEL = bytes.fromhex(
    "47494638396101000100800000000000ffffff21f90401000000002c00000000010001000002024401003b"
)


class _Recorder:
    def __init__(self) -> None:
        self.requests: list[str] = []
        self.lock = threading.Lock()

    def seen(self) -> list[str]:
        with self.lock:
            return list(self.requests)


@pytest.fixture
def pixel_server() -> Iterator[tuple[str, _Recorder]]:
    recorder = _Recorder()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            with recorder.lock:
                recorder.requests.append(self.path)
            css = self.path.endswith(".css")
            body = b"body { color: red }" if css else PIXEL
            self.send_response(200)
            self.send_header("Content-Type", "text/css" if css else "image/gif")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *_args: Any) -> None:
            pass

    server = HTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}", recorder
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)


def _hostile_article(store: Store, base: str) -> Article:
    body = (
        "Un pixel espion et des chargements lointains.\n\n"
        f'<img src="{base}/pixel.gif" width="1" height="1" alt="">\n\n'
        f"![photo distante]({base}/photo.gif)\n\n"
        f'<link rel="stylesheet" href="{base}/style.css">\n'
        f"<style>@import url({base}/import.css);</style>\n\n"
        f'<div style="background:url({base}/background.gif)">Bloc stylé.</div>\n\n'
        f'<img srcset="{base}/srcset.gif 1x" alt="srcset">\n\n'
        "Fin du texte."
    )
    return store.create(Article(title="Pages sans réseau", body=body, language=Language.FR))


@pytest.fixture
def store(paths: Paths) -> Iterator[Store]:
    opened = Store.open(paths)
    yield opened
    opened.close()


class _Page(QtWebEngineCore.QWebEnginePage):
    """Keeps the console's messages (the policy's refusals) in a list, out of Qt's log."""

    def __init__(self, profile: Any) -> None:
        super().__init__(profile)
        self.console: list[str] = []

    def javaScriptConsoleMessage(self, level: Any, message: str, line: int, source: str) -> None:
        self.console.append(message)


def _open_in_browser(qtbot: Any, path: Path) -> Any:
    """The file opened as a desktop browser would: Qt's default profile, and a local
    page let reach the web (Qt's own default forbids it; Firefox and Chrome do not)."""
    view = QtWebEngineWidgets.QWebEngineView()
    page = _Page(QtWebEngineCore.QWebEngineProfile.defaultProfile())
    view.setPage(page)
    view.page_ref = page  # kept alive with the view
    view.settings().setAttribute(
        QtWebEngineCore.QWebEngineSettings.WebAttribute.LocalContentCanAccessRemoteUrls, True
    )
    view.resize(800, 600)
    view.show()
    with qtbot.waitSignal(view.loadFinished, timeout=15_000) as loaded:
        view.load(QtCore.QUrl.fromLocalFile(str(path)))
    assert loaded.args == [True]
    return view


def _close(qtbot: Any, view: Any) -> None:
    page = view.page_ref
    view.close()
    shiboken6.delete(view)
    shiboken6.delete(page)
    qtbot.wait(10)


def _text_of(qtbot: Any, view: Any) -> str:
    shown: list[str] = []
    view.page().toPlainText(shown.append)
    qtbot.waitUntil(lambda: bool(shown), timeout=5_000)
    return shown[0]


def _pages(store: Store, article: Article, folder: Path) -> dict[str, Path]:
    exported = services.export_html(store, article, folder / "export.html")
    rendered = folder / "render.html"  # what ``newsdesk render ID -o render.html`` writes
    rendered.write_text(services.render_html(store, article, embed_images=False), "utf-8")
    return {"export": exported, "render": rendered}


def test_exported_pages_fetch_nothing_remote(
    qtbot: Any, store: Store, tmp_path: Path, pixel_server: tuple[str, _Recorder]
) -> None:
    base, recorder = pixel_server
    article = _hostile_article(store, base)
    for name, path in _pages(store, article, tmp_path).items():
        page = path.read_text("utf-8")
        assert f'content="{PAGE_CSP}"' in page, name
        assert f"{base}/pixel.gif" in page  # still named in the page, never fetched
        view = _open_in_browser(qtbot, path)
        try:
            qtbot.wait(1_000)  # time for any late load (lazy images, CSS)
            assert recorder.seen() == [], name
            refused = [m for m in view.page_ref.console if "Content Security Policy" in m]
            assert any("/pixel.gif" in m for m in refused), view.page_ref.console
            assert "Fin du texte." in _text_of(qtbot, view)  # the rest of the article is there
        finally:
            _close(qtbot, view)


def test_counter_proof_without_the_policy_the_pixel_is_fetched(
    qtbot: Any, store: Store, tmp_path: Path, pixel_server: tuple[str, _Recorder]
) -> None:
    base, recorder = pixel_server
    article = _hostile_article(store, base)
    path = _pages(store, article, tmp_path)["export"]
    policy = f'<meta http-equiv="Content-Security-Policy" content="{PAGE_CSP}">\n'
    unprotected = tmp_path / "unprotected.html"
    unprotected.write_text(path.read_text("utf-8").replace(policy, ""), "utf-8")
    view = _open_in_browser(qtbot, unprotected)
    try:
        qtbot.waitUntil(lambda: "/pixel.gif" in recorder.seen(), timeout=10_000)
    finally:
        _close(qtbot, view)


def test_the_pdf_fetches_nothing_remote(
    qtbot: Any, store: Store, pixel_server: tuple[str, _Recorder]
) -> None:
    from newsdesk.ui.pdf_export import PdfPrinter

    base, recorder = pixel_server
    article = _hostile_article(store, base)
    page = print_page(article, store.media_path)
    assert f'content="{PAGE_CSP}"' in page
    printer = PdfPrinter()
    with qtbot.waitSignal(printer.finished, timeout=60_000) as done:
        printer.print_html(page)
    qtbot.wait(500)
    assert recorder.seen() == []
    pdf = bytes(done.args[0])
    assert pdf.startswith(b"%PDF")
    from pypdf import PdfReader

    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
    assert "Fin du texte." in text
    assert f"{base}/photo.gif" in text.replace("\n", "")  # named on paper, not fetched
