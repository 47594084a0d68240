"""The sites, from the « Publier » button: connecting one (Fichier ▸ Connecter un site…),
a new password when a site refuses the old one, and the sites' categories and tags
fetched into the offline cache."""

from __future__ import annotations

import functools
from typing import Any

from PySide6.QtCore import QObject

from newsdesk.ui.messages import describe_error

# The button this works for is ``ui.publish_button.PublishButton``; typed ``Any`` here
# because naming it would make an import cycle (the button imports this module).
PublishButton = Any


class SiteFlow(QObject):
    """The site dialogs and the sites' terms, for the publish button."""

    def __init__(self, button: PublishButton) -> None:
        super().__init__(button)
        self.button = button
        # The dialogs while they are open (tests answer them).
        self.site_dialog: Any = None
        self.password_dialog: Any = None

    def connect_site(self) -> None:
        """Fichier ▸ Connecter un site…"""
        from newsdesk.ui.site_dialog import SiteDialog

        dialog = SiteDialog(self.button.runner, self.button.window())
        self.site_dialog = dialog

        def closed() -> None:
            self.site_dialog = None
            dialog.deleteLater()

        dialog.connected.connect(lambda _site: self.button.refresh_state())
        dialog.connected.connect(lambda _site: self.button.refresh_site_terms())
        dialog.finished.connect(closed)
        dialog.open()

    def refresh_site_terms(self) -> None:
        """Fetch every connected site's categories and tags into the offline cache, in
        the background; offline or without a keyring the cached ones stay.

        The fetch runs beside the drains, not in their lane: on a weak connection a slow
        list of terms must not hold back the article waiting to be sent.
        """
        from newsdesk.sync import sites

        def store_terms(name: str, terms: dict[str, list[tuple[int, str]]]) -> None:
            from newsdesk.storage import outbox_repo

            def run(store: Any) -> None:
                for kind, listed in terms.items():
                    outbox_repo.replace_terms(store, name, kind, listed)

            self.button.db.submit(
                run, lambda _r: self.button.terms_refreshed.emit(), owner=self.button
            )

        def got(connected: list[Any]) -> None:
            for site in connected:
                if not site.needs_password:
                    self.button.runner.fetch_terms(site, functools.partial(store_terms, site.name))

        self.button.db.submit(sites.list_sites, got, owner=self.button)

    def ask_password(self) -> None:
        """The site refused the password: ask for a new one (the queue is kept)."""
        line = self.button.line()
        if line is None:
            return
        from newsdesk.storage import outbox_repo
        from newsdesk.ui.site_dialog import PasswordDialog

        def show(site: Any) -> None:
            dialog = PasswordDialog(self.button.runner, site, self.button.window())
            self.password_dialog = dialog

            def closed() -> None:
                self.password_dialog = None
                dialog.deleteLater()
                self.button.refresh_state()

            dialog.finished.connect(closed)
            dialog.open()

        site_name = line.site
        self.button.db.submit(
            lambda store: outbox_repo.get_site(store, site_name),
            show,
            lambda error: self.button.show_text(describe_error(error), None, error=True),
            owner=self.button,
        )


__all__ = ["SiteFlow"]
