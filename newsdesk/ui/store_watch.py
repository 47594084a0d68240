"""The library follows what another program writes into the same store.

The command line (``newsdesk import``, a script) may write while the window is open:
SQLite in WAL mode lets both work at once, but nothing tells the window. Every
``CHECK_MS``, and at once when the window becomes active again (the reporter coming
back from the terminal), the window reads the store's change mark
(``Store.change_mark``: SQLite's ``PRAGMA data_version``, which the window's own writes
leave alone) on the database worker; when it moved, the library asks the store again.
Polling rather than a file watch: the WAL file changes with every save of the window
itself, and a watch on it behaves differently on each system.
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QEvent, QObject, QTimer

log = logging.getLogger(__name__)

#: How often the window looks for writes made by another program.
CHECK_MS = 4000


class StoreWatch(QObject):
    """Refreshes ``window.library`` when another program changed the articles."""

    def __init__(self, window: Any, saver: Any) -> None:
        super().__init__(window)
        self.window = window
        self.saver = saver
        self.mark: tuple[int, int] | None = None
        self._asking = False
        self.timer = QTimer(self)
        self.timer.setInterval(CHECK_MS)
        self.timer.timeout.connect(self.check)
        self.timer.start()
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.window and event.type() == QEvent.Type.WindowActivate:
            self.check()
        return False

    # -- on the database worker (one thread: these never run at the same time) --------

    def _moved(self, store: Any) -> bool:
        known, self.mark = self.mark, store.change_mark()
        return known is not None and self.mark != known

    # -- on the GUI thread ----------------------------------------------------------

    def check(self) -> None:
        if not self.saver.store_ok or self._asking:
            return
        self._asking = True

        def answered(moved: bool) -> None:
            self._asking = False
            if moved:
                self.window.library.refresh()

        def failed(error: BaseException) -> None:
            # Locked by that other program, say: the next look will do.
            self._asking = False
            log.debug("change mark not read: %s", type(error).__name__)

        self.window.db.submit(self._moved, answered, failed, owner=self)
