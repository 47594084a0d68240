"""Fichier ▸ Ouvrir un article du site… : a post of the site, opened to be corrected.

The desk calls: a name is misspelt in yesterday's piece. The reporter pastes the link
(or types the post's number), newsdesk pulls the post into the library — the site's
blocks kept as they are — and opens it. Pushing it back with « Mettre à jour » changes
on the site only what the reporter changed (``newsdesk.publishing.wp_content``).

The pull reads the site and the keyring: it runs on the runner's lane beside the
drains (``OutboxRunner.with_site``), never on the interface thread.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from newsdesk.ui.dialog_buttons import action_and_cancel
from newsdesk.ui.messages import describe_error


def pull_failure(error: BaseException) -> str:
    """Why the post could not be opened, and what to do; nothing was changed."""
    return describe_error(error)


class PullDialog(QDialog):
    """The site and the post's link or number; ``chosen`` carries (site, reference)."""

    chosen = Signal(str, str)

    def __init__(self, site_names: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("PullDialog")
        self.setWindowTitle(self.tr("Ouvrir un article du site"))
        self.site = QComboBox(self)
        for name in site_names:
            self.site.addItem(name, name)
        self.reference = QLineEdit(self)
        self.reference.setPlaceholderText(self.tr("https://… ou 1234"))
        form = QFormLayout()
        form.addRow(self.tr("Site"), self.site)
        form.addRow(self.tr("Lien ou numéro de l’article"), self.reference)
        hint = QLabel(
            self.tr(
                "L’article s’ouvre dans la bibliothèque. Corrigez-le puis « Mettre à jour » : "
                "sur le site, seul ce que vous avez changé changera."
            ),
            self,
        )
        hint.setWordWrap(True)
        self.error = QLabel(self)
        self.error.setObjectName("PullError")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #a11;")
        self.error.hide()
        buttons, self.open_button = action_and_cancel(self, self.tr("Ouvrir"), self._accept)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.resize(520, self.sizeHint().height())

    def _accept(self) -> None:
        reference = self.reference.text().strip()
        if not reference:
            self.show_error(self.tr("Collez le lien de l’article, ou tapez son numéro."))
            return
        self.open_button.setEnabled(False)
        self.error.hide()
        self.chosen.emit(str(self.site.currentData()), reference)

    def show_error(self, text: str) -> None:
        """The pull failed (or the text is empty): say why and let the reporter retry."""
        self.error.setText(text)
        self.error.show()
        self.open_button.setEnabled(True)


def pull_operation(site: str, reference: str) -> Callable[[Any, Any], str]:
    """What the runner's lane does: pull the post, return the article's id."""

    def run(store: Any, publisher_for: Any) -> str:
        from newsdesk.storage import outbox_repo as repo
        from newsdesk.sync.sites import pull_post

        publisher = publisher_for(repo.get_site(store, site).account)
        try:
            number: str | int = int(reference) if reference.isdigit() else reference
            return pull_post(store, publisher, site, number).id
        finally:
            publisher.close()

    return run


class PullFromSite(QObject):
    """The menu action and its flow: the connected sites, the dialog, the pull on the
    runner's lane, then ``pulled`` (the article's id) for the window to open it."""

    pulled = Signal(str)

    def __init__(self, db: Any, runner: Any, parent: QWidget) -> None:
        super().__init__(parent)
        self.db = db
        self.runner = runner
        self.window = parent
        self.dialog: PullDialog | None = None
        self.action = QAction(self.tr("Ouvrir un article du site…"), self)
        self.action.setToolTip(self.tr("Corriger un article déjà en ligne, même écrit sur le site"))
        self.action.triggered.connect(self.ask)

    def ask(self) -> None:
        from newsdesk.sync import sites

        def got(connected: list[Any]) -> None:
            names = [site.name for site in connected]
            if not names:
                QMessageBox.information(
                    self.window,
                    self.tr("Ouvrir un article du site"),
                    self.tr("Aucun site n’est connecté : Fichier ▸ Connecter un site…"),
                )
                return
            self._show(names)

        self.db.submit(sites.list_sites, got, owner=self)

    def _show(self, names: list[str]) -> None:
        dialog = PullDialog(names, self.window)
        self.dialog = dialog

        def closed() -> None:
            self.dialog = None
            dialog.deleteLater()

        def opened(article_id: str) -> None:
            dialog.accept()
            self.pulled.emit(article_id)

        def failed(error: BaseException) -> None:
            dialog.show_error(pull_failure(error))

        def chosen(site: str, reference: str) -> None:
            self.runner.with_site(pull_operation(site, reference), opened, failed, owner=dialog)

        dialog.chosen.connect(chosen)
        dialog.finished.connect(closed)
        dialog.open()


__all__ = ["PullDialog", "PullFromSite", "pull_failure", "pull_operation"]
