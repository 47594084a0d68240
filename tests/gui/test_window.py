"""The window end to end: type, see the preview, find the article saved, restart, find it again."""

from __future__ import annotations

import json
import time
from typing import Any

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent, QTextCursor
from PySide6.QtWidgets import QApplication

from newsdesk.core.article import Article, Status
from newsdesk.storage.store import Store
from newsdesk.ui.main_window import MainWindow, SaveState
from tests.gui.conftest import WindowFactory, read_dom, type_text, wait_dom

pytestmark = [pytest.mark.gui, pytest.mark.webengine]

TITLE = "Niamey : la saison des pluies s’annonce précoce"
BODY = (
    "Les premières averses sont tombées à l’aube — 12 mm à l’aéroport.\n\n"
    "## Des récoltes à protéger\n\n"
    "« Il faut semer maintenant », dit un agriculteur."
)


def wait_saved(qtbot: Any, window: MainWindow) -> None:
    qtbot.waitUntil(lambda: window._state == SaveState.SAVED and not window._saving, timeout=10000)


def test_typing_french_updates_preview_and_saves(qtbot, window: MainWindow, store: Store) -> None:
    window.editor.title.setFocus()
    type_text(window.editor.title, TITLE)
    window.editor.body.setFocus()
    type_text(window.editor.body, BODY)
    assert window.editor.current().title == TITLE
    assert window.save_state_text() in ("Modifications non enregistrées", "Enregistrement…")

    title = wait_dom(
        qtbot, window, "document.getElementById('nd-title').textContent", lambda t: "Niamey" in t
    )
    # French typography: a no-break space before the colon.
    assert title.startswith("Niamey\u00a0:") or title.startswith("Niamey\u202f:")
    body_text = wait_dom(
        qtbot,
        window,
        "document.getElementById('nd-body').textContent",
        lambda t: "agriculteur" in t,
    )
    assert "12\u00a0mm" in body_text or "12 mm" in body_text
    heading = read_dom(qtbot, window, "document.querySelector('#nd-body h2').textContent")
    assert heading == "Des récoltes à protéger"

    wait_saved(qtbot, window)
    assert window.save_state_text() == "Enregistré"
    stored = store.get(window.editor.base().id)
    assert stored.title == TITLE
    assert stored.body == BODY


def test_article_reopens_after_restart(qtbot, windows: WindowFactory, store: Store) -> None:
    first = windows.open()
    type_text(first.editor.title, "Budget 2027 : le débat s’ouvre")
    first.editor.body.setFocus()
    type_text(first.editor.body, "Les députés examinent le projet à partir de lundi.")
    article_id = first.editor.base().id
    # Closing saves at once, without waiting for the autosave timer.
    first.close()
    assert store.get(article_id).body == "Les députés examinent le projet à partir de lundi."

    second = windows.open()
    qtbot.waitUntil(lambda: second.editor.base().id == article_id, timeout=10000)
    assert second.editor.title.text() == "Budget 2027 : le débat s’ouvre"
    assert second.editor.body.toPlainText().endswith("à partir de lundi.")
    wait_dom(
        qtbot,
        second,
        "document.getElementById('nd-title').textContent",
        lambda t: t.startswith("Budget 2027"),
    )


def test_ctrl_s_saves_at_once(qtbot, window: MainWindow, store: Store) -> None:
    window.context.settings  # noqa: B018 - the window reads autosave_seconds from it
    window._autosave_ms = 60_000  # so only Ctrl+S can be the one saving
    window.editor.body.setFocus()
    type_text(window.editor.body, "Dépêche urgente.")
    with qtbot.waitSignal(window.saved, timeout=10000) as blocker:
        qtbot.keyClick(window.editor.body, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert blocker.args[0].body == "Dépêche urgente."
    assert store.get(blocker.args[0].id).revision == 1


def test_typing_does_not_render_on_every_key(qtbot, window: MainWindow) -> None:
    window.editor.body.setFocus()
    live = window.live_preview
    qtbot.waitUntil(live.is_idle, timeout=10000)
    before = live.render_count
    loads_before: list[bool] = []
    window.preview.page.loadFinished.connect(loads_before.append)
    text = "Le convoi est arrivé à Tillabéri après neuf heures"
    assert len(text) == 50
    # A fast typist: a key every 10 ms, with the event loop running in between.
    started = time.perf_counter()
    type_text(window.editor.body, text, pause=lambda: qtbot.wait(10))
    typing_ms = (time.perf_counter() - started) * 1000
    qtbot.waitUntil(live.is_idle, timeout=10000)
    renders = live.render_count - before
    # The throttle's own bound, whatever the machine's speed: one render at once, then
    # at most one per interval while the keys come, and one for the last keys.
    assert 1 <= renders <= 2 + typing_ms / live._interval_ms, (renders, typing_ms)
    wait_dom(
        qtbot,
        window,
        "document.getElementById('nd-body').textContent",
        lambda t: "Tillabéri après neuf heures" in t,
    )
    # Patched in place: the page was never reloaded while typing.
    assert loads_before == []
    # And the page says when it caught up with the last key.
    with qtbot.waitSignal(live.preview_updated, timeout=5000) as caught:
        type_text(window.editor.body, "!")
    qtbot.waitUntil(live.is_idle, timeout=5000)
    assert caught.args[0] <= live._generation
    wait_dom(qtbot, window, "document.getElementById('nd-body').textContent", lambda t: "!" in t)


def test_preview_patches_only_the_changed_block(qtbot, window: MainWindow) -> None:
    paragraphs = [f"Paragraphe numéro {i} du compte rendu." for i in range(30)]
    window.editor.body.setPlainText("\n\n".join(paragraphs))
    wait_dom(
        qtbot,
        window,
        "document.getElementById('nd-body').children.length",
        lambda n: n == 30,
    )
    # Mark every block element, then edit paragraph 10: only its element is new.
    read_dom(
        qtbot,
        window,
        "Array.from(document.getElementById('nd-body').children)"
        ".forEach(function (e) { e.setAttribute('data-old', '1'); }); true",
    )
    cursor = window.editor.body.textCursor()
    block = window.editor.body.document().findBlockByNumber(20)  # paragraph 10 (blank lines)
    cursor.setPosition(block.position() + block.length() - 1)
    window.editor.body.setTextCursor(cursor)
    window.editor.body.setFocus()
    type_text(window.editor.body, " Modifié.")
    wait_dom(
        qtbot,
        window,
        "document.getElementById('nd-body').children[10].textContent",
        lambda t: "Modifié." in t,
    )
    fresh = read_dom(
        qtbot,
        window,
        # Arrays do not cross from the page to Python: JSON does.
        "JSON.stringify(Array.from(document.getElementById('nd-body').children)"
        ".map(function (e, i) { return e.hasAttribute('data-old') ? -1 : i; })"
        ".filter(function (i) { return i >= 0; }))",
    )
    assert json.loads(fresh) == [10]


def test_stale_save_keeps_text_and_offers_a_copy(qtbot, window: MainWindow, store: Store) -> None:
    window.editor.title.setFocus()
    type_text(window.editor.title, "Tabaski : les prix du mouton flambent")
    window.save_now()
    wait_saved(qtbot, window)
    article_id = window.editor.base().id

    # Meanwhile the command line changes the same article.
    elsewhere = store.get(article_id)
    elsewhere.title = "Tabaski : le prix du mouton double"
    store.save(elsewhere)

    window.editor.body.setFocus()
    type_text(window.editor.body, "Au marché de Katako, un bélier se vend 250 000 francs CFA.")
    window.save_now()
    qtbot.waitUntil(lambda: window.conflict_box is not None, timeout=10000)
    box = window.conflict_box
    assert box is not None
    assert "modifié ailleurs" in box.text()
    assert window.save_state_text() == "Conflit\u00a0: article modifié ailleurs"
    # The reporter's text is still on screen, and autosave does not retry blindly.
    assert "Katako" in window.editor.body.toPlainText()
    assert store.get(article_id).title == "Tabaski : le prix du mouton double"

    copy_button = next(b for b in box.buttons() if b.text() == "Enregistrer comme copie")
    copy_button.click()
    wait_saved(qtbot, window)
    copy_id = window.editor.base().id
    assert copy_id != article_id
    copy = store.get(copy_id)
    assert "Katako" in copy.body
    assert copy.title == "Tabaski : les prix du mouton flambent (copie)"
    # The other version is untouched.
    assert store.get(article_id).title == "Tabaski : le prix du mouton double"


def test_dropping_a_non_image_is_refused_in_french(qtbot, window: MainWindow, tmp_path) -> None:
    window.editor.body.setFocus()
    type_text(window.editor.body, "Texte à garder.")
    fake = tmp_path / "photo.jpg"
    fake.write_text("ceci n’est pas une image", encoding="utf-8")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(fake))])
    zone = window.editor.image_zone
    event = QDropEvent(
        QPointF(10, 10),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    # QApplication drops a Drop event that no real drag started, so the zone's
    # handler is called as the drag-and-drop machinery would call it.
    zone.dropEvent(event)
    assert event.isAccepted()
    qtbot.waitUntil(lambda: window.error_box is not None, timeout=10000)
    assert window.error_box is not None
    assert "n’est pas une image utilisable" in window.error_box.text()
    assert window.editor.current().featured_image is None
    assert window.editor.body.toPlainText() == "Texte à garder."
    assert not any(window.context.paths.media.rglob("*.jpg"))


def test_links_in_the_preview_open_outside(qtbot, window: MainWindow) -> None:
    opened: list[QUrl] = []
    window.preview.page._open_url = opened.append
    window.editor.body.setPlainText(
        "Voir [le communiqué](https://example.org/communique) et [ceci](file:///etc/passwd)."
    )
    wait_dom(qtbot, window, "document.querySelectorAll('#nd-body a').length", lambda n: n >= 1)
    page_url = window.preview.page.url()
    # A mark on the document: still there afterwards, it is the same page.
    read_dom(qtbot, window, "window.__stayed = 'oui'; true")
    read_dom(qtbot, window, "document.querySelector('#nd-body a').click(); true")
    qtbot.waitUntil(lambda: bool(opened), timeout=5000)
    assert opened[0].toString() == "https://example.org/communique"
    # The page itself stayed where it was: the navigation was refused, not delayed.
    assert read_dom(qtbot, window, "window.__stayed || 'parti'") == "oui"
    assert window.preview.page.url() == page_url
    text = read_dom(qtbot, window, "document.getElementById('nd-body').textContent")
    assert "communiqué" in text


def test_library_filters_and_search(qtbot, windows: WindowFactory, paths) -> None:
    with Store.open(paths) as seeded:
        seeded.create(
            Article(
                title="Sergueï Lavrov attendu à Bamako",
                body="Visite inédite.",
                category="Politique",
                tags=["Mali"],
                status=Status.READY,
            )
        )
        seeded.create(
            Article(
                title="Saison des pluies",
                body="Les routes de Tillabéri coupées.",
                category="Société",
                status=Status.DRAFT,
            )
        )
        seeded.create(
            Article(
                title="Budget voté",
                body="L’Assemblée adopte le budget.",
                category="Politique",
                status=Status.PUBLISHED,
            )
        )
    window = windows.open()
    library = window.library
    qtbot.waitUntil(lambda: len(library.model.rows) == 3, timeout=10000)

    with qtbot.waitSignal(library.refreshed, timeout=5000):
        library.tabs.setCurrentIndex(1)  # Brouillons
    assert [r.title for r in library.model.rows] == ["Saison des pluies"]
    with qtbot.waitSignal(library.refreshed, timeout=5000):
        library.tabs.setCurrentIndex(0)

    qtbot.waitUntil(lambda: library.category.count() == 3, timeout=5000)  # all + 2 rubriques
    with qtbot.waitSignal(library.refreshed, timeout=5000):
        library.category.setCurrentIndex(library.category.findData("Politique"))
    assert sorted(r.title for r in library.model.rows) == [
        "Budget voté",
        "Sergueï Lavrov attendu à Bamako",
    ]
    with qtbot.waitSignal(library.refreshed, timeout=5000):
        library.category.setCurrentIndex(0)

    # Accent- and case-insensitive, debounced, with the matched word in bold.
    library.search.setFocus()
    with qtbot.waitSignal(library.refreshed, timeout=5000):
        type_text(library.search, "tillaberi")
    assert [r.title for r in library.model.rows] == ["Saison des pluies"]
    assert "<b>Tillabéri</b>" in library.model.rows[0].snippet_html

    # Picking a result opens it.
    with qtbot.waitSignal(window.article_opened, timeout=5000):
        library._on_clicked(library.model.index(0))
    assert window.editor.title.text() == "Saison des pluies"


def test_search_as_you_type_is_debounced(qtbot, window: MainWindow) -> None:
    library = window.library
    calls: list[int] = []
    library.refreshed.connect(lambda: calls.append(1))
    fired: list[int] = []
    library._debounce.timeout.connect(lambda: fired.append(1))
    library.search.setFocus()
    with qtbot.waitSignal(library.refreshed, timeout=5000):
        type_text(library.search, "Bamako", pause=lambda: qtbot.wait(20))
    # Nothing more can come: no search waits on the timer, none is on the database.
    assert not library._debounce.isActive()
    assert window.db.settle(10)
    assert len(fired) == 1
    assert len(calls) == 1


def test_import_shows_the_seed_article_with_its_photo(
    qtbot, window: MainWindow, lavrov_md, store: Store, tmp_path
) -> None:
    with qtbot.waitSignal(window.article_opened, timeout=15000):
        window.import_paths([lavrov_md])
    assert window.editor.title.text().startswith("Mali : Sergueï Lavrov")
    assert window.editor.tags.tags()[:2] == ["Mali", "Russie"]
    assert window.editor.current().featured_image is not None
    wait_dom(
        qtbot,
        window,
        "document.getElementById('nd-title').textContent",
        lambda t: "Lavrov" in t,
    )
    # The header photo comes from the store's media folder, through the hardened page.
    width = wait_dom(
        qtbot,
        window,
        "(function () { var i = document.querySelector('#nd-figure img');"
        " return i ? i.naturalWidth : -1; })()",
        lambda w: w > 0,
    )
    assert width > 0
    caption = read_dom(qtbot, window, "document.querySelector('#nd-figure figcaption').textContent")
    assert "Abdoulaye Diop" in caption
    assert "642" in window.stats_label.text() or "mots" in window.stats_label.text()

    target = tmp_path / "export" / "lavrov.md"
    target.parent.mkdir()
    with qtbot.waitSignal(window.statusBar().messageChanged, timeout=10000):
        window.export_to(target, "md")
    assert target.read_text(encoding="utf-8").startswith("---")
    assert "Sergueï Lavrov" in target.read_text(encoding="utf-8")


def test_bad_import_keeps_what_is_on_screen(qtbot, window: MainWindow, tmp_path) -> None:
    window.editor.body.setFocus()
    type_text(window.editor.body, "Brouillon en cours.")
    broken = tmp_path / "casse.md"
    broken.write_bytes(b"---\ntitle: [unclosed\n---\n\xff\xfe")
    window.import_paths([broken])
    qtbot.waitUntil(
        lambda: any(
            w.isVisible() and w.objectName() == "ImportProblems"
            for w in QApplication.topLevelWidgets()
        ),
        timeout=10000,
    )
    box = next(w for w in QApplication.topLevelWidgets() if w.objectName() == "ImportProblems")
    assert "casse.md" in box.text()
    box.close()
    assert window.editor.body.toPlainText() == "Brouillon en cours."


def test_ctrl_f_finds_in_the_text_or_searches_the_library(qtbot, window: MainWindow) -> None:
    window.editor.body.setPlainText("Premier paragraphe.\n\nLe mot Zinder est ici.")
    window.editor.body.setFocus()
    qtbot.waitUntil(window.editor.body.hasFocus, timeout=2000)
    qtbot.keyClick(window.editor.body, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    find_line = window.editor.find_line
    qtbot.waitUntil(find_line.hasFocus, timeout=2000)
    qtbot.keyClicks(find_line, "Zinder")
    qtbot.keyClick(find_line, Qt.Key.Key_Return)
    assert window.editor.body.textCursor().selectedText() == "Zinder"

    window.editor.title.setFocus()
    qtbot.waitUntil(window.editor.title.hasFocus, timeout=2000)
    qtbot.keyClick(window.editor.title, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(window.library.search.hasFocus, timeout=2000)


def test_switching_article_saves_the_one_left(qtbot, windows: WindowFactory, paths) -> None:
    with Store.open(paths) as seeded:
        other = seeded.create(Article(title="Autre article", body="Rien à signaler."))
    window = windows.open()
    window._autosave_ms = 60_000  # only the switch may save
    window.editor.body.setFocus()
    type_text(window.editor.body, "Texte écrit juste avant de changer d’article.")
    left_id = window.editor.base().id
    with qtbot.waitSignal(window.article_opened, timeout=10000):
        window.open_article(other.id)
    assert window.editor.title.text() == "Autre article"
    with Store.open(paths) as reader:
        qtbot.waitUntil(lambda: reader.count_articles() == 2, timeout=5000)
        assert reader.get(left_id).body == "Texte écrit juste avant de changer d’article."
    # Window state lives in the data folder, never in the user's ~/.config.
    window.close()
    assert "last_article" in (paths.ui_state).read_text(encoding="utf-8")


def test_mobile_width_and_language_switch(qtbot, window: MainWindow) -> None:
    window.editor.title.setText("Le Niger face à la sécheresse")
    wait_dom(qtbot, window, "document.documentElement.lang", lambda lang: lang == "fr")
    window.preview.mobile_button.click()
    qtbot.waitUntil(lambda: window.preview.view.width() == 375, timeout=5000)
    wait_dom(qtbot, window, "window.innerWidth", lambda w: w == 375)
    assert window.context.settings.get("preview_width") == "mobile"
    window.preview.desktop_button.click()
    qtbot.waitUntil(lambda: window.preview.view.width() == window.preview.width(), timeout=5000)

    # Another language changes the typography of the whole page: it is reloaded.
    reloads: list[str] = []
    window.live_preview.render_applied.connect(lambda _g, mode: reloads.append(mode))
    window.editor.language.setCurrentIndex(window.editor.language.findData("en"))
    wait_dom(qtbot, window, "document.documentElement.lang", lambda lang: lang == "en")
    assert "reload" in reloads


class RemoteSite:
    """A web server on 127.0.0.1 standing in for a remote site: it records every request."""

    def __init__(self) -> None:
        import http.server
        import threading

        requests: list[str] = []

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                requests.append(self.path)
                self.send_response(200)
                self.send_header("Content-Type", "image/gif")
                self.end_headers()
                self.wfile.write(PIXEL_GIF)

            def log_message(self, *_args: object) -> None:
                pass

        self.requests = requests
        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self._thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self._thread.start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()
        self._thread.join(5)


# A 1x1 transparent GIF: what a tracking pixel is.
PIXEL_GIF = bytes.fromhex(
    "47494638396101000100800000000000ffffff21f90401000000002c00000000010001000002024401003b"
)


@pytest.fixture
def remote_site() -> Any:
    site = RemoteSite()
    yield site
    site.close()


def test_remote_images_are_never_fetched(qtbot, window: MainWindow, remote_site) -> None:
    import urllib.request

    pixel = f"{remote_site.url}/pixel.png"
    # The site answers anyone who asks: a request from the page would be seen.
    with urllib.request.urlopen(f"{remote_site.url}/probe") as answer:
        assert answer.read() == PIXEL_GIF
    assert remote_site.requests == ["/probe"]
    window.editor.body.setPlainText(f"![pixel]({pixel})\n\nSuite.")
    wait_dom(qtbot, window, "document.querySelectorAll('#nd-body img').length", lambda n: n == 1)
    # The browser is done with the image (loaded or refused), not still on its way.
    wait_dom(qtbot, window, "document.querySelector('#nd-body img').complete", lambda done: done)
    width = read_dom(qtbot, window, "document.querySelector('#nd-body img').naturalWidth")
    assert width == 0
    # Whatever stopped it (the page's policy or the interceptor), nothing left the machine.
    assert remote_site.requests == ["/probe"]
    assert all(remote_site.url in url for url in window.preview.interceptor.blocked)


def test_history_restores_an_older_version(qtbot, window: MainWindow, store: Store) -> None:
    window.editor.title.setText("Version une")
    window.save_now()
    wait_saved(qtbot, window)
    window.editor.title.setText("Version deux")
    window.save_now()
    wait_saved(qtbot, window)
    article_id = window.editor.base().id
    assert [r.revision for r in store.history(article_id)][:2] in ([2, 1], [1, 2])
    with qtbot.waitSignal(window.article_opened, timeout=10000):
        window.restore_revision(article_id, 1)
    assert window.editor.title.text() == "Version une"
    assert store.get(article_id).title == "Version une"


def test_delete_from_the_library(qtbot, windows: WindowFactory, paths) -> None:
    with Store.open(paths) as seeded:
        doomed = seeded.create(Article(title="À supprimer", body="x"))
        seeded.create(Article(title="À garder", body="y"))
    window = windows.open()
    qtbot.waitUntil(lambda: len(window.library.model.rows) == 2, timeout=10000)
    with qtbot.waitSignal(window.library.refreshed, timeout=10000):
        window.delete_article(doomed.id, confirm=False)
    qtbot.waitUntil(lambda: window.library.visible_ids() != [], timeout=5000)
    assert [r.title for r in window.library.model.rows] == ["À garder"]


def test_an_untouched_date_is_saved_exactly_as_stored(qtbot, windows: WindowFactory, paths) -> None:
    from datetime import datetime, timedelta, timezone

    when = datetime(2023, 2, 5, 18, 0, 30, tzinfo=timezone(timedelta(hours=1)))
    with Store.open(paths) as seeded:
        article = seeded.create(Article(title="Daté", body="Texte.", date=when))
    window = windows.open()
    with qtbot.waitSignal(window.article_opened, timeout=10000):
        window.open_article(article.id)
    assert window.editor.zone.currentText() == "UTC+01:00"
    window.editor.body.setFocus()
    window.editor.body.moveCursor(QTextCursor.MoveOperation.End)
    type_text(window.editor.body, " Ajout.")
    window.save_now()
    wait_saved(qtbot, window)
    with Store.open(paths) as reader:
        stored = reader.get(article.id)
    assert stored.body == "Texte. Ajout."
    assert stored.date == when
    assert stored.date is not None and stored.date.utcoffset() == timedelta(hours=1)

    # Changing the time keeps the zone shown: 20:15 at UTC+01:00.
    window.editor.date.setTime(window.editor.date.time().fromString("20:15", "HH:mm"))
    dated = window.editor.current().date
    assert dated is not None
    assert (dated.hour, dated.minute, dated.utcoffset()) == (20, 15, timedelta(hours=1))


def test_tags_as_chips_complete_from_the_store(qtbot, windows: WindowFactory, paths) -> None:
    with Store.open(paths) as seeded:
        seeded.create(Article(title="Ancien", body="x", tags=["Tillabéri", "Sécurité"]))
    window = windows.open()
    chips = window.editor.tags
    qtbot.waitUntil(lambda: "Tillabéri" in chips._model.stringList(), timeout=10000)
    chips.entry.setFocus()
    type_text(chips.entry, "Niger, Sahel")
    qtbot.keyClick(chips.entry, Qt.Key.Key_Return)
    assert chips.tags() == ["Niger", "Sahel"]
    chips.add_tag("niger")  # the same tag, whatever its case, is not added twice
    assert chips.tags() == ["Niger", "Sahel"]
    chips.remove_tag("Niger")
    assert window.editor.current().tags == ["Sahel"]
    # Choosing a suggestion makes a chip and leaves the entry empty for the next tag.
    type_text(chips.entry, "tilla")
    chips.completer.activated.emit("Tillabéri")
    qtbot.waitUntil(lambda: chips.entry.text() == "", timeout=2000)
    assert chips.tags() == ["Sahel", "Tillabéri"]
    assert window.is_dirty()


def test_dropping_a_real_photo_shows_it_in_the_preview(
    qtbot, window: MainWindow, fixtures_dir, store: Store
) -> None:
    window.editor.title.setText("Avec photo")
    window.import_featured_image(fixtures_dir / "lavrov" / "header.jpg")
    qtbot.waitUntil(lambda: window.editor.current().featured_image is not None, timeout=10000)
    image = window.editor.current().featured_image
    assert image is not None
    assert (window.context.paths.media / image.path).is_file()
    window.editor.caption.setText("Deux ministres")
    width = wait_dom(
        qtbot,
        window,
        "(function () { var i = document.querySelector('#nd-figure img');"
        " return i ? i.naturalWidth : -1; })()",
        lambda w: w > 0,
    )
    assert width > 0
    wait_dom(
        qtbot,
        window,
        "document.getElementById('nd-figure').textContent",
        lambda t: "Deux ministres" in t,
    )
    window.save_now()
    wait_saved(qtbot, window)
    stored = store.get(window.editor.base().id).featured_image
    assert stored is not None and stored.caption == "Deux ministres"


def test_a_page_too_big_for_sethtml_still_shows(qtbot, window: MainWindow) -> None:
    paragraph = "<p>" + "Très longue dépêche. " * 50 + "</p>"
    big = (
        "<html><body><h1 id='nd-title'>Énorme</h1><div id='nd-body'>"
        + paragraph * 2500
        + "<p id='fin'>Fin du texte.</p></div></body></html>"
    )
    assert len(big.encode()) > 2_000_000
    with qtbot.waitSignal(window.preview.page_loaded, timeout=20000) as blocker:
        window.preview.set_html(big)
    assert blocker.args == [True]
    assert read_dom(qtbot, window, "document.getElementById('fin').textContent") == "Fin du texte."
    # A link clicked there still never navigates the page away.
    assert not window.preview.page.acceptNavigationRequest(
        QUrl("file:///etc/passwd"), window.preview.page.NavigationType.NavigationTypeTyped, True
    )


def test_a_damaged_database_is_explained_and_left_alone(qtbot, paths) -> None:
    from newsdesk.app import build_main_window, make_context

    paths.database.write_bytes(b"ceci n'est pas une base SQLite" * 100)
    before = paths.database.read_bytes()
    window = build_main_window(make_context(paths))
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.store_failed, timeout=15000):
        window.show()
    assert window.error_box is not None
    assert "endommagé" in window.error_box.text()
    assert not window.editor.isEnabled()
    window.error_box.close()
    window.close()
    window.context.db.stop()
    assert paths.database.read_bytes() == before


def test_a_window_built_after_the_store_answered_still_fills_in(qtbot, paths) -> None:
    from newsdesk.app import build_main_window, make_context

    with Store.open(paths) as seeded:
        seeded.create(Article(title="Déjà là", body="Texte."))
    context = make_context(paths)
    context.db.start()
    qtbot.waitUntil(lambda: context.db.state == "open", timeout=15000)
    window = build_main_window(context)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.store_ready, timeout=10000):
        window.show()
    qtbot.waitUntil(lambda: [r.title for r in window.library.model.rows] == ["Déjà là"])
    window.close()
    context.db.stop()


def test_a_failed_save_keeps_the_text_and_retries(
    qtbot, window: MainWindow, store: Store, monkeypatch
) -> None:
    import errno

    import newsdesk.ui.save_controller as save_controller

    monkeypatch.setattr(save_controller, "SAVE_RETRY_MS", 300)
    window.editor.title.setText("Coupure")
    window.save_now()
    wait_saved(qtbot, window)

    def disk_full_once(real_store: Any) -> None:
        real_save = real_store.save

        def save(article: Article) -> Article:
            real_store.save = real_save  # the disk is full once, then has room again
            raise OSError(errno.ENOSPC, "No space left on device")

        real_store.save = save

    window.db.call(disk_full_once)
    window.editor.body.setFocus()
    type_text(window.editor.body, "Phrase à ne pas perdre.")
    window.save_now()
    qtbot.waitUntil(lambda: window.save_state_text() == "Échec de l’enregistrement", timeout=5000)
    assert "Erreur du disque" in window.statusBar().currentMessage()
    assert window.editor.body.toPlainText() == "Phrase à ne pas perdre."
    # Without any further edit, the window tries again and succeeds.
    wait_saved(qtbot, window)
    assert store.get(window.editor.base().id).body == "Phrase à ne pas perdre."


def test_the_form_reflows_instead_of_hiding_fields(qtbot, window: MainWindow) -> None:
    editor = window.editor
    window.resize(1800, 900)
    window.splitter.setSizes([300, 900, 600])
    qtbot.waitUntil(editor.is_form_wide, timeout=5000)
    window.resize(1100, 700)
    window.splitter.setSizes([250, 450, 400])
    qtbot.waitUntil(lambda: not editor.is_form_wide(), timeout=5000)
    viewport = editor._form_viewport
    for field in (editor.dateline, editor.source, editor.slug, editor.language):
        right = field.mapTo(viewport, field.rect().topRight()).x()
        assert right <= viewport.width(), field.objectName()


def test_autosave_updates_the_library_in_place(qtbot, windows: WindowFactory, paths) -> None:
    with Store.open(paths) as seeded:
        for n in range(5):
            seeded.create(Article(title=f"Archive {n}", body="x", category="Société"))
    window = windows.open()
    library = window.library
    qtbot.waitUntil(lambda: len(library.model.rows) == 5, timeout=10000)
    resets: list[int] = []
    library.model.modelReset.connect(lambda: resets.append(1))

    window.editor.category.setFocus()
    type_text(window.editor.category.lineEdit(), "Économie")
    window.editor.title.setFocus()
    type_text(window.editor.title, "Prix du riz")
    window.save_now()
    wait_saved(qtbot, window)
    assert library.model.rows[0].title == "Prix du riz"
    assert len(library.model.rows) == 6
    type_text(window.editor.title, " en hausse")
    window.save_now()
    wait_saved(qtbot, window)
    assert [r.title for r in library.model.rows[:2]] == ["Prix du riz en hausse", "Archive 4"]
    assert resets == []  # no reload of the whole list while writing
    # The new rubrique is offered, and the text typed in the field was not disturbed.
    qtbot.waitUntil(lambda: window.editor.category.findText("Économie") >= 0, timeout=5000)
    assert window.editor.category.currentText() == "Économie"


@pytest.mark.parametrize("switch", ["open", "new"])
def test_words_typed_during_a_save_survive_a_switch(
    qtbot, windows: WindowFactory, paths, switch: str
) -> None:
    with Store.open(paths) as seeded:
        other = seeded.create(Article(title="Suivant", body="y"))
    window = windows.open()
    window.editor.title.setText("Premier jet")
    window.save_now()
    assert window._saving  # its answer has not come back yet
    window.editor.body.setFocus()
    type_text(window.editor.body, "Mots tapés pendant l’enregistrement.")
    first_id = window.editor.base().id
    with qtbot.waitSignal(window.article_opened, timeout=10000):
        if switch == "open":
            window.open_article(other.id)
        else:
            window.new_article()
    assert window.editor.title.text() == ("Suivant" if switch == "open" else "")
    window.db.settle(10)
    with Store.open(paths) as reader:
        kept = reader.get(first_id)
    assert kept.title == "Premier jet"
    assert kept.body == "Mots tapés pendant l’enregistrement."


def test_a_reload_keeps_the_reading_position(qtbot, window: MainWindow) -> None:
    window.editor.body.setPlainText(
        "\n\n".join(f"Paragraphe {i} : la pluie est tombée toute la nuit." for i in range(150))
    )
    wait_dom(
        qtbot, window, "document.getElementById('nd-body').children.length", lambda n: n == 150
    )
    read_dom(qtbot, window, "window.scrollTo(0, 1500); window.scrollY")
    wait_dom(qtbot, window, "window.scrollY", lambda y: y >= 1400)
    with qtbot.waitSignal(window.preview.page_loaded, timeout=10000):
        window.editor.language.setCurrentIndex(window.editor.language.findData("en"))
    wait_dom(qtbot, window, "window.scrollY", lambda y: abs(y - 1500) < 50)


def test_the_interceptor_blocks_loads_the_page_policy_would_miss(qtbot, window: MainWindow) -> None:
    # Neither the page's Content-Security-Policy nor the rule that local pages may
    # not reach remote URLs applies to a page that claims a web address: the
    # interceptor is then the last guard, and must hold on its own.
    page = (
        "<html><body><p id='x'>texte</p>"
        "<img src='http://127.0.0.1:9/pixel.png'><img src='https://example.org/a.png'>"
        "</body></html>"
    )
    with qtbot.waitSignal(window.preview.page_loaded, timeout=10000):
        window.preview.view.setHtml(page, QUrl("https://example.org/"))
    blocked = window.preview.interceptor.blocked
    qtbot.waitUntil(lambda: len(blocked) >= 2, timeout=5000)
    assert any("127.0.0.1:9/pixel.png" in url for url in blocked)
    assert any("example.org/a.png" in url for url in blocked)


def test_toolbar_formats_the_markdown_in_one_undo_step(qtbot, window: MainWindow) -> None:
    body = window.editor.body
    body.setPlainText("Bamako, nouvel allié\n\nLe ministre a parlé.")
    actions = {a.text(): a for a in window.editor.toolbar.actions()}

    body.moveCursor(QTextCursor.MoveOperation.Start)
    actions["Intertitre"].trigger()
    assert body.toPlainText().startswith("## Bamako, nouvel allié\n")

    cursor = body.textCursor()
    start = body.toPlainText().index("ministre")
    cursor.setPosition(start)
    cursor.setPosition(start + len("ministre"), QTextCursor.MoveMode.KeepAnchor)
    body.setTextCursor(cursor)
    actions["Gras"].trigger()
    assert "Le **ministre** a parlé." in body.toPlainText()
    body.undo()
    assert "Le ministre a parlé." in body.toPlainText()

    body.moveCursor(QTextCursor.MoveOperation.End)
    actions["«\u00a0Citation\u00a0»"].trigger()
    assert body.toPlainText().endswith("a parlé.« citation »")
    # The placeholder is selected, so the reporter types the quote straight over it.
    assert body.textCursor().selectedText() == "citation"


def test_hidden_preview_renders_nothing_and_catches_up(qtbot, window: MainWindow) -> None:
    live = window.live_preview
    qtbot.keyClick(
        window,
        Qt.Key.Key_P,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    qtbot.waitUntil(lambda: not window.preview.isVisible(), timeout=2000)
    before = live.render_count
    window.editor.body.setFocus()
    type_text(window.editor.body, "Écrit sans aperçu.", pause=lambda: qtbot.wait(5))
    # Nothing rendered, and nothing waits to: no render in flight, none on the timer.
    assert live.is_idle()
    assert live.render_count == before
    window.preview_action.trigger()
    assert window.preview.isVisible()
    wait_dom(
        qtbot,
        window,
        "document.getElementById('nd-body').textContent",
        lambda t: "Écrit sans aperçu." in t,
    )


def test_publishing_statuses_are_not_offered_by_hand(qtbot, window: MainWindow) -> None:
    combo = window.editor.status
    assert [combo.itemText(i) for i in range(combo.count())] == ["Brouillon", "Prêt"]
    window.editor.load(Article(title="En ligne", status=Status.PUBLISHED))
    assert [combo.itemText(i) for i in range(combo.count())] == ["Brouillon", "Prêt", "Publié"]
    assert window.editor.current().status == Status.PUBLISHED
    combo.setCurrentIndex(1)
    assert window.editor.current().status == Status.READY
