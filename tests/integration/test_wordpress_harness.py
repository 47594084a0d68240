"""The test site and the fault proxy do what the other integration tests rely on."""

from __future__ import annotations

import contextlib
import io
import json
import os
import random
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from PIL import Image

from tests.faultproxy import Fault, FaultProxy, Mode, RandomFaults
from tests.wordpress.harness import CONFIG_DIR, WordPress, _alive

pytestmark = pytest.mark.wordpress

API_REL = 'rel="https://api.w.org/"'
REPO = Path(__file__).resolve().parents[2]


def api_link(response: httpx.Response) -> str:
    """The API root announced by a page's Link header."""
    for link in response.headers.get_list("link", split_commas=True):
        if API_REL in link:
            return link.split(";", 1)[0].strip().strip("<>")
    raise AssertionError(f"no api.w.org link in {response.headers.get_list('link')}")


def post_ids(site: WordPress) -> list[int]:
    rows = site.query("SELECT ID FROM wp_posts WHERE post_type = 'post' ORDER BY ID")
    return [int(row[0]) for row in rows]


def create_post(site: WordPress, base_url: str | None = None, **kwargs: object) -> httpx.Response:
    url = site.api_url("/wp/v2/posts")
    if base_url is not None:
        url = url.replace(site.base_url, base_url, 1)
    return httpx.post(
        url,
        auth=site.reporter.auth,
        json={
            "title": "Niamey : la saison des pluies",
            "content": "<p>Texte.</p>",
            "status": "publish",
        },
        **kwargs,  # type: ignore[arg-type]
    )


def noise_png(side: int = 256) -> bytes:
    """A PNG that does not compress: big enough for an upload to be cut halfway."""
    rng = random.Random(7)
    image = Image.frombytes("RGB", (side, side), rng.randbytes(side * side * 3))
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def upload(site: WordPress, data: bytes, base_url: str | None = None) -> httpx.Response:
    url = site.api_url("/wp/v2/media")
    if base_url is not None:
        url = url.replace(site.base_url, base_url, 1)
    return httpx.post(
        url,
        auth=site.reporter.auth,
        content=data,
        headers={
            "Content-Type": "image/png",
            "Content-Disposition": 'attachment; filename="bruit.png"',
        },
        timeout=30,
    )


def uploaded_files(site: WordPress) -> list[Path]:
    return [path for path in site.uploads_dir.rglob("*") if path.is_file()]


# ------------------------------------------------------------------- the site


def test_the_site_answers_and_announces_its_api_root(wp: WordPress) -> None:
    home = httpx.get(wp.base_url + "/")
    assert home.status_code == 200
    assert api_link(home) == wp.api_root == f"{wp.base_url}/index.php?rest_route=/"
    index = httpx.get(wp.api_root).json()
    assert "wp/v2" in index["namespaces"]
    # Plain permalinks: the pretty form is not the API (a redirect to the home page).
    assert httpx.get(wp.base_url + "/wp-json/wp/v2/posts").status_code == 301
    assert httpx.get(wp.base_url + "/wp-json/").headers["content-type"].startswith("text/html")


def test_pretty_permalinks_move_the_api_to_wp_json(wp_pretty: WordPress) -> None:
    home = httpx.get(wp_pretty.base_url + "/")
    assert api_link(home) == wp_pretty.api_root == f"{wp_pretty.base_url}/wp-json/"
    posts = httpx.get(wp_pretty.api_url("/wp/v2/posts", {"per_page": 5}))
    assert posts.status_code == 200
    assert posts.json() == []
    created = create_post(wp_pretty)
    assert created.status_code == 201, created.text
    assert "/niamey-la-saison-des-pluies/" in created.json()["link"]
    # The query form keeps working on a site with pretty permalinks.
    again = httpx.get(f"{wp_pretty.base_url}/?rest_route=/wp/v2/posts/{created.json()['id']}")
    assert again.status_code == 200
    assert httpx.get(created.json()["link"]).status_code == 200


def test_reset_goes_back_to_plain_permalinks(wordpress: WordPress) -> None:
    wordpress.reset()
    wordpress.use_pretty_permalinks()
    wordpress.reset()
    assert api_link(httpx.get(wordpress.base_url + "/")) == wordpress.api_root
    assert "rest_route" in wordpress.api_root


def test_the_reporter_is_an_author_and_the_editor_an_editor(wp: WordPress) -> None:
    for account, role in (
        (wp.reporter, "author"),
        (wp.editor, "editor"),
        (wp.admin, "administrator"),
    ):
        me = httpx.get(wp.api_url("/wp/v2/users/me", {"context": "edit"}), auth=account.auth)
        assert me.status_code == 200, me.text
        assert me.json()["username"] == account.username
        assert me.json()["roles"] == [role]
        assert me.json()["id"] == account.user_id
    capabilities = httpx.get(
        wp.api_url("/wp/v2/users/me", {"context": "edit"}), auth=wp.reporter.auth
    ).json()["capabilities"]
    assert capabilities.get("publish_posts") is True
    assert "edit_others_posts" not in capabilities


def test_a_wrong_password_gets_a_401(wp: WordPress) -> None:
    wrong = httpx.get(
        wp.api_url("/wp/v2/users/me"), auth=("reporter", _wrong_application_password())
    )
    assert wrong.status_code == 401
    # The login password is not an Application Password.
    login = httpx.get(wp.api_url("/wp/v2/users/me"), auth=("reporter", wp.reporter.login_password))
    assert login.status_code == 401


def test_secrets_stay_out_of_reprs_and_logs(wp: WordPress) -> None:
    assert httpx.get(wp.api_url("/wp/v2/users/me"), auth=wp.reporter.auth).status_code == 200
    shown = repr(wp.reporter) + repr(wp.accounts)
    for account in wp.accounts.values():
        assert account.app_password not in shown
        assert account.login_password not in shown
    logs = wp.log_files()
    assert {path.name for path in logs} >= {"php-server.log", "mariadb.log"}
    for path in logs:
        text = path.read_text(errors="replace")
        for account in wp.accounts.values():
            assert account.app_password not in text
    assert (wp.run_dir / "accounts.json").stat().st_mode & 0o077 == 0


def test_the_site_has_the_newsroom_terms(wp: WordPress) -> None:
    categories = httpx.get(wp.api_url("/wp/v2/categories", {"per_page": 100})).json()
    names = {category["name"] for category in categories}
    assert {"Politique", "Économie", "Société", "Sport", "Culture", "International"} <= names
    assert {c["slug"] for c in categories} >= {"economie", "societe"}
    tags = httpx.get(wp.api_url("/wp/v2/tags", {"per_page": 100})).json()
    assert {tag["name"] for tag in tags} == {"Mali", "Niger", "Russie"}
    duplicate = httpx.post(wp.api_url("/wp/v2/tags"), auth=wp.editor.auth, json={"name": "Niger"})
    assert duplicate.status_code == 400
    assert duplicate.json()["code"] == "term_exists"


def test_reset_removes_what_a_test_created(wp: WordPress) -> None:
    created = create_post(wp)
    assert created.status_code == 201, created.text
    media = upload(wp, noise_png(32))
    assert media.status_code == 201, media.text
    served = httpx.get(media.json()["source_url"])
    assert served.status_code == 200
    assert served.headers["content-type"] == "image/png"
    assert post_ids(wp) == [created.json()["id"]]
    assert uploaded_files(wp)

    seconds = wp.reset()

    assert post_ids(wp) == []
    assert uploaded_files(wp) == []
    assert httpx.get(wp.api_url("/wp/v2/posts")).json() == []
    assert httpx.get(wp.api_url("/wp/v2/media")).json() == []
    # The accounts survive a reset with the same passwords.
    assert httpx.get(wp.api_url("/wp/v2/users/me"), auth=wp.reporter.auth).status_code == 200
    print(f"reset: {seconds:.3f} s")


def test_query_gives_back_the_stored_text(wp: WordPress) -> None:
    content = "<p>Ligne 1</p>\n\n<p>Ligne\t2 \\ « fin »</p>"
    created = httpx.post(
        wp.api_url("/wp/v2/posts"),
        auth=wp.editor.auth,
        json={"title": "Échappements", "content": content, "excerpt": ""},
    )
    assert created.status_code == 201, created.text
    post_id = created.json()["id"]
    columns = "post_content, post_excerpt, post_title"
    rows = wp.query(f"SELECT {columns} FROM wp_posts WHERE ID = {post_id}")
    assert rows == [[content, "", "Échappements"]]
    assert wp.query("SELECT ID FROM wp_posts WHERE ID = -1") == []


def test_setup_costs_nothing_when_the_packages_are_there(
    wordpress: WordPress, tmp_path: Path
) -> None:
    # The session's site runs, so the packages are installed: setup.sh must
    # not reach apt at all (CI runs it before every test run).
    fake_bin = tmp_path / "bin"
    fake_bin.mkdir()
    for tool in ("apt-get", "apt"):
        fake = fake_bin / tool
        fake.write_text("#!/bin/sh\necho called >&2\nexit 99\n")
        fake.chmod(0o755)
    env = {**os.environ, "PATH": f"{fake_bin}:{os.environ['PATH']}"}
    result = subprocess.run(
        ["bash", str(REPO / "tests" / "wordpress" / "setup.sh")], env=env, capture_output=True
    )
    assert (result.returncode, result.stderr) == (0, b"")


def test_the_command_line_starts_resets_and_stops_a_site(tmp_path: Path) -> None:
    run_dir = tmp_path / "site"
    python = [sys.executable, "-m", "tests.wordpress.harness"]
    started = subprocess.run(
        [*python, "start", str(run_dir)], cwd=REPO, capture_output=True, text=True
    )
    state = (
        json.loads((run_dir / "state.json").read_text())
        if (run_dir / "state.json").exists()
        else {}
    )
    try:
        assert started.returncode == 0, started.stderr
        accounts = json.loads((run_dir / "accounts.json").read_text())
        for account in accounts.values():
            assert account["app_password"] not in started.stdout + started.stderr
        base_url = f"http://127.0.0.1:{state['port']}"
        assert httpx.get(base_url + "/").status_code == 200
        site_pids = [state["php_pid"], *state["php_worker_pids"], state["mariadb_pid"]]
        assert len(site_pids) == 6
        assert all(_alive(pid) for pid in site_pids)

        reset = subprocess.run(
            [*python, "reset", str(run_dir)], cwd=REPO, capture_output=True, text=True
        )
        assert reset.returncode == 0, reset.stderr
    finally:
        stopped = subprocess.run(
            [*python, "stop", str(run_dir)], cwd=REPO, capture_output=True, text=True
        )
    assert stopped.returncode == 0, stopped.stderr
    assert not any(_alive(pid) for pid in site_pids)
    assert not (CONFIG_DIR / f"config-{state['config_name']}.php").exists()
    with pytest.raises(httpx.ConnectError):
        httpx.get(base_url + "/")


def test_a_site_started_from_python_stops_everything(wordpress: WordPress) -> None:
    # The session's site is the one from the fixture; the finalizer stops it
    # the same way as here, checked on a second short-lived site.
    began = time.perf_counter()
    site = WordPress.start()
    cold_start = time.perf_counter() - began
    pids = [site.php_pid, *site.php_worker_pids, site.mariadb_pid]
    assert len(site.php_worker_pids) == 4
    assert site.port != wordpress.port
    assert httpx.get(site.base_url + "/").status_code == 200
    # Two sites at once do not share a database.
    assert httpx.post(site.api_url("/wp/v2/posts"), auth=wordpress.reporter.auth).status_code == 401
    site.stop()
    assert not any(_alive(pid) for pid in pids if pid is not None)
    assert not site.config_file.exists()
    assert not site.run_dir.exists()
    assert site.db_dir is not None
    assert not site.db_dir.exists()
    with pytest.raises(httpx.ConnectError):
        httpx.get(site.base_url + "/")
    print(f"cold start: {cold_start:.2f} s")


KILLED_STARTER = """
import json, sys, time
from tests.wordpress.harness import WordPress
site = WordPress.start()
print(json.dumps({
    "pids": [site.php_pid, *site.php_worker_pids, site.mariadb_pid, site.watcher_pid],
    "config": str(site.config_file),
    "dirs": [str(site.run_dir), str(site.db_dir)],
}), flush=True)
time.sleep(120)
"""


def test_a_killed_test_process_leaves_nothing_running() -> None:
    starter = subprocess.Popen(
        [sys.executable, "-c", KILLED_STARTER], cwd=REPO, stdout=subprocess.PIPE, text=True
    )
    try:
        assert starter.stdout is not None
        started = json.loads(starter.stdout.readline())
    finally:
        # No atexit handler runs after SIGKILL: only the watcher can clean up.
        starter.kill()
        starter.wait()
        if starter.stdout is not None:
            starter.stdout.close()
    assert len(started["pids"]) == 7
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline and any(_alive(pid) for pid in started["pids"]):
        time.sleep(0.1)
    assert not any(_alive(pid) for pid in started["pids"])
    assert not Path(started["config"]).exists()
    assert not any(Path(folder).exists() for folder in started["dirs"])


# ------------------------------------------------------------------ the proxy


def test_pass_relays_the_answer_and_links_lead_back_through_the_proxy(
    wp: WordPress, fault_proxy: FaultProxy
) -> None:
    home = httpx.get(fault_proxy.base_url + "/")
    assert home.status_code == 200
    assert api_link(home) == f"{fault_proxy.base_url}/index.php?rest_route=/"
    created = create_post(wp, fault_proxy.base_url)
    assert created.status_code == 201
    assert created.json()["link"].startswith(fault_proxy.base_url)
    assert [(e.method, e.mode, e.site_status, e.client_status) for e in fault_proxy.log] == [
        ("GET", Mode.PASS, 200, 200),
        ("POST", Mode.PASS, 201, 201),
    ]
    assert "/wp/v2/posts" in fault_proxy.log[1].target


def test_drop_before_never_reaches_the_site(wp: WordPress, fault_proxy: FaultProxy) -> None:
    fault_proxy.add(Mode.DROP_BEFORE)
    with pytest.raises(httpx.TransportError):
        create_post(wp, fault_proxy.base_url)
    assert post_ids(wp) == []
    assert fault_proxy.log[0].mode is Mode.DROP_BEFORE
    assert fault_proxy.log[0].site_status is None


def test_drop_after_creates_the_post_but_loses_the_answer(
    wp: WordPress, fault_proxy: FaultProxy
) -> None:
    fault_proxy.add(Mode.DROP_AFTER)
    with pytest.raises(httpx.TransportError):
        create_post(wp, fault_proxy.base_url)
    assert len(post_ids(wp)) == 1
    event = fault_proxy.log[0]
    assert (event.mode, event.site_status, event.client_status) == (Mode.DROP_AFTER, 201, None)


@pytest.mark.parametrize(("mode", "status"), [(Mode.STATUS_500, 500), (Mode.STATUS_502, 502)])
def test_error_statuses_come_from_the_proxy_alone(
    wp: WordPress, fault_proxy: FaultProxy, mode: Mode, status: int
) -> None:
    fault_proxy.add(mode)
    answer = create_post(wp, fault_proxy.base_url)
    assert answer.status_code == status
    assert post_ids(wp) == []
    assert fault_proxy.log[0].site_status is None


def test_timeout_holds_the_connection_without_forwarding(
    wp: WordPress, fault_proxy: FaultProxy
) -> None:
    fault_proxy.add(Fault(Mode.TIMEOUT, seconds=1.5))
    began = time.monotonic()
    with pytest.raises(httpx.ReadTimeout):
        create_post(wp, fault_proxy.base_url, timeout=httpx.Timeout(5, read=0.5))
    assert time.monotonic() - began < 1.5
    assert fault_proxy.wait_idle(5)
    assert post_ids(wp) == []
    # Without a client timeout, the connection is closed after the hold.
    fault_proxy.add(Fault(Mode.TIMEOUT, seconds=0.3))
    with pytest.raises(httpx.RemoteProtocolError):
        create_post(wp, fault_proxy.base_url, timeout=5)
    assert post_ids(wp) == []


def test_timeout_after_acts_on_the_site_but_the_client_times_out(
    wp: WordPress, fault_proxy: FaultProxy
) -> None:
    fault_proxy.add(Fault(Mode.TIMEOUT_AFTER, seconds=1.5))
    with pytest.raises(httpx.ReadTimeout):
        create_post(wp, fault_proxy.base_url, timeout=httpx.Timeout(5, read=0.5))
    assert fault_proxy.wait_idle(10)
    assert len(post_ids(wp)) == 1
    assert fault_proxy.log[0].site_status == 201


def test_cut_upload_leaves_nothing_on_the_site(wp: WordPress, fault_proxy: FaultProxy) -> None:
    data = noise_png()
    assert len(data) > 100_000
    fault_proxy.add(Mode.CUT_UPLOAD)
    with pytest.raises(httpx.TransportError):
        upload(wp, data, fault_proxy.base_url)
    assert fault_proxy.wait_idle(10)
    time.sleep(0.3)  # let the site finish with the half request it got
    assert httpx.get(wp.api_url("/wp/v2/media"), auth=wp.reporter.auth).json() == []
    assert uploaded_files(wp) == []
    # The same upload passes when nothing cuts it.
    whole = upload(wp, data, fault_proxy.base_url)
    assert whole.status_code == 201, whole.text
    assert httpx.get(whole.json()["source_url"]).content == data


def test_chunked_bodies_are_relayed_and_cut(wp: WordPress, fault_proxy: FaultProxy) -> None:
    def body() -> Iterator[bytes]:
        yield b'{"title": "En morce'
        yield b'aux", "status": "draft"}'

    url = wp.api_url("/wp/v2/posts").replace(wp.base_url, fault_proxy.base_url)
    headers = {"Content-Type": "application/json"}
    whole = httpx.post(url, auth=wp.reporter.auth, content=body(), headers=headers)
    assert whole.status_code == 201, whole.text
    assert whole.json()["title"]["raw"] == "En morceaux"
    fault_proxy.add(Mode.CUT_UPLOAD)
    with pytest.raises(httpx.TransportError):
        httpx.post(url, auth=wp.reporter.auth, content=body(), headers=headers)
    assert fault_proxy.wait_idle(10)
    assert post_ids(wp) == [whole.json()["id"]]


def test_scripted_faults_apply_to_matching_requests_in_order(
    wp: WordPress, fault_proxy: FaultProxy
) -> None:
    fault_proxy.add(
        Fault(Mode.STATUS_502, method="POST", path_contains="/wp/v2/posts"), Mode.STATUS_500
    )
    # A GET does not match the first fault: it takes the second.
    assert httpx.get(fault_proxy.base_url + "/").status_code == 500
    assert httpx.get(fault_proxy.base_url + "/").status_code == 200
    assert create_post(wp, fault_proxy.base_url).status_code == 502
    assert create_post(wp, fault_proxy.base_url).status_code == 201
    assert fault_proxy.pending == []
    assert fault_proxy.modes() == [Mode.STATUS_500, Mode.PASS, Mode.STATUS_502, Mode.PASS]


def test_random_faults_are_reproducible_from_the_seed(wp: WordPress) -> None:
    weights = {Mode.PASS: 2, Mode.STATUS_500: 1, Mode.STATUS_502: 1, Mode.DROP_BEFORE: 1}

    def run(seed: int) -> list[Mode]:
        chooser = RandomFaults(seed, weights, methods=frozenset({"POST"}))
        with FaultProxy(wp.port, chooser=chooser) as proxy:
            for _ in range(8):
                assert httpx.get(proxy.base_url + "/index.php?rest_route=/").status_code == 200
                with contextlib.suppress(httpx.TransportError):
                    create_post(wp, proxy.base_url)
            modes = proxy.modes()
        assert modes[0::2] == [Mode.PASS] * 8  # reads are never sabotaged
        return modes[1::2]

    first = run(11)
    assert first == run(11)
    assert set(first) > {Mode.PASS}
    assert first != run(12)


def test_the_proxy_stops_with_its_block_and_listens_on_loopback_only(wp: WordPress) -> None:
    with FaultProxy(wp.port, schedule=[Fault(Mode.TIMEOUT, seconds=60)]) as proxy:
        port = proxy.port
        assert proxy._server is not None
        assert {sock.getsockname()[0] for sock in proxy._server.sockets} == {"127.0.0.1"}
        held = socket.create_connection(("127.0.0.1", port))
        held.sendall(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        time.sleep(0.2)
        began = time.monotonic()
    # The held connection did not keep the proxy alive for its 60 s.
    assert time.monotonic() - began < 5
    held.settimeout(5)
    assert held.recv(100) == b""
    held.close()
    with pytest.raises(OSError):
        socket.create_connection(("127.0.0.1", port), timeout=1)


def _wrong_application_password() -> str:
    """An Application Password the site never issued, drawn anew each run (no literal
    password in the tree, not even a wrong one)."""
    import secrets
    import string

    letters = "".join(secrets.choice(string.ascii_lowercase) for _ in range(24))
    return " ".join(letters[i : i + 4] for i in range(0, 24, 4))
