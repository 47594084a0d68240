"""A fault-injecting HTTP proxy for tests: what a bad connection does to a client.

It listens on 127.0.0.1 (a free port), forwards to a server on 127.0.0.1, and
decides per request what goes wrong:

``pass``
    forwarded, answer relayed.
``drop_before``
    the request is read, then the connection closed: the site never sees it.
``drop_after``
    forwarded; the site processes it completely; then the connection is closed
    before the client gets a byte of the answer (the lost answer to a create).
``status_500`` / ``status_502``
    answered by the proxy itself, never forwarded (a crashed site, a gateway).
``timeout``
    not forwarded; the connection is held silent for ``seconds``, then closed.
``timeout_after``
    forwarded and processed, the answer held back for ``seconds``, then the
    connection closed: the client's read timeout fires although the site acted.
``cut_upload``
    the head and only half of the body are forwarded, then both connections
    are closed: an upload cut halfway.
``portal``
    answered by the proxy itself, never forwarded: ``200`` with a web page, as a
    hotel's or a cybercafé's captive portal answers anything before its login.
``status_429``
    answered by the proxy itself, never forwarded: ``429`` with ``Retry-After:
    <seconds>`` (whole seconds).
``trickle_after``
    forwarded and processed; the answer is then relayed one byte every
    ``seconds``: never silent long enough for a read timeout.

The proxy answers each client connection once and closes it (as PHP's server
does), forwards the Host header unchanged (so WordPress writes links that lead
back through the proxy) and records, for every request, its method, target,
the mode applied and the status each side saw. It never logs headers or bodies
(they carry credentials).

Which mode applies: scripted faults first (``add()``, or ``schedule=``), each
used once by the first request it matches; otherwise ``chooser`` (a seeded
``RandomFaults``); otherwise ``pass``.

Use it as a context manager: the thread and every connection end with the
block.
"""

from __future__ import annotations

import asyncio
import contextlib
import random
import threading
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum

LOOPBACK = "127.0.0.1"
#: Seconds the ``timeout`` modes hold a connection when the fault names none.
DEFAULT_HOLD_SECONDS = 5.0
_HEAD_LIMIT = 256 * 1024


class Mode(StrEnum):
    PASS = "pass"
    DROP_BEFORE = "drop_before"
    DROP_AFTER = "drop_after"
    STATUS_500 = "status_500"
    STATUS_502 = "status_502"
    TIMEOUT = "timeout"
    TIMEOUT_AFTER = "timeout_after"
    CUT_UPLOAD = "cut_upload"
    PORTAL = "portal"
    STATUS_429 = "status_429"
    TRICKLE_AFTER = "trickle_after"


#: Modes where the site receives and processes the whole request.
REACHES_SITE = frozenset({Mode.PASS, Mode.DROP_AFTER, Mode.TIMEOUT_AFTER, Mode.TRICKLE_AFTER})


@dataclass(frozen=True)
class Fault:
    """One scripted fault, optionally only for requests matching method and path."""

    mode: Mode
    seconds: float | None = None
    method: str | None = None
    path_contains: str | None = None

    def matches(self, method: str, target: str) -> bool:
        if self.method is not None and self.method.upper() != method.upper():
            return False
        return self.path_contains is None or self.path_contains in target


def as_fault(item: Fault | Mode | str) -> Fault:
    if isinstance(item, Fault):
        return item
    return Fault(Mode(item))


@dataclass
class RandomFaults:
    """Seeded random modes: the same seed and the same requests give the same faults.

    ``weights`` maps modes to relative weights (they need not sum to 1).
    ``methods``, when given, limits faults to those methods; other requests pass
    (for example faults on writes only, so that the reads a client makes to
    recover are not themselves sabotaged).
    """

    seed: int
    weights: Mapping[Mode, float] | Mapping[str, float]
    methods: frozenset[str] | None = None
    seconds: float | None = None
    _rng: random.Random = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self._rng = random.Random(self.seed)
        self._modes = [Mode(mode) for mode in self.weights]
        self._weights = [float(weight) for weight in self.weights.values()]
        if not self._modes or min(self._weights) < 0 or sum(self._weights) <= 0:
            raise ValueError("RandomFaults needs at least one mode with a positive weight")

    def choose(self, method: str, target: str) -> Fault:
        if self.methods is not None and method.upper() not in self.methods:
            return Fault(Mode.PASS)
        mode = self._rng.choices(self._modes, weights=self._weights)[0]
        return Fault(mode, seconds=self.seconds)


@dataclass(frozen=True)
class ProxyEvent:
    """What happened to one request."""

    method: str
    target: str
    mode: Mode
    #: Status the site answered, None when it did not answer (or never saw it).
    site_status: int | None
    #: Status the client received, None when it got no answer.
    client_status: int | None


@dataclass
class _Request:
    method: str
    target: str
    #: The head as forwarded (``Connection: close``, no ``Expect``).
    head: bytes
    content_length: int = 0
    chunked: bool = False
    expects_continue: bool = False


class FaultProxy:
    """The proxy; ``with FaultProxy(site_port) as proxy:`` then talk to ``proxy.base_url``."""

    def __init__(
        self,
        target_port: int,
        *,
        schedule: Iterable[Fault | Mode | str] = (),
        chooser: RandomFaults | None = None,
        hold_seconds: float = DEFAULT_HOLD_SECONDS,
    ) -> None:
        self.target_port = target_port
        self.chooser = chooser
        self.hold_seconds = hold_seconds
        self.port = 0
        self._scheduled: list[Fault] = [as_fault(item) for item in schedule]
        self._events: list[ProxyEvent] = []
        self._lock = threading.Condition()
        self._in_flight = 0
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._server: asyncio.Server | None = None
        self._stopping: asyncio.Event | None = None

    # --------------------------------------------------------------- control

    @property
    def base_url(self) -> str:
        return f"http://{LOOPBACK}:{self.port}"

    def add(self, *faults: Fault | Mode | str) -> None:
        """Script faults for the next matching requests, in order."""
        with self._lock:
            self._scheduled.extend(as_fault(item) for item in faults)

    @property
    def pending(self) -> list[Fault]:
        """Scripted faults no request has used yet."""
        with self._lock:
            return list(self._scheduled)

    @property
    def log(self) -> list[ProxyEvent]:
        with self._lock:
            return list(self._events)

    def modes(self) -> list[Mode]:
        return [event.mode for event in self.log]

    def wait_idle(self, timeout: float = 30.0) -> bool:
        """Wait until no request is in flight (a held or forwarded one included)."""
        with self._lock:
            return self._lock.wait_for(lambda: self._in_flight == 0, timeout)

    def start(self) -> FaultProxy:
        if self._thread is not None:
            raise RuntimeError("FaultProxy already started")
        ready = threading.Event()
        failure: list[BaseException] = []
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(
            target=self._run, args=(ready, failure), name="faultproxy", daemon=True
        )
        self._thread.start()
        ready.wait()
        if failure:
            self._thread.join()
            raise failure[0]
        return self

    def stop(self) -> None:
        """Close the listener and every connection, held ones included; join the thread."""
        if self._thread is None or self._loop is None or self._stopping is None:
            return
        with contextlib.suppress(RuntimeError):
            self._loop.call_soon_threadsafe(self._stopping.set)
        self._thread.join()
        self._thread = None

    def __enter__(self) -> FaultProxy:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # --------------------------------------------------------------- the loop

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

        async def accept(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
            # Cancelled by stop(): end quietly, or asyncio reports the cancelled
            # connection as an error in its logs.
            with contextlib.suppress(asyncio.CancelledError):
                await self._handle(reader, writer)

        self._server = await asyncio.start_server(accept, LOOPBACK, 0, limit=_HEAD_LIMIT)
        self.port = self._server.sockets[0].getsockname()[1]
        ready.set()
        await self._stopping.wait()
        self._server.close()
        # Every connection task, including those accepted but not yet run:
        # they see the stop and end by themselves, closing their sockets.
        # Only a client that never finished sending its request is cancelled.
        handlers = asyncio.all_tasks() - {asyncio.current_task()}
        if handlers:
            _, stragglers = await asyncio.wait(handlers, timeout=0.5)
            for task in stragglers:
                task.cancel()
            await asyncio.gather(*stragglers, return_exceptions=True)
        await self._server.wait_closed()

    def _choose(self, method: str, target: str) -> Fault:
        with self._lock:
            for index, fault in enumerate(self._scheduled):
                if fault.matches(method, target):
                    del self._scheduled[index]
                    return fault
        if self.chooser is not None:
            return self.chooser.choose(method, target)
        return Fault(Mode.PASS)

    def _record(self, event: ProxyEvent) -> None:
        with self._lock:
            self._events.append(event)

    async def _handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        with self._lock:
            self._in_flight += 1
        upstream: asyncio.StreamWriter | None = None
        request: _Request | None = None
        recorded = False
        mode = Mode.PASS
        site_status: int | None = None
        answer: bytes | None = None

        def record() -> None:
            # Recorded before the client hears anything: once a client has its
            # answer (or its error), the log already says what happened.
            nonlocal recorded
            if request is not None and not recorded:
                recorded = True
                client_status = _status_of(answer) if answer is not None else None
                self._record(
                    ProxyEvent(request.method, request.target, mode, site_status, client_status)
                )

        try:
            request = await _read_head(reader)
            if request is None:
                return
            fault = self._choose(request.method, request.target)
            mode = fault.mode
            seconds = fault.seconds if fault.seconds is not None else self.hold_seconds
            if request.expects_continue:
                # The proxy reads the body itself before deciding what to forward.
                writer.write(b"HTTP/1.1 100 Continue\r\n\r\n")
                await writer.drain()
            if mode is Mode.CUT_UPLOAD:
                half = await _read_body(reader, request, fraction=0.5)
                _, upstream = await self._connect()
                upstream.write(request.head + half)
                await upstream.drain()
                # Let the site read what it got before the cut.
                await asyncio.sleep(0.05)
                return
            body = await _read_body(reader, request)
            if mode is Mode.STATUS_500:
                answer = _error_answer(500)
            elif mode is Mode.STATUS_502:
                answer = _error_answer(502)
            elif mode is Mode.PORTAL:
                answer = _portal_answer()
            elif mode is Mode.STATUS_429:
                answer = _error_answer(429, {"Retry-After": str(round(seconds))})
            elif mode is Mode.TIMEOUT:
                await self._hold(seconds)
            elif mode in REACHES_SITE:
                upstream_reader, upstream = await self._connect()
                upstream.write(request.head + body)
                await upstream.drain()
                # The whole answer is read first: the site has finished its
                # work before the client gets, or loses, the answer.
                site_answer = await upstream_reader.read()
                site_status = _status_of(site_answer)
                if mode is Mode.PASS:
                    answer = site_answer
                elif mode is Mode.TIMEOUT_AFTER:
                    await self._hold(seconds)
                elif mode is Mode.TRICKLE_AFTER:
                    answer = site_answer
                    record()
                    await self._trickle(writer, site_answer, seconds)
                    answer = None  # relayed already
            # DROP_BEFORE and DROP_AFTER: the client gets no answer.
            record()
            if answer is not None:
                writer.write(answer)
                await writer.drain()
        except (ConnectionError, asyncio.IncompleteReadError, asyncio.LimitOverrunError):
            pass  # The client or the site went away: nothing left to relay.
        except ValueError:
            pass  # Not HTTP/1.1 (a bad request line or length): the connection is closed.
        finally:
            record()
            for stream in (upstream, writer):
                if stream is not None:
                    stream.close()
                    with contextlib.suppress(Exception):
                        await stream.wait_closed()
            with self._lock:
                self._in_flight -= 1
                self._lock.notify_all()

    async def _trickle(self, writer: asyncio.StreamWriter, answer: bytes, seconds: float) -> None:
        """Relay ``answer`` a byte every ``seconds``, until the client or the proxy stops."""
        assert self._stopping is not None
        for i in range(len(answer)):
            writer.write(answer[i : i + 1])
            await writer.drain()
            if self._stopping.is_set():
                return
            await self._hold(seconds)

    async def _hold(self, seconds: float) -> None:
        """Sleep, but no longer than the proxy lives."""
        assert self._stopping is not None
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._stopping.wait(), seconds)

    async def _connect(self) -> tuple[asyncio.StreamReader, asyncio.StreamWriter]:
        return await asyncio.open_connection(LOOPBACK, self.target_port, limit=_HEAD_LIMIT)


async def _read_head(reader: asyncio.StreamReader) -> _Request | None:
    try:
        raw = await reader.readuntil(b"\r\n\r\n")
    except asyncio.IncompleteReadError:
        return None
    lines = raw[:-4].decode("latin-1").split("\r\n")
    method, target, _version = lines[0].split(" ", 2)
    kept = [lines[0]]
    content_length = 0
    chunked = False
    expects_continue = False
    for line in lines[1:]:
        name, _, value = line.partition(":")
        key = name.strip().lower()
        value = value.strip()
        if key == "content-length":
            content_length = int(value)
        elif key == "transfer-encoding":
            chunked = "chunked" in value.lower()
        elif key == "expect":
            expects_continue = value.lower() == "100-continue"
            continue
        if key in ("connection", "keep-alive", "proxy-connection"):
            continue
        kept.append(line)
    # One request per connection: the site closes after answering, and so do we.
    kept.append("Connection: close")
    return _Request(
        method,
        target,
        ("\r\n".join(kept) + "\r\n\r\n").encode("latin-1"),
        content_length=content_length,
        chunked=chunked,
        expects_continue=expects_continue,
    )


async def _read_body(reader: asyncio.StreamReader, head: _Request, fraction: float = 1.0) -> bytes:
    if head.chunked:
        # Chunks are forwarded as they came (framing included); a cut keeps
        # the first part of those bytes.
        parts = []
        while True:
            size_line = await reader.readuntil(b"\r\n")
            parts.append(size_line)
            size = int(size_line.split(b";")[0].strip(), 16)
            if size == 0:
                while True:
                    trailer = await reader.readuntil(b"\r\n")
                    parts.append(trailer)
                    if trailer == b"\r\n":
                        break
                break
            parts.append(await reader.readexactly(size + 2))
        raw = b"".join(parts)
        return raw[: int(len(raw) * fraction)] if fraction < 1 else raw
    wanted = int(head.content_length * fraction) if fraction < 1 else head.content_length
    return await reader.readexactly(wanted) if wanted else b""


def _status_of(answer: bytes) -> int | None:
    first_line = answer.split(b"\r\n", 1)[0].split()
    if len(first_line) >= 2 and first_line[0].startswith(b"HTTP/") and first_line[1].isdigit():
        return int(first_line[1])
    return None


_REASONS = {429: "Too Many Requests", 500: "Internal Server Error", 502: "Bad Gateway"}


def _portal_answer() -> bytes:
    body = (
        b"<html><head><title>Wi-Fi</title></head><body><form action='/login'>"
        b"Connexion au Wi-Fi de l'h\xc3\xb4tel</form></body></html>\n"
    )
    return (
        b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n"
        + f"Content-Length: {len(body)}\r\n".encode()
        + b"Connection: close\r\n\r\n"
        + body
    )


def _error_answer(status: int, headers: Mapping[str, str] | None = None) -> bytes:
    reason = _REASONS[status]
    extra = "".join(f"{name}: {value}\r\n" for name, value in (headers or {}).items())
    body = (
        f"<html><head><title>{status} {reason}</title></head>"
        f"<body><center><h1>{status} {reason}</h1></center></body></html>\n"
    ).encode()
    return (
        f"HTTP/1.1 {status} {reason}\r\n"
        "Content-Type: text/html\r\n"
        f"Content-Length: {len(body)}\r\n"
        f"{extra}Connection: close\r\n\r\n"
    ).encode() + body
