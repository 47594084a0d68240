"""The local store: every article, its revisions, its tags, its images.

One SQLite file (WAL mode) under ``paths.database``, images under
``paths.media``, rotated copies under ``paths.backups``. Each call runs in
its own short transaction, so a killed process loses at most the call in
flight. The store may be used from one worker thread other than the one that
opened it; the caller serializes the calls.

:class:`Store` is the one name callers use; it is put together from rooms,
one module per concern:

- ``engine.py``: opening (creating, migrating), transactions, closing;
- ``articles.py``: create, save (never clobbering), trash, lists, tags;
- ``revisions.py``: history, restore, thinning;
- ``fulltext.py``: full-text search (``search.py`` makes the FTS5 queries);
- ``backup.py``: rotated copies of the file; ``media.py``: images;
- ``rows.py``: the article <-> row translation the rooms share.

Why mixins rather than a facade that holds one object per room: the rooms
share one engine and call each other (a restore is a read of a revision and
a save; a listing search is a list), and every caller (the window, the CLI,
the outbox's repositories through ``writing()``) holds one ``Store``. Mixins
over one ``StoreBase`` keep that single object and its methods exactly as
they were, with no forwarding method written twice.
"""

from __future__ import annotations

from pathlib import Path

from . import media
from .articles import ArticlesRoom
from .backup import BACKUPS_KEPT, backup_database
from .fulltext import SNIPPET_TOKENS, SearchHit, SearchRoom
from .revisions import RevisionInfo, RevisionsRoom
from .rows import ArticleSummary

__all__ = [
    "BACKUPS_KEPT",
    "SNIPPET_TOKENS",
    "ArticleSummary",
    "RevisionInfo",
    "SearchHit",
    "Store",
]


class Store(SearchRoom, RevisionsRoom, ArticlesRoom):
    """The article database. Build it with :meth:`Store.open`."""

    # -- images --------------------------------------------------------------

    def import_image(self, source: Path) -> str:
        """Copy a checked image into the media folder; its path relative to it.

        InvalidImage (with the reason) for anything that is not a usable image.
        """
        return media.import_image(self.paths.media, Path(source))

    def media_path(self, relative: str) -> Path:
        """Absolute path of a stored image; UnsafeMediaPath if it would leave the folder."""
        return media.media_path(self.paths.media, relative)

    # -- backups -------------------------------------------------------------

    def backup(self) -> Path:
        """A consistent copy of the database in ``paths.backups``; keeps the 10 newest."""
        return backup_database(self.paths, self._engine)
