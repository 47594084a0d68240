"""Aide ▸ À propos de newsdesk: its version, its licence, and the licences of what it
uses and a bundle carries, each licence's text shown where a file of it exists.

What is listed (``components()``):

* newsdesk itself (``newsdesk.__version__``, GPL-3.0-or-later);
* the Python packages it runs on: its runtime requirements as installed
  (``importlib.metadata``: ``newsdesk``'s own ``Requires-Dist`` without the test
  extra, then theirs, recursively; what is not installed on this system, such as a
  Windows-only requirement, is not listed), each with its version, its licence
  (``License-Expression``, else ``License``, else the ``License ::`` classifiers) and
  the licence files its metadata carries. A bundle's build copies that metadata;
  without it, newsdesk's requirements are listed from ``REQUIREMENTS`` below;
* Qt and PySide6 (LGPL-3.0), Qt WebEngine and Chromium;
* the spelling dictionaries (``resources/spelling/dictionaries/*/LICENSE``);
* Grammalecte, from Debian's ``python3-grammalecte`` (GPL-3.0), when installed.

Reading the metadata costs a few tens of milliseconds: done when the dialog opens,
never at start-up.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt, qVersion
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from newsdesk import __version__
from newsdesk.resources import resources_dir

#: newsdesk's runtime requirements, when its own metadata cannot be read (a bundle
#: whose build did not copy it); pyproject.toml is the source of truth.
REQUIREMENTS = (
    "PySide6", "SQLAlchemy", "alembic", "Markdown", "nh3", "platformdirs", "keyring",
    "PyYAML", "httpx", "Pillow", "markdownify", "merge3", "langdetect", "beautifulsoup4",
    "psutil", "Babel", "mammoth", "spylls",
)  # fmt: skip

#: Where a system keeps the texts of the common licences (Debian and its children).
COMMON_LICENSES = Path("/usr/share/common-licenses")
#: Debian's Grammalecte: its code and its copyright file.
GRAMMALECTE_PACKAGE = Path("/usr/lib/python3/dist-packages")
GRAMMALECTE_COPYRIGHT = Path("/usr/share/doc/python3-grammalecte/copyright")

_LICENSE_FILE = re.compile(r"^(licen[cs]e|copying|notice)", re.IGNORECASE)
_NAME = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)")


@dataclass
class Component:
    """One line of the list: what, which version, under which licence, and the files
    holding that licence's text (empty when none ships)."""

    name: str
    version: str
    licence: str
    kind: str
    texts: list[Path] = field(default_factory=list)
    link: str = ""

    def licence_text(self) -> str:
        parts = []
        for path in self.texts:
            try:
                parts.append(path.read_text(encoding="utf-8", errors="replace"))
            except OSError:
                continue
        return "\n\n".join(parts)


def components() -> list[Component]:
    found = [_newsdesk()]
    found += python_packages()
    found += _qt()
    found += dictionaries()
    grammalecte = _grammalecte()
    if grammalecte is not None:
        found.append(grammalecte)
    return found


def _newsdesk() -> Component:
    texts = [p for p in _newsdesk_licence_files() if p.is_file()][:1]
    return Component(
        "newsdesk",
        __version__,
        "GPL-3.0-or-later",
        QCoreApplication.translate("AboutDialog", "ce programme"),
        texts,
        "https://www.gnu.org/licenses/gpl-3.0.html",
    )


def _newsdesk_licence_files() -> Iterable[Path]:
    tree = Path(__file__).resolve().parents[2]
    yield from (tree / name for name in ("LICENSE", "COPYING", "LICENSE.txt"))
    yield from _dist_licence_files("newsdesk")
    yield COMMON_LICENSES / "GPL-3"


def _dist_licence_files(name: str) -> list[Path]:
    from importlib import metadata

    try:
        dist = metadata.distribution(name)
    except metadata.PackageNotFoundError:
        return []
    paths = []
    for entry in dist.files or []:
        if _LICENSE_FILE.match(entry.name) and ".dist-info" in str(entry.parent):
            paths.append(Path(str(dist.locate_file(entry))))
    return paths


def _licence_of(meta: object) -> str:
    get = getattr(meta, "get", None)
    get_all = getattr(meta, "get_all", None)
    if get is None or get_all is None:
        return ""
    expression = str(get("License-Expression") or "").strip()
    if expression:
        return expression
    declared = str(get("License") or "").strip()
    # Some packages put the whole text in the field: its first line is no name.
    if declared and declared.upper() != "UNKNOWN" and "\n" not in declared and len(declared) < 80:
        return declared
    classifiers = [
        str(c).split("::")[-1].strip()
        for c in get_all("Classifier") or []
        if str(c).startswith("License ::")
    ]
    return ", ".join(classifiers)


def _field(meta: object, key: str) -> str:
    get = getattr(meta, "get", None)  # email.message.Message's, behind PackageMetadata
    return str(get(key) or "") if get is not None else ""


def _requirement_names(requires: Iterable[str]) -> list[str]:
    names = []
    for requirement in requires:
        if "extra ==" in requirement.replace("extra==", "extra =="):
            continue
        match = _NAME.match(requirement)
        if match:
            names.append(match.group(1))
    return names


def python_packages() -> list[Component]:
    """newsdesk's runtime requirements and theirs, as installed, by name."""
    from importlib import metadata

    try:
        wanted = _requirement_names(metadata.requires("newsdesk") or [])
    except metadata.PackageNotFoundError:
        wanted = list(REQUIREMENTS)
    seen: set[str] = set()
    found: list[Component] = []
    while wanted:
        name = wanted.pop(0)
        key = re.sub(r"[-_.]+", "-", name).lower()
        if key in seen:
            continue
        seen.add(key)
        try:
            dist = metadata.distribution(name)
        except metadata.PackageNotFoundError:
            continue  # not for this system (a marker), or not carried
        shown = _field(dist.metadata, "Name") or name
        found.append(
            Component(
                shown,
                dist.version,
                _licence_of(dist.metadata)
                or QCoreApplication.translate("AboutDialog", "non indiquée"),
                QCoreApplication.translate("AboutDialog", "bibliothèque Python"),
                _dist_licence_files(name),
                _field(dist.metadata, "Home-page"),
            )
        )
        if not found[-1].texts:
            found[-1].texts = _common_licence(found[-1].licence)
        wanted += _requirement_names(dist.requires or [])
    found.sort(key=lambda c: c.name.lower())
    return found


#: A licence named by its SPDX id, and the system's copy of its text.
_COMMON_TEXTS = {"LGPL-3.0": "LGPL-3", "GPL-3.0": "GPL-3", "GPL-2.0": "GPL-2",
                 "Apache-2.0": "Apache-2.0", "MPL-2.0": "MPL-2.0"}  # fmt: skip


def _common_licence(licence: str) -> list[Path]:
    """A package that ships no licence file (PySide6's wheels): the text of the first
    licence it names, from the system's common licences, when the system has them."""
    for spdx, file_name in _COMMON_TEXTS.items():
        if spdx in licence and (COMMON_LICENSES / file_name).is_file():
            return [COMMON_LICENSES / file_name]
    return []


def _qt() -> list[Component]:
    lgpl = [p for p in (COMMON_LICENSES / "LGPL-3", COMMON_LICENSES / "GPL-3") if p.is_file()]
    return [
        Component(
            "Qt",
            qVersion(),
            "LGPL-3.0",
            QCoreApplication.translate("AboutDialog", "interface (par PySide6)"),
            lgpl,
            "https://www.qt.io/licensing/open-source-lgpl-obligations",
        ),
        Component(
            "Qt WebEngine / Chromium",
            qVersion(),
            QCoreApplication.translate(
                "AboutDialog",
                "LGPL-3.0 ; Chromium : BSD-3-Clause et les licences de ses composants",
            ),
            QCoreApplication.translate("AboutDialog", "aperçu et PDF"),
            lgpl,
            "https://doc.qt.io/qt-6/qtwebengine-licensing.html",
        ),
    ]


def dictionaries() -> list[Component]:
    folder = resources_dir() / "spelling" / "dictionaries"
    found = []
    for licence in sorted(folder.glob("*/LICENSE")):
        name = licence.parent.name
        source = licence.parent / "SOURCE"
        version = _dictionary_version(source) if source.is_file() else ""
        text = licence.read_text(encoding="utf-8", errors="replace")
        # English's README-licence names SCOWL's terms first, and MPL among others.
        if "SCOWL" in text:
            kind = QCoreApplication.translate("AboutDialog", "SCOWL (permissive, voir le texte)")
        elif "MPL" in text or "Mozilla Public License" in text:
            kind = "MPL-2.0"
        else:
            kind = QCoreApplication.translate("AboutDialog", "voir le texte")
        found.append(
            Component(
                QCoreApplication.translate("AboutDialog", "Dictionnaire %1").replace("%1", name),
                version,
                kind,
                QCoreApplication.translate("AboutDialog", "orthographe"),
                [licence],
            )
        )
    return found


def _dictionary_version(source: Path) -> str:
    """``SOURCE`` says where ``packaging/fetch_dictionaries.py`` took the dictionary:
    ``npm NAME@VERSION SHA`` or ``debian PACKAGE VERSION``."""
    words = source.read_text(encoding="utf-8", errors="replace").split()
    if len(words) >= 2 and words[0] == "npm" and "@" in words[1]:
        name, _, version = words[1].rpartition("@")
        return f"{version} (npm {name})"
    if len(words) >= 3 and words[0] == "debian":
        return f"{words[2]} (Debian {words[1]})"
    return " ".join(words[:2])


def _grammalecte() -> Component | None:
    """Debian's Grammalecte, or the copy a bundle carries (``packaging/newsdesk.spec``
    puts Debian's copyright file beside its dictionaries, in ``grammalecte/``)."""
    from newsdesk.bundle import bundle_dir

    bundle = bundle_dir()
    version = ""
    if bundle is not None and (bundle / "grammalecte").is_dir():
        copyrights = [bundle / "grammalecte" / "copyright"]
    elif (GRAMMALECTE_PACKAGE / "grammalecte" / "__init__.py").is_file():
        copyrights = [GRAMMALECTE_COPYRIGHT]
        for info in sorted(GRAMMALECTE_PACKAGE.glob("Grammalecte*.egg-info")):
            match = re.search(r"-(\d[\w.]*)\.egg-info$", info.name)
            version = match.group(1) if match else ""
    else:
        return None
    texts = [p for p in (*copyrights, COMMON_LICENSES / "GPL-3") if p.is_file()]
    return Component(
        "Grammalecte (Debian python3-grammalecte)",
        version,
        "GPL-3.0",
        QCoreApplication.translate("AboutDialog", "grammaire"),
        texts,
        "https://grammalecte.net/",
    )


class AboutDialog(QDialog):
    """newsdesk's version and licence, then the list of components and their licences."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("AboutDialog")
        self.setWindowTitle(self.tr("À propos de newsdesk"))
        self.resize(1000, 660)
        self.components = components()

        header = QLabel(
            self.tr(
                "<h2>newsdesk %1</h2><p>Écrire hors ligne, prévisualiser comme sur le site, "
                "publier sans risque.</p><p>newsdesk est un logiciel libre, sous licence "
                "GPL 3 ou ultérieure (GPL-3.0-or-later). Il s’appuie sur les composants "
                "ci-dessous ; choisissez-en un pour lire sa licence.</p>"
            ).replace("%1", __version__),
            self,
        )
        header.setObjectName("AboutHeader")
        header.setWordWrap(True)
        header.setTextFormat(Qt.TextFormat.RichText)

        self.table = QTableWidget(len(self.components), 4, self)
        self.table.setObjectName("AboutComponents")
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Composant"),
                self.tr("Version installée"),
                self.tr("Licence"),
                self.tr("Rôle"),
            ]
        )
        for row, component in enumerate(self.components):
            values = (component.name, component.version, component.licence, component.kind)
            for column, value in enumerate(values):
                item = QTableWidgetItem(value)
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
                item.setToolTip(value)
                self.table.setItem(row, column, item)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        self.table.resizeRowsToContents()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header_view = self.table.horizontalHeader()
        header_view.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header_view.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header_view.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        header_view.setSectionResizeMode(3, QHeaderView.ResizeMode.ResizeToContents)
        self.table.currentCellChanged.connect(lambda row, *_: self.show_licence(row))

        self.text = QPlainTextEdit(self)
        self.text.setObjectName("AboutLicenceText")
        self.text.setReadOnly(True)
        self.text.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)

        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(self.table)
        splitter.addWidget(self.text)
        splitter.setSizes([330, 230])
        buttons = QDialogButtonBox(self)
        close = buttons.addButton(self.tr("Fermer"), QDialogButtonBox.ButtonRole.RejectRole)
        close.clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(header)
        layout.addWidget(splitter, 1)
        layout.addWidget(buttons)
        self.table.setCurrentCell(0, 0)

    def names(self) -> list[str]:
        return [c.name for c in self.components]

    def component(self, name: str) -> Component:
        return next(c for c in self.components if c.name == name)

    def show_licence(self, row: int) -> None:
        if not 0 <= row < len(self.components):
            return
        component = self.components[row]
        text = component.licence_text()
        if not text:
            text = self.tr("Aucun fichier de cette licence n’est livré ici. Licence : %1.").replace(
                "%1", component.licence
            )
            if component.link:
                text += "\n" + component.link
        self.text.setPlainText(text)


__all__ = ["AboutDialog", "Component", "components", "dictionaries", "python_packages"]
