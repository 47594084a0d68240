"""The preview pane: the article as the site will show it, in a hardened web view.

The page's own JavaScript is off (a pasted ``<script>`` that slipped past the
sanitizer still cannot run) and nothing is fetched from the network. The host
patches the DOM through ``runJavaScript`` in the ApplicationWorld, an isolated
world that keeps working when the page's JavaScript is disabled; this is what
lets a keystroke update one paragraph instead of reloading the whole page.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Qt, QTemporaryDir, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWebEngineCore import (
    QWebEnginePage,
    QWebEngineProfile,
    QWebEngineScript,
    QWebEngineSettings,
    QWebEngineUrlRequestInfo,
    QWebEngineUrlRequestInterceptor,
)
from PySide6.QtWebEngineWidgets import QWebEngineView
from PySide6.QtWidgets import (
    QButtonGroup,
    QHBoxLayout,
    QLabel,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from newsdesk.ui import pyside_refs

log = logging.getLogger(__name__)

# The width of a common phone screen, in CSS pixels.
MOBILE_WIDTH = 375
# Pages from this size on are loaded from a file (setHtml's data: URL stops at 2 MB).
SET_HTML_LIMIT = 1_800_000
_QWIDGETSIZE_MAX = (1 << 24) - 1
_WORLD = QWebEngineScript.ScriptWorldId.ApplicationWorld
_LOCAL_SCHEMES = frozenset({"file", "data"})


class LocalOnlyInterceptor(QWebEngineUrlRequestInterceptor):
    """Blocks every load that is not the page itself or a local image.

    A reporter's draft may embed a remote image or a tracking pixel pasted from
    the web; the preview must not phone home from a café's connection.
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.blocked: list[str] = []

    def interceptRequest(self, info: QWebEngineUrlRequestInfo) -> None:
        url = info.requestUrl()
        if url.scheme() not in _LOCAL_SCHEMES:
            self.blocked.append(url.toString())
            info.block(True)


class PreviewPage(QWebEnginePage):
    """Accepts only the host's own ``setHtml``; clicked web links go to the browser."""

    external_link_opened = Signal(QUrl)

    def __init__(
        self,
        profile: QWebEngineProfile,
        parent: QObject | None = None,
        open_url: Callable[[QUrl], Any] = QDesktopServices.openUrl,
    ) -> None:
        super().__init__(profile, parent)
        self._open_url = open_url
        # The one local file the host may load (pages too big for setHtml).
        self.allowed_file: QUrl | None = None

    def acceptNavigationRequest(
        self, url: QUrl | str, nav_type: QWebEnginePage.NavigationType, is_main_frame: bool
    ) -> bool:
        url = QUrl(url)
        if nav_type == QWebEnginePage.NavigationType.NavigationTypeTyped and (
            url.scheme() == "data" or (self.allowed_file is not None and url == self.allowed_file)
        ):
            return True  # the host's own page
        if nav_type == QWebEnginePage.NavigationType.NavigationTypeLinkClicked and url.scheme() in (
            "http",
            "https",
        ):
            self._open_url(url)
            pyside_refs.emit(self.external_link_opened, url)
        return False

    def javaScriptConsoleMessage(self, *args: object) -> None:
        # The page runs no script of its own; console noise would only come
        # from our patches, which report their result through the callback.
        pass


# One function installed with each patch. It works by position rather than by
# key, so two identical paragraphs (same key) are still patched correctly.
_PATCH_BODY_JS = """
(function (start, removeCount, html) {
  var body = document.getElementById('nd-body');
  if (!body) { return false; }
  var kids = body.children;
  for (var i = 0; i < removeCount && start < kids.length; i++) {
    body.removeChild(kids[start]);
  }
  if (html) {
    var tpl = document.createElement('template');
    tpl.innerHTML = html;
    body.insertBefore(tpl.content, kids[start] || null);
  }
  return body.children.length;
})(%s, %d, %s)
"""

_PATCH_PARTS_JS = """
(function (parts) {
  var missing = [];
  for (var id in parts) {
    var el = document.getElementById(id);
    if (!el) { missing.push(id); continue; }
    var tpl = document.createElement('template');
    tpl.innerHTML = parts[id];
    var fresh = tpl.content.firstElementChild;
    if (fresh && fresh.id === id) { el.replaceWith(tpl.content); }
    else { el.innerHTML = parts[id]; }
  }
  return missing;
})(%s)
"""


def locked_down_page(
    owner: QObject, page_parent: QObject
) -> tuple[QWebEngineProfile, LocalOnlyInterceptor, PreviewPage]:
    """A page for newsdesk's own HTML, as the preview and the PDF printer use it: an
    off-the-record profile (nothing on disk), no request but local ones, no script,
    no plug-in, no storage, the store's images readable (``file:``)."""
    profile = QWebEngineProfile(owner)  # no name: off the record
    interceptor = LocalOnlyInterceptor(owner)
    profile.setUrlRequestInterceptor(interceptor)
    page = PreviewPage(profile, page_parent)
    settings = page.settings()
    attr = QWebEngineSettings.WebAttribute
    settings.setAttribute(attr.JavascriptEnabled, False)
    settings.setAttribute(attr.LocalContentCanAccessRemoteUrls, False)
    settings.setAttribute(attr.LocalContentCanAccessFileUrls, True)
    settings.setAttribute(attr.AutoLoadIconsForPage, False)
    settings.setAttribute(attr.PluginsEnabled, False)
    settings.setAttribute(attr.LocalStorageEnabled, False)
    return profile, interceptor, page


def body_patch(old_keys: Sequence[str], new_keys: Sequence[str]) -> tuple[int, int, int]:
    """The smallest contiguous change turning ``old_keys`` into ``new_keys``.

    Returns ``(start, remove_count, insert_end)``: remove ``remove_count`` old
    blocks at ``start`` and insert ``new_keys[start:insert_end]``. Typing
    changes one block, so this is almost always a single replace.
    """
    limit = min(len(old_keys), len(new_keys))
    start = 0
    while start < limit and old_keys[start] == new_keys[start]:
        start += 1
    tail = 0
    while (
        tail < limit - start
        and old_keys[len(old_keys) - 1 - tail] == new_keys[len(new_keys) - 1 - tail]
    ):
        tail += 1
    return start, len(old_keys) - tail - start, len(new_keys) - tail


class PreviewPane(QWidget):
    """Shows the page and applies patches; knows nothing of Markdown or the store."""

    page_loaded = Signal(bool)
    patched = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("PreviewPane")
        # A private, off-the-record profile: no cookies or cache on disk, and the
        # interceptor only applies to the preview.
        # The view (and the page it owns) is created before the profile so that Qt,
        # which deletes children in creation order, deletes the page first: a
        # profile must outlive its pages.
        self.view = QWebEngineView(self)
        self._profile, self.interceptor, self.page = locked_down_page(self, self.view)
        self.view.setPage(self.page)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        attr = QWebEngineSettings.WebAttribute
        # Smooth scrolling, as in a browser: the wheel, and the host bringing the
        # block being typed into view (ui.preview_follow), glide instead of jumping.
        self.page.settings().setAttribute(attr.ScrollAnimatorEnabled, True)
        self.page.loadFinished.connect(self._on_load_finished)

        self.title = QLabel(self.tr("Aperçu"), self)
        self.title.setObjectName("PreviewTitle")
        self.desktop_button = QToolButton(self)
        self.desktop_button.setText(self.tr("Bureau"))
        self.desktop_button.setToolTip(self.tr("Largeur d’un écran d’ordinateur"))
        self.mobile_button = QToolButton(self)
        self.mobile_button.setText(self.tr("Mobile"))
        self.mobile_button.setToolTip(self.tr("Largeur d’un téléphone (375 pixels)"))
        group = QButtonGroup(self)
        for button in (self.desktop_button, self.mobile_button):
            button.setCheckable(True)
            button.setAutoRaise(True)
            group.addButton(button)
        self.desktop_button.setChecked(True)
        self.desktop_button.toggled.connect(lambda on: self.set_mobile(False) if on else None)
        self.mobile_button.toggled.connect(lambda on: self.set_mobile(True) if on else None)

        header = QHBoxLayout()
        header.setContentsMargins(8, 4, 8, 4)
        header.addWidget(self.title)
        header.addStretch(1)
        header.addWidget(self.desktop_button)
        header.addWidget(self.mobile_button)

        self._frame = QHBoxLayout()
        self._frame.setContentsMargins(0, 0, 0, 0)
        self._frame.addWidget(self.view, 1)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addLayout(header)
        layout.addLayout(self._frame, 1)

        self.loaded = False
        self._restore_scroll: float | None = None
        self._big_page_dir: QTemporaryDir | None = None

    # -- width -----------------------------------------------------------------

    def set_mobile(self, mobile: bool) -> None:
        if mobile:
            self.view.setFixedWidth(MOBILE_WIDTH)
            self._frame.setAlignment(self.view, Qt.AlignmentFlag.AlignHCenter)
        else:
            self.view.setMinimumWidth(0)
            self.view.setMaximumWidth(_QWIDGETSIZE_MAX)
            # An aligned item keeps its size hint: no alignment lets it fill the pane.
            self._frame.setAlignment(self.view, Qt.AlignmentFlag(0))
        if self.mobile_button.isChecked() != mobile:
            (self.mobile_button if mobile else self.desktop_button).setChecked(True)

    def is_mobile(self) -> bool:
        return self.mobile_button.isChecked()

    # -- content ---------------------------------------------------------------

    def set_html(self, html: str, base_dir: Path | None = None, keep_scroll: bool = True) -> None:
        """Load a whole page. Costly (a reload): only when the structure changed."""
        base = QUrl.fromLocalFile(str(base_dir) + "/") if base_dir else QUrl("file:///")
        # The page's scroll position as the host last heard it (no script needed,
        # and no race with the page about to be replaced).
        # A page replaced while still loading keeps the position its load was to
        # restore (the page on screen is still the one before it).
        if not keep_scroll:
            self._restore_scroll = None
        elif self.loaded:
            self._restore_scroll = self.page.scrollPosition().y()
        self.loaded = False
        data = html.encode("utf-8")
        if len(data) < SET_HTML_LIMIT:
            self.view.setHtml(html, base)
            return
        # setHtml goes through a data: URL, which Chromium caps at 2 MB: a bigger
        # page (a very long import) is written to a private file and loaded from it.
        if self._big_page_dir is None:
            self._big_page_dir = QTemporaryDir()
        target = Path(self._big_page_dir.path()) / "preview.html"
        target.write_bytes(data)
        url = QUrl.fromLocalFile(str(target))
        self.page.allowed_file = url
        self.view.load(url)

    def _on_load_finished(self, ok: bool) -> None:
        self.loaded = ok
        if ok and self._restore_scroll:
            self.page.runJavaScript(f"window.scrollTo(0, {self._restore_scroll})", _WORLD)
        self._restore_scroll = None
        pyside_refs.emit(self.page_loaded, ok)

    def patch_body(self, start: int, remove_count: int, html: str) -> None:
        """Replace ``remove_count`` body blocks at ``start`` with ``html`` (may be empty)."""
        script = _PATCH_BODY_JS % (start, remove_count, json.dumps(html))
        self.page.runJavaScript(script, _WORLD, lambda _result: pyside_refs.emit(self.patched))

    def patch_parts(self, parts: dict[str, str]) -> None:
        """Replace whole header elements (title, standfirst...) by id."""
        if parts:
            script = _PATCH_PARTS_JS % json.dumps(parts)
            self.page.runJavaScript(script, _WORLD, lambda _result: pyside_refs.emit(self.patched))

    def run_js(self, script: str, callback: Callable[[Any], None]) -> None:
        """Evaluate ``script`` in the isolated world (tests read the DOM back this way)."""
        self.page.runJavaScript(script, _WORLD, callback)
