"""A laptop whose clock is wrong still publishes to Ghost: the real Ghost refuses a token
dated over five minutes back as « jwt expired », which newsdesk meets once with the
site's own clock instead of calling the key refused."""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator

import pytest

from newsdesk.core.errors import AuthenticationFailed
from newsdesk.core.sites import SiteAccount
from newsdesk.publishing import publishers
from newsdesk.publishing.ghost.http import admin_root
from newsdesk.publishing.ghost.publisher import GhostPublisher
from tests.ghost.harness import Ghost

WRONG_KEY = "0123456789abcdef01234567:" + "ef" * 32


def _publisher(site: Ghost, key: str, behind_s: float) -> GhostPublisher:
    account = SiteAccount(
        name="ghost", api_root=admin_root(site.base_url), username="Aïcha", kind="ghost"
    )
    made = publishers.for_account(account, key)
    assert isinstance(made, GhostPublisher)
    made._clock = lambda: time.time() - behind_s  # this laptop's clock
    return made


@pytest.fixture
def behind(ghost_site: Ghost) -> Iterator[GhostPublisher]:
    made = _publisher(ghost_site, ghost_site.admin_key, behind_s=3 * 3600)
    try:
        yield made
    finally:
        made.close()


def test_a_clock_hours_behind_is_met_with_the_sites_clock(
    behind: GhostPublisher, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.WARNING, "newsdesk.publishing.ghost"):
        behind.verify()
    assert 3 * 3600 - 60 < behind.clock_offset < 3 * 3600 + 60
    assert any("clock is" in record.getMessage() for record in caplog.records)
    # Later requests are dated by it at once: no refusal, no second correction.
    caplog.clear()
    behind.verify()
    assert not caplog.records


def test_a_wrong_key_is_still_a_wrong_key_whatever_the_clock(ghost_site: Ghost) -> None:
    for behind_s in (0.0, 3 * 3600):
        wrong = _publisher(ghost_site, WRONG_KEY, behind_s)
        with pytest.raises(AuthenticationFailed), wrong:
            wrong.verify()
