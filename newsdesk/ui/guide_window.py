"""Aide ▸ Guide de newsdesk: the user guide, shipped with newsdesk, read offline.

The guide is Markdown written for reporters (``resources/guide/guide.fr.md``, and
``guide.en.md`` beside it), found through ``newsdesk.resources.resources_dir()`` like
the preview's template, so that it follows newsdesk into a pip install or a bundle.
It opens in the window's language (the one of its Qt translation, as
``ui.messages.window_words`` tells), French when no guide exists in that language.

Rendered by Python-Markdown (imported here, when the guide is first opened: it is
the renderer newsdesk already carries, and ``QTextBrowser.setMarkdown`` knows no
table of contents); its ``toc`` extension gives the sections, listed on the left.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QListWidget,
    QListWidgetItem,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from newsdesk.resources import resources_dir
from newsdesk.ui.messages import window_words

#: The guide's stylesheet: QTextBrowser's subset of CSS, the preview's colours.
GUIDE_CSS = """
h1 { color: #8b1a1a; font-size: 20pt; }
h2 { color: #8b1a1a; font-size: 15pt; margin-top: 18px; }
code { background-color: #f1eee9; }
table { border-collapse: collapse; }
td, th { padding: 3px 10px; border: 1px solid #ccc; }
"""


@dataclass(frozen=True)
class Guide:
    """The guide's page, ready to show: its HTML and its sections (id, title)."""

    language: str
    title: str
    html: str
    sections: list[tuple[str, str]]


def guide_path(language: str) -> Path:
    """The guide's Markdown in ``language``, French when there is none in it."""
    folder = resources_dir() / "guide"
    wanted = folder / f"guide.{language}.md"
    return wanted if wanted.is_file() else folder / "guide.fr.md"


def load_guide(language: str) -> Guide:
    # Imported here: only the guide needs them in the window's thread. Objects, not
    # names: a name is looked up among every installed package's entry points.
    import markdown
    from markdown.extensions.sane_lists import SaneListExtension
    from markdown.extensions.tables import TableExtension
    from markdown.extensions.toc import TocExtension

    path = guide_path(language)
    converter = markdown.Markdown(
        extensions=[TocExtension(), TableExtension(), SaneListExtension()]
    )
    html = converter.convert(path.read_text(encoding="utf-8"))
    tokens = getattr(converter, "toc_tokens", [])
    title = str(tokens[0]["name"]) if tokens else ""
    sections: list[tuple[str, str]] = []
    for token in tokens:
        for child in token.get("children", []) or []:
            sections.append((str(child["id"]), _plain(str(child["name"]))))
    # QTextBrowser scrolls to ``<a name>`` anchors: give each heading one.
    for section_id, _name in sections:
        html = html.replace(
            f'<h2 id="{section_id}">', f'<h2 id="{section_id}"><a name="{section_id}"></a>', 1
        )
    return Guide(path.name.split(".")[1], _plain(title), html, sections)


def _plain(text: str) -> str:
    import html

    return html.unescape(text)


class GuideWindow(QDialog):
    """The guide: its sections on the left, the text on the right."""

    def __init__(self, guide: Guide, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("GuideWindow")
        self.guide = guide
        self.setWindowTitle(guide.title)
        self.setWindowFlag(Qt.WindowType.WindowMaximizeButtonHint, True)
        self.resize(980, 700)

        self.contents = QListWidget(self)
        self.contents.setObjectName("GuideContents")
        for section_id, name in guide.sections:
            item = QListWidgetItem(name, self.contents)
            item.setData(Qt.ItemDataRole.UserRole, section_id)
        self.contents.setMinimumWidth(200)
        self.contents.setSpacing(3)
        self.contents.currentItemChanged.connect(self._go_to)

        self.text = QTextBrowser(self)
        self.text.setObjectName("GuideText")
        # Links to the web open in the reporter's browser, never inside the guide.
        self.text.setOpenLinks(False)
        self.text.anchorClicked.connect(self._open_link)
        self.text.document().setDefaultStyleSheet(GUIDE_CSS)
        self.text.document().setDocumentMargin(18)
        self.text.setHtml(guide.html)

        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(self.contents)
        splitter.addWidget(self.text)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([230, 750])
        buttons = QDialogButtonBox(self)
        close = buttons.addButton(self.tr("Fermer"), QDialogButtonBox.ButtonRole.RejectRole)
        close.clicked.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addWidget(buttons)

    def section_titles(self) -> list[str]:
        return [self.contents.item(i).text() for i in range(self.contents.count())]

    def show_section(self, section_id: str) -> None:
        self.text.scrollToAnchor(section_id)

    def _go_to(self, item: QListWidgetItem | None, _previous: object = None) -> None:
        if item is not None:
            self.show_section(str(item.data(Qt.ItemDataRole.UserRole)))

    def _open_link(self, url: QUrl) -> None:
        if url.scheme() in ("http", "https", "mailto"):
            QDesktopServices.openUrl(url)
        elif url.hasFragment():
            self.show_section(url.fragment())


def open_guide(parent: QWidget, current: GuideWindow | None = None) -> GuideWindow:
    """Show the guide in the window's language: the one already open, raised, when it
    speaks that language; a new one otherwise."""
    language = window_words().language
    if current is not None and current.guide.language == guide_path(language).name.split(".")[1]:
        current.show()
        current.raise_()
        current.activateWindow()
        return current
    window = GuideWindow(load_guide(language), parent)
    window.show()
    return window


__all__ = ["Guide", "GuideWindow", "guide_path", "load_guide", "open_guide"]
