"""Publishing to a real WordPress with the reporter's (Author) account: publish, correct,
schedule, submit, draft, unpublish, conflicts and their three resolutions, media reuse, a
revoked password, and pulling a post back. Checked from the admin's side of the site."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from newsdesk.core.errors import AuthenticationFailed
from newsdesk.paths import Paths
from newsdesk.publishing.marker import extract_marker
from newsdesk.publishing.wordpress import WordPressPublisher
from newsdesk.storage import outbox_repo as repo
from newsdesk.storage.store import Store
from newsdesk.sync import outbox, sites
from newsdesk.sync.resolve import resolve_conflict
from tests.integration.publish_helpers import (
    SITE,
    Desk,
    admin_get,
    as_editor,
    attachments,
    make_desk,
    posts_with_marker,
    served_image,
    term_names,
)
from tests.wordpress.harness import WordPress

pytestmark = pytest.mark.wordpress


@pytest.fixture
def desk(wp: WordPress, paths: Paths) -> Iterator[Desk]:
    store = Store.open(paths)
    try:
        yield make_desk(wp, store)
    finally:
        store.close()


def _the_post(desk: Desk, article_id: str) -> dict[str, object]:
    [(post_id, _status)] = posts_with_marker(desk.wp, article_id)
    post: dict[str, object] = admin_get(desk.wp, f"/wp/v2/posts/{post_id}")
    return post


def test_connecting_shows_who_the_reporter_is(desk: Desk) -> None:
    site = desk.site
    assert site.display_name == "Aïssata Maïga"
    assert site.can_publish and site.roles == ("author",)
    assert "index.php?rest_route=/" in site.api_root
    assert desk.credentials.get(SITE, "reporter") == desk.wp.reporter.app_password
    assert desk.wp.reporter.app_password.encode() not in desk.store.paths.database.read_bytes()


def test_a_wrong_password_is_refused_at_once_and_nothing_is_kept(wp: WordPress, desk: Desk) -> None:
    with pytest.raises(AuthenticationFailed):
        sites.add_site(desk.store, desk.credentials, wp.base_url, "reporter", "nope", "autre")
    assert [s.name for s in sites.list_sites(desk.store)] == [SITE]
    assert desk.credentials.get("autre", "reporter") is None


def test_publish_puts_the_whole_article_on_the_site_once(desk: Desk) -> None:
    article = desk.lavrov()
    outbox.queue_publish(desk.store, article.id, SITE)
    [result] = desk.drain().results
    assert result.state == repo.DONE, result

    post = _the_post(desk, article.id)
    assert post["status"] == "publish"
    assert "Sergueï Lavrov attendu à Bamako" in post["title"]["raw"]  # type: ignore[index]
    content = post["content"]["raw"]  # type: ignore[index]
    # Block-editor blocks, the marker an attribute of the first one (the chapeau).
    assert content.startswith(
        f'<!-- wp:paragraph {{"className":"chapeau","newsdesk":"{article.id}"}} -->'
    )
    assert extract_marker(content)[0] == article.id
    assert '<p class="chapeau"><strong>Le ministre' in content
    assert '<p class="signature">A.Y. Barma (actuniger.com)</p>' in content
    assert post["excerpt"]["raw"].startswith("Le ministre des Affaires")  # type: ignore[index]
    assert term_names(desk.wp, "categories", post["categories"]) == {"Politique"}  # type: ignore[arg-type]
    assert term_names(desk.wp, "tags", post["tags"]) == set(article.tags)  # type: ignore[arg-type]
    assert post["slug"] == article.slug

    image, media = served_image(desk.wp, post["featured_media"])  # type: ignore[arg-type]
    exif = image.getexif()
    assert not exif and not exif.get_ifd(0x8825)  # no EXIF, no GPS in what the site serves
    assert "exif" not in image.info and "xmp" not in image.info
    assert media["alt_text"].startswith("Les ministres des Affaires étrangères")
    assert "Sergueï Lavrov et Abdoulaye Diop" in media["caption"]["raw"]
    assert image.size[0] == 675

    state = outbox.remote_state(desk.store, article.id).on(SITE)
    assert state.state == "on_site"
    assert state.link == post["link"]


def test_a_correction_updates_the_same_post_and_keeps_its_date(desk: Desk) -> None:
    article = desk.lavrov()
    outbox.queue_publish(desk.store, article.id, SITE)
    desk.drain()
    first = _the_post(desk, article.id)

    article.body = article.body.replace("Bamako", "Bamako (Mali)", 1)
    article.body += "\n\n*Correction : la visite dure deux jours.*\n"
    article = desk.store.save(article)
    outbox.queue_publish(desk.store, article.id, SITE)
    [result] = desk.drain().results
    assert result.state == repo.DONE

    second = _the_post(desk, article.id)
    assert second["id"] == first["id"]
    assert "la visite dure deux jours" in second["content"]["raw"]  # type: ignore[index]
    assert second["date_gmt"] == first["date_gmt"]
    assert attachments(desk.wp) == 1  # the photo was reused, not uploaded again


def test_a_schedule_from_another_zone_lands_at_the_right_moment(desk: Desk) -> None:
    # The reporter in Dakar (UTC+0), the site in Lagos (UTC+1).
    dakar = ZoneInfo("Africa/Dakar")
    at = (
        (datetime.now(UTC) + timedelta(days=3))
        .astimezone(dakar)
        .replace(hour=8, minute=30, second=0, microsecond=0)
    )
    article = desk.lavrov()
    outbox.queue_publish(desk.store, article.id, SITE, "future", at)
    [result] = desk.drain().results
    assert result.state == repo.DONE

    post = _the_post(desk, article.id)
    assert post["status"] == "future"
    assert post["date_gmt"] == at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S")
    lagos = at.astimezone(ZoneInfo("Africa/Lagos"))
    assert post["date"] == lagos.strftime("%Y-%m-%dT%H:%M:%S")
    assert outbox.remote_state(desk.store, article.id).state == "scheduled"

    # Then "publish now": on the site at once, not left scheduled.
    outbox.queue_publish(desk.store, article.id, SITE, "publish")
    [result] = desk.drain().results
    assert result.state == repo.DONE
    post = _the_post(desk, article.id)
    assert post["status"] == "publish"
    published = datetime.fromisoformat(str(post["date_gmt"])).replace(tzinfo=UTC)
    assert abs(published - datetime.now(UTC)) < timedelta(minutes=5)
    assert outbox.remote_state(desk.store, article.id).state == "on_site"


@pytest.mark.parametrize(
    ("status", "shown"), [("pending", "pending_review"), ("draft", "draft_on_site")]
)
def test_submit_for_review_and_draft(desk: Desk, status: str, shown: str) -> None:
    article = desk.lavrov()
    outbox.queue_publish(desk.store, article.id, SITE, status)  # type: ignore[arg-type]
    desk.drain()
    assert _the_post(desk, article.id)["status"] == status
    assert outbox.remote_state(desk.store, article.id).state == shown


def test_unpublish_takes_it_back_to_a_draft(desk: Desk) -> None:
    article = desk.lavrov()
    outbox.queue_publish(desk.store, article.id, SITE)
    desk.drain()
    outbox.queue_unpublish(desk.store, article.id, SITE)
    [result] = desk.drain().results
    assert result.state == repo.DONE
    assert posts_with_marker(desk.wp, article.id)[0][1] == "draft"
    assert outbox.remote_state(desk.store, article.id).state == "draft_on_site"
    # And back on the site, without a second post.
    outbox.queue_publish(desk.store, article.id, SITE)
    desk.drain()
    assert [s for _i, s in posts_with_marker(desk.wp, article.id)] == ["publish"]


def test_republishing_reuses_the_media_already_on_the_site(desk: Desk) -> None:
    first = desk.lavrov()
    outbox.queue_publish(desk.store, first.id, SITE)
    desk.drain()
    second = desk.lavrov(title="Mali : Lavrov reçu par le président de la transition")
    second.slug = "lavrov-recu-a-koulouba"
    second = desk.store.save(second)
    outbox.queue_publish(desk.store, second.id, SITE)
    desk.drain()
    assert attachments(desk.wp) == 1
    assert (
        _the_post(desk, first.id)["featured_media"] == _the_post(desk, second.id)["featured_media"]
    )


def test_a_revoked_password_keeps_the_queue_until_a_new_one(desk: Desk) -> None:
    article = desk.lavrov()
    desk.credentials.set(SITE, "reporter", _wrong_application_password())
    outbox.queue_publish(desk.store, article.id, SITE)
    [result] = desk.drain().results
    assert result.state == repo.NEEDS_PASSWORD
    assert outbox.remote_state(desk.store, article.id).state == "needs_password"
    assert repo.get_site(desk.store, SITE).needs_password
    assert desk.drain().results == []
    assert posts_with_marker(desk.wp, article.id) == []
    assert [e.state for e in outbox.entries(desk.store)] == [repo.NEEDS_PASSWORD]

    sites.set_password(desk.store, desk.credentials, SITE, desk.wp.reporter.app_password)
    [result] = desk.drain().results
    assert result.state == repo.DONE
    assert len(posts_with_marker(desk.wp, article.id)) == 1


# --- Conflicts ----------------------------------------------------------------------------


def _published_then_edited_by_the_editor(desk: Desk) -> tuple[str, int]:
    article = desk.lavrov()
    outbox.queue_publish(desk.store, article.id, SITE)
    desk.drain()
    [(post_id, _s)] = posts_with_marker(desk.wp, article.id)
    as_editor(
        desk.wp,
        "POST",
        f"/wp/v2/posts/{post_id}",
        {"title": "Mali : Sergueï Lavrov attendu à Bamako ce lundi"},
    )
    # The reporter, meanwhile, corrects the last paragraph of the body.
    article = desk.store.get(article.id)
    paragraphs = article.body.rstrip("\n").split("\n\n")
    paragraphs[-1] += " (mise à jour)"
    article.body = "\n\n".join(paragraphs) + "\n"
    desk.store.save(article)
    outbox.queue_publish(desk.store, article.id, SITE)
    [result] = desk.drain().results
    assert result.state == repo.CONFLICT
    assert outbox.remote_state(desk.store, article.id).state == "conflict"
    post = admin_get(desk.wp, f"/wp/v2/posts/{post_id}")
    assert post["title"]["raw"].endswith("ce lundi")  # the editor's change stands
    assert "(mise à jour)" not in post["content"]["raw"]
    return article.id, post_id


def _resolve(desk: Desk, article_id: str, choice: str) -> object:
    account = repo.get_site(desk.store, SITE).account
    with WordPressPublisher(account, desk.wp.reporter.app_password) as publisher:
        return resolve_conflict(desk.store, article_id, SITE, choice, publisher=publisher)  # type: ignore[arg-type]


def test_conflict_keep_mine_puts_the_reporters_version_back(desk: Desk) -> None:
    article_id, post_id = _published_then_edited_by_the_editor(desk)
    _resolve(desk, article_id, "keep_mine")
    assert [r.state for r in desk.drain().results] == [repo.DONE]
    post = admin_get(desk.wp, f"/wp/v2/posts/{post_id}")
    assert not post["title"]["raw"].endswith("ce lundi")
    assert "(mise à jour)" in post["content"]["raw"]


def test_conflict_take_theirs_brings_the_site_version_home(desk: Desk) -> None:
    article_id, _post_id = _published_then_edited_by_the_editor(desk)
    before = desk.store.get(article_id)
    _resolve(desk, article_id, "take_theirs")
    after = desk.store.get(article_id)
    assert after.revision == before.revision + 1
    assert after.title.endswith("ce lundi")
    assert "(mise à jour)" not in after.body
    assert desk.drain().results == []
    assert outbox.remote_state(desk.store, article_id).state == "on_site"
    # The reporter's own version is still in the history.
    assert "(mise à jour)" in desk.store.get_revision(article_id, before.revision).body


def test_conflict_merge_keeps_both_changes(desk: Desk) -> None:
    article_id, post_id = _published_then_edited_by_the_editor(desk)
    result = _resolve(desk, article_id, "merge")
    assert result.clean  # type: ignore[attr-defined]
    merged = desk.store.get(article_id)
    assert merged.title.endswith("ce lundi")
    assert "(mise à jour)" in merged.body
    assert "<<<<<<<" not in merged.body
    assert [r.state for r in desk.drain().results] == [repo.DONE]
    post = admin_get(desk.wp, f"/wp/v2/posts/{post_id}")
    assert post["title"]["raw"].endswith("ce lundi")
    assert "(mise à jour)" in post["content"]["raw"]
    assert len(posts_with_marker(desk.wp, article_id)) == 1


# --- Pull ---------------------------------------------------------------------------------


def test_a_post_pulled_and_pushed_back_untouched_does_not_change(desk: Desk) -> None:
    made = as_editor(
        desk.wp,
        "POST",
        "/wp/v2/posts",
        {
            "title": "Niamey : la Ville lance le pavage de 12 km de rues",
            "content": (
                '<p class="chapeau"><strong>Les travaux dureront six mois.</strong></p>\n'
                "<p>Le maire a lancé les travaux lundi, au quartier <em>Plateau</em>.</p>\n"
                "<h2>Un chantier attendu</h2>\n"
                "<ul>\n<li>12 km de rues</li>\n<li>300 emplois</li>\n</ul>\n"
                '<p>Voir le <a href="https://example.org/plan">plan</a>.</p>\n'
                '<p class="signature">I. Souley (actuniger.com)</p>\n'
            ),
            "excerpt": "Les travaux dureront six mois.",
            "status": "publish",
            "categories": [
                term["id"] for term in admin_get(desk.wp, "/wp/v2/categories", search="Société")
            ],
        },
        user="reporter",  # written by the reporter in wp-admin, before newsdesk
    )
    before = admin_get(desk.wp, f"/wp/v2/posts/{made['id']}")
    account = repo.get_site(desk.store, SITE).account
    with WordPressPublisher(account, desk.wp.reporter.app_password) as publisher:
        article = sites.pull_post(desk.store, publisher, SITE, before["link"])
    assert article.title == "Niamey : la Ville lance le pavage de 12 km de rues"
    assert article.standfirst == "Les travaux dureront six mois."
    assert article.category == "Société"
    assert article.byline == "I. Souley"

    # Pushed back untouched: nothing on the site changes, not even its modified date.
    outbox.queue_publish(desk.store, article.id, SITE)
    [result] = desk.drain().results
    assert result.state == repo.DONE
    after = admin_get(desk.wp, f"/wp/v2/posts/{made['id']}")
    for key in ("title", "content", "excerpt"):
        assert after[key]["raw"] == before[key]["raw"]
    assert after["modified_gmt"] == before["modified_gmt"]


def test_a_pulled_post_corrected_goes_back_as_an_update(desk: Desk) -> None:
    article = desk.lavrov()
    outbox.queue_publish(desk.store, article.id, SITE)
    desk.drain()
    [(post_id, _s)] = posts_with_marker(desk.wp, article.id)

    # Another laptop: a fresh store pulls the post by its number.
    other = Store.open(Paths(desk.store.paths.root.parent / "other").ensure())
    try:
        second = make_desk(desk.wp, other)
        with WordPressPublisher(second.site.account, desk.wp.reporter.app_password) as pub:
            pulled = sites.pull_post(other, pub, SITE, str(post_id))
        assert pulled.id == article.id  # the marker ties it to the same article
        pulled.body += "\n\nCorrection : arrivée dimanche soir.\n"
        pulled = other.save(pulled)
        outbox.queue_publish(other, pulled.id, SITE)
        [result] = second.drain().results
        assert result.state == repo.DONE
    finally:
        other.close()
    assert [i for i, _s in posts_with_marker(desk.wp, article.id)] == [post_id]
    post = admin_get(desk.wp, f"/wp/v2/posts/{post_id}")
    assert "arrivée dimanche soir" in post["content"]["raw"]
    assert post["featured_media"]  # the photo stayed


def test_pretty_permalinks_publish_and_pull_by_the_posts_own_link(
    wp_pretty: WordPress, paths: Paths
) -> None:
    store = Store.open(paths)
    try:
        desk = make_desk(wp_pretty, store)
        assert desk.site.api_root.endswith("/wp-json/")
        article = desk.lavrov()
        outbox.queue_publish(store, article.id, SITE)
        [result] = desk.drain().results
        assert result.state == repo.DONE
        link = outbox.remote_state(store, article.id).on(SITE).link
        assert link is not None and "?p=" not in link
        with WordPressPublisher(desk.site.account, wp_pretty.reporter.app_password) as pub:
            pulled = sites.pull_post(store, pub, SITE, link)
        assert pulled.id == article.id
        assert pulled.title == article.title
        assert pulled.tags == article.tags
    finally:
        store.close()


def _wrong_application_password() -> str:
    """An Application Password the site never issued, drawn anew each run (no literal
    password in the tree, not even a wrong one)."""
    import secrets
    import string

    letters = "".join(secrets.choice(string.ascii_lowercase) for _ in range(24))
    return " ".join(letters[i : i + 4] for i in range(0, 24, 4))
