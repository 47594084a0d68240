"""The command line's errors and their one line on stderr, in the reporter's language.

Every expected error is one line, ``newsdesk: [FILE: ]reason``, and a non-zero exit:
2 for a usage mistake, 1 for a failure. The reason is worded in ``newsdesk.words``, as
the window words it. An unexpected error also prints one line, and
its traceback goes to ``DATA_DIR/logs/newsdesk.log`` (``log_unexpected``).
"""

from __future__ import annotations

import logging
from pathlib import Path

from newsdesk.logs import log_file, log_to_data_folder, stop_logging
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
    # The log of newsdesk/logs.py: rotated, secrets blanked. A window that failed
    # to start has it already (the same handler then, not a second one).
    attached = set(logging.getLogger().handlers)
    handler = log_to_data_folder(paths, logging.WARNING)
    if handler is None:
        return None
    logging.getLogger("newsdesk.cli").error("unexpected error", exc_info=True)
    if handler not in attached:
        stop_logging(handler)  # taken off again, as a command's own
    return log_file(paths)
