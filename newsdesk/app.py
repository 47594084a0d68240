"""The window's start: builds the context (``newsdesk.context``, shared with the
command line), adds the window's database lane, and builds the window.

Nothing else creates a window. Tests build their own ``Context`` with
``make_context`` and a temporary data folder; there are no global singletons to
reset between them.

Start-up is kept short on purpose: the window is shown before the database
is opened (SQLAlchemy alone costs half a second to import), the store opens on
the database worker's thread and the window fills in when it answers.
"""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from newsdesk.context import Context, build_context
from newsdesk.memory import return_free_memory
from newsdesk.paths import Paths
from newsdesk.priority import lower_this_thread

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication

    from newsdesk.ui.main_window import MainWindow

log = logging.getLogger(__name__)

APP_NAME = "newsdesk"
ORG_NAME = "newsdesk"
TRANSLATIONS_DIR = Path(__file__).resolve().parent.parent / "resources" / "translations"


def make_context(
    paths: Paths, settings: Any = None, credentials: Callable[[], Any] | None = None
) -> Context:
    """The context of ``newsdesk.context``, with the window's database lane added.
    The store opens on the database worker, not on the caller's thread."""
    from newsdesk.ui.tasks import DbWorker

    context = build_context(paths, settings, credentials)
    # Not started here: the window starts it once it listens. Starting it
    # earlier was measured: the window then showed ~80 ms later (the import
    # of SQLAlchemy competes for the interpreter) and the preview no sooner.
    context.db = DbWorker(lambda: _open_store_for_window(context))
    return context


def _open_store_for_window(context: Context) -> Any:
    """The store, on the database worker; with it, the modules the window's first
    answers need (where the article stands on its sites, the outbox's states): once
    the store has opened, the window's own thread would otherwise import them
    (~50 ms) while it fills the list and the form."""
    store = context.open_store()
    import newsdesk.storage.article_sites
    import newsdesk.sync.outbox
    import newsdesk.sync.sites  # noqa: F401

    return store


def build_main_window(context: Context) -> MainWindow:
    """The main window on ``context``; starts the database worker if it is not running."""
    from newsdesk.ui.main_window import MainWindow

    window = MainWindow(context)
    window.store_ready.connect(lambda: _housekeeping(context))
    _settle_memory_when_shown(window)
    return window


#: With the preview hidden (no page to wait for), how long after an article opens
#: its memory is settled.
SETTLE_WITHOUT_PREVIEW_MS = 1500


def _settle_memory_when_shown(window: MainWindow) -> None:
    """After start-up and after an article opens (moments with no typing), settle
    Python's memory: collect, then freeze what survives so that a full collection
    later walks only young objects. Without it, one full collection while typing
    into a long article stalled the UI thread ~50 ms (benchmarks).

    It waits for the preview of that article to be on screen: run as soon as the
    article opened, the collection (30-45 ms at start-up) held up the preview's
    render on the other thread, and start-up, which opens an article as the store
    answers, settled twice in a row.
    """
    from PySide6.QtCore import QTimer

    fallback = QTimer(window)
    fallback.setSingleShot(True)
    fallback.setInterval(SETTLE_WITHOUT_PREVIEW_MS)
    armed = [False]

    def arm() -> None:
        armed[0] = True
        fallback.start()

    def settle() -> None:
        if armed[0]:
            armed[0] = False
            fallback.stop()
            _settle_memory()

    window.store_ready.connect(arm)
    window.article_opened.connect(lambda _id: arm())
    fallback.timeout.connect(settle)
    # A turn of the event loop later: the page that just loaded gets painted first.
    # Given the timer as its context: dropped if the window is deleted meanwhile.
    window.live_preview.preview_updated.connect(
        lambda _generation: QTimer.singleShot(0, fallback, settle)
    )


def _settle_memory() -> None:
    import gc

    # What an earlier settling froze goes back to the collector first: frozen objects
    # are never collected, so freezing at every article opened would keep each
    # article's dead cycles forever (the articles a reporter opens in a day).
    gc.unfreeze()
    gc.collect()
    gc.freeze()
    return_free_memory()


def _housekeeping(context: Context) -> None:
    """Thin old autosave revisions on the database worker, then make the daily backup
    on a thread of its own, so that the reporter's saves never wait for it."""
    from newsdesk.ui.tasks import Lane

    def housekeeping(store: Any) -> Any:
        from newsdesk import services  # on the worker: the window's thread never waits for it

        return services.housekeeping(store, archive=False)

    def failed(error: BaseException) -> None:
        # Housekeeping failing (a full disk) must not disturb writing: log it only.
        log.warning("housekeeping failed: %s", error)

    def back_up(_done: Any) -> None:
        from newsdesk import services

        # A daemon thread: an archive cut short by closing newsdesk is cleaned up by
        # the next one (storage/archive.py), and the window never waits for it.
        lane = Lane("backup", 1)

        def finished(outcome: Any) -> None:
            if isinstance(outcome, BaseException):
                failed(outcome)
            lane.stop(0)  # its one thread ends

        # Compressed at the lowest priority (newsdesk/priority.py), once the store's copy
        # is taken: the copy itself keeps the store open and goes at the usual pace, so
        # that a restore asked meanwhile finds the store free as soon as it did before.
        lane.run(
            lambda: services.daily_backup(context.paths, after_snapshot=lower_this_thread),
            finished,
            finished,
        )

    context.db.submit(housekeeping, back_up, failed)


def configure_webengine_environment() -> None:
    """Chromium refuses to run as root with its sandbox; root is common on kiosks and CI.

    Only then is the sandbox turned off: an ordinary user keeps it.
    """
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        os.environ.setdefault("QTWEBENGINE_DISABLE_SANDBOX", "1")


def make_pdf(html: str) -> bytes:
    """The PDF of the print page ``html`` (``newsdesk.formats.pdf_page``), printed by
    QtWebEngine (``newsdesk.ui.pdf_export``). The entry point hands it to the command
    line, as it hands it the window: the command line never imports Qt. QtWebEngine
    missing (or a system library it needs) is ``PdfExportFailed``."""
    from newsdesk.core.errors import PdfExportFailed

    configure_webengine_environment()
    try:
        from newsdesk.ui.refcounts import reserve_singleton_references

        reserve_singleton_references()
        from newsdesk.ui import pdf_export
    except ImportError as error:
        raise PdfExportFailed(PdfExportFailed.ENGINE, str(error)) from error
    return pdf_export.make_pdf(html)


def ui_language(settings: Any) -> str:
    """``fr`` or ``en``: the setting, or (``system``, the default) the system's locale:
    English when it is English, French otherwise."""
    try:
        value = settings.get("ui_language")
    except Exception:
        value = None
    if value in ("fr", "en"):
        return str(value)
    from PySide6.QtCore import QLocale

    return "en" if QLocale.system().language() == QLocale.Language.English else "fr"


def install_translator(app: QApplication, language: str) -> list[Any]:
    """Install the UI's translations: newsdesk's own (French is the source language
    and needs none) and Qt's, so that its standard buttons and dialogs (Annuler,
    Oui, the file chooser) speak the same language as the rest of the window.

    Returns the installed translators (so a caller can remove them again).
    """
    from PySide6.QtCore import QLibraryInfo, QTranslator

    installed: list[Any] = []
    if language != "fr":
        translator = QTranslator(app)
        if not translator.load(f"newsdesk_{language}", str(TRANSLATIONS_DIR)):
            log.warning("no %s translation found in %s", language, TRANSLATIONS_DIR)
            return []
        app.installTranslator(translator)
        installed.append(translator)
    qt_translator = QTranslator(app)
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if qt_translator.load(f"qtbase_{language}", qt_dir):
        app.installTranslator(qt_translator)
        installed.append(qt_translator)
    return installed


def lighten_pyside_import_check() -> None:
    """Make PySide's check of each module imported after it cheap and forgetful.

    PySide (6.12) looks, after every import, for the word "PySide6" in the new
    module's source (for its optional ``__feature__`` switches) through
    ``inspect.getsource``, which keeps every line of every module in ``linecache``:
    ~20 MiB for the store's libraries, the renderer and the window, and about a
    third more time to import them (SQLAlchemy's 0.24 s became 0.34 s). The same
    question answered from the file's bytes, kept nowhere, gives the same answer
    (newsdesk uses no ``__feature__``). Left alone if PySide's internals differ.
    """
    import sys

    feature = sys.modules.get("PySide6.support.feature")
    if feature is None or not callable(getattr(feature, "_mod_uses_pyside", None)):
        return

    def mod_uses_pyside(module: object) -> bool:
        path = getattr(module, "__file__", None)
        if not isinstance(path, str) or not path.endswith(".py"):
            return False  # as PySide's own check: no source, no PySide
        try:
            with open(path, "rb") as handle:
                return b"PySide6" in handle.read()
        except OSError:
            return False

    setattr(feature, "_mod_uses_pyside", mod_uses_pyside)  # noqa: B010 (PySide private name)


#: How long a thread keeps Python's lock when another wants it (``create_application``).
SWITCH_INTERVAL_S = 0.001


def create_application(argv: list[str] | None = None) -> QApplication:
    from newsdesk.ui.refcounts import reserve_singleton_references

    reserve_singleton_references()  # before any signal is emitted: see ui/refcounts.py
    # The interface thread waits for Python's lock whenever a worker thread holds it (a
    # save's word count and SQLAlchemy, a render): 5 ms at a time by default, several
    # times a frame. 1 ms hands it back sooner (measured: see benchmarks, « stall »).
    sys.setswitchinterval(SWITCH_INTERVAL_S)
    configure_webengine_environment()
    # QtWebEngine must be imported before the QApplication exists.
    import PySide6.QtWebEngineWidgets  # noqa: F401

    lighten_pyside_import_check()
    from PySide6.QtCore import QCoreApplication, Qt
    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QApplication

    from newsdesk.resources import resources_dir

    QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_ShareOpenGLContexts)
    # Qt would keep a shader cache in ~/.cache/newsdesk: every file newsdesk
    # writes belongs under the data folder (--data-dir), and this one saves little.
    QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_DisableShaderDiskCache)
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(argv or sys.argv)
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(ORG_NAME)
    app.setApplicationDisplayName("newsdesk")
    app.setWindowIcon(QIcon(str(resources_dir() / "icons" / "newsdesk-256.png")))
    return app


def _report_start_up_and_quit(app: QApplication, window: MainWindow) -> None:
    """For ``python -m benchmarks``: print when the window showed, its list filled and
    its preview was complete (the page of the article it opened loaded); then quit.

    Wall-clock times (``time.time()``), so that the benchmark can count from
    before this process started, interpreter start-up included.
    """
    import time

    from PySide6.QtCore import QTimer

    stamps: dict[str, float] = {}
    # The first turn of the event loop after show(): the window has been exposed and painted.
    QTimer.singleShot(0, lambda: stamps.setdefault("shown", time.time()))

    def stamp(name: str) -> None:
        stamps.setdefault(name, time.time())
        if "listed" in stamps and "previewed" in stamps:
            now = time.time()
            shown = stamps.get("shown", now)
            print(
                f"newsdesk-start-up shown={shown:.6f} listed={stamps['listed']:.6f}"
                f" previewed={stamps['previewed']:.6f}",
                flush=True,
            )
            app.quit()

    window.library.refreshed.connect(lambda: stamp("listed"))
    window.live_preview.preview_updated.connect(lambda _generation: stamp("previewed"))
    window.store_failed.connect(app.quit)


def say_no_display() -> int | None:
    """With no display to open a window on (``newsdesk.display``), one line on stderr
    in the reporter's language and the command line's failure code; else None.

    Asked before Qt is loaded: Qt's own answer is an English paragraph and an abort."""
    from newsdesk.display import missing_display

    missing = missing_display()
    if missing is None:
        return None
    from newsdesk.cli.output import EXIT_FAILURE, PROG
    from newsdesk.words import language_from_environment, words_for
    from newsdesk.words.start import no_display

    _kind, display = missing
    sys.stderr.write(f"{PROG}: {no_display(words_for(language_from_environment()), display)}\n")
    return EXIT_FAILURE


def install_error_hook(window: MainWindow, paths: Paths) -> Any:
    """Unexpected exceptions of the window and its threads: logged, the article saved,
    one sentence shown, newsdesk still running (``newsdesk.ui.error_hook``)."""
    from newsdesk.logs import log_file
    from newsdesk.ui.error_hook import ErrorHook

    hook = ErrorHook(window, str(log_file(paths)))
    hook.install()
    return hook


def run_gui(paths: Paths) -> int:
    """Open the window on the data folder ``paths`` and run until it closes."""
    refused = say_no_display()
    if refused is not None:
        return refused
    from newsdesk import logs

    # Before Qt and the window are built: what they log while starting is kept too.
    logs.log_to_data_folder(paths, logging.INFO)
    app = create_application()
    context = make_context(paths)
    language = ui_language(context.settings)
    install_translator(app, language)
    from PySide6.QtCore import QLocale

    QLocale.setDefault(
        QLocale(QLocale.Language.English if language == "en" else QLocale.Language.French)
    )
    window = build_main_window(context)
    hook = install_error_hook(window, paths)
    window.show()
    if os.environ.get("NEWSDESK_BENCH_EXIT_AFTER_SHOWN"):
        _report_start_up_and_quit(app, window)
    code = app.exec()
    # Quit without the window closing (the session ends, a benchmark's quit): the
    # page due to be kept for the next start-up is kept all the same.
    window.live_preview.keep_now()
    hook.uninstall()
    context.db.stop()
    # Delete the window now, children in Qt's order (each web page before its
    # profile), instead of in whatever order the interpreter's exit chooses.
    window.deleteLater()
    from PySide6.QtCore import QCoreApplication, QEvent

    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    return int(code)
