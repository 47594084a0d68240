"""A slow link for tests and benchmarks: a phone's 3G, or a hotel's Wi-Fi, on 127.0.0.1.

``SlowLink(site_port)`` listens on 127.0.0.1 (a free port) and relays every connection
to the server on 127.0.0.1 ``site_port``, as a bad mobile link would carry it:

- **Bandwidth**: ``rate`` bytes a second each way (256 kbit/s, 32,000 bytes/s, by
  default), one token bucket per direction shared by every connection: two uploads at
  once share the link, as they do on a phone.
- **Latency**: ``one_way`` seconds (0.3 s) added to each burst: a request is relayed
  that long after its head arrived, and its answer that long after the site began it,
  so every request and answer costs a 600 ms round trip on top of its bytes. (The TCP
  handshake itself costs nothing here: the client connects to 127.0.0.1.)
- **Cut connections**: a request whose body is an upload (``upload_min`` bytes or more)
  is cut with the chance ``cut_chance``, at most ``max_cuts`` times, at a point drawn
  between ``cut_between`` of its body: the bytes before it reach the site, then both
  connections are closed (the site sees a truncated request and makes nothing of it).
  Drawn from ``random.Random(seed)`` in the order the uploads come: the same seed and
  the same requests give the same cuts.

It counts the bytes it relays each way (``sent``: towards the site, heads and bodies,
the cut uploads' first part included; ``received``: towards the client) and records
each request (method, target, body size, whether it was cut). It never records headers
or bodies: they carry the password.

Written here rather than taken from a library: the proxies that shape traffic
(toxiproxy, tc/netem) need a daemon or root and a network namespace; this one is an
asyncio relay in the test's own process, as ``tests/faultproxy.py`` is (that one
decides per request what goes wrong; this one carries bytes slowly, as they come).
It costs the process little: 0.05 s of CPU to carry a 300 KB upload (measured here), so
the window's stalls measured beside it are the window's own.

Use it as a context manager: ``with SlowLink(site.port) as link: ... link.base_url``.
"""

from __future__ import annotations

import asyncio
import contextlib
import random
import threading
import time
from dataclasses import dataclass

LOOPBACK = "127.0.0.1"
#: 256 kbit/s.
RATE_BYTES_PER_SECOND = 32_000
#: Half of a 600 ms round trip.
ONE_WAY_SECONDS = 0.3
#: A request body this big is an upload (a photo), one the link may cut.
UPLOAD_MIN_BYTES = 64 * 1024
#: Bytes relayed between two looks at the bucket: about 60 ms of the link at 256 kbit/s,
#: small enough that two connections interleave.
_CHUNK = 2048
_HEAD_LIMIT = 256 * 1024


@dataclass(frozen=True)
class LinkRequest:
    """One request the link carried (or cut)."""

    method: str
    target: str
    #: The body's declared size, and how much of it reached the site.
    body_bytes: int
    relayed_bytes: int
    cut: bool


class TokenBucket:
    """``rate`` bytes a second, at most ``burst`` bytes at once. Used by one event loop."""

    def __init__(self, rate: float, burst: int) -> None:
        self.rate = rate
        self.burst = burst
        self._tokens = float(burst)
        self._last = time.monotonic()

    async def take(self, count: int) -> None:
        count = min(count, self.burst)
        while True:
            now = time.monotonic()
            self._tokens = min(self.burst, self._tokens + (now - self._last) * self.rate)
            self._last = now
            if self._tokens >= count:
                self._tokens -= count
                return
            await asyncio.sleep((count - self._tokens) / self.rate)


class SlowLink:
    """The link; ``with SlowLink(site_port) as link:`` then talk to ``link.base_url``."""

    def __init__(
        self,
        target_port: int,
        *,
        rate: float = RATE_BYTES_PER_SECOND,
        one_way: float = ONE_WAY_SECONDS,
        seed: int = 0,
        cut_chance: float = 0.0,
        max_cuts: int = 0,
        cut_between: tuple[float, float] = (0.15, 0.6),
        upload_min: int = UPLOAD_MIN_BYTES,
    ) -> None:
        if not 0 <= cut_chance <= 1 or not 0 < cut_between[0] <= cut_between[1] < 1:
            raise ValueError("cut_chance within 0..1, cut_between within (0, 1)")
        self.target_port = target_port
        self.rate = rate
        self.one_way = one_way
        self.cut_chance = cut_chance
        self.max_cuts = max_cuts
        self.cut_between = cut_between
        self.upload_min = upload_min
        self.port = 0
        self._rng = random.Random(seed)
        self._lock = threading.Lock()
        self._sent = 0
        self._received = 0
        self._requests: list[LinkRequest] = []
        self._cuts = 0
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._stopping: asyncio.Event | None = None
        self._up: TokenBucket | None = None
        self._down: TokenBucket | None = None

    # --------------------------------------------------------------- what it saw

    @property
    def base_url(self) -> str:
        return f"http://{LOOPBACK}:{self.port}"

    @property
    def sent(self) -> int:
        """Bytes relayed towards the site so far."""
        with self._lock:
            return self._sent

    @property
    def received(self) -> int:
        """Bytes relayed towards the client so far."""
        with self._lock:
            return self._received

    @property
    def requests(self) -> list[LinkRequest]:
        with self._lock:
            return list(self._requests)

    def uploads(self) -> list[LinkRequest]:
        """The requests that carried an upload, cut or not."""
        return [r for r in self.requests if r.body_bytes >= self.upload_min]

    def cuts(self) -> int:
        with self._lock:
            return self._cuts

    # --------------------------------------------------------------- start, stop

    def start(self) -> SlowLink:
        if self._thread is not None:
            raise RuntimeError("SlowLink already started")
        ready = threading.Event()
        failure: list[BaseException] = []
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(
            target=self._run, args=(ready, failure), name="slowlink", daemon=True
        )
        self._thread.start()
        ready.wait()
        if failure:
            self._thread.join()
            raise failure[0]
        return self

    def stop(self) -> None:
        """Close the listener and every connection; join the thread."""
        if self._thread is None or self._loop is None or self._stopping is None:
            return
        with contextlib.suppress(RuntimeError):
            self._loop.call_soon_threadsafe(self._stopping.set)
        self._thread.join()
        self._thread = None

    def __enter__(self) -> SlowLink:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def _run(self, ready: threading.Event, failure: list[BaseException]) -> None:
        assert self._loop is not None
        loop = self._loop
        asyncio.set_event_loop(loop)
        try:
            loop.run_until_complete(self._serve(ready))
        except BaseException as error:
            failure.append(error)
            ready.set()
        finally:
            loop.run_until_complete(loop.shutdown_asyncgens())
            loop.close()

    async def _serve(self, ready: threading.Event) -> None:
        self._stopping = asyncio.Event()
        # A burst of a few chunks: the link never delivers much faster than its rate.
        self._up = TokenBucket(self.rate, 4 * _CHUNK)
        self._down = TokenBucket(self.rate, 4 * _CHUNK)

        async def accept(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
            with contextlib.suppress(asyncio.CancelledError):
                await self._connection(reader, writer)

        server = await asyncio.start_server(accept, LOOPBACK, 0, limit=_HEAD_LIMIT)
        self.port = server.sockets[0].getsockname()[1]
        ready.set()
        await self._stopping.wait()
        server.close()
        handlers = asyncio.all_tasks() - {asyncio.current_task()}
        for task in handlers:
            task.cancel()
        await asyncio.gather(*handlers, return_exceptions=True)
        await server.wait_closed()

    # --------------------------------------------------------------- one connection

    async def _connection(
        self, client: asyncio.StreamReader, to_client: asyncio.StreamWriter
    ) -> None:
        to_site: asyncio.StreamWriter | None = None
        # Set when a request went up: the next bytes down start an answer's burst.
        answer_due = asyncio.Event()
        tasks: set[asyncio.Future[None]] = set()
        try:
            site, to_site = await asyncio.open_connection(
                LOOPBACK, self.target_port, limit=_HEAD_LIMIT
            )
            up = asyncio.ensure_future(self._up_stream(client, to_site, answer_due))
            down = asyncio.ensure_future(self._down_stream(site, to_client, answer_due))
            tasks = {up, down}
            # Whichever side ends first ends the connection: the site closed it (as
            # PHP's server does after an answer), the client did (having read its
            # answer: an HTTP client never half-closes before), or the link cut it.
            await asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED)
        except (ConnectionError, asyncio.IncompleteReadError, asyncio.LimitOverrunError):
            pass  # One side went away: nothing left to relay.
        finally:
            for task in tasks:
                task.cancel()
            # Retrieved, so that asyncio does not report them: a cut, a closed side,
            # a request the link cannot frame (not HTTP/1.1) all end the connection.
            await asyncio.gather(*tasks, return_exceptions=True)
            for stream in (to_site, to_client):
                if stream is not None:
                    stream.close()
                    with contextlib.suppress(Exception):
                        await stream.wait_closed()

    async def _up_stream(
        self,
        client: asyncio.StreamReader,
        to_site: asyncio.StreamWriter,
        answer_due: asyncio.Event,
    ) -> None:
        """Requests from the client, one after another on the connection (keep-alive)."""
        while True:
            try:
                head = await client.readuntil(b"\r\n\r\n")
            except asyncio.IncompleteReadError:
                return
            method, target, length, chunked = _parse_head(head)
            cut_at = self._cut_point(length)
            await asyncio.sleep(self.one_way)  # the request's way along the link
            await self._relay(head, to_site, up=True)
            relayed = 0
            if chunked:
                await self._relay_chunked(client, to_site)
            else:
                wanted = length if cut_at is None else cut_at
                while relayed < wanted:
                    data = await client.readexactly(min(_CHUNK, wanted - relayed))
                    await self._relay(data, to_site, up=True)
                    relayed += len(data)
            with self._lock:
                self._requests.append(
                    LinkRequest(method, target, length, relayed, cut=cut_at is not None)
                )
            if cut_at is not None:
                # Let the site read what it got before the cut, then close both ends.
                await asyncio.sleep(0.05)
                raise ConnectionResetError("the link cut the upload")
            answer_due.set()

    async def _down_stream(
        self,
        site: asyncio.StreamReader,
        to_client: asyncio.StreamWriter,
        answer_due: asyncio.Event,
    ) -> None:
        while True:
            data = await site.read(_CHUNK)
            if not data:
                return
            if answer_due.is_set():
                answer_due.clear()
                await asyncio.sleep(self.one_way)  # the answer's way back
            await self._relay(data, to_client, up=False)

    async def _relay_chunked(
        self, client: asyncio.StreamReader, to_site: asyncio.StreamWriter
    ) -> None:
        while True:
            size_line = await client.readuntil(b"\r\n")
            await self._relay(size_line, to_site, up=True)
            size = int(size_line.split(b";")[0].strip(), 16)
            if size == 0:
                while (trailer := await client.readuntil(b"\r\n")) != b"\r\n":
                    await self._relay(trailer, to_site, up=True)
                await self._relay(b"\r\n", to_site, up=True)
                return
            left = size + 2
            while left:
                data = await client.readexactly(min(_CHUNK, left))
                await self._relay(data, to_site, up=True)
                left -= len(data)

    async def _relay(self, data: bytes, writer: asyncio.StreamWriter, *, up: bool) -> None:
        bucket = self._up if up else self._down
        assert bucket is not None
        for start in range(0, len(data), _CHUNK):
            piece = data[start : start + _CHUNK]
            await bucket.take(len(piece))
            writer.write(piece)
            await writer.drain()
            with self._lock:
                if up:
                    self._sent += len(piece)
                else:
                    self._received += len(piece)

    def _cut_point(self, length: int) -> int | None:
        """Where to cut this request's body, or None. Drawn for uploads only, in order."""
        if length < self.upload_min:
            return None
        with self._lock:
            if self._cuts >= self.max_cuts:
                return None
            if self._rng.random() >= self.cut_chance:
                return None
            self._cuts += 1
            low, high = self.cut_between
            return int(length * self._rng.uniform(low, high))


def _parse_head(head: bytes) -> tuple[str, str, int, bool]:
    """Method, target, Content-Length and whether the body is chunked."""
    lines = head[:-4].decode("latin-1").split("\r\n")
    method, target, _version = lines[0].split(" ", 2)
    length = 0
    chunked = False
    for line in lines[1:]:
        name, _, value = line.partition(":")
        key = name.strip().lower()
        if key == "content-length":
            length = int(value.strip())
        elif key == "transfer-encoding":
            chunked = "chunked" in value.lower()
    return method, target, length, chunked
