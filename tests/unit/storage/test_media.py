"""Images copied into the store: real PNG/JPEG files, fakes refused, paths contained."""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest
from PIL import Image

from newsdesk import atomicfile
from newsdesk.core.errors import InvalidImage, StoreError, UnsafeMediaPath
from newsdesk.storage import media
from newsdesk.storage.store import Store


def _image(path: Path, fmt: str, size: tuple[int, int] = (675, 240), colour: str = "teal") -> Path:
    Image.new("RGB", size, colour).save(path, fmt)
    return path


def test_a_jpeg_is_copied_under_its_content_hash(store: Store, tmp_path: Path) -> None:
    source = _image(tmp_path / "Photo Lavrov.JPG", "JPEG")
    relative = store.import_image(source)
    assert relative.endswith(".jpg") and "/" in relative
    stored = store.media_path(relative)
    assert stored.read_bytes() == source.read_bytes()
    assert stored.is_relative_to(store.paths.media.resolve())
    source.unlink()
    assert stored.is_file(), "the article no longer depends on the original file"


def test_same_bytes_twice_give_the_same_path(store: Store, tmp_path: Path) -> None:
    first = _image(tmp_path / "a.png", "PNG")
    second = tmp_path / "copie.png"
    second.write_bytes(first.read_bytes())
    assert store.import_image(first) == store.import_image(second)
    other = _image(tmp_path / "b.png", "PNG", colour="orange")
    assert store.import_image(other) != store.import_image(first)
    stored = [p for p in store.paths.media.rglob("*") if p.is_file()]
    assert len(stored) == 2


def test_the_extension_follows_the_real_format(store: Store, tmp_path: Path) -> None:
    png_named_jpg = _image(tmp_path / "photo.jpg", "PNG")
    assert store.import_image(png_named_jpg).endswith(".png")
    jpeg = _image(tmp_path / "photo.jpeg", "JPEG")
    assert store.import_image(jpeg).endswith(".jpeg")


def test_a_text_file_named_jpg_is_refused(store: Store, tmp_path: Path) -> None:
    fake = tmp_path / "photo.jpg"
    fake.write_text("Ceci n’est pas une photo.", encoding="utf-8")
    with pytest.raises(InvalidImage) as caught:
        store.import_image(fake)
    assert "photo.jpg" in str(caught.value) and "not an image" in str(caught.value)
    assert not any(p.is_file() for p in store.paths.media.rglob("*"))


def test_a_truncated_jpeg_is_refused(store: Store, tmp_path: Path) -> None:
    data = io.BytesIO()
    Image.effect_noise((800, 600), 80).convert("RGB").save(data, "JPEG", quality=90)
    cut = tmp_path / "coupée.jpg"
    cut.write_bytes(data.getvalue()[: len(data.getvalue()) // 2])
    with pytest.raises(InvalidImage, match="damaged"):
        store.import_image(cut)


@pytest.mark.parametrize("name", ["absente.jpg", ""])
def test_missing_or_not_a_file(store: Store, tmp_path: Path, name: str) -> None:
    with pytest.raises(InvalidImage):
        store.import_image(tmp_path / name)


def test_empty_unsupported_and_oversized_files(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    empty = tmp_path / "vide.png"
    empty.write_bytes(b"")
    with pytest.raises(InvalidImage, match="empty"):
        store.import_image(empty)
    bmp = _image(tmp_path / "scan.bmp", "BMP")
    with pytest.raises(InvalidImage, match="BMP"):
        store.import_image(bmp)
    big = _image(tmp_path / "grande.png", "PNG")
    monkeypatch.setattr(media, "MAX_IMAGE_BYTES", big.stat().st_size - 1)
    with pytest.raises(InvalidImage, match="MB"):
        store.import_image(big)


def test_a_decompression_bomb_is_refused(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = _image(tmp_path / "bombe.png", "PNG", size=(4000, 4000))
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 1000)
    with pytest.raises(InvalidImage, match="pixels"):
        store.import_image(source)


@pytest.mark.parametrize(
    "relative",
    [
        "../newsdesk.sqlite3", "ab/../../newsdesk.sqlite3", "/etc/passwd", "..",
        "ab/..\\..\\secret", "C:/Windows/win.ini", "", ".", "a\x00b",
    ],
)  # fmt: skip
def test_media_paths_cannot_leave_the_media_folder(store: Store, relative: str) -> None:
    with pytest.raises(UnsafeMediaPath):
        store.media_path(relative)


def test_a_symlink_out_of_the_media_folder_is_refused(store: Store, tmp_path: Path) -> None:
    outside = tmp_path / "ailleurs.jpg"
    _image(outside, "JPEG")
    os.symlink(outside, store.paths.media / "lien.jpg")
    with pytest.raises(UnsafeMediaPath):
        store.media_path("lien.jpg")


def test_a_media_folder_that_cannot_be_written(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = _image(tmp_path / "photo.jpg", "JPEG")

    def disk_full(*_args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(atomicfile.os, "replace", disk_full)
    with pytest.raises(StoreError) as caught:
        store.import_image(source)
    assert "No space left" in caught.value.detail
    assert not any(p.is_file() for p in store.paths.media.rglob("*")), "no temporary left"
