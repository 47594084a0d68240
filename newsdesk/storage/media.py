"""Images copied into the store: checked, named by their content, never moved.

An article points at ``media/<xx>/<sha256>.<ext>``: the same photo imported
twice is stored once, and renaming or deleting the original on the laptop
changes nothing for the article.
"""

from __future__ import annotations

import hashlib
import warnings
from pathlib import Path, PurePosixPath

from newsdesk.atomicfile import write_atomic
from newsdesk.core.errors import InvalidImage, UnsafeMediaPath

from .failures import store_failure

#: A phone photo is 3-12 MB; anything far beyond is a mistake or a scan.
MAX_IMAGE_BYTES = 40 * 1024 * 1024

#: What the site and the preview can show, with the extensions each may carry.
#: The first extension is the one used when the file's own does not fit.
FORMATS: dict[str, tuple[str, ...]] = {
    "JPEG": (".jpg", ".jpeg", ".jpe"),
    "PNG": (".png",),
    "GIF": (".gif",),
    "WEBP": (".webp",),
}


def _check_image(source: Path, size: int) -> str:
    """The Pillow format name of ``source``, or InvalidImage saying why not."""
    from PIL import Image, UnidentifiedImageError

    if size == 0:
        raise InvalidImage(f"{source.name}: empty file", "empty", name=source.name)
    if size > MAX_IMAGE_BYTES:
        megabytes, limit = round(size / 1024 / 1024), MAX_IMAGE_BYTES // 1024 // 1024
        raise InvalidImage(
            f"{source.name}: {megabytes} MB, more than {limit} MB",
            "too_big",
            name=source.name,
            size=megabytes,
            limit=limit,
        )
    try:
        with warnings.catch_warnings():
            # Pillow only warns on a huge pixel count; a decompression bomb
            # must be refused, not decoded.
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(source) as image:
                kind = image.format or ""
                image.verify()
            if kind not in FORMATS:
                raise InvalidImage(
                    f"{source.name}: {kind or 'unknown'} images are not supported",
                    "unsupported",
                    name=source.name,
                    kind=kind or "?",
                )
            # verify() checks structure, not data: decoding (at 1/8 scale for
            # JPEG, which is cheap) catches a photo cut short by a bad copy.
            with Image.open(source) as image:
                if kind == "JPEG":
                    image.draft("RGB", (max(1, image.width // 8), max(1, image.height // 8)))
                image.load()
    except InvalidImage:
        raise
    except UnidentifiedImageError as error:
        raise InvalidImage(
            f"{source.name}: not an image", "not_an_image", name=source.name
        ) from error
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
        raise InvalidImage(
            f"{source.name}: too many pixels", "too_many_pixels", name=source.name
        ) from error
    except (OSError, SyntaxError, ValueError) as error:
        # Pillow reports damaged data as OSError/SyntaxError ("broken PNG file").
        raise InvalidImage(
            f"{source.name}: damaged image ({error})", "damaged", name=source.name
        ) from error
    return kind


def import_image(media_root: Path, source: Path) -> str:
    """Copy a checked image into ``media_root``; return its path relative to it."""
    try:
        size = source.stat().st_size
    except FileNotFoundError as error:
        raise InvalidImage(f"{source}: no such file") from error
    except OSError as error:
        raise InvalidImage(f"{source}: {error.strerror or error}") from error
    if not source.is_file():
        raise InvalidImage(f"{source}: not a file")
    kind = _check_image(source, size)
    try:
        data = source.read_bytes()
    except OSError as error:
        raise InvalidImage(f"{source}: {error.strerror or error}") from error
    digest = hashlib.sha256(data).hexdigest()
    suffix = source.suffix.lower()
    if suffix not in FORMATS[kind]:
        suffix = FORMATS[kind][0]  # a PNG called photo.jpg is stored as .png
    relative = PurePosixPath(digest[:2]) / f"{digest}{suffix}"
    target = media_root / relative
    if target.is_file() and target.stat().st_size == len(data):
        return str(relative)
    try:
        write_atomic(target, data)
    except OSError as error:
        # The photo is fine; the store's disk is not (full, read-only...).
        raise store_failure(target, error) from error
    return str(relative)


def media_path(media_root: Path, relative: str) -> Path:
    """The absolute path of a stored image; refuses anything outside ``media_root``."""
    if not relative or "\x00" in relative:
        raise UnsafeMediaPath(relative)
    candidate = PurePosixPath(relative.replace("\\", "/"))
    if candidate.is_absolute() or ".." in candidate.parts or ":" in relative:
        raise UnsafeMediaPath(relative)
    root = media_root.resolve()
    resolved = (root / candidate).resolve()
    # Also catches a symbolic link inside the media folder pointing out of it.
    if not resolved.is_relative_to(root) or resolved == root:
        raise UnsafeMediaPath(relative)
    return resolved
