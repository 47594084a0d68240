"""The page the PDF export prints (no Qt here: ``newsdesk.ui.pdf_export`` prints it)."""

from __future__ import annotations

from pathlib import Path

from newsdesk.core.article import Article, FeaturedImage, Language
from newsdesk.core.errors import UnsafeMediaPath
from newsdesk.formats.pdf_page import print_page
from newsdesk.render.page import PREVIEW_CSP
from newsdesk.resources import read_resource


def _media(tmp_path: Path):
    (tmp_path / "ab").mkdir(exist_ok=True)
    (tmp_path / "ab" / "photo.jpg").write_bytes(b"\xff\xd8\xff")

    def media_path(relative: str) -> Path:
        if ".." in relative:
            raise UnsafeMediaPath(relative)
        return tmp_path / relative

    return media_path


def _article(**fields: object) -> Article:
    values: dict[str, object] = {
        "title": "Mali : la visite",
        "body": (
            "## Un intertitre\n\n![La carte](media:ab/photo.jpg)\n\n"
            "![Absente](media:ab/absente.png)\n\n![Espion](https://example.invalid/p.png)\n"
        ),
        "featured_image": FeaturedImage(path="ab/photo.jpg", caption="Légende", credit="DR"),
    }
    values.update(fields)
    return Article(**values)  # type: ignore[arg-type]


def test_the_page_is_the_preview_s_with_the_print_stylesheet(tmp_path: Path) -> None:
    page = print_page(_article(), _media(tmp_path))
    # The preview's policy: no script, no load but local images.
    assert PREVIEW_CSP in page
    assert read_resource("css/print.css") in page
    assert page.index("@page") < page.index("</head>")
    assert "<h2>Un intertitre</h2>" in page


def test_store_images_are_local_files_and_missing_ones_load_nothing(tmp_path: Path) -> None:
    page = print_page(_article(), _media(tmp_path))
    photo = (tmp_path / "ab" / "photo.jpg").as_uri()
    assert page.count(f'src="{photo}"') == 2  # the header photo and the body's
    assert "media:" not in page
    assert "absente.png" not in page  # a photo missing from the store: no URL at all


def test_an_image_of_the_web_is_named_not_loaded(tmp_path: Path) -> None:
    page = print_page(_article(), _media(tmp_path))
    assert "example.invalid/p.png" in page
    assert 'src="https://example.invalid' not in page
    assert (
        '<span class="nd-remote-image">Image en ligne, non chargée\u00a0: Espion '
        "(https://example.invalid/p.png)</span>" in page
    )
    english = print_page(_article(language=Language.EN), _media(tmp_path))
    assert "Online image, not loaded: Espion (https://example.invalid/p.png)" in english


def test_the_running_title_cannot_break_out_of_its_stylesheet(tmp_path: Path) -> None:
    title = 'Le « oui » et le "non" </style><script>alert(1)</script>'
    page = print_page(_article(title=title), _media(tmp_path))
    style = page[page.index('<style media="print">') : page.index("</head>")]
    assert style.count("</style>") == 1 and "<script>" not in style
    assert "@bottom-left" in style and "Le «\u00a0oui\u00a0» et le" in style


def test_a_long_headline_is_cut_at_the_foot_of_the_page(tmp_path: Path) -> None:
    page = print_page(_article(title="mot " * 40), _media(tmp_path))
    footer = page[page.index("@bottom-left") :]
    assert "…" in footer.split("}")[0]
    assert print_page(_article(title="  "), _media(tmp_path)).count("@bottom-left") == 0
