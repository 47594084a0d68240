"""Fichier ▸ Sauvegarder tout… and Fichier ▸ Restaurer une sauvegarde…: the archive of
``newsdesk.storage.archive``, made and brought back through the database worker.

Why a restore ends with newsdesk closing rather than the window reopening the store in
place: more than the database worker holds the store. The outbox runner has a Store of
its own on its network lane, the article on screen carries its revision, the library
its list, the publish button the sites' cached terms. Swapping the file under all of
them is how an old article gets saved into the restored store, or an upload's outcome
written into the wrong one. So the window saves the article on screen, stops the
outbox (its Store closes), and the database worker closes its Store before the files
are swapped; no save can follow (the form is disabled); then the reporter is told to
start newsdesk again, and the window closes. The next start opens the restored store
the normal way, migrations included.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QFileDialog, QMessageBox

from newsdesk.ui.messages import window_words
from newsdesk.words import Face

# The window this room works for is ``ui.main_window.MainWindow``; typed ``Any``
# because naming it would make an import cycle (the window imports every room).
MainWindow = Any


class BackupActions(QObject):
    """Sauvegarder tout… and Restaurer une sauvegarde…, for the window."""

    # The archive written (its ArchiveInfo); the restore done (its Restored); either
    # failed (the error, shown already).
    backed_up = Signal(object)
    restored = Signal(object)
    failed = Signal(object)

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.db = window.db
        self.paths = window.context.paths
        # The box on screen (tests read and answer it).
        self.box: QMessageBox | None = None

    # -- Sauvegarder tout… ---------------------------------------------------------------

    def backup_all(self) -> None:
        suggested = str(Path.home() / f"newsdesk-{date.today().isoformat()}.zip")
        name, _ = QFileDialog.getSaveFileName(
            self.window,
            self.tr("Sauvegarder tout"),
            suggested,
            self.tr("Sauvegardes newsdesk (*.zip)"),
        )
        if name:
            target = Path(name)
            if target.suffix.lower() != ".zip":
                target = target.with_name(target.name + ".zip")
            self.backup_to(target)

    def backup_to(self, target: Path) -> None:
        from newsdesk.storage import archive

        paths = self.paths
        self.window.flush()
        self.window.statusBar().showMessage(self.tr("Sauvegarde en cours…"))

        def written(info: Any) -> None:
            from newsdesk.words import archive as words

            w = window_words()
            text = words.backup_written(str(info.path), info.files, info.size / 1e6, w)
            self._show(
                QMessageBox.Icon.Information,
                self.tr("Sauvegarde écrite"),
                f"{text}\n\n{w._(words.PASSWORDS)}",
            )
            self.window.statusBar().showMessage(text, 10000)
            self.backed_up.emit(info)

        # On the database lane: its saves and this snapshot take their turns.
        self.db.submit(
            lambda _store: archive.write_archive(paths, target),
            written,
            lambda error: self._failed(self.tr("Sauvegarde impossible"), error),
            owner=self,
        )

    # -- Restaurer une sauvegarde… -------------------------------------------------------

    def restore_backup(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self.window,
            self.tr("Restaurer une sauvegarde"),
            str(Path.home()),
            self.tr("Sauvegardes newsdesk (*.zip);;Tous les fichiers (*)"),
        )
        if name:
            self.restore_from(Path(name))

    def restore_from(self, source: Path) -> None:
        """Check the archive (every file against its SHA-256), then ask before replacing
        articles, then restore."""
        from newsdesk.storage import archive

        paths = self.paths

        def check(_store: Any) -> tuple[Any, bool]:
            return archive.check_archive(source), archive.store_has_articles(paths)

        def checked(result: tuple[Any, bool]) -> None:
            _info, has_articles = result
            if not has_articles:
                self._restore(source)
                return
            box = QMessageBox(
                QMessageBox.Icon.Warning,
                self.tr("Remplacer les articles ?"),
                self.tr(
                    "Ce dossier contient déjà des articles. Les remplacer par ceux de la "
                    "sauvegarde\u202f? Ceux d’aujourd’hui sont d’abord mis de côté dans le "
                    "dossier des sauvegardes."
                ),
                parent=self.window,
            )
            box.setObjectName("RestoreReplaceBox")
            replace = box.addButton(self.tr("Remplacer"), QMessageBox.ButtonRole.DestructiveRole)
            cancel = box.addButton(self.tr("Annuler"), QMessageBox.ButtonRole.RejectRole)
            box.setDefaultButton(cancel)
            box.setEscapeButton(cancel)

            def answered(_result: int) -> None:
                if box.clickedButton() is replace:
                    self._restore(source)

            box.finished.connect(answered)
            self.box = box
            box.open()

        self.db.submit(
            check,
            checked,
            lambda error: self._failed(self.tr("Restauration impossible"), error),
            owner=self,
        )

    def _restore(self, source: Path) -> None:
        from newsdesk.storage import archive

        window = self.window
        paths = self.paths
        if not window.flush():
            # Restoring now would lose what is on screen: it stays, and so does the store.
            self._show(
                QMessageBox.Icon.Warning,
                self.tr("Restauration impossible"),
                self.tr(
                    "L’article à l’écran n’a pas pu être enregistré\u00a0: rien n’a été "
                    "restauré. Enregistrez-le (ou réglez le conflit), puis recommencez."
                ),
            )
            return
        # Nothing typed from now on may be saved into the restored store.
        window.editor.setEnabled(False)
        window.statusBar().showMessage(self.tr("Restauration en cours…"))
        # The outbox's own Store on the old file closes before the files are swapped.
        window.outbox.shutdown()

        def restore(store: Any) -> Any:
            store.close()
            return archive.restore_archive(paths, source, replace=True)

        def done(result: Any) -> None:
            from newsdesk.words import archive as words

            w = window_words()
            kept = str(result.kept_aside) if result.kept_aside is not None else None
            text = words.restored(result.info.created_at, result.info.newsdesk_version, kept, w)
            box = self._show(
                QMessageBox.Icon.Information,
                self.tr("Sauvegarde restaurée"),
                text
                + "\n\n"
                + w._(words.PASSWORDS)
                + "\n\n"
                + self.tr(
                    "newsdesk va se fermer\u00a0: rouvrez-le pour retrouver les articles restaurés."
                ),
            )
            box.finished.connect(lambda _result: window.close())
            self.restored.emit(result)

        def failed(error: BaseException) -> None:
            # What was there before is back in place (or was never moved).
            window.editor.setEnabled(True)
            self._failed(self.tr("Restauration impossible"), error)

        self.db.submit(restore, done, failed, owner=self)

    # -- boxes ---------------------------------------------------------------------------

    def _show(self, icon: QMessageBox.Icon, title: str, text: str) -> QMessageBox:
        box = QMessageBox(icon, title, text, parent=self.window)
        box.setObjectName("BackupBox")
        self.box = box
        box.open()
        return box

    def _failed(self, title: str, error: BaseException) -> None:
        from newsdesk.storage.archive import ArchiveError
        from newsdesk.ui.messages import describe_error
        from newsdesk.words import archive as words

        self.window.statusBar().clearMessage()
        if isinstance(error, ArchiveError):
            text = words.describe_archive(
                error.reason, error.detail, error.restoring, window_words(), Face.WINDOW
            )
        else:
            text = describe_error(error)
        self._show(QMessageBox.Icon.Warning, title, text)
        self.failed.emit(error)


def backup_actions(window: MainWindow) -> BackupActions:
    """The window's ``BackupActions``, made at the first use of its menu items."""
    actions = getattr(window, "backups", None)
    if not isinstance(actions, BackupActions):
        actions = BackupActions(window)
        window.backups = actions
    return actions


__all__ = ["BackupActions", "backup_actions"]
