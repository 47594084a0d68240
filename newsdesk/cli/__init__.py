"""The command line: the same services as the window, for scripts and quick checks.

    newsdesk [--data-dir DIR] [--version]            open the window
    newsdesk import FILE...                          new articles from Markdown or Word files
    newsdesk list [--status S] [--tag T] [--category C] [--limit N] [--json]
    newsdesk search QUERY [--status S] [--tag T] [--category C] [--limit N] [--json]
    newsdesk show ID [--json]
    newsdesk render ID [-o FILE]                     the preview page (images as file:// URLs)
    newsdesk export ID [--format md|html|ninjs|pdf] [-o FILE]
    newsdesk history ID [--json]
    newsdesk restore ID REVISION
    newsdesk diff ID REV_A REV_B
    newsdesk delete ID                               to the trash (nothing is erased)
    newsdesk trash [--json]                          what is in the trash
    newsdesk undelete ID                             back from the trash, as it was
    newsdesk site add URL --user USER [--name NAME] [--password-stdin]
    newsdesk site list [--json]
    newsdesk site remove NAME
    newsdesk site password NAME [--password-stdin]     a new password; the queue resumes
    newsdesk site profile NAME [--recommended|--default] [--set RULE=VALUE] [--json]
    newsdesk publish ID [--site NAME] [--status publish|pending|draft|future]
                        [--at ISO8601 [--zone ZONE]] [--queue-only]
    newsdesk unpublish ID [--site NAME] [--queue-only]
    newsdesk sync                                      send everything waiting, now
    newsdesk status ID [--json]
    newsdesk check ID [--site NAME] [--no-spelling] [--json]  the checklist before publishing
    newsdesk resolve ID keep_mine|take_theirs|merge [--site NAME]
    newsdesk pull --site NAME POST_ID_OR_URL           prints the new local article's id

``ID`` is an article's id or an unambiguous prefix of it (6 characters or more).

Messages are in French, or in English when ``LC_ALL``, ``LC_MESSAGES`` or ``LANG``
(the first one set) starts with ``en``. Every expected error is one line on stderr,
``newsdesk: [FILE: ]reason``, and a non-zero exit: 2 for a usage mistake, 1 for a
failure. An unexpected error also prints one line, and its traceback goes to
``DATA_DIR/logs/newsdesk.log``. Data on stdout, messages on stderr.

JSON output (``--json``), stable: fields are only ever added, never renamed or removed.
Dates are ISO 8601 text: with their offset when they have one (``date`` may be naive,
without offset, when the reporter gave none: see ``core.rules``); ``updated_at``,
``created_at`` and ``saved_at`` are always UTC (``+00:00``). Absent values are ``null``.

``list``::

    {"articles": [SUMMARY, ...]}          most recently updated first

    SUMMARY = {"id": str, "title": str, "status": "draft"|"ready"|"pending"|"scheduled"|
               "published", "category": str, "tags": [str], "date": str|null,
               "updated_at": str, "word_count": int, "revision": int, "byline": str}

``search``::

    {"query": str, "hits": [{"article": SUMMARY, "snippet": str,
                             "highlights": [[start, end], ...], "rank": float}]}

    best match first; ``highlights`` are character offsets (code points, end excluded)
    of the matched words in ``snippet``; higher ``rank`` is better.

``show``::

    {"article": {"id", "title", "standfirst", "body", "category", "tags", "byline",
                 "source", "dateline", "date", "language": "fr"|"en", "slug",
                 "effective_slug", "status", "featured_image": {"path", "caption",
                 "credit", "alt"}|null, "created_at", "updated_at", "revision": int,
                 "extra": {...}, "word_count": int, "reading_minutes": int,
                 "problems": [{"field", "code", "severity": "error"|"warning"}]}}

    ``featured_image.path`` and ``media:`` paths in the body are relative to the
    store's media folder; ``problems`` is the validation for publishing.

``history``::

    {"id": str, "revisions": [{"revision": int, "saved_at": str, "title": str,
                               "word_count": int}]}    newest first

``trash``::

    {"articles": [SUMMARY, ...]}          most recently deleted first

``status``::

    {"id": str, "state": STATE, "sites": [{"site": str, "state": STATE,
      "remote_id": int|null, "link": str|null, "remote_status": str|null,
      "action": "publish"|"unpublish"|null, "target_status": str|null,
      "scheduled_at": str|null, "error_code": str|null, "error_message": str|null,
      "next_attempt_at": str|null, "attempts": int}]}

    STATE = "not_sent"|"queued"|"sending"|"waiting_network"|"on_site"|"scheduled"|
            "pending_review"|"draft_on_site"|"failed"|"needs_password"|"conflict"|
            "changed_locally"   (on the site, edited here since: publish again to send)

``site list``::

    {"sites": [{"name", "kind", "url", "api_root", "username", "display_name",
                "roles": [str], "can_publish": bool, "needs_password": bool,
                "added_at": str}]}

Where things are: ``run`` (the entry point, ``main``), ``parser`` (argparse, in the
reporter's language), ``context`` (what a command gets), ``messages`` (every sentence,
French and English), ``failures`` (errors in words, exit codes on failure), ``output``
(exit codes, JSON, summaries), and one module per group of commands: ``articles``,
``trash``, ``sites``, ``publishing``. The modules import each other in that one
direction; nothing here imports the ui (the window is handed in by ``__main__``).
"""

from __future__ import annotations

from . import articles, publishing, sites, trash
from .context import Context
from .failures import UsageError, describe
from .messages import MESSAGES, Messages, cli_language
from .output import EXIT_FAILURE, EXIT_OK, EXIT_USAGE, PROG, article_json, summary_json
from .parser import build_parser
from .registry import STATUSES
from .run import main

__all__ = [
    "EXIT_FAILURE",
    "EXIT_OK",
    "EXIT_USAGE",
    "MESSAGES",
    "PROG",
    "STATUSES",
    "Context",
    "Messages",
    "UsageError",
    "article_json",
    "articles",
    "build_parser",
    "cli_language",
    "describe",
    "main",
    "publishing",
    "sites",
    "summary_json",
    "trash",
]
