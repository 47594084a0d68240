"""The command line against the real Ghost: connect (the kind found by itself, or
given), publish, see the state, a refused key, forget the site."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest

from newsdesk.cli import main
from tests.ghost.harness import Ghost
from tests.integration.publish_helpers import LAVROV
from tests.memory_keyring import MemoryKeyring

WRONG_KEY = "0123456789abcdef01234567:" + "ef" * 32


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
    data_dir: Path, *argv: str, stdin: str = "", monkeypatch: pytest.MonkeyPatch
) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    code = main(["--data-dir", str(data_dir), *argv], stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def test_connect_publish_and_forget_a_ghost_site(
    ghost_site: Ghost,
    data_dir: Path,
    memory_keyring: MemoryKeyring,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("LANG", "fr_FR.UTF-8")
    key = ghost_site.admin_key
    code, out, err = run(
        data_dir, "site", "add", ghost_site.base_url, "--user", "Aïcha", "--name", "journal",
        "--password-stdin", stdin=key + "\n", monkeypatch=monkeypatch,
    )  # fmt: skip
    assert code == 0, err
    assert out == "journal\n" and "peut publier" in err
    assert memory_keyring.entries == {("newsdesk", "Aïcha@journal"): key}
    code, out, _ = run(data_dir, "site", "list", "--json", monkeypatch=monkeypatch)
    [listed] = json.loads(out)["sites"]
    assert listed["kind"] == "ghost" and listed["api_root"].endswith("/ghost/api/admin")
    assert key not in out

    run(data_dir, "import", str(LAVROV), monkeypatch=monkeypatch)
    _, listing, _ = run(data_dir, "list", "--json", monkeypatch=monkeypatch)
    article_id = json.loads(listing)["articles"][0]["id"]
    code, out, err = run(data_dir, "publish", article_id[:8], monkeypatch=monkeypatch)
    assert code == 0, err
    [post] = ghost_site.posts(f"codeinjection_foot:~'{article_id}'")
    assert out.strip() == post["url"] and post["status"] == "published"
    code, out, _ = run(data_dir, "status", article_id, "--json", monkeypatch=monkeypatch)
    assert json.loads(out)["state"] == "on_site"
    # Pulled back by its page or by the editor's link: the same article.
    editor = f"{ghost_site.base_url}/ghost/#/editor/post/{post['id']}"
    for reference in (str(post["url"]), editor):
        code, out, err = run(
            data_dir, "pull", "--site", "journal", reference, monkeypatch=monkeypatch
        )
        assert code == 0, err
        assert out.strip() == article_id

    code, _, err = run(data_dir, "site", "remove", "journal", monkeypatch=monkeypatch)
    assert code == 0, err
    assert memory_keyring.entries == {}
    stored = (data_dir / "newsdesk.sqlite3").read_bytes().decode("latin-1")
    assert key not in stored and key.split(":")[1] not in stored


def test_a_refused_key_is_said_in_french_and_nothing_kept(
    ghost_site: Ghost,
    data_dir: Path,
    memory_keyring: MemoryKeyring,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("LANG", "fr_FR.UTF-8")
    code, out, err = run(
        data_dir, "site", "add", ghost_site.base_url, "--kind", "ghost", "--user", "Aïcha",
        "--password-stdin", stdin=WRONG_KEY + "\n", monkeypatch=monkeypatch,
    )  # fmt: skip
    assert code == 1
    assert "Le site Ghost refuse cette clé d’API Admin" in err
    assert WRONG_KEY not in err + out and WRONG_KEY.split(":")[1] not in err + out
    assert memory_keyring.entries == {}
    monkeypatch.setenv("LANG", "en_GB.UTF-8")
    code, out, err = run(
        data_dir, "site", "add", ghost_site.base_url, "--kind", "ghost", "--user", "Aïcha",
        "--password-stdin", stdin="not-a-key\n", monkeypatch=monkeypatch,
    )  # fmt: skip
    assert code == 1 and "refuses this Admin API key" in err


def test_a_ghost_site_is_connected_without_a_user(
    ghost_site: Ghost,
    data_dir: Path,
    memory_keyring: MemoryKeyring,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import httpx

    monkeypatch.setenv("LANG", "fr_FR.UTF-8")
    about = httpx.get(f"{ghost_site.admin_api}/site/", timeout=30).json()["site"]
    key = ghost_site.admin_key
    code, out, err = run(
        data_dir, "site", "add", ghost_site.base_url, "--kind", "ghost", "--name", "journal",
        "--password-stdin", stdin=key + "\n", monkeypatch=monkeypatch,
    )  # fmt: skip
    assert code == 0, err
    assert out == "journal\n"
    # The user is only a name to show on Ghost: the site's title.
    assert about["title"] and f"connecté\u00a0: {about['title']} (peut publier)" in err
    assert memory_keyring.entries == {("newsdesk", f"{about['title']}@journal"): key}
    # A WordPress site still needs its user, and says so before asking for anything.
    code, _, err = run(
        data_dir, "site", "add", "https://www.example-news.com", "--name", "autre",
        "--password-stdin", stdin="secret\n", monkeypatch=monkeypatch,
    )  # fmt: skip
    assert code == 2 and "--user est requis pour un site WordPress" in err


def test_a_new_key_is_asked_for_as_a_key(
    ghost_site: Ghost,
    data_dir: Path,
    memory_keyring: MemoryKeyring,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("LANG", "fr_FR.UTF-8")
    key = ghost_site.admin_key
    code, _, err = run(
        data_dir, "site", "add", ghost_site.base_url, "--kind", "ghost", "--user", "Aïcha",
        "--name", "journal", "--password-stdin", stdin=key + "\n", monkeypatch=monkeypatch,
    )  # fmt: skip
    assert code == 0, err
    prompts: list[str] = []

    def typed(prompt: str) -> str:
        prompts.append(prompt)
        return key

    monkeypatch.setattr("getpass.getpass", typed)
    code, _, err = run(data_dir, "site", "password", "journal", monkeypatch=monkeypatch)
    assert code == 0, err
    assert prompts == ["Clé d’API Admin du site Ghost (id:secret) pour Aïcha\u00a0: "]
    assert err.startswith("clé d’API Admin enregistrée pour «\u00a0journal\u00a0»")
    assert "mot de passe" not in err
