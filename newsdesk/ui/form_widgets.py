"""Two widgets of the article's form: the tags as chips, and the featured image's drop zone."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import (
    QStringListModel,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QMouseEvent, QPixmap
from PySide6.QtWidgets import (
    QCompleter,
    QFileDialog,
    QFrame,
    QLabel,
    QLineEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from newsdesk.ui.flow_layout import FlowLayout


class TagChips(QWidget):
    """Tags as removable chips, with a line that completes from the store's tags."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._tags: list[str] = []
        self.entry = QLineEdit(self)
        self.entry.setObjectName("TagEntry")
        self.entry.setPlaceholderText(self.tr("Ajouter un tag…"))
        self.entry.setMinimumWidth(120)
        self._model = QStringListModel(self)
        self.completer = QCompleter(self._model, self)
        self.completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.entry.setCompleter(self.completer)
        self.entry.returnPressed.connect(self._commit_entry)
        self.completer.activated.connect(self._on_completed)
        # Chips wrap onto a second line rather than widening the form.
        self._flow = FlowLayout(self)
        self._flow.addWidget(self.entry)

    def set_known_tags(self, tags: list[str]) -> None:
        if self._model.stringList() != tags:  # a reset would close an open completion list
            self._model.setStringList(tags)

    def tags(self) -> list[str]:
        return list(self._tags)

    def set_tags(self, tags: list[str]) -> None:
        self._tags = []
        self._rebuild()
        for tag in tags:
            self._add(tag, notify=False)

    def add_tag(self, tag: str) -> None:
        self._add(tag, notify=True)

    def remove_tag(self, tag: str) -> None:
        if tag in self._tags:
            self._tags.remove(tag)
            self._rebuild()
            self.changed.emit()

    def _add(self, tag: str, notify: bool) -> None:
        tag = " ".join(tag.split()).strip(",")
        if not tag or tag.casefold() in (t.casefold() for t in self._tags):
            return
        self._tags.append(tag)
        self._rebuild()
        if notify:
            self.changed.emit()

    def _on_completed(self, text: str) -> None:
        self._add(text, notify=True)
        # The completer writes the chosen text into the line after this signal:
        # clear it on the next turn of the event loop, once that is done.
        QTimer.singleShot(0, self.entry.clear)

    def _commit_entry(self) -> None:
        for part in self.entry.text().split(","):
            self._add(part, notify=True)
        self.entry.clear()

    def _rebuild(self) -> None:
        while self._flow.count() > 1:
            item = self._flow.takeAt(0)
            widget = item.widget() if item else None
            if widget is not None:
                widget.deleteLater()
        for tag in self._tags:
            chip = QToolButton(self)
            chip.setObjectName("TagChip")
            chip.setText(f"{tag}  ×")
            chip.setToolTip(self.tr("Retirer le tag « %1 »").replace("%1", tag))
            chip.clicked.connect(lambda _=False, t=tag: self.remove_tag(t))
            self._flow.insert_chip(chip)


class ImageDropZone(QFrame):
    """Drop a photo here, or click to choose one. Shows a thumbnail at the site's 675x240."""

    file_chosen = Signal(Path)
    THUMB_W, THUMB_H = 225, 80

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ImageDropZone")
        self.setAcceptDrops(True)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setFixedSize(self.THUMB_W + 8, self.THUMB_H + 8)
        self.label = QLabel(self)
        self.label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.label.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.label)
        self.show_image(None)

    def show_image(self, path: Path | None) -> None:
        pixmap = QPixmap(str(path)) if path else QPixmap()
        if pixmap.isNull():
            self.label.setPixmap(QPixmap())
            self.label.setText(self.tr("Photo : déposez une image ici ou cliquez pour choisir"))
        else:
            self.label.setPixmap(
                pixmap.scaled(
                    self.THUMB_W,
                    self.THUMB_H,
                    Qt.AspectRatioMode.KeepAspectRatioByExpanding,
                    Qt.TransformationMode.SmoothTransformation,
                ).copy(0, 0, self.THUMB_W, self.THUMB_H)
            )

    def show_busy(self) -> None:
        self.label.setPixmap(QPixmap())
        self.label.setText(self.tr("Import de la photo…"))

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        urls = event.mimeData().urls()
        if len(urls) == 1 and urls[0].isLocalFile():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        urls = event.mimeData().urls()
        if urls and urls[0].isLocalFile():
            event.acceptProposedAction()
            self.file_chosen.emit(Path(urls[0].toLocalFile()))

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            name, _ = QFileDialog.getOpenFileName(
                self,
                self.tr("Choisir la photo"),
                "",
                self.tr("Images (*.jpg *.jpeg *.png *.webp *.gif)"),
            )
            if name:
                self.file_chosen.emit(Path(name))


__all__ = ["ImageDropZone", "TagChips"]
