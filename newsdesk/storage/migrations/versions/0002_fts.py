"""Full-text search: an FTS5 index over headline, standfirst, body, tags, byline.

Revision ID: 0002
Revises: 0001

``unicode61 remove_diacritics 2`` folds case and accents, so ``serguei`` finds
« Sergueï ». The index keeps its own copy of the text (not external content):
it costs disk, but snippet() never reads a row that changed under it, and the
store rewrites an article's entry in the same transaction as the save.
Existing articles are indexed here, so a store from 0001 is searchable at once.

``prefix = '2'`` keeps an index of two-letter prefixes: search-as-you-type
sends ``co*`` after two keystrokes, and without it FTS5 merges the lists of
every word starting with « co » (twice as slow at 10,000 articles).
"""

from __future__ import annotations

from alembic import op

revision = "0002"
down_revision: str | None = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute(
        "CREATE VIRTUAL TABLE articles_fts USING fts5("
        "title, standfirst, body, tags, byline, "
        "tokenize = 'unicode61 remove_diacritics 2', prefix = '2')"
    )
    # The headline weighs most, then the standfirst and tags: a word in the
    # title says more about what the piece is about than one deep in the body.
    op.execute(
        "INSERT INTO articles_fts(articles_fts, rank) "
        "VALUES ('rank', 'bm25(10.0, 4.0, 1.0, 3.0, 2.0)')"
    )
    op.execute(
        "INSERT INTO articles_fts(rowid, title, standfirst, body, tags, byline) "
        "SELECT a.pk, a.title, a.standfirst, a.body, "
        "  COALESCE((SELECT group_concat(t.name, ' ') FROM article_tags AS at "
        "            JOIN tags AS t ON t.id = at.tag_id WHERE at.article_pk = a.pk), ''), "
        "  a.byline "
        "FROM articles AS a WHERE a.deleted_at IS NULL"
    )


def downgrade() -> None:
    op.execute("DROP TABLE articles_fts")
