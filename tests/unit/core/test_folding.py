"""Folding of names: declared once in the core, its two uses differing as documented."""

from __future__ import annotations

from newsdesk.core.folding import fold, fold_term
from newsdesk.publishing import wordpress
from newsdesk.storage import search


def test_case_and_accents_fold_alike_in_both() -> None:
    for f in (fold, fold_term):
        assert f("Sénégal") == f("senegal") == f("SÉNÉGAL") == "senegal"
        assert f("Économie") == "economie"


def test_the_store_spells_ligatures_out_and_keeps_spaces() -> None:
    assert fold("Œuvre  cœur Æther") == "oeuvre  coeur aether"


def test_site_terms_fold_spaces_and_keep_ligatures() -> None:
    assert fold_term("  Vie   politique ") == "vie politique"
    assert fold_term("Œuvre") == "œuvre"


def test_the_old_names_are_the_cores() -> None:
    assert search.fold is fold
    assert not hasattr(wordpress, "fold")
