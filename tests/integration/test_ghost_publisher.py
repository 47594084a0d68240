"""The Ghost publisher against a real Ghost 6 (tests/ghost/harness.py): each call of the
Publisher Protocol, checked by reading the site's Admin API directly."""

from __future__ import annotations

import hashlib
import io
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import httpx
import pytest
from PIL import Image

from newsdesk.core.errors import (
    AuthenticationFailed,
    EditCollision,
    InsecureTransport,
)
from newsdesk.core.sites import SiteAccount
from newsdesk.publishing import publishers
from newsdesk.publishing.base import PostPayload
from newsdesk.publishing.ghost import GhostPublisher, admin_root
from newsdesk.publishing.ghost.detect import ghost_site as site_info
from newsdesk.publishing.ghost.ids import object_int
from tests.ghost.harness import Ghost

WRONG_KEY = "0123456789abcdef01234567:" + "ab" * 32


def _account(site: Ghost, url: str | None = None) -> SiteAccount:
    return SiteAccount(
        name="ghost", api_root=admin_root(url or site.base_url), username="Aïcha", kind="ghost"
    )


@pytest.fixture
def publisher(ghost_site: Ghost) -> Iterator[GhostPublisher]:
    made = publishers.for_account(_account(ghost_site), ghost_site.admin_key)
    assert isinstance(made, GhostPublisher)
    try:
        yield made
    finally:
        made.close()


def _payload(publisher: GhostPublisher, **changes: object) -> PostPayload:
    tags = publisher.ensure_terms("tags", ["Mali", "Russie"])
    rubrique = publisher.ensure_terms("categories", ["Politique"])
    payload = PostPayload(
        title="Mali : Sergueï Lavrov attendu à Bamako",
        content_html=(
            '<p class="chapeau"><strong>Le ministre russe est attendu.</strong></p>\n'
            "<p>Le ministre des Affaires étrangères « arrive » lundi.</p>\n"
            "<h2>Bamako, nouvel allié</h2>\n<p>Suite.</p>\n"
            '<p class="signature">A.Y. Barma (actuniger.com)</p>'
        ),
        excerpt="Le ministre russe est attendu.",
        status="publish",
        slug="",
        date_gmt=None,
        category_ids=[rubrique["Politique"]],
        tag_ids=[tags["Mali"], tags["Russie"]],
        featured_media_id=None,
        marker=str(uuid.uuid4()),
    )
    for key, value in changes.items():
        setattr(payload, key, value)
    return payload


def _on_site(site: Ghost, marker: str) -> list[dict[str, object]]:
    return site.posts(f"codeinjection_foot:~'{marker}'")


def _jpeg(colour: tuple[int, int, int] = (200, 30, 30)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (64, 32), colour).save(out, "JPEG")
    return out.getvalue()


def test_detection_and_a_wrong_key(ghost_site: Ghost) -> None:
    with httpx.Client(timeout=10) as client:
        found = site_info(ghost_site.base_url, client)
        assert found is not None and found["version"].startswith("6.")
        assert site_info("http://127.0.0.1:9/", client) is None
    wrong = GhostPublisher(_account(ghost_site), WRONG_KEY)
    with pytest.raises(AuthenticationFailed), wrong:
        wrong.verify()
    with pytest.raises(AuthenticationFailed):
        GhostPublisher(_account(ghost_site), "not a key")
    with pytest.raises(InsecureTransport):
        GhostPublisher(_account(ghost_site, "http://example.org/"), ghost_site.admin_key)
    assert ghost_site.admin_key not in repr(wrong)


def test_publish_with_primary_tag_excerpt_and_chapeau(
    ghost_site: Ghost, publisher: GhostPublisher
) -> None:
    assert publisher.verify().can_publish
    payload = _payload(publisher)
    post = publisher.create_post(payload)
    assert post.status == "publish" and post.marker == payload.marker
    [raw] = _on_site(ghost_site, payload.marker)
    assert raw["status"] == "published"
    assert raw["title"] == "Mali : Sergueï Lavrov attendu à Bamako"
    assert raw["custom_excerpt"] == "Le ministre russe est attendu."
    assert [t["name"] for t in raw["tags"]] == ["Politique", "Mali", "Russie"]  # type: ignore[union-attr,index]
    assert raw["primary_tag"]["name"] == "Politique"  # type: ignore[index]
    # The chapeau and the signature keep their classes (in HTML cards); read back, the
    # content is newsdesk's again.
    assert '<p class="chapeau">' in str(raw["html"])
    assert post.content_html.startswith('<p class="chapeau"><strong>')
    assert "« arrive »" in post.content_html
    assert post.categories == [payload.category_ids[0]] and post.tags == payload.tag_ids
    # Found again by its marker, and by newsdesk's number for it.
    assert publisher.find_post_by_marker(payload.marker).remote_id == post.remote_id  # type: ignore[union-attr]
    fresh = GhostPublisher(_account(ghost_site), ghost_site.admin_key)
    with fresh:
        assert fresh.get_post(post.remote_id).marker == payload.marker
    assert post.remote_id == object_int(str(raw["id"]))


def test_draft_schedule_across_zones_and_unpublish(
    ghost_site: Ghost, publisher: GhostPublisher
) -> None:
    draft = publisher.create_post(_payload(publisher, status="draft"))
    assert draft.status == "draft"
    # A lost answer is found whatever the status the post was given.
    assert draft.marker is not None
    assert publisher.find_post_by_marker(draft.marker).remote_id == draft.remote_id  # type: ignore[union-attr]
    # 10:00 in Niamey (UTC+1) is 09:00 UTC; the site's own zone is Lagos's.
    when = datetime.now(UTC).replace(microsecond=0, second=0) + timedelta(days=2)
    niamey = when.astimezone(datetime.now().astimezone().tzinfo)
    payload = _payload(publisher, status="future", date_gmt=niamey)
    scheduled = publisher.create_post(payload)
    assert scheduled.status == "future" and scheduled.date_gmt == when
    [raw] = _on_site(ghost_site, payload.marker)
    assert raw["status"] == "scheduled"
    assert raw["published_at"] == when.strftime("%Y-%m-%dT%H:%M:%S.000Z")
    assert publisher.find_post_by_marker(payload.marker).status == "future"  # type: ignore[union-attr]
    live = publisher.create_post(_payload(publisher))
    back = publisher.set_status(live.remote_id, "draft")
    assert back.status == "draft"
    assert publisher.set_status(live.remote_id, "publish").status == "publish"


def test_update_and_collisions(ghost_site: Ghost, publisher: GhostPublisher) -> None:
    payload = _payload(publisher)
    post = publisher.create_post(payload)
    payload.title = "Mali : Sergueï Lavrov est arrivé à Bamako"
    updated = publisher.update_post(post.remote_id, payload)
    assert updated.title_html == "Mali : Sergueï Lavrov est arrivé à Bamako"
    assert updated.marker == payload.marker
    assert len(_on_site(ghost_site, payload.marker)) == 1

    # The desk edits the post on the site after newsdesk read it: whatever the second,
    # newsdesk's edit is refused as a collision, and the desk's change stays.
    publisher.get_post(post.remote_id)
    [raw] = _on_site(ghost_site, payload.marker)
    with ghost_site.admin() as admin:
        answer = admin.put(
            f"/posts/{raw['id']}/",
            json={"posts": [{"title": "Titre du desk", "updated_at": raw["updated_at"]}]},
        )
        assert answer.status_code == 200, answer.text
    payload.title = "Le titre de la reporter"
    with pytest.raises(EditCollision):
        publisher.update_post(post.remote_id, payload)
    [raw] = _on_site(ghost_site, payload.marker)
    assert raw["title"] == "Titre du desk"

    # Ghost's own check: a stale updated_at is a 409 UPDATE_COLLISION.
    with ghost_site.admin() as admin:
        answer = admin.put(
            f"/posts/{raw['id']}/",
            json={"posts": [{"title": "Vieux", "updated_at": "2020-01-01T00:00:00.000Z"}]},
        )
    assert answer.status_code == 409
    assert answer.json()["errors"][0]["code"] == "UPDATE_COLLISION"


def test_feature_image_with_caption_and_inline_image(
    ghost_site: Ghost, publisher: GhostPublisher
) -> None:
    data = _jpeg()
    media = publisher.upload_media(data, "IMG_2024_niamey.jpg", "image/jpeg", alt="", caption="")
    assert "/content/images/" in media.url and "niamey" not in media.url
    again = publisher.find_media_by_hash(hashlib.sha256(data).hexdigest())
    assert again is not None and again.url == media.url
    inline = publisher.upload_media(_jpeg((0, 90, 160)), "x.jpg", "image/jpeg", alt="", caption="")
    payload = _payload(
        publisher,
        featured_media_id=media.remote_id,
        featured_image_url=media.url,
        featured_image_alt="Sergueï Lavrov et Abdoulaye Diop",
        featured_image_caption="Sergueï Lavrov et Abdoulaye Diop (AFP)",
    )
    payload.content_html += f'\n<figure><img src="{inline.url}" alt=""></figure>'
    post = publisher.create_post(payload)
    assert post.featured_media == media.remote_id
    [raw] = _on_site(ghost_site, payload.marker)
    assert raw["feature_image"] == media.url
    assert raw["feature_image_alt"] == "Sergueï Lavrov et Abdoulaye Diop"
    assert raw["feature_image_caption"] == "Sergueï Lavrov et Abdoulaye Diop (AFP)"
    assert inline.url in str(raw["html"])
    served = httpx.get(media.url, timeout=10)
    assert served.status_code == 200 and served.headers["content-type"] == "image/jpeg"
