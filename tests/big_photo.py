"""A 12-megapixel phone photo, made with Pillow: what a reporter drops in as the header.

4000 x 3000 pixels of blotches, gradients and sensor-like grain, so that JPEG cannot
squeeze it to nothing (about 4.9 MB at quality 92, as a phone writes one), with the
EXIF a phone or a press camera writes: the maker and model, the body's serial number
and a GPS position. ``says_where`` lists what of that a file still carries.
"""

from __future__ import annotations

import functools
import io

from PIL import Image

WIDTH, HEIGHT = 4000, 3000
SERIAL = "SN-NIAMEY-4417-0923"
MAKER, MODEL = "Canon", "Canon EOS R6"
EXIF_IFD = 0x8769
GPS_IFD = 0x8825
BODY_SERIAL = 0xA431
LATITUDE = (13.0, 30.0, 45.5)
LONGITUDE = (2.0, 6.0, 30.0)


def _channel(blotches: float, angle: float) -> Image.Image:
    # Large soft blotches (the scene), a gradient (the light), finer texture, and grain
    # at full size (the sensor's noise: what makes a 12 MP file weigh megabytes).
    size = (WIDTH, HEIGHT)
    scene = Image.effect_noise((WIDTH // 16, HEIGHT // 16), blotches)
    scene = scene.resize(size, Image.Resampling.BICUBIC)
    light = Image.linear_gradient("L").rotate(angle).resize(size, Image.Resampling.BILINEAR)
    texture = Image.effect_noise((WIDTH // 4, HEIGHT // 4), 30)
    texture = texture.resize(size, Image.Resampling.BILINEAR)
    grain = Image.effect_noise(size, 40)
    mixed = Image.blend(Image.blend(scene, light, 0.5), texture, 0.3)
    return Image.blend(mixed, grain, 0.25)


@functools.cache
def twelve_megapixel_photo() -> bytes:
    """The photo's bytes (made once per process: about 2 s)."""
    image = Image.merge("RGB", [_channel(70, 0), _channel(60, 45), _channel(80, 120)])
    exif = Image.Exif()
    exif[0x010F] = MAKER
    exif[0x0110] = MODEL
    exif[EXIF_IFD] = {BODY_SERIAL: SERIAL}
    exif[GPS_IFD] = {1: "N", 2: LATITUDE, 3: "E", 4: LONGITUDE}
    out = io.BytesIO()
    image.save(out, "JPEG", quality=92, exif=exif)
    return out.getvalue()


def says_where(data: bytes) -> list[str]:
    """What of the camera's metadata ``data`` still carries (empty: nothing)."""
    image = Image.open(io.BytesIO(data))
    exif = image.getexif()
    found = []
    if exif.get_ifd(GPS_IFD):
        found.append("GPS position")
    if exif.get_ifd(EXIF_IFD).get(BODY_SERIAL) or SERIAL.encode() in data:
        found.append("camera serial number")
    if exif.get(0x010F) or MAKER.encode() in data:
        found.append("camera maker")
    if b"Exif\x00\x00" in data:
        found.append("an EXIF block")
    return found
