"""The page kept for the next start-up is used only for the article it was made of."""

from __future__ import annotations

import dataclasses
import json
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest

from newsdesk.core.article import Article, Language
from newsdesk.storage import first_page
from newsdesk.storage.first_page import FirstPage

MEDIA = "/data/media"


def _page(article: Article) -> FirstPage:
    return FirstPage(
        article.id,
        f"<html><h1>{article.title}</h1></html>",
        ["k1", "k2"],
        [(0, 1), (2, 3)],
        {"nd-title": article.title},
        [["fr", "Un.", "", "", "", "", "k1", "<p>Un.</p>"]],
    )


@pytest.fixture
def kept(tmp_path: Path, lavrov: Article) -> Path:
    path = tmp_path / "cache" / "first-page.json"
    first_page.save(path, lavrov, MEDIA, _page(lavrov))
    return path


def test_the_page_comes_back_for_the_same_article(kept: Path, lavrov: Article) -> None:
    assert first_page.load(kept, lavrov, MEDIA) == _page(lavrov)
    # Saving it again (the article saved, unchanged for the page) keeps it good.
    saved = dataclasses.replace(
        lavrov, revision=lavrov.revision + 3, updated_at=lavrov.updated_at + timedelta(hours=1)
    )
    assert first_page.load(kept, saved, MEDIA) == _page(lavrov)
    # The same moment in another zone is the same date on the page's fingerprint.
    assert lavrov.date is not None
    moved = dataclasses.replace(lavrov, date=lavrov.date.astimezone(timezone(timedelta(hours=1))))
    assert first_page.load(kept, moved, MEDIA) == _page(lavrov)


@pytest.mark.parametrize(
    "change",
    [
        {"body": "Un autre texte."},
        {"title": "Un autre titre"},
        {"tags": ["Mali", "Russie", "Diplomatie"]},
        {"language": Language.EN},
        {"date": datetime(2024, 1, 1, tzinfo=UTC)},
        {"featured_image": None},
        {"id": "another-article"},
    ],
)
def test_any_change_the_page_could_show_is_a_miss(
    kept: Path, lavrov: Article, change: dict[str, object]
) -> None:
    assert first_page.load(kept, dataclasses.replace(lavrov, **change), MEDIA) is None  # type: ignore[arg-type]


def test_another_media_folder_or_renderer_is_a_miss(
    kept: Path, lavrov: Article, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert first_page.load(kept, lavrov, "/elsewhere/media") is None
    monkeypatch.setattr(first_page, "_renderer_token", lambda: "another newsdesk")
    assert first_page.load(kept, lavrov, MEDIA) is None


@pytest.mark.parametrize(
    "damage",
    [
        b"",
        b"{not json",
        b"[]",
        b'{"format": 1}',
        "\u00e9".encode("latin-1"),
    ],
)
def test_a_damaged_file_is_a_plain_miss(
    kept: Path, lavrov: Article, damage: bytes, caplog: pytest.LogCaptureFixture
) -> None:
    kept.write_bytes(damage)
    assert first_page.load(kept, lavrov, MEDIA) is None


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("format", 2),
        ("keys", "k1"),
        ("lines", [[0, 1]]),
        ("lines", [[0, "1"], [2, 3]]),
        ("parts", {"nd-title": 3}),
        ("page", None),
        ("conversions", {"a": 1}),
    ],
)
def test_a_file_of_the_wrong_shape_is_a_miss(
    kept: Path, lavrov: Article, field: str, value: object
) -> None:
    data = json.loads(kept.read_bytes())
    data[field] = value
    kept.write_text(json.dumps(data))
    assert first_page.load(kept, lavrov, MEDIA) is None


def test_no_file_is_a_miss(tmp_path: Path, lavrov: Article) -> None:
    assert first_page.load(tmp_path / "none.json", lavrov, MEDIA) is None
