"""Connecting the site once, and giving a new password when the site refuses the old one.

The password is typed with its echo off, handed to ``sites.add_site`` / ``set_password``
off the interface thread (they talk to the site), and kept only in the password store
(the OS keyring, or, if the reporter accepts it when there is none, memory for this
session). It is never logged, shown back or kept by these dialogs once sent.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from newsdesk.core import errors
from newsdesk.ui.dialog_buttons import action_and_cancel
from newsdesk.ui.messages import describe_error

if TYPE_CHECKING:
    from newsdesk.ui.outbox_runner import OutboxRunner


def site_error_text(error: BaseException) -> str:
    """Why connecting failed, and what to try (``newsdesk.words.errors``)."""
    return describe_error(error)


def identity_text(site: Any) -> str:
    """Who the reporter is on the site, and what the account may do."""
    who = site.display_name or site.username
    if site.can_publish:
        text = QCoreApplication.translate(
            "site", "Connecté à %1 en tant que %2 : vous pouvez publier vos articles."
        )
    else:
        text = QCoreApplication.translate(
            "site",
            "Connecté à %1 en tant que %2 : vous pouvez soumettre vos articles pour "
            "relecture ; la rédaction les publie.",
        )
    return text.replace("%1", site.site_url).replace("%2", who)


class _KeyringFallback:
    """When no safe keyring exists: ask once whether to keep the password in memory."""

    keyring_box: QMessageBox | None
    keep_for_session_button: Any = None

    def _offer_session_only(self, parent: QWidget, runner: OutboxRunner, retry: Any) -> None:
        box = QMessageBox(parent)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(QCoreApplication.translate("site", "Aucun trousseau sûr"))
        box.setText(
            QCoreApplication.translate(
                "site",
                "Ce système n’a pas de trousseau sûr pour garder le mot de passe, et newsdesk "
                "ne l’écrit jamais dans un fichier.",
            )
        )
        box.setInformativeText(
            QCoreApplication.translate(
                "site",
                "Le garder en mémoire pour cette session seulement ? Il faudra le saisir "
                "de nouveau au prochain lancement.",
            )
        )
        # Own words rather than Qt's standard buttons: Qt ships no French for them here.
        keep = box.addButton(
            QCoreApplication.translate("site", "Garder pour cette session"),
            QMessageBox.ButtonRole.AcceptRole,
        )
        box.addButton(
            QCoreApplication.translate("site", "Annuler"), QMessageBox.ButtonRole.RejectRole
        )
        box.setDefaultButton(keep)
        self.keyring_box = box
        self.keep_for_session_button = keep

        def answered(_result: int) -> None:
            self.keyring_box = None
            box.deleteLater()
            if box.clickedButton() is keep:
                runner.use_session_credentials()
                retry()

        box.finished.connect(answered)
        box.open()


class SiteDialog(QDialog, _KeyringFallback):
    """Fichier ▸ Connecter un site… : address, user, application password."""

    # The site is connected (its SiteInfo).
    connected = Signal(object)
    # Connecting failed (the sentence shown).
    failed = Signal(str)

    def __init__(self, runner: OutboxRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("SiteDialog")
        self.setWindowTitle(self.tr("Connecter un site"))
        self.runner = runner
        self.keyring_box = None
        self.site: Any = None

        self.url = QLineEdit(self)
        self.url.setPlaceholderText("https://www.actuniger.com")
        self.user = QLineEdit(self)
        self.password = QLineEdit(self)
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.name = QLineEdit(self)
        self.name.setPlaceholderText(self.tr("facultatif"))
        form = QFormLayout()
        form.addRow(self.tr("Adresse du site"), self.url)
        form.addRow(self.tr("Nom d’utilisateur"), self.user)
        form.addRow(self.tr("Mot de passe d’application"), self.password)
        form.addRow(self.tr("Nom dans newsdesk"), self.name)
        hint = QLabel(
            self.tr(
                "Le mot de passe d’application se crée dans WordPress : Profil ▸ Mots de passe "
                "d’application. Il est gardé dans le trousseau du système, nulle part ailleurs."
            ),
            self,
        )
        hint.setWordWrap(True)
        # A Ghost site is found by itself (sync.sites.add_site): only the secret differs.
        ghost_hint = QLabel(
            self.tr(
                "Un site Ghost se connecte avec sa clé d’API Admin (Réglages ▸ Intégrations), "
                "collée à la place du mot de passe ; le nom d’utilisateur n’y est qu’un nom."
            ),
            self,
        )
        ghost_hint.setObjectName("GhostHint")
        ghost_hint.setWordWrap(True)
        self.result_label = QLabel(self)
        self.result_label.setWordWrap(True)
        self.result_label.setObjectName("SiteResult")

        self.buttons = QDialogButtonBox(self)
        self.browser_button = QPushButton(self.tr("Autoriser dans le navigateur…"), self)
        self.browser_button.setToolTip(
            self.tr(
                "Ouvre la page d’autorisation du site : une fois que vous avez approuvé "
                "newsdesk, le mot de passe arrive ici tout seul."
            )
        )
        self.buttons.addButton(self.browser_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.browser_button.clicked.connect(self.authorize_in_browser)
        self.listener: Any = None
        # Where the approval page is opened; tests replace it.
        self._open_url: Any = QDesktopServices.openUrl
        self.connect_button = QPushButton(self.tr("Connecter"), self)
        self.connect_button.setDefault(True)
        self.buttons.addButton(self.connect_button, QDialogButtonBox.ButtonRole.ActionRole)
        # Own words rather than Qt's standard buttons: Qt ships no French for them here.
        self.buttons.addButton(self.tr("Fermer"), QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.rejected.connect(self.reject)
        self.connect_button.clicked.connect(self.submit)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addWidget(ghost_hint)
        layout.addWidget(self.result_label)
        layout.addWidget(self.buttons)

    def submit(self) -> None:
        url, user, password = (
            self.url.text().strip(),
            self.user.text().strip(),
            self.password.text(),
        )
        name = self.name.text().strip() or None
        if not url or not user or not password:
            self._fail(
                self.tr(
                    "L’adresse, le nom d’utilisateur et le mot de passe sont tous trois "
                    "nécessaires."
                )
            )
            return
        from newsdesk.sync import sites

        self.connect_button.setEnabled(False)
        self.result_label.setText(self.tr("Connexion au site…"))
        self.runner.with_credentials(
            lambda store, credentials: sites.add_site(
                store, credentials, url, user, password, name
            ),
            self._on_connected,
            self._on_failed,
            owner=self,
        )

    def authorize_in_browser(self) -> None:
        """WordPress's own flow: the reporter approves newsdesk on the site, and the
        new Application Password comes back to a one-shot listener on 127.0.0.1."""
        url = self.url.text().strip()
        if not url:
            self._fail(self.tr("Indiquez d’abord l’adresse du site."))
            return
        import uuid
        from urllib.parse import urlsplit

        import httpx

        from newsdesk.publishing.authorization_listener import AuthorizationListener
        from newsdesk.publishing.wordpress import is_loopback
        from newsdesk.publishing.wordpress_auth import browser_authorization_page

        # WordPress sends the password back to an http://127.0.0.1 listener only
        # from a site in a ``local`` environment (a site on this laptop); a real
        # site refuses that address and must show the password for a paste instead.
        listening = is_loopback(urlsplit(url).hostname or "")
        listener = self.listener = AuthorizationListener() if listening else None
        app_id = str(uuid.uuid5(uuid.NAMESPACE_URL, "newsdesk"))

        def find_page() -> str:
            with httpx.Client(timeout=httpx.Timeout(30, connect=10)) as client:
                return browser_authorization_page(
                    url,
                    app_id=app_id,
                    success_url=listener.success_url if listener else None,
                    reject_url=listener.reject_url if listener else None,
                    client=client,
                )

        def opened(page: str) -> None:
            self._open_url(QUrl(page))
            self.browser_button.setEnabled(True)
            if listener is None:
                self.result_label.setText(
                    self.tr(
                        "Approuvez newsdesk dans la page ouverte par le navigateur, puis "
                        "collez ici le mot de passe qu’elle affiche et cliquez sur "
                        "« Connecter »."
                    )
                )
                self.password.setFocus()
                return
            self.result_label.setText(
                self.tr(
                    "Approuvez newsdesk dans la page ouverte par le navigateur ; "
                    "le mot de passe arrivera ici tout seul."
                )
            )
            self.runner.network.run(listener.wait, self._on_authorized, self._on_failed, owner=self)

        self.browser_button.setEnabled(False)
        self.result_label.setText(self.tr("Recherche de la page d’autorisation du site…"))
        self.runner.network.run(find_page, opened, self._on_failed, owner=self)

    def _on_authorized(self, authorized: Any) -> None:
        self.user.setText(authorized.user_login)
        self.password.setText(authorized.password)
        self.submit()

    def done(self, result: int) -> None:
        if self.listener is not None:
            self.listener.close()  # stop waiting for a browser that will not come back
        super().done(result)

    def _on_connected(self, site: Any) -> None:
        self.site = site
        self.password.clear()
        self.connect_button.setEnabled(True)
        self.connect_button.hide()
        self.result_label.setText(identity_text(site))
        self.connected.emit(site)

    def _on_failed(self, error: BaseException) -> None:
        self.connect_button.setEnabled(True)
        self.browser_button.setEnabled(True)
        if isinstance(error, errors.KeyringUnavailable):
            self.result_label.setText("")
            self._offer_session_only(self, self.runner, self.submit)
            return
        self._fail(site_error_text(error))

    def _fail(self, text: str) -> None:
        self.result_label.setText(text)
        self.failed.emit(text)


class PasswordDialog(QDialog, _KeyringFallback):
    """The site refused the password (revoked, changed): ask for a new one. The queued
    sendings wait, and leave again once the site accepts it."""

    # The site accepted the new password (its SiteInfo).
    accepted_password = Signal(object)
    failed = Signal(str)

    def __init__(self, runner: OutboxRunner, site: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("PasswordDialog")
        self.runner = runner
        self.site_name = site.name
        self.keyring_box = None
        if getattr(site, "kind", "wordpress") == "ghost":
            # A Ghost site's secret is its integration's Admin API key.
            self.setWindowTitle(self.tr("Nouvelle clé d’API Admin"))
            sentence = self.tr(
                "Le site %1 refuse la clé d’API Admin de %2 (révoquée ou changée). Collez une "
                "nouvelle clé (Ghost ▸ Réglages ▸ Intégrations) : les envois en attente "
                "sont gardés et repartiront."
            )
        else:
            self.setWindowTitle(self.tr("Nouveau mot de passe"))
            sentence = self.tr(
                "Le site %1 refuse le mot de passe de %2 (révoqué ou changé). Saisissez un "
                "nouveau mot de passe d’application : les envois en attente sont gardés et "
                "repartiront."
            )
        text = QLabel(sentence.replace("%1", site.site_url).replace("%2", site.username), self)
        text.setWordWrap(True)
        self.password = QLineEdit(self)
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.result_label = QLabel(self)
        self.result_label.setWordWrap(True)
        buttons, self.ok_button = action_and_cancel(self, self.tr("Valider"), self.submit)
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addWidget(self.password)
        layout.addWidget(self.result_label)
        layout.addWidget(buttons)

    def submit(self) -> None:
        password = self.password.text()
        if not password:
            return
        from newsdesk.sync import sites

        name = self.site_name
        self.ok_button.setEnabled(False)
        self.result_label.setText(self.tr("Vérification auprès du site…"))
        self.runner.with_credentials(
            lambda store, credentials: sites.set_password(store, credentials, name, password),
            self._on_accepted,
            self._on_failed,
            owner=self,
        )

    def _on_accepted(self, site: Any) -> None:
        self.password.clear()
        self.accepted_password.emit(site)
        self.runner.drain()
        self.accept()

    def _on_failed(self, error: BaseException) -> None:
        self.ok_button.setEnabled(True)
        if isinstance(error, errors.KeyringUnavailable):
            self._offer_session_only(self, self.runner, self.submit)
            return
        text = site_error_text(error)
        self.result_label.setText(text)
        self.failed.emit(text)


__all__ = ["PasswordDialog", "SiteDialog", "identity_text", "site_error_text"]
