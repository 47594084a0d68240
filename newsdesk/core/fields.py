"""The words used to declare an article's fields: their kinds and what each serializer
needs to know of them.

The table itself, ``newsdesk.core.article.FIELDS``, sits beside the dataclass it
describes, so that a field added to one is added to the other in the same screen.
Every serialization reads it: the revision JSON and the rows (``storage``), the front
matter (``core.interchange``), the comparison (``core.compare``), the command line's
``--json``, what a sync compares (``sync.states``), the three-way merge
(``sync.resolve``) and what the window keeps of a reporter's typing on a reload
(``ui.save_controller``). Each turns a field's *kind* into its own form; what differs
for one serializer alone stays written in that serializer, with the reason beside it.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Kind(StrEnum):
    """What a field holds, which decides how each serializer writes it."""

    TEXT = "text"  #: one string
    NAMES = "names"  #: a list of names, in the reporter's order (tags)
    DATE = "date"  #: a datetime or None; aware or naive, kept as given
    ENUM = "enum"  #: a member of ``Field.enum``, written as its value
    IMAGE = "image"  #: a FeaturedImage or None
    DATA = "data"  #: JSON-compatible data newsdesk keeps without knowing it
    # The store's bookkeeping, not the article's content:
    ID = "id"  #: the article's identity
    MOMENT = "moment"  #: a timezone-aware time the store sets
    COUNTER = "counter"  #: the store's revision counter


#: Kinds that are the store's bookkeeping: never part of what an article says.
BOOKKEEPING = frozenset({Kind.ID, Kind.MOMENT, Kind.COUNTER})


class FrontMatter(StrEnum):
    """How a field is written in the interchange format's front matter."""

    ALWAYS = "always"  #: written even when empty (the format's anchors)
    IF_SET = "if_set"  #: left out when empty


class Merge(StrEnum):
    """How the three-way merge settles a field both sides may have changed."""

    LINES = "lines"  #: line by line, with conflict markers where both changed a line
    NAMES = "names"  #: what either side added, minus what either side removed
    #: Line by line, the reporter's text first brought through the site's HTML round
    #: trip, so that formatting alone never looks like a change.
    MARKDOWN = "markdown"


@dataclass(frozen=True, slots=True)
class Field:
    """One field of the article and the facts the serializers need about it.

    ``front_matter``: its key in the front matter (the field's name), in the table's
    order, or None when the format keeps it elsewhere. ``words``: a post on a site is
    made of it, so two revisions alike in their words send nothing new but a status.
    ``typed``: the reporter types it in the window's form. ``merge``: how a conflict
    with the site merges it, or None when the reporter's value stands.
    """

    name: str
    kind: Kind
    front_matter: FrontMatter | None = None
    words: bool = False
    typed: bool = False
    merge: Merge | None = None
    enum: type[StrEnum] | None = None

    @property
    def content(self) -> bool:
        """Part of what the article says (not the store's bookkeeping)."""
        return self.kind not in BOOKKEEPING
