"""The site's own zone, as the real WordPress declares it, kept with the site."""

from __future__ import annotations

import httpx
import pytest

from newsdesk.credentials import SessionCredentialStore
from newsdesk.paths import Paths
from newsdesk.storage import outbox_repo as repo
from newsdesk.storage.store import Store
from newsdesk.sync import sites
from tests.wordpress.harness import WordPress

pytestmark = pytest.mark.wordpress


def test_connecting_records_the_sites_zone_and_a_change_in_wp_admin_is_read_again(
    wp: WordPress, paths: Paths
) -> None:
    with Store.open(paths) as store:
        credentials = SessionCredentialStore()
        site = sites.add_site(
            store, credentials, wp.base_url, wp.reporter.username, wp.reporter.app_password
        )
        # What the site's settings say (the test site is set to Lagos, UTC+1).
        settings = httpx.get(wp.api_url("/wp/v2/settings"), auth=wp.admin.auth, timeout=30)
        assert site.timezone_string == settings.json()["timezone"] == "Africa/Lagos"
        assert site.gmt_offset == 1.0

        changed = httpx.post(
            wp.api_url("/wp/v2/settings"),
            json={"timezone": "Asia/Kolkata"},
            auth=wp.admin.auth,
            timeout=30,
        )
        assert changed.status_code == 200, changed.text
        publisher = sites.publisher_factory(credentials)(site.account)
        try:
            sites.refresh_terms(store, publisher, site.name)
        finally:
            publisher.close()
        again = repo.get_site(store, site.name)
        assert (again.timezone_string, again.gmt_offset) == ("Asia/Kolkata", 5.5)
