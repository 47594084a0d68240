"""What the window remembers of itself between sessions: its geometry, the splitters,
the preview shown or hidden and its width, the last article. UI state lives apart from
the settings, in ``paths.ui_state`` (an INI file)."""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QByteArray, QObject, QSettings, QTimer

# The window this room works for is ``ui.main_window.MainWindow``; it is typed ``Any``
# here because naming it would make an import cycle (the window imports every room).
MainWindow = Any

log = logging.getLogger(__name__)


class WindowState(QObject):
    """Restores and saves the window's geometry and splitters."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.values = QSettings(str(window.context.paths.ui_state), QSettings.Format.IniFormat)
        self.editor_sizes_restored = False

    def restore(self) -> None:
        w, values = self.window, self.values
        geometry = values.value("geometry")
        if isinstance(geometry, QByteArray | bytes) and not w.restoreGeometry(geometry):
            geometry = None
        if not geometry:
            screen = w.screen().availableGeometry() if w.screen() else None
            if screen is not None and screen.width() > 0:
                # First start: most of the screen, since three panes need the room.
                w.resize(int(screen.width() * 0.96), int(screen.height() * 0.94))
                w.move(screen.center() - w.rect().center())
            else:
                w.resize(1480, 900)
        state = values.value("window_state")
        if isinstance(state, QByteArray | bytes):
            w.restoreState(state)
        sizes = _int_list(values.value("main_splitter"))
        if len(sizes) != 3 or not all(sizes):
            width = max(w.width(), 1000)
            sizes = [int(width * 0.2), int(width * 0.44), int(width * 0.36)]
        w.splitter.setSizes(sizes)
        editor_sizes = _int_list(values.value("editor_splitter"))
        self.editor_sizes_restored = len(editor_sizes) == 2 and all(editor_sizes)
        if self.editor_sizes_restored:
            w.editor.splitter.setSizes(editor_sizes)
        if w.setting("preview_width", "desktop") == "mobile":
            w.preview.set_mobile(True)
        if not values.value("preview_visible", True, type=bool):
            w.set_preview_visible(False)

    def save(self) -> None:
        w, values = self.window, self.values
        values.setValue("geometry", w.saveGeometry())
        values.setValue("window_state", w.saveState())
        values.setValue("main_splitter", w.splitter.sizes())
        values.setValue("editor_splitter", w.editor.splitter.sizes())
        values.setValue("preview_visible", w.preview.isVisible())
        values.sync()

    def fit_form_once(self) -> None:
        # The form's height is only known once an article fills it (tag chips
        # wrap) at the window's real size; a size the reporter chose is kept.
        editor = self.window.editor
        if not self.editor_sizes_restored and self.window.isVisible():
            self.editor_sizes_restored = True
            editor.fit_form_automatically = True
            QTimer.singleShot(0, editor.fit_form)

    def remember_preview_width(self, mobile: bool) -> None:
        wanted = "mobile" if mobile else "desktop"
        if self.window.setting("preview_width", "desktop") != wanted:
            try:
                self.window.context.settings.set("preview_width", wanted)
            except Exception:
                log.warning("could not remember the preview width")


def _int_list(value: object) -> list[int]:
    if isinstance(value, list | tuple):
        try:
            return [int(v) for v in value]
        except (TypeError, ValueError):
            return []
    return []


__all__ = ["WindowState"]
