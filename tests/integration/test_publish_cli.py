"""The publishing commands, end to end against the real WordPress."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest
from keyring.backends import fail

from newsdesk.cli import main
from tests.integration.publish_helpers import LAVROV, admin_get, posts_with_marker
from tests.memory_keyring import MemoryKeyring
from tests.wordpress.harness import WordPress

pytestmark = pytest.mark.wordpress


@pytest.fixture
def memory_keyring() -> Iterator[MemoryKeyring]:
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    try:
        yield backend
    finally:
        keyring.set_keyring(previous)


def run(
    data_dir: Path,
    *argv: str,
    stdin: str = "",
    monkeypatch: pytest.MonkeyPatch | None = None,
) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    if monkeypatch is not None:
        monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    code = main(["--data-dir", str(data_dir), *argv], stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def test_connect_publish_status_pull_and_remove(
    wp: WordPress,
    data_dir: Path,
    memory_keyring: MemoryKeyring,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("LANG", "fr_FR.UTF-8")
    secret = wp.reporter.app_password
    code, out, err = run(
        data_dir,
        "site", "add", wp.base_url, "--user", "reporter", "--name", "actu", "--password-stdin",
        stdin=secret + "\n",
        monkeypatch=monkeypatch,
    )  # fmt: skip
    assert code == 0, err
    assert out == "actu\n"
    assert "Aïssata Maïga" in err and "peut publier" in err
    assert memory_keyring.entries == {("newsdesk", "reporter@actu"): secret}

    code, out, _ = run(data_dir, "site", "list", "--json")
    [listed] = json.loads(out)["sites"]
    assert (listed["name"], listed["can_publish"], listed["needs_password"]) == (
        "actu",
        True,
        False,
    )
    assert secret not in out

    code, out, err = run(data_dir, "import", str(LAVROV))
    assert code == 0, err
    article_id = run(data_dir, "list", "--json")[1]
    article_id = json.loads(article_id)["articles"][0]["id"]

    code, out, err = run(data_dir, "publish", article_id[:8])
    assert code == 0, err
    [(post_id, status)] = posts_with_marker(wp, article_id)
    assert status == "publish"
    assert out.strip() == admin_get(wp, f"/wp/v2/posts/{post_id}")["link"]
    assert "En ligne" in err

    code, out, _ = run(data_dir, "status", article_id, "--json")
    status_json = json.loads(out)
    assert status_json["state"] == "on_site"
    assert status_json["sites"][0]["remote_id"] == post_id

    code, out, err = run(data_dir, "pull", "--site", "actu", str(post_id))
    assert code == 0, err
    assert out.strip() == article_id  # the post came from this very article

    code, _, err = run(data_dir, "site", "remove", "actu")
    assert code == 0, err
    assert memory_keyring.entries == {}
    assert secret not in (data_dir / "newsdesk.sqlite3").read_bytes().decode("latin-1")


@pytest.mark.parametrize(
    "given",
    [
        ["--password", "s3cr3t-pw"],
        ["--password=s3cr3t-pw"],
        ["-p", "s3cr3t-pw"],
        ["--pass", "s3cr3t-pw"],
    ],
)
def test_a_password_is_never_an_argument_nor_repeated(
    wp: WordPress,
    data_dir: Path,
    memory_keyring: MemoryKeyring,
    monkeypatch: pytest.MonkeyPatch,
    given: list[str],
) -> None:
    monkeypatch.setenv("LANG", "fr_FR.UTF-8")
    code, out, err = run(data_dir, "site", "add", wp.base_url, "--user", "reporter", *given)
    assert code == 2
    assert "--password-stdin" in err
    assert "s3cr3t-pw" not in err + out
    assert memory_keyring.entries == {}


def test_no_usable_keyring_is_said_clearly(
    wp: WordPress, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LANG", "fr_FR.UTF-8")
    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())  # type: ignore[no-untyped-call]
    try:
        code, out, err = run(
            data_dir, "site", "add", wp.base_url, "--user", "reporter", "--password-stdin",
            stdin=wp.reporter.app_password + "\n",
            monkeypatch=monkeypatch,
        )  # fmt: skip
    finally:
        keyring.set_keyring(previous)
    assert code == 1
    assert "Aucun trousseau sûr" in err and "GNOME Keyring" in err
    assert wp.reporter.app_password not in err + out
    assert run(data_dir, "site", "list", "--json")[1].strip() == '{\n  "sites": []\n}'


def test_publishing_without_a_site_or_with_problems_is_refused_in_words(
    data_dir: Path, memory_keyring: MemoryKeyring, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LANG", "fr_FR.UTF-8")
    run(data_dir, "import", str(LAVROV))
    article_id = json.loads(run(data_dir, "list", "--json")[1])["articles"][0]["id"]
    code, _, err = run(data_dir, "publish", article_id)
    assert code == 1
    assert "Aucun site n’est connecté" in err
    code, _, err = run(data_dir, "publish", article_id, "--status", "future")
    assert code == 1
    assert err.count("\n") == 1


def test_queue_only_then_sync_then_unpublish(
    wp: WordPress,
    data_dir: Path,
    memory_keyring: MemoryKeyring,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("LANG", "fr_FR.UTF-8")
    run(
        data_dir, "site", "add", wp.base_url, "--user", "reporter", "--password-stdin",
        stdin=wp.reporter.app_password + "\n",
        monkeypatch=monkeypatch,
    )  # fmt: skip
    run(data_dir, "import", str(LAVROV))
    article_id = json.loads(run(data_dir, "list", "--json")[1])["articles"][0]["id"]

    code, out, err = run(data_dir, "publish", article_id, "--status", "pending", "--queue-only")
    assert (code, out) == (0, "")
    assert "En attente d’envoi." in err
    assert posts_with_marker(wp, article_id) == []
    assert "En attente d’envoi." in run(data_dir, "status", article_id)[1]

    code, out, err = run(data_dir, "sync")
    assert code == 0, err
    [(post_id, status)] = posts_with_marker(wp, article_id)
    assert status == "pending"
    assert out.startswith(article_id[:8]) and "Soumis pour relecture" in out

    code, out, err = run(data_dir, "unpublish", article_id)
    assert code == 0, err
    assert posts_with_marker(wp, article_id) == [(post_id, "draft")]
    assert "Brouillon sur le site" in run(data_dir, "status", article_id)[1]


@pytest.mark.keyring
def test_the_real_keyring_from_connect_to_publish(wp: WordPress, tmp_path: Path) -> None:
    """The commands as a reporter runs them, in separate processes, with the password in
    a real Secret Service (gnome-keyring in a private D-Bus session) and nowhere else."""
    import os
    import shutil
    import subprocess
    import sys

    if not (shutil.which("dbus-run-session") and shutil.which("gnome-keyring-daemon")):
        pytest.skip("needs dbus-run-session and gnome-keyring-daemon (apt: dbus gnome-keyring)")
    home = tmp_path / "home"
    env = {
        k: v for k, v in os.environ.items() if not k.startswith(("DBUS_", "XDG_", "PYTHON_KEYRING"))
    }
    env.update(
        HOME=str(home),
        XDG_DATA_HOME=str(home / "data"),
        XDG_CONFIG_HOME=str(home / "config"),
        XDG_RUNTIME_DIR=str(home / "run"),
        NEWSDESK_HOME=str(home / "newsdesk"),
        LANG="fr_FR.UTF-8",
    )
    for key in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_RUNTIME_DIR", "NEWSDESK_HOME"):
        Path(env[key]).mkdir(parents=True, exist_ok=True, mode=0o700)
    # Each command is its own process, as from a terminal; the password only ever on stdin.
    script = """
set -e
printf %s testpass | gnome-keyring-daemon --unlock --components=secrets >/dev/null
nd() { "$PY" -m newsdesk "$@"; }
nd site add "$URL" --user reporter --name actu --password-stdin
nd import "$ARTICLE" >/dev/null
ID=$(nd list --json | "$PY" -c 'import json,sys; print(json.load(sys.stdin)["articles"][0]["id"])')
echo "ID=$ID"
nd publish "$ID"
nd status "$ID" --json
nd site remove actu
"""
    env.update(PY=sys.executable, URL=wp.base_url, ARTICLE=str(LAVROV))
    result = subprocess.run(
        ["dbus-run-session", "--", "sh", "-c", script],
        input=wp.reporter.app_password + "\n",
        env=env,
        cwd=Path(__file__).resolve().parents[2],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert wp.reporter.app_password not in result.stdout + result.stderr
    article_id = result.stdout.split("ID=", 1)[1].split()[0]
    [(post_id, status)] = posts_with_marker(wp, article_id)
    assert status == "publish"
    status_json = json.loads(result.stdout[result.stdout.index("{") :])
    assert status_json["sites"][0]["remote_id"] == post_id
    assert "Aïssata Maïga" in result.stderr
    files = [p for p in home.rglob("*") if p.is_file()]
    assert any(p.suffix == ".keyring" for p in files)
    for path in files:
        assert wp.reporter.app_password.encode() not in path.read_bytes(), path
