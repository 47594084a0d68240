"""The reference for ``benchmarks.outside_bench``: the least a PySide6 preview window can be.

A ``QMainWindow`` whose central widget is a ``QWebEngineView`` showing one HTML
file, at the geometry given, and nothing else: no store, no editor, no
template, no settings. Run as a script, so that it imports nothing of
newsdesk nor of the benchmarks::

    python benchmarks/bare_window.py PAGE.html --geometry X,Y,WIDTH,HEIGHT [--editable]

``--editable`` makes the page itself editable (``contentEditable``) once loaded:
a key typed into it is drawn by WebEngine alone, the least any preview can take
from a key to pixels on this machine. Ctrl+Q quits, as in newsdesk.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

# QtWebEngine must be imported before the QApplication exists.
from PySide6.QtCore import QUrl
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWebEngineWidgets import QWebEngineView
from PySide6.QtWidgets import QApplication, QMainWindow


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("page", type=Path)
    parser.add_argument("--geometry", default="0,0,1536,940", help="X,Y,WIDTH,HEIGHT")
    parser.add_argument("--editable", action="store_true", help="typing edits the page")
    options = parser.parse_args(argv)
    x, y, width, height = (int(part) for part in options.geometry.split(","))
    app = QApplication([sys.argv[0]])
    window = QMainWindow()
    window.setWindowTitle("bare QWebEngineView")
    view = QWebEngineView(window)
    window.setCentralWidget(view)
    if options.editable:
        view.loadFinished.connect(
            # A transparent caret: its blinking would pass for repaints.
            lambda ok: view.page().runJavaScript(
                "document.body.contentEditable = 'true';"
                " document.body.style.caretColor = 'transparent';"
            )
        )
    view.load(QUrl.fromLocalFile(str(options.page.resolve())))
    QShortcut(QKeySequence("Ctrl+Q"), window, app.quit)
    window.setGeometry(x, y, width, height)
    window.show()
    return app.exec()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
