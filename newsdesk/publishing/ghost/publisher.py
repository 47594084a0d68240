"""Ghost's Admin API behind :class:`~newsdesk.publishing.base.Publisher`.

What the real Ghost (6.65) does, and this module copes with:
- no idempotency: a create whose answer was lost must be found before any retry. The
  marker (the article's UUID) goes in the post's ``codeinjection_foot`` as an HTML
  comment, which Ghost keeps verbatim and can filter on; the content would lose it (Ghost
  drops comments outside an HTML card, and a card would show in the desk's editor);
- ``updated_at`` is sent with every edit: a stale one gives 409 ``UPDATE_COLLISION``.
  Ghost compares at 1-second resolution, so the post is read again right before the edit
  and compared with the one newsdesk last read: any change is a collision too;
- no categories: the rubrique is the post's first tag, which Ghost calls the primary tag;
  tags are sent by id (name matching depends on the site's database collation);
- images have no id and no text: the URL is the reference, and the feature image's alt
  and caption are fields of the post;
- ``custom_excerpt`` holds at most 300 characters: a longer standfirst goes there cut at
  a word, whole in the content's chapeau;
- unknown fields are dropped silently: every answer is checked against what was sent.
"""

from __future__ import annotations

import hashlib
import html
import re
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlsplit

import httpx

from newsdesk.core.errors import (
    EditCollision,
    InvalidPostReference,
    InvalidServerResponse,
    PublishVerificationFailed,
    RemotePostNotFound,
    RequestRejected,
)
from newsdesk.core.folding import fold_term
from newsdesk.core.sites import SiteAccount
from newsdesk.publishing.base import (
    Identity,
    MediaRef,
    PostPayload,
    PostStatus,
    RemotePost,
    TermKind,
)
from newsdesk.publishing.marker import validate_marker
from newsdesk.publishing.wordpress.discovery import check_transport
from newsdesk.publishing.wordpress.http import UPLOAD_TIMEOUT, AnswerLimits, send_request
from newsdesk.publishing.wordpress.publisher import media_filename, media_stem

from .content import from_ghost, to_ghost
from .http import AdminClient
from .ids import id_filter, object_int, url_int
from .lexical import merged

#: Ghost's statuses and newsdesk's. ``pending`` has no Ghost equivalent (see ``_status``).
_TO_GHOST = {"publish": "published", "future": "scheduled", "draft": "draft"}
_FROM_GHOST = {"published": "publish", "scheduled": "future", "draft": "draft", "sent": "publish"}
_POST_VIEW = {"formats": "html", "include": "tags"}
#: Read just before an edit: the Lexical document too, which the edit is made on.
_EDIT_VIEW = {"formats": "html,lexical", "include": "tags"}
_EXCERPT_LIMIT = 300
_MARKER_COMMENT = re.compile(r"<!--\s*newsdesk:([0-9a-fA-F-]{36})\s*-->\n?")
_EXTENSIONS = ("jpg", "png", "webp", "gif")
_ANY_ID = re.compile(r"(?<![0-9a-f])[0-9a-f]{24}(?![0-9a-f])")


class GhostPublisher(AdminClient):
    """A Ghost site through its Admin API, with an Admin API key from the keyring.

    ``account.api_root`` is the site's address; the key goes into each request's token
    and is kept nowhere else on this object.
    """

    def __init__(
        self,
        account: SiteAccount,
        password: str,
        *,
        transport: httpx.BaseTransport | None = None,
        limits: AnswerLimits | None = None,
    ) -> None:
        check_transport(account.api_root)
        super().__init__(account, password, transport=transport, limits=limits)
        #: newsdesk's numbers of the posts seen, to Ghost's id and ``updated_at``.
        #: (Ghost's id, ``updated_at``, ``codeinjection_foot``, what people edit).
        self._posts: dict[int, tuple[str, str, str, str]] = {}
        #: The site's public tags by newsdesk's number, read once when first needed.
        self._tags: dict[int, dict[str, str]] | None = None
        self._media: dict[int, str] = {}

    def __repr__(self) -> str:
        account = self.account
        return f"GhostPublisher({account.name!r} at {account.api_root!r})"

    # --- Publisher ---------------------------------------------------------------------

    def verify(self) -> Identity:
        # An Admin API key belongs to an integration, which may publish; it is not a
        # person, so the name shown is the one the reporter gave the account.
        self._call("GET", "/posts/", params={"limit": 1, "fields": "id"}, auth_check=True)
        return Identity(
            user_id=0,
            display_name=self.account.username,
            roles=("integration",),
            can_publish=True,
        )

    def create_post(self, payload: PostPayload) -> RemotePost:
        body = self._post_body(payload, foot="")
        response = self._call(
            "POST",
            "/posts/",
            params={"source": "html", **_POST_VIEW},
            json_body={"posts": [body]},
        )
        return self._checked(self._one(response), payload)

    def update_post(self, remote_id: int, payload: PostPayload) -> RemotePost:
        ghost_id, updated_at, current = self._fresh(remote_id, lexical=True)
        foot = self._posts[int(remote_id)][2]
        body = self._post_body(payload, foot=foot)
        body["updated_at"] = updated_at
        params: dict[str, str | int] = {"source": "html", **_POST_VIEW}
        # An edit goes as Ghost's own Lexical document, its cards kept (see ``lexical``);
        # as HTML only when that cannot be made. Unchanged, the content is not sent.
        document = current.get("lexical")
        if isinstance(document, str) and document:
            edited = merged(str(current.get("html") or ""), document, body["html"])
            if edited is not None:
                del body["html"]
                params = dict(_POST_VIEW)
                if edited != document:
                    body["lexical"] = edited
        response = self._call(
            "PUT", f"/posts/{ghost_id}/", params=params, json_body={"posts": [body]}
        )
        return self._checked(self._one(response), payload, remote_id)

    def get_post(self, remote_id: int) -> RemotePost:
        return self._parse(self._read(int(remote_id)))

    def find_post_by_marker(self, marker: str) -> RemotePost | None:
        marker = validate_marker(marker)
        response = self._call(
            "GET",
            "/posts/",
            params={
                **_POST_VIEW,
                "filter": f"codeinjection_foot:~'{marker}'",
                "limit": 20,
                "order": "created_at asc",
            },
        )
        # Oldest first: should a duplicate exist despite everything, the first is kept.
        for obj in self._list(response, "posts"):
            post = self._parse(obj)
            if post.marker == marker:
                return post
        return None

    def set_status(self, remote_id: int, status: PostStatus) -> RemotePost:
        ghost_id, updated_at, _ = self._fresh(remote_id)
        body: dict[str, Any] = {"status": _status(status), "updated_at": updated_at}
        response = self._call(
            "PUT", f"/posts/{ghost_id}/", params=_POST_VIEW, json_body={"posts": [body]}
        )
        post = self._parse(self._one(response))
        if post.remote_id != int(remote_id):
            raise InvalidServerResponse(
                f"asked for post {int(remote_id)}, the site answered with post {post.remote_id}",
                InvalidServerResponse.WRONG_POST,
            )
        if post.status != status and not (status == "publish" and post.status == "future"):
            raise PublishVerificationFailed(post.remote_id, {"status": status})
        return post

    def list_terms(self, kind: TermKind) -> list[tuple[int, str]]:
        # One list for both kinds: a rubrique is a tag put first.
        return [(number, tag["name"]) for number, tag in self._tag_map(reload=True).items()]

    def ensure_terms(self, kind: TermKind, names: list[str]) -> dict[str, int]:
        ids: dict[str, int] = {}
        for name in dict.fromkeys(n.strip() for n in names if n.strip()):
            found = self._find_tag(name)
            if found is None:
                response = self._call(
                    "POST", "/tags/", json_body={"tags": [{"name": name}]}, allow=(422,)
                )
                if response.status_code == 422:
                    # Made meanwhile, or a name the site's collation sees as an existing one.
                    found = self._find_tag(name, reload=True)
                    if found is None:
                        self._raise_for(response, auth_check=False)
                else:
                    tag = self._list(response, "tags")[0]
                    found = self._remember_tag(tag)
            ids[name] = found
        return ids

    def upload_media(
        self, data: bytes, filename: str, mime: str, *, alt: str, caption: str
    ) -> MediaRef:
        """Upload ``data`` as ``nd-<sha12>.<ext>`` (never the reporter's file name)."""
        del filename, alt, caption  # Ghost keeps a photo's text on the post
        name = media_filename(hashlib.sha256(data).hexdigest(), mime)
        response = self._call(
            "POST",
            "/images/upload/",
            files={"file": (name, data, mime)},
            data={"ref": name},
            timeout=UPLOAD_TIMEOUT,
        )
        images = self._list(response, "images")
        url = images[0].get("url") if images and isinstance(images[0], dict) else None
        if not isinstance(url, str) or not url:
            raise InvalidServerResponse("the site's answer has no image URL")
        return self._remember_media(url)

    def find_media_by_hash(self, sha256: str) -> MediaRef | None:
        """The image uploaded this month from these bytes (Ghost lists no images: its
        folder for the month is asked, under each name newsdesk may have given it)."""
        stem = media_stem(sha256)
        month = datetime.now(UTC).strftime("%Y/%m")
        for ext in _EXTENSIONS:
            url = f"{self.site_url}content/images/{month}/{stem}.{ext}"
            response = send_request(self._client, "HEAD", url, deadline=self.limits.deadline)
            if response.status_code == 200:
                return self._remember_media(url)
        return None

    def update_media_text(self, remote_id: int, *, alt: str, caption: str) -> MediaRef:
        # Nothing to change on the image: its alt and caption go with the post.
        return MediaRef(int(remote_id), self._media.get(int(remote_id), ""))

    def post_number(self, text: str) -> int:
        """newsdesk's number for the post ``text`` names: that number itself, Ghost's id
        (as in the editor's link ``…/ghost/#/editor/post/ID``), or the post's page
        (found by its slug). ``InvalidPostReference`` when it names none."""
        text = text.strip()
        if text.isdigit() and int(text) > 0:
            return int(text)
        found = _ANY_ID.search(text)
        if found is not None:
            return self._parse(self._read_id(found.group(0))).remote_id
        slug = urlsplit(text).path.rstrip("/").rsplit("/", 1)[-1] if "://" in text else ""
        if not re.fullmatch(r"[a-z0-9][a-z0-9-]*", slug):
            raise InvalidPostReference(text)
        response = self._call("GET", f"/posts/slug/{slug}/", params=_POST_VIEW, allow=(404,))
        if response.status_code == 404:
            raise InvalidPostReference(text)
        return self._parse(self._one(response)).remote_id

    def _read_id(self, ghost_id: str) -> dict[str, Any]:
        return self._one(self._call("GET", f"/posts/{ghost_id}/", params=_POST_VIEW))

    # --- the post's body ---------------------------------------------------------------

    def _post_body(self, payload: PostPayload, *, foot: str) -> dict[str, Any]:
        marker = validate_marker(payload.marker)
        body: dict[str, Any] = {
            "title": html.unescape(payload.title),
            "html": to_ghost(payload.content_html),
            "status": _status(payload.status),
            "custom_excerpt": _excerpt(payload.excerpt) or None,
            "tags": [{"id": self._tag(number)["id"]} for number in _tag_numbers(payload)],
            "codeinjection_foot": _with_marker(foot, marker),
        }
        image_url = payload.featured_image_url or self._media.get(payload.featured_media_id or 0)
        if payload.featured_media_id and image_url:
            body["feature_image"] = image_url
            body["feature_image_alt"] = payload.featured_image_alt or None
            body["feature_image_caption"] = payload.featured_image_caption or None
        elif not payload.featured_media_id:
            body["feature_image"] = None
        if payload.slug:
            body["slug"] = payload.slug
        if payload.date_gmt is not None:
            body["published_at"] = _iso(payload.date_gmt)
        return body

    def _checked(
        self, obj: dict[str, Any], payload: PostPayload, remote_id: int | None = None
    ) -> RemotePost:
        post = self._parse(obj)
        if remote_id is not None and post.remote_id != int(remote_id):
            raise InvalidServerResponse(
                f"asked for post {int(remote_id)}, the site answered with post {post.remote_id}",
                InvalidServerResponse.WRONG_POST,
            )
        marker = validate_marker(payload.marker)
        if post.marker is not None and post.marker != marker:
            raise InvalidServerResponse(
                f"the site answered with post {post.remote_id}, another article's",
                InvalidServerResponse.WRONG_POST,
            )
        missing: dict[str, object] = {}
        sent = _tag_numbers(payload)
        if post.categories + post.tags != sent:
            missing["tags"] = [n for n in sent if n not in post.categories + post.tags]
        if payload.featured_media_id and post.featured_media != payload.featured_media_id:
            missing["featured_media"] = payload.featured_media_id
        if post.marker != marker:
            missing["marker"] = marker
        if missing:
            raise PublishVerificationFailed(post.remote_id, missing)
        return post

    # --- reading ------------------------------------------------------------------------

    def _read(self, number: int, *, lexical: bool = False) -> dict[str, Any]:
        view = _EDIT_VIEW if lexical else _POST_VIEW
        known = self._posts.get(number)
        if known is not None:
            response = self._call("GET", f"/posts/{known[0]}/", params=view, allow=(404,))
            if response.status_code != 404:
                return self._one(response)
        try:
            wanted = id_filter(number)
        except ValueError:
            raise RemotePostNotFound(
                "NotFoundError", f"no Ghost post is number {number}", 404
            ) from None
        response = self._call("GET", "/posts/", params={**view, "filter": wanted, "limit": 2})
        found: list[dict[str, Any]] = [
            obj for obj in self._list(response, "posts") if _number(obj) == number
        ]
        if not found:
            raise RemotePostNotFound("NotFoundError", "no such post", 404)
        return found[0]

    def _fresh(self, remote_id: int, *, lexical: bool = False) -> tuple[str, str, dict[str, Any]]:
        """The post's Ghost id and the ``updated_at`` to send: the one newsdesk read last,
        after checking that the site's copy is still that one (Ghost's own check cannot
        see an edit made in the same second); and that copy (with its Lexical document
        when ``lexical``)."""
        number = int(remote_id)
        seen = self._posts.get(number)
        current = self._read(number, lexical=lexical)
        ghost_id, updated_at = str(current["id"]), str(current.get("updated_at") or "")
        if seen is not None and (seen[1], seen[3]) != (updated_at, _fingerprint(current)):
            raise EditCollision("UPDATE_COLLISION", "the post changed since it was read", 409)
        self._parse(current)
        return ghost_id, updated_at, current

    def _parse(self, obj: dict[str, Any]) -> RemotePost:
        ghost_id = obj.get("id")
        if not isinstance(ghost_id, str):
            raise InvalidServerResponse("the site's answer is not a post")
        try:
            number = object_int(ghost_id)
        except ValueError:
            raise InvalidServerResponse("the site's answer has no valid post id") from None
        foot = str(obj.get("codeinjection_foot") or "")
        found = _MARKER_COMMENT.search(foot)
        self._posts[number] = (
            ghost_id,
            str(obj.get("updated_at") or ""),
            foot,
            _fingerprint(obj),
        )
        numbers = [self._remember_tag(tag) for tag in obj.get("tags") or [] if _public(tag)]
        image = obj.get("feature_image")
        featured = self._remember_media(image).remote_id if isinstance(image, str) and image else 0
        return RemotePost(
            remote_id=number,
            status=_FROM_GHOST.get(str(obj.get("status")), str(obj.get("status"))),
            link=str(obj.get("url") or ""),
            slug=str(obj.get("slug") or ""),
            title_html=html.escape(str(obj.get("title") or ""), quote=False),
            content_html=from_ghost(str(obj.get("html") or "")),
            excerpt_html=html.escape(str(obj.get("custom_excerpt") or ""), quote=False),
            date_gmt=_date(obj.get("published_at")),
            modified_gmt=_date(obj.get("updated_at")),
            categories=numbers[:1],
            tags=numbers[1:],
            featured_media=featured,
            marker=found.group(1).lower() if found else None,
        )

    def _one(self, response: httpx.Response) -> dict[str, Any]:
        posts = self._list(response, "posts")
        if len(posts) != 1 or not isinstance(posts[0], dict):
            raise InvalidServerResponse("the site's answer is not one post")
        return posts[0]

    def _list(self, response: httpx.Response, key: str) -> list[Any]:
        body = self._json(response)
        found = body.get(key) if isinstance(body, dict) else None
        if not isinstance(found, list):
            raise InvalidServerResponse(f"the site's answer has no {key}")
        return found

    # --- tags and images ----------------------------------------------------------------

    def _tag_map(self, *, reload: bool = False) -> dict[int, dict[str, str]]:
        if self._tags is None or reload:
            response = self._call(
                "GET",
                "/tags/",
                params={"limit": "all", "fields": "id,name,slug,visibility"},
            )
            self._tags = {}
            for tag in self._list(response, "tags"):
                if _public(tag):
                    self._remember_tag(tag)
        return self._tags

    def _remember_tag(self, tag: dict[str, Any]) -> int:
        if self._tags is None:
            self._tags = {}
        number = object_int(str(tag.get("id")))
        self._tags[number] = {
            "id": str(tag["id"]),
            "name": str(tag.get("name") or ""),
            "slug": str(tag.get("slug") or ""),
        }
        return number

    def _tag(self, number: int) -> dict[str, str]:
        tag = (self._tags or {}).get(number) or self._tag_map(reload=True).get(number)
        if tag is None:
            # A tag deleted on the site since newsdesk cached it: the outbox forgets it
            # and asks again (``after_verification_failure``).
            raise PublishVerificationFailed(0, {"tags": [number]})
        return tag

    def _find_tag(self, name: str, *, reload: bool = False) -> int | None:
        tags = self._tag_map(reload=reload)
        for number, tag in tags.items():
            if tag["name"].casefold() == name.casefold():
                return number
        for number, tag in tags.items():
            if fold_term(tag["name"]) == fold_term(name):
                return number
        return None

    def _remember_media(self, url: str) -> MediaRef:
        number = url_int(url)
        self._media[number] = url
        return MediaRef(number, url)


def _status(status: str) -> str:
    try:
        return _TO_GHOST[status]
    except KeyError:
        # Ghost has no review queue for an integration's posts, nor private posts.
        raise RequestRejected("ghost_no_review", f"Ghost has no {status} posts") from None


def _tag_numbers(payload: PostPayload) -> list[int]:
    """The rubrique first (Ghost's primary tag), then the tags, each once."""
    return list(dict.fromkeys([*payload.category_ids, *payload.tag_ids]))


def _excerpt(text: str) -> str:
    text = text.strip()
    if len(text) <= _EXCERPT_LIMIT:
        return text
    cut = text[: _EXCERPT_LIMIT - 1].rsplit(" ", 1)[0].rstrip(" ,;:")
    return cut + "…"


def _with_marker(foot: str, marker: str) -> str:
    """The desk's own code injection kept, newsdesk's comment (once) at its start."""
    rest = _MARKER_COMMENT.sub("", foot)
    return f"<!-- newsdesk:{marker} -->\n{rest}" if rest else f"<!-- newsdesk:{marker} -->"


def _fingerprint(obj: dict[str, Any]) -> str:
    """What people see and edit in a post, as one digest."""
    fields = ("title", "html", "custom_excerpt", "status", "slug", "feature_image")
    material = [str(obj.get(name) or "") for name in fields]
    material += [str(obj.get(name) or "") for name in ("feature_image_alt", "published_at")]
    material += [str(t.get("id")) for t in obj.get("tags") or [] if isinstance(t, dict)]
    return hashlib.sha256("\x00".join(material).encode()).hexdigest()


def _public(tag: object) -> bool:
    return isinstance(tag, dict) and tag.get("visibility", "public") == "public"


def _number(obj: object) -> int | None:
    try:
        return object_int(str(obj.get("id"))) if isinstance(obj, dict) else None
    except ValueError:
        return None


def _iso(moment: datetime) -> str:
    if moment.tzinfo is None:
        raise ValueError("a date sent to the site must carry its time zone")
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.000Z")


def _date(value: object) -> datetime | None:
    if not isinstance(value, str) or not value:
        return None
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        raise InvalidServerResponse(f"the site's date {value[:40]!r} is not a date") from None
    return moment.astimezone(UTC) if moment.tzinfo else moment.replace(tzinfo=UTC)
