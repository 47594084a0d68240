"""The ninjs export, validated against IPTC's official ninjs 3.1 JSON Schema.

The schema and two of IPTC's examples are copied in tests/fixtures/ninjs (MIT, see its
LICENSE and SOURCE.txt). Formats are asserted (date-time, uri), and no remote schema is
ever fetched: the registry is empty.
"""

from __future__ import annotations

import base64
import io
import json
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError
from PIL import Image
from referencing import Registry

from newsdesk.core.article import Article, FeaturedImage, Language, Status
from newsdesk.core.errors import UnsafeMediaPath
from newsdesk.formats import ninjs
from newsdesk.formats.ninjs import Picture, embedded_pictures, ninjs_text, to_ninjs
from newsdesk.publishing.media import prepare_image

SCHEMA_DIR = Path(__file__).resolve().parents[2] / "fixtures" / "ninjs"
NBSP = "\u00a0"
NIAMEY = timezone(timedelta(hours=1))


@pytest.fixture(scope="module")
def validator() -> Draft202012Validator:
    schema = json.loads((SCHEMA_DIR / "ninjs-schema_3.1.json").read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(
        schema, format_checker=Draft202012Validator.FORMAT_CHECKER, registry=Registry()
    )


def _full_article() -> Article:
    return Article(
        id="3f2a9c1e-0b7d-4c55-9a61-2f4d8e1b7a90",
        title="Mali : Sergueï Lavrov attendu à Bamako pour une visite inédite",
        standfirst="Le ministre russe des Affaires étrangères est attendu lundi à Bamako.",
        body=(
            "Selon le communiqué, « cette visite de haut niveau » est une première.\n\n"
            "## Bamako, nouvel allié stratégique de Moscou\n\n"
            "Le chef de la diplomatie russe arrive à Bamako ; la [note](https://example.org/note) "
            "le confirme.\n\n"
            "![La carte du Sahel](media:ab/abcdef0123.png)\n"
        ),
        category="Politique",
        tags=["Mali", "Russie", "Économie", "mali"],
        byline="A.Y. Barma",
        source="actuniger.com",
        dateline="Bamako",
        date=datetime(2023, 2, 5, 18, 0, tzinfo=NIAMEY),
        language=Language.FR,
        slug="mali-serguei-lavrov-attendu-a-bamako",
        status=Status.READY,
        featured_image=FeaturedImage(
            path="cd/cd98765432.jpg",
            caption="Sergueï Lavrov et Abdoulaye Diop",
            credit="DR",
            alt="Les deux ministres, côte à côte",
        ),
        created_at=datetime(2023, 2, 5, 9, 30, 12, 345678, tzinfo=UTC),
        updated_at=datetime(2023, 2, 5, 17, 2, 3, tzinfo=UTC),
        revision=7,
    )


def _pictures(relative: str) -> Picture | None:
    return {
        "cd/cd98765432.jpg": Picture("data:image/jpeg;base64,AAAA", "image/jpeg", 3, 675, 240),
        "ab/abcdef0123.png": Picture("data:image/png;base64,BBBB", "image/png", 3, 400, 300),
    }.get(relative)


def test_a_full_article_is_a_valid_ninjs_3_1_item(validator: Draft202012Validator) -> None:
    item = to_ninjs(_full_article(), picture_of=_pictures)
    validator.validate(item)
    # Through JSON and back, as a receiver reads the file.
    validator.validate(json.loads(json.dumps(item, ensure_ascii=False)))

    assert item["uri"] == "urn:uuid:3f2a9c1e-0b7d-4c55-9a61-2f4d8e1b7a90"
    assert item["altIds"] == [{"role": "newsdesk", "value": "3f2a9c1e-0b7d-4c55-9a61-2f4d8e1b7a90"}]
    assert item["standard"] == {
        "name": "ninjs",
        "version": "3.1",
        "schema": "http://www.iptc.org/std/ninjs/ninjs-schema_3.1.json#",
    }
    assert item["type"] == "text" and item["profile"] == "text-photo"
    assert item["version"] == "7"
    assert item["slugline"] == "mali-serguei-lavrov-attendu-a-bamako"
    assert item["language"] == "fr"
    # French typography, as the page shows it.
    assert item["headlines"] == [
        {
            "role": "main",
            "value": f"Mali{NBSP}: Sergueï Lavrov attendu à Bamako pour une visite inédite",
        }
    ]
    assert item["descriptions"][0]["role"] == "summary"
    assert item["descriptions"][0]["value"].startswith("Le ministre russe")
    assert item["by"] == "A.Y. Barma"
    assert item["located"] == "Bamako"
    assert item["infoSources"] == [{"name": "actuniger.com", "role": "source"}]
    # The rubrique, then each tag once (« mali » is « Mali » again).
    assert item["subjects"] == [
        {"name": "Politique", "rel": "category", "literal": "politique"},
        {"name": "Mali", "rel": "tag", "literal": "mali"},
        {"name": "Russie", "rel": "tag", "literal": "russie"},
        {"name": "Économie", "rel": "tag", "literal": "economie"},
    ]
    assert item["firstCreated"] == "2023-02-05T09:30:12Z"
    assert item["versionCreated"] == "2023-02-05T17:02:03Z"
    assert item["contentCreated"] == "2023-02-05T18:00:00+01:00"
    assert "embargoedUntil" not in item


def test_the_body_is_the_html_the_site_gets(validator: Draft202012Validator) -> None:
    [body] = to_ninjs(_full_article(), picture_of=_pictures)["bodies"]
    assert body["role"] == "main" and body["contentType"] == "text/html"
    value = body["value"]
    assert "<h2>Bamako, nouvel allié stratégique de Moscou</h2>" in value
    assert f"«{NBSP}cette visite de haut niveau{NBSP}»" in value
    assert "Bamako\u202f; la " in value  # a narrow no-break space, as the page has it
    assert '<a href="https://example.org/note" rel="noopener noreferrer">note</a>' in value
    # The body's own image, from the store, not a media: path the receiver cannot read.
    assert 'src="data:image/png;base64,BBBB"' in value and "media:" not in value
    assert body["wordCount"] > 20


def test_the_featured_picture_is_an_association_with_caption_credit_and_alt() -> None:
    [picture] = to_ninjs(_full_article(), picture_of=_pictures)["associations"]
    assert picture["name"] == "featured-image" and picture["type"] == "picture"
    assert picture["uri"] == "urn:newsdesk:media:cd98765432"
    assert picture["descriptions"] == [
        {
            "role": "caption",
            "contentType": "text/plain",
            "value": "Sergueï Lavrov et Abdoulaye Diop",
        },
        {
            "role": "alt-text",
            "contentType": "text/plain",
            "value": "Les deux ministres, côte à côte",
        },
    ]
    assert picture["by"] == "DR"
    assert picture["renditions"] == [
        {
            "name": "original",
            "href": "data:image/jpeg;base64,AAAA",
            "contentType": "image/jpeg",
            "width": 675,
            "height": 240,
            "sizeInBytes": 3,
        }
    ]


def test_a_minimal_article_is_a_valid_item(validator: Draft202012Validator) -> None:
    item = to_ninjs(Article(id="0123456789abcdef"))
    validator.validate(item)
    assert item["uri"] == "urn:newsdesk:article:0123456789abcdef"
    assert item["profile"] == "text-only"
    for absent in ("headlines", "bodies", "subjects", "associations", "by", "located"):
        assert absent not in item, absent


def test_a_scheduled_article_is_embargoed_until_its_date(validator: Draft202012Validator) -> None:
    article = _full_article()
    article.status = Status.SCHEDULED
    item = to_ninjs(article, picture_of=_pictures)
    validator.validate(item)
    assert item["embargoedUntil"] == "2023-02-05T18:00:00+01:00"


def test_a_date_without_offset_is_never_given_a_zone(validator: Draft202012Validator) -> None:
    article = _full_article()
    article.date = datetime(2023, 2, 5, 18, 0)  # naive: as the reporter typed it
    item = to_ninjs(article, picture_of=_pictures)
    validator.validate(item)
    assert "contentCreated" not in item and "embargoedUntil" not in item


def test_a_missing_picture_keeps_its_words_and_no_rendition(
    validator: Draft202012Validator,
) -> None:
    item = to_ninjs(_full_article(), picture_of=lambda _relative: None)
    validator.validate(item)
    [picture] = item["associations"]
    assert "renditions" not in picture and picture["by"] == "DR"


def test_english_text_is_left_as_typed(validator: Draft202012Validator) -> None:
    article = Article(title="Lavrov: in Bamako", language=Language.EN, body="Hello: world.")
    item = to_ninjs(article)
    validator.validate(item)
    assert item["headlines"][0]["value"] == "Lavrov: in Bamako"
    assert item["language"] == "en"


def test_the_validator_refuses_what_the_schema_refuses(validator: Draft202012Validator) -> None:
    # The test above could not fail if the validator accepted anything.
    item = to_ninjs(_full_article(), picture_of=_pictures)
    for broken in (
        {k: v for k, v in item.items() if k != "uri"},
        {**item, "headline": "ninjs 1 wrote it so"},
        {**item, "versionCreated": "5 février 2023"},
        {**item, "uri": "not a uri"},
        {**item, "associations": [{"name": "featured-image"}]},
    ):
        with pytest.raises(ValidationError):
            validator.validate(broken)


@pytest.mark.parametrize(
    "example", ["example-3.1-simple-text-article.json", "example-3.1-complex-text-article.json"]
)
def test_iptc_s_own_examples_pass(validator: Draft202012Validator, example: str) -> None:
    validator.validate(json.loads((SCHEMA_DIR / example).read_text(encoding="utf-8")))


def _prepare(data: bytes):
    return prepare_image(data, max_width=ninjs.PICTURE_MAX_WIDTH, quality=ninjs.PICTURE_QUALITY)


def test_stored_images_are_embedded_without_their_metadata(
    tmp_path: Path, validator: Draft202012Validator
) -> None:
    # A phone's photo, taken on its side (orientation 6: 1500 x 2500 stored, 2500 x 1500
    # seen), with a GPS position.
    exif = Image.Exif()
    exif[0x0112] = 6
    exif.get_ifd(0x8825).update({1: "N", 2: (13.0, 30.0, 0.0), 3: "E", 4: (2.0, 6.0, 0.0)})
    buffer = io.BytesIO()
    Image.new("RGB", (1500, 2500), (200, 30, 40)).save(buffer, "JPEG", exif=exif)
    (tmp_path / "cd").mkdir()
    (tmp_path / "cd" / "cd98765432.jpg").write_bytes(buffer.getvalue())

    def media_path(relative: str) -> Path:
        if ".." in relative:
            raise UnsafeMediaPath(relative)
        return tmp_path / relative

    picture_of = embedded_pictures(media_path, _prepare)
    picture = picture_of("cd/cd98765432.jpg")
    assert picture is not None
    data = base64.b64decode(picture.href.split(",", 1)[1])
    with Image.open(io.BytesIO(data)) as sent:
        assert not sent.getexif() and "exif" not in sent.info
        # Upright (the orientation applied to the pixels), then shrunk.
        assert sent.size == (ninjs.PICTURE_MAX_WIDTH, 1229)
    assert b"Exif" not in data
    assert (picture.content_type, picture.width, picture.height) == ("image/jpeg", 2048, 1229)
    assert picture.size == len(data)
    assert picture_of("ab/missing.png") is None
    assert picture_of("../../etc/passwd") is None
    (tmp_path / "cd" / "broken.jpg").write_bytes(b"\xff\xd8 not a photo")
    assert picture_of("cd/broken.jpg") is None

    text = ninjs_text(_full_article(), media_path, prepare=_prepare)
    assert text.endswith("\n") and "Sergueï" in text  # UTF-8, not \\u escapes
    item = json.loads(text)
    validator.validate(item)
    assert item["associations"][0]["renditions"][0]["width"] == 2048


def test_the_module_names_the_version_it_writes() -> None:
    assert ninjs.VERSION == "3.1"
    schema = json.loads((SCHEMA_DIR / "ninjs-schema_3.1.json").read_text(encoding="utf-8"))
    assert schema["$id"] == ninjs.SCHEMA_URI
