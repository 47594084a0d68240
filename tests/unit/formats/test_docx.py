"""Word files in: real .docx files written with python-docx (and the OOXML Word writes
for what python-docx has no API for), converted, then imported into a real store."""

from __future__ import annotations

import hashlib
import io
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from docx.enum.text import WD_BREAK
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from PIL import Image

from newsdesk import services
from newsdesk.core.article import Language
from newsdesk.core.errors import InvalidDocument
from newsdesk.formats import docx as word
from newsdesk.paths import Paths
from newsdesk.render import render_body
from newsdesk.storage.store import Store
from newsdesk.words import Face, words_for
from newsdesk.words.documents import import_warning
from newsdesk.words.errors import describe
from tests.unit.formats import word_files as wf


@pytest.fixture
def store(paths: Paths) -> Iterator[Store]:
    opened = Store.open(paths)
    yield opened
    opened.close()


def _french() -> Any:
    document = wf.new_document()
    wf.set_language(document, "fr-FR")
    return document


def _convert(document: Any) -> word.ConvertedDocument:
    out = io.BytesIO()
    document.save(out)
    return word.convert(out.getvalue())


def _codes(converted: word.ConvertedDocument) -> dict[str, int]:
    return {w.code: w.count for w in converted.warnings}


# --- Headline and intertitles -------------------------------------------------------


def test_the_first_heading_is_the_headline_and_the_others_intertitles() -> None:
    document = _french()
    document.add_paragraph("Par A.Y. Barma, à Niamey")
    document.add_heading("", level=1)  # a stray Enter in a heading style: no headline
    document.add_heading("Mali\u00a0: Sergueï Lavrov attendu à Bamako", level=1)
    document.add_paragraph("Le ministre arrive lundi.")
    document.add_heading("Une visite inédite", level=1)
    document.add_heading("Les accords", level=2)
    document.add_paragraph("Trois textes.")
    converted = _convert(document)
    article = converted.article
    # The no-break space Word puts before « : » is typed as a plain one: the renderer
    # adds the typography back.
    assert article.title == "Mali : Sergueï Lavrov attendu à Bamako"
    assert article.language is Language.FR
    assert article.body == (
        "Par A.Y. Barma, à Niamey\n\nLe ministre arrive lundi.\n\n"
        "## Une visite inédite\n\n### Les accords\n\nTrois textes."
    )
    assert converted.warnings == []


def test_a_title_paragraph_is_the_headline_and_a_subtitle_the_standfirst() -> None:
    document = _french()
    document.add_paragraph("Zinder : la saison des pluies commence tôt", style="Title")
    document.add_paragraph("Les paysans sèment dès juin.", style="Subtitle")
    document.add_heading("Dans les champs", level=1)
    document.add_paragraph("Les premières pluies sont tombées.")
    article = _convert(document).article
    assert article.title == "Zinder : la saison des pluies commence tôt"
    assert article.standfirst == "Les paysans sèment dès juin."
    assert article.body == "## Dans les champs\n\nLes premières pluies sont tombées."


def test_an_english_document_is_an_english_article() -> None:
    document = wf.new_document()
    wf.set_language(document, "en-GB")
    document.add_paragraph("Rains come early in Zinder")
    assert _convert(document).article.language is Language.EN


# --- Inline formats, lists, quotes ----------------------------------------------------


def test_bold_italics_links_and_a_line_break_come_across() -> None:
    document = _french()
    paragraph = document.add_paragraph("Le ministre ")
    paragraph.add_run("Bakary Yaou Sangaré").bold = True
    paragraph.add_run(" a parlé de ")
    paragraph.add_run("souveraineté").italic = True
    paragraph.add_run(" (voir ")
    wf.add_hyperlink(paragraph, "le communiqué", "https://www.example.ne/communique")
    paragraph.add_run(").")
    paragraph.add_run().add_break(WD_BREAK.LINE)
    paragraph.add_run("Fin.")
    body = _convert(document).article.body
    assert body == (
        "Le ministre **Bakary Yaou Sangaré** a parlé de *souveraineté* "
        "(voir [le communiqué](https://www.example.ne/communique)).  \nFin."
    )


def test_bulleted_numbered_and_nested_lists() -> None:
    document = _french()
    bullets = wf.add_list_numbering(document, ordered=False)
    wf.add_list_item(document, "Niamey", bullets, 0)
    wf.add_list_item(document, "Plateau", bullets, 1)
    wf.add_list_item(document, "Zinder", bullets, 0)
    document.add_paragraph("Et dans l’ordre :")
    numbers = wf.add_list_numbering(document, ordered=True)
    wf.add_list_item(document, "Arrivée", numbers, 0)
    wf.add_list_item(document, "Entretien", numbers, 0)
    wf.add_list_item(document, "Conférence de presse", numbers, 0)
    body = _convert(document).article.body
    assert body == (
        "- Niamey\n    - Plateau\n- Zinder\n\nEt dans l’ordre :\n\n"
        "1. Arrivée\n2. Entretien\n3. Conférence de presse"
    )
    html = render_body(body, Language.FR)
    assert "<li>Niamey<ul>\n<li>Plateau</li>" in html
    assert "<ol>\n<li>Arrivée</li>" in html


def test_a_quote_paragraph_is_a_quote() -> None:
    document = _french()
    document.add_paragraph("Il a déclaré :")
    document.add_paragraph("« Nous sommes prêts. »", style="Quote")
    document.add_paragraph("« Et déterminés. »", style="Intense Quote")
    body = _convert(document).article.body
    assert body == "Il a déclaré :\n\n> « Nous sommes prêts. »\n>\n> « Et déterminés. »"


def test_a_footnote_becomes_a_markdown_footnote() -> None:
    document = _french()
    paragraph = document.add_paragraph("Le budget a doublé")
    wf.add_footnote(document, paragraph, "Loi de finances 2026, article 12.")
    paragraph.add_run(".")
    body = _convert(document).article.body
    assert body == "Le budget a doublé[^1].\n\n[^1]: Loi de finances 2026, article 12."
    assert 'class="footnote"' in render_body(body, Language.FR)


# --- Tables -------------------------------------------------------------------------------


def test_a_table_comes_across_with_its_first_row_as_header() -> None:
    document = _french()
    table = document.add_table(rows=3, cols=2)
    for row, cells in enumerate(
        [("Ville", "Habitants"), ("Niamey", "1 300 000"), ("Maradi", "270 000")]
    ):
        for column, text in enumerate(cells):
            table.cell(row, column).text = text
    converted = _convert(document)
    assert converted.article.body == (
        "| Ville | Habitants |\n| --- | --- |\n| Niamey | 1 300 000 |\n| Maradi | 270 000 |"
    )
    assert "<th>Ville</th>" in render_body(converted.article.body, Language.FR)
    assert converted.warnings == []


def test_a_table_with_merged_cells_is_simplified_and_said() -> None:
    document = _french()
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).merge(table.cell(0, 1)).text = "Résultats"
    table.cell(1, 0).text = "Oui"
    table.cell(1, 1).text = "Non"
    converted = _convert(document)
    assert "| Oui | Non |" in converted.article.body
    assert _codes(converted) == {"table_merged": 1}


# --- Tracked changes and comments ------------------------------------------------------


def test_tracked_changes_are_read_as_accepted() -> None:
    document = _french()
    paragraph = document.add_paragraph("Le président ")
    wf.add_deletion(paragraph, "a annulé ", revision=1)
    wf.add_insertion(paragraph, "a reporté ", revision=2)
    paragraph.add_run("sa visite.")
    wf.add_deleted_paragraph(document, "Ce paragraphe a été retiré.", revision=3)
    document.add_paragraph("Suite du texte.")
    converted = _convert(document)
    assert converted.article.body == "Le président a reporté sa visite.\n\nSuite du texte."
    assert "annulé" not in converted.article.body
    assert _codes(converted) == {"tracked_changes": 4}


def test_hidden_text_stays_hidden_and_is_said() -> None:
    document = _french()
    paragraph = document.add_paragraph("Le bilan est lourd.")
    wf.add_hidden_run(paragraph, " Source : un proche du dossier, ne pas citer.")
    paragraph.add_run(" Fin.")
    shown = document.add_paragraph("Visible.")
    shown.add_run(" Aussi.").font.hidden = False  # w:vanish w:val="0": shown
    converted = _convert(document)
    assert converted.article.body == "Le bilan est lourd. Fin.\n\nVisible. Aussi."
    assert _codes(converted) == {"hidden_text": 1}


def test_comments_stay_out_of_the_text_and_are_counted() -> None:
    document = _french()
    paragraph = document.add_paragraph("Le bilan est de 12 morts.")
    wf.add_comment(document, paragraph, "Vérifier ce chiffre auprès de la gendarmerie")
    other = document.add_paragraph("Deuxième paragraphe.")
    wf.add_comment(document, other, "Trop long")
    converted = _convert(document)
    assert converted.article.body == "Le bilan est de 12 morts.\n\nDeuxième paragraphe."
    assert "gendarmerie" not in converted.article.body
    assert _codes(converted) == {"comments": 2}


# --- What cannot come across ---------------------------------------------------------------


def test_an_equation_and_an_embedded_object_are_said() -> None:
    document = _french()
    paragraph = document.add_paragraph("La formule ")
    wf.add_equation(paragraph)
    paragraph.add_run(" est connue.")
    wf.add_embedded_object(document.add_paragraph("Le tableur : "))
    converted = _convert(document)
    assert converted.article.body == "La formule est connue.\n\nLe tableur :"
    assert _codes(converted) == {"equation": 1, "embedded_object": 1}


def test_words_bookkeeping_is_no_loss() -> None:
    document = _french()
    paragraph = document.add_paragraph("Texte modifiable.")
    paragraph._p.insert(0, parse_xml(f'<w:permStart {nsdecls("w")} w:id="1" w:edGrp="everyone"/>'))
    paragraph._p.append(parse_xml(f'<w:permEnd {nsdecls("w")} w:id="1"/>'))
    converted = _convert(document)
    assert converted.article.body == "Texte modifiable."
    assert converted.warnings == []


def test_an_unknown_element_is_said_once_as_something_left_out() -> None:
    document = _french()
    paragraph = document.add_paragraph("Texte")
    paragraph._p.append(parse_xml(f'<w:contentPart {nsdecls("w", "r")} r:id="rId99"/>'))
    assert _codes(_convert(document)) == {"other": 1}


# --- Into the store -----------------------------------------------------------------------


def test_images_go_into_the_store(store: Store, tmp_path: Path) -> None:
    document = _french()
    document.add_heading("Les photos du jour", level=1)
    document.add_paragraph("Avant la photo.")
    photo = wf.png_bytes("red")
    document.add_picture(io.BytesIO(photo))
    document.add_paragraph("Le marché de Niamey", style="Caption")
    path = wf.save(document, tmp_path / "photos.docx")

    imported = services.import_file_reporting(store, path)
    article = store.get(imported.article.id)
    digest = hashlib.sha256(photo).hexdigest()
    relative = f"{digest[:2]}/{digest}.png"
    assert article.title == "Les photos du jour"
    assert article.body == f"Avant la photo.\n\n![](media:{relative})\n\n*Le marché de Niamey*"
    assert store.media_path(relative).read_bytes() == photo
    assert imported.warnings == ()


def test_an_image_the_store_refuses_is_left_out_and_said(store: Store, tmp_path: Path) -> None:
    document = _french()
    document.add_paragraph("Texte.")
    tiff = io.BytesIO()
    Image.new("RGB", (20, 20), "blue").save(tiff, "TIFF")
    document.add_picture(io.BytesIO(tiff.getvalue()))
    document.add_paragraph("Après.")
    imported = services.import_file_reporting(store, wf.save(document, tmp_path / "tiff.docx"))
    assert store.get(imported.article.id).body == "Texte.\n\nAprès."
    assert [(w.code, w.count) for w in imported.warnings] == [("image_unusable", 1)]


def test_an_image_with_brackets_in_its_alt_text_still_goes_in(store: Store, tmp_path: Path) -> None:
    document = _french()
    document.add_paragraph("Texte.")
    document.add_picture(io.BytesIO(wf.png_bytes("yellow")))
    doc_pr = document.element.body.findall(".//" + qn("wp:docPr"))[-1]
    doc_pr.set("descr", "Le marché [photo DR]\nde Niamey")
    imported = services.import_file_reporting(store, wf.save(document, tmp_path / "alt.docx"))
    body = store.get(imported.article.id).body
    assert body.startswith("Texte.\n\n![Le marché (photo DR) de Niamey](media:")
    assert "docx-image" not in body


def test_only_images_none_of_them_usable_is_no_article(store: Store, tmp_path: Path) -> None:
    document = _french()
    tiff = io.BytesIO()
    Image.new("RGB", (20, 20), "blue").save(tiff, "TIFF")
    document.add_picture(io.BytesIO(tiff.getvalue()))
    assert _refused(store, wf.save(document, tmp_path / "tiff.docx")).reason == "docx_empty"


def test_a_linked_image_is_never_fetched_and_is_said(store: Store, tmp_path: Path) -> None:
    secret = tmp_path / "secret.png"
    secret.write_bytes(wf.png_bytes("black"))
    document = _french()
    document.add_paragraph("Avant.")
    wf.add_linked_picture(document, secret.as_uri())
    document.add_paragraph("Après.")
    imported = services.import_file_reporting(store, wf.save(document, tmp_path / "lien.docx"))
    assert store.get(imported.article.id).body == "Avant.\n\nAprès."
    assert [(w.code, w.count) for w in imported.warnings] == [("image_missing", 1)]
    assert list((store.paths.media).rglob("*.png")) == []


def test_import_file_takes_a_docx_by_its_suffix(store: Store, tmp_path: Path) -> None:
    document = _french()
    document.add_paragraph("Un texte court.")
    article = services.import_file(store, wf.save(document, tmp_path / "Court.DOCX"))
    assert store.get(article.id).body == "Un texte court."


# --- Bad files: a clear refusal, nothing stored ----------------------------------------


def _refused(store: Store, path: Path) -> InvalidDocument:
    with pytest.raises(InvalidDocument) as caught:
        services.import_file_reporting(store, path)
    assert store.list_articles() == []
    return caught.value


def test_a_damaged_docx_is_refused(store: Store, tmp_path: Path) -> None:
    document = _french()
    document.add_paragraph("Texte.")
    whole = wf.save(document, tmp_path / "whole.docx").read_bytes()
    cut = tmp_path / "cut.docx"
    cut.write_bytes(whole[: len(whole) // 2])
    assert _refused(store, cut).reason == "docx_damaged"


def test_an_old_doc_renamed_docx_is_refused(store: Store, tmp_path: Path) -> None:
    doc = tmp_path / "ancien.docx"
    doc.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(4096))
    assert _refused(store, doc).reason == "docx_is_doc"
    protected = tmp_path / "protege.docx"
    protected.write_bytes(
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(512) + "EncryptedPackage".encode("utf-16-le")
    )
    assert _refused(store, protected).reason == "docx_encrypted"


def test_a_text_file_or_another_zip_is_not_a_word_file(store: Store, tmp_path: Path) -> None:
    text = tmp_path / "notes.docx"
    text.write_text("juste du texte", encoding="utf-8")
    assert _refused(store, text).reason == "docx_not_word"
    sheet = tmp_path / "tableur.docx"
    with zipfile.ZipFile(sheet, "w") as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
    assert _refused(store, sheet).reason == "docx_not_word"


def test_an_odt_is_refused_with_its_own_reason(store: Store, tmp_path: Path) -> None:
    odt = tmp_path / "article.odt"
    with zipfile.ZipFile(odt, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        archive.writestr("content.xml", "<office:document-content/>")
    assert _refused(store, odt).reason == "odt_unsupported"


def test_a_huge_docx_is_refused(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    document = _french()
    document.add_paragraph("Texte.")
    path = wf.save(document, tmp_path / "gros.docx")
    monkeypatch.setattr(word, "MAX_DOCX_BYTES", path.stat().st_size - 1)
    error = _refused(store, path)
    assert error.reason == "docx_too_large"
    assert set(error.details) == {"size", "limit"}


def test_a_zip_bomb_is_refused_before_it_is_read(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    document = _french()
    document.add_paragraph("x" * 200_000)
    path = wf.save(document, tmp_path / "bombe.docx")
    monkeypatch.setattr(word, "MAX_UNPACKED_BYTES", 100_000)
    assert _refused(store, path).reason == "docx_too_large"


def test_a_docx_without_text_is_refused(store: Store, tmp_path: Path) -> None:
    document = _french()
    document.add_paragraph("")
    document.add_paragraph("   ")
    assert _refused(store, wf.save(document, tmp_path / "vide.docx")).reason == "docx_empty"


# --- In words, for the reporter ------------------------------------------------------------


@pytest.mark.parametrize("code", word.WARNING_CODES)
def test_every_warning_is_a_sentence_in_french_and_in_english(code: str) -> None:
    for count in (1, 3):
        french = import_warning(code, count, words_for("fr"))
        english = import_warning(code, count, words_for("en"))
        assert french != english
        assert ("3" in french, "3" in english) == (count == 3, count == 3)
    if code != "other":  # each code has its own sentence, not the catch-all's
        assert import_warning(code, 1, words_for("fr")) != import_warning(
            "other", 1, words_for("fr")
        )


@pytest.mark.parametrize(
    ("reason", "details"),
    [
        ("docx_too_large", {"size": "120", "limit": "100"}),
        ("docx_is_doc", {}),
        ("docx_encrypted", {}),
        ("docx_not_word", {}),
        ("docx_damaged", {}),
        ("docx_empty", {}),
        ("odt_unsupported", {}),
    ],
)
def test_every_refusal_has_its_own_sentence(reason: str, details: dict[str, str]) -> None:
    error = InvalidDocument("detail for the log", reason, **details)
    generic = describe(InvalidDocument("detail for the log"), words_for("fr"), Face.CLI)
    for language in ("fr", "en"):
        text = describe(error, words_for(language), Face.CLI)
        assert text != generic
        assert "detail for the log" not in text
