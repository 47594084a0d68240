"""A real WordPress on 127.0.0.1 for newsdesk's integration tests.

Debian's packages (tests/wordpress/setup.sh) provide WordPress, PHP and
MariaDB; this module runs a private copy of each in one run directory:

- a MariaDB with its own data folder, socket and port, started without any
  system configuration;
- a WordPress configuration in /etc/wordpress, the one place Debian's
  wp-config.php reads it from, under a per-run name so that runs never share
  a database;
- PHP's built-in server with four workers and tests/wordpress/php/router.php;
- a database dump taken right after installation, so that ``reset()`` gives
  every test a clean site in about a tenth of a second.

Accounts (``admin``, ``reporter`` with the Author role, ``editor``) get
Application Passwords. They are attributes of the ``WordPress`` object and are
kept in the run directory with mode 0600 so that ``reset``/``stop`` from the
command line can find the site again; they are never printed or logged.

API roots: a fresh site has plain permalinks, where ``/wp-json/...`` is not
the API (routes answer 301 to the home page) and the API lives at
``BASE/index.php?rest_route=/`` (``BASE/?rest_route=/`` works too); the home
page says so in its ``Link: <BASE/index.php?rest_route=/>;
rel="https://api.w.org/"`` header, and further query parameters are joined with ``&``.
``use_pretty_permalinks()`` switches the site to ``/%postname%/`` links, where
the header becomes ``<BASE/wp-json/>``: clients must discover the root, never
assume one. Every URL the site prints follows the request's Host header, so
a client talking through tests/faultproxy.py stays behind the proxy.

Command line (the site keeps running between commands)::

    python -m tests.wordpress.harness start DIR
    python -m tests.wordpress.harness reset DIR
    python -m tests.wordpress.harness stop DIR
"""

from __future__ import annotations

import argparse
import atexit
import contextlib
import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
SETUP_SCRIPT = HERE / "setup.sh"
WEB_ROOT = Path("/usr/share/wordpress")
CONFIG_DIR = Path("/etc/wordpress")
PACKAGES = (
    "wordpress",
    "php-cli",
    "php-mysql",
    "php-gd",
    "php-mbstring",
    "php-xml",
    "php-curl",
    "mariadb-server",
    "mariadb-client",
    "curl",
)
DATABASE = "wordpress"
DB_USER = "wordpress"
THEME = "newsdesk-test"
PHP_WORKERS = 4
STATE_FILE = "state.json"
ACCOUNTS_FILE = "accounts.json"
# The site's own limits, as a real news site sets them: photos from a phone
# are several megabytes, and PHP's defaults (2 MB, 8 MB) would turn a
# perfectly normal upload into an error that no real site gives.
PHP_SETTINGS = (
    "display_errors=Off",
    "log_errors=On",
    "upload_max_filesize=64M",
    "post_max_size=64M",
    "memory_limit=512M",
    # One compiled copy of WordPress shared by the workers: requests are
    # several times faster than recompiling every file each time.
    "opcache.enable_cli=1",
)


class HarnessError(RuntimeError):
    """The test site could not be set up, started, reset or stopped."""


@dataclass(frozen=True)
class Account:
    """A user of the test site. Secrets stay out of repr() and test reports."""

    username: str
    role: str
    user_id: int
    app_password: str = field(repr=False)
    login_password: str = field(repr=False)

    @property
    def auth(self) -> tuple[str, str]:
        """Basic-auth pair for the REST API (username, Application Password)."""
        return (self.username, self.app_password)


def missing_packages() -> list[str]:
    result = subprocess.run(
        ["dpkg-query", "-W", "-f=${Package} ${db:Status-Abbrev}\n", *PACKAGES],
        capture_output=True,
        text=True,
        check=False,
    )
    # "ii" is installed; unknown packages appear only on stderr.
    installed = {
        line.split()[0].split(":")[0]
        for line in result.stdout.splitlines()
        if len(line.split()) >= 2 and line.split()[1] == "ii"
    }
    return [package for package in PACKAGES if package not in installed]


def ensure_installed() -> str | None:
    """Install the packages when possible; return why the site cannot run, or None."""
    if shutil.which("dpkg-query") is None:
        return "the WordPress tests need Debian's packages (dpkg not found)"
    missing = missing_packages()
    if missing:
        if os.geteuid() != 0:
            return (
                f"WordPress packages missing ({' '.join(missing)}) and not root: "
                f"run 'sudo bash {SETUP_SCRIPT}' once"
            )
        result = subprocess.run(["bash", str(SETUP_SCRIPT)], capture_output=True, text=True)
        if result.returncode != 0:
            raise HarnessError(f"{SETUP_SCRIPT} failed:\n{result.stdout}\n{result.stderr}")
    if not os.access(CONFIG_DIR, os.W_OK):
        return f"{CONFIG_DIR} is not writable: run the WordPress tests as root"
    return None


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def _child_pids(pid: int) -> list[int]:
    children = Path(f"/proc/{pid}/task/{pid}/children")
    with contextlib.suppress(OSError):
        return [int(child) for child in children.read_text().split()]
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        with contextlib.suppress(OSError, ValueError, IndexError):
            # The command name may contain spaces and parentheses: split after the last ')'.
            fields = stat.read_text().rsplit(")", 1)[1].split()
            if int(fields[1]) == pid:
                found.append(int(stat.parent.name))
    return found


def _cmdline(pid: int) -> list[str]:
    try:
        raw = Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return []
    return [part.decode(errors="replace") for part in raw.split(b"\0") if part]


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    # A zombie has exited; only its parent's wait() is missing.
    with contextlib.suppress(OSError):
        if Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] == "Z":
            return False
    return True


def _terminate(pid: int, *, expect: str, timeout: float = 10.0) -> None:
    """Stop one process we started, by PID, after checking it is still ours.

    A PID written in a state file may have been reused by an unrelated process
    since: only a process whose command line contains ``expect`` is signalled.
    """
    if not _alive(pid) or not any(expect in part for part in _cmdline(pid)):
        return
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, signal.SIGTERM)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if not _alive(pid):
            return
        # Reap it if it is our child, so it does not linger as a zombie.
        with contextlib.suppress(ChildProcessError):
            os.waitpid(pid, os.WNOHANG)
        time.sleep(0.02)
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, signal.SIGKILL)
    with contextlib.suppress(ChildProcessError):
        os.waitpid(pid, 0)


class WordPress:
    """One private WordPress site: ``start()``, ``reset()`` between tests, ``stop()``.

    Attributes for tests: ``base_url`` (``http://127.0.0.1:PORT``), ``api_root``
    (the discovered form for the current permalinks), ``port``, ``reporter``,
    ``editor`` and ``admin`` (``Account``), ``content_dir`` (uploads live in
    ``content_dir / "uploads"``), ``run_dir``.
    """

    def __init__(self, run_dir: Path) -> None:
        self.run_dir = run_dir
        self.db_port = 0
        self.port = 0
        self.config_name = ""
        # MariaDB's folders live apart, in a short path under /tmp: the mysql
        # user must be able to reach them (a pytest tmp_path is private to
        # root) and a Unix socket path may not exceed 107 bytes.
        self.db_dir: Path | None = None
        self.mariadb_pid: int | None = None
        self.php_pid: int | None = None
        self.php_worker_pids: list[int] = []
        self.watcher_pid: int | None = None
        self.owns_run_dir = False
        self.pretty_permalinks = False
        self.accounts: dict[str, Account] = {}
        self._children: list[subprocess.Popen[bytes]] = []
        self._stopped = False
        self._db_password = ""
        self.timings: dict[str, float] = {}

    # ---------------------------------------------------------------- paths

    @property
    def data_dir(self) -> Path:
        assert self.db_dir is not None
        return self.db_dir / "data"

    @property
    def socket_dir(self) -> Path:
        assert self.db_dir is not None
        return self.db_dir / "run"

    @property
    def db_socket(self) -> Path:
        return self.socket_dir / "mariadb.sock"

    @property
    def content_dir(self) -> Path:
        return self.run_dir / "wp-content"

    @property
    def uploads_dir(self) -> Path:
        return self.content_dir / "uploads"

    @property
    def dump_file(self) -> Path:
        return self.run_dir / "clean-site.sql"

    @property
    def config_file(self) -> Path:
        return CONFIG_DIR / f"config-{self.config_name}.php"

    @property
    def client_config(self) -> Path:
        return self.run_dir / "client.cnf"

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def api_root(self) -> str:
        if self.pretty_permalinks:
            return f"{self.base_url}/wp-json/"
        # What WordPress itself announces: index.php spares clients a redirect.
        return f"{self.base_url}/index.php?rest_route=/"

    def api_url(self, route: str, params: Mapping[str, str | int] | None = None) -> str:
        """URL of a REST route such as ``/wp/v2/posts`` in the current permalink form.

        Query parameters belong here, not in httpx's ``params=``: httpx replaces
        the URL's query with them, which throws ``rest_route`` away.
        """
        url = self.api_root + route.lstrip("/")
        if params:
            url += ("&" if "?" in url else "?") + urlencode(params)
        return url

    @property
    def reporter(self) -> Account:
        return self.accounts["reporter"]

    @property
    def editor(self) -> Account:
        return self.accounts["editor"]

    @property
    def admin(self) -> Account:
        return self.accounts["admin"]

    # ---------------------------------------------------------------- start

    @classmethod
    def start(cls, run_dir: Path | None = None, *, detach: bool = False) -> WordPress:
        """Install and start a fresh site; stopped at exit unless ``detach``.

        ``run_dir`` must be empty or missing; without it a temporary folder is
        made and removed again by ``stop()``. ``detach`` leaves the processes
        running after this Python process ends (the command line's ``start``).
        """
        reason = ensure_installed()
        if reason is not None:
            raise HarnessError(reason)
        owns = run_dir is None
        if run_dir is None:
            run_dir = Path(tempfile.mkdtemp(prefix="newsdesk-wp-"))
        run_dir.mkdir(parents=True, exist_ok=True)
        if any(run_dir.iterdir()):
            raise HarnessError(f"{run_dir} is not empty: give a new folder for the site")
        site = cls(run_dir)
        site.owns_run_dir = owns
        if not detach:
            atexit.register(site.stop)
            site._save_state()
            site._start_watcher()
        try:
            site._start(detach=detach)
        except BaseException:
            site.stop()
            raise
        return site

    def _start_watcher(self) -> None:
        """A sentinel process that stops the site if this process dies without
        running its atexit handlers (SIGKILL, SIGTERM, a crashed interpreter)."""
        with open(self.run_dir / "watcher.log", "ab") as log:
            watcher = subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "tests.wordpress.harness",
                    "watch",
                    str(os.getpid()),
                    str(self.run_dir),
                ],
                cwd=REPO,
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                # Out of the terminal's process group: a Ctrl-C reaches pytest,
                # whose atexit handler stops the site, and the watcher stays
                # to clean up should that handler never run.
                start_new_session=True,
            )
        self._children.append(watcher)
        self.watcher_pid = watcher.pid
        self._save_state()

    def _start(self, *, detach: bool) -> None:
        timings: dict[str, float] = {}
        began = time.perf_counter()
        self.config_name = f"newsdesk-{secrets.token_hex(6)}"
        self._save_state()
        self._start_mariadb(detach=detach)
        timings["mariadb"] = time.perf_counter() - began
        self._write_site_config()
        self._install()
        timings["install"] = time.perf_counter() - began
        self._dump()
        self._start_php(detach=detach)
        timings["php"] = time.perf_counter() - began
        self.timings = timings

    def _db_os_user(self) -> str:
        return "mysql" if os.geteuid() == 0 else _current_user()

    def _spawn(
        self, argv: list[str], log_name: str, *, detach: bool, env: dict[str, str] | None = None
    ) -> subprocess.Popen[bytes]:
        with open(self.run_dir / log_name, "ab") as log:
            process = subprocess.Popen(
                argv,
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                env=env,
                # Detached sites outlive the command that started them and
                # must not receive its terminal's Ctrl-C.
                start_new_session=detach,
            )
        self._children.append(process)
        return process

    def _start_mariadb(self, *, detach: bool) -> None:
        os_user = self._db_os_user()
        self.db_dir = Path(tempfile.mkdtemp(prefix="newsdesk-wp-db-"))
        self._save_state()
        self.db_dir.chmod(0o711)
        self.data_dir.mkdir()
        self.socket_dir.mkdir()
        if os.geteuid() == 0:
            # "Bind on unix socket: Permission denied" otherwise.
            shutil.chown(self.socket_dir, user="mysql", group="mysql")
            shutil.chown(self.data_dir, user="mysql", group="mysql")
        result = subprocess.run(
            [
                "mariadb-install-db",
                "--no-defaults",
                f"--user={os_user}",
                f"--datadir={self.data_dir}",
                "--skip-test-db",
                "--skip-name-resolve",
                "--auth-root-authentication-method=socket",
            ],
            capture_output=True,
            text=True,
        )
        if result.returncode != 0:
            raise HarnessError(f"mariadb-install-db failed:\n{result.stdout}\n{result.stderr}")
        for attempt in range(3):
            self.db_port = _free_port()
            self._save_state()
            process = self._spawn(
                [
                    "mariadbd",
                    "--no-defaults",
                    f"--user={os_user}",
                    f"--datadir={self.data_dir}",
                    f"--socket={self.db_socket}",
                    f"--port={self.db_port}",
                    "--bind-address=127.0.0.1",
                    f"--pid-file={self.socket_dir / 'mariadbd.pid'}",
                    f"--log-error={self.socket_dir / 'mariadb.log'}",
                    "--skip-name-resolve",
                    "--skip-log-bin",
                    # A throwaway database: durability only costs time here.
                    "--innodb-flush-log-at-trx-commit=0",
                    "--innodb-doublewrite=0",
                    "--innodb-buffer-pool-size=64M",
                    "--max-allowed-packet=64M",
                ],
                "mariadb.out",
                detach=detach,
            )
            self.mariadb_pid = process.pid
            self._save_state()
            if self._wait_for_mariadb(process):
                break
            if attempt == 2:
                raise HarnessError(f"mariadbd did not start; see {self.socket_dir / 'mariadb.log'}")
        self._db_password = secrets.token_urlsafe(18)
        self._sql_as_admin(
            f"CREATE DATABASE {DATABASE} CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;"
            f"CREATE USER '{DB_USER}'@'localhost' IDENTIFIED BY '{self._db_password}';"
            f"CREATE USER '{DB_USER}'@'127.0.0.1' IDENTIFIED BY '{self._db_password}';"
            f"GRANT ALL ON {DATABASE}.* TO '{DB_USER}'@'localhost';"
            f"GRANT ALL ON {DATABASE}.* TO '{DB_USER}'@'127.0.0.1';"
        )
        # Dumps and restores read the password from this file, never from argv.
        fd = os.open(self.client_config, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as cnf:
            cnf.write(
                f"[client]\nuser={DB_USER}\npassword={self._db_password}\nsocket={self.db_socket}\n"
            )

    def _wait_for_mariadb(self, process: subprocess.Popen[bytes], timeout: float = 30.0) -> bool:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if process.poll() is not None:
                return False
            with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as probe:
                try:
                    probe.connect(str(self.db_socket))
                except OSError:
                    time.sleep(0.05)
                    continue
                return True
        return False

    def _sql_as_admin(self, sql: str) -> None:
        # The administrator account authenticates by the OS user on the socket.
        user = "root" if os.geteuid() == 0 else _current_user()
        result = subprocess.run(
            ["mariadb", "--no-defaults", f"--socket={self.db_socket}", f"--user={user}"],
            input=sql,
            capture_output=True,
            text=True,
        )
        if result.returncode != 0:
            raise HarnessError(f"mariadb failed: {result.stderr.strip()}")

    def _write_site_config(self) -> None:
        self.content_dir.mkdir()
        self.uploads_dir.mkdir()
        (self.content_dir / "plugins").mkdir()
        (self.content_dir / "mu-plugins").mkdir()
        (self.content_dir / "themes").mkdir()
        (self.content_dir / "themes" / THEME).symlink_to(HERE / "theme")
        shutil.copy(HERE / "php" / "newsdesk-test-site.php", self.content_dir / "mu-plugins")
        salts = "\n".join(
            f"define('{name}', '{secrets.token_hex(32)}');"
            for name in (
                "AUTH_KEY",
                "SECURE_AUTH_KEY",
                "LOGGED_IN_KEY",
                "NONCE_KEY",
                "AUTH_SALT",
                "SECURE_AUTH_SALT",
                "LOGGED_IN_SALT",
                "NONCE_SALT",
            )
        )
        config = f"""<?php
// Written by newsdesk's tests/wordpress/harness.py for the test run in
// {self.run_dir}; removed when that run stops.
define('DB_NAME', '{DATABASE}');
define('DB_USER', '{DB_USER}');
define('DB_PASSWORD', '{self._db_password}');
define('DB_HOST', 'localhost:{self.db_socket}');
define('DB_CHARSET', 'utf8mb4');
define('DB_COLLATE', '');
// Application Passwords need HTTPS unless the site says it is a local one.
define('WP_ENVIRONMENT_TYPE', 'local');
define('DISABLE_WP_CRON', true);
define('WP_HTTP_BLOCK_EXTERNAL', true);
define('AUTOMATIC_UPDATER_DISABLED', true);
// PHP 8.2 deprecation notices printed into a response would corrupt its JSON.
define('WP_DEBUG', false);
define('WP_DEBUG_DISPLAY', false);
define('WP_CONTENT_DIR', '{self.content_dir}');
// Links follow the Host the client used, so that a client talking through the
// fault-injecting proxy is sent back to the proxy, not around it.
$newsdesk_host = preg_replace('/[^A-Za-z0-9.:\\[\\]-]/', '', $_SERVER['HTTP_HOST'] ?? '127.0.0.1');
define('WP_HOME', 'http://' . $newsdesk_host);
define('WP_SITEURL', 'http://' . $newsdesk_host);
define('WP_CONTENT_URL', 'http://' . $newsdesk_host . '/wp-content');
{salts}
$table_prefix = 'wp_';
"""
        fd = os.open(self.config_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o640)
        with os.fdopen(fd, "w") as out:
            out.write(config)
        self._save_state()

    def _php_env(self) -> dict[str, str]:
        env = dict(os.environ)
        env["NEWSDESK_WP_CONFIG"] = self.config_name
        env["NEWSDESK_WP_CONTENT_DIR"] = str(self.content_dir)
        return env

    def _php_settings(self) -> list[str]:
        settings = [*PHP_SETTINGS, f"error_log={self.run_dir / 'php-errors.log'}"]
        return [arg for setting in settings for arg in ("-d", setting)]

    def _install(self) -> None:
        self.port = _free_port()
        self._save_state()
        passwords = {name: secrets.token_urlsafe(16) for name in ("admin", "reporter", "editor")}
        env = self._php_env()
        env.update(
            NEWSDESK_WP_HOST=f"127.0.0.1:{self.port}",
            NEWSDESK_WP_PORT=str(self.port),
            NEWSDESK_WP_LOGIN_PASSWORDS=json.dumps(passwords),
            NEWSDESK_WP_ACCOUNTS_FILE=str(self.run_dir / ACCOUNTS_FILE),
        )
        result = subprocess.run(
            ["php", *self._php_settings(), str(HERE / "php" / "install.php")],
            env=env,
            capture_output=True,
            text=True,
        )
        if result.returncode != 0:
            raise HarnessError(f"WordPress installation failed:\n{result.stdout}\n{result.stderr}")
        self._load_accounts()

    def _load_accounts(self) -> None:
        raw = json.loads((self.run_dir / ACCOUNTS_FILE).read_text())
        self.accounts = {
            name: Account(
                username=name,
                role=data["role"],
                user_id=data["user_id"],
                app_password=data["app_password"],
                login_password=data["login_password"],
            )
            for name, data in raw.items()
        }

    def _start_php(self, *, detach: bool) -> None:
        env = self._php_env()
        env["PHP_CLI_SERVER_WORKERS"] = str(PHP_WORKERS)
        for attempt in range(3):
            if attempt:
                self.port = _free_port()
            process = self._spawn(
                [
                    "php",
                    *self._php_settings(),
                    "-S",
                    f"127.0.0.1:{self.port}",
                    "-t",
                    str(WEB_ROOT),
                    str(HERE / "php" / "router.php"),
                ],
                "php-server.log",
                detach=detach,
                env=env,
            )
            self.php_pid = process.pid
            self._save_state()
            if self._wait_for_site(process):
                break
            _terminate(process.pid, expect="-S")
            if attempt == 2:
                raise HarnessError(f"php -S did not answer; see {self.run_dir / 'php-server.log'}")
        self.php_worker_pids = _child_pids(process.pid)
        self._save_state()

    def _wait_for_site(self, process: subprocess.Popen[bytes], timeout: float = 30.0) -> bool:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if process.poll() is not None:
                return False
            try:
                with urllib.request.urlopen(self.api_root, timeout=5) as answer:
                    if answer.status == 200:
                        return True
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                time.sleep(0.05)
        return False

    def _dump(self) -> None:
        with open(self.dump_file, "wb") as out:
            result = subprocess.run(
                [
                    "mariadb-dump",
                    f"--defaults-file={self.client_config}",
                    "--single-transaction",
                    "--skip-comments",
                    DATABASE,
                ],
                stdout=out,
                stderr=subprocess.PIPE,
            )
        if result.returncode != 0:
            raise HarnessError(f"mariadb-dump failed: {result.stderr.decode(errors='replace')}")

    # ---------------------------------------------------------------- reset

    def log_files(self) -> list[Path]:
        """The logs of the site's processes (requests, PHP errors, MariaDB)."""
        logs = [*self.run_dir.glob("*.log"), *self.run_dir.glob("*.out")]
        if self.db_dir is not None:
            logs.append(self.socket_dir / "mariadb.log")
        return [path for path in logs if path.is_file()]

    def reset(self) -> float:
        """Bring back the freshly installed site; return the seconds it took."""
        began = time.perf_counter()
        with open(self.dump_file, "rb") as dump:
            result = subprocess.run(
                ["mariadb", f"--defaults-file={self.client_config}", DATABASE],
                stdin=dump,
                capture_output=True,
            )
        if result.returncode != 0:
            raise HarnessError(
                f"restoring the site failed: {result.stderr.decode(errors='replace')}"
            )
        self.pretty_permalinks = False
        shutil.rmtree(self.uploads_dir, ignore_errors=True)
        self.uploads_dir.mkdir(exist_ok=True)
        self._save_state()
        return time.perf_counter() - began

    def use_pretty_permalinks(self) -> None:
        """Switch to ``/%postname%/`` links; the API moves to ``/wp-json/``.

        WordPress rebuilds its rewrite rules on the next request when the
        stored ones are missing, so two SQL statements are enough.
        """
        self._sql(
            "UPDATE wp_options SET option_value = '/%postname%/' "
            "WHERE option_name = 'permalink_structure';"
            "DELETE FROM wp_options WHERE option_name = 'rewrite_rules';"
        )
        self.pretty_permalinks = True
        self._save_state()

    def _sql(self, sql: str) -> str:
        result = subprocess.run(
            ["mariadb", f"--defaults-file={self.client_config}", "--batch", DATABASE],
            input=sql,
            capture_output=True,
            text=True,
        )
        if result.returncode != 0:
            raise HarnessError(f"mariadb failed: {result.stderr.strip()}")
        return result.stdout

    def query(self, sql: str) -> list[list[str]]:
        """Rows of a SQL query on the site's database, for checks the API cannot make.

        Values come back as the exact stored text (newlines and tabs included);
        SQL NULL comes back as the string ``NULL``.
        """
        output = self._sql(sql).removesuffix("\n")
        lines = output.split("\n") if output else []
        # The client's batch mode escapes \\, \n, \t and \0 inside values.
        return [
            [_BATCH_ESCAPE.sub(_unescape, value) for value in line.split("\t")]
            for line in lines[1:]
        ]

    # ---------------------------------------------------------------- stop

    def stop(self) -> None:
        """Stop everything this site started, by PID, and remove what it wrote."""
        if self._stopped:
            return
        self._stopped = True
        with contextlib.suppress(Exception):
            atexit.unregister(self.stop)
        if self.watcher_pid is not None and self.watcher_pid != os.getpid():
            _terminate(self.watcher_pid, expect="watch")
        if self.php_pid is not None:
            # Workers survive a SIGTERM to their parent: stop them first.
            workers = set(self.php_worker_pids)
            if _alive(self.php_pid):
                workers.update(_child_pids(self.php_pid))
            server_flag = f"127.0.0.1:{self.port}"
            for pid in sorted(workers):
                _terminate(pid, expect=server_flag)
            _terminate(self.php_pid, expect=server_flag)
        if self.mariadb_pid is not None:
            _terminate(self.mariadb_pid, expect="mariadbd", timeout=30.0)
        for process in self._children:
            with contextlib.suppress(Exception):
                process.wait(timeout=1)
        if self.db_dir is not None:
            shutil.rmtree(self.db_dir, ignore_errors=True)
        if self.config_name:
            self.config_file.unlink(missing_ok=True)
        if self.owns_run_dir:
            shutil.rmtree(self.run_dir, ignore_errors=True)
        else:
            with contextlib.suppress(FileNotFoundError):
                (self.run_dir / STATE_FILE).unlink()

    def __enter__(self) -> WordPress:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # ---------------------------------------------------------------- state

    def _save_state(self) -> None:
        state = {
            "db_port": self.db_port,
            "port": self.port,
            "config_name": self.config_name,
            "db_dir": str(self.db_dir) if self.db_dir else None,
            "mariadb_pid": self.mariadb_pid,
            "php_pid": self.php_pid,
            "php_worker_pids": self.php_worker_pids,
            "watcher_pid": self.watcher_pid,
            "pretty_permalinks": self.pretty_permalinks,
            "owns_run_dir": self.owns_run_dir,
        }
        temporary = self.run_dir / (STATE_FILE + ".new")
        temporary.write_text(json.dumps(state, indent=1))
        temporary.replace(self.run_dir / STATE_FILE)

    @classmethod
    def attach(cls, run_dir: Path) -> WordPress:
        """The site started earlier in ``run_dir`` (by the command line)."""
        state_file = run_dir / STATE_FILE
        if not state_file.exists():
            raise HarnessError(f"no test site in {run_dir}")
        state = json.loads(state_file.read_text())
        site = cls(run_dir)
        site.db_port = state["db_port"]
        site.port = state["port"]
        site.config_name = state["config_name"]
        site.db_dir = Path(state["db_dir"]) if state["db_dir"] else None
        site.mariadb_pid = state["mariadb_pid"]
        site.php_pid = state["php_pid"]
        site.php_worker_pids = state["php_worker_pids"]
        site.watcher_pid = state.get("watcher_pid")
        site.pretty_permalinks = state["pretty_permalinks"]
        site.owns_run_dir = state["owns_run_dir"]
        if (run_dir / ACCOUNTS_FILE).exists():
            site._load_accounts()
        return site


_BATCH_ESCAPE = re.compile(r"\\(.)")
_BATCH_CHARACTERS = {"n": "\n", "t": "\t", "0": "\0", "\\": "\\"}


def _unescape(match: re.Match[str]) -> str:
    return _BATCH_CHARACTERS.get(match.group(1), match.group(0))


def _current_user() -> str:
    import pwd

    return pwd.getpwuid(os.geteuid()).pw_name


def _watch(parent: int, run_dir: Path) -> int:
    """Wait for ``parent`` to end; stop its site if it did not stop it itself."""
    state_file = run_dir / STATE_FILE
    while True:
        time.sleep(0.5)
        if not state_file.exists():
            return 0
        if os.getppid() != parent or not _alive(parent):
            with contextlib.suppress(HarnessError, OSError, ValueError, KeyError):
                WordPress.attach(run_dir).stop()
            return 0


def main(argv: list[str] | None = None) -> int:
    if argv is None:
        argv = sys.argv[1:]
    if argv[:1] == ["watch"] and len(argv) == 3:
        return _watch(int(argv[1]), Path(argv[2]))
    parser = argparse.ArgumentParser(
        prog="python -m tests.wordpress.harness",
        description="Start, reset or stop newsdesk's WordPress test site.",
    )
    parser.add_argument("command", choices=["start", "reset", "stop"])
    parser.add_argument("dir", type=Path, help="the site's run directory")
    args = parser.parse_args(argv)
    run_dir: Path = args.dir.resolve()
    try:
        if args.command == "start":
            began = time.perf_counter()
            site = WordPress.start(run_dir, detach=True)
            print(f"WordPress started in {time.perf_counter() - began:.2f} s")
            print(f"base_url  {site.base_url}")
            print(f"api_root  {site.api_root}")
            print(f"accounts  {', '.join(site.accounts)} (passwords in {run_dir / ACCOUNTS_FILE})")
        elif args.command == "reset":
            seconds = WordPress.attach(run_dir).reset()
            print(f"WordPress reset in {seconds:.3f} s")
        else:
            WordPress.attach(run_dir).stop()
            print("WordPress stopped")
    except HarnessError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
