"""The status bar's words: the save state (and the window's title), the counts and the
hints. Counting runs off the interface thread; the newest count wins."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QLabel

from newsdesk.core import rules
from newsdesk.ui.messages import describe_problem
from newsdesk.ui.save_controller import SaveState
from newsdesk.ui.tasks import run_in_background

# The window this room works for is ``ui.main_window.MainWindow``; it is typed ``Any``
# here because naming it would make an import cycle (the window imports every room).
MainWindow = Any


class StatusLine(QObject):
    """The save state, word count, reading time and hints of the article on screen."""

    # The counts caught up with the text.
    stats_updated = Signal()

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.words_per_minute = rules.WORDS_PER_MINUTE
        self._generation = 0
        self.state_label = QLabel(window)
        self.state_label.setObjectName("SaveState")
        self.stats_label = QLabel(window)
        self.stats_label.setObjectName("Stats")
        self.hints_label = QLabel(window)
        self.hints_label.setObjectName("Hints")
        self.hints_label.setStyleSheet("color:#8b5a00")
        bar = window.statusBar()
        bar.addWidget(self.state_label)
        bar.addWidget(self.stats_label)
        bar.addWidget(self.hints_label, 1)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(120)
        self.timer.timeout.connect(self.update_stats)

    def show_save_state(self, state: str) -> None:
        text = {
            SaveState.SAVED: self.tr("Enregistré"),
            SaveState.DIRTY: self.tr("Modifications non enregistrées"),
            SaveState.SAVING: self.tr("Enregistrement…"),
            SaveState.CONFLICT: self.tr("Conflit : article modifié ailleurs"),
            SaveState.FAILED: self.tr("Échec de l’enregistrement"),
        }[state]
        # Called on every keystroke: touch the widgets only when something shows a change.
        if self.state_label.text() != text:
            self.state_label.setText(text)
        window = self.window
        title = window.editor.title.text().strip() or self.tr("Nouvel article")
        window_title = f"{title}{'*' if state != SaveState.SAVED else ''} — newsdesk"
        if window.windowTitle() != window_title:
            window.setWindowTitle(window_title)

    def update_stats(self) -> None:
        """Word count, reading time and hints, counted off the GUI thread.

        Counting a 20,000-word article takes about 20 ms: more than a frame,
        so it runs in the background like the preview and the newest count wins.
        """
        article = self.window.editor.current()
        self._generation += 1
        generation = self._generation
        per_minute = self.words_per_minute

        def count() -> tuple[int, int, int, list[Any]]:
            words = rules.article_word_count(article)
            minutes = rules.reading_time_minutes(words, per_minute)
            return words, len(article.body), minutes, rules.validate(article)

        def show(result: tuple[int, int, int, list[Any]]) -> None:
            if generation != self._generation:
                return
            words, chars, minutes, problems = result
            locale = self.window.locale()
            self.stats_label.setText(
                "· "
                + self.tr("%1 mots · %2 caractères · %3 min de lecture")
                .replace("%1", locale.toString(words))
                .replace("%2", locale.toString(chars))
                .replace("%3", str(minutes))
            )
            self.hints_label.setText(
                "· " + " · ".join(describe_problem(p.code) for p in problems[:3])
                if problems
                else ""
            )
            self.stats_updated.emit()

        run_in_background(count, show, owner=self)


__all__ = ["StatusLine"]
