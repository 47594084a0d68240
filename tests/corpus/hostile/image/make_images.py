"""Writes the corpus's images (run from this folder; the files are committed).

Kept so that a case can be remade or added the same way; the test reads the files.
"""

from __future__ import annotations

import io
import struct
import zlib
from pathlib import Path

from PIL import Image

HERE = Path(__file__).parent


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def bomb_png(side: int) -> bytes:
    """A 1-bit PNG of ``side`` x ``side`` white pixels: tiny on disk, huge decoded."""
    row = b"\x00" + b"\x00" * ((side + 7) // 8)
    compressor = zlib.compressobj(9)
    data = b"".join(compressor.compress(row) for _ in range(side)) + compressor.flush()
    header = struct.pack(">IIBBBBB", side, side, 1, 0, 0, 0, 0)
    chunks = _chunk(b"IHDR", header) + _chunk(b"IDAT", data) + _chunk(b"IEND", b"")
    return b"\x89PNG\r\n\x1a\n" + chunks


def main() -> None:
    photo = Image.new("RGB", (64, 48), (200, 120, 40))
    buffer = io.BytesIO()
    photo.save(buffer, "JPEG", quality=90)
    jpeg = buffer.getvalue()
    (HERE / "ok.jpg").write_bytes(jpeg)
    (HERE / "truncated.jpg").write_bytes(jpeg[: len(jpeg) // 2])
    (HERE / "corrupt.jpg").write_bytes(jpeg[:200] + bytes(range(256)) * 4 + jpeg[1224:])
    (HERE / "empty.png").write_bytes(b"")
    (HERE / "bomb.png").write_bytes(bomb_png(20_000))
    png = io.BytesIO()
    photo.save(png, "PNG")
    (HERE / "png_named.jpg").write_bytes(png.getvalue())
    (HERE / "html_named.jpg").write_bytes(b"<html><script>alert(1)</script></html>")
    cmyk = io.BytesIO()
    Image.new("CMYK", (64, 48), (0, 80, 160, 20)).save(cmyk, "JPEG")
    (HERE / "cmyk.jpg").write_bytes(cmyk.getvalue())
    Image.new("I;16", (64, 48), 40_000).save(HERE / "sixteen_bit.png")
    frames = [Image.new("P", (32, 32), i * 40) for i in range(4)]
    frames[0].save(HERE / "animated.gif", save_all=True, append_images=frames[1:], duration=100)
    svg = b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)">'
    svg += b"<script>alert(2)</script></svg>"
    (HERE / "script.svg").write_bytes(svg)


if __name__ == "__main__":
    main()
