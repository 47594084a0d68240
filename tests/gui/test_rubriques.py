"""The site's rubriques in the form, offline too, and a rubrique the site lacks refused in words."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

import pytest

from newsdesk import services
from newsdesk.core.errors import UnknownRubrique, UnknownTimeZone
from newsdesk.credentials import SessionCredentialStore
from newsdesk.storage import outbox_repo as repo
from newsdesk.storage.store import Store
from newsdesk.ui.messages import describe_error
from tests.gui.conftest import WindowFactory
from tests.gui.test_publish_button import SITE, open_on, unreachable_site

pytestmark = [pytest.mark.gui, pytest.mark.webengine]

SITE_CATEGORIES = [(3, "Politique"), (4, "Économie"), (5, "Société")]


def test_the_rubrique_field_offers_the_site_s_categories_offline(
    windows: WindowFactory, qtbot: Any, store: Store, lavrov_md: Path
) -> None:
    credentials = SessionCredentialStore()
    unreachable_site(store, credentials)  # offline: only the cache can answer
    repo.replace_terms(store, SITE, "categories", SITE_CATEGORIES)
    article = services.import_file(store, lavrov_md)
    store.save(dataclasses.replace(store.get(article.id), category="Sport local"))
    window = windows.open(credentials=credentials)
    combo = window.editor.category

    def offered() -> list[str]:
        return [combo.itemText(i) for i in range(combo.count())]

    qtbot.waitUntil(lambda: "Économie" in offered(), timeout=10000)
    assert {"Politique", "Économie", "Société", "Sport local"} <= set(offered())
    # The site's spelling is offered once, not beside a local « politique ».
    assert sum(1 for name in offered() if name.casefold() == "politique") == 1


def test_a_rubrique_the_site_lacks_is_refused_before_queuing_with_the_close_names(
    windows: WindowFactory, qtbot: Any, store: Store, lavrov_md: Path
) -> None:
    credentials = SessionCredentialStore()
    unreachable_site(store, credentials)
    repo.replace_terms(store, SITE, "categories", SITE_CATEGORIES)
    article = services.import_file(store, lavrov_md)
    article = store.save(dataclasses.replace(store.get(article.id), category="Politque"))
    window = windows.open(credentials=credentials)
    open_on(window, qtbot, article)
    with qtbot.waitSignal(window.publish.refused, timeout=10000) as refused:
        window.publish.button.click()
    text = refused.args[0]
    assert text.startswith("La rubrique «\u00a0Politque\u00a0» n’existe pas sur «\u00a0actu\u00a0»")
    assert "«\u00a0Politique\u00a0»" in text
    assert "Rien n’a été envoyé." in text
    assert repo.list_entries(store, article_id=article.id) == []


def test_the_typed_errors_are_worded_in_french() -> None:
    none_close = describe_error(UnknownRubrique("Xyz", "actu", []))
    assert "Choisissez une rubrique du site dans la liste" in none_close
    zone = describe_error(UnknownTimeZone("Afrique/Niamey"))
    assert zone.startswith("Fuseau horaire inconnu\u00a0: «\u00a0Afrique/Niamey\u00a0»")


def test_the_refusal_reads_in_english_with_the_close_names(qapp: Any) -> None:
    from PySide6.QtCore import QCoreApplication

    from newsdesk.app import install_translator

    installed = install_translator(qapp, "en")
    try:
        text = describe_error(UnknownRubrique("Politque", "actu", ["Politique", "Police"]))
    finally:
        for translator in installed:
            QCoreApplication.removeTranslator(translator)
    assert text == (
        "The category 'Politque' does not exist on 'actu', and your account may not create "
        "one. Did you mean 'Politique' or 'Police'? Nothing was sent."
    )
