"""One writer, many readers: a writer works on a copy and swaps it in; readers never see half a version."""

import os
import signal
import subprocess
import sys

import pytest

from vigie import warehouse
from vigie.errors import VigieError

# a writer in another process: adds one row to load_log, says "ready", then waits for stdin before finishing
WRITER = """
import sys
from vigie import warehouse
with warehouse.writing(sys.argv[1]) as con:
    con.execute("INSERT INTO load_log (load_id, file, kind, sha256, rows) VALUES (99, 'new', 'test', 'x', 1)")
    print("ready", flush=True)
    sys.stdin.readline()
"""


def _seed(path):
    with warehouse.writing(path) as con:
        con.execute("INSERT INTO load_log (load_id, file, kind, sha256, rows) VALUES (1, 'old', 'test', 'y', 1)")


def _files(con):
    return [r[0] for r in con.execute("SELECT file FROM load_log ORDER BY load_id").fetchall()]


@pytest.fixture
def writer(tmp_path):
    path = tmp_path / "w.duckdb"
    _seed(path)
    proc = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(path)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    assert proc.stdout.readline().strip() == "ready"
    yield path, proc
    if proc.poll() is None:
        proc.kill()
        proc.wait()


def test_readers_read_while_a_build_runs_and_see_the_swap(writer):
    path, proc = writer
    before = warehouse.connect(path, read_only=True)  # no lock error while the writer works
    assert _files(before) == ["old"]
    proc.communicate("\n")
    assert proc.returncode == 0
    assert _files(before) == ["old"]  # an open reader keeps its version
    after = warehouse.connect(path, read_only=True)
    assert _files(after) == ["old", "new"]
    assert warehouse.data_version(after) != warehouse.data_version(before)
    assert not (path.parent / "w.duckdb.building").exists()


def test_second_writer_is_told_the_pid(writer):
    path, proc = writer
    with pytest.raises(VigieError, match=f"a build is running on .* \\(PID {proc.pid}\\)"):
        with warehouse.writing(path, wait=False):
            pass
    cli = subprocess.run(
        [sys.executable, "-m", "vigie", "analyse", "--no-wait", "--db", str(path)], capture_output=True, text=True
    )
    assert cli.returncode == 1 and f"PID {proc.pid}" in cli.stderr and "Traceback" not in cli.stderr


def test_second_writer_waits_then_runs(writer):
    path, proc = writer
    waiting = subprocess.Popen(
        [sys.executable, "-m", "vigie", "analyse", "--db", str(path)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    message = waiting.stderr.readline()  # printed once, before it blocks
    assert f"A build is running (PID {proc.pid}); waiting" in message
    proc.communicate("\n")
    out, err = waiting.communicate(timeout=120)
    assert waiting.returncode == 0, err
    assert _files(warehouse.connect(path, read_only=True)) == ["old", "new"]


def test_killed_build_leaves_the_warehouse_intact(writer):
    path, proc = writer
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert _files(warehouse.connect(path, read_only=True)) == ["old"]
    assert (path.parent / "w.duckdb.building").exists()  # the dead writer's copy, cleaned by the next writer
    with warehouse.writing(path, wait=False) as con:  # the lock died with its process
        assert _files(con) == ["old"]
    assert not (path.parent / "w.duckdb.building").exists()


def test_failed_write_changes_nothing(tmp_path):
    path = tmp_path / "w.duckdb"
    _seed(path)
    identity = os.stat(path).st_ino, os.stat(path).st_mtime_ns
    with pytest.raises(RuntimeError):
        with warehouse.writing(path) as con:
            con.execute("DELETE FROM load_log")
            raise RuntimeError("interrupted")
    assert (os.stat(path).st_ino, os.stat(path).st_mtime_ns) == identity
    assert _files(warehouse.connect(path, read_only=True)) == ["old"]
    assert not (tmp_path / "w.duckdb.building").exists()


def test_reader_does_not_block_a_writer(tmp_path):
    path = tmp_path / "w.duckdb"
    _seed(path)
    reader = warehouse.connect(path, read_only=True)
    with warehouse.writing(path, wait=False) as con:  # an open reader holds no lock a writer would wait for
        con.execute("INSERT INTO load_log (load_id, file, kind, sha256, rows) VALUES (2, 'two', 'test', 'z', 1)")
    assert _files(reader) == ["old"]
    assert _files(warehouse.connect(path, read_only=True)) == ["old", "two"]


def test_a_dead_readers_link_is_removed_by_the_next_writer(tmp_path):
    path = tmp_path / "w.duckdb"
    _seed(path)
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    stale = tmp_path / f"w.duckdb.read-{dead.stdout.strip()}-0"
    os.link(path, stale)  # as a reader killed between its link and its unlink would leave it
    live = tmp_path / f"w.duckdb.read-{os.getpid()}-0"
    os.link(path, live)
    with warehouse.writing(path):
        pass
    assert not stale.exists() and live.exists()
