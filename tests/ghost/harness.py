"""A real Ghost 6 on 127.0.0.1 for the integration tests.

``setup.sh`` installs Node 22 and Ghost into a cache folder the machine keeps. Here:

- ``ensure_installed()`` runs it (cheap when the cache is complete) and gives Ghost's
  folder;
- ``template()`` bootstraps once per cache (owner set up, a session, an integration
  with its Admin API key) and keeps that database and content folder beside Ghost;
- ``Ghost.start()`` copies the template into a fresh folder and starts Ghost on a free
  port of 127.0.0.1; ``stop()`` stops, by PID, the one process it started (it also dies
  with the process that started it: ``PR_SET_PDEATHSIG``), and removes the folder.

By hand: ``python -m tests.ghost.harness start`` prints the site's URL and key (a test
site's key, made for this machine only) and waits for Ctrl-C.
"""

from __future__ import annotations

import contextlib
import ctypes
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import httpx

HERE = Path(__file__).resolve().parent
SETUP_SCRIPT = HERE / "setup.sh"
GHOST_VERSION = "6.65.0"
NODE_VERSION = "22.23.5"
#: Made up, for this test site only.
OWNER = {
    "name": "Aïcha Test",
    "email": "owner@newsdesk.test",
    "password": "Tq8vLr2Wm9xKp4zJ",
    "blogTitle": "Le Journal de test",
}
START_TIMEOUT = 60.0


class HarnessError(RuntimeError):
    pass


@dataclass(frozen=True)
class Install:
    ghost_dir: Path
    node_dir: Path

    @property
    def template_dir(self) -> Path:
        return self.ghost_dir.parent / f"template-{GHOST_VERSION}"


def ensure_installed() -> Install:
    """Ghost's install, made by ``setup.sh`` when missing (a few minutes, once)."""
    done = subprocess.run(["bash", str(SETUP_SCRIPT)], capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise HarnessError(f"tests/ghost/setup.sh failed:\n{done.stderr[-4000:]}")
    ghost_dir = Path(done.stdout.strip().splitlines()[-1])
    node_dir = ghost_dir.parent / f"node-v{NODE_VERSION}"
    if not (ghost_dir / ".complete").exists() or not (node_dir / "bin" / "node").exists():
        raise HarnessError(f"no complete Ghost install at {ghost_dir}")
    return Install(ghost_dir, node_dir)


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def _die_with_parent() -> None:
    # Linux: Ghost gets SIGTERM if the test process dies without its atexit handlers.
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG


class Ghost:
    """One running Ghost: ``base_url``, ``admin_key`` (``id:hexsecret``), ``port``."""

    def __init__(self, install: Install, run_dir: Path, port: int, admin_key: str) -> None:
        self.install = install
        self.run_dir = run_dir
        self.port = port
        self.admin_key = admin_key
        self.base_url = f"http://127.0.0.1:{port}"
        self.process: subprocess.Popen[bytes] | None = None
        self.start_seconds = 0.0

    def __repr__(self) -> str:  # the key stays out
        return f"Ghost({self.base_url!r}, run_dir={str(self.run_dir)!r})"

    @property
    def admin_api(self) -> str:
        return f"{self.base_url}/ghost/api/admin"

    @property
    def database(self) -> Path:
        return self.run_dir / "ghost.db"

    @property
    def content_dir(self) -> Path:
        return self.run_dir / "content"

    @classmethod
    def start(cls) -> Ghost:
        """A fresh copy of the template site, started; stopped at exit."""
        install = ensure_installed()
        template_dir = template(install)
        run_dir = Path(tempfile.mkdtemp(prefix="newsdesk-ghost-"))
        shutil.copy2(template_dir / "ghost.db", run_dir / "ghost.db")
        shutil.copytree(template_dir / "content", run_dir / "content")
        key = json.loads((template_dir / "key.json").read_text())["admin_key"]
        site = cls(install, run_dir, _free_port(), key)
        import atexit

        atexit.register(site.stop)
        try:
            site._run()
        except BaseException:
            site.stop()
            raise
        return site

    def _env(self) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith("npm_")}
        env.update(
            {
                "PATH": f"{self.install.node_dir / 'bin'}:{env.get('PATH', '/usr/bin:/bin')}",
                "NODE_ENV": "development",
                "url": self.base_url,
                "server__host": "127.0.0.1",
                "server__port": str(self.port),
                "database__client": "better-sqlite3",
                "database__connection__filename": str(self.database),
                "paths__contentPath": str(self.content_dir),
                "security__staffDeviceVerification": "false",
                "privacy__useUpdateCheck": "false",
                "logging__level": "warn",
                "logging__transports": '["stdout"]',
            }
        )
        return env

    def _run(self) -> None:
        began = time.perf_counter()
        with open(self.run_dir / "ghost.log", "ab") as log:
            self.process = subprocess.Popen(
                [str(self.install.node_dir / "bin" / "node"), "index.js"],
                cwd=self.install.ghost_dir,
                env=self._env(),
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                preexec_fn=_die_with_parent,
            )
        self._wait_ready()
        self.start_seconds = time.perf_counter() - began

    def _wait_ready(self) -> None:
        deadline = time.monotonic() + START_TIMEOUT
        with httpx.Client(timeout=5.0) as client:
            while time.monotonic() < deadline:
                if self.process is not None and self.process.poll() is not None:
                    raise HarnessError(f"Ghost exited at start:\n{self.log_tail()}")
                with contextlib.suppress(httpx.HTTPError):
                    answer = client.get(f"{self.admin_api}/site/")
                    if answer.status_code == 200:
                        return
                time.sleep(0.1)
        raise HarnessError(f"Ghost did not answer within {START_TIMEOUT:.0f} s:\n{self.log_tail()}")

    def log_tail(self, size: int = 4000) -> str:
        with contextlib.suppress(OSError):
            return (self.run_dir / "ghost.log").read_text(errors="replace")[-size:]
        return ""

    def stop(self, *, keep_files: bool = False) -> None:
        process, self.process = self.process, None
        if process is not None and process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=10)
        if not keep_files:
            shutil.rmtree(self.run_dir, ignore_errors=True)

    # --- for tests ---------------------------------------------------------------------

    def token(self) -> str:
        """A fresh Admin API token for the test's own checks."""
        import jwt

        key_id, secret = self.admin_key.split(":")
        now = int(time.time())
        return jwt.encode(
            {"iat": now, "exp": now + 300, "aud": "/admin/"},
            bytes.fromhex(secret),
            algorithm="HS256",
            headers={"kid": key_id},
        )

    def admin(self) -> httpx.Client:
        """An httpx client on the Admin API, with a token good for five minutes."""
        return httpx.Client(
            base_url=self.admin_api,
            headers={"Authorization": f"Ghost {self.token()}", "Accept-Version": "v6.0"},
            timeout=30.0,
        )

    def posts(self, filter_: str = "") -> list[dict[str, object]]:
        """Every post (any status) the site holds, newest first, as the API gives them."""
        params = {"limit": "all", "formats": "html", "include": "tags"}
        if filter_:
            params["filter"] = filter_
        with self.admin() as client:
            answer = client.get("/posts/", params=params)
            answer.raise_for_status()
            posts: list[dict[str, object]] = answer.json()["posts"]
            return posts


def template(install: Install) -> Path:
    """The bootstrapped site's database and content folder, made once per install."""
    target = install.template_dir
    if (target / "key.json").exists():
        return target
    work = Path(tempfile.mkdtemp(prefix=".template-", dir=install.ghost_dir.parent))
    try:
        (work / "content").mkdir()
        site = Ghost(install, work, _free_port(), admin_key="")
        site._run()  # the first start makes the empty database: 6-7 s
        try:
            key = _bootstrap(site.admin_api)
        finally:
            site.stop(keep_files=True)
        for leftover in ("ghost.log",):
            (work / leftover).unlink(missing_ok=True)
        (work / "key.json").write_text(json.dumps({"admin_key": key}))
        (work / "key.json").chmod(0o600)
        shutil.rmtree(target, ignore_errors=True)
        work.rename(target)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return target


def _bootstrap(admin_api: str) -> str:
    """The owner set up, logged in, and an integration made: its Admin API key."""
    headers = {"Origin": admin_api.split("/ghost/")[0], "Accept-Version": "v6.0"}
    with httpx.Client(base_url=admin_api, headers=headers, timeout=60.0) as client:
        answer = client.post("/authentication/setup/", json={"setup": [OWNER]})
        if answer.status_code >= 400:
            raise HarnessError(f"Ghost's setup refused: {answer.status_code} {answer.text[:500]}")
        answer = client.post(
            "/session/", json={"username": OWNER["email"], "password": OWNER["password"]}
        )
        if answer.status_code >= 400:
            raise HarnessError(f"Ghost's session refused: {answer.status_code} {answer.text[:500]}")
        integration = answer = client.post(
            "/integrations/",
            params={"include": "api_keys"},
            json={"integrations": [{"name": "newsdesk tests"}]},
        )
        if answer.status_code >= 400:
            raise HarnessError(f"no integration: {answer.status_code} {answer.text[:500]}")
        # The site's zone is not the laptop's nor UTC, so scheduling is tested across zones
        # (as with the WordPress test site). Not its locale: Ghost 6.65 answers 500 to
        # that edit through the API.
        answer = client.put(
            "/settings/", json={"settings": [{"key": "timezone", "value": "Africa/Lagos"}]}
        )
        if answer.status_code >= 400:
            raise HarnessError(f"settings refused: {answer.status_code} {answer.text[:500]}")
        keys = integration.json()["integrations"][0]["api_keys"]
        secret = next(k["secret"] for k in keys if k["type"] == "admin")
        key_id = next(k["id"] for k in keys if k["type"] == "admin")
        # Ghost 6 gives the admin key's secret as "id:hexsecret" already.
        return secret if ":" in secret else f"{key_id}:{secret}"


def main(argv: list[str]) -> int:
    if argv[:1] != ["start"]:
        print("usage: python -m tests.ghost.harness start", file=sys.stderr)
        return 2
    site = Ghost.start()
    print(f"Ghost {GHOST_VERSION} at {site.base_url} (started in {site.start_seconds:.1f} s)")
    print(f"Admin API key of this test site: {site.admin_key}")
    try:
        while site.process is not None and site.process.poll() is None:
            time.sleep(1)
    except KeyboardInterrupt:
        pass
    finally:
        site.stop()
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
