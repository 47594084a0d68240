"""The WordPress REST API (v2) behind :class:`~newsdesk.publishing.base.Publisher`.

What the real API does, and this module copes with (measured on WordPress 6.1):
- wrong credentials give a generic 401, never "wrong password";
- unknown tag, category or media ids are dropped silently with a 201: every answer to a
  create or an update is checked against what was sent (``PublishVerificationFailed``);
- no idempotency key, no ETag: a post carries the article's UUID as an HTML comment so a
  create whose answer was lost can be found (``find_post_by_marker``);
- media go up as a raw body with ``Content-Disposition`` (multipart gave a misleading 400).

The requests and the error mapping are in ``http.py``, the reading of answers in
``parsing.py``, finding the API root in ``discovery.py``.
"""

from __future__ import annotations

import hashlib
import re
from typing import Any
from urllib.parse import urlsplit

import httpx

from newsdesk.core.errors import InvalidServerResponse, PublishVerificationFailed
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
from newsdesk.publishing.marker import embed_marker, validate_marker

from .discovery import check_transport
from .http import UPLOAD_TIMEOUT, AnswerLimits, RestClient
from .parsing import (
    checked_kind,
    format_gmt,
    parse_media,
    parse_post,
    parse_term,
    required_field,
)

#: What newsdesk reads of a post, and nothing more: the raw fields the editor sees, not
#: the rendered page (as long again) nor the links. On a weak link, half the bytes.
_POST_FIELDS = (
    "id,status,link,slug,title.raw,content.raw,excerpt.raw,date_gmt,modified_gmt,"
    "categories,tags,featured_media"
)
_POST_VIEW = {"context": "edit", "_fields": _POST_FIELDS}

#: Statuses ``find_post_by_marker`` looks through: everything but the trash.
_SEARCHED_STATUSES = "publish,future,draft,pending,private"
_PER_PAGE = 100
_MIME_EXTENSIONS = {
    "image/jpeg": "jpg",
    "image/png": "png",
    "image/webp": "webp",
    "image/gif": "gif",
}


def media_filename(sha256: str, mime: str) -> str:
    """The name an image gets on the site: its hash, so a re-publish finds it again,
    and nothing of the reporter's own file name (which can name a place or a person)."""
    ext = _MIME_EXTENSIONS.get(mime)
    if ext is None:
        raise ValueError(f"not an image type newsdesk uploads: {mime}")
    return f"{media_stem(sha256)}.{ext}"


def media_stem(sha256: str) -> str:
    if not re.fullmatch(r"[0-9a-f]{64}", sha256):
        raise ValueError("sha256 must be 64 lowercase hex digits")
    return f"nd-{sha256[:12]}"


class WordPressPublisher(RestClient):
    """A WordPress site through its REST API, with an Application Password.

    The password goes into the HTTP client's Basic auth and is kept nowhere else on this
    object; ``repr()`` and every error message leave it (and the headers) out.
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

    def __repr__(self) -> str:
        account = self.account
        return f"WordPressPublisher({account.name!r}, {account.username!r} at {account.api_root!r})"

    # --- Publisher ---------------------------------------------------------------------

    def verify(self) -> Identity:
        response = self._call("GET", "/wp/v2/users/me", params={"context": "edit"}, auth_check=True)
        me = self._json(response)
        if not isinstance(me, dict):
            raise InvalidServerResponse("the site's answer is not a user")
        roles = me.get("roles") or []
        capabilities = me.get("capabilities") or {}
        if not isinstance(roles, list) or not isinstance(capabilities, dict):
            raise InvalidServerResponse("the site's answer has no valid roles")
        return Identity(
            user_id=required_field(me, "id", int),
            display_name=str(me.get("name") or me.get("username") or self.account.username),
            roles=tuple(str(r) for r in roles),
            can_publish=bool(capabilities.get("publish_posts")),
        )

    def _post_body(self, payload: PostPayload) -> dict[str, Any]:
        body: dict[str, Any] = {
            "title": payload.title,
            "content": embed_marker(payload.content_html, payload.marker),
            "excerpt": payload.excerpt,
            "status": payload.status,
            "categories": payload.category_ids,
            "tags": payload.tag_ids,
            "featured_media": payload.featured_media_id or 0,
        }
        if payload.slug:
            body["slug"] = payload.slug
        if payload.date_gmt is not None:
            body["date_gmt"] = format_gmt(payload.date_gmt)
        return body

    def _checked(
        self, response: httpx.Response, payload: PostPayload, remote_id: int | None = None
    ) -> RemotePost:
        post = _same_post(parse_post(self._json(response)), remote_id)
        marker = validate_marker(payload.marker)
        if post.marker is not None and post.marker != marker:
            # Another article's post (a cache or a plugin answering for the wrong one):
            # nothing of it is recorded as this article's.
            raise InvalidServerResponse(
                f"the site answered with post {post.remote_id}, another article's",
                InvalidServerResponse.WRONG_POST,
            )
        missing: dict[str, object] = {}
        # With no category WordPress files the post under its default one: only what
        # was asked for is checked.
        if payload.category_ids and set(post.categories) != set(payload.category_ids):
            missing["categories"] = sorted(set(payload.category_ids) - set(post.categories))
        if set(post.tags) != set(payload.tag_ids):
            missing["tags"] = sorted(set(payload.tag_ids) - set(post.tags))
        if post.featured_media != (payload.featured_media_id or 0):
            missing["featured_media"] = payload.featured_media_id
        if post.marker != validate_marker(payload.marker):
            missing["marker"] = payload.marker
        if missing:
            raise PublishVerificationFailed(post.remote_id, missing)
        return post

    def create_post(self, payload: PostPayload) -> RemotePost:
        response = self._call(
            "POST", "/wp/v2/posts", params=_POST_VIEW, json_body=self._post_body(payload)
        )
        return self._checked(response, payload)

    def update_post(self, remote_id: int, payload: PostPayload) -> RemotePost:
        response = self._call(
            "POST",
            f"/wp/v2/posts/{int(remote_id)}",
            params=_POST_VIEW,
            json_body=self._post_body(payload),
        )
        return self._checked(response, payload, remote_id)

    def get_post(self, remote_id: int) -> RemotePost:
        # The author comes along (``_embed``): a pulled post without a signature is signed
        # with the author's display name, as the site shows it.
        response = self._call(
            "GET",
            f"/wp/v2/posts/{int(remote_id)}",
            params={
                **_POST_VIEW,
                "_fields": _POST_FIELDS + ",_links.author,_embedded",
                "_embed": "author",
            },
        )
        return _same_post(parse_post(self._json(response)), remote_id)

    def find_post_by_marker(self, marker: str) -> RemotePost | None:
        marker = validate_marker(marker)
        response = self._call(
            "GET",
            "/wp/v2/posts",
            params={
                "search": marker,
                "status": _SEARCHED_STATUSES,
                **_POST_VIEW,
                "per_page": 20,
                "orderby": "date",
                "order": "asc",
            },
        )
        found = self._json(response)
        if not isinstance(found, list):
            raise InvalidServerResponse("the site's answer is not a list of posts")
        # The search also matches the UUID quoted in some other post's text: only the
        # post that carries it as its own marker counts. Oldest first: should a duplicate
        # exist despite everything, the outbox keeps updating the first one.
        for obj in found:
            post = parse_post(obj)
            if post.marker == marker:
                return post
        return None

    def set_status(self, remote_id: int, status: PostStatus) -> RemotePost:
        response = self._call(
            "POST",
            f"/wp/v2/posts/{int(remote_id)}",
            params=_POST_VIEW,
            json_body={"status": status},
        )
        post = _same_post(parse_post(self._json(response)), remote_id)
        if post.status != status and not (status == "publish" and post.status == "future"):
            raise PublishVerificationFailed(post.remote_id, {"status": status})
        return post

    def list_terms(self, kind: TermKind) -> list[tuple[int, str]]:
        terms: list[tuple[int, str]] = []
        page = 1
        while True:
            response = self._call(
                "GET",
                f"/wp/v2/{checked_kind(kind)}",
                params={"per_page": _PER_PAGE, "page": page, "orderby": "id", "_fields": "id,name"},
            )
            batch = self._json(response)
            if not isinstance(batch, list):
                raise InvalidServerResponse(f"the site's answer is not a list of {kind}")
            terms.extend(parse_term(obj) for obj in batch)
            total = response.headers.get("x-wp-totalpages", "1")
            if not total.isdigit() or page >= int(total) or not batch:
                return terms
            page += 1

    def ensure_terms(self, kind: TermKind, names: list[str]) -> dict[str, int]:
        route = f"/wp/v2/{checked_kind(kind)}"
        ids: dict[str, int] = {}
        for name in dict.fromkeys(n.strip() for n in names if n.strip()):
            # Look first: an Author may assign terms but not create them, and WordPress
            # checks that right before it checks whether the term exists.
            existing = self._find_term(route, name)
            if existing is not None:
                ids[name] = existing
                continue
            response = self._call("POST", route, json_body={"name": name}, allow=(400,))
            if response.status_code == 400:
                # Someone created it since we looked, or the site's collation sees
                # "Societe" and "Société" as one name: WordPress says which term it is.
                ids[name] = self._existing_term_id(response)
            else:
                ids[name] = parse_term(self._json(response))[0]
        return ids

    def _existing_term_id(self, response: httpx.Response) -> int:
        body = self._json(response)
        data = body.get("data") if isinstance(body, dict) else None
        if isinstance(body, dict) and body.get("code") == "term_exists" and isinstance(data, dict):
            term_id = data.get("term_id")
            if isinstance(term_id, int) and not isinstance(term_id, bool):
                return term_id
        self._raise_for(response, auth_check=False)

    def _find_term(self, route: str, name: str) -> int | None:
        # WordPress stores "&" as "&amp;" and searches with LIKE on that: search by the
        # longest word, then compare whole names.
        words = re.findall(r"\w+", name) or [name]
        needle = max(words, key=len)
        response = self._call(
            "GET", route, params={"search": needle, "per_page": _PER_PAGE, "_fields": "id,name"}
        )
        found = self._json(response)
        if not isinstance(found, list):
            raise InvalidServerResponse("the site's answer is not a list of terms")
        # WordPress would happily create "securite" beside "Sécurité": a reporter typing
        # without accents means the site's term, so names match folded. An exact match
        # still wins over a folded one.
        terms = [parse_term(obj) for obj in found]
        for term_id, term_name in terms:
            if term_name.casefold() == name.casefold():
                return term_id
        for term_id, term_name in terms:
            if fold_term(term_name) == fold_term(name):
                return term_id
        return None

    def upload_media(
        self, data: bytes, filename: str, mime: str, *, alt: str, caption: str
    ) -> MediaRef:
        """Upload ``data`` as ``nd-<sha12>.<ext>``: ``filename`` is never sent (a phone's
        file name can say where and when); the hash in the name lets a re-publish find it."""
        del filename  # part of the Protocol for site APIs that need one; see above
        name = media_filename(hashlib.sha256(data).hexdigest(), mime)
        response = self._call(
            "POST",
            "/wp/v2/media",
            content=data,
            headers={
                "Content-Type": mime,
                "Content-Disposition": f'attachment; filename="{name}"',
            },
            timeout=UPLOAD_TIMEOUT,
        )
        media = parse_media(self._json(response))
        if alt or caption:
            media = self.update_media_text(media.remote_id, alt=alt, caption=caption)
        return media

    def update_media_text(self, remote_id: int, *, alt: str, caption: str) -> MediaRef:
        response = self._call(
            "POST",
            f"/wp/v2/media/{int(remote_id)}",
            json_body={"alt_text": alt, "caption": caption},
        )
        return parse_media(self._json(response))

    def find_media_by_hash(self, sha256: str) -> MediaRef | None:
        stem = media_stem(sha256)
        response = self._call(
            "GET",
            "/wp/v2/media",
            params={"search": stem, "per_page": 20, "_fields": "id,source_url"},
        )
        found = self._json(response)
        if not isinstance(found, list):
            raise InvalidServerResponse("the site's answer is not a list of media")
        # The site may have added "-1" to a name it already had, or "-scaled".
        pattern = re.compile(rf"/{re.escape(stem)}(-[a-z0-9]+)?\.[a-z]+$")
        for obj in found:
            media = parse_media(obj)
            if pattern.search(urlsplit(media.url).path):
                return media
        return None


def _same_post(post: RemotePost, asked: int | None) -> RemotePost:
    """``post``, when it is the one asked for (any post when ``asked`` is None)."""
    if asked is not None and post.remote_id != int(asked):
        raise InvalidServerResponse(
            f"asked for post {int(asked)}, the site answered with post {post.remote_id}",
            InvalidServerResponse.WRONG_POST,
        )
    return post
