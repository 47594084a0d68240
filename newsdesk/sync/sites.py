"""Connected sites: connect once, then publish; and posts pulled back from a site.

A site's password goes to the credentials store (the OS keyring) and nowhere else; the
database keeps who the account is and what it may do. ``publisher_factory`` is how the
outbox worker gets a ready client for an account.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING
from urllib.parse import parse_qs, urlsplit

from newsdesk.core.article import Article, Language, new_article_id
from newsdesk.core.errors import (
    ArticleExists,
    ArticleNotFound,
    AuthenticationFailed,
    InvalidPostReference,
    SiteExists,
)
from newsdesk.credentials import Credentials
from newsdesk.publishing.base import Publisher, RemotePost, SiteAccount, TermKind
from newsdesk.publishing.language import declared_language, post_language
from newsdesk.storage import outbox_repo as repo
from newsdesk.storage.outbox_repo import SiteInfo
from newsdesk.storage.store import Store
from newsdesk.sync.snapshot import record_from_post

if TYPE_CHECKING:
    import httpx

# httpx and the publishers (with the post's mapping) are imported where a site is
# talked to: listing the sites or their cached terms, as the window does at start-up,
# must not pay their ~0.4 s of imports.
PublisherMaker = Callable[[SiteAccount, str], Publisher]
ClientFactory = Callable[[], "httpx.Client"]


def _for_account(account: SiteAccount, password: str) -> Publisher:
    from newsdesk.publishing import publishers

    return publishers.for_account(account, password)


_NAME_CHARS = re.compile(r"[^a-z0-9.-]+")
#: The kind of site ``add_site`` connects unless it finds a Ghost (see ``_discover``).
KIND = "wordpress"


def default_client() -> httpx.Client:
    """For discovery only (no credentials): the home page and the API index."""
    import httpx

    return httpx.Client(timeout=httpx.Timeout(20.0, connect=10.0), follow_redirects=True)


def _normal_url(url: str) -> str:
    url = url.strip()
    if "://" not in url:
        url = "https://" + url
    return url


def ghost_user_name(url: str, *, client_factory: ClientFactory = default_client) -> str:
    """The name to show for a Ghost site's account when the reporter gave none: an
    Admin API key belongs to an integration, not a person, so the site's title (which
    Ghost gives without credentials), else « Ghost »."""
    from newsdesk.publishing.ghost.detect import ghost_site

    with client_factory() as client:
        found = ghost_site(_normal_url(url), client)
    title = str(found.get("title") or "").strip() if found else ""
    return title[:80] or "Ghost"


def site_name_for(url: str) -> str:
    """``https://www.actuniger.com/`` gives ``actuniger.com``; a port stays in the name."""
    parts = urlsplit(_normal_url(url))
    host = (parts.hostname or "site").lower().removeprefix("www.")
    name = f"{host}-{parts.port}" if parts.port else host
    return _NAME_CHARS.sub("-", name).strip("-")[:64] or "site"


def add_site(
    store: Store,
    credentials: Credentials,
    url: str,
    username: str,
    password: str,
    name: str | None = None,
    *,
    client_factory: ClientFactory = default_client,
    publisher_maker: PublisherMaker = _for_account,
    kind: str | None = None,
) -> SiteInfo:
    """Connect a site: find its API, check the password at once, remember the account.

    ``kind`` ``"wordpress"`` or ``"ghost"``; None finds out (WordPress's discovery
    first, then Ghost's Admin API, which says what it is without credentials). For Ghost
    the password is the Admin API key (``id:secret``) and ``username`` only a name.

    Raises ``InsecureTransport`` (http:// to another machine), ``SiteUnreachable``,
    ``InvalidServerResponse`` (not a WordPress with its API), ``AuthenticationFailed``,
    ``SiteExists``, ``KeyringUnavailable``. Nothing is stored unless all went well.
    """
    from newsdesk.publishing.wordpress import check_transport

    url = _normal_url(url)
    username = username.strip()
    if not username or not password:
        raise AuthenticationFailed("a user name and a password are both needed")
    check_transport(url)
    name = (name or site_name_for(url)).strip()
    if any(s.name == name for s in repo.list_sites(store)):
        raise SiteExists(name)
    with client_factory() as client:
        api_root, zone, kind = _discover(url, client, kind)
    account = SiteAccount(name=name, api_root=api_root, username=username, kind=kind)
    publisher = publisher_maker(account, password)
    try:
        identity = publisher.verify()
    finally:
        publisher.close()
    # The keyring first: a site row without its password would only ask for it again,
    # a password without its row would be an orphan in the keyring.
    credentials.set(name, username, password)
    try:
        return repo.insert_site(
            store,
            name=name,
            kind=kind,
            site_url=url,
            api_root=api_root,
            username=username,
            user_id=identity.user_id,
            display_name=identity.display_name,
            roles=identity.roles,
            can_publish=identity.can_publish,
            timezone_string=zone[0],
            gmt_offset=zone[1],
        )
    except Exception:
        credentials.delete(name, username)
        raise


def _discover(
    url: str, client: httpx.Client, kind: str | None
) -> tuple[str, tuple[str, float | None], str]:
    """(API root, (time zone, offset), kind) of the site at ``url``."""
    from newsdesk.core.errors import InvalidServerResponse
    from newsdesk.publishing.wordpress import discover_api_root, site_zone

    if kind in (None, KIND):
        try:
            api_root = discover_api_root(url, client)
            return api_root, site_zone(client, api_root) or ("", None), KIND
        except InvalidServerResponse as exc:
            if kind is not None or exc.reason != InvalidServerResponse.NOT_WORDPRESS:
                raise
    from newsdesk.publishing.ghost import admin_root, ghost_site

    found = ghost_site(url, client)
    if found is None:
        raise InvalidServerResponse(
            f"{url} does not look like a WordPress or Ghost site",
            InvalidServerResponse.NOT_WORDPRESS,
        )
    return admin_root(url), (str(found.get("timezone") or ""), None), "ghost"


def list_sites(store: Store) -> list[SiteInfo]:
    return repo.list_sites(store)


def remove_site(store: Store, credentials: Credentials, name: str) -> SiteInfo:
    """Forget the site, its queue and its keyring entry. The articles stay."""
    site = repo.get_site(store, name)
    credentials.delete(site.name, site.username)
    return repo.delete_site(store, name)


def set_password(
    store: Store,
    credentials: Credentials,
    name: str,
    password: str,
    *,
    publisher_maker: PublisherMaker = _for_account,
) -> SiteInfo:
    """Check a new password against the site, keep it, and put back in the queue every
    action that stopped for it (``AuthenticationFailed`` if the site refuses it too)."""
    site = repo.get_site(store, name)
    publisher = publisher_maker(site.account, password)
    try:
        identity = publisher.verify()
    finally:
        publisher.close()
    credentials.set(site.name, site.username, password)
    repo.update_site_identity(
        store,
        name,
        user_id=identity.user_id,
        display_name=identity.display_name,
        roles=identity.roles,
        can_publish=identity.can_publish,
    )
    repo.set_needs_password(store, name, False)
    return repo.get_site(store, name)


def publisher_factory(
    credentials: Credentials,
    *,
    transport: httpx.BaseTransport | None = None,
    publisher_maker: PublisherMaker | None = None,
) -> Callable[[SiteAccount], Publisher]:
    """What the worker calls for a site: its password from ``credentials``, or
    ``AuthenticationFailed`` when none is kept (the site then asks for one)."""

    def make(account: SiteAccount) -> Publisher:
        password = credentials.get(account.name, account.username)
        if not password:
            raise AuthenticationFailed("no password kept for this site")
        if publisher_maker is not None:
            return publisher_maker(account, password)
        from newsdesk.publishing import publishers

        return publishers.for_account(account, password, transport=transport)

    return make


def refresh_terms(
    store: Store,
    publisher: Publisher,
    site: str,
    *,
    client_factory: ClientFactory = default_client,
) -> dict[TermKind, list[tuple[int, str]]]:
    """Fetch the site's categories and tags into the offline cache, and the zone it
    declares (a site connected before newsdesk recorded zones gets it here)."""
    from newsdesk.publishing.wordpress import site_zone

    fetched: dict[TermKind, list[tuple[int, str]]] = {}
    for kind in ("categories", "tags"):
        terms = publisher.list_terms(kind)
        repo.replace_terms(store, site, kind, terms)
        fetched[kind] = terms
    zone: tuple[str, float | None] | None
    with client_factory() as client:
        if publisher.account.kind == "ghost":
            from newsdesk.publishing.ghost import ghost_site

            found = ghost_site(publisher.account.api_root, client) or {}
            zone = (str(found["timezone"]), None) if found.get("timezone") else None
        else:
            zone = site_zone(client, publisher.account.api_root)
    if zone is not None:
        repo.set_site_zone(store, site, *zone)
    return fetched


def cached_terms(store: Store, site: str, kind: TermKind) -> list[str]:
    """Term names for completion, offline."""
    return [name for _id, name in repo.cached_terms(store, site, kind)]


def term_names(
    store: Store, publisher: Publisher, site: str, post: RemotePost
) -> tuple[dict[int, str], dict[int, str]]:
    """Names of the post's terms, from the cache; refreshed once if some are unknown."""
    categories = dict(repo.cached_terms(store, site, "categories"))
    tags = dict(repo.cached_terms(store, site, "tags"))
    if any(c not in categories for c in post.categories) or any(t not in tags for t in post.tags):
        fetched = refresh_terms(store, publisher, site)
        categories, tags = dict(fetched["categories"]), dict(fetched["tags"])
    return categories, tags


_POST_ID_PARAMS = ("p", "post", "page_id")


def parse_post_reference(text: str) -> int | None:
    """A post number, or a link that carries one (``?p=123``, ``post.php?post=123``);
    None for a link that names the post only by its slug."""
    text = text.strip()
    if text.isdigit() and int(text) > 0:
        return int(text)
    if "://" not in text:
        raise InvalidPostReference(text)
    parts = urlsplit(text)
    query = parse_qs(parts.query)
    for key in _POST_ID_PARAMS:
        values = query.get(key)
        if values and values[0].isdigit():
            return int(values[0])
    found = re.search(r"/wp/v2/posts/(\d+)", text)
    return int(found.group(1)) if found else None


def resolve_post_id(text: str, *, client_factory: ClientFactory = default_client) -> int:
    """The post number behind ``text``. A pretty link is asked for its short link
    (WordPress answers every post page with ``Link: <...?p=123>; rel=shortlink``)."""
    number = parse_post_reference(text)
    if number is not None:
        return number
    import httpx

    # A public page: the client sends no credentials, so plain http is no risk here.
    with client_factory() as client:
        try:
            response = client.get(text.strip())
        except httpx.HTTPError as exc:
            raise InvalidPostReference(text) from exc
    shortlink = response.links.get("shortlink", {}).get("url")
    number = parse_post_reference(shortlink) if shortlink else None
    if number is None:
        raise InvalidPostReference(text)
    return number


def pull_post(
    store: Store,
    publisher: Publisher,
    site: str,
    post_id_or_url: str | int,
    *,
    client_factory: ClientFactory = default_client,
    language: Language | None = None,
) -> Article:
    """Open a post of the site as a local article, so it can be corrected and pushed back.

    A post newsdesk made comes back into the same article (as a new revision when it
    is still in the store); any other post becomes a new article. The post is recorded
    as synced, so a later publish is an update, checked for conflicts like any other,
    and pushing it back untouched changes nothing on the site.

    The language (French typography or none) is ``language`` when given, else the
    article's when it is in the store already, else what the text and the site say
    (:func:`newsdesk.publishing.language.post_language`).
    """
    from newsdesk.publishing.mapping import post_to_article

    info = repo.get_site(store, site)
    if isinstance(post_id_or_url, int):
        remote_id = post_id_or_url
    elif info.kind == "ghost":
        from newsdesk.publishing.ghost import GhostPublisher

        if not isinstance(publisher, GhostPublisher):
            raise InvalidPostReference(post_id_or_url)
        remote_id = publisher.post_number(post_id_or_url)
    else:
        remote_id = resolve_post_id(post_id_or_url, client_factory=client_factory)
    post = publisher.get_post(remote_id)
    categories, tags = term_names(store, publisher, site, post)
    existing = _existing(store, post.marker)
    if language is None:
        language = existing.language if existing else _guess_language(post, info, client_factory)
    article = post_to_article(
        post,
        category_names=categories,
        tag_names=tags,
        language=language,
        article_id=existing.id if existing else None,
    )
    if existing is not None:
        if set(article.tags) == set(existing.tags):
            article.tags = list(existing.tags)  # the site sorts them; the reporter did not
        article.revision = existing.revision
        article.featured_image = existing.featured_image
        article.dateline = existing.dateline
        article.created_at = existing.created_at
        stored = store.save(article)
    else:
        try:
            stored = store.create(article)
        except ArticleExists:
            # The article it came from is in the trash here: a new one, with its own id.
            article.id = new_article_id()
            stored = store.create(article)
    repo.save_remote_post(store, record_from_post(stored.id, site, post, stored.revision))
    return stored


def _guess_language(post: RemotePost, site: SiteInfo, client_factory: ClientFactory) -> Language:
    text = " ".join((post.title_html, post.excerpt_html, post.content_html))
    return post_language(text, site_declared_language(site.site_url, client_factory))


def site_declared_language(site_url: str, client_factory: ClientFactory) -> Language | None:
    """The language the site's home page declares; None when it cannot be read now."""
    import httpx

    try:
        with client_factory() as client:
            response = client.get(site_url)
    except httpx.HTTPError:
        return None
    if response.status_code != 200:
        return None
    return declared_language(response.text)


def _existing(store: Store, marker: str | None) -> Article | None:
    if marker is None:
        return None
    try:
        return store.get(marker)
    except ArticleNotFound:
        return None
