"""The saved versions of one article (the library's « Historique »)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)


class HistoryDialog(QDialog):
    """The saved versions of one article; restoring one makes it the newest revision."""

    def __init__(self, revisions: list[Any], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Historique de l’article"))
        self.list = QListWidget(self)
        locale = self.locale()
        for info in revisions:
            when = locale.toString(info.saved_at.astimezone(), "d MMM yyyy HH:mm")
            text = self.tr("Version %1 · %2 · %3 mots · %4")
            text = (
                text.replace("%1", str(info.revision))
                .replace("%2", when)
                .replace("%3", str(info.word_count))
                .replace("%4", info.title or self.tr("(sans titre)"))
            )
            item = QListWidgetItem(text, self.list)
            item.setData(Qt.ItemDataRole.UserRole, info.revision)
        buttons = QDialogButtonBox(self)
        self.restore_button = buttons.addButton(
            self.tr("Restaurer cette version"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        buttons.addButton(QDialogButtonBox.StandardButton.Close)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.list)
        layout.addWidget(buttons)
        self.resize(520, 360)

    def chosen_revision(self) -> int | None:
        item = self.list.currentItem()
        return int(item.data(Qt.ItemDataRole.UserRole)) if item else None


__all__ = ["HistoryDialog"]
