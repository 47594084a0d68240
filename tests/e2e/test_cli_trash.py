"""``newsdesk delete``, ``trash`` and ``undelete``: the real program, on a real store."""

from __future__ import annotations

from pathlib import Path

from newsdesk.paths import Paths
from newsdesk.storage.store import Store
from tests.e2e.test_cli import Newsdesk, assert_one_error_line, lavrov, newsdesk  # noqa: F401


def test_delete_lists_in_the_trash_and_undelete_brings_it_back(
    newsdesk: Newsdesk,  # noqa: F811
    lavrov: Path,  # noqa: F811
) -> None:
    article_id = newsdesk.ok("import", str(lavrov)).strip()
    assert newsdesk.json("trash") == {"articles": []}
    empty = newsdesk("trash")
    assert empty.returncode == 0 and empty.stdout == ""
    assert empty.stderr == "La corbeille est vide.\n"

    said = newsdesk.ok("delete", article_id[:8])
    assert said.startswith(f"Mis à la corbeille\u00a0: {article_id} · Mali")
    assert f"newsdesk undelete {article_id[:8]}" in said
    assert newsdesk.json("list") == {"articles": []}
    assert newsdesk.json("search", "lavrov")["hits"] == []
    [summary] = newsdesk.json("trash")["articles"]
    assert summary["id"] == article_id
    assert summary["title"].startswith("Mali : Sergueï Lavrov")
    assert set(summary) >= {"id", "title", "status", "category", "tags", "date", "updated_at",
                            "word_count", "revision", "byline"}  # fmt: skip
    assert newsdesk.ok("trash").startswith(article_id[:8])
    # In the trash, an article is not shown, exported or deleted again.
    assert "Aucun article ne correspond" in assert_one_error_line(newsdesk("show", article_id))
    assert_one_error_line(newsdesk("delete", article_id))

    back = newsdesk.ok("undelete", article_id[:6])
    assert back == f"Sorti de la corbeille\u00a0: {article_id} · {summary['title']}\n"
    assert newsdesk.json("trash") == {"articles": []}
    assert [a["id"] for a in newsdesk.json("list")["articles"]] == [article_id]
    assert [h["article"]["id"] for h in newsdesk.json("search", "serguei")["hits"]] == [article_id]
    with Store.open(Paths(newsdesk.home)) as store:
        assert store.get(article_id).revision == summary["revision"]


def test_undelete_of_an_article_not_in_the_trash_says_so(
    newsdesk: Newsdesk,  # noqa: F811
    lavrov: Path,  # noqa: F811
) -> None:
    article_id = newsdesk.ok("import", str(lavrov)).strip()
    line = assert_one_error_line(newsdesk("undelete", article_id))
    assert (
        line
        == f"newsdesk: Aucun article de la corbeille ne correspond à «\u00a0{article_id}\u00a0»."
    )
    english = newsdesk("undelete", "abc", language="en_GB.UTF-8")
    assert english.stderr == "newsdesk: No article in the trash matches 'abc'.\n"
    assert [a["id"] for a in newsdesk.json("list")["articles"]] == [article_id]


def test_the_three_commands_are_in_the_help(newsdesk: Newsdesk) -> None:  # noqa: F811
    shown = newsdesk.ok("--help")
    for name in ("delete", "trash", "undelete"):
        assert name in shown
    assert "corbeille" in newsdesk.ok("trash", "--help")
