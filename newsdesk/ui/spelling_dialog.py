"""Édition ▸ « Orthographe… »: the underlines on or off, and which French and English
spelling the dictionaries follow (the settings ``spellcheck``, ``french_spelling``,
``english_spelling``).

Saved through the window's Settings object; the window follows its changes
(``MainWindow._on_setting_changed``), so the dictionaries are loaded again and every
line underlined anew as soon as « Enregistrer » is pressed.
"""

from __future__ import annotations

import logging

from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QDialog,
    QGroupBox,
    QLabel,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from newsdesk.settings import Settings
from newsdesk.ui.dialog_buttons import action_and_cancel

log = logging.getLogger(__name__)


class SpellingDialog(QDialog):
    """The three spelling settings, worded for a reporter."""

    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("SpellingDialog")
        self.setWindowTitle(self.tr("Orthographe"))
        self.settings = settings
        self.check = QCheckBox(self.tr("Souligner les fautes d’orthographe et de grammaire"), self)
        self.check.setChecked(bool(settings.get("spellcheck")))
        self.french = self._choice(
            self.tr("Le français"),
            [
                ("classique", self.tr("Orthographe classique")),
                (
                    "reforme1990",
                    self.tr("Réforme de 1990 («\u00a0ognon\u00a0», «\u00a0maitre\u00a0»)"),
                ),
            ],
            str(settings.get("french_spelling")),
        )
        self.english = self._choice(
            self.tr("L’anglais"),
            [("US", self.tr("anglais américain")), ("GB", self.tr("anglais britannique"))],
            str(settings.get("english_spelling")),
        )
        note = QLabel(
            self.tr("Chaque article est vérifié dans sa langue, choisie dans son formulaire."),
            self,
        )
        note.setWordWrap(True)
        self.error = QLabel(self)
        self.error.setWordWrap(True)
        self.error.setVisible(False)
        buttons, self.save_button = action_and_cancel(self, self.tr("Enregistrer"), self.save)
        layout = QVBoxLayout(self)
        layout.addWidget(self.check)
        for group, _buttons in (self.french, self.english):
            layout.addWidget(group)
        layout.addWidget(note)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def _choice(
        self, title: str, options: list[tuple[str, str]], current: str
    ) -> tuple[QGroupBox, QButtonGroup]:
        box = QGroupBox(title, self)
        group = QButtonGroup(box)
        layout = QVBoxLayout(box)
        for value, label in options:
            radio = QRadioButton(label, box)
            radio.setProperty("value", value)
            radio.setChecked(value == current)
            group.addButton(radio)
            layout.addWidget(radio)
        return box, group

    @staticmethod
    def _chosen(choice: tuple[QGroupBox, QButtonGroup]) -> str | None:
        button = choice[1].checkedButton()
        return None if button is None else str(button.property("value"))

    def choose(self, name: str, value: str) -> None:
        """Tick the option ``value`` of ``french_spelling`` or ``english_spelling``."""
        _box, group = self.french if name == "french_spelling" else self.english
        for button in group.buttons():
            if button.property("value") == value:
                button.setChecked(True)

    def save(self) -> None:
        """Write the changed settings; the window reloads its dictionaries on each."""
        wanted: dict[str, object] = {"spellcheck": self.check.isChecked()}
        for name, choice in (("french_spelling", self.french), ("english_spelling", self.english)):
            value = self._chosen(choice)
            if value is not None:
                wanted[name] = value
        try:
            for name, wanted_value in wanted.items():
                self.settings.set(name, wanted_value)
        except OSError:
            log.exception("spelling settings not saved")
            self.error.setText(
                self.tr(
                    "Les réglages n’ont pas pu être enregistrés sur le disque "
                    "(plein, ou en lecture seule ?)."
                )
            )
            self.error.setVisible(True)
            return
        self.accept()
