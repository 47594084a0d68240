"""Ghost's Admin API (Ghost 6) behind :class:`~newsdesk.publishing.base.Publisher`.

- ``auth.py``: the Admin API key (``id:secret``) and the short-lived JWTs made from it;
- ``http.py``: the client (WordPress's bounded sender), Ghost's errors as newsdesk's;
- ``ids.py``: Ghost's 24-hex-digit ids as the integers newsdesk's store keeps;
- ``content.py``: newsdesk's HTML to what Ghost keeps of it, and back;
- ``publisher.py``: :class:`GhostPublisher`;
- ``detect.py``: whether an address is a Ghost site (asked without credentials).
"""

from __future__ import annotations

from .detect import ghost_site, is_ghost
from .http import admin_root
from .publisher import GhostPublisher

__all__ = ["GhostPublisher", "admin_root", "ghost_site", "is_ghost"]
