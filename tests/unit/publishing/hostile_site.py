"""A hostile or broken "site" on 127.0.0.1, for tests: a real socket, real HTTP (and TLS
when given a certificate), answering whatever the test scripts.

``HostileSite(answer)`` runs a threaded ``http.server``; ``answer(handler)`` writes the
whole answer (status, headers, body, as slowly or as much as it likes). Every request's
method, path and headers are recorded in ``seen`` (tests only: a real proxy never keeps
headers, they carry credentials). ``certificates(...)`` makes a CA, and leaf certificates
signed by it or by themselves, with the ``cryptography`` package.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import ipaddress
import ssl
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

LOOPBACK = "127.0.0.1"

Answer = Callable[[BaseHTTPRequestHandler], None]


@dataclass
class Seen:
    method: str
    path: str
    headers: dict[str, str]


@dataclass
class HostileSite:
    answer: Answer
    certificate: tuple[Path, Path] | None = None
    seen: list[Seen] = field(default_factory=list)

    def __post_init__(self) -> None:
        site = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def _any(self) -> None:
                length = int(self.headers.get("content-length") or 0)
                if length:
                    self.rfile.read(length)
                site.seen.append(Seen(self.command, self.path, dict(self.headers.items())))
                # The client giving up mid-answer is what several tests expect.
                with contextlib.suppress(BrokenPipeError, ConnectionResetError, ssl.SSLError):
                    site.answer(self)
                self.close_connection = True

            do_GET = do_POST = do_PUT = do_DELETE = _any

            def log_message(self, format: str, *args: object) -> None:
                pass

        self._server = ThreadingHTTPServer((LOOPBACK, 0), Handler)
        self._server.daemon_threads = True
        if self.certificate is not None:
            context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            context.load_cert_chain(*map(str, self.certificate))
            self._server.socket = context.wrap_socket(self._server.socket, server_side=True)
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def port(self) -> int:
        return int(self._server.server_address[1])

    def url(self, host: str = LOOPBACK) -> str:
        scheme = "https" if self.certificate else "http"
        return f"{scheme}://{host}:{self.port}"

    def __enter__(self) -> HostileSite:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()


def send(
    handler: BaseHTTPRequestHandler,
    status: int,
    body: bytes,
    content_type: str = "application/json",
    **headers: str,
) -> None:
    handler.send_response(status)
    handler.send_header("Content-Type", content_type)
    handler.send_header("Content-Length", str(len(body)))
    for name, value in headers.items():
        handler.send_header(name.replace("_", "-"), value)
    handler.end_headers()
    handler.wfile.write(body)


@dataclass(frozen=True)
class Certificates:
    """A test CA (``ca``, PEM) and certificate/key pairs for 127.0.0.1."""

    ca: Path
    valid: tuple[Path, Path]
    expired: tuple[Path, Path]
    self_signed: tuple[Path, Path]
    other_host: tuple[Path, Path]


def _name(common: str) -> x509.Name:
    return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common)])


def certificates(folder: Path) -> Certificates:
    now = dt.datetime.now(dt.UTC)
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca_cert = (
        x509.CertificateBuilder()
        .subject_name(_name("newsdesk test CA"))
        .issuer_name(_name("newsdesk test CA"))
        .public_key(ca_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=30))
        .not_valid_after(now + dt.timedelta(days=30))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(ca_key, hashes.SHA256())
    )
    ca = folder / "ca.pem"
    ca.write_bytes(ca_cert.public_bytes(serialization.Encoding.PEM))

    def leaf(
        stem: str, *, expired: bool = False, self_signed: bool = False, host: str = LOOPBACK
    ) -> tuple[Path, Path]:
        key = ec.generate_private_key(ec.SECP256R1())
        start, end = (
            (now - dt.timedelta(days=60), now - dt.timedelta(days=1))
            if expired
            else (now - dt.timedelta(days=1), now + dt.timedelta(days=30))
        )
        try:
            alt: x509.GeneralName = x509.IPAddress(ipaddress.ip_address(host))
        except ValueError:
            alt = x509.DNSName(host)
        cert = (
            x509.CertificateBuilder()
            .subject_name(_name(host))
            .issuer_name(_name(host) if self_signed else ca_cert.subject)
            .public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(start)
            .not_valid_after(end)
            .add_extension(x509.SubjectAlternativeName([alt]), critical=False)
            .sign(key if self_signed else ca_key, hashes.SHA256())
        )
        cert_path, key_path = folder / f"{stem}.pem", folder / f"{stem}.key"
        cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
        key_path.write_bytes(
            key.private_bytes(
                serialization.Encoding.PEM,
                serialization.PrivateFormat.PKCS8,
                serialization.NoEncryption(),
            )
        )
        return cert_path, key_path

    return Certificates(
        ca=ca,
        valid=leaf("valid"),
        expired=leaf("expired", expired=True),
        self_signed=leaf("self-signed", self_signed=True),
        other_host=leaf("other-host", host="www.example.org"),
    )
