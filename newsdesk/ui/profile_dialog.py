"""« Règles de publication du site »: the desk's content profile for one site.

What an article needs before it is published there directly (``core.profile``): the
fields required, the length bounds (0: no bound), the markers that must not be left,
and which checks count. « Règles recommandées » fills in the site's usual article.
Read and saved on the database worker; a value the profile refuses is said in the
dialog, and nothing is saved.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from newsdesk.core.profile import DEFAULT_MARKERS, RECOMMENDED, ContentProfile
from newsdesk.ui.dialog_buttons import action_and_cancel
from newsdesk.ui.messages import describe_error

if TYPE_CHECKING:
    from newsdesk.ui.tasks import DbWorker


class ProfileDialog(QDialog):
    """The rules of ``site``; ``saved`` carries the new profile once it is stored."""

    saved = Signal(object)

    def __init__(self, db: DbWorker, site: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ProfileDialog")
        self.setWindowTitle(self.tr("Règles de publication : %1").replace("%1", site))
        self.db = db
        self.site = site
        intro = QLabel(
            self.tr(
                "Ce qu’un article doit avoir pour être publié directement sur ce site. "
                "Un article incomplet peut toujours être soumis pour relecture."
            ),
            self,
        )
        intro.setWordWrap(True)

        def box(text: str) -> QCheckBox:
            return QCheckBox(text, self)

        def number(maximum: int, suffix: str) -> QSpinBox:
            spin = QSpinBox(self)
            spin.setRange(0, maximum)
            spin.setSuffix(suffix)
            spin.setSpecialValueText(self.tr("aucune"))
            return spin

        chars, words = self.tr(" caractères"), self.tr(" mots")
        self.fields: dict[str, Any] = {
            "require_standfirst": box(self.tr("Chapeau")),
            "require_category": box(self.tr("Rubrique")),
            "require_featured_image": box(self.tr("Photo d’en-tête")),
            "require_caption": box(self.tr("Légende de la photo")),
            "require_credit": box(self.tr("Crédit de la photo")),
            "require_alt": box(self.tr("Texte alternatif de la photo")),
            "min_tags": number(50, ""),
            "title_min": number(1000, chars),
            "title_max": number(1000, chars),
            "standfirst_min": number(5000, chars),
            "standfirst_max": number(5000, chars),
            "min_body_words": number(100_000, words),
            "check_images": box(self.tr("Aucune image introuvable")),
            "check_links": box(self.tr("Aucun lien sans adresse")),
            "check_spelling": box(self.tr("Aucune faute d’orthographe signalée")),
            "check_grammar": box(self.tr("Aucune faute de grammaire signalée")),
        }
        self.markers = QLineEdit(self)
        self.markers.setPlaceholderText(", ".join(DEFAULT_MARKERS))  # the same in English
        form = QFormLayout()
        required = QVBoxLayout()
        for name in (
            "require_standfirst",
            "require_category",
            "require_featured_image",
            "require_caption",
            "require_credit",
            "require_alt",
        ):
            required.addWidget(self.fields[name])
        form.addRow(self.tr("Obligatoires"), required)
        form.addRow(self.tr("Tags, au moins"), self.fields["min_tags"])
        form.addRow(self.tr("Titre, au moins"), self.fields["title_min"])
        form.addRow(self.tr("Titre, au plus"), self.fields["title_max"])
        form.addRow(self.tr("Chapeau, au moins"), self.fields["standfirst_min"])
        form.addRow(self.tr("Chapeau, au plus"), self.fields["standfirst_max"])
        form.addRow(self.tr("Texte, au moins"), self.fields["min_body_words"])
        form.addRow(self.tr("Marques à ne pas laisser"), self.markers)
        checks = QVBoxLayout()
        for name in ("check_images", "check_links", "check_spelling", "check_grammar"):
            checks.addWidget(self.fields[name])
        form.addRow(self.tr("Vérifications"), checks)
        self.error = QLabel(self)
        self.error.setObjectName("ProfileError")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #a11;")
        self.error.hide()
        buttons, self.save_button = action_and_cancel(self, self.tr("Enregistrer"), self.save)
        recommended = buttons.addButton(
            self.tr("Règles recommandées"), QDialogButtonBox.ButtonRole.ResetRole
        )
        recommended.clicked.connect(lambda: self.show_profile(RECOMMENDED))
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.save_button.setEnabled(False)
        from newsdesk.storage.site_profiles import site_profile

        self.db.submit(
            lambda store: site_profile(store, site), self._loaded, self._failed, owner=self
        )

    def _loaded(self, profile: ContentProfile) -> None:
        self.show_profile(profile)
        self.save_button.setEnabled(True)

    def show_profile(self, profile: ContentProfile) -> None:
        for name, value in profile.to_dict().items():
            widget = self.fields.get(name)
            if isinstance(widget, QCheckBox):
                widget.setChecked(bool(value))
            elif isinstance(widget, QSpinBox):
                widget.setValue(int(value))
        self.markers.setText(", ".join(profile.markers))

    def profile(self) -> ContentProfile:
        """The profile the form shows (``InvalidSettingValue`` for a wrong one)."""
        values: dict[str, Any] = {}
        for name, widget in self.fields.items():
            values[name] = widget.isChecked() if isinstance(widget, QCheckBox) else widget.value()
        values["markers"] = [m.strip() for m in self.markers.text().split(",") if m.strip()]
        return ContentProfile.from_dict(values)

    def save(self) -> None:
        from newsdesk.core.errors import NewsdeskError
        from newsdesk.storage.site_profiles import set_site_profile

        try:
            profile = self.profile()
        except NewsdeskError as error:
            self._failed(error)
            return
        self.save_button.setEnabled(False)
        self.db.submit(
            lambda store: set_site_profile(store, self.site, profile),
            self._saved,
            self._failed,
            owner=self,
        )

    def _saved(self, profile: ContentProfile) -> None:
        self.saved.emit(profile)
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self.save_button.setEnabled(True)
        self.error.setText(describe_error(error))
        self.error.show()


__all__ = ["ProfileDialog"]
