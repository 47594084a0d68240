"""CredentialStore against a real Secret Service: gnome-keyring in a private D-Bus session.

Each run gets fresh XDG folders and its own session bus (``dbus-run-session``), so no
person's keyring is touched and nothing is left running: the daemon dies with the bus.
The secret must come back, survive a restart of the keyring, and never appear in clear
in any file.
"""

from __future__ import annotations

import base64
import os
import secrets
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

pytestmark = pytest.mark.keyring

UNLOCK_PASSWORD = "testpass"
# Drawn anew each run: what must never be found in a file or in the output.
SECRET = secrets.token_urlsafe(18)
KEPT_SECRET = secrets.token_urlsafe(18)

CHILD = textwrap.dedent(
    """
    import json, sys
    from newsdesk.credentials import CredentialStore
    # The secrets come on standard input: never on a command line, where ps shows them.
    secret, kept = json.loads(sys.stdin.read())
    mode = sys.argv[1]
    store = CredentialStore()
    report = {"backend": store.backend_name}
    if mode == "write":
        store.set("actuniger", "aicha", secret)
        report["fresh_instance_reads"] = CredentialStore().get("actuniger", "aicha") == secret
        store.set("actuniger", "moussa", kept)
        store.delete("actuniger", "aicha")
        report["deleted"] = store.get("actuniger", "aicha") is None
    else:
        report["kept_reads"] = store.get("actuniger", "moussa") == kept
        report["deleted_stays_deleted"] = store.get("actuniger", "aicha") is None
    print(json.dumps(report))
    """
)


def run_in_keyring_session(home: Path, mode: str) -> dict[str, object]:
    import json

    env = {
        k: v for k, v in os.environ.items() if not k.startswith(("DBUS_", "XDG_", "PYTHON_KEYRING"))
    }
    env.update(
        HOME=str(home),
        XDG_DATA_HOME=str(home / "data"),
        XDG_CONFIG_HOME=str(home / "config"),
        XDG_RUNTIME_DIR=str(home / "run"),
        NEWSDESK_HOME=str(home / "newsdesk"),
    )
    for key in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_RUNTIME_DIR", "NEWSDESK_HOME"):
        Path(env[key]).mkdir(parents=True, exist_ok=True, mode=0o700)
    # echo -n: a newline would become part of the unlock password.
    script = (
        f"printf %s {UNLOCK_PASSWORD} | gnome-keyring-daemon --unlock --components=secrets"
        ' >/dev/null && exec "$0" -c "$1" "$2"'
    )
    result = subprocess.run(
        [
            "dbus-run-session",
            "--",
            "sh",
            "-c",
            script,
            sys.executable,
            CHILD,
            mode,
        ],
        input=json.dumps([SECRET, KEPT_SECRET]),
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    # Whatever happened, the secret must not have been printed or logged.
    assert SECRET not in result.stdout + result.stderr
    assert KEPT_SECRET not in result.stdout + result.stderr
    report: dict[str, object] = json.loads(result.stdout.strip().splitlines()[-1])
    return report


@pytest.fixture
def home(tmp_path: Path) -> Path:
    if not (shutil.which("dbus-run-session") and shutil.which("gnome-keyring-daemon")):
        pytest.skip("needs dbus-run-session and gnome-keyring-daemon (apt: dbus gnome-keyring)")
    return tmp_path


def test_set_get_delete_on_a_real_secret_service(home: Path) -> None:
    written = run_in_keyring_session(home, "write")
    assert written == {
        "backend": "keyring.backends.SecretService.Keyring",
        "fresh_instance_reads": True,
        "deleted": True,
    }
    # The keyring really wrote to disk, encrypted: no secret in clear, in any form, in
    # any file newsdesk or the keyring left behind.
    files = [p for p in home.rglob("*") if p.is_file()]
    assert any(p.suffix == ".keyring" for p in files), files
    for secret in (SECRET, KEPT_SECRET):
        forms = [secret.encode(), secret.encode("utf-16-le"), base64.b64encode(secret.encode())]
        for path in files:
            content = path.read_bytes()
            assert not any(form in content for form in forms), path

    # A new session (a reboot, in effect) unlocks the same keyring and finds what was kept.
    again = run_in_keyring_session(home, "read")
    assert again["kept_reads"] is True and again["deleted_stays_deleted"] is True
