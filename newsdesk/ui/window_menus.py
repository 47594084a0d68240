"""The window's menus and their actions: Fichier, Édition, Affichage, Aide.

The actions are kept on the window (``window.new_action``...), where the rest of the
window and the tests reach them; this module only builds and wires them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence

# The window this room works for is ``ui.main_window.MainWindow``; it is typed ``Any``
# here because naming it would make an import cycle (the window imports every room).
MainWindow = Any


class WindowMenus(QObject):
    """Builds the menu bar of ``window`` and the actions behind it."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self._build()

    def _action(
        self,
        text: str,
        slot: Callable[..., Any],
        shortcut: QKeySequence | QKeySequence.StandardKey | str | None = None,
    ) -> QAction:
        action = QAction(text, self.window)
        action.triggered.connect(slot)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        self.window.addAction(action)
        return action

    def _build(self) -> None:
        w = self.window
        key = QKeySequence.StandardKey
        w.new_action = self._action(self.tr("&Nouvel article"), w.new_article, key.New)
        w.import_action = self._action(self.tr("&Importer…"), w.import_files, key.Open)
        # Fichier ▸ Exporter ▸ one entry per format; Ctrl+E is the Markdown file, as
        # before the other formats came, and the PDF to read on paper is Print's key.
        export = w.articles.export_article
        w.export_actions = {
            "md": self._action(
                self.tr("&Markdown, avec les images…"), lambda: export("md"), "Ctrl+E"
            ),
            "html": self._action(self.tr("Page &HTML…"), lambda: export("html")),
            "ninjs": self._action(self.tr("&ninjs (JSON IPTC)…"), lambda: export("ninjs")),
            "pdf": self._action(
                self.tr("&PDF pour l’impression…"), lambda: export("pdf"), key.Print
            ),
        }
        w.export_action = w.export_actions["md"]
        w.delete_action = self._action(self.tr("Mettre à la &corbeille…"), w.delete_current)
        w.trash_action = self._action(self.tr("Voir la Co&rbeille"), w.library.show_trash)
        w.save_action = self._action(self.tr("&Enregistrer"), w.save_now, key.Save)
        w.quit_action = self._action(self.tr("&Quitter"), w.close, key.Quit)
        file_menu = w.menuBar().addMenu(self.tr("&Fichier"))
        for action in (w.new_action, w.import_action):
            file_menu.addAction(action)
        w.export_menu = file_menu.addMenu(self.tr("&Exporter"))
        for action in w.export_actions.values():
            w.export_menu.addAction(action)
        file_menu.addSeparator()
        file_menu.addAction(w.delete_action)
        file_menu.addAction(w.trash_action)
        file_menu.addSeparator()
        file_menu.addAction(w.publish.connect_site_action)
        file_menu.addAction(w.pull.action)
        # Sauvegarder tout… / Restaurer une sauvegarde… (ui/backup_actions.py, imported
        # at the first use: nothing of it at start-up).

        def backups(name: str) -> Callable[[], None]:
            def run() -> None:
                from newsdesk.ui.backup_actions import backup_actions

                getattr(backup_actions(w), name)()

            return run

        w.backup_action = self._action(self.tr("&Sauvegarder tout…"), backups("backup_all"))
        w.restore_backup_action = self._action(
            self.tr("Restaurer une sau&vegarde…"), backups("restore_backup")
        )
        file_menu.addSeparator()
        file_menu.addAction(w.backup_action)
        file_menu.addAction(w.restore_backup_action)
        file_menu.addSeparator()
        file_menu.addAction(w.save_action)
        file_menu.addSeparator()
        file_menu.addAction(w.quit_action)

        body = w.editor.body
        w.undo_action = self._action(self.tr("&Annuler"), body.undo)
        w.undo_action.setShortcut(QKeySequence(key.Undo))
        w.undo_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        w.redo_action = self._action(self.tr("&Rétablir"), body.redo)
        w.redo_action.setShortcut(QKeySequence(key.Redo))
        w.redo_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        body.undoAvailable.connect(w.undo_action.setEnabled)
        body.redoAvailable.connect(w.redo_action.setEnabled)
        w.undo_action.setEnabled(False)
        w.redo_action.setEnabled(False)
        w.find_action = self._action(self.tr("&Rechercher"), w.focus_search, key.Find)
        w.find_text_action = self._action(
            self.tr("Chercher dans le &texte…"), w.editor.show_find, "Ctrl+Shift+F"
        )
        edit_menu = w.menuBar().addMenu(self.tr("É&dition"))
        for action in (w.undo_action, w.redo_action):
            edit_menu.addAction(action)
        edit_menu.addSeparator()
        edit_menu.addAction(w.find_action)
        edit_menu.addAction(w.find_text_action)
        edit_menu.addSeparator()
        w.typography_action = self._action(self.tr("T&ypographie…"), self.show_typography)
        w.spelling_action = self._action(self.tr("&Orthographe…"), self.show_spelling)
        edit_menu.addAction(w.typography_action)
        edit_menu.addAction(w.spelling_action)
        # Édition ▸ Préférences… (ui/preferences_dialog.py, imported at the first use).
        w.preferences_action = self._action(
            self.tr("&Préférences…"), self.show_preferences, QKeySequence.StandardKey.Preferences
        )
        w.preferences_action.setMenuRole(QAction.MenuRole.PreferencesRole)
        edit_menu.addAction(w.preferences_action)

        w.preview_action = self._action(self.tr("&Aperçu"), w.set_preview_visible, "Ctrl+Shift+P")
        w.preview_action.setCheckable(True)
        w.preview_action.setChecked(True)
        w.mobile_action = self._action(self.tr("Aperçu &mobile"), w.preview.set_mobile)
        w.mobile_action.setCheckable(True)
        w.preview.mobile_button.toggled.connect(w.mobile_action.setChecked)
        w.preview.mobile_button.toggled.connect(w.window_state.remember_preview_width)
        w.fullscreen_action = self._action(
            self.tr("&Plein écran"), w.toggle_fullscreen, key.FullScreen
        )
        w.fullscreen_action.setCheckable(True)
        view_menu = w.menuBar().addMenu(self.tr("&Affichage"))
        for action in (w.preview_action, w.mobile_action, w.fullscreen_action):
            view_menu.addAction(action)

        # Aide ▸ Guide de newsdesk (F1): shipped with newsdesk, read offline
        # (ui/guide_window.py, imported at the first use).
        w.guide_action = self._action(
            self.tr("&Guide de newsdesk"), self.show_guide, key.HelpContents
        )
        w.about_action = self._action(self.tr("À &propos de newsdesk"), w.show_about)
        help_menu = w.menuBar().addMenu(self.tr("&Aide"))
        help_menu.addAction(w.guide_action)
        help_menu.addAction(w.about_action)

    # -- the dialogs of the Édition menu ------------------------------------------------

    def show_typography(self) -> None:
        """The body's typography fixes, one dialog at a time."""
        # Imported here: the rules bring the renderer's package, off the start-up.
        from newsdesk.ui.typography_dialog import TypographyDialog

        w = self.window
        open_dialog = getattr(self, "typography_dialog", None)
        if open_dialog is not None and shiboken6.isValid(open_dialog):
            open_dialog.close()
        language = str(w.editor.language.currentData() or "fr")
        dialog = TypographyDialog(w.editor.body, w.spelling.service, language, w)
        self.typography_dialog = dialog
        # Its fixes belong to the article it was opened on.
        w.article_opened.connect(dialog.close)
        dialog.show()

    def show_spelling(self) -> None:
        from newsdesk.ui.spelling_dialog import SpellingDialog

        dialog = SpellingDialog(self.window.context.settings, self.window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.spelling_dialog = dialog
        dialog.open()

    def show_preferences(self) -> None:
        from newsdesk.ui.preferences_dialog import PreferencesDialog

        w = self.window
        dialog = PreferencesDialog(w.context.settings, w.context.paths.root, self.show_spelling, w)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.preferences_dialog = dialog
        dialog.open()

    # -- the Aide menu ----------------------------------------------------------------

    def show_guide(self) -> None:
        """The guide in the window's language, one window of it at a time."""
        from newsdesk.ui.guide_window import open_guide

        current = getattr(self, "guide_window", None)
        if current is not None and not shiboken6.isValid(current):
            current = None
        self.guide_window = open_guide(self.window, current)


__all__ = ["WindowMenus"]
