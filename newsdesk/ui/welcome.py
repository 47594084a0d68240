"""The welcome shown in the editor's place while the library holds no article.

A reporter opening newsdesk for the first time would otherwise meet a blank form and
an empty list. The welcome says what newsdesk does, the three steps (write, connect
the site, publish), and offers them as buttons that trigger the menus' own actions.

When it shows, and when it goes:

* It shows once the store has answered and holds no article outside the Corbeille,
  while the form holds a blank article nobody asked for (the one the window opens
  on) and nothing typed.
* It goes as soon as there is an article to work on: « Nouvel article » (the
  button, the menu or Ctrl+N), an import, a post pulled from the site, an article
  restored from the Corbeille (each of these opens a stored article), or words
  typed into the form by any other way.
* It comes back when the last article goes to the Corbeille: the reporter is then
  where they were on the first day, with a blank form nobody asked for, and the
  welcome's buttons are the way on. The library stays beside it, its « Corbeille »
  tab and « Restaurer » included, so nothing deleted is out of reach.

Kept cheap for the start-up: the page (a few labels and buttons) is built the first
time it is shown; until then the stack around the editor holds the editor alone.
The page lies over the form, opaque, and takes the keyboard's focus.
"""

from __future__ import annotations

from typing import Any

import shiboken6
from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QStackedLayout,
    QVBoxLayout,
    QWidget,
)

# ``ui.main_window.MainWindow``, typed ``Any``: naming it would make an import cycle.
MainWindow = Any


class WelcomePage(QFrame):
    """What newsdesk does, the three steps, and a button for each."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("WelcomePage")
        # It takes the form's size and never asks for its own: its wrapped lines made
        # the editor's column wider and left the preview ~70 px narrower on a first
        # start (where the splitter's first sizes come from the size hints, and stay).
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        self.setStyleSheet(
            "#WelcomePage { background: #fbfaf8; }"
            "#WelcomeTitle { font-size: 20pt; font-weight: bold; color: #8b1a1a; }"
            "#WelcomeIntro { font-size: 11pt; color: #333; }"
            "QLabel[step='number'] { font-size: 16pt; font-weight: bold; color: #8b1a1a; }"
            "QLabel[step='title'] { font-size: 12pt; font-weight: bold; }"
            "QLabel[step='text'] { color: #444; }"
            "QPushButton { padding: 6px 14px; }"
        )
        title = QLabel(self.tr("Bienvenue dans newsdesk"), self)
        title.setObjectName("WelcomeTitle")
        intro = QLabel(
            self.tr(
                "newsdesk sert à écrire vos articles sur cet ordinateur, même sans "
                "connexion, et à les voir tels que le site les montrera.\n"
                "Quand l’article est prêt, il part sur le site d’un clic ; sans réseau, "
                "il attend et part tout seul au retour de la connexion."
            ),
            self,
        )
        intro.setObjectName("WelcomeIntro")
        intro.setWordWrap(True)

        self.new_button = QPushButton(self.tr("Nouvel article"), self)
        self.new_button.setObjectName("WelcomeNew")
        self.new_button.setDefault(True)
        self.import_button = QPushButton(self.tr("Importer un fichier"), self)
        self.import_button.setObjectName("WelcomeImport")
        self.connect_button = QPushButton(self.tr("Connecter un site"), self)
        self.connect_button.setObjectName("WelcomeConnect")

        steps = [
            (
                self.tr("Écrire"),
                self.tr(
                    "Créez un article, ou importez un fichier Word (.docx) ou Markdown "
                    "(.md). Tout est enregistré au fur et à mesure, sur cet ordinateur."
                ),
                [self.new_button, self.import_button],
            ),
            (
                self.tr("Connecter le site"),
                self.tr(
                    "Une seule fois : l’adresse du site, votre identifiant et un mot de "
                    "passe d’application WordPress, gardé dans le trousseau du système."
                ),
                [self.connect_button],
            ),
            (
                self.tr("Publier"),
                self.tr(
                    "Le bouton « Publier », en bas à droite, envoie l’article ou le soumet "
                    "pour relecture ; à côté, la liste de ce que le site demande encore."
                ),
                [],
            ),
        ]

        layout = QVBoxLayout(self)
        layout.setContentsMargins(36, 32, 36, 32)
        layout.setSpacing(14)
        layout.addWidget(title)
        layout.addWidget(intro)
        layout.addSpacing(8)
        for number, (step_title, text, buttons) in enumerate(steps, start=1):
            layout.addLayout(self._step(number, step_title, text, buttons))
        layout.addStretch(1)
        hint = QLabel(self.tr("Aide ▸ Guide de newsdesk explique le reste, même hors ligne."), self)
        hint.setObjectName("WelcomeHint")
        hint.setStyleSheet("color:#777")
        hint.setWordWrap(True)
        layout.addWidget(hint)

    def buttons(self) -> list[QPushButton]:
        return [self.new_button, self.import_button, self.connect_button]

    def focusNextPrevChild(self, next: bool) -> bool:
        """Tab goes round the welcome's buttons, never into the form lying under it."""
        buttons = self.buttons()
        focused = 0
        for index, button in enumerate(buttons):
            if button.hasFocus():
                focused = index
        next_index = (focused + (1 if next else -1)) % len(buttons)
        buttons[next_index].setFocus(Qt.FocusReason.TabFocusReason)
        return True

    def _step(self, number: int, title: str, text: str, buttons: list[QPushButton]) -> QHBoxLayout:
        row = QHBoxLayout()
        row.setSpacing(14)
        figure = QLabel(str(number), self)
        figure.setProperty("step", "number")
        figure.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignHCenter)
        figure.setFixedWidth(28)
        row.addWidget(figure)
        column = QVBoxLayout()
        column.setSpacing(4)
        heading = QLabel(title, self)
        heading.setProperty("step", "title")
        column.addWidget(heading)
        body = QLabel(text, self)
        body.setProperty("step", "text")
        body.setWordWrap(True)
        column.addWidget(body)
        if buttons:
            line = QHBoxLayout()
            for button in buttons:
                line.addWidget(button)
            line.addStretch(1)
            column.addLayout(line)
        row.addLayout(column, 1)
        return row


class Welcome(QObject):
    """Puts a stack around the window's editor and shows the welcome in it when the
    library is empty (see the module's docstring for when)."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.page: WelcomePage | None = None
        # The reporter asked for the blank article on screen (« Nouvel article »):
        # the welcome stays away from it even while the library is still empty.
        self._blank_wanted = False
        self._asking = False

        # The welcome lies over the form rather than hiding it: the form keeps its
        # size and layout underneath (what the window and its tests measure), and is
        # there at once when the welcome goes.
        splitter = window.splitter
        index = splitter.indexOf(window.editor)
        self.stack = QWidget(window)
        self.stack.setObjectName("EditorStack")
        # The editor's place in the splitter, its stretch included (QSplitter keeps a
        # widget's stretch factor in its size policy): the preview keeps its width.
        self.stack.setSizePolicy(window.editor.sizePolicy())
        self.stack_layout = QStackedLayout(self.stack)
        self.stack_layout.setStackingMode(QStackedLayout.StackingMode.StackAll)
        splitter.replaceWidget(index, self.stack)
        self.stack_layout.addWidget(window.editor)

        window.new_action.triggered.connect(self._wanted_blank)
        window.article_opened.connect(self._on_opened)
        window.saved.connect(self._on_saved)
        window.editor.edited.connect(lambda _field: self.hide())
        window.store_ready.connect(self.check)
        window.library.refreshed.connect(self.check)

    # -- what the window tells it ------------------------------------------------------

    def _wanted_blank(self) -> None:
        self._blank_wanted = True
        self.hide()

    def _on_opened(self, _article_id: str) -> None:
        if self.window.editor.base().revision:
            # A stored article replaces the blank asked for: once it goes to the
            # Corbeille, the blank shown then is the window's.
            self._blank_wanted = False
            self.hide()

    def _on_saved(self, _article: object) -> None:
        # A stored article now: once it goes to the Corbeille the form's blank is the
        # window's, not the reporter's.
        self._blank_wanted = False
        self.hide()

    def _blank_unasked(self) -> bool:
        w = self.window
        return (
            not self._blank_wanted
            and w.saver.store_ok
            and not w.editor.base().revision
            and not w.is_dirty()
        )

    def check(self) -> None:
        """Ask the store whether it holds any article; show or hide the welcome."""
        if not self._blank_unasked():
            self.hide()
            return
        if self._asking:
            return  # the answer on its way is checked against the form when it comes
        if self._library_shows_articles():
            self.hide()
            return  # no need to ask the store
        self._asking = True

        def answered(count: int) -> None:
            self._asking = False
            if count == 0 and self._blank_unasked():
                self.show()
            else:
                self.hide()

        def failed(_error: BaseException) -> None:
            self._asking = False

        self.window.db.submit(lambda store: store.count_articles(), answered, failed, owner=self)

    def _library_shows_articles(self) -> bool:
        """The library's unfiltered list has rows: the store is not empty."""
        library = self.window.library
        return (
            bool(library.model.rows)
            and library.tabs.currentIndex() == 0
            and not library.search.text().strip()
            and library.category_filter() is None
        )

    # -- showing -----------------------------------------------------------------------

    def is_shown(self) -> bool:
        return self.page is not None and self.page.isVisibleTo(self.stack)

    def show(self) -> None:
        if self.page is None or not shiboken6.isValid(self.page):
            self.page = self._build()
        self.page.show()
        self.stack_layout.setCurrentWidget(self.page)
        self.page.new_button.setFocus()
        self._show_counts(False)

    def hide(self) -> None:
        if self.is_shown():
            assert self.page is not None
            self.page.hide()
            self.stack_layout.setCurrentWidget(self.window.editor)
            self._show_counts(True)

    def _show_counts(self, visible: bool) -> None:
        # « 0 mots · titre manquant » speaks of a form the welcome is hiding.
        self.window.stats_label.setVisible(visible)
        self.window.hints_label.setVisible(visible)

    def _build(self) -> WelcomePage:
        w = self.window
        page = WelcomePage(self.stack)
        page.new_button.clicked.connect(w.new_action.trigger)
        page.import_button.clicked.connect(w.import_action.trigger)
        page.connect_button.clicked.connect(w.publish.connect_site_action.trigger)
        self.stack_layout.addWidget(page)
        return page


__all__ = ["Welcome", "WelcomePage"]
