"""The revisions room: every saved revision of an article, restoring one, thinning old ones."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select, text

from newsdesk.core.article import Article, utcnow
from newsdesk.core.errors import RevisionNotFound

from .articles import ArticlesRoom
from .models import RevisionRow
from .serialize import article_from_json, utc_text


@dataclass(frozen=True)
class RevisionInfo:
    revision: int
    saved_at: datetime
    title: str
    word_count: int


class RevisionsRoom(ArticlesRoom):
    """An article's history (see :class:`newsdesk.storage.store.Store`)."""

    def history(self, article_id: str) -> list[RevisionInfo]:
        """Every saved revision, newest first."""
        with self._reading() as session:
            row = self._live_row(session, article_id)
            return [
                RevisionInfo(r.revision, r.saved_at, r.title, r.word_count)
                for r in session.execute(
                    select(
                        RevisionRow.revision,
                        RevisionRow.saved_at,
                        RevisionRow.title,
                        RevisionRow.word_count,
                    )
                    .where(RevisionRow.article_pk == row.pk)
                    .order_by(RevisionRow.revision.desc())
                )
            ]

    def get_revision(self, article_id: str, revision: int) -> Article:
        with self._reading() as session:
            row = self._live_row(session, article_id)
            content = session.scalar(
                select(RevisionRow.content).where(
                    RevisionRow.article_pk == row.pk, RevisionRow.revision == revision
                )
            )
        if content is None:
            raise RevisionNotFound(article_id, revision)
        return article_from_json(content)

    def restore(self, article_id: str, revision: int) -> Article:
        """Bring back an old revision's content as a new revision (history is kept)."""
        old = self.get_revision(article_id, revision)
        current = self.get(article_id)
        old.revision = current.revision
        old.created_at = current.created_at
        old.updated_at = current.updated_at
        return self.save(old)

    def thin_history(
        self, *, older_than: timedelta = timedelta(days=1), now: datetime | None = None
    ) -> int:
        """Drop old intermediate revisions; return how many went.

        Autosave makes a revision every few seconds of typing: hundreds a day
        for one article. Kept for good: every revision younger than
        ``older_than``, each article's first and latest, and for older days
        the last revision of each day (UTC). Revision numbers never change,
        so stale-save detection is unaffected. Meant for the application to
        run now and then (at start-up, off the UI thread).
        """
        cutoff = utc_text((now or utcnow()) - older_than)
        with self._writing() as session:
            result = session.execute(
                text(
                    "DELETE FROM revisions AS r WHERE r.saved_at < :cutoff AND r.revision > 1"
                    " AND r.revision < (SELECT max(x.revision) FROM revisions AS x"
                    "                   WHERE x.article_pk = r.article_pk)"
                    " AND r.revision < (SELECT max(y.revision) FROM revisions AS y"
                    "                   WHERE y.article_pk = r.article_pk"
                    "                   AND substr(y.saved_at, 1, 10) = substr(r.saved_at, 1, 10))"
                ),
                {"cutoff": cutoff},
            )
            return int(result.rowcount)  # type: ignore[attr-defined]
