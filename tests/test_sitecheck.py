"""check-site on fixture sites with known defects, on the real built site, and --external
against real servers on 127.0.0.1."""

from __future__ import annotations

import json
import subprocess
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from threading import Thread

import pytest
from click.testing import CliRunner

from site_builder.cli import main
from site_builder.external import check_external
from site_builder.sitecheck import check_site

ROOT = Path(__file__).resolve().parent.parent

PAGES = {
    "index.html": """<!doctype html><html><head>
<link rel="stylesheet" href="assets/site.css"><script src="assets/app.js"></script></head>
<body><h1 id="top">Home</h1>
<a href="terms/alpha/">ok</a>
<a href="terms/alpha/#detail">ok anchor</a>
<a href="terms/missing/">broken</a>
<a href="terms/alpha/#nowhere">missing anchor</a>
<a href="../outside.html">escapes</a>
<a href="#top">same page</a>
<img src="img/logo.png" srcset="img/logo.png 1x, img/logo@2x.png 2x">
<a href="https://example.org/paper">external</a>
<a href="mailto:someone@example.org">mail</a>
</body></html>""",
    "terms/alpha/index.html": """<!doctype html><html><body>
<h2 id="detail">Detail</h2><a name="old-anchor"></a>
<a href="../../index.html#top">home</a>
<a href="../../#missing-here">bad anchor on another page</a>
<a href="/terms/alpha/#old-anchor">root-relative, named anchor</a>
</body></html>""",
    "assets/site.css": "body{}",
    "assets/app.js": "",
    "img/logo.png": "",
}


def write_site(root: Path) -> Path:
    site = root / "site"
    for name, text in PAGES.items():
        path = site / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, "utf-8")
    return site


def test_catches_broken_links_missing_anchors_and_escapes(tmp_path: Path) -> None:
    report = check_site(write_site(tmp_path))
    found = [(f.file, f.line, f.code) for f in report.findings]
    assert found == [
        ("index.html", 6, "broken-link"),
        ("index.html", 7, "missing-anchor"),
        ("index.html", 8, "link-escapes-root"),
        ("index.html", 10, "broken-link"),  # logo@2x.png in srcset
        ("terms/alpha/index.html", 4, "missing-anchor"),
    ]
    assert report.page_count == 2
    assert list(report.external) == ["https://example.org/paper"]


def test_cli_formats_and_exit_codes(tmp_path: Path) -> None:
    write_site(tmp_path)
    text = subprocess.run(
        ["glossary", "check-site", "site"], cwd=tmp_path, capture_output=True, text=True
    )
    assert text.returncode == 1
    assert (
        "index.html:6:1: error[broken-link] 'terms/missing/' does not exist in the site"
        in text.stdout
    )
    assert "5 errors, 0 warnings in 2 pages" in text.stdout
    assert "1 external links not fetched (use --external)" in text.stdout
    records = json.loads(
        subprocess.run(
            ["glossary", "check-site", "site", "--format", "json"],
            cwd=tmp_path,
            capture_output=True,
            text=True,
        ).stdout
    )
    assert {r["code"] for r in records} == {"broken-link", "missing-anchor", "link-escapes-root"}
    missing = subprocess.run(
        ["glossary", "check-site", "nowhere"], cwd=tmp_path, capture_output=True, text=True
    )
    assert missing.returncode == 2 and "site folder not found" in missing.stderr


@pytest.fixture(scope="module")
def real_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    site = tmp_path_factory.mktemp("real") / "site"
    result = subprocess.run(
        ["mkdocs", "build", "--strict", "-d", str(site)], cwd=ROOT, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    return site


def test_the_real_site_passes(real_site: Path) -> None:
    result = subprocess.run(
        ["glossary", "check-site", str(real_site), "--strict"], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout
    assert "0 errors, 0 warnings in" in result.stdout


class _Handler(BaseHTTPRequestHandler):
    """/ok answers 200, /status/N answers N, /no-head refuses HEAD but answers GET."""

    def do_HEAD(self) -> None:
        if self.path == "/no-head" and self.command == "HEAD":
            status = 405
        elif self.path.startswith("/status/"):
            status = int(self.path.rsplit("/", 1)[1])
        else:
            status = 200 if self.path in ("/ok", "/no-head") else 404
        self.send_response(status)
        self.end_headers()

    do_GET = do_HEAD

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    """A web server on 127.0.0.1 whose answers the path chooses."""
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


def test_every_http_error_is_a_dead_link(server: str) -> None:
    paths = ["/ok", "/no-head", "/status/204", "/status/399", "/status/400", "/status/404",
             "/status/410", "/status/500"]  # fmt: skip
    links = {server + path: ["index.html"] for path in paths}
    findings = check_external(links, None, timeout=5)
    assert [f.message for f in findings] == [
        f"{server}/status/400: HTTP 400",
        f"{server}/status/404: HTTP 404",
        f"{server}/status/410: HTTP 410",
        f"{server}/status/500: HTTP 500",
    ]
    assert {(f.file, f.line, f.code) for f in findings} == {("index.html", 1, "dead-external-link")}


def test_an_unreachable_host_does_not_hide_the_other_dead_links(server: str) -> None:
    links = {"http://127.0.0.1:9/nothing": ["a.html"], f"{server}/status/404": ["b.html"],
             f"{server}/ok": ["c.html"]}  # fmt: skip
    findings = sorted(check_external(links, None, timeout=5))
    assert [(f.file, f.code) for f in findings] == [
        ("a.html", "dead-external-link"),
        ("b.html", "dead-external-link"),
    ]
    assert findings[0].message.startswith("http://127.0.0.1:9/nothing: unreachable (")
    assert findings[1].message == f"{server}/status/404: HTTP 404"


def test_unreachable_hosts_are_retried_and_answers_are_cached(server: str, tmp_path: Path) -> None:
    cache = tmp_path / "cache.json"
    links = {"http://127.0.0.1:9/x": ["a.html"], f"{server}/status/404": ["b.html"]}
    check_external(links, cache, timeout=5)
    stored = json.loads(cache.read_text("utf-8"))
    assert stored["version"] == 1
    assert list(stored["links"]) == [f"{server}/status/404"]
    assert stored["links"][f"{server}/status/404"]["status"] == 404


def test_check_site_strict_fails_on_warnings(server: str, tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text(
        f'<!doctype html><html><body><a href="{server}/status/404">x</a></body></html>', "utf-8"
    )
    args = ["check-site", str(site), "--external", "--cache", str(tmp_path / "cache.json")]
    relaxed = CliRunner().invoke(main, args, env={"GITHUB_ACTIONS": None})
    assert relaxed.exit_code == 0
    assert f"index.html:1:1: warning[dead-external-link] {server}/status/404: HTTP 404" in (
        relaxed.output
    )
    assert "0 errors, 1 warning in 1 page\n1 external links checked\n" in relaxed.output
    strict = CliRunner().invoke(main, [*args, "--strict"], env={"GITHUB_ACTIONS": None})
    assert strict.exit_code == 1


def test_external_links_are_fetched_and_cached(tmp_path: Path) -> None:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    links = {f"{base}/ok": ["index.html"], f"{base}/gone": ["a.html", "b.html"]}
    cache = tmp_path / "cache.json"
    try:
        findings = check_external(links, cache, timeout=5)
    finally:
        server.shutdown()
        server.server_close()
    assert [(f.file, f.code) for f in findings] == [
        ("a.html", "dead-external-link"),
        ("b.html", "dead-external-link"),
    ]
    assert "HTTP 404" in findings[0].message
    # The server is gone; the answers come from the cache file.
    again = check_external(links, cache, timeout=1)
    assert [(f.file, f.code) for f in again] == [(f.file, f.code) for f in findings]


def test_no_network_is_one_finding_not_a_dead_link_each(tmp_path: Path) -> None:
    links = {f"http://127.0.0.1:9/{i}": ["index.html"] for i in range(20)}
    links["https://host.invalid/paper"] = ["index.html"]
    findings = check_external(links, tmp_path / "cache.json", timeout=2)
    assert [f.code for f in findings] == ["no-network"]
    assert "none of 21 external hosts could be reached" in findings[0].message
