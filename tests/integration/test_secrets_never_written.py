"""The site password is written nowhere but the keyring: the command line, for real.

``newsdesk`` runs here as the reporter runs it, in processes of its own, with the real
Secret Service of the test run's session bus (/tmp/pt.sh, tests/run) and the real
WordPress: it connects the site (the application password on standard input),
imports, publishes, syncs and backs everything up. Then the password (as typed, without
its spaces, URL-encoded, in UTF-16, as the base64 of ``Authorization: Basic``) and the
header itself are searched for in every file of the data folder (SQLite's -wal and -shm
included, the backup archives opened), in every new file under /tmp and the desktop
folders (XDG data, cache, config), in the command lines and environments of the
processes while they ran, and in all they printed: nothing.

And with newsdesk's loggers and httpx's at DEBUG, requests that fail (a 500, a dropped
connection) leave no Authorization header and no password in the records nor the log.
"""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest

from newsdesk import services
from newsdesk.credentials import CredentialStore
from newsdesk.logs import log_file, log_to_data_folder
from newsdesk.paths import Paths
from newsdesk.storage.store import Store
from newsdesk.sync import outbox
from tests.faultproxy import FaultProxy
from tests.integration.publish_helpers import LAVROV, make_desk, posts_with_marker
from tests.integration.secret_scan import (
    Listing,
    ProcessWatch,
    Secret,
    desktop_roots,
    file_hits,
    files_under,
    tree_hits,
)
from tests.wordpress.harness import WordPress

pytestmark = [
    pytest.mark.wordpress,
    pytest.mark.keyring,
    pytest.mark.usefixtures("session_keyring"),
]

SITE = "actu"


class Cli:
    """``python -m newsdesk --data-dir DIR ...`` in a process of its own; keeps all it
    printed, on either stream."""

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = data_dir
        self.printed: list[str] = []
        self.env = {k: v for k, v in os.environ.items() if k != "NEWSDESK_HOME"}
        self.env["LANG"] = "fr_FR.UTF-8"

    def __call__(self, *argv: str, stdin: str = "") -> str:
        done = subprocess.run(
            [sys.executable, "-m", "newsdesk", "--data-dir", str(self.data_dir), *argv],
            input=stdin,
            capture_output=True,
            text=True,
            env=self.env,
            timeout=300,
        )
        self.printed += [done.stdout, done.stderr]
        assert done.returncode == 0, (argv, done.stderr)
        return done.stdout


def test_the_command_line_leaves_the_password_nowhere(
    wp: WordPress, data_dir: Path, tmp_path: Path, keyring_here: CredentialStore
) -> None:
    secret = Secret(wp.reporter.username, wp.reporter.app_password)
    cli = Cli(data_dir)
    roots = desktop_roots(data_dir)
    before = Listing.take(roots)
    archive = tmp_path / "sauvegarde.zip"
    try:
        with ProcessWatch(secret) as watch:
            cli(
                "site", "add", wp.base_url, "--user", secret.username, "--name", SITE,
                "--password-stdin",
                stdin=secret.password + "\n",
            )  # fmt: skip
            assert keyring_here.get(SITE, secret.username) == secret.password
            cli("import", str(LAVROV))
            [article] = json.loads(cli("list", "--json"))["articles"]
            link = cli("publish", article["id"]).strip()
            assert link.startswith(wp.base_url)
            assert len(posts_with_marker(wp, article["id"])) == 1
            cli("status", article["id"], "--json")
            cli("site", "list", "--json")
            cli("sync")
            cli("backup", "-o", str(archive))
        # The daily archive and the store's own backup file, as the window makes them.
        paths = Paths(data_dir)
        assert services.daily_backup(paths) is not None
        with Store.open(paths) as store:
            store.backup()
    finally:
        keyring_here.delete(SITE, secret.username)

    assert watch.saw("newsdesk --data-dir") and watch.saw(" publish "), list(watch.commands())
    assert watch.hits == []
    assert [hit for text in cli.printed for hit in secret.hits(text.encode())] == []

    written = files_under(data_dir)
    names = {p.relative_to(data_dir).as_posix() for p in written}
    assert "newsdesk.sqlite3" in names
    assert any(n.startswith("backups/") and n.endswith(".zip") for n in names), names
    assert any(n.startswith("backups/") and not n.endswith(".zip") for n in names), names
    assert tree_hits(secret, data_dir) == []
    assert file_hits(secret, archive) == []

    new = Listing.take(roots).changed_since(before)
    found = [hit for path in new for hit in file_hits(secret, Path(path), header_too=False)]
    assert found == []


def test_failing_requests_logged_at_debug_carry_no_authorization(
    wp: WordPress,
    fault_proxy: FaultProxy,
    paths: Paths,
    caplog: pytest.LogCaptureFixture,
) -> None:
    secret = Secret(wp.reporter.username, wp.reporter.app_password)
    root = logging.getLogger()
    levels = {name: logging.getLogger(name).level for name in ("", "httpx", "httpcore")}
    handler = log_to_data_folder(paths, logging.DEBUG)
    assert handler is not None
    for name in levels:
        logging.getLogger(name).setLevel(logging.DEBUG)
    caplog.set_level(logging.DEBUG)
    # Every request of the first drains fails: a crashed site, then a dropped connection.
    fault_proxy.add(*["status_500", "drop_before", "status_502"] * 4)
    store = Store.open(paths)
    try:
        desk = make_desk(wp, store, api_root=f"{fault_proxy.base_url}/index.php?rest_route=/")
        article = desk.lavrov()
        outbox.queue_publish(store, article.id, SITE)
        for _ in range(3):
            report = desk.drain()
            assert all(r.state != "done" for r in report.results), report
            desk.clock.advance(minutes=11)
        desk.drain_until_settled()  # and then it goes through, with the password
        assert len(posts_with_marker(wp, article.id)) == 1
    finally:
        store.close()
        root.removeHandler(handler)
        handler.close()
        for name, level in levels.items():
            logging.getLogger(name).setLevel(level)

    modes = {str(mode) for mode in fault_proxy.modes()}
    assert {"status_500", "drop_before", "pass"} <= modes
    # The records as they were made, before the log file's redaction: none to redact.
    raw = caplog.text
    assert any(r.name.startswith("httpcore") for r in caplog.records)  # DEBUG was on
    assert "HTTP/1.1 500" in raw and "failed exception=" in raw  # the failures logged
    assert secret.hits(raw.encode()) == []
    logged = log_file(paths).read_bytes()
    assert b"httpcore" in logged and b"DEBUG" in logged and b"HTTP/1.1 500" in logged
    assert secret.hits(logged) == []


def test_a_crash_whose_message_holds_the_headers_leaves_them_nowhere(
    wp: WordPress,
    data_dir: Path,
    keyring_here: CredentialStore,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The worst case: an exception that quotes the request's headers (a library's bug,
    a debugging line left in) while the command line publishes. Its text must reach
    neither the output, nor the log, nor the outbox's record of the failure."""
    import io

    import httpx

    from newsdesk.cli import main

    secret = Secret(wp.reporter.username, wp.reporter.app_password)
    monkeypatch.setenv("LANG", "fr_FR.UTF-8")
    printed: list[str] = []

    def run(*argv: str, stdin: str = "") -> int:
        out, err = io.StringIO(), io.StringIO()
        monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
        code = main(["--data-dir", str(data_dir), *argv], stdout=out, stderr=err)
        printed.extend((out.getvalue(), err.getvalue()))
        return code

    try:
        assert run(
            "site", "add", wp.base_url, "--user", secret.username, "--name", SITE,
            "--password-stdin",
            stdin=secret.password + "\n",
        ) == 0  # fmt: skip
        assert run("import", str(LAVROV)) == 0
        with Store.open(Paths(data_dir)) as store:
            [article] = store.list_articles()

        def quoting(transport: httpx.HTTPTransport, request: httpx.Request) -> None:
            # Below the client's auth flow: the request carries its Authorization here.
            assert "authorization" in request.headers
            raise RuntimeError(f"sending {request.method}: {dict(request.headers)}")

        monkeypatch.setattr(httpx.HTTPTransport, "handle_request", quoting)
        code = run("publish", article.id)
        monkeypatch.undo()
    finally:
        keyring_here.delete(SITE, secret.username)
    assert code != 0
    assert printed[-1].strip(), "the failure is said"
    # The header's name may be quoted, never its value (blanked as « [redacted] »).
    blanked = [h for t in printed for h in secret.hits(t.encode(), blanked_ok=True)]
    assert blanked == []
    assert "[redacted]" in printed[-1]  # the exception did quote the request
    for path in files_under(data_dir):
        assert secret.hits(path.read_bytes(), blanked_ok=True) == [], path
    logged = (data_dir / "logs" / "newsdesk.log").read_text(encoding="utf-8")
    assert "RuntimeError" in logged  # the crash is in the log, its secret blanked
