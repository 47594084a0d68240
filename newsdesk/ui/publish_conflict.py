"""A conflict with the site, from the « Publier » button: fetch both versions (the site's
needs the network), ask which to keep in the conflict view, settle it, then send."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject

from newsdesk.ui.messages import describe_error

# The button this works for is ``ui.publish_button.PublishButton``; typed ``Any`` here
# because naming it would make an import cycle (the button imports this module).
PublishButton = Any


class ConflictFlow(QObject):
    """Shows a conflict and settles it as the reporter chooses."""

    def __init__(self, button: PublishButton) -> None:
        super().__init__(button)
        self.button = button
        # The conflict view while it is open (tests answer it).
        self.conflict_dialog: Any = None

    def show_conflict(self) -> None:
        """Fetch both versions (the site's needs the network), then ask which to keep."""
        line = self.button.line()
        if line is None or line.state != "conflict" or not self.button.flush():
            return
        article_id, site = self.button.current_id(), line.site
        from newsdesk.storage import outbox_repo
        from newsdesk.sync.resolve import conflict_sides

        def fetch(store: Any, publisher_for: Any) -> Any:
            publisher = publisher_for(outbox_repo.get_site(store, site).account)
            try:
                return conflict_sides(store, publisher, article_id, site)
            finally:
                publisher.close()

        self.button.show_text(self.tr("Lecture de la version du site…"), None)
        self.button.runner.with_site(
            fetch,
            lambda sides: self._ask_conflict(sides, site),
            self._on_resolve_failed,
            owner=self.button,
        )

    def _ask_conflict(self, sides: Any, site: str) -> None:
        from newsdesk.ui.conflict_dialog import ConflictDialog

        dialog = ConflictDialog(sides.mine, sides.theirs, site, self.button.window())
        self.conflict_dialog = dialog
        article_id = sides.mine.id

        def answered() -> None:
            self.conflict_dialog = None
            dialog.deleteLater()
            if dialog.choice is not None:
                self.resolve(article_id, site, dialog.choice)
            else:
                self.button.refresh_state()

        dialog.finished.connect(answered)
        dialog.open()

    def resolve(self, article_id: str, site: str, choice: str) -> None:
        """Settle the conflict as ``choice`` says (keep_mine, take_theirs, merge), then send.

        The words typed since the conflict view opened are saved first: the resolution
        then works on them (kept, merged), and « Prendre celle du site » leaves them in
        the article's history rather than nowhere.
        """
        from newsdesk.storage import outbox_repo
        from newsdesk.sync.resolve import resolve_conflict

        if not self.button.flush():
            self.button.show_text(
                self.tr("L’article n’a pas pu être enregistré : le conflit n’est pas réglé."),
                None,
                error=True,
            )
            return

        def run(store: Any, publisher_for: Any) -> Any:
            publisher = publisher_for(outbox_repo.get_site(store, site).account)
            try:
                return resolve_conflict(store, article_id, site, choice, publisher=publisher)  # type: ignore[arg-type]
            finally:
                publisher.close()

        def done(resolution: Any) -> None:
            if choice != "keep_mine":
                self.button.article_changed.emit(article_id)
            self.button.resolved.emit(resolution)
            if choice == "take_theirs":
                note = self.tr(
                    "La version du site est reprise ; la vôtre reste dans l’historique "
                    "(version %1)."
                ).replace("%1", str(resolution.article.revision - 1))
                bar = getattr(self.button.window(), "statusBar", None)
                if callable(bar):
                    bar().showMessage(note, 15000)
            if resolution.clean and resolution.entry.state != "done":
                self.button.runner.drain()
            elif not resolution.clean:
                self.button.show_text(
                    self.tr(
                        "Les deux versions changent les mêmes lignes : l’article fusionné est "
                        "enregistré avec les deux passages ; corrigez-le puis publiez."
                    ),
                    None,
                    error=True,
                )
                return
            self.button.refresh_state()

        self.button.show_text(self.tr("Envoi…"), None)
        self.button.runner.with_site(run, done, self._on_resolve_failed, owner=self.button)

    def _on_resolve_failed(self, error: BaseException) -> None:
        self.button.show_text(describe_error(error), None, error=True)


__all__ = ["ConflictFlow"]
