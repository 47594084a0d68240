"""The image pipeline: nothing but the pixels, right way up, small enough."""

from __future__ import annotations

import io

import pytest
from PIL import Image, ImageCms, ImageDraw, ImageFilter

from newsdesk.core.errors import InvalidImage
from newsdesk.publishing.media import MAX_PIXELS, prepare_image

RED, BLUE = (220, 20, 20), (20, 20, 220)
XMP = (
    b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
    b'<rdf:Description xmlns:photoshop="http://ns.adobe.com/photoshop/1.0/"'
    b' photoshop:City="Tillaberi"/>'
    b"</rdf:RDF></x:xmpmeta>"
)
LEAKS = (
    b"Exif",
    b"GPS",
    b"xmp",
    b"XMP",
    b"adobe",
    b"Tillaberi",
    b"Samsung",
    b"Photoshop",
    b"ICC_PROFILE",
)


def photo(width: int = 1600, height: int = 1200, mode: str = "RGB") -> Image.Image:
    """A picture with a red block at its top-left corner and a blue one at its bottom-left,
    so the way up can be checked after rotations."""
    image = Image.new(mode, (width, height), (230, 230, 230) if mode == "RGB" else None)
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, width // 4, height // 4), fill=RED)
    draw.rectangle((0, height - height // 4, width // 4, height), fill=BLUE)
    return image


def phone_jpeg(image: Image.Image, orientation: int = 6) -> bytes:
    """What a reporter's phone writes: orientation, GPS position, maker, XMP, a comment,
    an sRGB profile."""
    exif = Image.Exif()
    exif[0x0112] = orientation
    exif[0x010F] = "Samsung"
    exif[0x0110] = "Galaxy A14"
    gps = exif.get_ifd(0x8825)
    gps.update({1: "N", 2: (13.0, 30.0, 15.0), 3: "E", 4: (2.0, 6.0, 30.0)})
    out = io.BytesIO()
    icc = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    image.save(out, "JPEG", quality=95, exif=exif, xmp=XMP, comment=b"Tillaberi", icc_profile=icc)
    return out.getvalue()


def test_the_source_file_really_carries_what_must_go() -> None:
    data = phone_jpeg(photo())
    with Image.open(io.BytesIO(data)) as source:
        assert source.getexif().get_ifd(0x8825)[1] == "N"
        assert "xmp" in source.info and "icc_profile" in source.info
    assert b"Exif" in data and b"Tillaberi" in data


def test_gps_exif_xmp_comment_and_profile_are_gone() -> None:
    prepared = prepare_image(phone_jpeg(photo()))
    assert prepared.mime == "image/jpeg"
    with Image.open(io.BytesIO(prepared.data)) as out:
        assert dict(out.getexif()) == {}
        assert not {
            "exif",
            "xmp",
            "XML:com.adobe.xmp",
            "comment",
            "icc_profile",
            "photoshop",
        } & set(out.info)
        assert out.info.get("progressive") == 1
    for leak in LEAKS:
        assert leak not in prepared.data, leak
    # Only the markers a bare JPEG needs: no APPn segment at all but the JFIF header.
    assert (
        b"\xff\xe1" not in prepared.data
        and b"\xff\xe2" not in prepared.data
        and b"\xff\xfe" not in prepared.data
    )


def test_orientation_6_comes_out_right_way_up() -> None:
    # Stored landscape 1600x1200 with orientation 6: the phone was held upright, the
    # picture is 1200 wide and 1600 high, and what was stored top-left is now top-right.
    prepared = prepare_image(phone_jpeg(photo()), max_width=600)
    with Image.open(io.BytesIO(prepared.data)) as out:
        assert out.size == (prepared.width, prepared.height) == (600, 800)
        rgb = out.convert("RGB")
        top_right, top_left = rgb.getpixel((590, 10)), rgb.getpixel((10, 10))
        bottom_right = rgb.getpixel((590, 790))
    assert (
        _close(top_right, RED) and _close(top_left, BLUE) and _close(bottom_right, (230, 230, 230))
    )


@pytest.mark.parametrize("orientation", [1, 3, 8])
def test_other_orientations(orientation: int) -> None:
    prepared = prepare_image(phone_jpeg(photo(800, 600), orientation))
    with Image.open(io.BytesIO(prepared.data)) as out:
        rgb = out.convert("RGB")
        w, h = out.size
        corners = {
            1: ((10, 10), RED),  # as stored
            3: ((w - 10, h - 10), RED),  # upside down
            8: ((10, h - 10), RED),  # turned left: top-left goes bottom-left
        }
        where, colour = corners[orientation]
        assert _close(rgb.getpixel(where), colour)
        assert (w, h) == ((800, 600) if orientation in (1, 3) else (600, 800))


def test_resized_down_never_up() -> None:
    big = prepare_image(phone_jpeg(photo(4000, 3000), orientation=1))
    assert (big.width, big.height) == (1350, 1012)
    small = prepare_image(phone_jpeg(photo(640, 480), orientation=1))
    assert (small.width, small.height) == (640, 480)


def test_a_big_photo_gets_much_smaller() -> None:
    noisy = (
        Image.effect_noise((4000, 3000), 60).filter(ImageFilter.GaussianBlur(1.5)).convert("RGB")
    )
    source = phone_jpeg(noisy, orientation=1)
    prepared = prepare_image(source)
    assert len(prepared.data) < len(source) / 5


def test_same_bytes_in_same_bytes_out() -> None:
    # The hash names the media on the site: a re-publish must find the same one.
    data = phone_jpeg(photo())
    assert prepare_image(data).sha256 == prepare_image(data).sha256


def test_png_with_real_transparency_stays_png_without_its_text_chunks() -> None:
    from PIL import PngImagePlugin

    image = photo(500, 400, mode="RGBA")
    info = PngImagePlugin.PngInfo()
    info.add_text("Comment", "GPS Tillaberi")
    info.add_itxt("XML:com.adobe.xmp", XMP.decode())
    out = io.BytesIO()
    image.save(out, "PNG", pnginfo=info)
    prepared = prepare_image(out.getvalue())
    assert prepared.mime == "image/png" and prepared.extension == "png"
    with Image.open(io.BytesIO(prepared.data)) as result:
        assert result.mode == "RGBA"
        assert _pixel(result, 490, 200)[3] == 0  # still transparent where it was
        assert result.getpixel((10, 10)) == (*RED, 255)
        assert not set(result.info) - {"dpi"}
    for leak in LEAKS:
        assert leak not in prepared.data


def test_an_alpha_channel_that_hides_nothing_becomes_jpeg() -> None:
    out = io.BytesIO()
    photo(300, 200).convert("RGBA").save(out, "PNG")
    assert prepare_image(out.getvalue()).mime == "image/jpeg"


def test_palette_gif_with_transparency() -> None:
    image = Image.new("P", (120, 80), 0)
    image.putpalette([255, 255, 255, 200, 0, 0] + [0] * 762)
    ImageDraw.Draw(image).rectangle((0, 0, 59, 79), fill=1)
    out = io.BytesIO()
    image.save(out, "GIF", transparency=0)
    prepared = prepare_image(out.getvalue())
    assert prepared.mime == "image/png"
    with Image.open(io.BytesIO(prepared.data)) as result:
        assert _pixel(result, 100, 40)[3] == 0 and result.getpixel((10, 40)) == (200, 0, 0, 255)


def test_cmyk_becomes_rgb() -> None:
    out = io.BytesIO()
    Image.new("CMYK", (200, 100), (0, 255, 255, 0)).save(out, "JPEG")
    prepared = prepare_image(out.getvalue())
    with Image.open(io.BytesIO(prepared.data)) as result:
        assert result.mode == "RGB"
        r, g, b = _pixel(result, 100, 50)
        assert r > 200 and g < 60 and b < 60


def test_a_decompression_bomb_is_refused() -> None:
    # 40 megapixels of nothing: a few kilobytes on disk, 120 MB once decoded.
    out = io.BytesIO()
    Image.new("1", (8000, 5000)).save(out, "PNG")
    assert len(out.getvalue()) < 100_000 and MAX_PIXELS < 8000 * 5000
    with pytest.raises(InvalidImage, match="8000x5000"):
        prepare_image(out.getvalue())


def test_a_truncated_file_is_refused() -> None:
    data = phone_jpeg(photo(), orientation=1)
    with pytest.raises(InvalidImage):
        prepare_image(data[: len(data) // 2])


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj",
        b'<svg xmlns="http://www.w3.org/2000/svg"/>',
        b"\xff\xd8\xff\xe0 not really",
    ],
    ids=["empty", "pdf", "svg", "jpeg-magic-only"],
)
def test_what_is_not_an_image_is_refused(data: bytes) -> None:
    with pytest.raises(InvalidImage):
        prepare_image(data)


def test_nonsense_settings_are_a_programming_error() -> None:
    with pytest.raises(ValueError):
        prepare_image(b"x", quality=0)


def _close(pixel: object, colour: tuple[int, int, int], tolerance: int = 40) -> bool:
    assert isinstance(pixel, tuple)
    return all(abs(a - b) <= tolerance for a, b in zip(pixel[:3], colour, strict=True))


def _pixel(image: Image.Image, x: int, y: int) -> tuple[int, ...]:
    value = image.getpixel((x, y))
    assert isinstance(value, tuple)
    return value
