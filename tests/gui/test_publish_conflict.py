"""The conflict view: the editor changed the post on the site, the reporter changed the
article; the window shows both and settles it the way the reporter chose, on the real site."""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest

from newsdesk.core.article import Article
from newsdesk.storage import outbox_repo as repo
from newsdesk.storage.store import Store
from newsdesk.sync import outbox
from newsdesk.ui.conflict_dialog import ConflictDialog, diff_html
from tests.gui.conftest import WindowFactory
from tests.integration.conftest import wordpress, wp  # noqa: F401  (fixtures)
from tests.integration.publish_helpers import (
    SITE,
    admin_get,
    as_editor,
    make_desk,
    posts_with_marker,
)
from tests.wordpress.harness import WordPress

pytestmark = [pytest.mark.gui]

EDITOR_TITLE = "Mali : Sergueï Lavrov attendu à Bamako ce lundi"


def test_the_dialog_shows_both_sides_and_marks_what_differs(qtbot: Any) -> None:
    mine = Article(title="Lavrov à Bamako", standfirst="Le chapeau.", body="Texte (mise à jour)\n")
    theirs = dataclasses.replace(mine, title="Lavrov à Bamako ce lundi", body="Texte\n")
    dialog = ConflictDialog(mine, theirs, SITE)
    qtbot.addWidget(dialog)
    assert "ce lundi" in dialog.views[("title", "theirs")].toPlainText()
    assert "ce lundi" not in dialog.views[("title", "mine")].toPlainText()
    assert "mise à jour" in dialog.views[("body", "mine")].toPlainText()
    # Only the differing words are highlighted; the standfirst, the same, is not.
    assert "background" in dialog.views[("title", "theirs")].toHtml()
    assert "background" not in diff_html("Le chapeau.", "Le chapeau.", "mine")
    assert "<span" in diff_html("a b c", "a x c", "theirs")


@pytest.mark.parametrize(
    ("button", "choice"),
    [("keep_button", "keep_mine"), ("take_button", "take_theirs"), ("merge_button", "merge")],
)
def test_each_button_answers_its_choice(qtbot: Any, button: str, choice: str) -> None:
    dialog = ConflictDialog(Article(title="a"), Article(title="b"), SITE)
    qtbot.addWidget(dialog)
    dialog.open()
    with qtbot.waitSignal(dialog.finished):
        getattr(dialog, button).click()
    assert dialog.choice == choice


def test_cancel_chooses_nothing(qtbot: Any) -> None:
    dialog = ConflictDialog(Article(title="a"), Article(title="b"), SITE)
    qtbot.addWidget(dialog)
    dialog.open()
    with qtbot.waitSignal(dialog.finished):
        dialog.reject()
    assert dialog.choice is None


def _conflict(site: WordPress, store: Store) -> tuple[Any, Article, int]:
    """Published, then the editor changed the title on the site while the reporter
    added to the last paragraph and asked for an update."""
    desk = make_desk(site, store)
    article = desk.lavrov()
    outbox.queue_publish(store, article.id, SITE)
    desk.drain()
    [(post_id, _status)] = posts_with_marker(site, article.id)
    as_editor(site, "POST", f"/wp/v2/posts/{post_id}", {"title": EDITOR_TITLE})
    article = store.get(article.id)
    paragraphs = article.body.rstrip("\n").split("\n\n")
    paragraphs[-1] += " (mise à jour)"
    article.body = "\n\n".join(paragraphs) + "\n"
    article = store.save(article)
    outbox.queue_publish(store, article.id, SITE)
    [result] = desk.drain().results
    assert result.state == repo.CONFLICT
    return desk, article, post_id


@pytest.mark.webengine
@pytest.mark.wordpress
@pytest.mark.parametrize("choice", ["keep_mine", "take_theirs", "merge"])
def test_the_three_buttons_settle_the_conflict_on_the_real_site(
    windows: WindowFactory,
    qtbot: Any,
    store: Store,
    wp: WordPress,  # noqa: F811
    choice: str,
) -> None:
    desk, article, post_id = _conflict(wp, store)
    window = windows.open(credentials=desk.credentials)
    publish = window.publish
    with qtbot.waitSignal(
        publish.state_shown, timeout=10000, check_params_cb=lambda line: line is not None
    ) as shown:
        window.open_article(article.id)
    assert shown.args[0].state == "conflict"
    assert publish.resolve_action.isVisible()
    assert publish.status_text().startswith("L’article a été modifié sur le site")

    publish.resolve_action.trigger()
    qtbot.waitUntil(lambda: publish.conflict_dialog is not None, timeout=30000)
    dialog = publish.conflict_dialog
    assert EDITOR_TITLE in dialog.views[("title", "theirs")].toPlainText()
    assert "(mise à jour)" in dialog.views[("body", "mine")].toPlainText()
    button = {"keep_mine": "keep_button", "take_theirs": "take_button", "merge": "merge_button"}
    with qtbot.waitSignal(publish.resolved, timeout=30000) as resolved:
        getattr(dialog, button[choice]).click()
    assert resolved.args[0].choice == choice

    def on_site() -> dict[str, Any]:
        post: dict[str, Any] = admin_get(wp, f"/wp/v2/posts/{post_id}")
        return post

    if choice == "take_theirs":
        stored = store.get(article.id)
        assert stored.title == EDITOR_TITLE
        assert "(mise à jour)" not in stored.body
        # The window shows the site's version, and its next save is not refused.
        qtbot.waitUntil(lambda: window.editor.title.text() == EDITOR_TITLE, timeout=10000)
        assert "(mise à jour)" in store.get_revision(article.id, article.revision).body
        assert outbox.remote_state(store, article.id).state == "on_site"
    else:
        qtbot.waitUntil(
            lambda: outbox.remote_state(store, article.id).state == "on_site", timeout=60000
        )
        post = on_site()
        assert "(mise à jour)" in post["content"]["raw"]
        assert post["title"]["raw"].endswith("ce lundi") == (choice == "merge")
        if choice == "merge":
            qtbot.waitUntil(lambda: window.editor.title.text() == EDITOR_TITLE, timeout=10000)
    assert len(posts_with_marker(wp, article.id)) == 1
    qtbot.waitUntil(lambda: not publish.resolve_action.isVisible(), timeout=10000)
