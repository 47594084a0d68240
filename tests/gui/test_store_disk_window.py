"""The real window on a full disk, a read-only disk and a locked store, and beside the
command line on the same store: one French sentence, the words typed kept on screen
and saved by themselves once the disk has room, and the library following the
articles the command line imports.

The data folder lives on a small tmpfs the test mounts (root only; skipped otherwise).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PIL import Image
from PySide6.QtWidgets import QMessageBox

from newsdesk.paths import Paths
from newsdesk.storage.sites import insert_site
from newsdesk.storage.store import Store
from newsdesk.ui import save_controller, store_watch
from newsdesk.ui.main_window import MainWindow
from newsdesk.ui.save_controller import SaveState
from tests.e2e.small_disk import SmallDisk, locked, small_disk
from tests.e2e.test_store_disk import newsdesk

from .conftest import WindowFactory, type_text

FULL = "Le disque est plein\u00a0: rien n’a été écrit, et votre texte reste à l’écran."


@pytest.fixture
def disk(tmp_path: Path) -> Iterator[SmallDisk]:
    with small_disk(tmp_path, megabytes=24) as mounted:
        yield mounted


@pytest.fixture
def paths(disk: SmallDisk) -> Paths:
    return Paths(disk.home).ensure()


@pytest.fixture
def quick_retry(monkeypatch: pytest.MonkeyPatch) -> None:
    # The window tries a failed save again after SAVE_RETRY_MS (10 s): shortened here.
    monkeypatch.setattr(save_controller, "SAVE_RETRY_MS", 300)


def stored_body(paths: Paths, article_id: str) -> str:
    with Store.open(paths) as reader:
        return reader.get(article_id).body


def test_a_full_disk_keeps_the_words_and_saves_them_once_there_is_room(
    qtbot: Any, disk: SmallDisk, paths: Paths, quick_retry: None, windows: WindowFactory
) -> None:
    window = windows.open()
    window.editor.body.setFocus()
    type_text(window.editor.body, "Le fleuve a atteint la cote d’alerte.")
    qtbot.waitUntil(lambda: window.saver.state == SaveState.SAVED, timeout=10000)
    article_id = window.editor.base().id

    disk.fill()
    typed = " Les habitants de Kirkissoye quittent leurs maisons." * 400
    window.editor.body.insert_text(typed)  # a long passage: more than the disk can take
    qtbot.waitUntil(lambda: window.saver.state == SaveState.FAILED, timeout=10000)
    assert FULL in window.statusBar().currentMessage()
    assert window.status_line.state_label.text() == "Échec de l’enregistrement"
    # « Enregistrer » (Ctrl+S) says the same, and nothing is lost.
    window.save_now()
    qtbot.waitUntil(lambda: window.saver.state == SaveState.FAILED, timeout=10000)
    assert FULL in window.statusBar().currentMessage()
    whole = "Le fleuve a atteint la cote d’alerte." + typed
    assert window.editor.body.toPlainText() == whole
    assert stored_body(paths, article_id) == "Le fleuve a atteint la cote d’alerte."

    # A photo on a full disk: refused in one sentence, the text untouched.
    photo = disk.mount.parent / "fleuve.png"
    Image.effect_noise((500, 400), 80).convert("RGB").save(photo)
    window.articles.import_featured_image(photo)
    qtbot.waitUntil(lambda: getattr(window, "error_box", None) is not None, timeout=10000)
    box: QMessageBox = window.error_box
    assert "Le disque est plein" in box.text()
    box.close()
    assert window.editor.body.toPlainText() == whole

    disk.free()  # by itself: no key pressed, the next try saves
    qtbot.waitUntil(lambda: window.saver.state == SaveState.SAVED, timeout=10000)
    assert stored_body(paths, article_id) == whole
    assert disk.integrity() == "ok"


def test_a_read_only_store_opens_the_window_and_says_so(
    qtbot: Any, disk: SmallDisk, paths: Paths, windows: WindowFactory, tmp_path: Path
) -> None:
    article = tmp_path / "crue.md"
    article.write_text("---\ntitle: Crue à Niamey\n---\nLe fleuve monte.\n", encoding="utf-8")
    assert newsdesk(disk.home, "import", str(article)).returncode == 0
    disk.read_only()
    context_window = _open_failing(qtbot, windows)
    box = context_window.error_box
    assert box.objectName() == "StoreErrorBox"
    assert "Le dossier des articles est en lecture seule" in box.text()
    assert not context_window.editor.isEnabled()  # nothing typed that could not be kept
    box.close()
    disk.read_only(False)
    assert disk.integrity() == "ok"


def _open_failing(qtbot: Any, windows: WindowFactory) -> MainWindow:
    from newsdesk.app import build_main_window, make_context

    window = build_main_window(make_context(windows.paths))
    window.preview.page._open_url = lambda url: None
    windows.windows.append(window)
    with qtbot.waitSignal(window.store_failed, timeout=15000):
        window.show()
    return window


def test_a_locked_store_keeps_the_words_and_saves_them_once_free(
    qtbot: Any, disk: SmallDisk, paths: Paths, quick_retry: None, windows: WindowFactory
) -> None:
    window = windows.open()
    window.editor.body.setFocus()
    type_text(window.editor.body, "Premier jet.")
    qtbot.waitUntil(lambda: window.saver.state == SaveState.SAVED, timeout=10000)
    article_id = window.editor.base().id
    with locked(paths.database):
        type_text(window.editor.body, " Le ministre arrive à Niamey.")
        qtbot.waitUntil(lambda: window.saver.state == SaveState.FAILED, timeout=15000)
        assert "verrouillés par un autre programme" in window.statusBar().currentMessage()
        assert window.editor.body.toPlainText() == "Premier jet. Le ministre arrive à Niamey."
    qtbot.waitUntil(lambda: window.saver.state == SaveState.SAVED, timeout=15000)
    assert stored_body(paths, article_id) == "Premier jet. Le ministre arrive à Niamey."


def test_the_command_line_beside_the_window(
    qtbot: Any,
    disk: SmallDisk,
    paths: Paths,
    windows: WindowFactory,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(store_watch, "CHECK_MS", 500)
    with Store.open(paths) as setting_up:  # a site nobody answers for: publish only queues
        insert_site(
            setting_up,
            name="actu",
            kind="wordpress",
            site_url="http://127.0.0.1:9/",
            api_root="http://127.0.0.1:9/wp-json/",
            username="reporter",
            user_id=2,
            display_name="Reporter",
            roles=["author"],
            can_publish=True,
        )
    window = windows.open()
    window.editor.body.setFocus()
    type_text(window.editor.body, "Dépêche de la fenêtre.")
    qtbot.waitUntil(lambda: window.saver.state == SaveState.SAVED, timeout=10000)
    article_id = window.editor.base().id
    # The window's own saves never make the library ask again (its list would jump).
    asked = window.library._generation
    type_text(window.editor.body, " Suite.")
    qtbot.waitUntil(lambda: window.saver.state == SaveState.SAVED, timeout=10000)
    qtbot.wait(4 * store_watch.CHECK_MS)
    assert window.library._generation == asked

    imported_ids = []
    for n in range(3):
        source = tmp_path / f"depeche-{n}.md"
        source.write_text(
            f"---\ntitle: Dépêche {n} du terminal\ncategory: Société\nbyline: Aïssa Moussa\n"
            f"---\nLe fleuve a atteint la cote d’alerte à Niamey, dépêche {n}.\n",
            encoding="utf-8",
        )
        # The window saves at the same time as the command line writes.
        type_text(window.editor.body, f" Ajout {n}.")
        window.save_now()
        done = newsdesk(disk.home, "import", str(source))
        assert done.returncode == 0, done.stderr
        assert "locked" not in done.stderr and "verrouill" not in done.stderr
        imported_ids.append(done.stdout.split()[0])
        listed = newsdesk(disk.home, "list")
        assert listed.returncode == 0 and f"Dépêche {n} du terminal" in listed.stdout
        exported = newsdesk(
            disk.home, "export", imported_ids[-1], "-o", str(tmp_path / f"out-{n}.md")
        )
        assert exported.returncode == 0, exported.stderr
        queued = newsdesk(disk.home, "publish", imported_ids[-1], "--queue-only")
        assert queued.returncode == 0, queued.stderr
        assert "En attente d’envoi." in queued.stderr

    # The library shows what the command line imported, at its next look at the store.
    def titles() -> list[str]:
        return [row.title for row in window.library.model.rows]

    qtbot.waitUntil(lambda: all(f"Dépêche {n} du terminal" in titles() for n in range(3)))
    qtbot.waitUntil(lambda: window.saver.state == SaveState.SAVED, timeout=10000)
    whole = "Dépêche de la fenêtre. Suite. Ajout 0. Ajout 1. Ajout 2."
    assert stored_body(paths, article_id) == whole
    with Store.open(paths) as reader:
        assert reader.count_articles() == 4
    for article in imported_ids:  # each queued publish is in the outbox, none lost
        status = newsdesk(disk.home, "status", article)
        assert status.returncode == 0 and status.stdout.startswith("actu"), status
    assert disk.integrity() == "ok"
