"""The WordPress REST API (v2) behind :class:`~newsdesk.publishing.base.Publisher`.

What the real API does, and this module copes with (measured on WordPress 6.1):
- wrong credentials give a generic 401, never "wrong password";
- unknown tag, category or media ids are dropped silently with a 201: every answer to a
  create or an update is checked against what was sent (``PublishVerificationFailed``);
- no idempotency key, no ETag: a post carries the article's UUID as an HTML comment so a
  create whose answer was lost can be found (``find_post_by_marker``);
- sites without pretty permalinks answer only on ``?rest_route=``: every URL is built
  from the discovered API root, in either form;
- media go up as a raw body with ``Content-Disposition`` (multipart gave a misleading 400).
"""

from __future__ import annotations

import hashlib
import html
import ipaddress
import json
import re
import unicodedata
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any, NoReturn
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import httpx

from newsdesk.core.errors import (
    AuthenticationFailed,
    InsecureTransport,
    InvalidServerResponse,
    PermissionDenied,
    PublishVerificationFailed,
    RemotePostNotFound,
    RequestRejected,
    ServerError,
    SiteUnreachable,
)
from newsdesk.publishing.base import (
    Identity,
    MediaRef,
    PostPayload,
    PostStatus,
    RemotePost,
    SiteAccount,
    TermKind,
)
from newsdesk.publishing.marker import embed_marker, extract_marker, validate_marker

API_REL = "https://api.w.org/"

#: Sized for a weak 3G link: a slow handshake is normal, a silent server for 30 s is not.
TIMEOUT = httpx.Timeout(connect=10.0, read=30.0, write=30.0, pool=10.0)
#: An upload of a few megabytes at 30 kB/s, then the site making its thumbnails.
UPLOAD_TIMEOUT = httpx.Timeout(connect=10.0, read=180.0, write=120.0, pool=10.0)

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
_MESSAGE_LIMIT = 300
_TAG_RE = re.compile(r"<[^>]+>")
_MIME_EXTENSIONS = {
    "image/jpeg": "jpg",
    "image/png": "png",
    "image/webp": "webp",
    "image/gif": "gif",
}
USER_AGENT = "newsdesk (WordPress REST client)"


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


def is_loopback(host: str) -> bool:
    host = host.strip("[]").lower()
    # Not "*.localhost": a resolver may send those names to the network.
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def check_transport(url: str) -> None:
    """Refuse to send credentials in clear over a network: https, or this very machine."""
    parts = urlsplit(url)
    if parts.scheme == "https":
        return
    if parts.scheme == "http" and is_loopback(parts.hostname or ""):
        return
    raise InsecureTransport(
        f"refusing to send credentials to {parts.scheme}://{parts.hostname}: use https"
    )


def endpoint_url(api_root: str, route: str, params: Mapping[str, str | int] | None = None) -> str:
    """The URL of ``route`` (``/wp/v2/posts``) under either form of API root.

    ``https://site/wp-json/`` gives ``https://site/wp-json/wp/v2/posts?x=1``;
    ``https://site/?rest_route=/`` gives ``https://site/?rest_route=/wp/v2/posts&x=1``.
    """
    route = "/" + route.lstrip("/")
    parts = urlsplit(api_root)
    query = parse_qsl(parts.query, keep_blank_values=True)
    rest_route = next((v for k, v in query if k == "rest_route"), None)
    if rest_route is not None:
        path = parts.path
        pairs = [("rest_route", rest_route.rstrip("/") + route)]
        pairs += [(k, v) for k, v in query if k != "rest_route"]
    else:
        path = parts.path.rstrip("/") + route
        pairs = list(query)
    pairs += [(k, str(v)) for k, v in (params or {}).items()]
    # Slashes and commas stay readable in the query (WordPress decodes either way).
    return urlunsplit((parts.scheme, parts.netloc, path or "/", urlencode(pairs, safe="/,"), ""))


def discover_api_root(site_url: str, client: httpx.Client) -> str:
    """Find the site's REST API root, as WordPress advertises it.

    The home page's ``Link: <...>; rel="https://api.w.org/"`` header first (it knows the
    permalink settings and any sub-folder install), then ``?rest_route=/``, which works
    on every WordPress even with plain permalinks. No credentials are sent here.
    """
    site_url = site_url.strip()
    if "://" not in site_url:
        site_url = "https://" + site_url
    home = send_request(client, "GET", site_url, follow_redirects=True)
    root = home.links.get(API_REL, {}).get("url")
    if root:
        root = str(home.url.join(root))
        if _looks_like_api_root(client, root):
            return root
    home_path = home.url.path if home.url.path.endswith("/") else home.url.path + "/"
    fallback = str(home.url.copy_with(path=home_path, query=None, fragment=None)) + "?rest_route=/"
    if _looks_like_api_root(client, fallback):
        return fallback
    raise InvalidServerResponse(f"{site_url} does not look like a WordPress site with its API on")


def _looks_like_api_root(client: httpx.Client, root: str) -> bool:
    response = send_request(client, "GET", root, follow_redirects=True)
    if response.status_code != 200:
        return False
    try:
        index = response.json()
    except ValueError:
        return False
    return isinstance(index, dict) and "wp/v2" in (index.get("namespaces") or [])


def send_request(client: httpx.Client, method: str, url: str, **kwargs: Any) -> httpx.Response:
    """One request; network trouble becomes ``SiteUnreachable`` (the outbox retries it)."""
    try:
        return client.request(method, url, **kwargs)
    except httpx.TimeoutException as exc:
        raise SiteUnreachable(
            f"{method} {_safe_url(url)}: timed out ({type(exc).__name__})"
        ) from exc
    except httpx.RequestError as exc:
        # ConnectError, ReadError, RemoteProtocolError (connection dropped mid-answer),
        # DecodingError (a compressed answer cut short)...
        raise SiteUnreachable(f"{method} {_safe_url(url)}: {type(exc).__name__}") from exc


def _safe_url(url: str) -> str:
    """The URL without any user:password@ a person may have typed into it."""
    parts = httpx.URL(url)
    return str(parts.copy_with(userinfo=b"")) if parts.userinfo else url


def _text(value: str) -> str:
    """WordPress error messages carry HTML and entities; keep a short plain sentence."""
    return html.unescape(_TAG_RE.sub("", value)).strip()[:_MESSAGE_LIMIT]


def _parse_gmt(value: object) -> datetime | None:
    """WordPress gives ``YYYY-MM-DDTHH:MM:SS``, naive GMT; null on undated drafts."""
    if value in (None, "", "0000-00-00T00:00:00"):
        return None
    if not isinstance(value, str):
        raise InvalidServerResponse(f"a date that is not a string: {value!r}")
    try:
        parsed = datetime.fromisoformat(value.rstrip("Z"))
    except ValueError as exc:
        raise InvalidServerResponse(f"a date newsdesk cannot read: {value!r}") from exc
    return parsed.replace(tzinfo=UTC) if parsed.tzinfo is None else parsed.astimezone(UTC)


def _format_gmt(value: datetime) -> str:
    if value.tzinfo is None:
        raise ValueError("publication dates must be timezone-aware")
    return value.astimezone(UTC).replace(tzinfo=None, microsecond=0).isoformat()


def _field(obj: Mapping[str, Any], key: str, kind: type | tuple[type, ...]) -> Any:
    value = obj.get(key)
    if not isinstance(value, kind) or (isinstance(value, bool) and kind is int):
        raise InvalidServerResponse(f"the site's answer has no valid {key!r}")
    return value


def _raw(obj: Mapping[str, Any], key: str) -> str:
    """``{"raw": ..., "rendered": ...}`` in context=edit; only ``rendered`` otherwise."""
    value = obj.get(key)
    if isinstance(value, dict):
        raw = value.get("raw", value.get("rendered", ""))
        if isinstance(raw, str):
            return raw
    if isinstance(value, str):
        return value
    raise InvalidServerResponse(f"the site's answer has no valid {key!r}")


def _int_list(obj: Mapping[str, Any], key: str) -> list[int]:
    value = obj.get(key, [])
    if not isinstance(value, list) or not all(
        isinstance(v, int) and not isinstance(v, bool) for v in value
    ):
        raise InvalidServerResponse(f"the site's answer has no valid {key!r}")
    return list(value)


def parse_post(obj: object) -> RemotePost:
    if not isinstance(obj, dict):
        raise InvalidServerResponse("the site's answer is not a post")
    marker, content = extract_marker(_raw(obj, "content"))
    return RemotePost(
        remote_id=_field(obj, "id", int),
        status=_field(obj, "status", str),
        link=_field(obj, "link", str),
        slug=_field(obj, "slug", str),
        title_html=_raw(obj, "title"),
        content_html=content,
        excerpt_html=_raw(obj, "excerpt"),
        date_gmt=_parse_gmt(obj.get("date_gmt")),
        modified_gmt=_parse_gmt(obj.get("modified_gmt")),
        categories=_int_list(obj, "categories"),
        tags=_int_list(obj, "tags"),
        featured_media=_field(obj, "featured_media", int) if obj.get("featured_media") else 0,
        marker=marker,
        author_name=_author_name(obj),
    )


def _author_name(obj: Mapping[str, Any]) -> str:
    """The embedded author's display name; "" when the site did not embed one (or
    embedded an error: a user the account may not see)."""
    embedded = obj.get("_embedded")
    authors = embedded.get("author") if isinstance(embedded, dict) else None
    if isinstance(authors, list) and authors and isinstance(authors[0], dict):
        name = authors[0].get("name")
        if isinstance(name, str):
            return name
    return ""


def _parse_media(obj: object) -> MediaRef:
    if not isinstance(obj, dict):
        raise InvalidServerResponse("the site's answer is not a media")
    return MediaRef(remote_id=_field(obj, "id", int), url=_field(obj, "source_url", str))


class WordPressPublisher:
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
    ) -> None:
        check_transport(account.api_root)
        self.account = account
        # Retrying a refused connection is always safe (nothing reached the site);
        # anything later is the outbox's decision, which knows about duplicates.
        self._client = httpx.Client(
            auth=httpx.BasicAuth(account.username, password),
            timeout=TIMEOUT,
            transport=transport or httpx.HTTPTransport(retries=2),
            headers={"User-Agent": USER_AGENT, "Accept": "application/json"},
            follow_redirects=False,
        )

    def __repr__(self) -> str:
        account = self.account
        return f"WordPressPublisher({account.name!r}, {account.username!r} at {account.api_root!r})"

    def __enter__(self) -> WordPressPublisher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._client.close()

    # --- the plumbing ------------------------------------------------------------------

    def _url(self, route: str, params: Mapping[str, str | int] | None = None) -> str:
        return endpoint_url(self.account.api_root, route, params)

    def _call(
        self,
        method: str,
        route: str,
        *,
        params: Mapping[str, str | int] | None = None,
        json_body: Mapping[str, Any] | None = None,
        auth_check: bool = False,
        allow: tuple[int, ...] = (),
        **kwargs: Any,
    ) -> httpx.Response:
        url = self._url(route, params)
        if json_body is not None:
            # A lone surrogate (from a broken paste) is not text, and WordPress would refuse
            # the whole body as rest_invalid_json: it becomes "?" rather than block a publish.
            body = json.dumps(json_body, ensure_ascii=False)
            kwargs["content"] = body.encode("utf-8", errors="replace")
            kwargs.setdefault("headers", {})["Content-Type"] = "application/json"
        response = send_request(self._client, method, url, **kwargs)
        if response.is_success or response.status_code in allow:
            return response
        self._raise_for(response, auth_check=auth_check)

    def _json(self, response: httpx.Response) -> Any:
        try:
            return response.json()
        except ValueError as exc:
            # A captive portal's login page, or a PHP notice printed before the JSON.
            kind = response.headers.get("content-type", "?").split(";")[0]
            raise InvalidServerResponse(f"the site answered {kind}, not JSON") from exc

    def _raise_for(self, response: httpx.Response, *, auth_check: bool) -> NoReturn:
        status = response.status_code
        code, message = "", ""
        try:
            body = response.json()
        except ValueError:
            body = None
        if isinstance(body, dict):
            code = str(body.get("code") or "")
            message = _text(str(body.get("message") or ""))
        if 300 <= status < 400:
            where = _safe_url(response.headers.get("location", "?"))
            raise InvalidServerResponse(f"the API moved to {where}: connect the site again")
        if status == 401 or (status == 403 and auth_check):
            raise AuthenticationFailed(code or f"HTTP {status}")
        if status == 403:
            raise PermissionDenied(f"{code}: {message}" if message else code or "HTTP 403")
        if status == 404 and code in (
            "rest_post_invalid_id",
            "rest_term_invalid",
            "rest_invalid_id",
        ):
            raise RemotePostNotFound(code, message, status)
        if status in (408, 429) or status >= 500:
            raise ServerError(status, code)
        raise RequestRejected(code or f"http_{status}", message, status)

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
            user_id=_field(me, "id", int),
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
            body["date_gmt"] = _format_gmt(payload.date_gmt)
        return body

    def _checked(self, response: httpx.Response, payload: PostPayload) -> RemotePost:
        post = parse_post(self._json(response))
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
        return self._checked(response, payload)

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
        return parse_post(self._json(response))

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
        post = parse_post(self._json(response))
        if post.status != status and not (status == "publish" and post.status == "future"):
            raise PublishVerificationFailed(post.remote_id, {"status": status})
        return post

    def list_terms(self, kind: TermKind) -> list[tuple[int, str]]:
        terms: list[tuple[int, str]] = []
        page = 1
        while True:
            response = self._call(
                "GET",
                f"/wp/v2/{_kind(kind)}",
                params={"per_page": _PER_PAGE, "page": page, "orderby": "id", "_fields": "id,name"},
            )
            batch = self._json(response)
            if not isinstance(batch, list):
                raise InvalidServerResponse(f"the site's answer is not a list of {kind}")
            terms.extend(_parse_term(obj) for obj in batch)
            total = response.headers.get("x-wp-totalpages", "1")
            if not total.isdigit() or page >= int(total) or not batch:
                return terms
            page += 1

    def ensure_terms(self, kind: TermKind, names: list[str]) -> dict[str, int]:
        route = f"/wp/v2/{_kind(kind)}"
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
                ids[name] = _parse_term(self._json(response))[0]
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
        terms = [_parse_term(obj) for obj in found]
        for term_id, term_name in terms:
            if term_name.casefold() == name.casefold():
                return term_id
        for term_id, term_name in terms:
            if fold(term_name) == fold(name):
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
        media = _parse_media(self._json(response))
        if alt or caption:
            media = self.update_media_text(media.remote_id, alt=alt, caption=caption)
        return media

    def update_media_text(self, remote_id: int, *, alt: str, caption: str) -> MediaRef:
        response = self._call(
            "POST",
            f"/wp/v2/media/{int(remote_id)}",
            json_body={"alt_text": alt, "caption": caption},
        )
        return _parse_media(self._json(response))

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
            media = _parse_media(obj)
            if pattern.search(urlsplit(media.url).path):
                return media
        return None


def fold(name: str) -> str:
    """A term name without case, accents or doubled spaces, for comparing names."""
    decomposed = unicodedata.normalize("NFKD", name.casefold())
    return " ".join("".join(c for c in decomposed if not unicodedata.combining(c)).split())


def _kind(kind: str) -> str:
    if kind not in ("categories", "tags"):
        raise ValueError(f"unknown term kind: {kind!r}")
    return kind


def _parse_term(obj: object) -> tuple[int, str]:
    if not isinstance(obj, dict):
        raise InvalidServerResponse("the site's answer is not a term")
    return _field(obj, "id", int), html.unescape(_field(obj, "name", str))
