"""Ghost's ids (24 hex digits, a MongoDB-style ObjectId) as the integers newsdesk keeps.

newsdesk's store and outbox hold a site's ids as integers (WordPress's kind). A Ghost id
is 96 bits: its first 4 bytes are the second it was made, its last 3 a counter that
the server increments for each id (the 5 bytes between are the same for every id one
Ghost process makes). Those 7 bytes, 56 bits, tell apart every id a Ghost makes, and
Ghost's filter language finds the post back from them: starts with the 8 hex digits of
the second, ends with the 6 of the counter (``id:~^'…'+id:~$'…'``).
"""

from __future__ import annotations

import hashlib
import re

_OBJECT_ID = re.compile(r"[0-9a-f]{24}")


def object_int(object_id: str) -> int:
    """The integer newsdesk keeps for the Ghost id ``object_id``."""
    if not _OBJECT_ID.fullmatch(object_id):
        raise ValueError(f"not a Ghost id: {object_id!r}")
    return int(object_id[:8] + object_id[-6:], 16)


def id_filter(number: int) -> str:
    """Ghost's filter for the post (or tag) whose id gave ``number``."""
    if not 0 < number < 1 << 56:
        raise ValueError(f"not a Ghost id's number: {number}")
    digits = f"{number:014x}"
    return f"id:~^'{digits[:8]}'+id:~$'{digits[8:]}'"


def url_int(url: str) -> int:
    """A stable number for an image's URL (Ghost's images have no id): 62 bits of its
    SHA-256, so that a post's photo compares equal to the one uploaded."""
    return int.from_bytes(hashlib.sha256(url.encode()).digest()[:8], "big") >> 2
