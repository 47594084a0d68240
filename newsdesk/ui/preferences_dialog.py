"""Édition ▸ « Préférences… »: the interface's language, what a new article starts
with (signature, source, lieu), the autosave's interval and the editor's text size, and
where the data folder is.

Saved through the window's Settings object on « Enregistrer »; the window follows the
changes it can follow at once (``MainWindow._on_setting_changed``: the autosave, the
text size). The language is read once, at start (``newsdesk.app.ui_language``): the
dialog says so. New articles take their defaults from the settings
(``services.new_article``). The spelling settings have their own dialog, one button
away (« Orthographe… »).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from newsdesk.core.errors import InvalidSettingValue
from newsdesk.settings import DECLARED, Settings
from newsdesk.ui.dialog_buttons import action_and_cancel
from newsdesk.ui.messages import describe_error

log = logging.getLogger(__name__)

# The text fields of a new article's defaults, in the form's order.
DEFAULT_FIELDS = ("default_byline", "default_source", "default_dateline")


class PreferencesDialog(QDialog):
    """The reporter's preferences, worded for a reporter."""

    def __init__(
        self,
        settings: Settings,
        data_folder: Path,
        show_spelling: Callable[[], None] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("PreferencesDialog")
        self.setWindowTitle(self.tr("Préférences"))
        self.settings = settings
        self.data_folder = data_folder
        self._show_spelling = show_spelling

        layout = QVBoxLayout(self)
        layout.addWidget(self._language_box())
        layout.addWidget(self._new_article_box())
        layout.addWidget(self._editor_box())
        layout.addWidget(self._folder_box())
        self.error = QLabel(self)
        self.error.setObjectName("PreferencesError")
        self.error.setWordWrap(True)
        self.error.setVisible(False)
        layout.addWidget(self.error)
        buttons, self.save_button = action_and_cancel(self, self.tr("Enregistrer"), self.save)
        if show_spelling is not None:
            self.spelling_button = QPushButton(self.tr("Orthographe…"), self)
            self.spelling_button.clicked.connect(self.open_spelling)
            # Left of the box's own buttons: a way elsewhere, not an answer to this dialog.
            buttons.addButton(self.spelling_button, buttons.ButtonRole.ResetRole)
        layout.addWidget(buttons)

    # -- the parts -----------------------------------------------------------------------

    def _language_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Langue de l’interface"), self)
        self.language = QComboBox(box)
        for value, label in (
            ("system", self.tr("Celle du système")),
            ("fr", "Français"),  # each language named in itself, as everywhere
            ("en", "English"),
        ):
            self.language.addItem(label, value)
        self.language.setCurrentIndex(
            max(0, self.language.findData(str(self.settings.get("ui_language"))))
        )
        note = QLabel(
            self.tr("Un changement de langue prend effet au prochain démarrage de newsdesk."),
            box,
        )
        note.setWordWrap(True)
        inner = QVBoxLayout(box)
        inner.addWidget(self.language)
        inner.addWidget(note)
        return box

    def _new_article_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Pour chaque nouvel article"), self)
        form = QFormLayout(box)
        labels = {
            "default_byline": self.tr("Signature"),
            "default_source": self.tr("Source"),
            "default_dateline": self.tr("Lieu"),
        }
        placeholders = {
            "default_byline": self.tr("votre nom, comme le site l’imprime"),
            "default_source": self.tr("par exemple le nom du site"),
            "default_dateline": self.tr("votre ville"),
        }
        self.defaults: dict[str, QLineEdit] = {}
        for name in DEFAULT_FIELDS:
            field = QLineEdit(str(self.settings.get(name)), box)
            field.setObjectName(name)
            field.setPlaceholderText(placeholders[name])
            form.addRow(labels[name], field)
            self.defaults[name] = field
        return box

    def _editor_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Éditeur"), self)
        form = QFormLayout(box)
        autosave = DECLARED["autosave_seconds"]
        self.autosave = QSpinBox(box)
        self.autosave.setRange(autosave.minimum or 1, autosave.maximum or 60)
        self.autosave.setSuffix(self.tr("\u00a0s"))
        self.autosave.setValue(int(self.settings.get("autosave_seconds")))
        form.addRow(self.tr("Enregistrer au moins toutes les"), self.autosave)
        size = DECLARED["editor_font_size"]
        self.font_size = QSpinBox(box)
        self.font_size.setRange(size.minimum or 0, size.maximum or 48)
        # 0 is the setting's « the system's size »: the box says it in words.
        self.font_size.setSpecialValueText(self.tr("celle du système"))
        self.font_size.setSuffix(self.tr("\u00a0points"))
        self.font_size.setValue(int(self.settings.get("editor_font_size")))
        form.addRow(self.tr("Taille du texte"), self.font_size)
        return box

    def _folder_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Dossier des données"), self)
        self.folder_label = QLabel(str(self.data_folder), box)
        self.folder_label.setObjectName("DataFolder")
        self.folder_label.setWordWrap(True)
        self.folder_label.setTextInteractionFlags(
            self.folder_label.textInteractionFlags().TextSelectableByMouse
        )
        note = QLabel(
            self.tr(
                "Les articles, les images, les sauvegardes et le journal (logs) y sont "
                "gardés. Sauvegardez-le de temps en temps sur une clé."
            ),
            box,
        )
        note.setWordWrap(True)
        self.open_folder_button = QPushButton(self.tr("Ouvrir le dossier"), box)
        self.open_folder_button.clicked.connect(self.open_folder)
        row = QHBoxLayout()
        row.addWidget(self.folder_label, 1)
        row.addWidget(self.open_folder_button)
        inner = QVBoxLayout(box)
        inner.addLayout(row)
        inner.addWidget(note)
        return box

    # -- the buttons -----------------------------------------------------------------------

    def open_folder(self) -> None:
        """The data folder in the system's file manager."""
        if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.data_folder))):
            self._say(self.tr("Le dossier n’a pas pu être ouvert : son chemin est ci-dessus."))

    def open_spelling(self) -> None:
        if self._show_spelling is not None:
            self._show_spelling()

    def wanted(self) -> dict[str, object]:
        """The values on screen, by setting name."""
        values: dict[str, object] = {
            "ui_language": str(self.language.currentData()),
            "autosave_seconds": self.autosave.value(),
            "editor_font_size": self.font_size.value(),
        }
        for name, field in self.defaults.items():
            values[name] = field.text().strip()
        return values

    def save(self) -> None:
        """Write what changed; the window follows what it can at once."""
        try:
            for name, value in self.wanted().items():
                self.settings.set(name, value)
        except InvalidSettingValue as error:  # the boxes keep to the bounds: not expected
            log.warning("preference refused: %s", error)
            self._say(describe_error(error))
            return
        except OSError:
            log.exception("preferences not saved")
            self._say(
                self.tr(
                    "Les préférences n’ont pas pu être enregistrées sur le disque "
                    "(plein, ou en lecture seule ?)."
                )
            )
            return
        self.accept()

    def _say(self, text: str) -> None:
        self.error.setText(text)
        self.error.setVisible(True)


__all__ = ["PreferencesDialog"]
