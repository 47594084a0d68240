"""Fixtures for driving the real window: offscreen Qt, real WebEngine, a real SQLite store."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

# QtWebEngine must be imported, and contexts shared, before pytest-qt creates the QApplication.
import PySide6.QtWebEngineWidgets  # noqa: F401
import pytest
from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget

from newsdesk import services
from newsdesk.app import build_main_window, make_context
from newsdesk.core.article import Article
from newsdesk.credentials import SessionCredentialStore
from newsdesk.paths import Paths
from newsdesk.storage.store import Store
from newsdesk.ui.main_window import MainWindow
from newsdesk.ui.refcounts import reserve_singleton_references

QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_ShareOpenGLContexts)
QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_DisableShaderDiskCache)
# As the window's start does (newsdesk.app.create_application): a long test session
# emits far more signals than PySide6 6.12 leaves references for.
reserve_singleton_references()

pytestmark = [pytest.mark.gui]


def type_text(widget: QWidget, text: str, pause: Callable[[], None] | None = None) -> None:
    """Type ``text`` key by key, as a keyboard would, accents and all.

    ``QTest.keyClicks`` aborts the process on é, à, —, ’ or €; a key event
    carrying the character as its text goes through the same path as a real
    keyboard and is safe.
    """
    for ch in text:
        if ch == "\n":
            key, chars = Qt.Key.Key_Return, "\r"
        else:
            key, chars = Qt.Key.Key_unknown, ch
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(
                widget, QKeyEvent(kind, key, Qt.KeyboardModifier.NoModifier, chars)
            )
        if pause is not None:
            pause()


def read_dom(qtbot: Any, window: MainWindow, script: str, timeout: int = 5000) -> Any:
    """Evaluate ``script`` in the preview's page and return its value."""
    box: list[Any] = []
    window.preview.run_js(script, box.append)
    qtbot.waitUntil(lambda: bool(box), timeout=timeout)
    return box[0]


def wait_dom(qtbot: Any, window: MainWindow, script: str, predicate: Callable[[Any], bool]) -> Any:
    """Poll the page until ``predicate(value of script)`` holds; return that value."""
    seen: list[Any] = []

    def check() -> bool:
        value = read_dom(qtbot, window, script)
        seen.append(value)
        return predicate(value)

    qtbot.waitUntil(check, timeout=10000)
    return seen[-1]


class WindowFactory:
    """Opens windows on one data folder, and closes them (saving) at the end."""

    def __init__(self, qtbot: Any, paths: Paths) -> None:
        self.qtbot = qtbot
        self.paths = paths
        self.windows: list[MainWindow] = []

    def open(self, credentials: Any = None) -> MainWindow:
        """A window on the folder; ``credentials`` is its password store from the very
        start (the window drains the outbox as soon as the store opens)."""
        context = make_context(
            self.paths, credentials=None if credentials is None else lambda: credentials
        )
        window = build_main_window(context)
        # Links clicked in the preview must never reach a real browser from a test.
        window.preview.page._open_url = lambda url: None
        self.windows.append(window)
        with self.qtbot.waitSignal(window.store_ready, timeout=15000):
            window.show()
        self.qtbot.waitUntil(lambda: window.preview.loaded, timeout=15000)
        return window

    def close_all(self) -> None:
        for window in self.windows:
            if window.isVisible():
                window.close()
            window.context.db.stop()
            window.deleteLater()
        self.windows.clear()
        # Delete now, in Qt's order (a web page before its profile), rather than
        # leave it to the interpreter's exit.
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


@pytest.fixture
def windows(qtbot: Any, paths: Paths) -> Iterator[WindowFactory]:
    factory = WindowFactory(qtbot, paths)
    yield factory
    factory.close_all()


@pytest.fixture
def window(windows: WindowFactory) -> MainWindow:
    return windows.open()


@pytest.fixture
def store(paths: Paths) -> Iterator[Store]:
    """A second Store on the same database: what the command line would see."""
    with Store.open(paths) as opened:
        yield opened


@pytest.fixture
def lavrov_md(fixtures_dir: Path) -> Path:
    return fixtures_dir / "lavrov" / "article.md"


@pytest.fixture
def lavrov(store: Store, lavrov_md: Path) -> Article:
    """The seed article, imported into the store."""
    return services.import_file(store, lavrov_md)


@pytest.fixture
def credentials() -> SessionCredentialStore:
    """Passwords for this test only, in memory (never the keyring)."""
    return SessionCredentialStore()
