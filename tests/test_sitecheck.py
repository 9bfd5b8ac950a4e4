"""check-site on fixture sites with known defects, on the real built site, and --external
against real servers on 127.0.0.1."""

from __future__ import annotations

import json
import subprocess
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from threading import Thread
from typing import ClassVar

import pytest
from click.testing import CliRunner

from site_builder.cli import main
from site_builder.external import LinkCacheError, Outcome, check_external
from site_builder.sitecheck import Page, SiteDirError, check_site, css_urls, read_stylesheet
from tests.conftest import BuiltSite

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


STYLED = {
    "index.html": """<!doctype html><html><head>
<link rel="stylesheet" href="css/site.css">
<link rel="icon" href="img/gone.png">
<style>h1{background:url(img/ok.png)}</style>
</head><body><h1 style="background:url('img/gone-too.png')">Hi</h1>
<img srcset="img/ok.png 1x, img/ok@3x.png 3x" alt=""></body></html>""",
    "css/site.css": """/* url(commented-out.woff2)
*/
@font-face{src:url(../fonts/a.woff2) format("woff2"),
  url("../fonts/missing.woff") format("woff")}
.m{mask:url("data:image/svg+xml;x")} .g{fill:url(#gradient)}
@import "gone.css";""",
    "fonts/a.woff2": "",
    "img/ok.png": "",
}


def test_stylesheets_link_elements_srcset_and_style_urls_are_checked(tmp_path: Path) -> None:
    for name, text in STYLED.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, "utf-8")
    found = [(f.file, f.line, f.message) for f in check_site(tmp_path).findings]
    assert found == [
        ("css/site.css", 4, "'../fonts/missing.woff' does not exist in the site"),
        ("css/site.css", 6, "'gone.css' does not exist in the site"),
        ("index.html", 3, "'img/gone.png' does not exist in the site"),
        ("index.html", 5, "'img/gone-too.png' does not exist in the site"),
        ("index.html", 6, "'img/ok@3x.png' does not exist in the site"),
    ]


def test_css_urls_are_read_as_a_browser_reads_them() -> None:
    """Spaces around a quoted URL are not part of it (URL parsing strips them); a `url(#id)`
    points into the same document; lines are counted through comments."""
    css = '/* one\ntwo */ .a{background:url( " img/a.png " )}\n.b{fill:url(#g)} .c{x:url(b.svg)}'
    assert list(css_urls(css)) == [(2, "img/a.png"), (3, "b.svg")]


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


def test_each_kind_of_broken_reference_is_reported_on_one_line(tmp_path: Path) -> None:
    """A missing file, a missing anchor, a way out of the site and a URL that does not parse:
    each message says it all, with no hint after it."""
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text(
        '<a href="gone.html">1</a>\n<a href="#nowhere">2</a>\n<a href="../up.html">3</a>\n'
        '<a href="http://[::1">4</a>\n',
        "utf-8",
    )
    result = CliRunner().invoke(main, ["check-site", str(site)])
    assert result.exit_code == 1
    assert result.output == (
        "index.html:1:1: error[broken-link] 'gone.html' does not exist in the site\n"
        "index.html:2:1: error[missing-anchor] '#nowhere': no id 'nowhere' in index.html\n"
        "index.html:3:1: error[link-escapes-root] '../up.html' points outside the site root\n"
        "index.html:4:1: error[invalid-url] 'http://[::1' is not a valid URL\n"
        "4 errors, 0 warnings in 1 page\n"
        "0 external links not fetched (use --external)\n"
    )


# (a reference on index.html, what check-site says about it: None for nothing, or a code)
REFERENCES = [
    ('<a href="terms/alpha/">', None),
    ('<a href="  terms/alpha/  ">', None),
    ('<a href="/terms/alpha/index.html#detail">', None),
    ('<a href="terms/alpha">', None),
    ('<a href="terms/">', "broken-link"),
    ('<a href="terms/caf%C3%A9.html">', None),
    ('<a href="terms/alpha/#d%C3%A9j%C3%A0">', None),
    ('<a href="terms/alpha/#old">', None),
    ('<a href="terms/alpha/#not-an-anchor">', "missing-anchor"),
    ('<a href="#top">', None),
    ('<a href="#nowhere">', "missing-anchor"),
    ('<a href="..">', "link-escapes-root"),
    ('<a href="terms/../../x.html">', "link-escapes-root"),
    ('<a href="img/logo.png#x">', None),
    ('<img srcset=" img/logo.png 1x ,  img/missing.png 2x ">', "broken-link"),
    ('<img srcset="img/logo.png 1x,">', None),
    ('<img srcset="img/logo.png 1x, ">', None),
    ("<style>body { background: url(img/missing.png) }</style>", "broken-link"),
    ("<style></style>", None),
    ('<video poster="img/missing.png">', "broken-link"),
    ('<object data="img/missing.png">', "broken-link"),
    ('<script src="missing.js">', "broken-link"),
    ('<a href="javascript:void(0)">', None),
    ('<a href="JAVASCRIPT:void(0)">', None),
    ('<a href="data:text/plain,x">', None),
    ('<a href="mailto:a@example.org">', None),
    ('<a href="about:blank">', None),
    ('<a href="about">', "broken-link"),  # a relative link named like a scheme
    ('<a href="Data">', "broken-link"),
]


@pytest.mark.parametrize(("reference", "code"), REFERENCES, ids=[r[0] for r in REFERENCES])
def test_each_kind_of_reference(tmp_path: Path, reference: str, code: str | None) -> None:
    site = tmp_path / "site"
    pages = {
        "index.html": f'<!doctype html><html><body id="top">\n\n{reference}</body></html>',
        "terms/alpha/index.html": '<meta charset="utf-8"><h2 id="detail">D</h2><h3 id="déjà">E</h3>'
        '<a name="old"></a>',
        "terms/café.html": "<p>x</p>",
        "img/logo.png": "",
    }
    for name, text in pages.items():
        (site / name).parent.mkdir(parents=True, exist_ok=True)
        (site / name).write_text(text, "utf-8")
    report = check_site(site)
    found = [(f.file, f.line, f.column, f.code) for f in report.findings]
    assert found == ([("index.html", 3, 1, code)] if code else [])
    assert report.page_count == 3 and report.external == {}


def test_only_a_elements_name_anchors(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text(
        '<div name="x"></div><a name="y"></a><a href="#x">x</a><a href="#y">y</a>', "utf-8"
    )
    assert [f.message for f in check_site(site).findings] == ["'#x': no id 'x' in index.html"]


def test_external_links_are_collected_by_url_with_their_pages(tmp_path: Path) -> None:
    site = tmp_path / "site"
    (site / "sub").mkdir(parents=True)
    (site / "index.html").write_text(
        '<a href="https://e.org/a">a</a><a href="HTTP://E.ORG/b">b</a><a href="//e.org/c">c</a>'
        '<a href="ftp://e.org/d">d</a>',
        "utf-8",
    )
    (site / "sub" / "page.html").write_text('<a href="https://e.org/a">a</a>', "utf-8")
    (site / "empty.html").write_text("", "utf-8")
    report = check_site(site)
    assert report.findings == ()
    assert report.page_count == 3
    assert report.external == {
        "//e.org/c": ["index.html"],
        "HTTP://E.ORG/b": ["index.html"],
        "ftp://e.org/d": ["index.html"],
        "https://e.org/a": ["index.html", "sub/page.html"],
    }


def test_a_missing_or_empty_site_folder_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(SiteDirError, match="site folder not found"):
        check_site(tmp_path / "nowhere")
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "style.css").write_text("", "utf-8")
    with pytest.raises(SiteDirError, match=r"no HTML pages in .*; build the site first"):
        check_site(tmp_path / "site")


def test_the_real_site_passes(real_site: BuiltSite) -> None:
    result = subprocess.run(
        ["glossary", "check-site", str(real_site.folder), "--strict"],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout
    assert "0 errors, 0 warnings in" in result.stdout


class _Handler(BaseHTTPRequestHandler):
    """/ok answers 200, /status/N answers N, /no-head refuses HEAD (405) but answers GET,
    /head-status/N answers HEAD with N and GET with 200. Every request is remembered."""

    seen: ClassVar[list[tuple[str, str, str]]] = []  # (method, path, User-Agent)

    def do_HEAD(self) -> None:
        _Handler.seen.append((self.command, self.path, self.headers.get("User-Agent", "")))
        if self.path == "/no-head" and self.command == "HEAD":
            status = 405
        elif self.path.startswith("/head-status/"):
            status = int(self.path.rsplit("/", 1)[1]) if self.command == "HEAD" else 200
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


def test_checking_links_leaves_no_thread_behind(server: str) -> None:
    """Each link's deadline stops with its fetch: a site of thousands of links does not keep a
    thread for each, waiting out its timeout."""
    before = set(threading.enumerate())
    assert check_external({f"{server}/ok": ["index.html"]}, None, timeout=600) == []
    started = set(threading.enumerate()) - before
    for thread in started:
        thread.join(timeout=10)
    assert [t for t in started if t.is_alive()] == []


def test_an_unreachable_host_does_not_hide_the_other_dead_links(server: str) -> None:
    links = {"http://127.0.0.1:9/nothing": ["a.html"], f"{server}/status/404": ["b.html"],
             f"{server}/ok": ["c.html"]}  # fmt: skip
    findings = sorted(check_external(links, None, timeout=5))
    assert [(f.file, f.code) for f in findings] == [
        ("a.html", "dead-external-link"),
        ("b.html", "dead-external-link"),
    ]
    # the reason as the system gives it (ECONNREFUSED), not just the exception's type
    assert findings[0].message.startswith("http://127.0.0.1:9/nothing: unreachable (")
    assert "Connection refused" in findings[0].message
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
    assert [(f.file, f.line, f.column, f.code) for f in findings] == [
        ("(external links)", 1, 1, "no-network")
    ]
    assert findings[0].message.startswith("none of 21 external hosts could be reached (first")
    assert findings[0].message.endswith("); external links were not checked")
    assert findings[0].hint == "run --external on a machine with network access"
    assert not (tmp_path / "cache.json").exists() or "127.0.0.1:9" not in (
        tmp_path / "cache.json"
    ).read_text("utf-8")


@pytest.mark.parametrize("refused", [403, 405, 501])
def test_a_server_that_refuses_head_is_asked_with_get(server: str, refused: int) -> None:
    _Handler.seen.clear()
    url = f"{server}/head-status/{refused}"
    assert check_external({url: ["index.html"]}, None, timeout=5) == []
    path = f"/head-status/{refused}"
    agent = "glossary-site link checker (+https://pypi.org/project/glossary-site/)"
    assert _Handler.seen == [("HEAD", path, agent), ("GET", path, agent)]


def test_a_head_answer_that_is_not_a_refusal_is_final(server: str) -> None:
    _Handler.seen.clear()
    findings = check_external({f"{server}/head-status/404": ["a.html"]}, None, timeout=5)
    assert [f.message for f in findings] == [f"{server}/head-status/404: HTTP 404"]
    assert [method for method, _, _ in _Handler.seen] == ["HEAD"]


def _cache(path: Path, entries: dict[str, tuple[int, float]], version: int = 1) -> None:
    links = {url: {"status": status, "checked": time.time() - age * 86_400}
             for url, (status, age) in entries.items()}  # fmt: skip
    path.write_text(json.dumps({"version": version, "links": links}), "utf-8")


def test_cached_answers_are_used_for_a_week(server: str, tmp_path: Path) -> None:
    cache = tmp_path / "cache.json"
    fresh, stale = f"{server}/status/404", f"{server}/ok"
    _cache(cache, {fresh: (200, 6.9), stale: (404, 7.1)})
    _Handler.seen.clear()
    assert check_external({fresh: ["a.html"], stale: ["b.html"]}, cache, timeout=5) == []
    assert [path for _, path, _ in _Handler.seen] == ["/ok"]  # only the stale one is asked
    stored = json.loads(cache.read_text("utf-8"))["links"]
    assert list(stored) == sorted(stored) and stored[stale]["status"] == 200


@pytest.mark.parametrize("content", ["not json", "[]", '{"version": 2, "links": {}}'])
def test_an_unreadable_or_old_cache_is_ignored(server: str, tmp_path: Path, content: str) -> None:
    cache = tmp_path / "cache.json"
    url = f"{server}/status/404"
    cache.write_text(content.replace("{}", json.dumps({url: {"status": 200, "checked": 1e10}})))
    findings = check_external({url: ["a.html"]}, cache, timeout=5)
    assert [f.message for f in findings] == [f"{url}: HTTP 404"]
    assert json.loads(cache.read_text("utf-8"))["version"] == 1


def test_a_cached_dead_link_is_still_reported(server: str, tmp_path: Path) -> None:
    cache = tmp_path / "cache.json"
    url = f"{server}/ok"
    _cache(cache, {url: (410, 1)})
    findings = check_external({url: ["a.html", "b.html"]}, cache, timeout=5)
    assert [(f.file, f.message) for f in findings] == [
        ("a.html", f"{url}: HTTP 410"),
        ("b.html", f"{url}: HTTP 410"),
    ]


def test_a_link_to_a_page_whose_name_starts_with_x_resolves(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text('<a href="Xylophone.html">x</a><a href="/XY.html">', "utf-8")
    (site / "Xylophone.html").write_text("<p>x</p>", "utf-8")
    (site / "XY.html").write_text("<p>x</p>", "utf-8")
    assert check_site(site).findings == ()


def test_an_unreadable_stylesheet_is_one_finding_at_its_first_line(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text('<link rel="stylesheet" href="loop.css">', "utf-8")
    (site / "loop.css").symlink_to("loop.css")
    found = [
        (f.file, f.line, f.column, f.code, f.message, f.hint) for f in check_site(site).findings
    ]
    assert found == [
        ("loop.css", 1, 1, "symlink-loop", "the file is a symbolic link loop; it was not read",
         "remove it"),
    ]  # fmt: skip


class _Answer:
    """A fetcher that answers every URL with one status and remembers what it was asked."""

    def __init__(self, status: int) -> None:
        self.status = status
        self.asked: list[str] = []

    def __call__(self, url: str, timeout: float) -> Outcome:
        self.asked.append(url)
        return Outcome(url, self.status, "ok")


@pytest.mark.parametrize(
    ("status", "fetched"), [(99, True), (100, False), (599, False), (600, True)]
)
def test_a_cached_answer_is_used_only_when_it_is_an_http_status(
    tmp_path: Path, status: int, fetched: bool
) -> None:
    cache = tmp_path / "cache.json"
    url = "https://example.org/paper"
    _cache(cache, {url: (status, 1)})
    fetcher = _Answer(200)
    check_external({url: ["a.html"]}, cache, fetcher=fetcher)
    assert fetcher.asked == ([url] if fetched else [])


def test_a_link_cache_that_cannot_be_replaced_is_an_error_and_leaves_no_temporary_file(
    tmp_path: Path,
) -> None:
    cache = tmp_path / "cache.json"
    cache.mkdir()  # a folder where the cache file goes
    with pytest.raises(LinkCacheError) as raised:
        check_external({"https://example.org/a": ["a.html"]}, cache, fetcher=_Answer(200))
    assert str(raised.value) == f"cannot write the link cache {cache}: Is a directory"
    assert [p.name for p in tmp_path.iterdir()] == ["cache.json"]


def test_check_site_with_a_link_cache_in_a_missing_folder_is_a_usage_error(
    server: str, tmp_path: Path
) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text(f'<a href="{server}/ok">x</a>', "utf-8")
    cache = tmp_path / "missing" / "cache.json"
    args = ["check-site", str(site), "--external", "--cache", str(cache)]
    result = CliRunner().invoke(main, args, env={"GITHUB_ACTIONS": None})
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        f"error: cannot write the link cache {cache}: No such file or directory\n"
    )


def test_a_stylesheet_with_bytes_that_are_not_utf8_is_still_read(tmp_path: Path) -> None:
    (tmp_path / "odd.css").write_bytes(b"/* caf\xe9 */\nbody { background: url(img/a.png); }\n")
    page = read_stylesheet(tmp_path, "odd.css")
    assert isinstance(page, Page)
    assert [(r.line, r.url) for r in page.references] == [(2, "img/a.png")]
