"""The search room: the store's full-text search over FTS5, ranked hits with snippets.

``search.py`` turns what the reporter types into a safe FTS5 expression;
this room runs it against ``articles_fts`` and shapes the hits.
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select, text

from newsdesk.core.article import Status
from newsdesk.core.folding import fold

from .articles import ArticlesRoom
from .models import ArticleRow
from .rows import ArticleSummary
from .search import (
    ELLIPSIS,
    MATCH_END,
    MATCH_START,
    is_broad,
    match_expression,
    parse_snippet,
    plain_excerpt,
)
from .serialize import decode_date, parse_utc_text

#: Words of context FTS5 gives around a match in a snippet.
SNIPPET_TOKENS = 24
#: Matches ranked, at most: the newest ones (by key, that is by creation). bm25 scores
#: every match it ranks: a word in most of 100,000 articles cost 100-240 ms ranked
#: in full, 10-30 ms within its 1,000 newest matches. Below that many matches the
#: ranking is the same as in full.
RANK_WINDOW = 1_000


@dataclass(frozen=True)
class SearchHit:
    article: ArticleSummary
    #: Plain text, one line, with "…" where it was cut.
    snippet: str
    #: (start, end) character spans of the matched words in ``snippet``.
    highlights: list[tuple[int, int]]
    #: Higher is better (the negated bm25 score); 0.0 for a listing without words.
    rank: float


class SearchRoom(ArticlesRoom):
    """Full-text search (see :class:`newsdesk.storage.store.Store`)."""

    def search(
        self,
        query: str,
        *,
        status: Status | None = None,
        tag: str | None = None,
        category: str | None = None,
        limit: int = 50,
    ) -> list[SearchHit]:
        """Best matches first; any text is a valid query. No words: the plain list.

        The last word typed is also the start of longer ones (``tillab`` finds
        « Tillabéri »). When it is already a whole word with ``limit`` matches or
        more, those are the hits, the articles that hold the word itself: FTS5 then
        reads that one word's list, where a prefix merges the lists of every word it
        begins (« ministre » in 80,000 of 100,000 articles: 3 ms instead of 14).
        """
        expression = match_expression(query)
        if expression is None:
            return self._listing_hits(status=status, tag=tag, category=category, limit=limit)
        broad = is_broad(query)
        rank = functools.partial(self._ranked, status=status, tag=tag, category=category)
        whole = match_expression(query, prefix=False)
        if not broad and whole is not None and whole != expression:
            hits = rank(whole, broad=False, limit=limit)
            if len(hits) >= limit:
                return hits
        return rank(expression, broad=broad, limit=limit)

    def _ranked(
        self,
        expression: str,
        *,
        broad: bool,
        status: Status | None,
        tag: str | None,
        category: str | None,
        limit: int,
    ) -> list[SearchHit]:
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
        filters: list[str] = []
        if status is not None:
            filters.append("AND a.status = :status")
            params["status"] = Status(status).value
        if category is not None:
            filters.append("AND a.category = :category")
            params["category"] = category
        if tag is not None:
            filters.append(
                "AND a.pk IN (SELECT at.article_pk FROM article_tags AS at"
                " JOIN tags AS t ON t.id = at.tag_id WHERE t.key = :tag)"
            )
            params["tag"] = fold(tag)
        sql += filters
        hits: list[SearchHit] = []
        with self._reading() as session:
            if broad:
                # Newest first by key, which FTS5 walks in order without scoring.
                sql.append("ORDER BY articles_fts.rowid DESC LIMIT :limit")
            else:
                # Only the newest RANK_WINDOW matches are ranked: the key of the last
                # of them, found by walking the matches newest first (no scoring).
                floor = session.execute(
                    text(
                        "\n".join(
                            [
                                "SELECT articles_fts.rowid FROM articles_fts",
                                "JOIN articles AS a ON a.pk = articles_fts.rowid",
                                "WHERE articles_fts MATCH :match AND a.deleted_at IS NULL",
                                *filters,
                                "ORDER BY articles_fts.rowid DESC LIMIT 1 OFFSET :window",
                            ]
                        )
                    ),
                    {**params, "window": RANK_WINDOW - 1},
                ).scalar()
                if floor is not None:
                    sql.append("AND articles_fts.rowid >= :floor")
                    params["floor"] = floor
                # ORDER BY rank (not bm25()) lets FTS5 sort internally, so
                # snippet() only runs for the rows that are returned.
                sql.append("ORDER BY articles_fts.rank LIMIT :limit")
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
