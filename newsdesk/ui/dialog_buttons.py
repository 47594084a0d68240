"""The buttons at the foot of newsdesk's small dialogs: their action, and « Annuler »."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QPushButton


def action_and_cancel(
    dialog: QDialog, action: str, on_action: Callable[[], None]
) -> tuple[QDialogButtonBox, QPushButton]:
    """The dialog's action button (Enter runs ``on_action``) and « Annuler » (Escape
    closes it): the box to lay out, and the action's button (to disable while it runs)."""
    buttons = QDialogButtonBox(dialog)
    button = buttons.addButton(action, QDialogButtonBox.ButtonRole.AcceptRole)
    buttons.addButton(
        QCoreApplication.translate("dialogs", "Annuler"), QDialogButtonBox.ButtonRole.RejectRole
    )
    buttons.accepted.connect(on_action)
    buttons.rejected.connect(dialog.reject)
    return buttons, button
