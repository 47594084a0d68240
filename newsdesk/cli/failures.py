"""The command line's errors and their one line on stderr, in the reporter's language.

Every expected error is one line, ``newsdesk: [FILE: ]reason``, and a non-zero exit:
2 for a usage mistake, 1 for a failure. An unexpected error also prints one line, and
its traceback goes to ``DATA_DIR/logs/newsdesk.log`` (``log_unexpected``).
"""

from __future__ import annotations

import argparse
import logging
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from newsdesk.core import errors
from newsdesk.paths import Paths

from .messages import MESSAGES, Messages
from .output import EXIT_FAILURE

if TYPE_CHECKING:
    from .context import Context


class UsageError(Exception):
    """A mistake on the command line: exit 2."""


class Refused(Exception):
    """A worded refusal: one line on stderr, exit 1."""


class NotInTrash(errors.ArticleNotFound):
    """``undelete`` of an id that is not in the trash (it may be a live article)."""


def describe(error: BaseException, messages: Messages) -> str:
    """One line, in the reporter's language, for an expected error."""
    m = messages.get
    if isinstance(error, errors.InvalidDocument):
        details = dict(error.details)
        if error.reason == "invalid_yaml" and "line" not in details:
            return m("invalid_yaml_nowhere")
        if error.reason == "invalid_yaml" and "started_line" in details:
            return m("invalid_yaml_started", **details)
        if error.reason == "wrong_type":
            code = str(details.get("expected", "text"))
            details["expected"] = m(f"expected.{code}") if f"expected.{code}" in MESSAGES else code
        if error.reason in MESSAGES:
            try:
                return m(error.reason, **details)
            except KeyError:
                pass
        return m("invalid_document", detail=error)
    if isinstance(error, errors.InvalidImage):
        return m("invalid_image", detail=error)
    if isinstance(error, errors.AmbiguousArticleId):
        shown = ", ".join(match[: len(error.prefix) + 2] for match in error.matches)
        return m("ambiguous_id", id=error.prefix, ids=shown)
    if isinstance(error, NotInTrash):
        return m("not_in_trash", id=error.article_id)
    if isinstance(error, errors.ArticleNotFound):
        return m("article_not_found", id=error.article_id)
    if isinstance(error, errors.RevisionNotFound):
        return m("revision_not_found", id=error.article_id, revision=error.revision)
    if isinstance(error, errors.StaleRevision):
        return m("stale_revision", actual=error.actual)
    if isinstance(error, errors.StoreError):
        key = f"store.{error.reason}"
        if key in MESSAGES:
            return m(key, path=error.path, detail=error.detail)
        return m("store.unreadable", path=error.path, detail=error.detail or error.reason)
    if isinstance(error, errors.UnsafeMediaPath):
        return m("unsafe_media_path", path=error.path)
    if isinstance(error, (errors.UnknownSetting, errors.InvalidSettingValue)):
        return m("setting", detail=error)
    if isinstance(error, errors.NewsdeskError):
        return m("error", detail=error)
    if isinstance(error, FileNotFoundError):
        return m("file_not_found")
    if isinstance(error, IsADirectoryError):
        return m("is_a_directory")
    if isinstance(error, PermissionError):
        return m("permission_denied")
    if isinstance(error, OSError):
        return m("os_error", detail=error.strerror or error)
    return m("error", detail=error)


def describe_publishing(error: BaseException, messages: Messages) -> str | None:
    """Publishing's errors in words; None for the others (``describe`` words them)."""
    e = errors
    if isinstance(error, Refused):
        return str(error)
    if isinstance(error, e.KeyringUnavailable):
        return messages.get("keyring", detail=error.reason)
    if isinstance(error, e.SiteNotFound):
        return messages.get("site_not_found", name=error.name)
    if isinstance(error, e.SiteExists):
        return messages.get("site_exists", name=error.name)
    if isinstance(error, e.SiteNotChosen):
        if not error.available:
            return messages.get("no_site_at_all")
        return messages.get("site_not_chosen", names=", ".join(error.available))
    if isinstance(error, e.NotPublishable):
        words = [messages.problem(code) for _field, code in error.problems]
        return messages.get("not_publishable", problems=", ".join(words))
    if isinstance(error, e.UnknownRubrique):
        choices = (
            messages.one_of(error.suggestions)
            if error.suggestions
            else messages.get("rubrique_no_choice")
        )
        return messages.get("unknown_rubrique", name=error.name, site=error.site, choices=choices)
    if isinstance(error, e.UnknownTimeZone):
        return messages.get("unknown_zone", text=error.text)
    if isinstance(error, e.InvalidSchedule):
        return messages.get(f"schedule.{error.reason}")
    if isinstance(error, e.InsecureTransport):
        return messages.get("insecure")
    if isinstance(error, e.AuthenticationFailed):
        return messages.get("auth")
    if isinstance(error, (e.SiteUnreachable, e.ServerError)):
        return messages.get("unreachable", detail=error)
    if isinstance(error, e.InvalidServerResponse):
        return messages.get("not_wordpress", detail=error)
    if isinstance(error, (e.RequestRejected, e.PermissionDenied)):
        return messages.get("rejected", detail=error)
    if isinstance(error, e.NothingToResolve):
        return messages.get("nothing_to_resolve", site=error.site)
    if isinstance(error, e.NotOnSite):
        return messages.get("not_on_site", site=error.site)
    if isinstance(error, e.InvalidPostReference):
        return messages.get("bad_post", text=error.text)
    return None


def guarded(run: Callable[[Context, argparse.Namespace], int]) -> Callable[..., int]:
    def wrapper(ctx: Context, args: argparse.Namespace) -> int:
        try:
            return run(ctx, args)
        except (errors.NewsdeskError, Refused) as error:
            worded = describe_publishing(error, ctx.messages)
            if worded is None:
                raise  # the common wording, ``describe``
            ctx.fail(worded)
            return EXIT_FAILURE

    wrapper.__name__ = run.__name__
    return wrapper


def log_unexpected(paths: Paths | None) -> Path | None:
    """Write the current exception's traceback to the log; where it went, or None."""
    if paths is None:
        return None
    try:
        paths.logs.mkdir(parents=True, exist_ok=True)
        log_file = paths.logs / "newsdesk.log"
        handler = logging.FileHandler(log_file, encoding="utf-8")
    except OSError:
        return None
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    logger = logging.getLogger("newsdesk.cli")
    logger.addHandler(handler)
    try:
        logger.error("unexpected error\n%s", traceback.format_exc())
    finally:
        logger.removeHandler(handler)
        handler.close()
    return log_file
