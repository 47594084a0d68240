"""Typed errors of the domain. The UI and the CLI word them for people."""

from __future__ import annotations


class NewsdeskError(Exception):
    """Base of every error newsdesk expects and explains."""


class InvalidDocument(NewsdeskError):
    """A file or paste that cannot become an article (bad YAML, bad UTF-8, too big...).

    The message is precise English for logs. ``reason`` is a stable code the UI and
    the CLI word for people: ``too_large`` (details ``size``, ``limit``),
    ``invalid_utf8`` (``byte``, ``line``), ``invalid_yaml`` (``line``, ``column``),
    ``unclosed_front_matter``, ``not_a_mapping``, ``wrong_type`` (``key``, ``expected``:
    a code of ``interchange.EXPECTED``), ``invalid_date`` (``key``), ``unknown_value``
    (``key``, ``allowed``), ``unknown_key`` (``key``). A Word file
    (``newsdesk.formats.docx``): ``docx_too_large`` (``size``, ``limit``, in MiB),
    ``docx_is_doc``, ``docx_encrypted``, ``docx_not_word``, ``docx_damaged``,
    ``docx_empty``, ``odt_unsupported``.
    """

    def __init__(self, message: str, reason: str = "invalid", **details: object) -> None:
        super().__init__(message)
        self.reason = reason
        self.details = details


class InvalidImage(NewsdeskError):
    """A file offered as an image that is not one newsdesk can use.

    The message is English for logs. ``reason`` is a code ``newsdesk.words`` words, for
    an image imported into the store (details ``name``): ``empty``, ``too_big``
    (``size``, ``limit``, in MB), ``unsupported`` (``kind``), ``not_an_image``,
    ``too_many_pixels``, ``damaged``; ``invalid`` otherwise (the message is shown).
    """

    def __init__(self, message: str, reason: str = "invalid", **details: object) -> None:
        super().__init__(message)
        self.reason = reason
        self.details = details


class ArticleNotFound(NewsdeskError):
    def __init__(self, article_id: str) -> None:
        super().__init__(article_id)
        self.article_id = article_id


class NotInTrash(ArticleNotFound):
    """``undelete`` of an id that is not in the trash (it may be a live article)."""


class RevisionNotFound(NewsdeskError):
    def __init__(self, article_id: str, revision: int) -> None:
        super().__init__(f"{article_id}@{revision}")
        self.article_id = article_id
        self.revision = revision


class StaleRevision(NewsdeskError):
    """A save based on an older revision than the one stored: refused, never clobbered."""

    def __init__(self, article_id: str, expected: int, actual: int) -> None:
        super().__init__(f"{article_id}: based on revision {expected}, store has {actual}")
        self.article_id = article_id
        self.expected = expected
        self.actual = actual


# --- Publishing to a site ---------------------------------------------------------------
# None of these messages ever carries a password or a request header: they end up in
# the outbox's "last error" column, in logs and on screen.


class PublishingError(NewsdeskError):
    """Talking to a site went wrong. ``retryable`` tells the outbox whether to try again."""

    retryable: bool = False


class AuthenticationFailed(PublishingError):
    """The site refused the credentials (WordPress says a generic 401 or 403, never why)."""


class AdminKeyRefused(AuthenticationFailed):
    """A Ghost site refused its Admin API key (unknown, revoked, or not one at all)."""


class AuthorizationAbandoned(PublishingError):
    """The browser never came back with WordPress's answer (tab closed, time ran out)."""


class PermissionDenied(PublishingError):
    """The account is known but its role may not do this (an Author publishing for another...)."""


class SiteUnreachable(PublishingError):
    """DNS, connection refused, timeout, connection dropped: worth trying again later.

    ``reason``: ``network`` (no connection, or dropped), ``timeout`` (silent too long),
    ``too_slow`` (the answer kept coming, too slowly to finish within its deadline).
    """

    retryable = True

    NETWORK = "network"
    TIMEOUT = "timeout"
    TOO_SLOW = "too_slow"

    def __init__(self, message: str, reason: str = NETWORK) -> None:
        super().__init__(message)
        self.reason = reason


class UntrustedCertificate(PublishingError):
    """The site's HTTPS certificate is refused: nothing was sent, and trying again as it
    is will not help (a captive portal, a wrong address, a site to be fixed by its admin).

    ``reason``: ``self_signed``, ``expired``, ``wrong_host`` (made for another name),
    ``untrusted`` (any other verification failure). ``host`` is the site's host name.
    """

    SELF_SIGNED = "self_signed"
    EXPIRED = "expired"
    WRONG_HOST = "wrong_host"
    UNTRUSTED = "untrusted"

    def __init__(self, host: str, reason: str = UNTRUSTED, detail: str = "") -> None:
        super().__init__(
            f"{host}: certificate refused ({reason})" + (f": {detail}" if detail else "")
        )
        self.host = host
        self.reason = reason
        self.detail = detail


class ServerError(PublishingError):
    """The site answered 5xx: its problem, maybe passing; worth trying again later."""

    retryable = True

    def __init__(self, status: int, message: str = "", retry_after: float | None = None) -> None:
        super().__init__(f"HTTP {status}" + (f": {message}" if message else ""))
        self.status = status
        self.message = message
        #: Seconds the site asked to wait (``Retry-After`` of a 429 or 503), if it said.
        self.retry_after = retry_after


class RequestRejected(PublishingError):
    """The site answered 4xx to what we sent: sending it again will not help."""

    def __init__(self, code: str, message: str, status: int = 400) -> None:
        super().__init__(f"{code}: {message}" if message else code)
        self.code = code
        self.message = message
        self.status = status


class RemotePostNotFound(RequestRejected):
    """The post is gone from the site (deleted for good, or never there)."""


class EditCollision(RequestRejected):
    """Someone saved the post on the site since newsdesk read it (Ghost's 409
    ``UPDATE_COLLISION``): the outbox treats it as a conflict, never overwrites."""


class InvalidServerResponse(PublishingError):
    """The site answered something that is not the API's JSON (a captive portal, a PHP notice).

    ``reason``: ``not_json`` (a web page where JSON was expected: a captive portal's
    login, an error page), ``truncated`` (JSON cut short), ``too_large`` (an answer past
    newsdesk's limit: reading stopped there), ``wrong_post`` (the answer is about another
    post than the one asked for or sent), ``moved`` (a redirect: never followed with the
    password), ``not_wordpress`` (no WordPress API found at the address), ``invalid``
    (JSON of the wrong shape).
    """

    NOT_JSON = "not_json"
    TRUNCATED = "truncated"
    TOO_LARGE = "too_large"
    WRONG_POST = "wrong_post"
    MOVED = "moved"
    NOT_WORDPRESS = "not_wordpress"
    INVALID = "invalid"

    #: Captive portals and half-loaded pages on a weak link are often passing troubles;
    #: the other reasons are the site's (or the address's), and waiting will not fix them.
    _PASSING = frozenset({NOT_JSON, TRUNCATED})

    def __init__(self, message: str, reason: str = INVALID, location: str = "") -> None:
        super().__init__(message)
        self.reason = reason
        #: Where a ``moved`` answer points (without any user:password@ in it).
        self.location = location
        self.retryable = reason in self._PASSING


class InsecureTransport(PublishingError):
    """Credentials would travel over plain http:// to a host that is not this machine."""


class PublishVerificationFailed(PublishingError):
    """The site accepted the post but silently dropped part of it (tags, category, photo)."""

    def __init__(self, remote_id: int, missing: dict[str, object]) -> None:
        what = ", ".join(f"{k}={v!r}" for k, v in sorted(missing.items()))
        super().__init__(f"post {remote_id} came back without {what}")
        self.remote_id = remote_id
        self.missing = missing


class KeyringUnavailable(NewsdeskError):
    """No safe place for a password: no keyring, or only a plaintext one newsdesk refuses."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class StoreError(NewsdeskError):
    """The article database cannot be opened or used as it is.

    ``reason`` is a stable code the UI and the CLI word for people:
    ``not_a_database`` (the file is something else, or damaged beyond reading),
    ``too_new`` (written by a newer newsdesk: refusing protects its data),
    ``unreadable`` (permissions, disk, locked by another program...).
    The file is never modified when this is raised at open.
    """

    NOT_A_DATABASE = "not_a_database"
    TOO_NEW = "too_new"
    UNREADABLE = "unreadable"

    def __init__(self, path: str, reason: str, detail: str = "") -> None:
        message = f"{path}: {reason}" + (f" ({detail})" if detail else "")
        super().__init__(message)
        self.path = path
        self.reason = reason
        self.detail = detail


class ArticleExists(NewsdeskError):
    """``create`` was given an id the store already holds (in use or in the trash)."""

    def __init__(self, article_id: str) -> None:
        super().__init__(article_id)
        self.article_id = article_id


class UnsafeMediaPath(NewsdeskError):
    """A media path that would point outside the store's media folder."""

    def __init__(self, path: str) -> None:
        super().__init__(path)
        self.path = path


class UnknownSetting(NewsdeskError):
    """A setting name newsdesk does not declare (a typo, or one from another version)."""

    def __init__(self, name: str) -> None:
        super().__init__(name)
        self.name = name


class InvalidSettingValue(NewsdeskError):
    """A value of the wrong type or out of range for a declared setting."""

    def __init__(self, name: str, value: object, expected: str) -> None:
        super().__init__(f"{name}: {value!r} is not {expected}")
        self.name = name
        self.value = value
        self.expected = expected


class AmbiguousArticleId(NewsdeskError):
    """An id prefix that matches more than one article: the caller must give more of it.

    ``matches`` holds a few of them (not necessarily all), enough to show the clash.
    """

    def __init__(self, prefix: str, matches: list[str]) -> None:
        super().__init__(f"{prefix}: several articles match ({', '.join(matches)})")
        self.prefix = prefix
        self.matches = matches


# --- The outbox and connected sites -----------------------------------------------------


class NotPublishable(NewsdeskError):
    """The article breaks a rule that blocks publishing; nothing was queued.

    ``problems`` are ``(field, code)`` pairs of ``core.rules.validate``, errors only.
    ``checklist``: ``(field, code, detail)`` of what the site's content profile still
    asks for (``core.profile.checklist``); those block a direct publish or a schedule,
    never a submission for review.
    """

    def __init__(
        self,
        article_id: str,
        problems: list[tuple[str, str]],
        checklist: list[tuple[str, str, str]] | None = None,
    ) -> None:
        codes = [code for _f, code in problems] + [code for _f, code, _d in checklist or []]
        super().__init__(f"{article_id}: " + ", ".join(codes))
        self.article_id = article_id
        self.checklist = list(checklist or [])
        self.problems = problems


class SiteNotFound(NewsdeskError):
    def __init__(self, name: str) -> None:
        super().__init__(name)
        self.name = name


class SiteExists(NewsdeskError):
    """A site is already connected under this name."""

    def __init__(self, name: str) -> None:
        super().__init__(name)
        self.name = name


class SiteNotChosen(NewsdeskError):
    """No site was named and there is not exactly one connected site to pick."""

    def __init__(self, available: list[str]) -> None:
        super().__init__(", ".join(available) or "no site connected")
        self.available = available


class InvalidSchedule(NewsdeskError):
    """A schedule without a date, with a naive or past date, or a date for a non-schedule.

    ``reason``: ``missing_date``, ``naive_date``, ``past_date``, ``date_not_expected``.
    """

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class NothingToResolve(NewsdeskError):
    """``resolve_conflict`` on an article whose action is not in conflict."""

    def __init__(self, article_id: str, site: str) -> None:
        super().__init__(f"{article_id} on {site}")
        self.article_id = article_id
        self.site = site


class NotOnSite(NewsdeskError):
    """An action that needs the post on the site (unpublish) for an article never sent."""

    def __init__(self, article_id: str, site: str) -> None:
        super().__init__(f"{article_id} on {site}")
        self.article_id = article_id
        self.site = site


class InvalidPostReference(NewsdeskError):
    """Neither a post number nor a link newsdesk can read a post number from."""

    def __init__(self, text: str) -> None:
        super().__init__(text)
        self.text = text


class UnknownRubrique(NewsdeskError):
    """The article's rubrique is not one of the site's categories, and the account may
    not create one (WordPress Authors cannot: 403 ``rest_cannot_create``); nothing was
    queued. ``suggestions`` are the site's closest category names, best first."""

    def __init__(self, name: str, site: str, suggestions: list[str]) -> None:
        super().__init__(f"{name!r} is not a category of {site}")
        self.name = name
        self.site = site
        self.suggestions = suggestions


class UnknownTimeZone(NewsdeskError):
    """Text that names no time zone this machine knows (a typo, an abbreviation such as
    ``CET``): refused, never read as UTC."""

    def __init__(self, text: str) -> None:
        super().__init__(text)
        self.text = text


class PdfExportFailed(NewsdeskError):
    """The PDF could not be made; nothing was written.

    ``reason``: ``engine`` (QtWebEngine, which lays the page out, cannot start here: a
    missing system library, no Qt at all), ``print`` (the engine started but the page did
    not load or print in time). ``detail`` is precise English for the logs.
    """

    ENGINE = "engine"
    PRINT = "print"

    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(f"{reason}: {detail}" if detail else reason)
        self.reason = reason
        self.detail = detail
