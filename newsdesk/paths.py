"""Where newsdesk keeps its files.

One place decides it: ``--data-dir DIR`` or ``NEWSDESK_HOME`` puts every file
under DIR (tests and demos never touch a person's real data); otherwise the
platform's user data folder.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

ENV_VAR = "NEWSDESK_HOME"


@dataclass(frozen=True, slots=True)
class Paths:
    root: Path

    @property
    def database(self) -> Path:
        return self.root / "newsdesk.sqlite3"

    @property
    def media(self) -> Path:
        """Images copied into the store, so an article never depends on a moved file."""
        return self.root / "media"

    @property
    def backups(self) -> Path:
        return self.root / "backups"

    @property
    def settings(self) -> Path:
        return self.root / "settings.json"

    @property
    def ui_state(self) -> Path:
        """Window geometry and splitter sizes: kept apart from the settings."""
        return self.root / "ui-state.ini"

    @property
    def spelling(self) -> Path:
        """The reporter's own dictionaries (``personal-fr.txt``...), never overwritten
        by an upgrade, and the desk's ``newsroom.txt`` if it keeps its own."""
        return self.root / "spelling"

    @property
    def logs(self) -> Path:
        return self.root / "logs"

    @property
    def first_page(self) -> Path:
        """The preview page of the article left open, kept for the next start-up
        (``storage.first_page``); deleting it only costs that start-up a render."""
        return self.root / "cache" / "first-page.json"

    def ensure(self) -> Paths:
        for folder in (self.root, self.media, self.backups, self.logs):
            folder.mkdir(parents=True, exist_ok=True)
        return self


def resolve(data_dir: str | os.PathLike[str] | None = None) -> Paths:
    """The data folder: the explicit argument, then ``NEWSDESK_HOME``, then the platform's."""
    if data_dir:
        return Paths(Path(data_dir).expanduser().resolve())
    env = os.environ.get(ENV_VAR)
    if env:
        return Paths(Path(env).expanduser().resolve())
    import platformdirs  # imported here: keeps start-up lean when a folder is given

    return Paths(Path(platformdirs.user_data_dir("newsdesk", appauthor=False)))
