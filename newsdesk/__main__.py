"""``python -m newsdesk`` and the ``newsdesk`` command: the window, or a command.

This entry point is what joins the command line to the window: ``cli`` never
imports the ui, so it is handed a way to start it, and a way to make a PDF
(QtWebEngine lays the page out), both imported only when they are used.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

from newsdesk.bundle import run_module_if_asked

# A bundle's processes of its own (the spelling process) are started as the bundle's
# program with a hidden first argument (newsdesk/bundle.py): answered here, before the
# command line, Qt or anything else is imported.
if __name__ == "__main__" and (_code := run_module_if_asked(sys.argv)) is not None:
    sys.exit(_code)

from newsdesk import cli
from newsdesk.paths import Paths


def _launch_gui(paths: Paths) -> int:
    # Imported only when the window is wanted: commands never load Qt.
    from newsdesk import app

    return app.run_gui(paths)


def _make_pdf(html: str) -> bytes:
    # Imported only when a PDF is asked for: ``newsdesk list`` never loads Qt.
    from newsdesk import app

    return app.make_pdf(html)


def main(argv: Sequence[str] | None = None) -> int:
    return cli.main(argv, launch_gui=_launch_gui, make_pdf=_make_pdf)


if __name__ == "__main__":
    sys.exit(main())
