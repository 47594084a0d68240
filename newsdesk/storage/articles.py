"""The articles room: create, save (never clobbering), trash, list, tags and categories.

Saves never clobber: every article carries the revision it was based on and
the UPDATE only matches that revision, so two windows (or the window and the
CLI) saving the same article cannot silently overwrite each other.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import delete, func, insert, literal, select, text, tuple_, update
from sqlalchemy.orm import Session

from newsdesk.core.article import Article, Status, utcnow
from newsdesk.core.errors import ArticleExists, ArticleNotFound, StaleRevision
from newsdesk.core.folding import fold

from .engine import StoreBase
from .models import ArticleRow, ArticleTagRow, RevisionRow, TagRow, UTCDateTime
from .rows import (
    FTS_INSERT,
    SUMMARY_COLUMNS,
    TABLES,
    ArticleSummary,
    ListPage,
    PageCursor,
    article_of_row,
    fts_values,
    row_values,
    storable,
    summary_of,
    tagged,
)
from .serialize import (
    article_from_json,
    article_to_json,
    copy_article,
    encode_date,
    parse_utc_text,
    utc_text,
)


class ArticlesRoom(StoreBase):
    """The articles themselves (see :class:`newsdesk.storage.store.Store`)."""

    def create(self, article: Article) -> Article:
        """Store a new article as revision 1 and return the stored copy."""
        now = utcnow()
        stored = storable(article)
        stored.revision = 1
        stored.updated_at = now
        with self._writing() as session:
            exists = session.scalar(select(ArticleRow.pk).where(ArticleRow.id == article.id))
            if exists is not None:
                raise ArticleExists(article.id)
            self._insert(session, [stored])
        return stored

    def bulk_create(self, articles: Sequence[Article]) -> int:
        """Store many new articles in one transaction (imports, benchmarks, tests).

        Same result as calling :meth:`create` for each, much faster. Returns
        how many were stored.
        """
        now = utcnow()
        stored: list[Article] = []
        for article in articles:
            copy = storable(article)
            copy.revision = 1
            copy.updated_at = now
            stored.append(copy)
        with self._writing() as session:
            ids = [a.id for a in stored]
            for start in range(0, len(ids), 500):
                clash = session.scalar(
                    select(ArticleRow.id).where(ArticleRow.id.in_(ids[start : start + 500]))
                )
                if clash is not None:
                    raise ArticleExists(clash)
            self._insert(session, stored)
        return len(stored)

    def _insert(self, session: Session, articles: Sequence[Article]) -> list[int]:
        rows = []
        for article in articles:
            values = row_values(article)
            values.update(
                revision=article.revision,
                created_at=article.created_at,
                updated_at=article.updated_at,
                deleted_at=None,
            )
            rows.append(values)
        # Keys handed out here, inside the write transaction (BEGIN IMMEDIATE:
        # nobody else can insert meanwhile), so the rows go in with a plain
        # executemany; INSERT ... RETURNING row by row is several times slower.
        first = (session.scalar(select(func.max(ArticleRow.pk))) or 0) + 1
        pks = list(range(first, first + len(rows)))
        for pk, values in zip(pks, rows, strict=True):
            values["pk"] = pk
        session.execute(insert(TABLES["articles"]), rows)
        tag_ids = self._tag_ids(session, {tag for a in articles for tag in a.tags if tag.strip()})
        links = [
            {"article_pk": pk, "position": position, "tag_id": tag_ids[tag]}
            for pk, article in zip(pks, articles, strict=True)
            for position, tag in enumerate(article.tags)
            if tag.strip()
        ]
        if links:
            session.execute(insert(TABLES["article_tags"]), links)
        session.execute(
            insert(TABLES["revisions"]),
            [
                {
                    "article_pk": pk,
                    "revision": article.revision,
                    "saved_at": article.updated_at,
                    "title": article.title,
                    "word_count": values["word_count"],
                    "content": article_to_json(article),
                }
                for pk, article, values in zip(pks, articles, rows, strict=True)
            ],
        )
        session.execute(
            FTS_INSERT,
            [fts_values(pk, article) for pk, article in zip(pks, articles, strict=True)],
        )
        return pks

    @staticmethod
    def _tag_ids(session: Session, names: Iterable[str]) -> dict[str, int]:
        wanted = set(names)
        if not wanted:
            return {}
        found: dict[str, int] = {}
        listed = list(wanted)
        for start in range(0, len(listed), 500):
            chunk = listed[start : start + 500]
            for tag_id, name in session.execute(
                select(TagRow.id, TagRow.name).where(TagRow.name.in_(chunk))
            ):
                found[name] = tag_id
        for name in sorted(wanted - found.keys()):
            found[name] = session.execute(
                insert(TagRow).values(name=name, key=fold(name)).returning(TagRow.id)
            ).scalar_one()
        return found

    def save(self, article: Article) -> Article:
        """Store a new revision of an existing article and return the stored copy.

        ``article.revision`` must be the stored revision, else StaleRevision
        and nothing is written. Identical content writes nothing and returns
        the stored article as it is.
        """
        with self._writing() as session:
            row = self._live_row(session, article.id)
            if row.revision != article.revision:
                raise StaleRevision(article.id, article.revision, row.revision)
            current = article_of_row(row)
            article = self._keep_site_state(session, row.pk, current, article)
            if current.content_equals(article):
                return current
            stored = storable(article)
            stored.revision = row.revision + 1
            stored.updated_at = utcnow()
            stored.created_at = current.created_at
            values = row_values(stored)
            values.update(revision=stored.revision, updated_at=stored.updated_at)
            # The revision is checked again in the WHERE clause itself: whatever
            # happened since the read, an UPDATE based on an old revision
            # matches no row instead of overwriting a newer one.
            result = session.execute(
                update(ArticleRow)
                .where(
                    ArticleRow.pk == row.pk,
                    ArticleRow.revision == article.revision,
                    ArticleRow.deleted_at.is_(None),
                )
                .values(**values)
                .execution_options(synchronize_session=False)
            )
            if result.rowcount != 1:  # type: ignore[attr-defined]
                actual = session.scalar(select(ArticleRow.revision).where(ArticleRow.pk == row.pk))
                raise StaleRevision(article.id, article.revision, actual or 0)
            self._write_tags(session, row.pk, stored.tags)
            session.execute(
                insert(RevisionRow).values(
                    article_pk=row.pk,
                    revision=stored.revision,
                    saved_at=stored.updated_at,
                    title=stored.title,
                    word_count=values["word_count"],
                    content=article_to_json(stored),
                )
            )
            session.execute(text("DELETE FROM articles_fts WHERE rowid = :pk"), {"pk": row.pk})
            session.execute(
                FTS_INSERT,
                fts_values(row.pk, stored),
            )
        return stored

    def set_site_state(self, article_id: str, status: Status, date: datetime | None = None) -> None:
        """Record what the site now says of the article: its ``status`` and, when given,
        its ``date`` (aware; the date the site shows). Called by the publishing side after
        each finished action; never by the editor.

        The contract with whoever holds a copy of the article in memory (the window):

        - No new revision and no new revision number: the article's words did not
          change, so a copy loaded before is not stale and its next save is accepted.
        - That save does not undo this: a status (or date) the copy still has as it was
          in the revision it was based on is taken as "not changed by the reporter", and
          the stored one stays. A status the reporter did change in the copy wins.
        - The copy's holder should still refresh its status and date from the store (or
          from the drain's result) so that what it shows is what the site has.

        ``ArticleNotFound`` for an article not in use (deleted meanwhile).
        """
        date_utc, offset, zone = encode_date(date)
        values: dict[str, Any] = {"status": Status(status).value}
        if date is not None:
            if date.utcoffset() is None:
                raise ValueError("the site's date must carry its time zone")
            values.update(date_utc=date_utc, date_offset_seconds=offset, date_zone=zone)
        with self._writing() as session:
            result = session.execute(
                update(ArticleRow)
                .where(ArticleRow.id == article_id, ArticleRow.deleted_at.is_(None))
                .values(**values)
                .execution_options(synchronize_session=False)
            )
            if result.rowcount != 1:  # type: ignore[attr-defined]
                raise ArticleNotFound(article_id)

    @staticmethod
    def _keep_site_state(session: Session, pk: int, current: Article, incoming: Article) -> Article:
        """``incoming`` with the stored status and date where it still carries those of
        the revision it was based on (see ``set_site_state``): a save of an older copy
        in memory must not put the article back to « brouillon » behind the site's back."""
        if (incoming.status, incoming.date) == (current.status, current.date):
            return incoming
        content = session.scalar(
            select(RevisionRow.content).where(
                RevisionRow.article_pk == pk, RevisionRow.revision == incoming.revision
            )
        )
        if content is None:
            return incoming
        base = article_from_json(content)
        merged = copy_article(incoming)
        merged.revision = incoming.revision
        if incoming.status == base.status:
            merged.status = current.status
        if incoming.date == base.date:
            merged.date = current.date
        return merged

    def _write_tags(self, session: Session, pk: int, tags: Sequence[str]) -> None:
        session.execute(delete(ArticleTagRow).where(ArticleTagRow.article_pk == pk))
        # A blank tag (a chip left empty) stays in the article as typed but is
        # not a tag anyone can filter on.
        ids = self._tag_ids(session, [tag for tag in tags if tag.strip()])
        if ids:
            session.execute(
                insert(TABLES["article_tags"]),
                [
                    {"article_pk": pk, "position": position, "tag_id": ids[tag]}
                    for position, tag in enumerate(tags)
                    if tag in ids
                ],
            )

    @staticmethod
    def _live_row(session: Session, article_id: str) -> ArticleRow:
        row = session.scalar(
            select(ArticleRow).where(ArticleRow.id == article_id, ArticleRow.deleted_at.is_(None))
        )
        if row is None:
            raise ArticleNotFound(article_id)
        return row

    def get(self, article_id: str) -> Article:
        with self._reading() as session:
            return article_of_row(self._live_row(session, article_id))

    def delete(self, article_id: str) -> None:
        """Move an article to the trash: gone from lists and search, kept on disk."""
        with self._writing() as session:
            row = self._live_row(session, article_id)
            row.deleted_at = utcnow()
            session.execute(text("DELETE FROM articles_fts WHERE rowid = :pk"), {"pk": row.pk})

    def trash(self) -> list[ArticleSummary]:
        """Articles in the trash, most recently deleted first."""
        query = (
            select(*SUMMARY_COLUMNS)
            .where(ArticleRow.deleted_at.is_not(None))
            .order_by(ArticleRow.deleted_at.desc(), ArticleRow.pk.desc())
        )
        with self._reading() as session:
            return [summary_of(row) for row in session.execute(query)]

    def undelete(self, article_id: str) -> Article:
        """Take an article out of the trash, as it was; ArticleNotFound if not there."""
        with self._writing() as session:
            row = session.scalar(
                select(ArticleRow).where(
                    ArticleRow.id == article_id, ArticleRow.deleted_at.is_not(None)
                )
            )
            if row is None:
                raise ArticleNotFound(article_id)
            row.deleted_at = None
            article = article_of_row(row)
            session.execute(
                FTS_INSERT,
                fts_values(row.pk, article),
            )
        return article

    def ids_starting_with(self, prefix: str, *, limit: int = 2) -> list[str]:
        """Ids of articles (outside the trash) that start with ``prefix``, sorted.

        For ``newsdesk show 3f2a9c``: ``limit=2`` is enough to tell a unique
        prefix from an ambiguous one without listing the whole store.
        """
        if not prefix:
            return []
        # A range on the unique index instead of LIKE, whose wildcards
        # (% and _) would have to be escaped and which ignores the index.
        upper = prefix[:-1] + chr(ord(prefix[-1]) + 1)
        query = (
            select(ArticleRow.id)
            .where(
                ArticleRow.id >= prefix,
                ArticleRow.id < upper,
                ArticleRow.deleted_at.is_(None),
            )
            .order_by(ArticleRow.id)
            .limit(limit)
        )
        with self._reading() as session:
            return list(session.scalars(query))

    def change_mark(self) -> tuple[int, int]:
        """A mark that moves when another connection (the command line, another window)
        committed to the file since this store's last look; this store's own writes
        leave it as it is (SQLite's ``PRAGMA data_version``, counted per connection,
        hence the connection's identity beside it: compare marks of one store only)."""
        with self._reading() as session:
            driver = session.connection().connection.driver_connection
            version = session.execute(text("PRAGMA data_version")).scalar_one()
            return id(driver), int(version)

    def count_articles(
        self,
        *,
        status: Status | None = None,
        tag: str | None = None,
        category: str | None = None,
    ) -> int:
        """How many articles outside the trash (with these filters, when given)."""
        query = self._listed(
            select(func.count()).select_from(ArticleRow), status=status, tag=tag, category=category
        )
        with self._reading() as session:
            return session.scalar(query) or 0

    @staticmethod
    def _listed(query: Any, *, status: Status | None, tag: str | None, category: str | None) -> Any:
        """``query`` narrowed to the articles outside the trash matching the filters."""
        query = query.where(ArticleRow.deleted_at.is_(None))
        if status is not None:
            query = query.where(ArticleRow.status == Status(status).value)
        if category is not None:
            query = query.where(ArticleRow.category == category)
        if tag is not None:
            query = query.where(ArticleRow.pk.in_(tagged(tag)))
        return query

    def list_page(
        self,
        *,
        after: PageCursor | None = None,
        limit: int = 200,
        status: Status | None = None,
        tag: str | None = None,
        category: str | None = None,
    ) -> ListPage:
        """One page of :meth:`list_articles`'s order: the ``limit`` articles that come
        after the cursor ``after`` (None: from the top), and the cursor of the next page.

        Keyset paging on ``(updated_at, pk)``, which the indexes hold in that order:
        each page costs the same, the 500th as the first (an OFFSET would walk every
        row before it). An article saved between two pages gets a newer ``updated_at``
        and moves above the cursor: later pages never show it twice, and the others
        keep their order, so nothing is skipped.
        """
        limit = max(1, limit)
        query = self._listed(
            select(ArticleRow.pk, *SUMMARY_COLUMNS), status=status, tag=tag, category=category
        )
        if after is not None:
            query = query.where(
                tuple_(ArticleRow.updated_at, ArticleRow.pk)
                < tuple_(literal(parse_utc_text(after[0]), UTCDateTime()), literal(after[1]))
            )
        # One row more than asked: whether there is a next page, without a count.
        query = query.order_by(ArticleRow.updated_at.desc(), ArticleRow.pk.desc()).limit(limit + 1)
        with self._reading() as session:
            rows = list(session.execute(query))
        more = len(rows) > limit
        rows = rows[:limit]
        summaries = [summary_of(row) for row in rows]
        cursor = (utc_text(rows[-1].updated_at), rows[-1].pk) if more else None
        return ListPage(summaries, cursor)

    def list_articles(
        self,
        *,
        status: Status | None = None,
        tag: str | None = None,
        category: str | None = None,
        limit: int | None = None,
        offset: int = 0,
    ) -> list[ArticleSummary]:
        """Articles not in the trash, most recently updated first."""
        query = self._listed(select(*SUMMARY_COLUMNS), status=status, tag=tag, category=category)
        query = query.order_by(ArticleRow.updated_at.desc(), ArticleRow.pk.desc())
        if limit is not None:
            query = query.limit(limit)
        if offset:
            query = query.offset(offset).limit(limit if limit is not None else -1)
        with self._reading() as session:
            return [summary_of(row) for row in session.execute(query)]

    def tags(self) -> list[str]:
        """Every tag used by an article outside the trash, in French dictionary order."""
        # EXISTS stops at the first live article of each tag (index on
        # tag_id): a few hundred probes instead of joining every link.
        in_use = (
            select(ArticleTagRow.article_pk)
            .join(ArticleRow, ArticleRow.pk == ArticleTagRow.article_pk)
            .where(ArticleTagRow.tag_id == TagRow.id, ArticleRow.deleted_at.is_(None))
            .exists()
        )
        query = select(TagRow.name).where(in_use)
        with self._reading() as session:
            names = list(session.scalars(query))
        return sorted(names, key=lambda name: (fold(name), name))

    def categories(self) -> list[str]:
        query = (
            select(ArticleRow.category)
            .where(ArticleRow.deleted_at.is_(None), ArticleRow.category != "")
            .distinct()
        )
        with self._reading() as session:
            names = list(session.scalars(query))
        return sorted(names, key=lambda name: (fold(name), name))
