"""The Ghost publisher's pieces without a server: the key and its tokens, the ids, the
content's way there and back, and Ghost's errors as newsdesk's (an httpx mock transport
answering as Ghost 6.65 does, its bodies copied from the real one)."""

from __future__ import annotations

import json
import logging
from datetime import UTC, datetime, timedelta, timezone
from uuid import uuid4

import httpx
import jwt
import pytest

from newsdesk.core.errors import (
    AdminKeyRefused,
    EditCollision,
    PermissionDenied,
    RemotePostNotFound,
    RequestRejected,
    ServerError,
)
from newsdesk.core.sites import SiteAccount
from newsdesk.publishing.base import PostPayload
from newsdesk.publishing.ghost import GhostPublisher, admin_root
from newsdesk.publishing.ghost.auth import TOKEN_LIFETIME, AdminKey
from newsdesk.publishing.ghost.content import CARD_BEGIN, CARD_END, from_ghost, to_ghost
from newsdesk.publishing.ghost.ids import id_filter, object_int, url_int
from newsdesk.publishing.mapping import content_parts
from newsdesk.words import Face, words_for
from newsdesk.words.errors import describe

KEY_ID = "6b0f075a976f361e97dff0aa"
SECRET = "5f" * 32
KEY = f"{KEY_ID}:{SECRET}"
ACCOUNT = SiteAccount("journal", "https://journal.example/ghost/api/admin", "Aïcha", "ghost")


def test_tokens_are_short_lived_signed_for_the_admin_api_and_renewed() -> None:
    key = AdminKey(KEY)
    token = key.token(now=1_000_000.0)
    header = jwt.get_unverified_header(token)
    assert header["kid"] == KEY_ID and header["alg"] == "HS256"
    claims = jwt.decode(
        token, bytes.fromhex(SECRET), algorithms=["HS256"], audience="/admin/",
        options={"verify_exp": False, "verify_iat": False},
    )  # fmt: skip
    assert claims["exp"] - claims["iat"] == TOKEN_LIFETIME <= 300
    assert key.token(now=1_000_010.0) == token  # reused while young
    assert key.token(now=1_000_000.0 + TOKEN_LIFETIME) != token  # minted again
    assert SECRET not in repr(key)


@pytest.mark.parametrize("text", ["", "abc", KEY_ID, f"{KEY_ID}:zz", f"{KEY_ID}:{SECRET}00"])
def test_what_is_not_a_key_is_refused_without_repeating_it(text: str) -> None:
    with pytest.raises(AdminKeyRefused) as caught:
        AdminKey(text)
    assert SECRET not in str(caught.value)


def test_ghost_ids_as_numbers_and_back_to_a_filter() -> None:
    ghost_id = "6b0f075a976f361e97dff05d"
    number = object_int(ghost_id)
    assert number < 1 << 56
    assert id_filter(number) == "id:~^'6b0f075a'+id:~$'dff05d'"
    # Two ids one process makes in the same second differ by their counter.
    assert object_int("6b0f075a976f361e97dff05e") != number
    with pytest.raises(ValueError):
        object_int("not-an-id")
    assert url_int("https://a/content/images/x.jpg") == url_int("https://a/content/images/x.jpg")
    assert 0 < url_int("https://a/y.jpg") < 1 << 62


def test_admin_root_from_any_form_of_the_address() -> None:
    for url in ("https://j.example", "https://j.example/", "https://j.example/ghost/api/admin"):
        assert admin_root(url) == "https://j.example/ghost/api/admin"
    assert admin_root("https://j.example/blog/") == "https://j.example/blog/ghost/api/admin"


def test_content_there_and_back() -> None:
    sent = (
        '<!-- wp:paragraph {"className":"chapeau"} -->\n'
        '<p class="chapeau"><strong>Le chapeau.</strong></p>\n<!-- /wp:paragraph -->\n\n'
        "<!-- wp:paragraph -->\n<p>Le corps « ici ».</p>\n<!-- /wp:paragraph -->\n\n"
        '<p class="signature">A.Y. Barma (actuniger.com)</p>'
    )
    ghost = to_ghost(sent)
    assert "wp:" not in ghost
    assert f'{CARD_BEGIN}<p class="chapeau">' in ghost
    assert f'<p class="signature">A.Y. Barma (actuniger.com)</p>{CARD_END}' in ghost
    assert to_ghost(ghost) == ghost  # not wrapped twice
    # What Ghost renders back (newlines inside its cards), as newsdesk reads it.
    rendered = ghost.replace(CARD_BEGIN, f"\n{CARD_BEGIN}\n").replace(CARD_END, f"\n{CARD_END}\n")
    parts = content_parts(from_ghost(rendered))
    assert parts.chapeau_text == "Le chapeau."
    assert parts.signature_text == "A.Y. Barma (actuniger.com)"
    assert "Le corps « ici »." in parts.body


def _error(status: int, kind: str, code: str | None = None) -> httpx.Response:
    body = {"errors": [{"message": "Refused.", "context": None, "type": kind, "code": code}]}
    return httpx.Response(status, json=body)


@pytest.mark.parametrize(
    ("answer", "expected"),
    [
        (_error(401, "UnauthorizedError", "UNKNOWN_ADMIN_API_KEY"), AdminKeyRefused),
        (_error(401, "UnauthorizedError", "INVALID_JWT"), AdminKeyRefused),
        (_error(403, "NoPermissionError"), PermissionDenied),
        (_error(404, "NotFoundError"), RemotePostNotFound),
        (_error(409, "UpdateCollisionError", "UPDATE_COLLISION"), EditCollision),
        (_error(422, "ValidationError"), RequestRejected),
        (_error(503, "InternalServerError"), ServerError),
    ],
)
def test_ghosts_errors_as_newsdesks(
    answer: httpx.Response, expected: type[Exception], caplog: pytest.LogCaptureFixture
) -> None:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return answer

    caplog.set_level(logging.DEBUG)
    publisher = GhostPublisher(ACCOUNT, KEY, transport=httpx.MockTransport(handler))
    with publisher, pytest.raises(expected) as caught:
        publisher.get_post(object_int("6b0f075a976f361e97dff05d"))
    [request] = seen
    assert request.headers["authorization"].startswith("Ghost ")
    assert request.headers["accept-version"] == "v6.0"
    assert SECRET not in str(caught.value) and SECRET not in caplog.text
    assert request.headers["authorization"][6:] not in caplog.text


def test_the_body_sent_for_a_post() -> None:
    bodies: list[dict[str, object]] = []
    tag = {"id": "6b0f075a976f361e97dff05e", "name": "Politique", "slug": "politique"}
    post = {
        "id": "6b0f075a976f361e97dff05d",
        "status": "scheduled",
        "title": "Mali : Lavrov",
        "html": "<p>Corps</p>",
        "updated_at": "2026-12-01T17:43:54.000Z",
        "published_at": "2026-12-03T09:00:00.000Z",
        "tags": [{**tag, "visibility": "public"}],
        "codeinjection_foot": "<!-- newsdesk:0a1b2c3d-0000-4000-8000-123456789abc -->",
    }

    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path.endswith("/tags/"):
            return httpx.Response(200, json={"tags": [{**tag, "visibility": "public"}]})
        bodies.append(json.loads(request.content))
        assert request.url.params["source"] == "html"
        return httpx.Response(201, json={"posts": [post]})

    niamey = timezone(timedelta(hours=1))
    payload = PostPayload(
        title="Mali&nbsp;: Lavrov &amp; Diop",
        content_html="<p>Corps</p>",
        excerpt="x " * 200,
        status="future",
        slug="",
        date_gmt=datetime(2026, 12, 3, 10, 0, tzinfo=niamey),
        category_ids=[object_int(tag["id"])],
        tag_ids=[object_int(tag["id"])],
        featured_media_id=None,
        marker="0A1B2C3D-0000-4000-8000-123456789ABC",
    )
    with GhostPublisher(ACCOUNT, KEY, transport=httpx.MockTransport(handler)) as publisher:
        made = publisher.create_post(payload)
    [body] = [b["posts"][0] for b in bodies]  # type: ignore[index]
    assert body["title"] == "Mali\u00a0: Lavrov & Diop"
    assert body["status"] == "scheduled"
    assert body["published_at"] == "2026-12-03T09:00:00.000Z"
    assert body["tags"] == [{"id": tag["id"]}]  # the rubrique first, each tag once
    assert len(str(body["custom_excerpt"])) <= 300 and str(body["custom_excerpt"]).endswith("…")
    assert body["codeinjection_foot"] == "<!-- newsdesk:0a1b2c3d-0000-4000-8000-123456789abc -->"
    assert body["feature_image"] is None
    assert made.status == "future" and made.date_gmt == datetime(2026, 12, 3, 9, tzinfo=UTC)
    assert made.marker == "0a1b2c3d-0000-4000-8000-123456789abc"


def test_a_submission_for_review_is_refused_in_words() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        raise AssertionError("nothing is sent")

    payload = PostPayload("T", "<p>x</p>", "", "pending", "", None, [], [], None, str(uuid4()))
    publisher = GhostPublisher(ACCOUNT, KEY, transport=httpx.MockTransport(handler))
    with publisher, pytest.raises(RequestRejected) as caught:
        publisher.create_post(payload)
    french = describe(caught.value, words_for("fr"), Face.WINDOW)
    assert french.startswith("Un site Ghost n’a pas de relecture pour newsdesk\u00a0:")
    assert "no review" in describe(caught.value, words_for("en"), Face.CLI)
