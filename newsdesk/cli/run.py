"""The entry point of the command line: parse, run one command, turn errors into words."""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, TextIO

from newsdesk.core import errors
from newsdesk.logs import log_to_data_folder, stop_logging
from newsdesk.paths import Paths, resolve

from .context import Context
from .failures import Refused, UsageError, describe, log_unexpected
from .messages import Messages, cli_language
from .output import EXIT_FAILURE, EXIT_INTERRUPTED, EXIT_USAGE, PROG
from .parser import argparse_language, build_parser

if TYPE_CHECKING:
    from newsdesk.formats.pdf_page import MakePdf


def main(
    argv: Sequence[str] | None = None,
    *,
    stdout: TextIO | None = None,
    stderr: TextIO | None = None,
    launch_gui: Callable[[Paths], int] | None = None,
    make_pdf: MakePdf | None = None,
) -> int:
    """Run newsdesk with ``argv`` (default: the process's arguments); the exit code.

    ``launch_gui`` and ``make_pdf`` need Qt, which the command line never imports: the
    entry point (``newsdesk/__main__.py``) hands them in."""
    out = stdout if stdout is not None else sys.stdout
    err = stderr if stderr is not None else sys.stderr
    language = cli_language()
    messages = Messages(language)
    arguments = list(sys.argv[1:] if argv is None else argv)
    paths: Paths | None = None
    try:
        with argparse_language(language):
            parser = build_parser(messages)
            try:
                args = parser.parse_args(arguments)
            except UsageError as error:
                err.write(f"{PROG}: {error}\n")
                return EXIT_USAGE
            except SystemExit as done:  # --help and --version
                return int(done.code or 0)
        paths = resolve(getattr(args, "data_dir", None))
        if args.command is None:
            return _run_gui(paths, messages, err, launch_gui)
        ctx = Context(paths, messages, out, err, make_pdf=make_pdf)
        # A command's warnings go to the data folder's log, as the window's do; the
        # handler is taken off again, so that a process running several commands
        # (the tests, a script importing newsdesk) never writes to a folder it left.
        log = log_to_data_folder(paths, logging.WARNING)
        try:
            return int(args.run(ctx, args))
        finally:
            ctx.close()
            stop_logging(log)
    except (errors.NewsdeskError, Refused, OSError) as error:
        if isinstance(error, BrokenPipeError):
            return _broken_pipe()
        err.write(f"{PROG}: {describe(error, messages)}\n")
        return EXIT_FAILURE
    except KeyboardInterrupt:
        err.write(f"{PROG}: {messages.get('interrupted')}\n")
        return EXIT_INTERRUPTED
    except Exception as error:
        log_file = log_unexpected(paths)
        err.write(
            f"{PROG}: "
            + messages.get("unexpected", kind=type(error).__name__, log=log_file or "-")
            + "\n"
        )
        return EXIT_FAILURE


def _broken_pipe() -> int:
    # ``newsdesk list | head``: the reader left; say nothing, and keep Python from
    # complaining again when it flushes stdout at exit.
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass
    return EXIT_FAILURE


def _run_gui(
    paths: Paths, messages: Messages, err: TextIO, launch_gui: Callable[[Paths], int] | None
) -> int:
    # The window is handed in by the entry point (newsdesk/__main__.py), so the
    # command line itself never imports Qt or the ui.
    if launch_gui is None:
        err.write(f"{PROG}: {messages.get('gui_unavailable', detail='-')}\n")
        return EXIT_FAILURE
    try:
        return launch_gui(paths)
    except ImportError as error:
        err.write(f"{PROG}: {messages.get('gui_unavailable', detail=error)}\n")
        return EXIT_FAILURE
