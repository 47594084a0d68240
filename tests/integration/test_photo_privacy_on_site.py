"""A photo's metadata never leaves the laptop: what the real site stores and serves, in
every size WordPress made of it, and the photos of the HTML and ninjs exports carry no
GPS position, no camera serial number, no XMP packet and no IPTC block.

The photos are built here with everything a phone or a press camera writes: EXIF with a
GPS IFD, ``BodySerialNumber`` and ``LensSerialNumber``, an XMP packet naming the
position, and an IPTC block (Photoshop APP13) naming the photographer and the city. The
test first checks that the files it uploads really carry all of it.
"""

from __future__ import annotations

import base64
import io
import re
import struct
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from PIL import Image, IptcImagePlugin

from newsdesk import services
from newsdesk.paths import Paths
from newsdesk.storage.store import Store
from newsdesk.sync import outbox
from tests.integration.publish_helpers import Desk, admin_get, make_desk, posts_with_marker
from tests.wordpress.harness import WordPress

pytestmark = pytest.mark.wordpress

SERIAL = "SN-NIAMEY-4417-0923"
LENS_SERIAL = "LENS-0065-2219"
CITY = "Tillabéri-quartier-secret"
XMP_MARK = b"http://ns.adobe.com/xap/1.0/"
GPS_IFD = 0x8825
EXIF_IFD = 0x8769
BODY_SERIAL = 0xA431
LENS_SERIAL_TAG = 0xA435


def _iptc_segment(byline: str, city: str) -> bytes:
    """An APP13 segment: Photoshop 3.0 resource 0x0404 holding IPTC 2:80 and 2:90.
    (Pillow reads IPTC but does not write it: the bytes are laid out by hand.)"""
    records = b""
    for dataset, value in ((80, byline), (90, city)):
        data = value.encode("utf-8")
        records += b"\x1c\x02" + bytes([dataset]) + struct.pack(">H", len(data)) + data
    if len(records) % 2:
        records += b"\x00"
    resource = b"8BIM" + struct.pack(">H", 0x0404) + b"\x00\x00"
    resource += struct.pack(">I", len(records)) + records
    payload = b"Photoshop 3.0\x00" + resource
    return b"\xff\xed" + struct.pack(">H", len(payload) + 2) + payload


def phone_photo(width: int, height: int, colour: tuple[int, int, int]) -> bytes:
    image = Image.new("RGB", (width, height), colour)
    for x in range(0, width, 40):  # some detail, so the encoder has something to keep
        image.paste((255 - colour[0], colour[1], 255 - colour[2]), (x, 0, x + 10, height))
    exif = Image.Exif()
    exif[0x010F] = "Canon"
    exif[0x0110] = "Canon EOS R6"
    exif[EXIF_IFD] = {BODY_SERIAL: SERIAL, LENS_SERIAL_TAG: LENS_SERIAL}
    exif[GPS_IFD] = {
        1: "N",
        2: (13.0, 30.0, 45.5),
        3: "E",
        4: (2.0, 6.0, 30.0),
    }
    xmp = (
        b'<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?>'
        b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF '
        b'xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
        b'<rdf:Description xmlns:exif="http://ns.adobe.com/exif/1.0/" '
        b'exif:GPSLatitude="13,30.758N" exif:GPSLongitude="2,6.5E" '
        b'exif:BodySerialNumber="' + SERIAL.encode() + b'"/>'
        b'</rdf:RDF></x:xmpmeta><?xpacket end="w"?>'
    )
    out = io.BytesIO()
    image.save(out, "JPEG", quality=90, exif=exif, xmp=xmp)
    data = out.getvalue()
    # The IPTC block right after the SOI marker, where cameras and Photoshop put it.
    return data[:2] + _iptc_segment("Moussa Photographe", CITY) + data[2:]


def assert_says_everything(data: bytes) -> None:
    """The test's own photos: the metadata is really there to be stripped."""
    image = Image.open(io.BytesIO(data))
    exif = image.getexif()
    assert exif.get_ifd(GPS_IFD)[1] == "N"
    assert exif.get_ifd(EXIF_IFD)[BODY_SERIAL] == SERIAL
    assert XMP_MARK in data and "xmp" in image.info
    iptc = IptcImagePlugin.getiptcinfo(image)
    assert iptc is not None and CITY.encode() in iptc[(2, 90)]


def assert_says_nothing(data: bytes, where: str) -> None:
    image = Image.open(io.BytesIO(data))
    image.load()
    exif = image.getexif()
    assert not exif.get_ifd(GPS_IFD), where
    assert not exif.get_ifd(EXIF_IFD), where
    assert BODY_SERIAL not in exif and 0x010F not in exif and 0x0110 not in exif, where
    assert "xmp" not in image.info and "exif" not in image.info, where
    assert "photoshop" not in image.info, where
    assert IptcImagePlugin.getiptcinfo(image) is None, where
    # And in the bytes themselves, whatever segment might hide them.
    for secret in (SERIAL.encode(), LENS_SERIAL.encode(), CITY.encode(), b"Canon"):
        assert secret not in data, (where, secret)
    for marker in (XMP_MARK, b"Photoshop 3.0", b"8BIM", b"Exif\x00\x00"):
        assert marker not in data, (where, marker)


ARTICLE = """---
title: "Niamey : la crue du fleuve vue du pont Kennedy"
standfirst: "Le fleuve Niger a atteint sa cote d’alerte, a constaté notre reporter."
category: Société
byline: Aïcha Moussa
language: fr
status: ready
featured_image:
  path: une.jpg
  caption: Le pont Kennedy au matin
  credit: Moussa Photographe
  alt: Le fleuve Niger en crue sous le pont Kennedy, à Niamey
---

Le fleuve a encore monté de vingt centimètres dans la nuit, selon les riverains.

![Des riverains sur la berge du fleuve](berge.jpg)

Les autorités appellent les habitants des quartiers bas à la prudence.
"""


@pytest.fixture
def desk(wp: WordPress, paths: Paths) -> Iterator[Desk]:
    store = Store.open(paths)
    try:
        yield make_desk(wp, store)
    finally:
        store.close()


@pytest.fixture
def article_file(tmp_path: Path) -> Path:
    folder = tmp_path / "reportage"
    folder.mkdir()
    for name, size, colour in (
        ("une.jpg", (1800, 1200), (30, 90, 160)),
        ("berge.jpg", (1200, 900), (140, 110, 60)),
    ):
        data = phone_photo(*size, colour)
        assert_says_everything(data)
        (folder / name).write_bytes(data)
    path = folder / "article.md"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


def _stored_files(media: dict[str, Any]) -> dict[str, str]:
    """Every file WordPress keeps of one upload: the original and each size it made."""
    urls = {"source_url": media["source_url"]}
    for size, details in media.get("media_details", {}).get("sizes", {}).items():
        urls[size] = details["source_url"]
    return urls


def test_the_site_stores_and_serves_no_position_no_serial_no_xmp(
    desk: Desk, article_file: Path
) -> None:
    article = services.import_file(desk.store, article_file)
    outbox.queue_publish(desk.store, article.id, "actu")
    [result] = desk.drain().results
    assert result.state == "done", result
    [(post_id, _status)] = posts_with_marker(desk.wp, article.id)
    post = admin_get(desk.wp, f"/wp/v2/posts/{post_id}")
    assert post["featured_media"]

    media = admin_get(desk.wp, "/wp/v2/media", per_page=100)
    assert len(media) == 2  # the featured photo and the inline one
    assert post["featured_media"] in {m["id"] for m in media}
    content = post["content"]["raw"]
    inline = [m for m in media if m["id"] != post["featured_media"]]
    assert inline[0]["source_url"] in content  # the inline photo is the uploaded one

    checked = 0
    for item in media:
        files = _stored_files(item)
        assert len(files) > 1, item["media_details"]  # WordPress made its sizes too
        for size, url in files.items():
            response = httpx.get(url, timeout=30)
            assert response.status_code == 200, url
            assert_says_nothing(response.content, f"{item['id']} {size}")
            checked += 1
        # And the file as it lies on the site's disk, under wp-content/uploads.
        stored = desk.wp.uploads_dir / item["media_details"]["file"]
        assert_says_nothing(stored.read_bytes(), str(stored))
    assert checked >= 4


DATA_URL = re.compile(r"data:(image/(?:jpeg|png));base64,([A-Za-z0-9+/=]+)")


def _embedded_photos(text: str) -> list[bytes]:
    return [base64.b64decode(m.group(2)) for m in DATA_URL.finditer(text)]


def test_the_html_and_ninjs_exports_photos_say_nothing(
    desk: Desk, article_file: Path, tmp_path: Path
) -> None:
    article = services.import_file(desk.store, article_file)
    page = services.export_html(desk.store, article, tmp_path / "page.html")
    photos = _embedded_photos(page.read_text(encoding="utf-8"))
    assert len(photos) >= 2
    for number, data in enumerate(photos):
        assert_says_nothing(data, f"html photo {number}")

    photos = _embedded_photos(services.export_ninjs_text(desk.store, article))
    assert len(photos) >= 2
    for number, data in enumerate(photos):
        assert_says_nothing(data, f"ninjs photo {number}")
