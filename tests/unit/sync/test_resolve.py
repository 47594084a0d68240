"""Settling conflicts: the three-way merge itself, and each choice on a real store."""

from __future__ import annotations

from newsdesk.core.article import Article
from newsdesk.publishing.marker import extract_marker
from newsdesk.storage import outbox_repo as repo
from newsdesk.sync import outbox
from newsdesk.sync.resolve import merge_articles, merge_list, merge_text, resolve_conflict
from tests.unit.sync.conftest import PASSWORD, Desk

BASE = "Premier paragraphe.\n\nDeuxième paragraphe.\n\nTroisième paragraphe.\n"


def test_changes_to_different_paragraphs_merge_cleanly() -> None:
    mine = BASE.replace("Premier", "Tout premier")
    theirs = BASE.replace("Troisième", "Dernier")
    merged, clean = merge_text(BASE, mine, theirs)
    assert clean
    assert merged == "Tout premier paragraphe.\n\nDeuxième paragraphe.\n\nDernier paragraphe.\n"


def test_the_same_lines_changed_on_both_sides_keep_both_with_markers() -> None:
    mine = BASE.replace("Deuxième", "Second")
    theirs = BASE.replace("Deuxième", "2e")
    merged, clean = merge_text(BASE, mine, theirs)
    assert not clean
    assert "<<<<<<< newsdesk\nSecond paragraphe.\n=======\n2e paragraphe.\n>>>>>>> site\n" in merged
    assert merged.startswith("Premier paragraphe.\n")


def test_one_sided_and_identical_changes_need_no_markers() -> None:
    assert merge_text(BASE, BASE, "autre\n") == ("autre\n", True)
    assert merge_text(BASE, "mien\n", BASE) == ("mien\n", True)
    assert merge_text(BASE, "pareil\n", "pareil\n") == ("pareil\n", True)


def test_tags_added_and_removed_on_either_side() -> None:
    assert merge_list(["Mali", "Niger"], ["Mali", "Niger", "Sahel"], ["Mali"]) == [
        "Mali",
        "Sahel",
    ]
    assert merge_list(["Mali"], ["Mali", "Russie"], ["Mali", "Bamako"]) == [
        "Mali",
        "Russie",
        "Bamako",
    ]


def test_merge_takes_each_field_from_the_side_that_changed_it() -> None:
    base = Article(title="Titre", standfirst="Chapeau", body=BASE, byline="A.", tags=["Mali"])
    mine = Article(
        id=base.id, title="Titre", standfirst="Chapeau revu", body=BASE, byline="A.", tags=["Mali"]
    )
    theirs = Article(
        id=base.id, title="Titre corrigé", standfirst="Chapeau", body=BASE, byline="A. Y.",
        tags=["Mali", "Sahel"],
    )  # fmt: skip
    merged, clean = merge_articles(base, base, mine, theirs)
    assert clean
    assert (merged.title, merged.standfirst, merged.byline) == (
        "Titre corrigé",
        "Chapeau revu",
        "A. Y.",
    )
    assert merged.tags == ["Mali", "Sahel"]


def _conflicted(desk: Desk) -> tuple[str, int]:
    article = desk.article()
    outbox.queue_publish(desk.store, article.id, "actu")
    desk.worker().drain()
    [post_id] = [
        i for i, p in desk.wp.posts.items() if extract_marker(p["content"])[0] == article.id
    ]
    desk.wp.posts[post_id]["title"] = "Titre changé par l’éditeur"
    article.body += "\n\nAjout du reporter.\n"
    article = desk.store.save(article)
    outbox.queue_publish(desk.store, article.id, "actu")
    [result] = desk.worker().drain().results
    assert result.state == repo.CONFLICT
    return article.id, post_id


def _publisher(desk: Desk):  # type: ignore[no-untyped-def]
    return desk.publisher(repo.get_site(desk.store, "actu").account, PASSWORD)


def test_keep_mine_pushes_the_reporters_version(desk: Desk) -> None:
    article_id, post_id = _conflicted(desk)
    resolve_conflict(desk.store, article_id, "actu", "keep_mine", publisher=_publisher(desk))
    assert [r.state for r in desk.worker().drain().results] == [repo.DONE]
    post = desk.wp.posts[post_id]
    assert "Lavrov" in post["title"]
    assert "Ajout du reporter." in post["content"]


def test_take_theirs_makes_a_new_local_revision_and_sends_nothing(desk: Desk) -> None:
    article_id, _post_id = _conflicted(desk)
    before = desk.store.get(article_id)
    sent = len(desk.wp.requests)
    resolution = resolve_conflict(
        desk.store, article_id, "actu", "take_theirs", publisher=_publisher(desk)
    )
    assert resolution.article.title == "Titre changé par l’éditeur"
    assert desk.store.get(article_id).revision == before.revision + 1
    assert "Ajout du reporter." not in desk.store.get(article_id).body
    assert desk.worker().drain().results == []
    assert all(r.method == "GET" for r in desk.wp.requests[sent:])
    assert outbox.remote_state(desk.store, article_id).state == "on_site"


def test_merge_brings_both_changes_and_pushes(desk: Desk) -> None:
    article_id, post_id = _conflicted(desk)
    resolution = resolve_conflict(
        desk.store, article_id, "actu", "merge", publisher=_publisher(desk)
    )
    assert resolution.clean
    assert resolution.article.title == "Titre changé par l’éditeur"
    assert "Ajout du reporter." in resolution.article.body
    assert [r.state for r in desk.worker().drain().results] == [repo.DONE]
    post = desk.wp.posts[post_id]
    assert post["title"] == "Titre changé par l’éditeur"
    assert "Ajout du reporter." in post["content"]


def test_a_merge_with_markers_is_saved_but_never_sent(desk: Desk) -> None:
    article_id, post_id = _conflicted(desk)
    # The site also changed the title the reporter changes now: the same line, twice.
    article = desk.store.get(article_id)
    article.title = "Titre du reporter"
    desk.store.save(article)
    content_before = desk.wp.posts[post_id]["content"]
    resolution = resolve_conflict(
        desk.store, article_id, "actu", "merge", publisher=_publisher(desk)
    )
    assert not resolution.clean
    assert "<<<<<<< newsdesk" in desk.store.get(article_id).title
    assert resolution.entry.state == repo.FAILED
    assert resolution.entry.last_error_code == "merge_markers"
    assert desk.worker().drain().results == []
    assert desk.wp.posts[post_id]["content"] == content_before
    # Once the reporter settles the title, publishing again goes through.
    article = desk.store.get(article_id)
    article.title = "Titre réglé"
    article = desk.store.save(article)
    outbox.queue_publish(desk.store, article.id, "actu")
    assert [r.state for r in desk.worker().drain().results] == [repo.DONE]
    assert desk.wp.posts[post_id]["title"] == "Titre réglé"


def test_a_post_trashed_on_the_site_is_not_brought_back(desk: Desk) -> None:
    article = desk.article()
    outbox.queue_publish(desk.store, article.id, "actu")
    desk.worker().drain()
    [post] = desk.wp.posts.values()
    post["status"] = "trash"
    outbox.queue_publish(desk.store, article.id, "actu")
    [result] = desk.worker().drain().results
    assert result.state == repo.CONFLICT
    assert post["status"] == "trash"


def test_keep_mine_pushes_even_without_a_local_edit(desk: Desk) -> None:
    article = desk.article()
    outbox.queue_publish(desk.store, article.id, "actu")
    desk.worker().drain()
    [post] = desk.wp.posts.values()
    post["title"] = "Titre changé par l’éditeur"
    outbox.queue_publish(desk.store, article.id, "actu")  # the same revision, again
    [result] = desk.worker().drain().results
    assert result.state == repo.CONFLICT
    resolve_conflict(desk.store, article.id, "actu", "keep_mine", publisher=_publisher(desk))
    assert [r.state for r in desk.worker().drain().results] == [repo.DONE]
    assert "Lavrov" in post["title"]
