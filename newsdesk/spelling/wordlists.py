"""The words that are not mistakes though no dictionary has them.

- The reporter's own dictionary, one per language, in the data folder
  (``DATA/spelling/personal-fr.txt``): plain UTF-8, one word a line, kept across
  upgrades because newsdesk never writes there but to add a word.
- The newsroom's list (``resources/spelling/newsroom.txt``, shipped and editable), and
  a copy of it in the data folder (``DATA/spelling/newsroom.txt``) that wins when it
  exists, for a desk that keeps its own.
- The site's cached tags and categories (handed in by the window).
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from newsdesk.atomicfile import write_atomic


def read_words(path: Path) -> list[str]:
    """One word a line; blank lines and lines starting with # are ignored."""
    try:
        text = path.read_text(encoding="utf-8")
    except (FileNotFoundError, UnicodeDecodeError):
        return []
    return [line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")]


def newsroom_words(data_folder: Path | None = None) -> list[str]:
    own = data_folder / "newsroom.txt" if data_folder else None
    if own is not None and own.is_file():
        return read_words(own)
    from newsdesk.resources import resources_dir  # see dictionaries_dir

    return read_words(resources_dir() / "spelling" / "newsroom.txt")


def term_words(names: Iterable[str]) -> list[str]:
    """The words of the site's tags and categories (« Forces armées maliennes » gives
    « Forces », « armées », « maliennes »; words of one letter are left out)."""
    found: list[str] = []
    for name in names:
        for word in name.replace("/", " ").split():
            word = word.strip('.,;:!?()«»"')
            if len(word) > 1:
                found.append(word)
    return found


class PersonalDictionary:
    """The reporter's words for one language, in ``folder/personal-LANG.txt``."""

    def __init__(self, folder: Path, language: str) -> None:
        self.path = folder / f"personal-{language}.txt"
        self._words = read_words(self.path)

    @property
    def words(self) -> list[str]:
        return list(self._words)

    def add(self, word: str) -> None:
        word = word.strip()
        if not word or word in self._words:
            return
        # Read again first: another window of newsdesk may have added one meanwhile.
        current = read_words(self.path)
        self._words = current + [w for w in self._words if w not in current]
        if word not in self._words:
            self._words.append(word)
        write_atomic(self.path, ("\n".join(self._words) + "\n").encode("utf-8"))
