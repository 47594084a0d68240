"""``python -m newsdesk`` and the ``newsdesk`` command: the window, or a command."""

from __future__ import annotations

import sys

from newsdesk.cli import main

if __name__ == "__main__":
    sys.exit(main())
