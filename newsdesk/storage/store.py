"""The local store: every article, its revisions, its tags, its images.

One SQLite file (WAL mode) under ``paths.database``, images under
``paths.media``, rotated copies under ``paths.backups``. Each call runs in
its own short transaction, so a killed process loses at most the call in
flight. The store may be used from one worker thread other than the one that
opened it; the caller serializes the calls.

Saves never clobber: every article carries the revision it was based on and
the UPDATE only matches that revision, so two windows (or the window and the
CLI) saving the same article cannot silently overwrite each other.
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, delete, func, insert, select, text, update
from sqlalchemy.exc import DatabaseError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from newsdesk.core.article import Article, FeaturedImage, Language, Status, utcnow
from newsdesk.core.errors import (
    ArticleExists,
    ArticleNotFound,
    InvalidDocument,
    RevisionNotFound,
    StaleRevision,
    StoreError,
)
from newsdesk.core.rules import article_word_count
from newsdesk.paths import Paths

from . import media, schema
from .models import ArticleRow, ArticleTagRow, Base, RevisionRow, TagRow, parse_utc_text, utc_text
from .search import (
    ELLIPSIS,
    MATCH_END,
    MATCH_START,
    fold,
    is_broad,
    match_expression,
    parse_snippet,
    plain_excerpt,
)
from .serialize import (
    article_from_json,
    article_to_json,
    copy_article,
    decode_date,
    encode_date,
    featured_from_json,
    featured_to_json,
)

#: How many backups ``backup()`` keeps.
BACKUPS_KEPT = 10
#: Words of context FTS5 gives around a match in a snippet.
SNIPPET_TOKENS = 24


@dataclass(frozen=True)
class ArticleSummary:
    """What a list row shows; cheap to load by the hundred."""

    id: str
    title: str
    status: Status
    category: str
    tags: list[str]
    date: datetime | None
    updated_at: datetime
    word_count: int
    revision: int
    byline: str


@dataclass(frozen=True)
class SearchHit:
    article: ArticleSummary
    #: Plain text, one line, with "…" where it was cut.
    snippet: str
    #: (start, end) character spans of the matched words in ``snippet``.
    highlights: list[tuple[int, int]]
    #: Higher is better (the negated bm25 score); 0.0 for a listing without words.
    rank: float


@dataclass(frozen=True)
class RevisionInfo:
    revision: int
    saved_at: datetime
    title: str
    word_count: int


#: Core tables, for executemany inserts that skip the ORM's per-row work.
_TABLES = Base.metadata.tables

_SUMMARY_COLUMNS = (
    ArticleRow.id,
    ArticleRow.title,
    ArticleRow.status,
    ArticleRow.category,
    ArticleRow.tags_json,
    ArticleRow.date_utc,
    ArticleRow.date_offset_seconds,
    ArticleRow.date_zone,
    ArticleRow.updated_at,
    ArticleRow.word_count,
    ArticleRow.revision,
    ArticleRow.byline,
)


def _summary(row: Any) -> ArticleSummary:
    return ArticleSummary(
        id=row.id,
        title=row.title,
        status=Status(row.status),
        category=row.category,
        tags=list(json.loads(row.tags_json)),
        date=decode_date(row.date_utc, row.date_offset_seconds, row.date_zone),
        updated_at=row.updated_at,
        word_count=row.word_count,
        revision=row.revision,
        byline=row.byline,
    )


def _row_values(article: Article) -> dict[str, Any]:
    """Column values for an article (everything but pk, revision and times)."""
    date_utc, offset, zone = encode_date(article.date)
    return {
        "id": article.id,
        "title": article.title,
        "standfirst": article.standfirst,
        "body": article.body,
        "category": article.category,
        "byline": article.byline,
        "source": article.source,
        "dateline": article.dateline,
        "slug": article.slug,
        "language": article.language.value,
        "status": article.status.value,
        "tags_json": json.dumps(list(article.tags), ensure_ascii=False),
        "featured_image_json": (
            None
            if article.featured_image is None
            else json.dumps(featured_to_json(article.featured_image), ensure_ascii=False)
        ),
        "extra_json": json.dumps(article.extra, ensure_ascii=False, default=str),
        "date_utc": date_utc,
        "date_offset_seconds": offset,
        "date_zone": zone,
        # The same count as the editor's status bar, so the list agrees with it.
        "word_count": article_word_count(article),
    }


def _article(row: ArticleRow) -> Article:
    featured: FeaturedImage | None = None
    if row.featured_image_json is not None:
        featured = featured_from_json(json.loads(row.featured_image_json))
    return Article(
        id=row.id,
        title=row.title,
        standfirst=row.standfirst,
        body=row.body,
        category=row.category,
        tags=list(json.loads(row.tags_json)),
        byline=row.byline,
        source=row.source,
        dateline=row.dateline,
        date=decode_date(row.date_utc, row.date_offset_seconds, row.date_zone),
        language=Language(row.language),
        slug=row.slug,
        status=Status(row.status),
        featured_image=featured,
        created_at=row.created_at,
        updated_at=row.updated_at,
        revision=row.revision,
        extra=dict(json.loads(row.extra_json)),
    )


class Store:
    """The article database. Build it with :meth:`Store.open`."""

    def __init__(self, paths: Paths, engine: Engine) -> None:
        self.paths = paths
        self._engine = engine
        self._read = sessionmaker(engine, expire_on_commit=False)
        self._write = sessionmaker(
            engine.execution_options(**{schema.WRITE_OPTION: True}), expire_on_commit=False
        )

    # -- opening and closing -------------------------------------------------

    @classmethod
    def open(cls, paths: Paths) -> Store:
        """Open (creating or upgrading) the store under ``paths``.

        Raises StoreError when the file is not a newsdesk database, was
        written by a newer newsdesk, or cannot be read; the file is then left
        exactly as it was.
        """
        try:
            paths.ensure()
        except OSError as error:
            raise StoreError(str(paths.root), StoreError.UNREADABLE, str(error)) from error
        database = paths.database
        schema.check_header(database)
        engine = schema.make_engine(database)
        try:
            cls._prepare(paths, engine)
        except StoreError:
            engine.dispose()
            raise
        except OperationalError as error:
            engine.dispose()
            raise StoreError(str(database), StoreError.UNREADABLE, str(error.orig)) from error
        except DatabaseError as error:
            engine.dispose()
            raise StoreError(str(database), StoreError.NOT_A_DATABASE, str(error.orig)) from error
        return cls(paths, engine)

    @staticmethod
    def _prepare(paths: Paths, engine: Engine) -> None:
        database = paths.database
        with engine.connect() as connection:
            current = schema.current_revision(connection)
            connection.rollback()
        if current == schema.HEAD:
            return
        if current is not None and current not in schema.known_revisions():
            raise StoreError(str(database), StoreError.TOO_NEW, f"schema {current}")
        if current is not None:
            # An upgrade rewrites tables: keep the reporter's data as it was first.
            _backup_file(database, paths.backups, label=f"before-{schema.HEAD}")
        schema.migrate(engine)

    def close(self) -> None:
        try:
            raw = self._engine.raw_connection()
            try:
                driver = raw.driver_connection
                assert isinstance(driver, sqlite3.Connection)
                driver.execute("PRAGMA optimize")
                # Folds the WAL back into the main file: a closed store is one file.
                driver.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            finally:
                raw.close()
        except sqlite3.OperationalError:
            pass  # another process holds the database; its close will checkpoint
        self._engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    @contextmanager
    def writing(self) -> Iterator[Session]:
        """A session in a write transaction (BEGIN IMMEDIATE), committed on exit.

        For repositories of other tables in the same file (the outbox, the
        sites...): their writes then share the store's locking and can join
        an article change in one transaction. Keep it short: other windows
        and the CLI wait while it is open.
        """
        try:
            with self._write.begin() as session:
                yield session
        except OperationalError as error:
            raise self._unavailable(error) from error

    @contextmanager
    def reading(self) -> Iterator[Session]:
        """A session in a read transaction: a consistent snapshot, nothing written."""
        try:
            with self._read.begin() as session:
                yield session
        except OperationalError as error:
            raise self._unavailable(error) from error

    def _unavailable(self, error: OperationalError) -> StoreError:
        # Locked past the busy timeout, disk full, file gone: the transaction
        # was rolled back, nothing half-written; say so in the store's terms.
        return StoreError(str(self.paths.database), StoreError.UNREADABLE, str(error.orig))

    # Older names, still used inside the package.
    _writing = writing
    _reading = reading

    # -- articles ------------------------------------------------------------

    def create(self, article: Article) -> Article:
        """Store a new article as revision 1 and return the stored copy."""
        now = utcnow()
        stored = _storable(article)
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
            copy = _storable(article)
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
            values = _row_values(article)
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
        session.execute(insert(_TABLES["articles"]), rows)
        tag_ids = self._tag_ids(session, {tag for a in articles for tag in a.tags if tag.strip()})
        links = [
            {"article_pk": pk, "position": position, "tag_id": tag_ids[tag]}
            for pk, article in zip(pks, articles, strict=True)
            for position, tag in enumerate(article.tags)
            if tag.strip()
        ]
        if links:
            session.execute(insert(_TABLES["article_tags"]), links)
        session.execute(
            insert(_TABLES["revisions"]),
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
            text(
                "INSERT INTO articles_fts(rowid, title, standfirst, body, tags, byline) "
                "VALUES (:pk, :title, :standfirst, :body, :tags, :byline)"
            ),
            [_fts_values(pk, article) for pk, article in zip(pks, articles, strict=True)],
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
            current = _article(row)
            article = self._keep_site_state(session, row.pk, current, article)
            if current.content_equals(article):
                return current
            stored = _storable(article)
            stored.revision = row.revision + 1
            stored.updated_at = utcnow()
            stored.created_at = current.created_at
            values = _row_values(stored)
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
                text(
                    "INSERT INTO articles_fts(rowid, title, standfirst, body, tags, byline) "
                    "VALUES (:pk, :title, :standfirst, :body, :tags, :byline)"
                ),
                _fts_values(row.pk, stored),
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
                insert(_TABLES["article_tags"]),
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
            return _article(self._live_row(session, article_id))

    def delete(self, article_id: str) -> None:
        """Move an article to the trash: gone from lists and search, kept on disk."""
        with self._writing() as session:
            row = self._live_row(session, article_id)
            row.deleted_at = utcnow()
            session.execute(text("DELETE FROM articles_fts WHERE rowid = :pk"), {"pk": row.pk})

    def trash(self) -> list[ArticleSummary]:
        """Articles in the trash, most recently deleted first."""
        query = (
            select(*_SUMMARY_COLUMNS)
            .where(ArticleRow.deleted_at.is_not(None))
            .order_by(ArticleRow.deleted_at.desc(), ArticleRow.pk.desc())
        )
        with self._reading() as session:
            return [_summary(row) for row in session.execute(query)]

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
            article = _article(row)
            session.execute(
                text(
                    "INSERT INTO articles_fts(rowid, title, standfirst, body, tags, byline) "
                    "VALUES (:pk, :title, :standfirst, :body, :tags, :byline)"
                ),
                _fts_values(row.pk, article),
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

    def count_articles(self) -> int:
        with self._reading() as session:
            return (
                session.scalar(
                    select(func.count())
                    .select_from(ArticleRow)
                    .where(ArticleRow.deleted_at.is_(None))
                )
                or 0
            )

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
        query = select(*_SUMMARY_COLUMNS).where(ArticleRow.deleted_at.is_(None))
        if status is not None:
            query = query.where(ArticleRow.status == Status(status).value)
        if category is not None:
            query = query.where(ArticleRow.category == category)
        if tag is not None:
            query = query.where(ArticleRow.pk.in_(_tagged(tag)))
        query = query.order_by(ArticleRow.updated_at.desc(), ArticleRow.pk.desc())
        if limit is not None:
            query = query.limit(limit)
        if offset:
            query = query.offset(offset).limit(limit if limit is not None else -1)
        with self._reading() as session:
            return [_summary(row) for row in session.execute(query)]

    # -- search --------------------------------------------------------------

    def search(
        self,
        query: str,
        *,
        status: Status | None = None,
        tag: str | None = None,
        category: str | None = None,
        limit: int = 50,
    ) -> list[SearchHit]:
        """Best matches first; any text is a valid query. No words: the plain list."""
        expression = match_expression(query)
        if expression is None:
            return self._listing_hits(status=status, tag=tag, category=category, limit=limit)
        broad = is_broad(query)
        sql = [
            "SELECT a.id, a.title, a.status, a.category, a.tags_json, a.date_utc,",
            "  a.date_offset_seconds, a.date_zone, a.updated_at, a.word_count, a.revision,",
            "  a.byline,",
            "  snippet(articles_fts, -1, :start, :end, :ellipsis, :tokens) AS marked,",
            "  0.0 AS score" if broad else "  articles_fts.rank AS score",
            "FROM articles_fts JOIN articles AS a ON a.pk = articles_fts.rowid",
            "WHERE articles_fts MATCH :match AND a.deleted_at IS NULL",
        ]
        params: dict[str, Any] = {
            "match": expression,
            "start": MATCH_START,
            "end": MATCH_END,
            "ellipsis": ELLIPSIS,
            "tokens": SNIPPET_TOKENS,
            "limit": max(0, limit),
        }
        if status is not None:
            sql.append("AND a.status = :status")
            params["status"] = Status(status).value
        if category is not None:
            sql.append("AND a.category = :category")
            params["category"] = category
        if tag is not None:
            sql.append(
                "AND a.pk IN (SELECT at.article_pk FROM article_tags AS at"
                " JOIN tags AS t ON t.id = at.tag_id WHERE t.key = :tag)"
            )
            params["tag"] = fold(tag)
        if broad:
            # Newest first by key, which FTS5 walks in order without scoring.
            sql.append("ORDER BY articles_fts.rowid DESC LIMIT :limit")
        else:
            # ORDER BY rank (not bm25()) lets FTS5 sort internally, so
            # snippet() only runs for the rows that are returned.
            sql.append("ORDER BY articles_fts.rank LIMIT :limit")
        hits: list[SearchHit] = []
        with self._reading() as session:
            for row in session.execute(text("\n".join(sql)), params):
                summary = ArticleSummary(
                    id=row.id,
                    title=row.title,
                    status=Status(row.status),
                    category=row.category,
                    tags=list(json.loads(row.tags_json)),
                    date=decode_date(row.date_utc, row.date_offset_seconds, row.date_zone),
                    updated_at=parse_utc_text(row.updated_at),
                    word_count=row.word_count,
                    revision=row.revision,
                    byline=row.byline,
                )
                snippet, spans = parse_snippet(row.marked or "")
                hits.append(SearchHit(summary, snippet, spans, -float(row.score)))
        return hits

    def _listing_hits(
        self, *, status: Status | None, tag: str | None, category: str | None, limit: int
    ) -> list[SearchHit]:
        summaries = self.list_articles(status=status, tag=tag, category=category, limit=limit)
        if not summaries:
            return []
        with self._reading() as session:
            rows = session.execute(
                select(
                    ArticleRow.id,
                    ArticleRow.standfirst,
                    # The body only when there is no standfirst, and only its start.
                    func.substr(ArticleRow.body, 1, 400),
                ).where(ArticleRow.id.in_([s.id for s in summaries]))
            )
            openings = {
                article_id: standfirst.strip() or opening
                for article_id, standfirst, opening in rows
            }
        return [SearchHit(s, plain_excerpt(openings.get(s.id, "")), [], 0.0) for s in summaries]

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

    # -- revisions -----------------------------------------------------------

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
        try:
            self.paths.backups.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise StoreError(str(self.paths.backups), StoreError.UNREADABLE, str(error)) from error
        raw = self._engine.raw_connection()
        try:
            source = raw.driver_connection
            assert isinstance(source, sqlite3.Connection)
            target = _write_backup(source, self.paths.backups, label="")
        finally:
            raw.close()
        _rotate(self.paths.backups)
        return target


def _storable(article: Article) -> Article:
    """A private copy of ``article``, or InvalidDocument if SQLite cannot hold its text.

    Text with lone surrogates (half of an emoji cut by a bad paste) cannot be
    encoded to UTF-8: refused with a clear error before anything is written.
    """
    try:
        article_to_json(article).encode("utf-8")
    except UnicodeEncodeError as error:
        raise InvalidDocument(
            f"text with an invalid character at position {error.start} cannot be stored"
        ) from error
    return copy_article(article)


def _tagged(tag: str) -> Any:
    return (
        select(ArticleTagRow.article_pk)
        .join(TagRow, TagRow.id == ArticleTagRow.tag_id)
        .where(TagRow.key == fold(tag))
    )


def _fts_values(pk: int, article: Article) -> dict[str, Any]:
    return {
        "pk": pk,
        "title": article.title,
        "standfirst": article.standfirst,
        "body": article.body,
        "tags": " ".join(article.tags),
        "byline": article.byline,
    }


def _backup_name(label: str) -> str:
    stamp = utc_text(utcnow()).replace("-", "").replace(":", "").replace(" ", "-").replace(".", "-")
    return f"newsdesk-{stamp}{'-' + label if label else ''}.sqlite3"


def _write_backup(source: sqlite3.Connection, folder: Path, label: str) -> Path:
    target = folder / _backup_name(label)
    partial = target.with_suffix(".partial")
    try:
        destination = sqlite3.connect(partial)
        try:
            # The backup API copies a consistent snapshot even while others write.
            source.backup(destination)
        finally:
            destination.close()
        os.replace(partial, target)
    except (sqlite3.Error, OSError) as error:
        # A full disk must not leave half a backup that rotation would count.
        partial.unlink(missing_ok=True)
        raise StoreError(str(target), StoreError.UNREADABLE, str(error)) from error
    return target


def _backup_file(database: Path, folder: Path, label: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    source = sqlite3.connect(database)
    try:
        return _write_backup(source, folder, label)
    finally:
        source.close()


def _rotate(folder: Path) -> None:
    # Names start with a fixed-width UTC time: name order is age order.
    backups = sorted(folder.glob("newsdesk-*.sqlite3"))
    for old in backups[:-BACKUPS_KEPT]:
        old.unlink(missing_ok=True)
