"""Preparing a photo leaves Python's lock to the other threads (the window's, above all):
the outbox prepares the header photo on a thread of its own, and Pillow's encoder into a
``BytesIO`` held the lock for the whole encode (40 ms for the site's 1350-pixel JPEG
here, over 100 ms on a loaded machine: the window frozen as long)."""

from __future__ import annotations

import io
import itertools
import threading
import time

import pytest
from PIL import Image

from newsdesk.publishing import media


def _picture(width: int, height: int, mode: str = "RGB") -> Image.Image:
    # Grain, so that the encoder has work to do (a flat image encodes in no time).
    grain = Image.effect_noise((width, height), 60)
    return Image.merge(mode, [grain] * len(mode))


@pytest.mark.parametrize(
    ("mode", "options"),
    [
        ("RGB", {"format": "JPEG", "quality": 82, "optimize": True, "progressive": True}),
        ("RGBA", {"format": "PNG", "optimize": True}),
    ],
)
def test_the_bytes_are_those_pillow_writes_into_memory(
    mode: str, options: dict[str, object]
) -> None:
    """The same bytes as before: a photo's identity on the site is the SHA-256 of them,
    and a photo uploaded by an older newsdesk must be found, not sent again."""
    picture = _picture(300, 200, mode)
    out = io.BytesIO()
    picture.save(out, **options)  # type: ignore[arg-type]
    assert media._encode(picture, **options) == out.getvalue()


def test_other_threads_run_while_a_photo_is_encoded() -> None:
    picture = _picture(4000, 3000)
    done = threading.Event()

    def encode() -> None:
        media._encode(picture, format="JPEG", quality=82, optimize=True, progressive=True)
        done.set()

    ticks = [time.perf_counter()]
    worker = threading.Thread(target=encode)
    started = time.perf_counter()
    worker.start()
    while not done.is_set():
        time.sleep(0.001)
        ticks.append(time.perf_counter())
    worker.join()
    took = (time.perf_counter() - started) * 1000
    longest = max((b - a) * 1000 for a, b in itertools.pairwise(ticks))
    # Held, the lock made this thread wait the whole encode (about 200 ms for 12 MP
    # here); released, only the scheduler's noise is left.
    assert longest < max(50.0, took / 3), (longest, took)
