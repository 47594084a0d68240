"""What the window does to whole articles: import and export, images, their history,
the Corbeille. Each goes through the database worker and answers on the window."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QFileDialog, QMessageBox

from newsdesk.core import rules
from newsdesk.core.article import Article
from newsdesk.ui.messages import describe_error, window_words
from newsdesk.words.documents import import_warning

# The window this room works for is ``ui.main_window.MainWindow``; it is typed ``Any``
# here because naming it would make an import cycle (the window imports every room).
MainWindow = Any

# The formats Fichier ▸ Exporter offers, in its order, and their files' suffixes.
EXPORT_SUFFIXES = {"md": ".md", "html": ".html", "ninjs": ".json", "pdf": ".pdf"}


class ArticleActions(QObject):
    """Import, export, images, history and the Corbeille, for the window."""

    # An export was written (its path), or could not be (the error, shown already).
    exported = Signal(object)
    export_failed = Signal(object)

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.db = window.db
        self.editor = window.editor
        # The open Corbeille question (tests answer it).
        self.delete_box: QMessageBox | None = None
        # A Word or Markdown file dropped on the body is imported as Fichier ▸ Importer does.
        self.editor.body.files_dropped.connect(self.import_paths)

    # -- images ----------------------------------------------------------------------

    def import_featured_image(self, path: Path) -> None:
        window = self.window
        self.editor.image_zone.show_busy()
        previous = window.image_path(self.editor.base())

        def imported(relative: str) -> None:
            self.editor.set_featured_image(relative, window.context.paths.media / relative)

        def failed(error: BaseException) -> None:
            self.editor.image_zone.show_image(previous)
            window.show_error(self.tr("Photo refusée"), error)

        self.db.submit(lambda store: store.import_image(path), imported, failed, owner=self)

    def import_inline_image(self, path: Path) -> None:
        def imported(relative: str) -> None:
            alt = self.tr("description")
            self.editor.body.insert_text(f"![{alt}](media:{relative})")

        self.db.submit(
            lambda store: store.import_image(path),
            imported,
            lambda error: self.window.show_error(self.tr("Image refusée"), error),
            owner=self,
        )

    # -- import and export -----------------------------------------------------------

    def import_files(self) -> None:
        names, _ = QFileDialog.getOpenFileNames(
            self.window,
            self.tr("Importer des articles"),
            "",
            self.tr("Articles (*.md *.markdown *.txt *.docx);;Tous les fichiers (*)"),
        )
        if names:
            self.import_paths([Path(n) for n in names])

    def import_paths(self, paths: list[Path]) -> None:
        """Import files as new articles through the database worker; open the last one."""
        window = self.window

        def run(store: Any) -> tuple[list[tuple[Path, Any]], list[tuple[Path, BaseException]]]:
            from newsdesk import services

            done: list[tuple[Path, Any]] = []  # (file, services.Imported)
            failures: list[tuple[Path, BaseException]] = []
            for path in paths:
                try:
                    done.append((path, services.import_file_reporting(store, path)))
                except Exception as exc:
                    failures.append((path, exc))
            return done, failures

        def finished(
            result: tuple[list[tuple[Path, Any]], list[tuple[Path, BaseException]]],
        ) -> None:
            done, failures = result
            window.library.refresh()
            window.refresh_choices()
            if done:
                window.open_article(done[-1][1].article.id)
                window.statusBar().showMessage(
                    self.tr("%n article(s) importé(s)", "", len(done)), 5000
                )
            lines = [f"{p.name}\u00a0: {describe_error(e)}" for p, e in failures]
            # What of a Word file did not come across: the article is there all the same.
            words = window_words()
            lines += [
                f"{p.name}\u00a0: {import_warning(w.code, w.count, words)}"
                for p, imported in done
                for w in imported.warnings
            ]
            if lines:
                title = self.tr("Import incomplet") if failures else self.tr("Import à vérifier")
                box = QMessageBox(QMessageBox.Icon.Warning, title, "\n".join(lines), parent=window)
                box.setObjectName("ImportProblems")
                box.open()

        self.db.submit(run, finished, window.report_failure, owner=self)

    def export_article(self, fmt: str = "md") -> None:
        """Fichier ▸ Exporter ▸ (a format): asks where, then exports the article on screen."""
        self.window.save_now()
        article = self.editor.current()
        suggested = rules.effective_slug(article) or "article"
        suffix = EXPORT_SUFFIXES[fmt]
        filters = {
            "md": self.tr("Markdown, avec ses images à côté (*.md)"),
            "html": self.tr("Page HTML, images comprises (*.html)"),
            "ninjs": self.tr("ninjs, le JSON des agences IPTC (*.json)"),
            "pdf": self.tr("PDF pour l’impression, A4 (*.pdf)"),
        }
        name, _chosen = QFileDialog.getSaveFileName(
            self.window, self.tr("Exporter l’article"), suggested + suffix, filters[fmt]
        )
        if name:
            target = Path(name)
            if not target.suffix:
                target = target.with_name(target.name + suffix)
            self.export_to(target, fmt)

    def export_to(self, target: Path, fmt: str) -> None:
        """Export the article on screen to ``target`` in ``fmt`` (md, html, ninjs, pdf);
        the status bar says where, or a box says why not."""
        article = self.editor.current()

        def exported(path: Path) -> None:
            self.window.statusBar().showMessage(
                self.tr("Exporté : %1").replace("%1", str(path)), 5000
            )
            self.exported.emit(path)

        def failed(error: BaseException) -> None:
            self.window.show_error(self.tr("Export impossible"), error)
            self.export_failed.emit(error)

        if fmt == "pdf":
            self._export_pdf(article, target, exported, failed)
            return

        def run(store: Any) -> Path:
            from newsdesk import services

            if fmt == "html":
                services.export_html(store, article, target)
            elif fmt == "ninjs":
                from newsdesk.atomicfile import write_atomic

                text = services.export_ninjs_text(store, article)
                write_atomic(target, text.encode("utf-8"))
            else:
                services.export_markdown(store, article, target)
            return target

        self.db.submit(run, exported, failed, owner=self)

    def _export_pdf(
        self,
        article: Article,
        target: Path,
        exported: Callable[[Path], None],
        failed: Callable[[BaseException], None],
    ) -> None:
        """The page is made on the database worker (it reads the store's images), laid
        out and printed by QtWebEngine here, written on the worker again."""
        # Imported when a PDF is asked for, as the history below: neither is on screen
        # in the window's first second, which imports only what it shows.
        from newsdesk.ui.pdf_export import PdfPrinter

        printer = PdfPrinter(self)

        def printed(pdf: bytes) -> None:
            printer.deleteLater()

            def write(_store: Any) -> Path:
                from newsdesk.atomicfile import write_atomic

                write_atomic(target, pdf)
                return target

            self.db.submit(write, exported, failed, owner=self)

        def not_printed(error: BaseException) -> None:
            printer.deleteLater()
            failed(error)

        def page(store: Any) -> str:
            from newsdesk.formats.pdf_page import print_page

            return print_page(article, store.media_path)

        printer.finished.connect(printed)
        printer.failed.connect(not_printed)
        # A long article takes a few seconds to lay out: say that it is under way.
        self.window.statusBar().showMessage(self.tr("Mise en page du PDF…"))
        self.db.submit(page, printer.print_html, not_printed, owner=self)

    # -- history ---------------------------------------------------------------------

    def show_history(self, article_id: str) -> None:
        if article_id == self.editor.base().id:
            self.window.save_now()

        def show(revisions: list[Any]) -> None:
            from newsdesk.ui.history_dialog import HistoryDialog

            dialog = HistoryDialog(revisions, self.window)
            if dialog.exec() and dialog.chosen_revision() is not None:
                self.restore_revision(article_id, dialog.chosen_revision() or 0)

        self.db.submit(lambda store: store.history(article_id), show, self.window.report_failure)

    def restore_revision(self, article_id: str, revision: int) -> None:
        def restored(article: Article) -> None:
            self.window.library.refresh()
            if article.id == self.editor.base().id:
                self.window.show_article(article)

        self.db.submit(
            lambda store: store.restore(article_id, revision),
            restored,
            self.window.report_failure,
            owner=self,
        )

    # -- the Corbeille ---------------------------------------------------------------

    def delete_current(self) -> None:
        """Fichier ▸ Mettre à la corbeille: the article on screen."""
        base = self.editor.base()
        if base.revision:
            self.delete_article(base.id)

    def delete_article(self, article_id: str, confirm: bool = True) -> None:
        """Move the article to the Corbeille, after asking; it can be restored from there."""
        if not confirm:
            self._delete(article_id)
            return

        def ask(title: str) -> None:
            box = QMessageBox(self.window)
            box.setObjectName("DeleteBox")
            box.setIcon(QMessageBox.Icon.Question)
            box.setWindowTitle(self.tr("Mettre à la corbeille"))
            box.setText(
                self.tr("Mettre « %1 » à la corbeille ?").replace(
                    "%1", title.strip() or self.tr("(sans titre)")
                )
            )
            box.setInformativeText(
                self.tr(
                    "Il quitte la bibliothèque et la recherche, mais rien n’est effacé : "
                    "l’onglet « Corbeille » le garde, avec « Restaurer » pour le reprendre. "
                    "Ce qui est déjà sur le site n’y est pas touché."
                )
            )
            delete_button = box.addButton(
                self.tr("Mettre à la corbeille"), QMessageBox.ButtonRole.DestructiveRole
            )
            cancel = box.addButton(self.tr("Annuler"), QMessageBox.ButtonRole.RejectRole)
            box.setDefaultButton(cancel)
            self.delete_box = box

            def answered(button: Any) -> None:
                self.delete_box = None
                if button is delete_button:
                    self._delete(article_id)

            box.buttonClicked.connect(answered)
            box.open()

        if article_id == self.editor.base().id:
            ask(self.editor.title.text())
            return
        self.db.submit(
            lambda store: store.get(article_id).title, ask, self.window.report_failure, owner=self
        )

    def _delete(self, article_id: str) -> None:
        window = self.window

        def deleted(title: str) -> None:
            window.library.refresh()
            if article_id == self.editor.base().id:
                window.show_article(window.blank_article())
            window.statusBar().showMessage(
                self.tr(
                    "« %1 » est dans la Corbeille (onglet « Corbeille », puis « Restaurer »)."
                ).replace("%1", title.strip() or self.tr("(sans titre)")),
                10000,
            )

        def run(store: Any) -> str:
            title = str(store.get(article_id).title)
            store.delete(article_id)
            return title

        if article_id == self.editor.base().id:
            # Unsaved words of the article go with it: it is whole in the Corbeille.
            window.saver.dropped()
        self.db.submit(run, deleted, window.report_failure, owner=self)

    def restore_article(self, article_id: str) -> None:
        """« Restaurer »: the article leaves the Corbeille, as it was, and opens."""
        window = self.window

        def restored(article: Article) -> None:
            window.library.refresh()
            window.refresh_choices()
            window.open_article(article.id)
            window.statusBar().showMessage(
                self.tr("« %1 » est de retour dans la bibliothèque.").replace(
                    "%1", article.title.strip() or self.tr("(sans titre)")
                ),
                10000,
            )

        self.db.submit(
            lambda store: store.undelete(article_id),
            restored,
            window.report_failure,
            owner=self,
        )


__all__ = ["ArticleActions"]
