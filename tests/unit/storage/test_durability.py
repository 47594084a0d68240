"""A killed process loses at most the save in flight, never the file."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path

from newsdesk.paths import Paths
from newsdesk.storage.store import Store

_WRITER = """
import sys
from pathlib import Path
from newsdesk.core.article import Article
from newsdesk.paths import Paths
from newsdesk.storage.store import Store

store = Store.open(Paths(Path(sys.argv[1])))
article = store.create(Article(title="Journal de bord", body="Début."))
print(article.id, article.revision, flush=True)
n = 0
while True:
    n += 1
    article.body += f" Phrase {n} écrite avant la coupure."
    article = store.save(article)
    print(article.id, article.revision, flush=True)
"""


def test_sigkill_during_saves_keeps_every_committed_revision(paths: Paths) -> None:
    Store.open(paths).close()
    writer = subprocess.Popen(
        [sys.executable, "-c", _WRITER, str(paths.root)],
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[3])},
    )
    assert writer.stdout is not None
    reported: list[tuple[str, int]] = []
    try:
        for line in writer.stdout:
            article_id, revision = line.split()
            reported.append((article_id, int(revision)))
            if len(reported) >= 40:
                break
    finally:
        # The power cut: no close(), no checkpoint, maybe mid-transaction.
        writer.send_signal(signal.SIGKILL)
        writer.wait(timeout=30)
        writer.stdout.close()
    assert len(reported) == 40
    article_id, last_reported = reported[-1]

    with closing(sqlite3.connect(paths.database)) as raw:
        assert raw.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    store = Store.open(paths)
    try:
        article = store.get(article_id)
        # Every revision the writer saw committed is there; at most the ones
        # after it (written before the kill landed) come on top.
        assert article.revision >= last_reported
        history = [r.revision for r in store.history(article_id)]
        assert history == list(range(article.revision, 0, -1))
        assert f"Phrase {last_reported - 1} écrite" in article.body
        assert [h.article.id for h in store.search("coupure")] == [article_id]
    finally:
        store.close()
