"""Finds the ``resources/`` folder: the source tree's, or the copy ``pip install`` made.

The template and stylesheet are plain files so that a designer can change the
look of the preview without touching Python. Running from a checkout (the
usual case for developers and tests) uses the tree's own folder; an installed
newsdesk finds the copy that ``[tool.setuptools.data-files]`` put under
``sys.prefix/share/newsdesk/resources``; a bundle (``packaging/newsdesk.spec``) has
its copy in the bundle's folder (``newsdesk/bundle.py``).

A module of its own, beside the bundle's, rather than inside ``newsdesk.render``:
the window's icon, the guide and the dictionaries find their files without importing
the renderer (and Python-Markdown with it, some 60 ms of the window's start-up).
"""

from __future__ import annotations

import sys
from functools import cache
from pathlib import Path

from newsdesk.bundle import bundle_dir

_SOURCE_TREE = Path(__file__).resolve().parents[1] / "resources"


def resources_dir() -> Path:
    """The folder holding ``templates/`` and ``css/``.

    Raises FileNotFoundError naming both places looked at: a missing
    template is an installation fault, not something a reporter can fix.
    """
    bundle = bundle_dir()
    candidates: list[Path] = [] if bundle is None else [bundle / "resources"]
    candidates += [_SOURCE_TREE, Path(sys.prefix) / "share" / "newsdesk" / "resources"]
    for folder in candidates:
        if (folder / "templates").is_dir():
            return folder
    looked = ", ".join(str(c) for c in candidates)
    raise FileNotFoundError(f"newsdesk resources not found (looked in {looked})")


@cache
def read_resource(relative: str) -> str:
    """A resource file's text, read once per process (the preview asks on every keystroke)."""
    return (resources_dir() / relative).read_text(encoding="utf-8")
