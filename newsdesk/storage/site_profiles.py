"""Each site's content profile (migration 0006), kept with the site.

A site whose desk never changed the rules has no row and the default profile. A row
that no longer reads (written by hand, or by a newer newsdesk with rules this one does
not know) is reported, never replaced silently: ``InvalidSettingValue``.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from newsdesk.core.article import utcnow
from newsdesk.core.errors import InvalidSettingValue
from newsdesk.core.profile import ContentProfile

from .models import Base, UTCDateTime
from .sites import get_site

if TYPE_CHECKING:
    from .store import Store


class SiteProfileRow(Base):
    __tablename__ = "site_profiles"

    site: Mapped[str] = mapped_column(
        String(64), ForeignKey("sites.name", ondelete="CASCADE"), primary_key=True
    )
    profile_json: Mapped[str] = mapped_column(Text)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)


def site_profile(store: Store, site: str) -> ContentProfile:
    """The profile of ``site`` (the default one when its desk never changed it)."""
    with store.reading() as session:
        row = session.get(SiteProfileRow, site)
        text = row.profile_json if row is not None else None
    if text is None:
        return ContentProfile()
    try:
        data = json.loads(text)
    except ValueError:
        raise InvalidSettingValue("profile", text[:40], "a content profile") from None
    if not isinstance(data, dict):
        raise InvalidSettingValue("profile", data, "a content profile")
    return ContentProfile.from_dict(data)


def set_site_profile(store: Store, site: str, profile: ContentProfile) -> ContentProfile:
    """Keep ``profile`` for ``site`` (``SiteNotFound`` if it is not connected)."""
    name = get_site(store, site).name
    text = json.dumps(profile.to_dict(), ensure_ascii=False, sort_keys=True)
    with store.writing() as session:
        row = session.get(SiteProfileRow, name)
        if row is None:
            session.add(SiteProfileRow(site=name, profile_json=text, updated_at=utcnow()))
        else:
            row.profile_json = text
            row.updated_at = utcnow()
    return profile
