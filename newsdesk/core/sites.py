"""A connected site, as plain data every layer shares (storage remembers it, publishing
talks to it, sync drains to it). Re-exported by :mod:`newsdesk.publishing.base`."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

#: The two kinds of terms a post carries on the site.
TermKind = Literal["categories", "tags"]


@dataclass(frozen=True, slots=True)
class SiteAccount:
    """A site the reporter connected. No password here: that lives in the keyring."""

    name: str
    api_root: str
    username: str
    kind: str = "wordpress"
