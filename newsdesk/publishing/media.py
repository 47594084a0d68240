"""Images made ready for the site: right way up, small enough, and saying nothing.

A phone photo carries its GPS position, the phone's serial number, the time it was
taken, sometimes a thumbnail of the uncropped picture. On a news site that can reveal
where a source lives. So nothing of the original file goes up but its pixels: the image
is decoded, turned the right way up (the EXIF orientation is applied to the pixels, since
the tag itself goes), brought to sRGB, resized and encoded into a new file without any
metadata block (no EXIF, XMP, IPTC, ICC profile or comment).

Colour: a photo with an ICC profile other than sRGB (Display P3 on recent phones, Adobe
RGB, CMYK from a print layout) is converted to sRGB, then the profile is dropped; browsers
show untagged images as sRGB, so colours stay right and the profile (which can name the
device) goes too.
"""

from __future__ import annotations

import hashlib
import io
import os
import warnings
from dataclasses import dataclass
from typing import Any

from PIL import Image, ImageCms, ImageOps, UnidentifiedImageError

from newsdesk.core.errors import InvalidImage

#: Wider than any useful display of the site's article column (675 px at 2x).
DEFAULT_MAX_WIDTH = 1350
DEFAULT_QUALITY = 82
#: More than any camera a reporter carries makes in its default mode (12-33 MP); a
#: decompression bomb is a small file that claims a huge canvas, refused before decoding.
MAX_PIXELS = 36_000_000
#: The formats a reporter's photos come in. Anything else (PDF, SVG, EPS...) is refused.
ACCEPTED_FORMATS = ("JPEG", "PNG", "WEBP", "GIF", "TIFF", "BMP")


@dataclass(frozen=True, slots=True)
class PreparedImage:
    data: bytes
    mime: str
    width: int
    height: int
    #: Of ``data``: the identity of the image on the site (see ``find_media_by_hash``).
    sha256: str

    @property
    def extension(self) -> str:
        return "png" if self.mime == "image/png" else "jpg"

    def __repr__(self) -> str:
        return f"PreparedImage({self.mime}, {self.width}x{self.height}, {len(self.data)} bytes)"


def prepare_image(
    data: bytes, *, max_width: int = DEFAULT_MAX_WIDTH, quality: int = DEFAULT_QUALITY
) -> PreparedImage:
    """Decode ``data``, strip it of all metadata and re-encode it for the site.

    JPEG (progressive, optimized) unless the image really uses transparency, then PNG.
    Never enlarges. Raises ``InvalidImage`` for anything that is not a whole image
    newsdesk can read, or that is too large to decode safely.
    """
    if max_width < 1 or not 1 <= quality <= 95:
        raise ValueError("max_width must be positive and quality within 1..95")
    if not data:
        raise InvalidImage("the file is empty")
    with warnings.catch_warnings():
        # Pillow only warns between its own limit and twice it: every bomb is an error.
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            image = Image.open(io.BytesIO(data), formats=ACCEPTED_FORMATS)
            width, height = image.size
            if width * height > MAX_PIXELS:
                raise InvalidImage(
                    f"{width}x{height} pixels is more than newsdesk decodes "
                    f"({MAX_PIXELS // 1_000_000} megapixels)"
                )
            _draft(image, max_width)
            image.load()
            upright = ImageOps.exif_transpose(image)
        except InvalidImage:
            raise
        except (UnidentifiedImageError, Image.DecompressionBombError) as exc:
            raise InvalidImage(f"not an image newsdesk can read: {exc}") from exc
        except (OSError, SyntaxError, ValueError, EOFError) as exc:
            # Truncated downloads ("image file is truncated"), corrupt data.
            raise InvalidImage(f"the image is damaged or incomplete: {exc}") from exc
    icc = image.info.get("icc_profile")
    pixels = _to_srgb(upright, icc)
    if pixels.width > max_width:
        new_height = max(1, round(pixels.height * max_width / pixels.width))
        pixels = pixels.resize((max_width, new_height), Image.Resampling.LANCZOS)
    # A fresh image holds the pixels and nothing else: no info dict, no EXIF, no XMP.
    clean = Image.new(pixels.mode, pixels.size)
    clean.paste(pixels)
    if clean.mode == "RGBA":
        encoded = _encode(clean, format="PNG", optimize=True)
        mime = "image/png"
    else:
        encoded = _encode(clean, format="JPEG", quality=quality, optimize=True, progressive=True)
        mime = "image/jpeg"
    return PreparedImage(
        data=encoded,
        mime=mime,
        width=clean.width,
        height=clean.height,
        sha256=hashlib.sha256(encoded).hexdigest(),
    )


def _encode(image: Image.Image, **options: Any) -> bytes:
    """``image`` encoded with ``options``, without holding Python's lock meanwhile.

    Pillow encodes into a file object in one call that keeps the interpreter's lock (a
    1350-pixel JPEG, optimized and progressive: 40 ms here, over 100 ms on a loaded
    machine, the window's thread frozen while the outbox prepares a photo), but
    releases it when the file has a descriptor. So on
    Linux the bytes go through an anonymous file in memory (``memfd_create``: nothing
    on disk, gone when closed); elsewhere through ``BytesIO``. The bytes are the same.
    """
    if not hasattr(os, "memfd_create"):
        out = io.BytesIO()
        image.save(out, **options)
        return out.getvalue()
    with open(os.memfd_create("newsdesk-image", os.MFD_CLOEXEC), "w+b") as anonymous:
        image.save(anonymous, **options)
        anonymous.seek(0)
        return anonymous.read()


def _draft(image: Image.Image, max_width: int) -> None:
    """Let the JPEG decoder scale down by 2, 4 or 8 while decoding: a 12 MP photo on an
    old laptop decodes in a fraction of the time and memory. Never below what we need."""
    if image.format not in ("JPEG", "MPO"):
        return
    orientation = image.getexif().get(0x0112, 1)
    sideways = orientation in (5, 6, 7, 8)
    width, height = image.size
    need_w = max_width if not sideways else round(max_width * width / height)
    # draft() keeps the decoded size at least the requested one in both dimensions.
    scale = min(1.0, need_w / width)
    image.draft(image.mode, (max(1, round(width * scale)), max(1, round(height * scale))))


def _to_srgb(image: Image.Image, icc: bytes | None) -> Image.Image:
    """RGB or RGBA pixels in sRGB, whatever mode and colour space came in."""
    if image.mode == "P":
        image = image.convert("RGBA" if "transparency" in image.info else "RGB")
    elif image.mode in ("1", "L", "I", "I;16", "F"):
        image = image.convert("RGB")
    elif image.mode in ("LA", "PA"):
        image = image.convert("RGBA")
    if icc:
        image = _apply_profile(image, icc)
    if image.mode == "CMYK":
        image = image.convert("RGB")
    elif image.mode not in ("RGB", "RGBA"):
        image = image.convert("RGBA" if "A" in image.getbands() else "RGB")
    if image.mode == "RGBA":
        alpha_min, _alpha_max = image.getchannel("A").getextrema()
        if alpha_min == 255:  # an alpha channel that hides nothing: a photo, so JPEG
            image = image.convert("RGB")
    return image


def _apply_profile(image: Image.Image, icc: bytes) -> Image.Image:
    try:
        source = ImageCms.ImageCmsProfile(io.BytesIO(icc))
        description = ImageCms.getProfileDescription(source).lower()
    except (OSError, ImageCms.PyCMSError):
        return image  # a broken profile: the pixels are all we can trust
    if "srgb" in description and image.mode in ("RGB", "RGBA"):
        return image
    target_mode = "RGBA" if image.mode == "RGBA" else "RGB"
    try:
        converted = ImageCms.profileToProfile(
            image, source, ImageCms.createProfile("sRGB"), outputMode=target_mode
        )
    except (OSError, ValueError, ImageCms.PyCMSError):
        return image
    return converted if converted is not None else image
