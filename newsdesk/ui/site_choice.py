"""Which site the article on screen goes to: shown beside « Publier », chosen by the reporter.

With one site connected it is the site, and nothing is asked. With several, the article
goes where the reporter said (remembered per article in ``storage.article_sites``);
an article without a choice makes the window ask before anything is queued. Nothing is
ever sent to « the first site » by default.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from newsdesk.ui.dialog_buttons import action_and_cancel


@dataclass(frozen=True, slots=True)
class SiteTarget:
    """Where an article goes: the connected sites and the one chosen (None: ask)."""

    sites: list[Any] = field(default_factory=list)
    target: str | None = None
    # Sites the article is already on or queued for: offered first when asking.
    present: list[str] = field(default_factory=list)

    def info(self, name: str | None) -> Any:
        return next((s for s in self.sites if s.name == name), None)


def find_target(store: Any, article_id: str) -> SiteTarget:
    """The article's target site, from the store (run it on the database worker)."""
    from newsdesk.storage import article_sites
    from newsdesk.sync import outbox, sites

    connected = sites.list_sites(store)
    names = [s.name for s in connected]
    chosen = article_sites.chosen_site(store, article_id) if article_id else None
    present = [s.site for s in outbox.remote_state(store, article_id).sites] if article_id else []
    if len(names) == 1:
        target: str | None = names[0]
    elif chosen in names:
        target = chosen
    else:
        target = None
    return SiteTarget(connected, target, [p for p in present if p in names])


def site_label(site: Any) -> str:
    """« actu — https://actu.example », what a reporter recognises a site by."""
    return f"{site.name} — {site.site_url}" if site.site_url else str(site.name)


class SiteChoiceDialog(QDialog):
    """« Sur quel site envoyer cet article ? » — one line per connected site.

    After it is accepted, ``chosen()`` is the site's name.
    """

    def __init__(
        self, sites: list[Any], preselect: str | None, title: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("SiteChoiceDialog")
        self.setWindowTitle(self.tr("Choisir le site"))
        headline = title.strip() or self.tr("cet article")
        question = QLabel(
            self.tr("Plusieurs sites sont connectés. Sur lequel envoyer « %1 » ?").replace(
                "%1", headline
            ),
            self,
        )
        question.setWordWrap(True)
        note = QLabel(
            self.tr("newsdesk retiendra ce choix pour cet article ; rien ne part sans lui."), self
        )
        note.setWordWrap(True)
        note.setStyleSheet("color:#666")
        self.list = QListWidget(self)
        for site in sites:
            item = QListWidgetItem(site_label(site), self.list)
            item.setData(Qt.ItemDataRole.UserRole, site.name)
            if site.display_name:
                item.setToolTip(self.tr("Connecté en tant que %1").replace("%1", site.display_name))
            if site.name == preselect:
                item.setSelected(True)
        buttons, self.send_button = action_and_cancel(
            self, self.tr("Envoyer sur ce site"), self.accept
        )
        self.list.itemDoubleClicked.connect(lambda _item: self.accept())
        # What is selected counts, not the row the keyboard focus sits on: no site is
        # picked for the reporter.
        self.list.itemSelectionChanged.connect(self._update)
        layout = QVBoxLayout(self)
        layout.addWidget(question)
        layout.addWidget(self.list)
        layout.addWidget(note)
        layout.addWidget(buttons)
        self._update()
        self.resize(460, 260)

    def _update(self) -> None:
        self.send_button.setEnabled(bool(self.list.selectedItems()))

    def choose(self, name: str) -> None:
        """Select the site named ``name`` (tests, and keyboard-less callers)."""
        for row in range(self.list.count()):
            item = self.list.item(row)
            if item.data(Qt.ItemDataRole.UserRole) == name:
                self.list.setCurrentItem(item)
                item.setSelected(True)

    def chosen(self) -> str | None:
        selected = self.list.selectedItems()
        return str(selected[0].data(Qt.ItemDataRole.UserRole)) if selected else None


__all__ = ["SiteChoiceDialog", "SiteTarget", "find_target", "site_label"]
