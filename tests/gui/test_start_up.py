"""What the window does by itself once the store is open."""

from __future__ import annotations

import dataclasses
import gc
from typing import Any

from PySide6.QtCore import QSettings

from newsdesk.app import build_main_window, make_context
from newsdesk.core.article import Article
from newsdesk.paths import Paths
from newsdesk.storage.archive import DAILY_GLOB
from newsdesk.storage.store import Store
from tests.gui.conftest import WindowFactory, read_dom, type_text, wait_dom


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


def _open_on(qtbot: Any, windows: WindowFactory, paths: Paths, article_id: str) -> Any:
    """A window on ``paths`` opening ``article_id`` first, with what its preview does
    recorded from the very start: (kind of each render applied, generation)."""
    state = QSettings(str(paths.ui_state), QSettings.Format.IniFormat)
    state.setValue("last_article", article_id)
    state.sync()
    window = build_main_window(make_context(paths))
    windows.windows.append(window)
    applied: list[str] = []
    window.live_preview.render_applied.connect(lambda _generation, kind: applied.append(kind))
    window.applied = applied
    with qtbot.waitSignal(window.store_ready, timeout=15000):
        window.show()
    qtbot.waitUntil(lambda: bool(applied) and window.live_preview.is_idle(), timeout=15000)
    return window


def test_the_page_kept_from_the_last_session_is_shown_and_only_checked(
    qtbot: Any, windows: WindowFactory, paths: Paths, store: Store, lavrov: Article
) -> None:
    first = _open_on(qtbot, windows, paths, lavrov.id)
    assert first.applied[0] == "reload"  # nothing kept yet: rendered, then loaded
    windows.close_all()  # closing keeps the page (it is written a while after it last changed)
    assert paths.first_page.is_file()

    second = _open_on(qtbot, windows, paths, lavrov.id)
    # The kept page was loaded while the window was built; the first render only
    # checked it against the article: a patch (the page unchanged), converting nothing.
    assert second.applied == ["patch"]
    assert second.live_preview._renderer.last_converted == 0
    title = read_dom(qtbot, second, "document.querySelector('h1').textContent")
    assert title.replace("\u00a0", " ") == lavrov.title  # with its no-break space
    # The page takes what is typed as ever.
    type_text(second.editor.body, " Ajouté au matin.")
    wait_dom(qtbot, second, "document.body.innerText", lambda text: "Ajouté au matin." in text)


def test_a_page_kept_of_an_article_changed_since_is_not_shown(
    qtbot: Any, windows: WindowFactory, paths: Paths, store: Store, lavrov: Article
) -> None:
    _open_on(qtbot, windows, paths, lavrov.id)
    windows.close_all()
    assert paths.first_page.is_file()
    # Changed elsewhere meanwhile (the command line, a restored backup...).
    changed = store.save(dataclasses.replace(store.get(lavrov.id), title="Un titre changé"))
    window = _open_on(qtbot, windows, paths, lavrov.id)
    assert window.applied[0] == "reload"
    title = read_dom(qtbot, window, "document.querySelector('h1').textContent")
    assert title == changed.title
