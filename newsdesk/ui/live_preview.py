"""Keeps the preview in step with the editor without ever holding up typing.

The rules, in the order a keystroke meets them:

1. **Throttle.** A keystroke after a quiet moment renders at once (the
   preview follows within a frame or two, even at 20,000 words); keys that
   follow within ``interval_ms`` of that render's start are gathered into one
   render at the end of the interval. The interval is one frame (16 ms)
   because a keystroke's render costs a few milliseconds: during a burst the
   page repaints about once a frame, and the last key shows within an
   interval and a render, well under the 50 ms between repaints and the 40 ms
   to settle that the desk asks for. A longer interval (it was 80 ms) saved
   no typing time, it only made the page lag; a fast typist's burst still
   costs one render per frame, not one per key. When rendering is slower
   than usual (a busy machine, two cores shared), the interval stretches to
   twice the last render, up to 40 ms: rendering then never takes more than
   half of the interpreter's time, which typing shares with it, and the page
   still repaints at least every 50 ms.
2. **One render in flight.** Rendering runs on the background pool (never the
   database worker, which may be busy saving). If the text changes while a
   render runs, one more render is queued for when it ends, whatever the
   number of changes in between.
3. **Latest text wins.** Every request bumps a generation counter; a result
   older than the newest request is dropped and the newest text rendered.
4. **Patch, do not reload.** The page is loaded once; later results replace
   only the body blocks whose key changed and the header parts whose HTML
   changed. A reload (``setHtml``) happens only when the page's structure
   changed wholesale: first show, another article, a language switch.
5. **Blocks know their lines.** Each block shown comes with the body lines it
   was rendered from, so a line of the editor maps to a block of the page and
   back (``shown_block_at``, ``shown_line_at``; used by ``ui.preview_follow``).
6. **The first page is kept.** A moment after the page last changed (and when the
   window closes), the page is written to the data folder with what the preview knows
   of it (``storage.first_page``); at the next start-up, the article unchanged, the
   window shows it at once (``show_kept``) and the first render only checks it: a
   patch of whatever differs (the date a draft will get on the site, in a draft left
   yesterday), not a reload.
"""

from __future__ import annotations

import bisect
import dataclasses
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from newsdesk.core.article import Article
from newsdesk.storage import first_page
from newsdesk.ui import pyside_refs
from newsdesk.ui.preview import PreviewPane, body_patch
from newsdesk.ui.tasks import run_in_background

log = logging.getLogger(__name__)

DEFAULT_INTERVAL_MS = 16
# The longest the throttle stretches to on a busy machine (see rule 1).
LONGEST_INTERVAL_MS = 40
# How long the page stays unchanged before it is kept for the next start-up (rule 6):
# about half a megabyte written, so once a pause, not at every one; closing the
# window keeps it at once, and a page a crash left out of date is only a miss.
KEEP_AFTER_MS = 30_000


@dataclass(slots=True)
class _Rendered:
    generation: int
    article_id: str
    language: str
    keys: list[str]
    blocks: list[str]
    # (first line, number of lines) of the body each block comes from.
    lines: list[tuple[int, int]]
    parts: dict[str, str]
    page: str | None
    seconds: float
    # The article rendered (with the date the site will show).
    article: Article


class LivePreview(QObject):
    """Drives a PreviewPane from an article source (the editor)."""

    # A render reached the page: (generation, "patch" or "reload").
    render_applied = Signal(int, str)
    # The page now shows that generation's text (patched, or reloaded and loaded).
    preview_updated = Signal(int)
    render_failed = Signal(str)
    # Body blocks of the page were just replaced (the patch is on its way to the page).
    body_patched = Signal()

    def __init__(
        self,
        pane: PreviewPane,
        article_source: Callable[[], Article],
        media_url: Callable[[str], str],
        media_dir: Path | None = None,
        interval_ms: int = DEFAULT_INTERVAL_MS,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._pane = pane
        self._source = article_source
        self._media_url = media_url
        self._media_dir = media_dir
        # Created by the first render, on the background thread: importing
        # Markdown there keeps it off the start-up path.
        self._renderer: Any = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._interval_ms = interval_ms
        self._last_start = 0.0
        self._timer.timeout.connect(self._start_render)
        self._generation = 0
        self._in_flight = False
        self._again = False
        self._force_reload = True
        self._reload_generation = 0
        # What the page currently shows.
        self._shown_article_id: str | None = None
        self._shown_language: str | None = None
        self._shown_keys: list[str] = []
        self._shown_lines: list[tuple[int, int]] = []
        self._shown_first_lines: list[int] = []
        self._shown_parts: dict[str, str] = {}
        self._shown_blocks: list[str] | None = None
        self._shown_article: Article | None = None
        # The article of the page kept from the last session, until the editor shows it.
        self._kept_article_id: str | None = None
        # The renderer's conversions that came with it, for the first render to adopt.
        self._adopt: list[list[str]] | None = None
        # Where the page is kept, and the article as the store will hold it (rule 6).
        self._keep: tuple[Path, Callable[[], Article]] | None = None
        self._keep_timer = QTimer(self)
        self._keep_timer.setSingleShot(True)
        self._keep_timer.timeout.connect(self._keep_page)
        # The article the last render started from.
        self._last_article: Article | None = None
        self.enabled = True
        self._reloading_generation: int | None = None
        pane.page_loaded.connect(self._on_page_loaded)
        # Renders started (tests check typing does not render on every key).
        self.render_count = 0
        self.last_render_seconds = 0.0

    # -- requests ------------------------------------------------------------------

    def text_changed(self) -> None:
        """Call on every edit. Cheap: at most starts a render or a timer."""
        self._generation += 1
        # A render already due (timer running) will read the newest text.
        self._schedule()

    def show_article(self) -> None:
        """Another article is in the editor: render it now and load the page afresh."""
        self._generation += 1
        kept, self._kept_article_id = self._kept_article_id, None
        if kept is not None and self._source().id == kept:
            # The page kept from last time is this article's, loaded or loading: the
            # render checks it, and patches what differs.
            self._last_article = None
            if self.enabled:
                self._start_render()
            return
        self._force_reload = True
        self._reload_generation = self._generation
        pyside_refs.stop(self._timer)
        if self.enabled:
            self._start_render()

    def set_enabled(self, enabled: bool) -> None:
        """A hidden preview renders nothing; showing it again brings it up to date."""
        self.enabled = enabled
        if enabled:
            self._generation += 1
            self._start_render()
        else:
            pyside_refs.stop(self._timer)

    def is_idle(self) -> bool:
        return not self._in_flight and not self._timer.isActive() and not self._again

    # -- the page kept for the next start-up (rule 6) ---------------------------------

    def keep_pages(self, path: Path, stored_article: Callable[[], Article]) -> None:
        """Keep the page shown in ``path``; ``stored_article`` gives the article as the
        store will hold it (the editor's), whose fingerprint the next start-up checks."""
        self._keep = (path, stored_article)

    def show_kept(self, kept: first_page.FirstPage, language: str) -> None:
        """Load the page kept from the last session, before the editor has its article."""
        if not self.enabled:
            return
        self._generation += 1
        self._pane.set_html(kept.page, base_dir=self._media_dir, keep_scroll=False)
        self._shown_article_id = kept.article_id
        self._shown_language = language
        self._shown_keys = kept.keys
        self._shown_lines = kept.lines
        self._shown_first_lines = [first for first, _count in kept.lines]
        self._shown_parts = kept.parts
        self._shown_blocks = None  # known once the first render has checked the page
        self._shown_article = None
        self._reloading_generation = self._generation
        self._reload_generation = self._generation
        self._force_reload = False
        self._kept_article_id = kept.article_id
        self._adopt = kept.conversions

    def keep_now(self) -> None:
        """Keep the page now if it is due (the window closes)."""
        if self._keep_timer.isActive():
            pyside_refs.stop(self._keep_timer)
            job = self._keep_job()
            if job is not None:
                try:
                    job()
                except Exception:
                    log.exception("keeping the preview page")

    def _keep_page(self) -> None:
        if not self.is_idle() or self._reloading_generation is not None:
            pyside_refs.start(self._keep_timer, KEEP_AFTER_MS)
            return
        job = self._keep_job()
        if job is not None:
            run_in_background(
                job,
                None,
                lambda error: log.error("keeping the preview page", exc_info=error),
                owner=self,
            )

    def _keep_job(self) -> Callable[[], None] | None:
        """What writes the page shown, or None when the editor is ahead of the page."""
        if self._keep is None or self._shown_blocks is None or self._shown_article is None:
            return None
        path, stored_article = self._keep
        rendered = self._shown_article
        stored = stored_article()
        if dataclasses.replace(rendered, date=stored.date) != stored:
            return None  # typed since the page was rendered: the next render keeps it
        media_dir = str(self._media_dir)
        media_url = self._media_url
        kept = first_page.FirstPage(
            rendered.id,
            "",
            list(self._shown_keys),
            list(self._shown_lines),
            dict(self._shown_parts),
        )
        body_html = "".join(self._shown_blocks)
        renderer = self._renderer

        def keep() -> None:
            from newsdesk.render import render_page

            page = render_page(rendered, media_url=media_url, body_html=body_html, preview=True)
            conversions = renderer.entries(kept.keys) if renderer is not None else []
            whole = dataclasses.replace(kept, page=page, conversions=conversions)
            first_page.save(path, stored, media_dir, whole)

        return keep

    # -- rendering -----------------------------------------------------------------

    def _start_render(self) -> None:
        if self._in_flight:
            self._again = True
            return
        if self._reloading_generation is not None and not self._force_reload:
            # The page is loading: another reload would cancel it (keys typed every
            # 30 ms would keep it blank). Patch it once it has loaded.
            self._again = True
            return
        article = self._source()
        generation = self._generation
        reload = (
            self._force_reload
            or not self._pane.loaded
            or article.id != self._shown_article_id
            or article.language.value != self._shown_language
        )
        if not reload and article == self._last_article:
            # Nothing the page shows changed (the editor reports format changes,
            # such as underlines, as edits): no render, and nothing in flight.
            return
        self._last_article = article
        self._in_flight = True
        self._again = False
        self._last_start = time.perf_counter()
        self.render_count += 1
        media_url = self._media_url
        adopt, self._adopt = self._adopt, None

        def render() -> _Rendered:
            from newsdesk.render import page_parts, render_page, resolve_media
            from newsdesk.render.incremental import BodyRenderer

            started = time.perf_counter()
            if self._renderer is None:
                self._renderer = BodyRenderer()
            renderer = self._renderer
            if adopt:
                renderer.adopt(adopt)
            # Each block is wrapped in an element carrying its key, so the page
            # has one child of #nd-body per block and a patch can count on it.
            placed = renderer.render_placed(article.body, article.language)
            blocks = [
                (b.key, f'<div data-key="{b.key}">{resolve_media(b.html, media_url)}</div>')
                for b in (p.block for p in placed)
            ]
            parts = page_parts(article, media_url=media_url)
            page = None
            if reload:
                page = render_page(
                    article,
                    media_url=media_url,
                    body_html="".join(html for _key, html in blocks),
                    preview=True,
                )
            return _Rendered(
                generation=generation,
                article_id=article.id,
                language=article.language.value,
                keys=[key for key, _html in blocks],
                blocks=[html for _key, html in blocks],
                lines=[(p.first_line, p.line_count) for p in placed],
                parts=parts,
                page=page,
                seconds=time.perf_counter() - started,
                article=article,
            )

        run_in_background(render, self._on_rendered, self._on_failed, owner=self)

    def _on_rendered(self, result: _Rendered) -> None:
        pyside_refs.give_back_true()  # taken by the signal that brought the result here
        self._in_flight = False
        self.last_render_seconds = result.seconds
        stale = result.generation != self._generation
        if result.page is not None:
            if result.generation >= self._reload_generation:
                self._force_reload = False
            self._pane.set_html(
                result.page,
                base_dir=self._media_dir,
                keep_scroll=result.article_id == self._shown_article_id,
            )
            self._remember(result)
            pyside_refs.emit(self.render_applied, result.generation, "reload")
            self._reloading_generation = result.generation
        elif result.article_id == self._shown_article_id:
            # Even a result a few keys old is newer than what the page shows:
            # apply it, and let the next render bring the newest text.
            self._apply_patch(result)
        else:
            self._again = True  # a patch for a page no longer shown: useless
        if stale or self._again:
            self._again = False
            self._schedule()

    def _schedule(self) -> None:
        """Render the newest text now, or at the end of the throttle interval."""
        if not self.enabled or self._timer.isActive():
            return
        interval = min(LONGEST_INTERVAL_MS, max(self._interval_ms, 2000 * self.last_render_seconds))
        wait = interval - (time.perf_counter() - self._last_start) * 1000
        if wait <= 0:
            self._start_render()
        else:
            pyside_refs.start(self._timer, int(wait) + 1)

    def _apply_patch(self, result: _Rendered) -> None:
        changed_parts = {
            key: html for key, html in result.parts.items() if self._shown_parts.get(key) != html
        }
        if set(result.parts) != set(self._shown_parts):
            # A header element appeared or vanished (a photo added): the page's
            # skeleton changed, so patching by id would miss it.
            self._force_reload = True
            self._again = True
            return
        start, remove, insert_end = body_patch(self._shown_keys, result.keys)
        body_changed = bool(remove or insert_end > start)
        if body_changed:
            self._pane.patch_body(start, remove, "".join(result.blocks[start:insert_end]))
        if changed_parts:
            self._pane.patch_parts(changed_parts)
        self._remember(result)
        if body_changed:
            pyside_refs.emit(self.body_patched)
        pyside_refs.emit(self.render_applied, result.generation, "patch")
        # Scripts run in the order they were sent: when this one answers, the
        # page shows every patch above.
        generation = result.generation
        self._pane.run_js("0", lambda _value: pyside_refs.emit(self.preview_updated, generation))

    def _on_page_loaded(self, ok: bool) -> None:
        generation, self._reloading_generation = self._reloading_generation, None
        if ok and generation is not None:
            pyside_refs.emit(self.preview_updated, generation)
        if self._again:
            self._again = False
            self._schedule()

    def _remember(self, result: _Rendered) -> None:
        self._shown_article_id = result.article_id
        self._shown_language = result.language
        self._shown_keys = result.keys
        self._shown_lines = result.lines
        self._shown_first_lines = [first for first, _count in result.lines]
        self._shown_parts = result.parts
        self._shown_blocks = result.blocks
        self._shown_article = result.article
        if self._keep is not None:
            pyside_refs.start(self._keep_timer, KEEP_AFTER_MS)

    # -- lines and blocks ------------------------------------------------------------

    def shown_block_at(self, line: int, within: float = 0.0) -> tuple[int, float] | None:
        """The page's body block showing ``line`` of the body, and how far down that
        block the point ``within`` the line (0 to 1) is. A blank line between two
        blocks belongs to the one above. None while the page shows no body.

        The page may be a few keys behind the editor: the mapping is the page's."""
        if not self._shown_lines:
            return None
        index = max(0, bisect.bisect_right(self._shown_first_lines, line) - 1)
        first, count = self._shown_lines[index]
        if count == 0 or line < first:
            return index, 0.0
        return index, min(1.0, (line - first + within) / count)

    def shown_line_at(self, index: int, fraction: float = 0.0) -> float | None:
        """The body line where ``fraction`` (0 to 1) of the page's block ``index`` falls;
        its fractional part says how far into that line. None if there is no such block."""
        if not 0 <= index < len(self._shown_lines):
            return None
        first, count = self._shown_lines[index]
        if count == 0:  # the note list, after every line
            return float(first)
        return first + min(fraction, 0.999) * count

    def _on_failed(self, error: BaseException) -> None:
        pyside_refs.give_back_true()  # taken by the signal that brought the error here
        self._in_flight = False
        self._last_article = None  # not shown: the same text must be tried again
        log.error("preview render failed", exc_info=error)
        pyside_refs.emit(self.render_failed, str(error))
        if self._again:
            self._again = False
            self._schedule()
