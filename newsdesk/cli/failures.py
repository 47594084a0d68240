"""The command line's errors and their one line on stderr, in the reporter's language.

Every expected error is one line, ``newsdesk: [FILE: ]reason``, and a non-zero exit:
2 for a usage mistake, 1 for a failure. The reason is worded in ``newsdesk.words``, as
the window words it. An unexpected error also prints one line, and
its traceback goes to ``DATA_DIR/logs/newsdesk.log`` (``log_unexpected``).
"""

from __future__ import annotations

import logging
import traceback
from pathlib import Path

from newsdesk.paths import Paths

from .messages import Messages


class UsageError(Exception):
    """A mistake on the command line: exit 2."""


class Refused(Exception):
    """A worded refusal: one line on stderr, exit 1."""


def describe(error: BaseException, messages: Messages) -> str:
    """One line, in the reporter's language, for an expected error."""
    if isinstance(error, Refused):
        return str(error)
    return messages.error(error)


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
