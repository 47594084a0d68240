"""A Ghost site's Admin API key is written nowhere but the keyring: the command line,
for real, against the real Ghost of tests/ghost.

As for a WordPress password (test_secrets_never_written.py): ``newsdesk`` in processes
of its own, with the real Secret Service of the test run's session bus, connects the
Ghost site (the key on standard input), imports, publishes, syncs and backs everything
up; then the key, its secret half alone and an ``Authorization`` header at all are
searched for in every file of the data folder (archives opened), in every new file
under /tmp and the desktop folders, in the processes' command lines and environments
while they ran, and in all they printed: nothing. The tokens newsdesk minted from the
key travel only in ``Authorization`` headers, which are looked for as such.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsdesk.credentials import CredentialStore
from tests.ghost.harness import Ghost
from tests.integration.publish_helpers import LAVROV
from tests.integration.secret_scan import (
    Listing,
    ProcessWatch,
    Secret,
    desktop_roots,
    file_hits,
    tree_hits,
)
from tests.integration.test_secrets_never_written import Cli

pytestmark = [pytest.mark.keyring, pytest.mark.usefixtures("session_keyring")]

SITE = "journal"
USER = "Aïcha"


def test_the_command_line_leaves_the_ghost_key_nowhere(
    ghost_site: Ghost, data_dir: Path, tmp_path: Path, keyring_here: CredentialStore
) -> None:
    key = ghost_site.admin_key
    # The key whole, and its secret half alone (what signs the tokens); its id is no
    # secret (Ghost shows it in every token's header) and may be kept.
    secret_half = key.split(":")[1]
    secrets = [Secret(USER, key), Secret(USER, secret_half)]
    cli = Cli(data_dir)
    roots = desktop_roots(data_dir)
    before = Listing.take(roots)
    archive = tmp_path / "sauvegarde.zip"
    try:
        with ProcessWatch(secrets[0]) as watch, ProcessWatch(secrets[1]) as watch_half:
            cli(
                "site", "add", ghost_site.base_url, "--kind", "ghost", "--user", USER,
                "--name", SITE, "--password-stdin",
                stdin=key + "\n",
            )  # fmt: skip
            assert keyring_here.get(SITE, USER) == key
            cli("import", str(LAVROV))
            [article] = json.loads(cli("list", "--json"))["articles"]
            link = cli("publish", article["id"]).strip()
            assert link.startswith(ghost_site.base_url)
            assert len(ghost_site.posts(f"codeinjection_foot:~'{article['id']}'")) == 1
            cli("status", article["id"], "--json")
            cli("site", "list", "--json")
            cli("sync")
            cli("backup", "-o", str(archive))
    finally:
        keyring_here.delete(SITE, USER)

    assert watch.saw(" publish "), list(watch.commands())
    assert watch.hits == [] and watch_half.hits == []
    new = Listing.take(roots).changed_since(before)
    for secret in secrets:
        assert [hit for text in cli.printed for hit in secret.hits(text.encode())] == []
        assert tree_hits(secret, data_dir) == []
        assert file_hits(secret, archive) == []
        found = [hit for path in new for hit in file_hits(secret, Path(path), header_too=False)]
        assert found == []
