"""The PDF export's printer: the print page (``newsdesk.formats.pdf_page``) laid out for
A4 and printed by QtWebEngine, Chromium's own printing.

The page is loaded in a page of its own, hardened as the preview is (no JavaScript, a
private off-the-record profile whose interceptor lets nothing but ``file:`` and
``data:`` through): the article's images come from the store's media folder, and an
image pasted from the web is not fetched. ``PdfPrinter`` answers with signals, for the
window; ``make_pdf`` waits for it, for the command line, and starts a display-less
(offscreen) application when there is none. Failures are ``PdfExportFailed``.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QCoreApplication,
    QEventLoop,
    QLibraryInfo,
    QMarginsF,
    QMessageLogContext,
    QObject,
    QTemporaryDir,
    QTimer,
    QtMsgType,
    QUrl,
    Signal,
    qInstallMessageHandler,
)
from PySide6.QtGui import QPageLayout, QPageSize

from newsdesk.core.errors import PdfExportFailed
from newsdesk.ui.preview import SET_HTML_LIMIT, locked_down_page

log = logging.getLogger(__name__)

#: Long enough for a 20,000-word article on a slow laptop (it takes a few seconds).
TIMEOUT_MS = 120_000


#: The page's margins in millimetres (left, top, right, bottom): room for a pen on the
#: sides. QtWebEngine takes the layout's margins, not the stylesheet's ``@page`` ones.
MARGINS_MM = (22.0, 18.0, 22.0, 20.0)


def a4_layout() -> QPageLayout:
    """A4, portrait, with ``MARGINS_MM``."""
    return QPageLayout(
        QPageSize(QPageSize.PageSizeId.A4),
        QPageLayout.Orientation.Portrait,
        QMarginsF(*MARGINS_MM),
        QPageLayout.Unit.Millimeter,
    )


class PdfPrinter(QObject):
    """Prints one page at a time to PDF bytes; ``finished(bytes)`` or ``failed(error)``."""

    finished = Signal(object)
    failed = Signal(object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        # The page's holder is made before the profile so that Qt, which deletes
        # children in creation order, deletes the page first: a profile must outlive
        # its pages.
        self._pages = QObject(self)
        self._profile, self.interceptor, self.page = locked_down_page(self, self._pages)
        self.page.loadFinished.connect(self._loaded)
        self.page.renderProcessTerminated.connect(self._render_process_ended)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(lambda: self._fail("the page did not print in time"))
        self._busy = False
        self._folder: QTemporaryDir | None = None

    def print_html(self, html: str, timeout_ms: int = TIMEOUT_MS) -> None:
        """Lay ``html`` out and print it; the answer comes as a signal."""
        if self._busy:
            raise RuntimeError("PdfPrinter prints one page at a time")
        self._busy = True
        self._timer.start(timeout_ms)
        data = html.encode("utf-8")
        if len(data) < SET_HTML_LIMIT:
            # file:/// as the base: the page may show the store's images (file: URLs).
            self.page.setHtml(html, QUrl("file:///"))
            return
        # setHtml goes through a data: URL, which Chromium caps at 2 MB.
        self._folder = QTemporaryDir()
        target = Path(self._folder.path()) / "article.html"
        target.write_bytes(data)
        url = QUrl.fromLocalFile(str(target))
        self.page.allowed_file = url
        self.page.load(url)

    def _loaded(self, ok: bool) -> None:
        if not self._busy:
            return
        if not ok:
            self._fail("the page did not load")
            return
        self.page.printToPdf(self._printed, a4_layout())

    def _printed(self, data: Any) -> None:
        if not self._busy:
            return
        pdf = bytes(data.data()) if hasattr(data, "data") else bytes(data)
        if not pdf.startswith(b"%PDF"):
            self._fail("QtWebEngine printed nothing")
            return
        self._done()
        self.finished.emit(pdf)

    def _render_process_ended(self, status: Any, code: int) -> None:
        self._fail(f"the page's process ended ({getattr(status, 'name', status)}, {code})")

    def _fail(self, detail: str) -> None:
        if not self._busy:
            return
        self._done()
        # Info, not a warning: the caller words the failure; a warning would also reach
        # a terminal through logging's last resort, in English.
        log.info("PDF export failed: %s", detail)
        self.failed.emit(PdfExportFailed(PdfExportFailed.PRINT, detail))

    def _done(self) -> None:
        self._busy = False
        self._timer.stop()
        if self._folder is not None:
            self._folder.remove()
            self._folder = None


# --- The command line ---------------------------------------------------------------------


def make_pdf(html: str, timeout_ms: int = TIMEOUT_MS) -> bytes:
    """The PDF of the print page ``html``, waiting for it (the command line's way).

    Without an application (the command line) one is started offscreen: nothing is
    shown, so no display is needed. Raises ``PdfExportFailed``.
    """
    _check_engine()
    app = _application()
    printer = PdfPrinter()
    loop = QEventLoop()
    outcome: dict[str, Any] = {}

    def finished(pdf: bytes) -> None:
        outcome["pdf"] = pdf
        loop.quit()

    def failed(error: PdfExportFailed) -> None:
        outcome["error"] = error
        loop.quit()

    printer.finished.connect(finished)
    printer.failed.connect(failed)
    try:
        printer.print_html(html, timeout_ms)
        if not outcome:
            loop.exec()
    finally:
        _dispose(printer, app)
    if "error" in outcome:
        raise outcome["error"]
    return bytes(outcome["pdf"])


_APPLICATION: list[Any] = []


def _application() -> QCoreApplication:
    existing = QCoreApplication.instance()
    if existing is not None:
        return existing
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication

    # Nothing is shown: offscreen whatever the session has (a terminal over ssh has
    # no display, and Qt aborts when the one it is told to use is not there). No GPU
    # is needed to print, and Chromium's and Qt's own chatter (no GPU, no D-Bus) would
    # bury the command's one line: it goes to the log.
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    _utf8_locale()
    flags = os.environ.get("QTWEBENGINE_CHROMIUM_FLAGS", "")
    os.environ["QTWEBENGINE_CHROMIUM_FLAGS"] = f"{flags} --disable-gpu --log-level=3".strip()
    qInstallMessageHandler(_to_log)
    QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_ShareOpenGLContexts)
    QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_DisableShaderDiskCache)
    app = QGuiApplication(["newsdesk"])
    _APPLICATION.append(app)  # kept for the process's life: Qt wants one, once
    return app


def _utf8_locale() -> None:
    """Qt (and its page process) switch a locale that is not UTF-8 to C.UTF-8 and say
    so in four lines on stderr; a command's output is its own line. The switch is made
    here, quietly. The command's words were chosen already, from LANG."""
    import locale

    try:
        locale.setlocale(locale.LC_ALL, "")
        utf8 = locale.nl_langinfo(locale.CODESET).upper().replace("-", "") == "UTF8"
    except (locale.Error, AttributeError):  # a LANG naming a locale not installed
        utf8 = False
    if not utf8:
        os.environ["LC_ALL"] = "C.UTF-8"


def _to_log(kind: QtMsgType, _context: QMessageLogContext, message: str) -> None:
    # What Qt says while printing is for a developer's log, never for the terminal.
    log.debug("Qt (%s): %s", getattr(kind, "name", kind), message)


def _check_engine() -> None:
    """Refuse before Qt aborts the process: QtWebEngine cannot run without its helper
    program. Checked where its place is known (the one configured, or Linux's wheel
    layout); elsewhere Qt finds it in its bundle."""
    import sys

    configured = os.environ.get("QTWEBENGINE_PROCESS_PATH")
    if configured:
        helper = Path(configured)
    elif sys.platform.startswith("linux"):
        folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.LibraryExecutablesPath)
        helper = Path(folder) / "QtWebEngineProcess"
    else:
        return
    if not helper.is_file():
        raise PdfExportFailed(PdfExportFailed.ENGINE, f"{helper} is missing")


def _dispose(printer: PdfPrinter, app: QCoreApplication) -> None:
    # The page, then its profile, are deleted while the application runs: left to the
    # interpreter's exit they would be deleted after Qt is gone.
    from PySide6.QtCore import QEvent

    printer.deleteLater()
    app.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)


__all__ = ["PdfPrinter", "a4_layout", "make_pdf"]
