"""The preview shows where the reporter types; the editor follows the preview's scrolling.

Two directions, one leader at a time, chosen by the reporter's hands:

- **The editor leads** once the reporter types or moves the caret. The body
  block under the caret is kept in view in the preview: after each patch of
  the body, and after each move of the caret, the page is asked to show that
  block. It scrolls only when the block (or, for a block taller than the view,
  the lines around the caret) is out of view: by just enough, at once, when it
  moved out by a line or two (the paragraph being written wrapped), as an
  editor moves its text up; with a glide when it is within a screen (the caret
  moved); at once, a third of the way down, when it is far (Ctrl+End).
- **The page leads** once the reporter scrolls it by hand (a wheel, a click or
  a key on the page). The editor then scrolls to show, at its top, the lines
  of the block at the top of the page. It never moves the caret.

The page reports only the scrolling done while it leads, and the editor's
scrolling is never reported at all, so the two never chase each other.

Blocks are matched by position: the live preview knows which body lines each
block of the page comes from (``BodyRenderer.render_placed``).
"""

from __future__ import annotations

import json

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QPlainTextEdit

from newsdesk.ui import pyside_refs
from newsdesk.ui.live_preview import LivePreview
from newsdesk.ui.preview import PreviewPane

# Brings a part of body block ``index`` into view: the whole block when it fits,
# else the lines around ``fraction`` of its height (where the caret is). Nothing
# moves while that part is in view. A part a few lines out (the paragraph being
# written wrapped onto a new line) is brought in at once, as an editor moves its
# text up by a line: a glide there would keep the page moving after the last key.
# Further, within a screen (the caret moved), the page glides; further still, it
# jumps and shows the part a third of the way down. While a glide runs, its
# target, not the position halfway, is where the page is. Returns the target, or
# -1 when the page stays where it is.
_SHOW_BLOCK_JS = """
(function (index, fraction) {
  var body = document.getElementById('nd-body');
  var el = body && body.children[index];
  if (!el) { return -1; }
  var view = window.innerHeight;
  var margin = Math.min(48, view / 6);
  var now = Date.now();
  var state = window.ndFollow || (window.ndFollow = {target: -1, until: 0});
  var y = state.target >= 0 && now < state.until ? state.target : window.scrollY;
  var r = el.getBoundingClientRect();
  var top = r.top + window.scrollY, bottom = r.bottom + window.scrollY;
  var line = parseFloat(getComputedStyle(el).lineHeight) || 24;
  var lo = top, hi = bottom;
  if (bottom - top > view - 2 * margin) {
    var caret = top + fraction * (bottom - top);
    lo = Math.max(top, caret - 2 * line);
    hi = Math.min(bottom, caret + 2 * line);
  }
  if (lo >= y && hi <= y + view) { return -1; }
  var far = hi < y || lo > y + view;
  var target = far ? lo - view / 3 : hi > y + view ? hi - view + margin : lo - margin;
  var end = document.documentElement.scrollHeight - view;
  target = Math.round(Math.max(0, Math.min(target, end)));
  if (Math.abs(target - y) < 1) { return -1; }
  var distance = Math.abs(target - window.scrollY);
  var glide = !far && distance > 3 * line && distance <= view;
  window.scrollTo({top: target, behavior: glide ? 'smooth' : 'instant'});
  state.target = target;
  state.until = glide ? now + 700 : 0;
  return target;
})(%d, %.4f)
"""

# The body block at the top of the view and how far into it the view starts, as
# JSON "[index, fraction]" (arrays do not cross to Python; JSON does); index -1
# while the header still shows at the top, or when the page has no body.
_TOP_BLOCK_JS = """
(function () {
  var body = document.getElementById('nd-body');
  var kids = body ? body.children : [];
  if (!kids.length || kids[0].getBoundingClientRect().top > 0) { return '[-1, 0]'; }
  var lo = 0, hi = kids.length - 1;
  while (lo < hi) {
    var mid = (lo + hi) >> 1;
    if (kids[mid].getBoundingClientRect().bottom <= 0) { lo = mid + 1; } else { hi = mid; }
  }
  var r = kids[lo].getBoundingClientRect();
  var into = r.height > 0 ? Math.min(1, Math.max(0, -r.top / r.height)) : 0;
  return JSON.stringify([lo, into]);
})()
"""

# What the reporter does to scroll a page by hand.
_HAND_EVENTS = frozenset(
    {
        QEvent.Type.Wheel,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.KeyPress,
        QEvent.Type.TouchBegin,
    }
)


class PreviewFollow(QObject):
    """Keeps the preview on the block being typed, and the editor on the page being read."""

    # The page was asked to scroll to the target (a y in CSS pixels) to show the caret's block.
    preview_followed = Signal(int, float)
    # The editor was scrolled to show this line of the body at its top.
    editor_followed = Signal(int)

    def __init__(
        self,
        editor: QPlainTextEdit,
        live: LivePreview,
        pane: PreviewPane,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._editor = editor
        self._live = live
        self._pane = pane
        self.page_leads = False
        # A caret move and the edit that caused it are one request.
        self._caret_timer = QTimer(self)
        self._caret_timer.setSingleShot(True)
        self._caret_timer.setInterval(0)
        self._caret_timer.timeout.connect(self.show_caret)
        # A wheel turn scrolls the page in many steps: the editor follows once a frame.
        self._scroll_timer = QTimer(self)
        self._scroll_timer.setSingleShot(True)
        self._scroll_timer.setInterval(16)
        self._scroll_timer.timeout.connect(self._follow_page)
        self._watched: QObject | None = None
        editor.cursorPositionChanged.connect(self._on_caret_moved)
        live.body_patched.connect(self._on_body_patched)
        pane.page.scrollPositionChanged.connect(self._on_page_scrolled)
        # The widget that takes the page's input exists once a page is shown.
        pane.view.installEventFilter(self)
        self._watch_page_input()

    # -- who leads -------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._pane.view:
            if event.type() in (QEvent.Type.ChildAdded, QEvent.Type.ChildPolished):
                self._watch_page_input()
        elif event.type() in _HAND_EVENTS:
            self.page_leads = True
        return False

    def _watch_page_input(self) -> None:
        proxy = self._pane.view.focusProxy()
        if proxy is not None and proxy is not self._watched:
            if self._watched is not None:
                self._watched.removeEventFilter(self)
            proxy.installEventFilter(self)
            self._watched = proxy

    # -- the editor leads --------------------------------------------------------

    def _on_caret_moved(self) -> None:
        self.page_leads = False
        pyside_refs.start(self._caret_timer)

    def _on_body_patched(self) -> None:
        # Sent right after the patch, so the page scrolls before it paints the change.
        if not self.page_leads:
            pyside_refs.stop(self._caret_timer)
            self.show_caret()

    def show_caret(self) -> None:
        """Ask the page to show the block under the caret (it stays put if it does)."""
        if not self._live.enabled:
            return  # a hidden preview
        cursor = self._editor.textCursor()
        block = cursor.block()
        within = cursor.positionInBlock() / max(1, block.length() - 1)
        found = self._live.shown_block_at(block.blockNumber(), within)
        if found is None:
            return
        index, fraction = found

        def answered(target: object) -> None:
            if isinstance(target, int | float) and target >= 0:
                pyside_refs.emit(self.preview_followed, index, float(target))

        script = _SHOW_BLOCK_JS % (index, min(1.0, max(0.0, fraction)))
        self._pane.run_js(script, answered)

    # -- the page leads ----------------------------------------------------------

    def _on_page_scrolled(self, _position: object) -> None:
        if self.page_leads and not self._scroll_timer.isActive():
            pyside_refs.start(self._scroll_timer)

    def _follow_page(self) -> None:
        def answered(value: object) -> None:
            try:
                index, fraction = json.loads(str(value))
            except ValueError:
                return  # the page was being replaced
            if not self.page_leads:
                return  # the reporter went back to the editor meanwhile
            line = 0.0 if index < 0 else self._live.shown_line_at(int(index), float(fraction))
            if line is not None:
                self._scroll_editor_to(line)

        self._pane.run_js(_TOP_BLOCK_JS, answered)

    def _scroll_editor_to(self, line: float) -> None:
        """Put ``line`` of the body (its fractional part: how far into the line) at the
        editor's top. The caret stays where it is."""
        document = self._editor.document()
        block = document.findBlockByNumber(int(line))
        if not block.isValid():
            block = document.lastBlock()
        # Lay the block out, so that its wrapped lines are counted (the editor lays
        # out only what it has shown); its scroll bar counts wrapped lines.
        document.documentLayout().blockBoundingRect(block)
        wrapped = max(1, block.lineCount())
        value = block.firstLineNumber() + min(wrapped - 1, int((line % 1) * wrapped))
        self._editor.verticalScrollBar().setValue(value)
        pyside_refs.give_back_none()
        pyside_refs.emit(self.editor_followed, block.blockNumber())
