"""Fichier ▸ Sauvegarder tout… and Fichier ▸ Restaurer une sauvegarde… in the real window:
the archive written from one data folder comes back in a window on another."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog, QMessageBox

from newsdesk.core.article import Article
from newsdesk.paths import Paths
from newsdesk.storage import archive
from newsdesk.storage.store import Store
from newsdesk.ui.backup_actions import BackupActions
from newsdesk.ui.main_window import MainWindow
from tests.gui.conftest import WindowFactory

pytestmark = [pytest.mark.gui]


def _backups(window: MainWindow) -> BackupActions:
    actions = getattr(window, "backups", None)
    assert isinstance(actions, BackupActions)
    return actions


def _box(qtbot, window: MainWindow, title: str) -> QMessageBox:
    qtbot.waitUntil(
        lambda: (
            (box := getattr(window, "backups", None)) is not None
            and box.box is not None
            and box.box.isVisible()
            and box.box.windowTitle() == title
        ),
        timeout=20000,
    )
    box = _backups(window).box
    assert box is not None
    return box


def _save_as(monkeypatch, target: Path) -> list[str]:
    asked: list[str] = []

    def save_as(_parent, title, suggested, file_filter):
        asked.extend([title, suggested, file_filter])
        return str(target), file_filter

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_as)
    return asked


def _open(monkeypatch, source: Path) -> None:
    monkeypatch.setattr(
        QFileDialog, "getOpenFileName", lambda *_args: (str(source), "Sauvegardes newsdesk (*.zip)")
    )


def test_the_file_menu_offers_both(window: MainWindow) -> None:
    file_menu = window.menuBar().actions()[0].menu()
    texts = [a.text() for a in file_menu.actions()]
    assert "&Sauvegarder tout…" in texts
    assert texts.index("Restaurer une sau&vegarde…") == texts.index("&Sauvegarder tout…") + 1


def test_back_up_in_one_window_restore_in_another(
    qtbot, lavrov: Article, window: MainWindow, tmp_path: Path, monkeypatch
) -> None:
    asked = _save_as(monkeypatch, tmp_path / "cle-usb" / "tout")  # typed without .zip
    (tmp_path / "cle-usb").mkdir()
    window.backup_action.trigger()
    box = _box(qtbot, window, "Sauvegarde écrite")
    saved = tmp_path / "cle-usb" / "tout.zip"
    assert saved.is_file()
    assert asked[1].endswith(".zip") and "*.zip" in asked[2]
    assert str(saved) in box.text() and "trousseau" in box.text()
    box.close()

    other = Paths(tmp_path / "new-laptop").ensure()
    factory = WindowFactory(qtbot, other)
    try:
        fresh = factory.open()
        _open(monkeypatch, saved)
        fresh.restore_backup_action.trigger()
        # An empty store: nothing to ask, restored, then newsdesk closes to reopen it.
        box = _box(qtbot, fresh, "Sauvegarde restaurée")
        assert "rouvrez-le" in box.text()
        assert not fresh.editor.isEnabled()
        box.button(QMessageBox.StandardButton.Ok).click()
        qtbot.waitUntil(lambda: not fresh.isVisible(), timeout=10000)
    finally:
        factory.close_all()
    with Store.open(other) as store:
        (summary,) = store.list_articles()
        restored = store.get(summary.id)
        assert restored.content_equals(lavrov)
        assert restored.featured_image is not None
        assert store.media_path(restored.featured_image.path).is_file()


def test_restoring_over_articles_asks_first(
    qtbot, lavrov: Article, window: MainWindow, tmp_path: Path, monkeypatch
) -> None:
    _save_as(monkeypatch, tmp_path / "save.zip")
    window.backup_action.trigger()
    _box(qtbot, window, "Sauvegarde écrite").close()
    before = window.context.paths.database.stat().st_mtime_ns

    _open(monkeypatch, tmp_path / "save.zip")
    window.restore_backup_action.trigger()
    question = _box(qtbot, window, "Remplacer les articles ?")
    labels = sorted(b.text() for b in question.buttons())
    assert labels == ["Annuler", "Remplacer"]
    cancel = next(b for b in question.buttons() if b.text() == "Annuler")
    cancel.click()
    qtbot.waitUntil(lambda: not question.isVisible())
    assert window.editor.isEnabled() and window.isVisible()
    assert window.context.paths.database.stat().st_mtime_ns == before
    assert not list(window.context.paths.backups.glob("before-restore-*"))


def test_a_damaged_archive_is_refused_in_a_sentence(
    qtbot, window: MainWindow, tmp_path: Path, monkeypatch
) -> None:
    cut = tmp_path / "cut.zip"
    cut.write_bytes(b"PK\x03\x04 la moitie d'un fichier")
    _open(monkeypatch, cut)
    window.restore_backup_action.trigger()
    box = _box(qtbot, window, "Restauration impossible")
    assert box.text() == (
        "Cette sauvegarde est endommagée ou incomplète (fichier tronqué\u202f?)\u00a0: "
        "rien n’a été restauré."
    )
    box.close()
    assert window.editor.isEnabled()


def test_remplacer_puts_the_old_store_aside_and_restores(
    qtbot, tmp_path: Path, monkeypatch
) -> None:
    old = Paths(tmp_path / "old-laptop").ensure()
    with Store.open(old) as store:
        store.create(Article(title="Sur l’ancien ordinateur", body="Texte."))
        archive.write_archive(old, tmp_path / "save.zip")
    here = Paths(tmp_path / "new-laptop").ensure()
    with Store.open(here) as store:
        store.create(Article(title="Écrit ici entre-temps", body="Texte."))
    factory = WindowFactory(qtbot, here)
    try:
        window = factory.open()
        _open(monkeypatch, tmp_path / "save.zip")
        window.restore_backup_action.trigger()
        question = _box(qtbot, window, "Remplacer les articles ?")
        next(b for b in question.buttons() if b.text() == "Remplacer").click()
        box = _box(qtbot, window, "Sauvegarde restaurée")
        assert "before-restore-" in box.text()
        box.button(QMessageBox.StandardButton.Ok).click()
        qtbot.waitUntil(lambda: not window.isVisible(), timeout=10000)
    finally:
        factory.close_all()
    with Store.open(here) as store:
        assert [s.title for s in store.list_articles()] == ["Sur l’ancien ordinateur"]
    (aside,) = here.backups.glob("before-restore-*")
    assert (aside / "newsdesk.sqlite3").is_file()


def test_a_store_still_open_elsewhere_is_not_swapped(
    qtbot, lavrov: Article, window: MainWindow, store: Store, tmp_path: Path, monkeypatch
) -> None:
    """``store`` is another program's connection (the command line's): refused, the
    window stays, its articles with it."""
    archive.write_archive(window.context.paths, tmp_path / "save.zip")
    _open(monkeypatch, tmp_path / "save.zip")
    window.restore_backup_action.trigger()
    question = _box(qtbot, window, "Remplacer les articles ?")
    next(b for b in question.buttons() if b.text() == "Remplacer").click()
    box = _box(qtbot, window, "Restauration impossible")
    assert box.text().startswith("Les articles sont encore ouverts ailleurs")
    assert window.editor.isEnabled()
    assert store.get(lavrov.id).content_equals(lavrov)
    box.close()
