"""The window's first read: the last article, read without SQLAlchemy, is the store's own."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from dataclasses import replace
from datetime import datetime
from pathlib import Path

import pytest

from newsdesk.core.article import Article, Language, Status
from newsdesk.paths import Paths
from newsdesk.storage.first_read import read_article
from newsdesk.storage.store import Store


def test_it_reads_exactly_what_the_store_gives(store: Store, lavrov: Article) -> None:
    shapes = [
        lavrov,
        replace(lavrov, id="", featured_image=None, extra={}, tags=[], date=None),
        # A date without an offset is kept as written (naive), never given a zone.
        replace(lavrov, id="", date=datetime(2024, 3, 1, 7, 0), language=Language.EN),
        replace(lavrov, id="", status=Status.DRAFT, body="", title="Sans texte"),
    ]
    for shape in shapes:
        article = store.create(shape if shape.id else replace(shape, id=Article().id))
        saved = store.save(replace(article, body=article.body + "\n\nUne ligne de plus."))
        assert read_article(store.paths, saved.id) == store.get(saved.id)


def test_nothing_when_it_is_not_there(store: Store, lavrov: Article) -> None:
    trashed = store.create(lavrov)
    store.delete(trashed.id)
    assert read_article(store.paths, trashed.id) is None
    assert read_article(store.paths, "no-such-article") is None
    assert read_article(store.paths, "") is None


def test_no_file_is_created(tmp_path: Path) -> None:
    paths = Paths(tmp_path / "fresh")
    assert read_article(paths, "3f2a9c1e") is None
    assert not paths.database.exists()


def test_a_schema_this_newsdesk_did_not_write_is_left_to_the_store(
    store: Store, lavrov: Article
) -> None:
    article = store.create(lavrov)
    store.close()
    with sqlite3.connect(store.paths.database) as connection:
        connection.execute("UPDATE alembic_version SET version_num = '9999'")
    assert read_article(store.paths, article.id) is None


@pytest.mark.parametrize("content", [b"", b"not a database at all, just some text" * 20])
def test_a_file_that_is_not_a_store_gives_nothing(paths: Paths, content: bytes) -> None:
    paths.database.write_bytes(content)
    assert read_article(paths, "3f2a9c1e") is None
    assert paths.database.read_bytes() == content


def test_it_imports_neither_sqlalchemy_nor_alembic(store: Store, lavrov: Article) -> None:
    article = store.create(lavrov)
    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "from newsdesk.paths import Paths\n"
        "from newsdesk.storage.first_read import read_article\n"
        f"assert read_article(Paths(Path({str(store.paths.root)!r})), {article.id!r})\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('sqlalchemy', 'alembic')))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert done.stdout.strip() == "[]"
