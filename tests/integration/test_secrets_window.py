"""The site password is written nowhere but the keyring: the window, for real.

The reporter connects the site in the window (« Connecter un site… », the password typed
in the dialog, kept in the real Secret Service of the test run) and publishes with the
button; the spelling process runs, the preview (QtWebEngine) shows the article. Then
the password, its ``Authorization: Basic`` form and the header itself are searched for
in every file of the data folder while the window is open (the store's -wal and -shm
then exist) and after it closed (the daily archive opened), in every new file under
/tmp and the desktop folders, in the command lines and environments of the window's
process, the spelling process and QtWebEngine's while they ran, and in what they wrote
on stdout and stderr: nothing.

The preview's web profile is off the record: no QtWebEngine folder (cache, cookies,
local storage) appears anywhere. HOME points to a folder of the test's own, so that
what Chromium would write under ``~`` is seen, and nobody else's run is mistaken for
newsdesk's.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from newsdesk import services
from newsdesk.core.errors import KeyringUnavailable
from newsdesk.credentials import CredentialStore
from newsdesk.paths import Paths
from newsdesk.storage.store import Store
from tests.gui.conftest import WindowFactory, store, windows  # noqa: F401  (fixtures)
from tests.integration.conftest import wordpress, wp  # noqa: F401  (fixtures)
from tests.integration.publish_helpers import LAVROV, SITE, posts_with_marker
from tests.integration.secret_scan import (
    Listing,
    ProcessWatch,
    Secret,
    desktop_roots,
    file_hits,
    files_under,
    qtwebengine_storage,
    tree_hits,
)
from tests.wordpress.harness import WordPress

pytestmark = [
    pytest.mark.gui,
    pytest.mark.webengine,
    pytest.mark.wordpress,
    pytest.mark.keyring,
    pytest.mark.usefixtures("session_keyring"),
]

DICTIONARY_LOAD_MS = 120_000  # as tests/gui/test_spelling.py: a loaded machine is slow


@pytest.fixture
def own_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    for variable in ("XDG_CACHE_HOME", "XDG_CONFIG_HOME"):
        monkeypatch.delenv(variable, raising=False)
    return home


def test_the_window_leaves_the_password_nowhere_and_the_preview_keeps_nothing(
    own_home: Path,
    wp: WordPress,  # noqa: F811
    paths: Paths,
    qtbot: Any,
    capfd: pytest.CaptureFixture[str],
    request: pytest.FixtureRequest,
) -> None:
    try:
        keyring_here = CredentialStore()
    except KeyringUnavailable as error:
        pytest.skip(f"no Secret Service on this session bus ({error}): run under /tmp/pt.sh")
    secret = Secret(wp.reporter.username, wp.reporter.app_password)
    roots = desktop_roots(own_home, paths.root)
    before = Listing.take(roots)
    # Opened after the listing: the window (and QtWebEngine) start within the watch.
    factory: WindowFactory = request.getfixturevalue("windows")
    second_store: Store = request.getfixturevalue("store")
    article = services.import_file(second_store, LAVROV)
    try:
        with ProcessWatch(secret) as watch:
            window = factory.open()  # the real keyring: no credentials given
            publish = window.publish
            publish.connect_site_action.trigger()
            qtbot.waitUntil(lambda: publish.site_dialog is not None)
            dialog = publish.site_dialog
            dialog.url.setText(wp.base_url)
            dialog.user.setText(secret.username)
            dialog.password.setText(secret.password)
            dialog.name.setText(SITE)
            with qtbot.waitSignal(dialog.connected, timeout=30000):
                dialog.connect_button.click()
            assert keyring_here.get(SITE, secret.username) == secret.password

            with qtbot.waitSignal(publish.state_shown, timeout=10000):
                window.open_article(article.id)
            qtbot.waitUntil(
                lambda: window.spelling.service.checker("fr") is not None,
                timeout=DICTIONARY_LOAD_MS,
            )
            publish.button.click()
            qtbot.waitUntil(lambda: publish.link is not None, timeout=60000)
            assert len(posts_with_marker(wp, article.id)) == 1
            # While the window is open: the store's -wal and -shm are there.
            open_files = {p.name for p in files_under(paths.root)}
            assert "newsdesk.sqlite3-wal" in open_files, open_files
            hits_while_open = tree_hits(secret, paths.root)
            services.daily_backup(paths)  # unless the window's start made today's already
            factory.close_all()
    finally:
        keyring_here.delete(SITE, secret.username)

    commands = list(watch.commands())
    assert watch.saw("newsdesk.spelling.worker"), commands
    assert watch.saw("QtWebEngineProcess"), commands
    assert watch.hits == []
    assert secret.hits(os.environ.get("HOME", "").encode()) == []  # the window's own
    assert [k for k, v in os.environ.items() if secret.hits(f"{k}={v}".encode())] == []

    assert hits_while_open == []
    names = {p.relative_to(paths.root).as_posix() for p in files_under(paths.root)}
    assert any(n.startswith("backups/") and n.endswith(".zip") for n in names), names
    assert tree_hits(secret, paths.root) == []

    printed = capfd.readouterr()
    assert secret.hits((printed.out + printed.err).encode()) == []

    new = Listing.take(roots).changed_since(before)
    found = [hit for path in new for hit in file_hits(secret, Path(path), header_too=False)]
    assert found == []
    # Nothing of a web profile on disk: not under HOME, the XDG folders, /tmp, the data.
    assert qtwebengine_storage(new) == []
    assert [p for p in new if p.startswith(str(own_home))] == []
    # Nor one left by an earlier run in the folders private to this one (a persistent
    # profile would have made ``XDG_DATA_HOME/APP/QtWebEngine/NAME``, some 60 files).
    private = [own_home] + [Path(os.environ[v]) for v in ("XDG_DATA_HOME",) if v in os.environ]
    assert qtwebengine_storage(Listing.take(private).entries) == []
