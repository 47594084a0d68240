"""The page in a real QtWebEngine: what the preview pane will show.

Layout, the photo's crop and the Content-Security-Policy are browser
behaviour; only a browser can tell whether they hold.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from newsdesk.core.article import Article, FeaturedImage, Language
from newsdesk.render import render_page
from newsdesk.render.page import PAGE_CSP

pytestmark = [pytest.mark.webengine]

QtCore = pytest.importorskip("PySide6.QtCore")
QtWebEngineCore = pytest.importorskip("PySide6.QtWebEngineCore")
QtWebEngineWidgets = pytest.importorskip("PySide6.QtWebEngineWidgets")
shiboken6 = pytest.importorskip("shiboken6")


class _Interceptor(QtWebEngineCore.QWebEngineUrlRequestInterceptor):
    """Records every request that reaches the network stack, and blocks it."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def interceptRequest(self, info: Any) -> None:
        url = info.requestUrl().toString()
        if not url.startswith(("file:", "data:", "about:")):
            self.urls.append(url)
            info.block(True)


class _Page(QtWebEngineCore.QWebEnginePage):
    """Keeps console messages (CSP reports) out of Qt's log and in a list."""

    def __init__(self, profile: Any) -> None:
        super().__init__(profile)
        self.console: list[str] = []

    def javaScriptConsoleMessage(self, level: Any, message: str, line: int, source: str) -> None:
        self.console.append(message)


def _browser(qtbot: Any, *, remote_allowed: bool) -> Any:
    profile = QtWebEngineCore.QWebEngineProfile()  # off the record: nothing written to disk
    interceptor = _Interceptor()
    profile.setUrlRequestInterceptor(interceptor)
    view = QtWebEngineWidgets.QWebEngineView()
    page = _Page(profile)
    if remote_allowed:
        # Qt already keeps a file: page off the network; lifting that leaves the
        # page's own policy as the only barrier (the counter-proof shows it is needed).
        page.settings().setAttribute(
            QtWebEngineCore.QWebEngineSettings.WebAttribute.LocalContentCanAccessRemoteUrls, True
        )
    view.setPage(page)
    # Python must keep these alive as long as the page uses them.
    view.interceptor = interceptor
    view.profile_ref = profile
    view.page_ref = page
    return view


def _dispose(qtbot: Any, view: Any) -> None:
    """View, then page, then profile: a profile must outlive its pages."""
    page, profile = view.page_ref, view.profile_ref
    view.close()
    shiboken6.delete(view)
    shiboken6.delete(page)
    shiboken6.delete(profile)
    qtbot.wait(10)


@pytest.fixture
def browser(qtbot: Any) -> Any:
    """A view set up as the preview's: Qt's defaults."""
    view = _browser(qtbot, remote_allowed=False)
    yield view
    _dispose(qtbot, view)


@pytest.fixture
def open_browser(qtbot: Any) -> Any:
    """A view that would let a page reach the network."""
    view = _browser(qtbot, remote_allowed=True)
    yield view
    _dispose(qtbot, view)


def _load(qtbot: Any, view: Any, html: str, base: Path, width: int = 900) -> None:
    view.resize(width, 700)
    view.show()
    with qtbot.waitSignal(view.loadFinished, timeout=10_000) as blocker:
        view.setHtml(html, QtCore.QUrl.fromLocalFile(str(base) + "/"))
    assert blocker.args == [True]


def _js(qtbot: Any, view: Any, script: str) -> Any:
    """The script's value, through JSON (arrays do not cross into Python intact)."""
    result: list[str] = []
    view.page().runJavaScript(f"JSON.stringify({script})", 0, result.append)
    qtbot.waitUntil(lambda: bool(result), timeout=5_000)
    return json.loads(result[0])


def _article(media: Path) -> tuple[Article, Any]:
    article = Article(
        title="Mali : Sergueï Lavrov attendu à Bamako",
        standfirst="Le ministre russe effectue une visite de travail.",
        body=(
            "Premier paragraphe.\n\n"
            "![distante](https://photos.example/remote.jpg)\n\n"
            "| a | b |\n|---|---|\n| " + "x" * 120 + " | y |\n\n"
            "Un mot très long : " + "anticonstitutionnellement" * 4
        ),
        category="Politique",
        tags=["Mali", "Russie"],
        byline="A.Y. Barma",
        source="actuniger.com",
        language=Language.FR,
        featured_image=FeaturedImage(path="header.jpg", caption="Lavrov et Diop", credit="DR"),
    )
    return article, lambda relative: (media / relative).as_uri()


@pytest.fixture
def media(tmp_path: Path, fixtures_dir: Path) -> Path:
    folder = tmp_path / "media"
    folder.mkdir()
    shutil.copy(fixtures_dir / "lavrov" / "header.jpg", folder / "header.jpg")
    return folder


def test_preview_shows_the_local_photo(qtbot: Any, browser: Any, media: Path) -> None:
    article, media_url = _article(media)
    _load(qtbot, browser, render_page(article, media_url=media_url, preview=True), media)
    qtbot.waitUntil(
        lambda: _js(qtbot, browser, "document.querySelector('#nd-figure img').complete"),
        timeout=5_000,
    )
    assert _js(qtbot, browser, "document.querySelector('#nd-figure img').naturalWidth") == 675
    assert browser.interceptor.urls == []


def test_preview_policy_refuses_remote_loads(qtbot: Any, open_browser: Any, media: Path) -> None:
    article, media_url = _article(media)
    _load(qtbot, open_browser, render_page(article, media_url=media_url, preview=True), media)
    qtbot.waitUntil(lambda: bool(open_browser.page().console), timeout=5_000)
    # Refused by the page's policy before any request left.
    assert open_browser.interceptor.urls == []
    assert any(
        "Content Security Policy" in message and "photos.example" in message
        for message in open_browser.page().console
    )


def test_without_the_policy_the_remote_photo_would_load(
    qtbot: Any, open_browser: Any, media: Path
) -> None:
    # The counter-proof: the interceptor does see remote loads when nothing stops them
    # (every page carries the policy: it is taken out here).
    article, media_url = _article(media)
    page = render_page(article, media_url=media_url)
    policy = f'<meta http-equiv="Content-Security-Policy" content="{PAGE_CSP}">\n'
    assert policy in page
    _load(qtbot, open_browser, page.replace(policy, ""), media)
    qtbot.waitUntil(lambda: bool(open_browser.interceptor.urls), timeout=5_000)
    assert open_browser.interceptor.urls == ["https://photos.example/remote.jpg"]


def test_photo_is_cropped_to_the_sites_aspect(qtbot: Any, browser: Any, media: Path) -> None:
    article, media_url = _article(media)
    _load(qtbot, browser, render_page(article, media_url=media_url, preview=True), media)
    box = _js(
        qtbot,
        browser,
        "(() => { const r = document.querySelector('#nd-figure img').getBoundingClientRect();"
        " return [r.width, r.height, getComputedStyle(document.querySelector('#nd-figure img'))"
        ".objectFit]; })()",
    )
    width, height, fit = box
    assert fit == "cover"
    assert width == pytest.approx(680, abs=1)  # 720 less the padding
    assert width / height == pytest.approx(675 / 240, rel=0.01)


def test_fits_a_phone_without_sideways_scrolling(qtbot: Any, browser: Any, media: Path) -> None:
    article, media_url = _article(media)
    _load(qtbot, browser, render_page(article, media_url=media_url, preview=True), media, 375)
    qtbot.waitUntil(lambda: _js(qtbot, browser, "window.innerWidth") == 375, timeout=5_000)
    assert _js(qtbot, browser, "document.documentElement.scrollWidth") <= 375
    size = _js(qtbot, browser, "getComputedStyle(document.querySelector('.nd-title')).fontSize")
    assert size == "24px"


def test_empty_parts_take_no_room(qtbot: Any, browser: Any, media: Path) -> None:
    _load(qtbot, browser, render_page(Article(title="Seul le titre"), preview=True), media)
    hidden = _js(
        qtbot,
        browser,
        "['nd-category','nd-date','nd-figure','nd-standfirst','nd-byline','nd-tags']"
        ".map(id => getComputedStyle(document.getElementById(id)).display)",
    )
    assert hidden == ["none"] * 6
    assert _js(
        qtbot, browser, "getComputedStyle(document.querySelector('.nd-kicker')).display"
    ) == ("none")
