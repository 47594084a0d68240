"""An unexpected exception in the window: logged with its traceback, the article saved,
one sentence that says so (one box, however often it happens), and newsdesk goes on."""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QMessageBox

from newsdesk import logs
from newsdesk.app import install_error_hook
from newsdesk.paths import Paths
from newsdesk.storage.store import Store
from newsdesk.ui.error_hook import ErrorHook
from newsdesk.ui.main_window import MainWindow
from tests.gui.conftest import type_text

# pytest-qt would take the exception for itself and fail the test: here it is the
# window's own hook that must catch it.
pytestmark = [pytest.mark.gui, pytest.mark.webengine, pytest.mark.qt_no_exception_capture]

TITLE = "Tillabéri : la route rouverte"
BODY = "Les camions passent à nouveau — « enfin », dit un chauffeur."


class Boom(RuntimeError):
    pass


@pytest.fixture
def hooked(window: MainWindow, paths: Paths) -> Iterator[ErrorHook]:
    handler = logs.log_to_data_folder(paths, logging.INFO)
    hook = install_error_hook(window, paths)
    yield hook
    hook.uninstall()
    logs.stop_logging(handler)


def raise_in_a_slot() -> None:
    raise Boom("a slot that fails")


def test_an_exception_in_a_slot_is_logged_and_said_and_the_article_is_saved(
    qtbot: Any, window: MainWindow, hooked: ErrorHook, paths: Paths, store: Store
) -> None:
    window.editor.title.setFocus()
    type_text(window.editor.title, TITLE)
    window.editor.body.setFocus()
    type_text(window.editor.body, BODY)
    assert window.is_dirty()

    QTimer.singleShot(0, raise_in_a_slot)
    qtbot.waitUntil(lambda: hooked.box is not None and hooked.box.isVisible(), timeout=5000)

    box = hooked.box
    assert box is not None
    assert not box.isModal()
    assert box.text() == (
        "Une erreur inattendue s’est produite, mais votre article est enregistré et "
        "newsdesk continue\u00a0: vous pouvez reprendre votre travail."
    )
    assert str(logs.log_file(paths)) in box.informativeText()
    # The window is still there and still takes typing.
    assert window.isVisible()
    type_text(window.editor.body, " Fin.")
    assert window.editor.current().body == BODY + " Fin."
    # The words typed before the error are in the store.
    stored = store.get(window.editor.base().id)
    assert (stored.title, stored.body) == (TITLE, BODY)
    text = logs.log_file(paths).read_text("utf-8")
    assert "ERROR newsdesk.ui.error_hook: unexpected error in the window" in text
    assert "in raise_in_a_slot" in text
    assert "Boom: a slot that fails" in text


def test_an_error_that_repeats_keeps_one_box_that_counts(
    qtbot: Any, window: MainWindow, hooked: ErrorHook
) -> None:
    for _ in range(3):
        QTimer.singleShot(0, raise_in_a_slot)
    qtbot.waitUntil(lambda: hooked.count == 3, timeout=5000)
    boxes = [b for b in window.findChildren(QMessageBox) if b.objectName() == "UnexpectedErrorBox"]
    assert len(boxes) == 1 and boxes[0].isVisible()
    assert boxes[0].informativeText().startswith("C’est arrivé 3\u00a0fois.")
    # Closed, the box starts counting again from the next error.
    boxes[0].close()
    qtbot.waitUntil(lambda: hooked.count == 0, timeout=5000)
    QTimer.singleShot(0, raise_in_a_slot)
    qtbot.waitUntil(lambda: hooked.count == 1, timeout=5000)
    assert hooked.box is not None and hooked.box.isVisible()
    assert not hooked.box.informativeText().startswith("C’est arrivé")


def test_a_worker_thread_exception_reaches_the_box(
    qtbot: Any, window: MainWindow, hooked: ErrorHook, paths: Paths
) -> None:
    def work() -> None:
        raise Boom("a thread that fails")

    worker = threading.Thread(target=work, name="newsdesk-test-worker")
    worker.start()
    worker.join(5)
    qtbot.waitUntil(lambda: hooked.box is not None and hooked.box.isVisible(), timeout=5000)
    assert window.isVisible()
    text = logs.log_file(paths).read_text("utf-8")
    assert "unexpected error in the thread newsdesk-test-worker" in text
    assert "Boom: a thread that fails" in text
