"""`vigie fetch` against a local HTTP server: API resolution, pinned fallback, resume, checksum, --from."""

import hashlib
import http.server
import io
import json
import tarfile
import threading

import pytest

from vigie.errors import VigieError
from vigie.sources import download
from vigie.sources.download import Source

PAYLOAD = bytes(range(256)) * 4000  # ~1 MB


class Handler(http.server.BaseHTTPRequestHandler):
    files: dict[str, bytes] = {}
    requests: list[tuple[str, str | None]] = []
    fail_api = False

    def log_message(self, *args):  # keep the test output clean
        pass

    def do_GET(self):
        self.requests.append((self.path, self.headers.get("Range")))
        if self.path.startswith("/api/"):
            if self.fail_api:
                self.send_error(503)
                return
            body = json.dumps(
                {
                    "resources": [
                        {"title": "notice.pdf", "url": f"http://{self.headers['Host']}/files/notice.pdf"},
                        {
                            "title": "donnee-dep-data.gouv-2025-x.csv",
                            "url": f"http://{self.headers['Host']}/files/dep.csv",
                        },
                    ]
                }
            ).encode()
            return self._send(200, body)
        data = self.files.get(self.path)
        if data is None:
            self.send_error(404)
            return
        start = 0
        if self.headers.get("Range"):
            start = int(self.headers["Range"].split("=")[1].split("-")[0])
            if start >= len(data):
                self.send_response(416)
                self.end_headers()
                return
            return self._send(206, data[start:], {"Content-Range": f"bytes {start}-{len(data) - 1}/{len(data)}"})
        self._send(200, data)

    def _send(self, status, body, headers=None):
        self.send_response(status)
        self.send_header("Content-Length", str(len(body)))
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture
def server():
    Handler.files = {"/files/dep.csv": PAYLOAD, "/files/pinned.csv": b"pinned", "/pkg.tgz": npm_tarball()}
    Handler.requests = []
    Handler.fail_api = False
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


def npm_tarball() -> bytes:
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz") as tar:
        for name, body in (("package/data/communes.json", b"[]"), ("package/package.json", b"{}")):
            info = tarfile.TarInfo(name)
            info.size = len(body)
            tar.addfile(info, io.BytesIO(body))
    return buffer.getvalue()


def test_resolves_through_the_api_and_records_the_checksum(server, tmp_path):
    source = Source("dep", "ssmsi", r"donnee-dep-data\.gouv", f"{server}/files/pinned.csv")
    fetched = download.fetch(tmp_path, api=f"{server}/api", sources=[source])
    assert [p.name for _, p in fetched] == ["dep.csv"]
    assert (tmp_path / "dep.csv").read_bytes() == PAYLOAD
    manifest = json.loads((tmp_path / "manifest.json").read_text())
    assert manifest["dep.csv"]["sha256"] == hashlib.sha256(PAYLOAD).hexdigest()


def test_falls_back_to_the_pinned_url_when_the_api_fails(server, tmp_path):
    Handler.fail_api = True
    source = Source("dep", "ssmsi", r"donnee-dep-data\.gouv", f"{server}/files/pinned.csv")
    fetched = download.fetch(tmp_path, api=f"{server}/api", sources=[source])
    assert fetched[0][1].read_bytes() == b"pinned"


def test_resumes_a_partial_download(server, tmp_path):
    url = f"{server}/files/dep.csv"
    part = tmp_path / (download.re.sub(r"[^A-Za-z0-9._-]", "_", url)[-120:] + ".part")
    part.write_bytes(PAYLOAD[:300_000])
    seen = []
    with download.httpx.Client() as client:
        path = download.download(client, url, tmp_path, lambda done, total: seen.append((done, total)))
    assert path.read_bytes() == PAYLOAD
    assert Handler.requests[-1] == ("/files/dep.csv", "bytes=300000-")
    assert seen[-1] == (len(PAYLOAD), len(PAYLOAD))


def test_unpacks_the_npm_reference_package(server, tmp_path):
    source = Source("cog", None, None, f"{server}/pkg.tgz", unpack="npm")
    fetched = download.fetch(tmp_path, api=f"{server}/api", sources=[source])
    assert [p.name for _, p in fetched] == ["communes.json"]
    assert not (tmp_path / "pkg.tgz").exists()


def test_a_missing_file_is_a_clear_error(server, tmp_path):
    source = Source("x", None, None, f"{server}/files/nothing.csv")
    with pytest.raises(VigieError, match="cannot download .*nothing.csv.*--from DIR"):
        download.fetch(tmp_path, api=f"{server}/api", sources=[source])


def test_from_a_local_folder(tmp_path):
    src = tmp_path / "src" / "sub"
    src.mkdir(parents=True)
    (src / "a.csv").write_text("x")
    copied = download.copy_from(tmp_path / "src", tmp_path / "dest")
    assert [p.relative_to(tmp_path / "dest").as_posix() for p in copied] == ["sub/a.csv"]
    with pytest.raises(VigieError, match="not a folder"):
        download.copy_from(tmp_path / "nope", tmp_path / "dest")
