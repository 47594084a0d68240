"""The slow link of the integration tests (tests/slowlink.py) does what it says: its rate,
its round trip, its cuts drawn from the seed, and its counts of the bytes relayed. Against
a small HTTP server in a thread, at a faster rate than 3G's so that this stays quick."""

from __future__ import annotations

import contextlib
import http.server
import threading
import time
from collections.abc import Iterator

import httpx
import pytest

from tests.slowlink import SlowLink

ANSWER = b"a" * 10_000
RATE = 200_000  # bytes a second: 100 KB takes half a second


class _Site(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, as real sites do

    def do_POST(self) -> None:
        length = int(self.headers["Content-Length"])
        received = self.rfile.read(length)
        if len(received) < length:
            return  # cut: nothing to answer
        self.send_response(201)
        self.send_header("Content-Length", str(len(ANSWER)))
        self.end_headers()
        self.wfile.write(ANSWER)

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def site_port() -> Iterator[int]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Site)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server.server_address[1]
    finally:
        server.shutdown()
        server.server_close()


def test_rate_round_trip_and_counts(site_port: int) -> None:
    body = b"b" * 100_000
    with SlowLink(site_port, rate=RATE, one_way=0.2) as link, httpx.Client(timeout=10) as client:
        started = time.monotonic()
        small = client.post(f"{link.base_url}/small", content=b"x")
        round_trip = time.monotonic() - started
        started = time.monotonic()
        big = client.post(f"{link.base_url}/big", content=body)
        upload = time.monotonic() - started
    assert (small.status_code, big.status_code) == (201, 201)
    assert big.content == ANSWER
    assert 0.4 <= round_trip < 1.5  # 200 ms each way, and 10 KB back at 200 KB/s
    assert upload >= 0.4 + (len(body) + len(ANSWER) - 2 * 8192) / RATE
    requests = link.requests
    assert [(r.method, r.target, r.body_bytes, r.cut) for r in requests] == [
        ("POST", "/small", 1, False),
        ("POST", "/big", len(body), False),
    ]
    # Heads and bodies, each way, every byte counted once.
    assert len(body) + 1 < link.sent < len(body) + 1 + 2000
    assert 2 * len(ANSWER) < link.received < 2 * len(ANSWER) + 1000


def _cuts(site_port: int, seed: int) -> tuple[list[tuple[int, bool]], int]:
    body = b"c" * 80_000
    link = SlowLink(site_port, rate=2_000_000, one_way=0, seed=seed, cut_chance=0.5, max_cuts=2)
    with link, httpx.Client(timeout=10) as client:
        for _ in range(4):
            with contextlib.suppress(httpx.TransportError):  # the link cut it
                client.post(f"{link.base_url}/upload", content=body)
        outcomes = [(r.relayed_bytes, r.cut) for r in link.requests]
        sent = link.sent
    return outcomes, sent


def test_cuts_come_from_the_seed_mid_upload_and_are_counted(site_port: int) -> None:
    first, sent = _cuts(site_port, seed=3)
    again, _ = _cuts(site_port, seed=3)
    assert first == again
    # Seed 3: the first two uploads cut (at 39 % and 42 %), then none (two at most).
    assert [cut for _, cut in first] == [True, True, False, False]
    assert all(0.15 * 80_000 <= relayed <= 0.6 * 80_000 for relayed, cut in first if cut)
    assert sum(relayed for relayed, _ in first) < sent < sum(r for r, _ in first) + 4 * 500
    other, _ = _cuts(site_port, seed=0)
    assert [cut for _, cut in other] != [cut for _, cut in first]
