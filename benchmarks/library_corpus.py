"""A reporter's years of work: many French articles of varied length, built into a store.

``make_library(n, seed)`` gives ``n`` articles (the same for the same arguments)
whose lengths run from a brief of 80 words to a long report of 1,500, spread
over ten years, in the ten rubriques, with tags and every status.
``build_store(folder, n)`` puts them into a store through ``Store.bulk_create``
(one transaction per chunk, the full-text index filled too), never through raw SQL
nor one import at a time. No Qt here: the tests and the benchmark both use it.

The text comes from ``benchmarks.corpus``'s sentence makers.
"""

from __future__ import annotations

import random
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from benchmarks.corpus import (
    CATEGORIES,
    PEOPLE,
    SOURCES,
    STATUSES,
    TAGS,
    VERBS,
    ZONES,
    _body,
    _sentence,
    _Topic,
)
from newsdesk.core.article import Article, Language

#: Ten years of work, the newest at the end of October 2026 (none dated ahead).
FIRST_DAY = datetime(2016, 11, 1, 7, 0, tzinfo=UTC)
YEARS_S = 10 * 365 * 24 * 3600
#: Articles per ``bulk_create`` call: one transaction each, memory kept small.
CHUNK = 5_000


def _words(rng: random.Random) -> int:
    """Most pieces are 250-700 words, a few briefs, a few long reports."""
    roll = rng.random()
    if roll < 0.15:
        return rng.randint(80, 200)
    if roll < 0.9:
        return rng.randint(250, 700)
    return rng.randint(800, 1_500)


def iter_library(n: int, seed: int = 0) -> Iterator[Article]:
    """``n`` articles, oldest first, the same for the same arguments."""
    rng = random.Random(seed)
    zones = [ZoneInfo(name) for name in ZONES]
    step = YEARS_S / max(1, n)
    for index in range(n):
        topic = _Topic(rng)
        person = topic.people[0]
        when = FIRST_DAY + timedelta(seconds=index * step + rng.randint(0, int(step)))
        date = when.astimezone(rng.choice(zones))
        yield Article(
            id=str(uuid.UUID(int=rng.getrandbits(128), version=4)),
            title=f"{topic.place} : {person} {rng.choice(VERBS)} {topic.objects[0]}",
            standfirst=_sentence(rng, topic),
            body=_body(rng, _words(rng), topic),
            category=rng.choice(CATEGORIES),
            tags=rng.sample(TAGS, rng.randint(1, 4)),
            byline=f"{rng.choice(PEOPLE).split()[0][0]}. {rng.choice(PEOPLE).split()[-1]}",
            source=rng.choice(SOURCES),
            dateline=topic.place,
            date=date,
            language=Language.FR,
            status=rng.choice(STATUSES),
            created_at=when,
            updated_at=when,
        )


def make_library(n: int, seed: int = 0) -> list[Article]:
    return list(iter_library(n, seed))


def build_store(folder: Path, n: int, seed: int = 0) -> None:
    """A store of ``n`` articles in ``folder`` (a data folder), in chunks of ``CHUNK``."""
    from newsdesk.paths import Paths
    from newsdesk.storage.store import Store

    with Store.open(Paths(folder).ensure()) as store:
        chunk: list[Article] = []
        for article in iter_library(n, seed):
            chunk.append(article)
            if len(chunk) == CHUNK:
                store.bulk_create(chunk)
                chunk = []
        if chunk:
            store.bulk_create(chunk)


#: Bump when the articles or the store's layout change: a cached store is then rebuilt.
CACHE_VERSION = 2


def cached_store(n: int, seed: int = 0) -> Path:
    """A data folder holding a store of ``n`` articles, built once and kept under the
    system's temporary folder (keyed by ``CACHE_VERSION``, the count and the seed), so
    that a second run starts at once; a newer schema is migrated in place when the store
    opens. Built beside it and renamed: a build cut short is never taken for a finished
    one."""
    import shutil
    import tempfile

    key = f"v{CACHE_VERSION}-{n}-{seed}"
    folder = Path(tempfile.gettempdir()) / f"newsdesk-library-{key}"
    if (folder / "built").exists():
        return folder
    partial = folder.with_name(folder.name + ".partial")
    shutil.rmtree(partial, ignore_errors=True)
    build_store(partial, n, seed)
    (partial / "built").write_text("")
    shutil.rmtree(folder, ignore_errors=True)
    partial.rename(folder)
    return folder
