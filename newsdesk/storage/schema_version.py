"""The schema version this newsdesk writes, known without SQLAlchemy or Alembic.

Kept apart from ``schema`` (which builds engines) so that the window's first read
(``first_read``) can check a file's version before SQLAlchemy is even imported.
"""

from __future__ import annotations

from pathlib import Path

MIGRATIONS = Path(__file__).parent / "migrations"


def _newest_migration() -> str:
    # Convention: versions/NNNN_what.py holds revision "NNNN", each revising
    # the one before. Reading file names costs microseconds where loading the
    # scripts with Alembic costs a third of a second; a test checks that the
    # convention and Alembic agree.
    names = (p.name for p in (MIGRATIONS / "versions").glob("[0-9][0-9][0-9][0-9]_*.py"))
    return max(name[:4] for name in names)


#: The newest migration this newsdesk knows.
HEAD = _newest_migration()
