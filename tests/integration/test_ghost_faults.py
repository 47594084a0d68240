"""A bad connection between newsdesk and the real Ghost (tests/faultproxy.py between):
seeded random faults on every request, and every article ends on the site exactly once,
published, with its primary tag and photo.

CI runs 4 seeded runs (about a minute); the full proof is 25:
``NEWSDESK_GHOST_FAULT_RUNS=25 tests/run tests/integration/test_ghost_faults.py``."""

from __future__ import annotations

import os
import random
import time

from newsdesk.paths import Paths
from newsdesk.storage.store import Store
from newsdesk.sync import outbox
from tests.faultproxy import FaultProxy, Mode, RandomFaults
from tests.ghost.harness import Ghost
from tests.integration.test_ghost_outbox import SITE, _once, _through

RUNS = int(os.environ.get("NEWSDESK_GHOST_FAULT_RUNS", "4"))
WEIGHTS = {
    Mode.PASS: 70,
    Mode.DROP_BEFORE: 5,
    Mode.DROP_AFTER: 7,
    Mode.STATUS_500: 4,
    Mode.STATUS_502: 4,
    Mode.TIMEOUT: 2,
    Mode.TIMEOUT_AFTER: 4,
    Mode.CUT_UPLOAD: 4,
}


def test_randomized_bad_networks_never_duplicate_nor_lose(ghost_site: Ghost, paths: Paths) -> None:
    started = time.monotonic()
    faults_seen = requests_seen = 0
    for seed in range(RUNS):
        rng = random.Random(seed)
        store = Store.open(Paths(paths.root / f"run-{seed}").ensure())
        chooser = RandomFaults(seed=seed, weights=WEIGHTS, seconds=0.3)
        try:
            with FaultProxy(ghost_site.port, chooser=chooser) as proxy:
                desk = _through(proxy, ghost_site, store)
                articles = []
                for n in range(rng.randint(1, 3)):
                    article = desk.lavrov(title=f"Mali : Lavrov à Bamako, {seed}-{n}", slug="")
                    outbox.queue_publish(store, article.id, SITE)
                    articles.append(article)
                desk.drain_until_settled(rounds=60)
                faults_seen += sum(1 for m in proxy.modes() if m is not Mode.PASS)
                requests_seen += len(proxy.log)
            for article in articles:
                post = _once(desk, article)
                assert post["status"] == "published"
                assert post["primary_tag"]["name"] == "Politique"
                assert "/content/images/" in str(post["feature_image"])
                assert outbox.remote_state(store, article.id).on(SITE).state == "on_site"
        finally:
            store.close()
    print(
        f"{RUNS} runs, {requests_seen} requests, {faults_seen} faults, "
        f"{time.monotonic() - started:.0f} s"
    )
    assert faults_seen > requests_seen * 0.15, (faults_seen, requests_seen)
