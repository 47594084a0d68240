"""Fixtures for tests against a real WordPress (tests/wordpress/harness.py).

- ``wordpress``: one site per test session, installed and started on first use
  (the Debian packages are installed first when missing and we are root), and
  stopped at the end of the session.
- ``wp``: the same site, reset to its freshly installed state before the test
  (plain permalinks: the API at ``BASE/index.php?rest_route=/``).
- ``wp_pretty``: reset, then pretty permalinks (the API at ``BASE/wp-json/``).
- ``fault_proxy``: a FaultProxy (tests/faultproxy.py) in front of the reset
  site, stopped when the test ends.

Mark the tests that use them with ``@pytest.mark.wordpress``.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from newsdesk.core.errors import KeyringUnavailable
from newsdesk.credentials import CredentialStore
from tests.faultproxy import FaultProxy
from tests.ghost.harness import Ghost
from tests.wordpress.harness import WordPress, ensure_installed


@pytest.fixture(scope="session")
def wordpress() -> Iterator[WordPress]:
    reason = ensure_installed()
    if reason is not None:
        # Only possible when not root: as root (CI), the packages get installed.
        pytest.skip(reason)
    site = WordPress.start()
    try:
        yield site
    finally:
        site.stop()


@pytest.fixture
def wp(wordpress: WordPress) -> WordPress:
    wordpress.reset()
    return wordpress


@pytest.fixture
def wp_pretty(wordpress: WordPress) -> WordPress:
    wordpress.reset()
    wordpress.use_pretty_permalinks()
    return wordpress


@pytest.fixture
def fault_proxy(wp: WordPress) -> Iterator[FaultProxy]:
    with FaultProxy(wp.port) as proxy:
        yield proxy


@pytest.fixture(scope="session")
def ghost_site() -> Iterator[Ghost]:
    """A real Ghost 6 on 127.0.0.1 (tests/ghost/harness.py): the bootstrapped template
    copied, started once per test session, stopped by PID at its end."""
    site = Ghost.start()
    try:
        yield site
    finally:
        site.stop()


@pytest.fixture
def session_keyring() -> Iterator[None]:
    """This process's keyring is the session's Secret Service, as in newsdesk's own
    processes (``secret_scan.the_session_keyring``): for the secrets tests."""
    from tests.integration.secret_scan import the_session_keyring

    with the_session_keyring():
        yield


@pytest.fixture
def keyring_here(session_keyring: None) -> CredentialStore:
    """The session's Secret Service, or a skip saying how to get one."""
    try:
        return CredentialStore()
    except KeyringUnavailable as error:
        pytest.skip(f"no Secret Service on this session bus ({error}): run under /tmp/pt.sh")
