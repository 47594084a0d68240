"""``python -m newsdesk`` and the ``newsdesk`` command: the window, or a command.

This entry point is what joins the command line to the window: ``cli`` never
imports the ui, so it is handed a way to start it.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

from newsdesk import cli
from newsdesk.paths import Paths


def _launch_gui(paths: Paths) -> int:
    # Imported only when the window is wanted: commands never load Qt.
    from newsdesk import app

    return app.run_gui(paths)


def main(argv: Sequence[str] | None = None) -> int:
    return cli.main(argv, launch_gui=_launch_gui)


if __name__ == "__main__":
    sys.exit(main())
