"""The article's fields, declared once (core.article.FIELDS): none forgotten, and every
serializer's list of fields is the one the table gives."""

from __future__ import annotations

import dataclasses
import json
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from newsdesk.core import compare, interchange
from newsdesk.core.article import (
    CONTENT_FIELDS,
    FIELDS,
    FRONT_MATTER_FIELDS,
    IMAGE_KEYS,
    MERGED_FIELDS,
    TYPED_FIELDS,
    WORD_FIELDS,
    Article,
    FeaturedImage,
    Language,
    Status,
)
from newsdesk.core.fields import BOOKKEEPING, FrontMatter, Kind, Merge

_NAMES = tuple(f.name for f in FIELDS)


def _full() -> Article:
    """An article with every field set to something other than its default."""
    return Article(
        title="Mali : Sergueï Lavrov attendu à Bamako",
        standfirst="Le ministre russe est attendu.",
        body="Premier paragraphe.\n\nDeuxième.",
        category="Politique",
        tags=["Mali", "Russie"],
        byline="A.Y. Barma",
        source="actuniger.com",
        dateline="Bamako",
        date=datetime(2023, 2, 5, 18, tzinfo=ZoneInfo("Africa/Niamey")),
        language=Language.EN,
        slug="lavrov-bamako",
        status=Status.READY,
        featured_image=FeaturedImage("header.jpg", "Lavrov et Diop", "DR", "Deux ministres"),
        revision=4,
        extra={"weight": 3},
    )


def _other(name: str, value: object) -> object:
    """A value of the same kind as ``value``, different from it."""
    if isinstance(value, Language):
        return Language.FR if value is Language.EN else Language.EN
    if isinstance(value, Status):
        return Status.DRAFT if value is not Status.DRAFT else Status.READY
    if isinstance(value, FeaturedImage):
        return dataclasses.replace(value, caption=value.caption + " (bis)")
    if isinstance(value, datetime):
        return value.replace(year=value.year + 1)
    if isinstance(value, list):
        return [*value, "autre"]
    if isinstance(value, dict):
        return {**value, "autre": 1}
    if isinstance(value, int):
        return value + 1
    return f"{value} (bis)"


def test_every_dataclass_field_is_declared_once_in_its_order() -> None:
    assert tuple(f.name for f in dataclasses.fields(Article)) == _NAMES
    assert len(set(_NAMES)) == len(_NAMES)
    assert tuple(f.name for f in dataclasses.fields(FeaturedImage)) == IMAGE_KEYS


def test_each_declaration_is_coherent() -> None:
    article = Article()
    for field in FIELDS:
        default = getattr(article, field.name)
        if field.kind is Kind.ENUM:
            assert field.enum is not None and isinstance(default, field.enum), field.name
        else:
            assert field.enum is None, field.name
        if field.kind in (Kind.TEXT, Kind.ID):
            assert isinstance(default, str), field.name
        if field.kind is Kind.NAMES:
            assert default == [], field.name
        if field.kind in BOOKKEEPING:
            # The store's own: in no serialization of what the article says.
            assert not (field.front_matter or field.words or field.typed or field.merge)
    merge_kinds = {f.name: (f.kind, f.merge) for f in MERGED_FIELDS}
    assert merge_kinds["body"] == (Kind.TEXT, Merge.MARKDOWN)
    for kind, merge in merge_kinds.values():
        assert (kind, merge) in {
            (Kind.TEXT, Merge.LINES),
            (Kind.TEXT, Merge.MARKDOWN),
            (Kind.NAMES, Merge.NAMES),
        }
    # The three-way merge only settles what a post holds.
    assert {f.name for f in MERGED_FIELDS} <= set(WORD_FIELDS)


@pytest.mark.parametrize("name", _NAMES)
def test_content_equals_compares_exactly_the_content_fields(name: str) -> None:
    article = _full()
    changed = dataclasses.replace(article, **{name: _other(name, getattr(article, name))})
    assert article.content_equals(changed) is (name not in CONTENT_FIELDS)


@pytest.mark.parametrize("name", _NAMES)
def test_same_words_compares_exactly_the_word_fields(name: str) -> None:
    from newsdesk.sync import outbox, states

    assert outbox.WORD_FIELDS is states.WORD_FIELDS is WORD_FIELDS
    article = _full()
    changed = dataclasses.replace(article, **{name: _other(name, getattr(article, name))})
    assert states.same_words(article, changed) is (name not in WORD_FIELDS)


def test_front_matter_keys_are_the_tables_in_its_order() -> None:
    assert interchange.KNOWN_KEYS == FRONT_MATTER_FIELDS
    assert compare._FIELDS == FRONT_MATTER_FIELDS
    meta = interchange.front_matter(_full())
    assert tuple(meta) == (*FRONT_MATTER_FIELDS, "weight")
    # Empty, only the fields written always are left.
    always = tuple(f.name for f in FIELDS if f.front_matter is FrontMatter.ALWAYS)
    assert tuple(interchange.front_matter(Article())) == always


def test_the_front_matter_reads_back_every_field_it_writes() -> None:
    article = _full()
    again = interchange.parse_document(interchange.dump_document(article))
    for name in FRONT_MATTER_FIELDS:
        assert getattr(again, name) == getattr(article, name), name


def test_the_comparison_shows_every_front_matter_field() -> None:
    article = _full()
    for name in FRONT_MATTER_FIELDS:
        changed = dataclasses.replace(article, **{name: _other(name, getattr(article, name))})
        assert f"\n+{name}: " in compare.diff_articles(article, changed), name


def test_the_revision_json_holds_every_field() -> None:
    from newsdesk.storage.serialize import article_from_json, article_to_json

    article = _full()
    text = article_to_json(article)
    assert set(json.loads(text)) == {"format", *_NAMES}
    again = article_from_json(text)
    for name in _NAMES:
        assert getattr(again, name) == getattr(article, name), name


def test_the_row_has_the_models_columns() -> None:
    from newsdesk.storage.models import ArticleRow
    from newsdesk.storage.rows import row_values

    columns = set(ArticleRow.__table__.columns.keys())
    # The key and the trash are the store's; the times and the revision are set on save.
    store_own = {"pk", "deleted_at", "created_at", "updated_at", "revision"}
    assert set(row_values(_full())) == columns - store_own


def test_the_command_lines_json_has_every_field() -> None:
    from newsdesk.cli.output import article_json

    keys = list(article_json(_full()))
    assert keys[0] == "id"
    derived = [name for name in keys if name in _NAMES]
    assert derived == ["id", *(n for n in _NAMES if n != "id")]
    assert keys[keys.index("slug") + 1] == "effective_slug"


def test_the_form_keeps_the_typed_fields() -> None:
    pytest.importorskip("PySide6.QtWidgets")
    from newsdesk.ui import save_controller

    assert save_controller._TYPED_FIELDS == TYPED_FIELDS
