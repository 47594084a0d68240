"""The services on a real store (SQLite, media folder), as the CLI and the window use them."""

from __future__ import annotations

import dataclasses
import shutil
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PIL import Image

from newsdesk import services
from newsdesk.core.article import Article, Language
from newsdesk.core.errors import (
    AmbiguousArticleId,
    ArticleNotFound,
    InvalidDocument,
    InvalidImage,
)
from newsdesk.core.interchange import MAX_DOCUMENT_BYTES, parse_document
from newsdesk.paths import Paths
from newsdesk.settings import Settings
from newsdesk.storage.store import Store


@pytest.fixture
def store(paths: Paths) -> Iterator[Store]:
    opened = Store.open(paths)
    yield opened
    opened.close()


@pytest.fixture
def lavrov(fixtures_dir: Path, tmp_path: Path) -> Path:
    folder = tmp_path / "lavrov"
    shutil.copytree(fixtures_dir / "lavrov", folder)
    return folder / "article.md"


def _png(path: Path, colour: tuple[int, int, int] = (200, 30, 40)) -> Path:
    Image.new("RGB", (40, 30), colour).save(path, "PNG")
    return path


def test_import_copies_the_featured_image_into_the_store(store: Store, lavrov: Path) -> None:
    article = services.import_file(store, lavrov)
    assert article.revision == 1
    image = article.featured_image
    assert image is not None
    assert image.caption == "Sergueï Lavrov et Abdoulaye Diop"
    stored = store.media_path(image.path)
    assert stored.read_bytes() == (lavrov.parent / "header.jpg").read_bytes()
    # The article no longer depends on the reporter's file.
    shutil.rmtree(lavrov.parent)
    assert store.get(article.id).featured_image == image
    assert stored.is_file()


def test_import_rewrites_inline_images_to_the_store(store: Store, tmp_path: Path) -> None:
    _png(tmp_path / "carte du Niger.png")
    _png(tmp_path / "b.png", (0, 0, 255))
    (tmp_path / "sub").mkdir()
    _png(tmp_path / "sub" / "c.png", (0, 255, 0))
    source = tmp_path / "a.md"
    source.write_text(
        "# Titre\n\n"
        '![La carte](carte%20du%20Niger.png "Carte")\n'
        "![Encore](<carte du Niger.png>)\n"
        "![Bleu](b.png) ![Vert](sub/c.png)\n"
        "![Distante](https://exemple.org/x.jpg) [lien](b.png)\n",
        "utf-8",
    )
    article = services.import_file(store, source)
    body = article.body
    assert "https://exemple.org/x.jpg" in body
    assert "[lien](b.png)" in body  # a link, not an image: left alone
    references = [line for line in body.splitlines() if "media:" in line]
    assert len(references) == 3
    assert body.count("media:") == 4
    assert '"Carte")' in body
    paths = {part.split(")")[0].split(" ")[0] for part in body.split("(media:")[1:]}
    assert len(paths) == 3  # the same picture referenced twice is stored once
    for relative in paths:
        assert store.media_path(relative).is_file()


def test_import_of_an_absolute_image_path(store: Store, tmp_path: Path) -> None:
    picture = _png(tmp_path / "ailleurs.png")
    source = tmp_path / "doc" / "a.md"
    source.parent.mkdir()
    source.write_text(f"---\nfeatured_image: {picture}\n---\nCorps\n", "utf-8")
    article = services.import_file(store, source)
    assert article.featured_image is not None
    assert store.media_path(article.featured_image.path).read_bytes() == picture.read_bytes()


@pytest.mark.parametrize(
    ("front", "problem"),
    [
        ("featured_image: {path: missing.jpg, caption: x}", "no such file"),
        ("featured_image: {path: fake.jpg, caption: x}", "not an image"),
    ],
)
def test_a_bad_image_stores_nothing(store: Store, tmp_path: Path, front: str, problem: str) -> None:
    (tmp_path / "fake.jpg").write_text("ceci n'est pas une image", "utf-8")
    source = tmp_path / "a.md"
    source.write_text(f"---\ntitle: T\n{front}\n---\nCorps\n", "utf-8")
    with pytest.raises(InvalidImage, match=problem):
        services.import_file(store, source)
    assert store.list_articles() == []


def test_a_bad_inline_image_stores_nothing(store: Store, tmp_path: Path) -> None:
    source = tmp_path / "a.md"
    source.write_text("Texte ![x](absente.png)\n", "utf-8")
    with pytest.raises(InvalidImage):
        services.import_file(store, source)
    assert store.list_articles() == []


def test_a_huge_file_is_refused_without_reading_it(store: Store, tmp_path: Path) -> None:
    source = tmp_path / "huge.md"
    with source.open("wb") as handle:
        handle.truncate(MAX_DOCUMENT_BYTES * 2)  # sparse: costs no disk
    with pytest.raises(InvalidDocument) as caught:
        services.import_file(store, source)
    assert caught.value.reason == "too_large"
    assert store.list_articles() == []


def test_a_paste_is_capped_too(store: Store) -> None:
    with pytest.raises(InvalidDocument):
        services.import_document(store, "x" * (MAX_DOCUMENT_BYTES + 1))
    pasted = services.import_document(store, "# Collé\n\nDu texte.")
    assert store.get(pasted.id).title == "Collé"


def test_a_relative_image_in_a_paste_is_refused(store: Store) -> None:
    with pytest.raises(InvalidImage):
        services.import_document(store, "![x](photo.jpg)")


def test_export_then_import_gives_the_same_article(
    store: Store, lavrov: Path, tmp_path: Path
) -> None:
    _png(lavrov.parent / "carte.png")
    with lavrov.open("a", encoding="utf-8") as handle:
        handle.write("\n![Une carte](carte.png)\n")
    first = services.import_file(store, lavrov)
    assert "](media:" in first.body

    out = tmp_path / "export" / "lavrov.md"
    services.export_markdown(store, first.id, out)
    names = sorted(p.name for p in out.parent.iterdir())
    assert len(names) == 3 and "lavrov.md" in names
    text = out.read_text("utf-8")
    assert "media:" not in text
    exported = parse_document(text)
    assert exported.featured_image is not None
    assert (out.parent / exported.featured_image.path).is_file()

    second = services.import_file(store, out)
    assert second.id != first.id
    assert second.content_equals(first)
    # Exporting twice to the same place is harmless.
    services.export_markdown(store, second, out)
    assert sorted(p.name for p in out.parent.iterdir()) == names


def test_export_html_is_one_self_contained_page(store: Store, lavrov: Path, tmp_path: Path) -> None:
    article = services.import_file(store, lavrov)
    out = services.export_html(store, article.id, tmp_path / "page.html")
    page = out.read_text("utf-8")
    assert page.lstrip().lower().startswith("<!doctype html")
    assert "data:image/jpeg;base64," in page
    assert "Sergueï Lavrov et Abdoulaye Diop" in page
    assert "file://" not in page and "media:" not in page
    linked = services.render_html(store, article, embed_images=False)
    assert store.media_path(article.featured_image.path).as_uri() in linked  # type: ignore[union-attr]


def test_an_exported_page_carries_no_photo_metadata(store: Store, tmp_path: Path) -> None:
    # The reporter's phone wrote where the photo was taken: the page sent to other
    # people must not say it (the lavrov fixture's header holds a GPS position too).
    import base64
    import io
    import re

    exif = Image.Exif()
    exif.get_ifd(0x8825).update({1: "N", 2: (13.0, 30.0, 0.0), 3: "E", 4: (2.0, 6.0, 0.0)})
    Image.new("RGB", (900, 600), (20, 90, 160)).save(tmp_path / "phone.jpg", exif=exif)
    with Image.open(tmp_path / "phone.jpg") as original:
        assert original.getexif().get_ifd(0x8825)
    source = tmp_path / "a.md"
    source.write_text("---\ntitle: Niamey\n---\n\n![La place](phone.jpg)\n", encoding="utf-8")
    article = services.import_file(store, source)

    page = services.render_html(store, article, embed_images=True)
    [encoded] = re.findall(r'src="data:image/[a-z]+;base64,([^"]+)"', page)
    data = base64.b64decode(encoded)
    with Image.open(io.BytesIO(data)) as sent:
        assert not sent.getexif() and "exif" not in sent.info
    assert b"Exif" not in data


def test_resolve_id_accepts_an_unambiguous_prefix(store: Store) -> None:
    one = store.create(Article(id="abcdef01-0000-4000-8000-000000000000", title="Un"))
    store.create(Article(id="abcdef02-0000-4000-8000-000000000000", title="Deux"))
    assert services.resolve_id(store, one.id) == one.id
    assert services.resolve_id(store, "ABCDEF01") == one.id
    with pytest.raises(AmbiguousArticleId) as caught:
        services.resolve_id(store, "abcdef0")
    assert len(caught.value.matches) == 2
    with pytest.raises(ArticleNotFound):
        services.resolve_id(store, "abcde")  # too short, even if it would match
    with pytest.raises(ArticleNotFound):
        services.resolve_id(store, "ffffffff")


def test_new_article_takes_the_reporters_defaults() -> None:
    settings = Settings()
    settings.set("default_byline", "A.Y. Barma")
    settings.set("default_source", "actuniger.com")
    settings.set("default_category", "Politique")
    settings.set("default_dateline", "Niamey")
    settings.set("default_language", "en")
    article = services.new_article(settings)
    assert (article.byline, article.source, article.category, article.dateline) == (
        "A.Y. Barma",
        "actuniger.com",
        "Politique",
        "Niamey",
    )
    assert article.language is Language.EN
    assert article.revision == 0


def test_housekeeping_backs_up_once_a_day_and_thins_old_autosaves(store: Store) -> None:
    article = store.create(Article(title="Budget 2027", body="v1"))
    for n in range(2, 6):
        article = store.save(dataclasses.replace(article, body=f"v{n}"))
    assert len(store.history(article.id)) == 5

    later = datetime.now(UTC) + timedelta(days=3)
    first = services.housekeeping(store, now=later)
    assert first.backup is not None and first.backup.is_file()
    # Only the first and the latest revision of that day survive once it is old.
    assert first.revisions_thinned == 3
    assert [r.revision for r in store.history(article.id)] == [5, 1]
    assert store.get(article.id).body == "v5"

    made = datetime.fromtimestamp(first.backup.stat().st_mtime, UTC)
    again = services.housekeeping(store, now=made + timedelta(hours=1))
    assert again.backup is None, "a fresh backup is not made twice in a row"
    assert again.revisions_thinned == 0


def test_the_windows_housekeeping_leaves_the_daily_archive_to_another_thread(
    store: Store,
) -> None:
    # The window thins on the database worker and archives elsewhere: the archive (all
    # the photos) held the reporter's saves for a second on the worker.
    store.create(Article(title="Budget 2027", body="v1"))
    done = services.housekeeping(store, archive=False)
    assert done.backup is None and not list(store.paths.backups.glob("newsdesk-*.zip"))
    made = services.daily_backup(store.paths)
    assert made is not None and made.is_file()
    assert services.daily_backup(store.paths) is None, "not twice in a day"
