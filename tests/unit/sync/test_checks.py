"""Points 6 and 7 of issue 6: a correction is judged on what the reporter changed, and
the rubrique on the site's categories, before anything is queued."""

from __future__ import annotations

import io
from datetime import UTC, datetime

import pytest

from newsdesk.cli import main
from newsdesk.core.article import Article
from newsdesk.core.errors import NotPublishable, UnknownRubrique
from newsdesk.storage import outbox_repo as repo
from newsdesk.storage.outbox_repo import RemotePostRecord
from newsdesk.sync import outbox, sites
from newsdesk.sync.checks import check_publish, close_names
from tests.unit.publishing.fake_wordpress import PASSWORD
from tests.unit.sync.conftest import Desk

NBSP = "\u00a0"


def _on_site(desk: Desk, article: Article, remote_id: int = 500) -> None:
    """Record ``article``'s current revision as the copy last synced with post ``remote_id``."""
    repo.save_remote_post(
        desk.store,
        RemotePostRecord(
            article_id=article.id,
            site="actu",
            remote_id=remote_id,
            link=f"{desk.wp.base}/?p={remote_id}",
            remote_status="publish",
            synced_revision=article.revision,
            synced_content_hash="",
            synced_modified_gmt=datetime(2026, 11, 20, 8, 0, tzinfo=UTC),
            synced_date_gmt=datetime(2026, 11, 20, 8, 0, tzinfo=UTC),
            synced_title=article.title,
            synced_content="",
            synced_excerpt="",
            synced_slug=article.slug,
        ),
    )


def _refresh(desk: Desk) -> None:
    publisher = desk.publisher(desk.site.account, PASSWORD)
    try:
        sites.refresh_terms(desk.store, publisher, "actu")
    finally:
        publisher.close()


# --- Point 6: corrections ------------------------------------------------------------------


def test_a_correction_is_not_blocked_by_what_the_sites_copy_lacks(desk: Desk) -> None:
    pulled = desk.article(byline="", category="")  # the site's post had neither
    _on_site(desk, pulled)
    corrected = desk.store.save(
        _with(pulled, body=pulled.body.replace("Bamako", "Bamako (Mali)", 1))
    )

    check = check_publish(desk.store, corrected, "actu")
    assert check.blocking == []
    assert {(p.field, p.code) for p in check.inherited} == {
        ("byline", "missing_byline"),
        ("category", "missing_category"),
    }
    entry = outbox.queue_publish(desk.store, corrected.id, "actu")
    assert entry.state == repo.QUEUED


def test_a_field_emptied_since_the_last_sync_blocks_the_correction(desk: Desk) -> None:
    published = desk.article(category="")  # byline filled on the site, no rubrique there
    _on_site(desk, published)
    emptied = desk.store.save(_with(published, byline=" "))

    with pytest.raises(NotPublishable) as caught:
        outbox.queue_publish(desk.store, emptied.id, "actu")
    assert caught.value.problems == [("byline", "missing_byline")]  # typed: field + code
    assert outbox.entries(desk.store) == []


def test_a_slug_retyped_wrong_blocks_but_the_sites_own_odd_slug_does_not(desk: Desk) -> None:
    pulled = desk.article(slug="%d9%85%d8%a7%d9%84%d9%8a")  # WordPress's slug of Arabic words
    _on_site(desk, pulled)
    assert check_publish(desk.store, pulled, "actu").blocking == []
    retyped = desk.store.save(_with(pulled, slug="Mali Lavrov"))
    assert [p.code for p in check_publish(desk.store, retyped, "actu").blocking] == ["invalid_slug"]


def test_a_first_publish_is_still_checked_in_full(desk: Desk) -> None:
    article = desk.article(byline="")
    with pytest.raises(NotPublishable) as caught:
        outbox.queue_publish(desk.store, article.id, "actu")
    assert caught.value.problems == [("byline", "missing_byline")]


def test_a_pulled_post_without_byline_or_rubrique_goes_back_corrected(desk: Desk) -> None:
    desk.wp.posts[500] = {
        "id": 500, "status": "publish", "slug": "niamey-pavage",
        "title": "Niamey : les rues pavées",
        "content": "<p>Le maire a lancé les travaux.</p>\n",
        "excerpt": "", "categories": [], "tags": [],
        "featured_media": 0, "date_gmt": "2026-11-20T08:00:00",
        "modified_gmt": "2026-11-20T08:00:00",
    }  # fmt: skip
    publisher = desk.publisher(desk.site.account, PASSWORD)
    article = sites.pull_post(desk.store, publisher, "actu", 500)
    publisher.close()
    article.body = article.body.replace("le maire", "la maire").replace("Le maire", "La maire")
    article = desk.store.save(article)

    outbox.queue_publish(desk.store, article.id, "actu")
    assert [r.state for r in desk.worker().drain().results] == [repo.DONE]
    assert "La maire" in desk.wp.posts[500]["content"]


# --- Point 7: the site's categories ---------------------------------------------------------


def test_a_rubrique_the_site_lacks_is_refused_with_close_names_and_nothing_queued(
    desk: Desk,
) -> None:
    desk.wp.terms["categories"].update({7: "Économie", 8: "Sport"})
    _refresh(desk)
    article = desk.article(category="Politiqe")
    sent = len(desk.wp.requests)

    with pytest.raises(UnknownRubrique) as caught:
        outbox.queue_publish(desk.store, article.id, "actu")
    assert (caught.value.name, caught.value.site) == ("Politiqe", "actu")
    assert caught.value.suggestions == ["Politique"]
    assert outbox.entries(desk.store) == []
    assert len(desk.wp.requests) == sent  # offline: decided from the cache


def test_a_rubrique_equal_but_for_accents_and_case_is_the_sites(desk: Desk) -> None:
    desk.wp.terms["categories"][7] = "Économie"
    _refresh(desk)
    article = desk.article(category="economie")

    check = check_publish(desk.store, article, "actu")
    assert check.unknown_rubrique is None and check.category == "Économie"
    outbox.queue_publish(desk.store, article.id, "actu")
    assert [r.state for r in desk.worker().drain().results] == [repo.DONE]
    [post] = desk.wp.posts.values()
    assert post["categories"] == [7]
    # From the cache, folded: no request for the category, and none created.
    assert not [r for r in desk.wp.requests if r.url.path.endswith("/categories")][1:]
    assert desk.store.get(article.id).category == "economie"  # the reporter's words stay


def test_new_tags_are_fine_and_named(desk: Desk) -> None:
    _refresh(desk)
    article = desk.article(tags=["Mali", "Sahel"])
    check = check_publish(desk.store, article, "actu")
    assert check.new_tags == ["Sahel"] and not check.refused


def test_an_editor_may_create_the_rubrique(desk: Desk) -> None:
    _refresh(desk)
    repo.update_site_identity(
        desk.store, "actu", user_id=7, display_name="Aïcha M.", roles=["editor"], can_publish=True
    )
    article = desk.article(category="Agriculture")
    assert outbox.queue_publish(desk.store, article.id, "actu").state == repo.QUEUED


def test_terms_never_fetched_refuse_nothing_and_the_worker_finds_out(desk: Desk) -> None:
    article = desk.article(category="Agriculture")
    outbox.queue_publish(desk.store, article.id, "actu")  # offline, unknown: queued
    [result] = desk.worker().drain().results
    assert result.state == repo.FAILED and result.error_code == "permission"


def test_close_names_fold_accents_and_case() -> None:
    names = ["Économie", "Politique", "Société", "Sport", "Culture", "International"]
    assert close_names("ECONOMIE", names)[0] == "Économie"
    assert close_names("societe", names) == ["Société"]
    assert close_names("Poli", names) == ["Politique"]
    assert close_names("Sprot", names)[0] == "Sport"
    assert close_names("Météo", names) == []


# --- The command line's words ---------------------------------------------------------------


def _cli(desk: Desk, *argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(["--data-dir", str(desk.store.paths.root), *argv], stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def test_the_cli_names_the_close_rubriques_in_french_and_english(
    desk: Desk, monkeypatch: pytest.MonkeyPatch
) -> None:
    desk.wp.terms["categories"].update({7: "Économie", 9: "Écologie"})
    _refresh(desk)
    article = desk.article(category="Economi")

    monkeypatch.setenv("LC_ALL", "fr_FR.UTF-8")
    code, _out, err = _cli(desk, "publish", article.id, "--queue-only")
    assert code == 1
    assert f"La rubrique «{NBSP}Economi{NBSP}» n’existe pas sur «{NBSP}actu{NBSP}»" in err
    assert f"«{NBSP}Économie{NBSP}»" in err and "Rien n’a été envoyé." in err
    assert "rest_cannot_create" not in err

    monkeypatch.setenv("LC_ALL", "en_GB.UTF-8")
    code, _out, err = _cli(desk, "publish", article.id, "--queue-only")
    assert code == 1
    assert "The category 'Economi' does not exist on 'actu'" in err and "'Économie'" in err
    assert outbox.entries(desk.store) == []


def test_the_cli_warns_of_what_the_sites_copy_lacked(
    desk: Desk, monkeypatch: pytest.MonkeyPatch
) -> None:
    pulled = desk.article(byline="")
    _on_site(desk, pulled)
    monkeypatch.setenv("LC_ALL", "fr_FR.UTF-8")
    code, _out, err = _cli(desk, "publish", pulled.id, "--queue-only")
    assert code == 0, err
    assert f"avertissement{NBSP}: signature manquante, déjà sur le site" in err


def test_the_cli_refuses_an_unknown_zone(desk: Desk, monkeypatch: pytest.MonkeyPatch) -> None:
    article = desk.article()
    monkeypatch.setenv("LC_ALL", "fr_FR.UTF-8")
    code, _out, err = _cli(
        desk, "publish", article.id, "--status", "future",
        "--at", "2027-01-05T07:00", "--zone", "Africa/Niamy", "--queue-only",
    )  # fmt: skip
    assert code == 1
    assert f"Fuseau horaire inconnu{NBSP}: «{NBSP}Africa/Niamy{NBSP}»" in err
    assert outbox.entries(desk.store) == []

    code, _out, err = _cli(
        desk, "publish", article.id, "--status", "future",
        "--at", "2027-01-05T07:00", "--zone", "Africa/Niamey", "--queue-only",
    )  # fmt: skip
    assert code == 0, err
    [entry] = outbox.entries(desk.store)
    assert entry.scheduled_at == datetime(2027, 1, 5, 6, 0, tzinfo=UTC)


def _with(article: Article, **changes: object) -> Article:
    import dataclasses

    return dataclasses.replace(article, **changes)  # type: ignore[arg-type]
