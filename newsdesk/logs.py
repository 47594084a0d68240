"""newsdesk's log: ``DATA_DIR/logs/newsdesk.log``, rotated, and never a secret in it.

The window logs there newsdesk's records from INFO up, the command line from WARNING
up (``log_to_data_folder``); the libraries' (Alembic, httpx…) from WARNING up only,
unless the log is asked for at DEBUG: their INFO lines, a dozen at every start, would
bury newsdesk's own.
One record starts one line: time, level, logger, message; a traceback follows it on
lines that begin with a tab, so that ``grep`` by date or level finds every record and
a reader sees where each one ends. The file is UTF-8 and rotated at 1 MiB, five old
files kept (``newsdesk.log.1`` … ``.5``): a laptop's disk never fills with it, and a
week of a reporter's work stays readable.

Nothing secret reaches the file: ``RedactSecrets``, a filter on the file's handler,
rewrites every record (its message, its arguments, its traceback) before it is
written. It blanks the values of ``Authorization:``/``Cookie:`` headers,
``password=``, ``token=``, ``api_key=``… (as query parameters, JSON keys or a dict's
repr), the password of a URL (``https://user:secret@host``), and anything shaped like
a WordPress application password (six groups of four letters or digits), a Ghost Admin
API key (``id:secret`` in hex) and a JSON Web Token, which is how the site credentials
would look if a redirect URL or a request ever reached a log.
The publishers and ``credentials`` never log a password; this is the net below them.

No Qt here: the command line uses it too.
"""

from __future__ import annotations

import logging
import logging.handlers
import re
from pathlib import Path

from newsdesk.paths import Paths

LOG_NAME = "newsdesk.log"
MAX_BYTES = 1024 * 1024
BACKUP_COUNT = 5
REDACTED = "[redacted]"
FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"

# Headers whose whole value is a secret: up to the end of the line or the closing quote.
_HEADERS = re.compile(
    r"""(?ix)
    \b((?:proxy-)?authorization|cookie|set-cookie|x-api-key|x-wp-nonce)
    (["']?\s*(?:[:=]|,(?=\s*b?["']))\s*(?:b(?=["']))?)  # ": " in a header, "=", "', b'" in a repr
    (["']?)                 # the value's opening quote, if any
    [^"'\r\n]+
    """
)
# key=value, key: value, "key": "value": the value of a secret-sounding key.
_KEYS = (
    r"(?:password|passwd|pwd|passphrase|secret|client_secret|token|access_token"
    r"|refresh_token|api[_-]?key|apikey|app_password|application_password)"
)
_QUOTED = re.compile(rf"""(?i)\b({_KEYS})(["']?\s*[:=]\s*)(["'])(?:(?!\3).)*\3""")
_BARE = re.compile(rf"""(?i)\b({_KEYS})(["']?\s*[:=]\s*)(?!["'\s\[])[^\s&,;}}\])]+""")
# scheme://user:password@host
_URL_PASSWORD = re.compile(r"(?i)\b([a-z][a-z0-9+.-]*://[^/\s:@]+):[^@\s/]+@")
# A WordPress application password: 24 letters and digits in groups of four, separated
# by spaces (or %20, + once URL-encoded).
_APPLICATION_PASSWORD = re.compile(r"\b[A-Za-z0-9]{4}(?:(?: |%20|\+)[A-Za-z0-9]{4}){5}\b")
# A Ghost Admin API key (24 hex digits, a colon, 64 hex digits), and a JSON Web Token
# (the tokens newsdesk mints from it): three base64url parts, the first a JSON header.
_GHOST_KEY = re.compile(r"(?i)\b[0-9a-f]{24}:[0-9a-f]{64}\b")
_JWT = re.compile(r"\beyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+")


def _unless_prose(match: re.Match[str]) -> str:
    # Six four-letter words in lower case are French or English prose far more often
    # than a generated password (which mixes capitals and digits): those are kept.
    text = match.group(0)
    letters = re.sub(r" |%20|\+", "", text)
    return text if letters.isalpha() and letters.islower() else REDACTED


def redact(text: str) -> str:
    """``text`` with every secret it seems to hold replaced by ``REDACTED``."""
    # The application passwords first: a ``password=`` below would blank only their
    # first group of four and leave the other five.
    text = _APPLICATION_PASSWORD.sub(_unless_prose, text)
    text = _GHOST_KEY.sub(REDACTED, text)
    text = _JWT.sub(REDACTED, text)
    text = _HEADERS.sub(lambda m: f"{m.group(1)}{m.group(2)}{m.group(3)}{REDACTED}", text)
    text = _QUOTED.sub(
        lambda m: f"{m.group(1)}{m.group(2)}{m.group(3)}{REDACTED}{m.group(3)}", text
    )
    text = _BARE.sub(lambda m: f"{m.group(1)}{m.group(2)}{REDACTED}", text)
    return _URL_PASSWORD.sub(lambda m: f"{m.group(1)}:{REDACTED}@", text)


class RedactSecrets(logging.Filter):
    """Rewrites a record's message, arguments, traceback and stack with ``redact``.

    The message is formatted here (``record.getMessage()``) and its arguments dropped:
    a secret passed as an argument (``log.info("%s", headers)``) is only visible once
    formatted. The traceback is formatted here too, so the redacted text is the one
    the formatter writes (it reuses ``exc_text``)."""

    _formatter = logging.Formatter()

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # arguments that do not fit the message: shown as they are
            message = f"{record.msg!r} {record.args!r}"
        record.msg = redact(message)
        record.args = None
        if record.exc_info and not record.exc_text:
            record.exc_text = self._formatter.formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact(record.exc_text)
        if record.stack_info:
            record.stack_info = redact(record.stack_info)
        return True


class LibrariesFromWarning(logging.Filter):
    """Lets newsdesk's records through at the handler's level, the libraries' from
    ``floor`` up: WARNING, or DEBUG when the log was asked for at DEBUG (someone
    debugging wants httpx's lines too). A filter on the handler rather than the root
    logger's level: a library may set its own logger's level (Alembic's ``fileConfig``
    puts ``alembic`` at INFO whenever migrations run), which the root's does not
    overrule."""

    def __init__(self, level: int) -> None:
        super().__init__()
        self.follow(level)

    def follow(self, level: int) -> None:
        self.floor = logging.DEBUG if level <= logging.DEBUG else logging.WARNING

    def filter(self, record: logging.LogRecord) -> bool:
        name = record.name
        ours = name == "newsdesk" or name.startswith("newsdesk.")
        return ours or record.levelno >= self.floor


class LineFormatter(logging.Formatter):
    """FORMAT on the record's first line; the lines after it (a traceback, a message of
    several lines) begin with a tab."""

    def format(self, record: logging.LogRecord) -> str:
        return super().format(record).replace("\n", "\n\t")


def log_file(paths: Paths) -> Path:
    return paths.logs / LOG_NAME


def log_to_data_folder(paths: Paths, level: int = logging.INFO) -> logging.Handler | None:
    """Send newsdesk's records from ``level`` up to ``DATA_DIR/logs/newsdesk.log``.

    Idempotent (a second call on the same folder changes only the level). Returns
    the handler, or None when the folder cannot be written (a read-only data folder:
    newsdesk then runs without a log rather than not at all). The file is opened at
    the first record, not before: a start that logs nothing writes nothing."""
    path = log_file(paths)
    root = logging.getLogger()
    # newsdesk's loggers at ``level``; the root (the libraries) keeps its WARNING.
    logging.getLogger("newsdesk").setLevel(level)
    for handler in root.handlers:
        if isinstance(handler, logging.handlers.RotatingFileHandler) and Path(
            handler.baseFilename
        ) == path.resolve(strict=False):
            handler.setLevel(level)
            for found in handler.filters:
                if isinstance(found, LibrariesFromWarning):
                    found.follow(level)
            return handler
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handler = logging.handlers.RotatingFileHandler(
            path, maxBytes=MAX_BYTES, backupCount=BACKUP_COUNT, encoding="utf-8", delay=True
        )
    except OSError:
        return None
    handler.setLevel(level)
    handler.addFilter(LibrariesFromWarning(level))
    handler.addFilter(RedactSecrets())
    handler.setFormatter(LineFormatter(FORMAT))
    root.addHandler(handler)
    return handler


def stop_logging(handler: logging.Handler | None) -> None:
    """Detach and close a handler of ``log_to_data_folder`` (tests, several folders)."""
    if handler is None:
        return
    logging.getLogger().removeHandler(handler)
    logging.getLogger("newsdesk").setLevel(logging.NOTSET)
    handler.close()
