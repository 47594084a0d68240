"""What the window does by itself once the store is open."""

from __future__ import annotations

import gc
from typing import Any

from PySide6.QtCore import QSettings

from newsdesk.app import build_main_window, make_context
from newsdesk.core.article import Article
from newsdesk.paths import Paths
from newsdesk.storage.archive import DAILY_GLOB
from newsdesk.storage.store import Store
from tests.gui.conftest import WindowFactory, type_text


def test_start_up_makes_a_backup_of_the_store(
    qtbot: Any, windows: WindowFactory, paths: Paths
) -> None:
    windows.open()
    # The daily archive (store, photos, settings), made on a thread of its own.
    qtbot.waitUntil(lambda: any(paths.backups.glob(DAILY_GLOB)), timeout=20000)


def test_start_up_freezes_what_it_built(qtbot: Any, windows: WindowFactory) -> None:
    # Objects made while starting are moved out of the collector's way, so a full
    # collection while typing does not walk them all (it stalled typing ~50 ms).
    gc.unfreeze()  # an earlier test's window may have frozen objects already
    assert gc.get_freeze_count() == 0
    windows.open()
    qtbot.waitUntil(lambda: gc.get_freeze_count() > 10000, timeout=10000)


def test_the_last_article_and_its_preview_come_before_the_store_opens(
    qtbot: Any, windows: WindowFactory, paths: Paths, store: Store, lavrov: Article
) -> None:
    # What the window needs in its first second is one article: read without the
    # store's libraries, shown with its preview, and only then the store opens.
    state = QSettings(str(paths.ui_state), QSettings.Format.IniFormat)
    state.setValue("last_article", lavrov.id)
    state.sync()
    window = build_main_window(make_context(paths))
    windows.windows.append(window)
    events: list[tuple[str, str]] = []
    window.article_opened.connect(lambda article_id: events.append((article_id, window.db.state)))
    window.live_preview.preview_updated.connect(
        lambda _generation: events.append(("preview", window.db.state))
    )
    with qtbot.waitSignal(window.store_ready, timeout=15000):
        window.show()
    assert events[:2] == [(lavrov.id, "opening"), ("preview", "opening")]
    assert window.editor.title.text() == lavrov.title
    # The store took over: what is typed now is saved as ever.
    type_text(window.editor.body, " Ajouté.")
    assert window.flush()
    assert store.get(lavrov.id).revision == lavrov.revision + 1
    assert "Ajouté." in store.get(lavrov.id).body


def test_words_typed_before_the_store_opens_are_saved_once_it_does(
    qtbot: Any, windows: WindowFactory, paths: Paths, store: Store, lavrov: Article
) -> None:
    state = QSettings(str(paths.ui_state), QSettings.Format.IniFormat)
    state.setValue("last_article", lavrov.id)
    state.sync()
    window = build_main_window(make_context(paths))
    windows.windows.append(window)
    qtbot.waitUntil(lambda: window.editor.base().id == lavrov.id, timeout=10000)
    assert window.db.state == "opening"  # held until the preview is complete
    type_text(window.editor.body, "Tôt le matin. ")
    with qtbot.waitSignal(window.store_ready, timeout=15000):
        window.show()
    qtbot.waitUntil(lambda: "Tôt le matin." in store.get(lavrov.id).body, timeout=10000)
    assert store.get(lavrov.id).revision == lavrov.revision + 1
