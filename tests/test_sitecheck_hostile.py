"""`glossary check-site` on a hostile built site: FIFOs, links out of the site, link loops,
folders named like pages, bad URLs, huge or deep pages, a corrupt link cache, bad options,
and a server that answers one byte at a time. Each is a finding or a clear error, in bounded
time."""

from __future__ import annotations

import contextlib
import json
import os
import socket
import subprocess
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from site_builder.external import Deadline, Outcome, check_external, fetch
from site_builder.limits import Limits
from site_builder.sitecheck import check_site

INDEX = """<!doctype html><html><body>
<a href="ok.html">fine</a>
<a href="ok.html#top">fine anchor</a>
</body></html>
"""
OK = '<!doctype html><html><body><h1 id="top">OK</h1></body></html>\n'


def write_site(root: Path, extra: Callable[[Path], None] | None = None) -> Path:
    site = root / "site"
    site.mkdir()
    (site / "index.html").write_text(INDEX, "utf-8")
    (site / "ok.html").write_text(OK, "utf-8")
    if extra:
        extra(site)
    return site


def fifo(site: Path) -> None:
    os.mkfifo(site / "pipe.html")


def link_to_dev_zero(site: Path) -> None:
    (site / "zero.html").symlink_to("/dev/zero")


def link_outside(site: Path) -> None:
    secret = site.parent / "secret.html"
    secret.write_text('<a href="nowhere.html">x</a>', "utf-8")
    (site / "leak.html").symlink_to(secret)


def link_loop(site: Path) -> None:
    (site / "loop.html").symlink_to("loop.html")


def folder_named_like_a_page(site: Path) -> None:
    (site / "folder.html").mkdir()
    (site / "folder.html" / "inner.txt").write_text("x", "utf-8")


def link_to_a_folder_outside(site: Path) -> None:
    outside = site.parent / "elsewhere"
    outside.mkdir()
    (outside / "page.html").write_text('<a href="nowhere.html">x</a>', "utf-8")
    (site / "docs").symlink_to(outside)


def link_inside(site: Path) -> None:
    (site / "same.html").symlink_to("ok.html")
    (site / "linker.html").write_text('<a href="same.html#top">x</a>', "utf-8")


def bad_urls(site: Path) -> None:
    (site / "bad.html").write_text(
        '<p>\n<a href="http://[::1">x</a>\n<img src="http://[zz">\n</p>', "utf-8"
    )


def deep(site: Path) -> None:
    (site / "deep.html").write_text(
        "<html><body>\n" + "<div>\n" * 300 + '<a href="missing.html">x</a>', "utf-8"
    )


def big(site: Path) -> None:
    (site / "big.html").write_text("<p>" + "x" * 5_000 + "</p>", "utf-8")
    (site / "to-big.html").write_text('<a href="big.html#nowhere">x</a>', "utf-8")


# (name, extra files, expected findings as (code, page, line, column))
CASES = [
    ("FIFO named like a page", fifo, [("not-a-file", "pipe.html", 1, 1)]),
    ("page linked to /dev/zero", link_to_dev_zero, [("symlink-outside", "zero.html", 1, 1)]),
    ("page linked from outside", link_outside, [("symlink-outside", "leak.html", 1, 1)]),
    ("link loop", link_loop, [("symlink-loop", "loop.html", 1, 1)]),
    ("folder named like a page", folder_named_like_a_page, []),
    ("folder linked from outside is not walked", link_to_a_folder_outside, []),
    ("link to a page inside the site is read", link_inside, []),
    (
        "URLs that do not parse",
        bad_urls,
        [("invalid-url", "bad.html", 2, 1), ("invalid-url", "bad.html", 3, 1)],
    ),
    # html, body and 254 divs: libxml2 stops at the 255th div, on line 256.
    ("nesting the parser gives up on", deep, [("unparsed-page", "deep.html", 256, 3)]),
    ("page over the size limit", big, [("file-too-large", "big.html", 1, 1)]),
]


@pytest.mark.parametrize(("name", "extra", "expected"), CASES, ids=[c[0] for c in CASES])
def test_hostile_site_entry_is_one_finding(
    tmp_path: Path,
    name: str,
    extra: Callable[[Path], None],
    expected: list[tuple[str, str, int, int]],
) -> None:
    site = write_site(tmp_path, extra)
    report = check_site(site, Limits(page_bytes=4_000))
    found = [(f.code, f.file, f.line, f.column) for f in report.findings]
    assert found == sorted(expected)
    pages = [p for p in site.iterdir() if p.name.endswith(".html") and not p.is_dir()]
    assert report.page_count == len(pages)


def test_cli_on_a_hostile_site_neither_hangs_nor_leaks(tmp_path: Path) -> None:
    site = write_site(tmp_path)
    for extra in (fifo, link_to_dev_zero, link_outside, link_loop, folder_named_like_a_page):
        extra(site)
    result = subprocess.run(
        ["glossary", "check-site", "site"], cwd=tmp_path, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 1 and result.stderr == ""
    assert "4 errors, 0 warnings in 6 pages" in result.stdout
    assert "nowhere.html" not in result.stdout  # the linked page outside was never parsed


@pytest.mark.parametrize("timeout", ["-1", "nan", "inf", "0", "abc", "1e9"])
def test_bad_timeout_is_a_usage_error(tmp_path: Path, timeout: str) -> None:
    write_site(tmp_path)
    result = subprocess.run(
        ["glossary", "check-site", "site", f"--timeout={timeout}"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 2
    assert f"Error: Invalid value for '--timeout': '{timeout}' is not" in result.stderr
    assert "Traceback" not in result.stderr


def test_bad_workers_is_a_usage_error(tmp_path: Path) -> None:
    write_site(tmp_path)
    result = subprocess.run(
        ["glossary", "check-site", "site", "--workers=0"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 2 and "Invalid value for '--workers'" in result.stderr


CORRUPT_CACHES = [
    ("not JSON", b"{"),
    ("not UTF-8", b"\xff\xfe"),
    ("a list", b"[]"),
    ("links not a mapping", b'{"version": 1, "links": []}'),
    ("entry not a mapping", b'{"version": 1, "links": {"http://a.test/": 5}}'),
    (
        "checked not a number",
        b'{"version": 1, "links": {"http://a.test/": {"status": 200, "checked": "x"}}}',
    ),
    (
        "checked infinite",
        b'{"version": 1, "links": {"http://a.test/": {"status": 200, "checked": 1e999}}}',
    ),
    (
        "status not a number",
        b'{"version": 1, "links": {"http://a.test/": {"status": "200", "checked": 0}}}',
    ),
]


@pytest.mark.parametrize(("name", "content"), CORRUPT_CACHES, ids=[c[0] for c in CORRUPT_CACHES])
def test_a_corrupt_cache_is_ignored(tmp_path: Path, name: str, content: bytes) -> None:
    cache = tmp_path / "cache.json"
    cache.write_bytes(content)
    fetched = []

    def fetcher(url: str, timeout: float) -> Outcome:
        fetched.append(url)
        return Outcome(url, 404, "Not Found")

    findings = check_external({"http://a.test/": ["index.html"]}, cache, fetcher=fetcher)
    assert fetched == ["http://a.test/"]
    assert [(f.code, f.file) for f in findings] == [("dead-external-link", "index.html")]
    assert json.loads(cache.read_text("utf-8"))["links"]["http://a.test/"]["status"] == 404


def test_a_cache_that_is_a_fifo_or_a_link_is_neither_read_nor_followed(tmp_path: Path) -> None:
    def fetcher(url: str, timeout: float) -> Outcome:
        return Outcome(url, 200, "ok")

    fifo_cache = tmp_path / "fifo.json"
    os.mkfifo(fifo_cache)
    assert check_external({"http://a.test/": ["i.html"]}, fifo_cache, fetcher=fetcher) == []
    assert json.loads(fifo_cache.read_text("utf-8"))["version"] == 1  # replaced, not read
    precious = tmp_path / "precious.txt"
    precious.write_text("keep me", "utf-8")
    linked = tmp_path / "linked.json"
    linked.symlink_to(precious)
    check_external({"http://a.test/": ["i.html"]}, linked, fetcher=fetcher)
    assert precious.read_text("utf-8") == "keep me"
    assert not linked.is_symlink() and json.loads(linked.read_text("utf-8"))["version"] == 1


class _Server:
    """A server on 127.0.0.1 that hands each connection to `answer` in its own thread."""

    def __init__(self, answer: Callable[[socket.socket, threading.Event], None]) -> None:
        self.socket = socket.create_server(("127.0.0.1", 0))
        self.socket.settimeout(0.1)
        self.url = f"http://127.0.0.1:{self.socket.getsockname()[1]}/"
        self.stop = threading.Event()
        self.answer = answer
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self) -> None:
        while not self.stop.is_set():
            try:
                connection, _ = self.socket.accept()
            except TimeoutError:
                continue
            threading.Thread(target=self._answer, args=(connection,), daemon=True).start()

    def _answer(self, connection: socket.socket) -> None:
        with connection, contextlib.suppress(OSError):  # OSError: the client hung up
            self.answer(connection, self.stop)

    def close(self) -> None:
        self.stop.set()
        self.thread.join()
        self.socket.close()


def drip(connection: socket.socket, stop: threading.Event) -> None:
    """One byte every 0.2 s, for ever: each read is quick, the whole never ends."""
    for byte in b"HTTP/1.1 200 OK\r\nX-Slow: " + b"y" * 10_000:
        if stop.wait(0.2):
            return
        connection.sendall(bytes([byte]))


def quick(connection: socket.socket, stop: threading.Event) -> None:
    connection.recv(4096)
    connection.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n")


@pytest.fixture
def servers() -> Iterator[tuple[str, str]]:
    slow, fast = _Server(drip), _Server(quick)
    yield slow.url, fast.url
    slow.close()
    fast.close()


def test_one_deadline_per_link_against_a_slow_drip(servers: tuple[str, str]) -> None:
    slow, _ = servers
    start = time.monotonic()
    outcome = fetch(slow, timeout=1)
    elapsed = time.monotonic() - start
    assert outcome == Outcome(slow, None, "timed out after 1 s")
    assert elapsed < 3  # a per-read timeout would wait ~2,000 s for the headers


def test_external_check_finishes_against_a_slow_drip(
    tmp_path: Path, servers: tuple[str, str]
) -> None:
    slow, fast = servers
    start = time.monotonic()
    findings = check_external({slow: ["a.html"], fast: ["b.html"]}, tmp_path / "c.json", timeout=1)
    assert time.monotonic() - start < 4
    assert [(f.code, f.file, f.line, f.column) for f in findings] == [
        ("dead-external-link", "a.html", 1, 1)
    ]
    assert findings[0].message == f"{slow}: unreachable (timed out after 1 s)"


def test_a_deadline_gives_the_time_left_and_never_zero() -> None:
    """A socket timeout of 0 would make it non-blocking: past the deadline it is a millisecond."""
    long = Deadline(60)
    try:
        assert 59 < long.remaining() <= 60
    finally:
        long.cancel()
    assert Deadline(1e-9).remaining() == 0.001


def test_a_socket_opened_after_the_deadline_is_shut_at_once() -> None:
    deadline = Deadline(1e-9)
    deadline._timer.join()  # the deadline has passed
    a, b = socket.socketpair()
    with a, b:
        a.settimeout(5)
        deadline.watch(a)
        assert a.recv(1) == b""  # shut: no waiting for an answer that cannot come in time
