"""How long to wait before trying again: the one doubling formula of newsdesk.

``doubling`` is the shape (base, twice, four times... never past a cap); the outbox
worker's retries (``backoff_delay``) draw each wait between half and all of it. A
caller with its own pace (the window's idle drains) uses ``doubling`` with its own base
and cap, so that there is one formula to read and to test.
"""

from __future__ import annotations

import random
from datetime import timedelta
from typing import TypeVar

#: First retry after a network failure, then doubling, up to the cap.
BACKOFF_BASE = timedelta(seconds=5)
BACKOFF_CAP = timedelta(minutes=10)
#: A site's ``Retry-After`` (429, 503) is honoured as a floor of the wait, up to this.
RETRY_AFTER_CAP = timedelta(hours=1)

#: The exponent stops growing long after any cap is reached (an entry may retry for
#: days offline: 2**attempts would overflow a timedelta).
_MAX_DOUBLINGS = 16

_Span = TypeVar("_Span", int, float, timedelta)


def doubling(step: int, base: _Span, cap: _Span) -> _Span:
    """``base`` for step 1 (and below), twice that for step 2, four times for step 3...,
    never more than ``cap``."""
    return min(cap, base * (1 << min(max(0, step - 1), _MAX_DOUBLINGS)))


def backoff_delay(attempts: int, rng: random.Random | None = None) -> timedelta:
    """Wait before attempt ``attempts + 1``: 5 s, 10 s, 20 s... capped at 10 min, each
    drawn between half and all of it, so that laptops coming back online together
    (the newsroom's Wi-Fi) do not hammer the site in step."""
    ceiling = doubling(attempts, BACKOFF_BASE, BACKOFF_CAP)
    fraction: float = 0.5 + 0.5 * (rng or random.Random()).random()
    delay: timedelta = ceiling * fraction
    return delay
