"""An in-memory WordPress REST API behind ``httpx.MockTransport``, for unit tests.

It copies the behaviours of the real API that the client must cope with (measured on
WordPress 6.1, see FIELD-NOTES): generic 401s, unknown term and media ids dropped in
silence with a 201, ``term_exists`` with ``data.term_id``, naive GMT dates, both URL
forms (``/wp-json/`` and ``?rest_route=``), Authors able to create tags but not categories. The real
thing is exercised by tests/integration/ against a real WordPress.
"""

from __future__ import annotations

import base64
import json
import re
import secrets
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any
from urllib.parse import unquote

import httpx

#: The reporter's Application Password on the fake site, drawn anew each run so
#: that no literal password sits in the tree.
PASSWORD = " ".join(secrets.token_hex(2) for _ in range(6))

Fault = Callable[[httpx.Request], httpx.Response | None]


@dataclass
class FakeWordPress:
    base: str = "https://site.example"
    pretty: bool = True
    users: dict[str, tuple[str, str]] = field(
        default_factory=lambda: {"reporter": (PASSWORD, "author")}
    )
    posts: dict[int, dict[str, Any]] = field(default_factory=dict)
    terms: dict[str, dict[int, str]] = field(
        default_factory=lambda: {"categories": {1: "Non classé", 5: "Politique"}, "tags": {}}
    )
    media: dict[int, dict[str, Any]] = field(default_factory=dict)
    requests: list[httpx.Request] = field(default_factory=list)
    #: Called before each API request; a response returned replaces the normal one.
    faults: list[Fault] = field(default_factory=list)
    next_id: int = 100

    @property
    def api_root(self) -> str:
        return f"{self.base}/wp-json/" if self.pretty else f"{self.base}/?rest_route=/"

    def transport(self) -> httpx.MockTransport:
        return httpx.MockTransport(self.handle)

    # --- dispatch ----------------------------------------------------------------------

    def handle(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        url = request.url
        if "rest_route" in url.params:
            route = url.params["rest_route"]
        elif url.path.startswith("/wp-json"):
            if not self.pretty:
                return httpx.Response(404, text="<html>not found</html>")
            route = url.path[len("/wp-json") :] or "/"
        else:
            headers = (
                {"Link": f'<{self.api_root}>; rel="https://api.w.org/"'} if self.pretty else {}
            )
            return httpx.Response(200, headers=headers, text="<html>home</html>")
        for fault in self.faults:
            answer = fault(request)
            if answer is not None:
                return answer
        if route in ("/", ""):
            return _json(200, {"name": "Site", "namespaces": ["oembed/1.0", "wp/v2"]})
        user = self._user(request)
        if user is None:
            return _json(
                401, {"code": "rest_not_logged_in", "message": "Vous n’êtes pas connecté."}
            )
        return self._route(request, route, user)

    def _user(self, request: httpx.Request) -> tuple[str, str] | None:
        header = request.headers.get("authorization", "")
        if not header.startswith("Basic "):
            return None
        name, _, password = base64.b64decode(header[6:]).decode().partition(":")
        known = self.users.get(name)
        if known is None or known[0] != password:
            return None
        return name, known[1]

    def _route(self, request: httpx.Request, route: str, user: tuple[str, str]) -> httpx.Response:
        method = request.method
        params = request.url.params
        if route == "/wp/v2/users/me":
            caps = {"publish_posts": user[1] != "contributor", "edit_posts": True}
            return _json(
                200, {"id": 7, "name": "Aïcha M.", "roles": [user[1]], "capabilities": caps}
            )
        if route == "/wp/v2/posts" and method == "POST":
            self.next_id += 1
            post: dict[str, Any] = {"id": self.next_id, "categories": [1], "tags": []}
            post.update(featured_media=0, date_gmt=None)
            self._apply(post, json.loads(request.content))
            self.posts[post["id"]] = post
            return _json(201, self._post_out(post))
        if route == "/wp/v2/posts":
            statuses = params.get("status", "publish").split(",")
            needle = params.get("search", "")
            found = [
                self._post_out(p)
                for p in sorted(self.posts.values(), key=lambda p: p["id"])
                if p["status"] in statuses and needle in p["content"] + p["title"]
            ]
            return _json(200, found)
        if m := re.fullmatch(r"/wp/v2/posts/(\d+)", route):
            found_post = self.posts.get(int(m.group(1)))
            if found_post is None:
                return _json(
                    404, {"code": "rest_post_invalid_id", "message": "ID d’article non valide."}
                )
            if method == "POST":
                self._apply(found_post, json.loads(request.content))
            return _json(200, self._post_out(found_post))
        if m := re.fullmatch(r"/wp/v2/(categories|tags)", route):
            return self._terms(request, m.group(1), user)
        if route == "/wp/v2/media" and method == "POST":
            return self._upload(request)
        if route == "/wp/v2/media":
            needle = params.get("search", "")
            return _json(
                200, [self._media_out(m) for m in self.media.values() if needle in m["title"]]
            )
        if m := re.fullmatch(r"/wp/v2/media/(\d+)", route):
            item = self.media[int(m.group(1))]
            item.update(json.loads(request.content))
            return _json(200, self._media_out(item))
        return _json(404, {"code": "rest_no_route", "message": "No route"})

    # --- posts -------------------------------------------------------------------------

    def _apply(self, post: dict[str, Any], body: dict[str, Any]) -> None:
        for key in ("title", "content", "excerpt", "status", "slug"):
            if key in body:
                post[key] = body[key]
        post.setdefault("slug", "")
        # The real API drops unknown ids without a word: that is what is being tested.
        if "categories" in body:
            post["categories"] = [
                i for i in body["categories"] if i in self.terms["categories"]
            ] or [1]
        if "tags" in body:
            post["tags"] = [i for i in body["tags"] if i in self.terms["tags"]]
        if "featured_media" in body:
            post["featured_media"] = (
                body["featured_media"] if body["featured_media"] in self.media else 0
            )
        if "date_gmt" in body:
            post["date_gmt"] = body["date_gmt"]
        if post["status"] == "publish" and post["date_gmt"] and post["date_gmt"] > _now():
            post["status"] = "future"
        if post["status"] in ("publish", "future") and not post["date_gmt"]:
            post["date_gmt"] = _now()
        post["modified_gmt"] = _now()

    def _post_out(self, post: dict[str, Any]) -> dict[str, Any]:
        return {
            "id": post["id"],
            "status": post["status"],
            "link": f"{self.base}/?p={post['id']}",
            "slug": post["slug"],
            "title": {"raw": post["title"], "rendered": post["title"]},
            "content": {"raw": post["content"], "rendered": post["content"]},
            "excerpt": {"raw": post["excerpt"], "rendered": f"<p>{post['excerpt']}</p>"},
            "date_gmt": post["date_gmt"],
            "modified_gmt": post["modified_gmt"],
            "categories": post["categories"],
            "tags": post["tags"],
            "featured_media": post["featured_media"],
        }

    # --- terms -------------------------------------------------------------------------

    def _terms(self, request: httpx.Request, kind: str, user: tuple[str, str]) -> httpx.Response:
        terms = self.terms[kind]
        if request.method == "GET":
            needle = request.url.params.get("search", "").lower()
            rows = [{"id": i, "name": n.replace("&", "&amp;")} for i, n in sorted(terms.items())]
            rows = [r for r in rows if needle in str(r["name"]).lower()]
            per_page = int(request.url.params.get("per_page", "10"))
            page = int(request.url.params.get("page", "1"))
            pages = max(1, -(-len(rows) // per_page))
            chunk = rows[(page - 1) * per_page : page * per_page]
            return _json(200, chunk, headers={"X-WP-TotalPages": str(pages)})
        if user[1] == "author" and kind == "categories":  # as measured on WordPress 6.1
            return _json(
                403,
                {
                    "code": "rest_cannot_create",
                    "message": "Désolé, vous n’avez pas l’autorisation.",
                },
            )
        name = json.loads(request.content)["name"]
        for term_id, existing in terms.items():
            if _fold(existing) == _fold(name):
                return _json(
                    400,
                    {
                        "code": "term_exists",
                        "message": "Le terme existe.",
                        "data": {"status": 400, "term_id": term_id},
                    },
                )
        self.next_id += 1
        terms[self.next_id] = name
        return _json(201, {"id": self.next_id, "name": name})

    # --- media -------------------------------------------------------------------------

    def _upload(self, request: httpx.Request) -> httpx.Response:
        disposition = request.headers.get("content-disposition", "")
        m = re.search(r'filename="?([^";]+)"?', disposition)
        if not m:
            return _json(
                400, {"code": "rest_upload_no_content_disposition", "message": "No filename"}
            )
        name = unquote(m.group(1))
        stem, ext = name.rsplit(".", 1)
        taken = {item["file"] for item in self.media.values()}
        file, n = name, 0
        while file in taken:
            n += 1
            file = f"{stem}-{n}.{ext}"
        self.next_id += 1
        self.media[self.next_id] = {
            "id": self.next_id,
            "title": stem,
            "file": file,
            "bytes": request.content,
            "mime": request.headers.get("content-type"),
            "alt_text": "",
            "caption": "",
        }
        return _json(201, self._media_out(self.media[self.next_id]))

    def _media_out(self, item: dict[str, Any]) -> dict[str, Any]:
        return {
            "id": item["id"],
            "source_url": f"{self.base}/wp-content/uploads/2026/11/{item['file']}",
            "alt_text": item["alt_text"],
            "caption": {"raw": item["caption"]},
        }


def _json(status: int, body: Any, headers: dict[str, str] | None = None) -> httpx.Response:
    return httpx.Response(status, json=body, headers=headers)


def _now() -> str:
    return datetime.now(UTC).replace(tzinfo=None, microsecond=0).isoformat()


def _fold(name: str) -> str:
    import unicodedata

    decomposed = unicodedata.normalize("NFKD", name.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))
