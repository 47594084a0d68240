"""The site's content profile before anything is queued: a direct publish needs every
item, a submission for review does not, and a correction is judged on what changed."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import text

from newsdesk.core.errors import InvalidSettingValue, NotPublishable, SiteNotFound
from newsdesk.core.profile import RECOMMENDED, ContentProfile
from newsdesk.storage import outbox_repo as repo
from newsdesk.storage import sites as stored_sites
from newsdesk.storage.site_profiles import set_site_profile, site_profile
from newsdesk.sync import outbox
from newsdesk.sync.checks import check_publish
from newsdesk.words import Face, Words
from newsdesk.words.errors import describe
from tests.unit.sync.conftest import Desk
from tests.unit.sync.test_checks import _cli, _on_site, _with


def test_a_site_keeps_its_profile_and_forgets_it_with_the_site(desk: Desk) -> None:
    assert site_profile(desk.store, "actu") == ContentProfile()
    set_site_profile(desk.store, "actu", RECOMMENDED.with_values(min_tags=3))
    assert site_profile(desk.store, "actu").min_tags == 3
    with pytest.raises(SiteNotFound):
        set_site_profile(desk.store, "nulle-part", RECOMMENDED)
    stored_sites.delete_site(desk.store, "actu")
    with desk.store.reading() as session:
        assert session.execute(text("SELECT count(*) FROM site_profiles")).scalar() == 0


def test_a_stored_profile_that_no_longer_reads_is_reported(desk: Desk) -> None:
    with desk.store.writing() as session:
        session.execute(
            text(
                "INSERT INTO site_profiles (site, profile_json, updated_at) "
                "VALUES ('actu', '{\"min_tags\": \"deux\"}', '2026-12-01 00:00:00.000000')"
            )
        )
    with pytest.raises(InvalidSettingValue):
        site_profile(desk.store, "actu")


def test_a_direct_publish_needs_every_item_and_review_does_not(desk: Desk) -> None:
    set_site_profile(desk.store, "actu", ContentProfile(min_tags=3, markers=("TODO",)))
    article = desk.article(body=desk.article().body + "\n\nTODO : le chiffre.")

    check = check_publish(desk.store, article, "actu")
    assert [(p.code, p.detail) for p in check.checklist] == [
        ("too_few_tags", "3"),
        ("marker_left", "TODO"),
    ]
    for status in ("publish", "future"):
        assert check.blocks(status)
    with pytest.raises(NotPublishable) as caught:
        outbox.queue_publish(desk.store, article.id, "actu")
    assert caught.value.problems == []
    assert caught.value.checklist == [
        ("tags", "too_few_tags", "3"),
        ("body", "marker_left", "TODO"),
    ]
    sentence = describe(caught.value, Words("fr"), Face.WINDOW)
    assert (
        "pas assez de tags (au moins 3)" in sentence and "«\u00a0TODO\u00a0» à retirer" in sentence
    )
    assert "soumettre pour relecture" in sentence
    assert outbox.entries(desk.store) == []

    entry = outbox.queue_publish(desk.store, article.id, "actu", status="pending")
    assert entry.state == repo.QUEUED


def test_a_correction_is_not_refused_for_what_the_sites_copy_lacked_too(desk: Desk) -> None:
    set_site_profile(desk.store, "actu", RECOMMENDED)
    pulled = desk.article(standfirst="", featured_image=None)
    _on_site(desk, pulled)
    corrected = desk.store.save(
        _with(pulled, body=pulled.body.replace("Bamako", "Bamako (Mali)", 1))
    )
    assert check_publish(desk.store, corrected, "actu").checklist == []
    outbox.queue_publish(desk.store, corrected.id, "actu")

    emptied = desk.store.save(_with(corrected, tags=[]))
    check = check_publish(desk.store, emptied, "actu")
    assert [p.code for p in check.checklist] == ["too_few_tags"]


# --- The command line: newsdesk check, newsdesk site profile ------------------------------


def test_newsdesk_check_prints_the_list_and_says_if_it_may_go(
    desk: Desk, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LC_ALL", "fr_FR.UTF-8")
    article = desk.article()
    code, out, err = _cli(desk, "check", article.id[:8])
    assert code == 0, err
    assert "Prêt à publier sur actu." in err

    code, _out, err = _cli(desk, "site", "profile", "actu", "--recommended", "--set", "min_tags=3")
    assert code == 0, err
    assert site_profile(desk.store, "actu") == RECOMMENDED.with_values(min_tags=3)
    code, out, err = _cli(desk, "check", article.id, "--json")
    assert code == 1
    report = json.loads(out)
    assert report["ready_to_publish"] is False and report["ready_for_review"] is True
    tags = [i for i in report["items"] if i["code"] == "too_few_tags"]
    assert tags == [
        {
            "field": "tags",
            "code": "too_few_tags",
            "detail": "3",
            "blocks": "publish",
            "text": "pas assez de tags (au moins 3)",
        }
    ]
    code, out, err = _cli(desk, "check", article.id)
    assert code == 1
    assert "• pas assez de tags (au moins 3)\n" in out
    assert "Prêt pour la relecture sur actu" in err

    emptied = desk.store.save(_with(article, title=""))
    code, out, err = _cli(desk, "check", emptied.id)
    assert code == 1 and "✗ titre manquant\n" in out and "Rien ne peut partir" in err


def test_newsdesk_site_profile_refuses_a_wrong_rule_and_changes_nothing(
    desk: Desk, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LC_ALL", "en_GB.UTF-8")
    for wrong in ("min_tags=deux", "min_tags=-1", "couleur=1", "min_tags"):
        code, out, err = _cli(desk, "site", "profile", "actu", "--set", wrong)
        assert code == 1, wrong
        assert out == "" and err.count("\n") == 1, err
    assert site_profile(desk.store, "actu") == ContentProfile()
    code, out, _err = _cli(desk, "site", "profile", "actu", "--json")
    assert code == 0 and json.loads(out)["profile"] == ContentProfile().to_dict()


def test_a_correction_elsewhere_keeps_what_the_sites_copy_had_in_the_same_field(desk: Desk) -> None:
    pulled = desk.article(body=desk.article().body + "\n\nLire [le communiqué]().")
    _on_site(desk, pulled)
    corrected = desk.store.save(
        _with(pulled, body=pulled.body.replace("Bamako", "Bamako (Mali)", 1))
    )
    assert check_publish(desk.store, corrected, "actu").checklist == []
    worse = desk.store.save(_with(corrected, body=corrected.body + "\n\nTODO"))
    assert [(p.code, p.detail) for p in check_publish(desk.store, worse, "actu").checklist] == [
        ("marker_left", "TODO")
    ]


def test_newsdesk_check_lists_the_spelling_mistakes_when_the_site_counts_them(
    desk: Desk, monkeypatch: pytest.MonkeyPatch
) -> None:
    from newsdesk.spelling.dictionaries import dictionary_path

    if dictionary_path("fr", "classique") is None:
        pytest.skip("no French dictionary: run packaging/install.sh")
    monkeypatch.setenv("LC_ALL", "fr_FR.UTF-8")
    article = desk.article(body=desk.article().body + "\n\nLe gouvernemant à Tillabéri.")
    set_site_profile(desk.store, "actu", ContentProfile(check_spelling=True))
    code, out, err = _cli(desk, "check", article.id, "--json")
    spelt = [i["detail"] for i in json.loads(out)["items"] if i["code"] == "spelling"]
    assert "gouvernemant" in spelt and "Tillabéri" not in spelt, err
    assert code == 1
    code, out, _err = _cli(desk, "check", article.id, "--json", "--no-spelling")
    assert [i for i in json.loads(out)["items"] if i["code"] == "spelling"] == []
