"""Publishing's tables (migration 0003), one name for them all: sites, their terms, the
outbox, remote posts and media.

Plain rows in, plain dataclasses out; the rules (what may be queued, what a state
means) live in ``newsdesk.sync``. Every function runs in one transaction of the
article store, with the write lock taken at once for writes (see ``schema``), so the
window and the command line can share the file.

The code lives in one module per table group; this module gathers them because every
caller reads as ``repo.get_site(...)``, ``repo.DONE``: one namespace to import.

- ``publishing_models``: the SQLAlchemy models of the five tables;
- ``sites``: the connected sites (``SiteInfo``);
- ``terms``: each site's cached categories and tags;
- ``outbox_entries``: the outbox (``OutboxEntry``, the states);
- ``remote_posts``: the posts and media on each site (``RemotePostRecord``...).
"""

from __future__ import annotations

from newsdesk.core.outbox_states import (
    CONFLICT,
    DONE,
    FAILED,
    NEEDS_PASSWORD,
    QUEUED,
    RUNNABLE,
    SENDING,
    STATES,
    WAITING_NETWORK,
)

from .outbox_entries import (
    ACTIONS,
    OutboxEntry,
    claim_entry,
    due_entries,
    finish_entry,
    get_entry,
    list_entries,
    live_entry,
    make_due_now,
    release_stale_claim,
    set_entry_state,
    upsert_entry,
)
from .publishing_models import OutboxRow, RemoteMediaRow, RemotePostRow, SiteRow, SiteTermRow
from .remote_posts import (
    RemoteMediaRecord,
    RemotePostRecord,
    all_remote_posts,
    article_revisions,
    forget_remote_media_id,
    get_remote_media,
    get_remote_post,
    remote_posts_of,
    save_remote_media,
    save_remote_post,
)
from .sites import (
    SiteInfo,
    delete_site,
    get_site,
    insert_site,
    list_sites,
    set_needs_password,
    set_site_zone,
    update_site_identity,
)
from .terms import add_terms, cached_terms, forget_terms, replace_terms, terms_refreshed_at

__all__ = [
    "ACTIONS",
    "CONFLICT",
    "DONE",
    "FAILED",
    "NEEDS_PASSWORD",
    "QUEUED",
    "RUNNABLE",
    "SENDING",
    "STATES",
    "WAITING_NETWORK",
    "OutboxEntry",
    "OutboxRow",
    "RemoteMediaRecord",
    "RemoteMediaRow",
    "RemotePostRecord",
    "RemotePostRow",
    "SiteInfo",
    "SiteRow",
    "SiteTermRow",
    "add_terms",
    "all_remote_posts",
    "article_revisions",
    "cached_terms",
    "claim_entry",
    "delete_site",
    "due_entries",
    "finish_entry",
    "forget_remote_media_id",
    "forget_terms",
    "get_entry",
    "get_remote_media",
    "get_remote_post",
    "get_site",
    "insert_site",
    "list_entries",
    "list_sites",
    "live_entry",
    "make_due_now",
    "release_stale_claim",
    "remote_posts_of",
    "replace_terms",
    "save_remote_media",
    "save_remote_post",
    "set_entry_state",
    "set_needs_password",
    "set_site_zone",
    "terms_refreshed_at",
    "update_site_identity",
    "upsert_entry",
]
