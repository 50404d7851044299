"""`vigie serve` as people run it (a process on a free port) keeps answering while `vigie build` loads a new file into
the warehouse it serves, and serves the new data version once the build is done, without a restart."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx
import pytest
from conftest import DATA

NEW_FILE = DATA / "ssmsi_dep_reg_2024"  # a département/région base the small panel does not hold
URLS = ["/api/v1/status", "/api/v1/communes?q=valence", "/api/v1/communes/26362", "/api/v1/hotspots?departement=26"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until_up(base: str, server: subprocess.Popen, log: Path, seconds: float = 60) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if server.poll() is not None:
            pytest.fail(f"vigie serve exited with {server.returncode}: {log.read_text()}")
        try:
            if httpx.get(base + "/api/v1/status", timeout=5).status_code == 200:
                return
        except httpx.TransportError:
            time.sleep(0.2)
    pytest.fail(f"vigie serve did not answer within {seconds} s: {log.read_text()}")


@pytest.fixture
def served(tmp_path, panel_db):
    db = tmp_path / "vigie.duckdb"
    shutil.copy(panel_db, db)
    port = free_port()
    log = tmp_path / "serve.log"
    with open(log, "w") as out:
        server = subprocess.Popen(
            [sys.executable, "-m", "vigie", "serve", "--db", str(db), "--port", str(port)], stdout=out, stderr=out
        )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(base, server, log)
        yield db, base
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_serving_goes_on_through_a_build_and_then_serves_the_new_version(served, tmp_path):
    db, base = served
    before = httpx.get(base + "/api/v1/status").json()
    answers: list[tuple[float, str, int, str | None]] = []  # time, url, status, etag
    errors: list[str] = []
    stop = threading.Event()

    def keep_asking() -> None:
        with httpx.Client(base_url=base, timeout=60) as client:
            while not stop.is_set():
                for url in URLS:
                    try:
                        r = client.get(url)
                        answers.append((time.monotonic(), url, r.status_code, r.headers.get("etag")))
                    except httpx.HTTPError as exc:
                        errors.append(f"{url}: {exc!r}")
                    time.sleep(0.02)  # a steady flow, leaving the build its share of the two cores

    clients = [threading.Thread(target=keep_asking) for _ in range(2)]
    for c in clients:
        c.start()
    try:
        time.sleep(1)
        started = time.monotonic()
        build = subprocess.run(
            [sys.executable, "-m", "vigie", "build", "--from", str(NEW_FILE), "--db", str(db)],
            capture_output=True,
            text=True,
            timeout=600,
        )
        finished = time.monotonic()
        assert build.returncode == 0, build.stdout + build.stderr
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and not any(
            t > finished and e != before["etag"] for t, u, _, e in answers if u == URLS[0]
        ):
            time.sleep(0.2)
        time.sleep(1)  # a few more answers from the new version
    finally:
        stop.set()
        for c in clients:
            c.join(timeout=120)
    assert not errors, errors[:5]
    assert {status for _, _, status, _ in answers} == {200}, [a for a in answers if a[2] != 200][:5]
    during = [a for a in answers if started < a[0] < finished]
    assert len(during) >= len(URLS), "requests kept flowing while the build ran"
    after = httpx.get(base + "/api/v1/status").json()
    assert after["etag"] != before["etag"] and after["data_version"] != before["data_version"]
    assert len(after["loads"]) > len(before["loads"])
    assert any("ssmsi_dep_reg_2024" in load["file"] for load in after["loads"])
    new_etags = {e for t, u, _, e in answers if t > finished and u == URLS[0]}
    assert after["etag"] in new_etags  # the clients saw the new version, from the same server process
    profile = httpx.get(base + "/api/v1/communes/26362", headers={"If-None-Match": before["etag"]})
    assert profile.status_code == 200 and profile.headers["etag"] == after["etag"]


def test_serve_says_plainly_what_stops_it(tmp_path, panel_db, monkeypatch):
    """A missing warehouse, a port in use, missing npm assets: a VigieError naming the problem (the CLI prints it
    on one line and exits 1), before anything is served."""
    from typer.testing import CliRunner

    from vigie.cli import app
    from vigie.errors import VigieError

    db = tmp_path / "vigie.duckdb"
    shutil.copy(panel_db, db)
    runner = CliRunner()

    def refused(*args: str) -> str:
        result = runner.invoke(app, ["serve", *args])
        assert isinstance(result.exception, VigieError), result.output
        return str(result.exception)

    assert "no warehouse" in refused("--db", str(tmp_path / "none.duckdb"), "--port", str(free_port()))
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        assert "--port" in refused("--db", str(db), "--port", str(busy.getsockname()[1]))
    monkeypatch.setenv("VIGIE_NODE_MODULES", str(tmp_path))
    assert "make install" in refused("--db", str(db), "--port", str(free_port()))
