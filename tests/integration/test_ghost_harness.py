"""The Ghost test site itself: a run starts from the template in a few seconds and
stops, by its PID, everything it started, leaving no folder behind."""

from __future__ import annotations

import os
import time

import httpx

from tests.ghost.harness import Ghost


def test_a_run_starts_from_the_template_and_stops_all_it_started() -> None:
    began = time.perf_counter()
    site = Ghost.start()
    try:
        assert site.process is not None
        pid = site.process.pid
        assert site.start_seconds < 30, site.start_seconds
        assert os.readlink(f"/proc/{pid}/cwd") == str(site.install.ghost_dir)
        with site.admin() as admin:
            answer = admin.get("/posts/", params={"limit": 1, "fields": "id"})
            assert answer.status_code == 200, answer.text
        assert site.admin_key not in repr(site)
        run_dir = site.run_dir
    finally:
        site.stop()
    print(f"Ghost from the template: {time.perf_counter() - began:.1f} s in all")
    assert not os.path.exists(f"/proc/{pid}") or _zombie(pid)
    assert not run_dir.exists()
    try:
        httpx.get(f"{site.base_url}/ghost/api/admin/site/", timeout=2)
    except httpx.ConnectError:
        pass
    else:
        raise AssertionError("something still answers on the stopped site's port")


def _zombie(pid: int) -> bool:
    with open(f"/proc/{pid}/stat") as stat:
        return stat.read().rsplit(")", 1)[1].split()[0] == "Z"
