"""The article page: golden files, escaping, parts, media URLs, the preview's lock-down."""

from __future__ import annotations

import os
import re
from datetime import UTC, datetime, timedelta, timezone
from html.parser import HTMLParser
from pathlib import Path

import pytest

from newsdesk.core.article import Article, FeaturedImage, Language
from newsdesk.core.interchange import parse_document
from newsdesk.render import PART_IDS, BodyRenderer, format_date, page_parts, render_page
from newsdesk.render.page import PREVIEW_CSP, resolve_media
from newsdesk.resources import resources_dir

GOLDEN = Path(__file__).parent / "golden"
UPDATE = os.environ.get("NEWSDESK_UPDATE_GOLDEN") == "1"
NIAMEY = timezone(timedelta(hours=1))


def _export_url(relative: str) -> str:
    return f"media/{relative}"


def _small_article(language: Language) -> Article:
    fr = language is Language.FR
    return Article(
        title="Mali: Sergueï Lavrov attendu à Bamako" if fr else "Mali: Lavrov due in Bamako",
        standfirst=(
            "Le ministre russe effectue une visite de travail et d'amitié..."
            if fr
            else "Russia's foreign minister is on a working visit..."
        ),
        body=(
            'Le ministre a parlé d\'une "nouvelle dynamique".\n\n'
            "## Bamako, nouvel allié stratégique\n\n"
            "> « Cette visite permettra de renforcer le dialogue ! »\n\n"
            "![Les deux ministres](media:inline/ministres.jpg)\n\n"
            "Voir [le communiqué](https://diplomatie.gouv.ml/?p=12)."
            if fr
            else 'The minister spoke of a "new momentum".\n\n## Bamako, a new ally\n\n'
            "See [the statement](https://diplomatie.gouv.ml/?p=12)."
        ),
        category="Politique" if fr else "Politics",
        tags=["Mali", "Russie" if fr else "Russia"],
        byline="A.Y. Barma",
        source="actuniger.com",
        dateline="Bamako",
        date=datetime(2023, 2, 6, 10, 30, tzinfo=NIAMEY),
        language=language,
        featured_image=FeaturedImage(
            path="lavrov.jpg",
            caption="Sergueï Lavrov et Abdoulaye Diop",
            credit="DR",
            alt="Les deux ministres",
        ),
    )


def _lavrov(fixtures_dir: Path) -> Article:
    source = fixtures_dir / "lavrov" / "article.md"
    return parse_document(source.read_bytes())


def _check_golden(name: str, html: str) -> None:
    path = GOLDEN / name
    if UPDATE or not path.exists():
        if not UPDATE:
            pytest.fail(f"{path} missing: run with NEWSDESK_UPDATE_GOLDEN=1 to create it")
        path.write_text(html, encoding="utf-8")
    assert html == path.read_text(encoding="utf-8"), (
        f"{name} differs from the golden file; if the change is wanted, "
        "regenerate with NEWSDESK_UPDATE_GOLDEN=1 and review the diff"
    )


@pytest.mark.parametrize("language", [Language.FR, Language.EN])
def test_golden_small_article(language: Language) -> None:
    html = render_page(_small_article(language), media_url=_export_url)
    _check_golden(f"small_{language.value}.html", html)


def test_golden_lavrov_seed(fixtures_dir: Path) -> None:
    html = render_page(_lavrov(fixtures_dir), media_url=_export_url, preview=True)
    _check_golden("lavrov_fr_preview.html", html)


def test_the_seed_reads_as_the_site_prints_it(fixtures_dir: Path) -> None:
    article = _lavrov(fixtures_dir)
    parts = page_parts(article, media_url=_export_url)
    assert parts["nd-title"].startswith("Mali\u00a0: Sergueï Lavrov")
    assert parts["nd-date"] == (
        'Bamako, <time datetime="2023-02-05T18:00:00+00:00">5\u00a0février 2023 à 18\u00a0h</time>'
    )
    assert parts["nd-byline"] == "A.Y. Barma (actuniger.com)"
    assert 'src="media/header.jpg"' in parts["nd-figure"]
    assert "<figcaption>Sergueï Lavrov et Abdoulaye Diop" in parts["nd-figure"]
    assert "<li>Sergueï Lavrov</li>" in parts["nd-tags"]
    html = render_page(article, media_url=_export_url)
    assert "<h2>Bamako, nouvel allié stratégique de Moscou au Sahel" in html
    assert "l’ouest" in html and "\u00a0»" in html


def test_page_structure_and_parts() -> None:
    article = _small_article(Language.FR)
    html = render_page(article, media_url=_export_url)
    parts = page_parts(article, media_url=_export_url)
    assert tuple(parts) == PART_IDS
    for element_id, inner in parts.items():
        assert html.count(f'id="{element_id}"') == 1
        # Each part is exactly the inner HTML of its element: what the preview patches.
        assert re.search(rf'id="{element_id}"[^>]*>{re.escape(inner)}</', html), element_id
    assert html.count('id="nd-body"') == 1
    assert html.startswith('<!DOCTYPE html>\n<html lang="fr">')
    assert '<h1 id="nd-title" class="nd-title">Mali\u00a0: Sergueï Lavrov' in html


def test_every_field_is_escaped() -> None:
    hostile = '<script>alert(1)</script>"><img src=x onerror=alert(1)>'
    article = Article(
        title=hostile,
        standfirst=hostile,
        category=hostile,
        tags=[hostile],
        byline=hostile,
        source=hostile,
        dateline=hostile,
        date=datetime(2023, 2, 6, tzinfo=UTC),
        language=Language.EN,
        featured_image=FeaturedImage(
            path='x.jpg" onerror="alert(1)', caption=hostile, credit=hostile, alt=hostile
        ),
    )
    html = render_page(article, media_url=_export_url)
    parser = _Elements()
    parser.feed(html)
    assert "script" not in parser.tags
    assert parser.tags.count("img") == 1  # the featured photo, and no other
    assert not [name for name in parser.attributes if name.startswith("on")]
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


class _Elements(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.attributes: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attributes.extend(name for name, _ in attrs)


def test_empty_article_has_empty_parts() -> None:
    parts = page_parts(Article())
    assert all(value == "" for value in parts.values())
    html = render_page(Article())
    assert '<figure id="nd-figure" class="nd-figure"></figure>' in html


def test_preview_is_locked_down() -> None:
    article = _small_article(Language.FR)
    preview = render_page(article, media_url=lambda p: f"file:///data/media/{p}", preview=True)
    assert f'<meta http-equiv="Content-Security-Policy" content="{PREVIEW_CSP}">' in preview
    # The exported page carries the same policy: opened in a browser, it loads nothing remote.
    assert f'<meta http-equiv="Content-Security-Policy" content="{PREVIEW_CSP}">' in render_page(
        article
    )
    # Nothing fetched from the network: no stylesheet link, font, import or remote url().
    assert "<link" not in preview and "@import" not in preview and "@font-face" not in preview
    assert not re.search(r"url\(\s*['\"]?(?:https?:)?//", preview)
    assert 'src="file:///data/media/lavrov.jpg"' in preview
    assert 'src="file:///data/media/inline/ministres.jpg"' in preview


def test_without_media_url_no_media_is_loaded() -> None:
    html = render_page(_small_article(Language.FR))
    assert "media:" not in html and "lavrov.jpg" not in html
    assert '<div class="nd-photo-missing" role="img" aria-label="Les deux ministres"></div>' in html
    # The caption and credit still show.
    assert "Photo\u00a0: DR" in html


def test_media_paths_never_leave_the_media_folder() -> None:
    seen: list[str] = []

    def media_url(relative: str) -> str:
        seen.append(relative)
        return f"file:///data/media/{relative}"

    fragment = BodyRenderer().render(
        "![a](media:../../etc/passwd) ![b](media:/etc/passwd) ![c](media:ok%20photo.jpg) "
        "[d](media:sub/./x.jpg) ![e](media:C:/x.jpg) ![f](media:..%2Fsecret.jpg)",
        Language.EN,
    )
    html = resolve_media(fragment, media_url)
    assert seen == ["ok photo.jpg"]
    assert "media:" not in html and "passwd" not in html and "secret" not in html
    article = Article(featured_image=FeaturedImage(path="../outside.jpg"))
    assert "outside" not in page_parts(article, media_url=media_url)["nd-figure"]
    assert seen == ["ok photo.jpg"]


def test_body_html_from_the_incremental_renderer_is_used_as_given() -> None:
    article = _small_article(Language.FR)
    body = BodyRenderer().render(article.body, article.language)
    assert render_page(article, body_html=body) == render_page(article)
    assert "<p>remplacé</p>" in render_page(article, body_html="<p>remplacé</p>\n")


@pytest.mark.parametrize(
    ("moment", "language", "expected"),
    [
        (datetime(2023, 2, 6, 10, 30, tzinfo=NIAMEY), Language.FR, "6 février 2023 à 10 h 30"),
        (datetime(2023, 3, 1, 9, 0, tzinfo=NIAMEY), Language.FR, "1er mars 2023 à 9 h"),
        (datetime(2023, 8, 15, 0, 5, tzinfo=UTC), Language.FR, "15 août 2023 à 0 h 05"),
        (datetime(2023, 2, 6, 10, 30, tzinfo=NIAMEY), Language.EN, "6 February 2023, 10:30"),
        (datetime(2023, 12, 1, 9, 5, tzinfo=UTC), Language.EN, "1 December 2023, 09:05"),
    ],
)
def test_dates_as_the_site_writes_them(moment: datetime, language: Language, expected: str) -> None:
    assert format_date(moment, language).replace("\u00a0", " ") == expected


@pytest.mark.parametrize("locale", ["fr", "en"])
def test_the_months_are_cldrs(locale: str) -> None:
    # The window does not load Babel for 24 words (render/page.py): they are Babel's.
    from babel.dates import format_date as babel_format_date

    from newsdesk.render.page import MONTHS

    cldr = tuple(
        babel_format_date(datetime(2026, month, 6), "MMMM", locale=locale) for month in range(1, 13)
    )
    assert MONTHS[locale] == cldr


def test_rendering_a_page_loads_no_babel() -> None:
    import subprocess
    import sys

    script = (
        "import sys\n"
        "from datetime import datetime\n"
        "from newsdesk.core.article import Article, Language\n"
        "from newsdesk.render import render_page\n"
        "page = render_page(Article(date=datetime(2023, 2, 6), language=Language.FR))\n"
        "assert 'février' in page\n"
        "print(sorted(name for name in sys.modules if name.split('.')[0] == 'babel'))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=60
    )
    assert done.stdout.strip() == "[]"


def test_date_keeps_the_articles_own_offset() -> None:
    article = Article(date=datetime(2023, 2, 6, 23, 30, tzinfo=NIAMEY))
    part = page_parts(article)["nd-date"]
    assert 'datetime="2023-02-06T23:30:00+01:00"' in part
    assert "6\u00a0février 2023 à 23\u00a0h\u00a030" in part


def test_byline_and_source() -> None:
    assert page_parts(Article(byline="A.Y. Barma"))["nd-byline"] == "A.Y. Barma"
    assert page_parts(Article(source="actuniger.com"))["nd-byline"] == "actuniger.com"


def test_resources_come_from_the_source_tree() -> None:
    folder = resources_dir()
    assert (folder / "templates" / "article.html").is_file()
    assert (folder / "css" / "article.css").is_file()
