"""`check-site --external`: fetch external links with one deadline per link, bounded
concurrency and a cache file. A machine without network gets one `no-network` finding, not a
dead link each."""

from __future__ import annotations

import contextlib
import http.client
import json
import math
import os
import socket
import tempfile
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from site_builder.errors import GlossaryError
from site_builder.files import read_inside
from site_builder.findings import Finding
from site_builder.limits import DEFAULT_LIMITS

USER_AGENT = "glossary-site link checker (+https://pypi.org/project/glossary-site/)"
CACHE_VERSION = 1


class LinkCacheError(GlossaryError):
    """The link cache file cannot be written."""


@dataclass(frozen=True)
class Outcome:
    url: str
    status: int | None  # HTTP status, or None when the host could not be reached
    reason: str


class Deadline:
    """One deadline for all that fetching one link takes: connecting, TLS, redirects, headers.

    A socket timeout bounds each read, not their sum, so a server that sends a byte a second
    held a link forever. Every socket opened for the link is registered here, and a timer
    shuts them all down when the time is up; the blocked read then returns at once.
    """

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self._end = time.monotonic() + seconds
        self._sockets: list[socket.socket] = []
        self._lock = threading.Lock()
        self.expired = False
        self._timer = threading.Timer(seconds, self._expire)
        self._timer.daemon = True
        self._timer.start()

    def remaining(self) -> float:
        return max(self._end - time.monotonic(), 0.001)

    def watch(self, sock: socket.socket) -> None:
        with self._lock:
            self._sockets.append(sock)
            if self.expired:
                _shut(sock)

    def _expire(self) -> None:
        with self._lock:
            self.expired = True
            for sock in self._sockets:
                _shut(sock)

    def cancel(self) -> None:
        self._timer.cancel()


def _shut(sock: socket.socket) -> None:
    with contextlib.suppress(OSError):  # already closed: nothing left to interrupt
        sock.shutdown(socket.SHUT_RDWR)


class _DeadlineHTTPConnection(http.client.HTTPConnection):
    def __init__(self, *args: Any, deadline: Deadline, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._deadline = deadline
        self._create_connection = self._connect_watched

    def _connect_watched(self, address: Any, timeout: Any, source: Any = None) -> socket.socket:
        sock = socket.create_connection(address, self._deadline.remaining(), source)
        self._deadline.watch(sock)
        return sock


class _DeadlineHTTPSConnection(_DeadlineHTTPConnection, http.client.HTTPSConnection):
    pass


class _HTTPHandler(urllib.request.HTTPHandler):
    def __init__(self, deadline: Deadline) -> None:
        super().__init__()
        self._deadline = deadline

    def http_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
        return self.do_open(
            _DeadlineHTTPConnection,  # type: ignore[arg-type]
            req,
            deadline=self._deadline,
        )


class _HTTPSHandler(urllib.request.HTTPSHandler):
    def __init__(self, deadline: Deadline) -> None:
        super().__init__()
        self._deadline = deadline

    def https_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
        return self.do_open(
            _DeadlineHTTPSConnection,  # type: ignore[arg-type]
            req,
            context=self._context,  # type: ignore[attr-defined]
            deadline=self._deadline,
        )


def fetch(url: str, timeout: float) -> Outcome:
    """HEAD, then GET when a server refuses HEAD, all within `timeout` seconds; never raises."""
    deadline = Deadline(timeout)
    opener = urllib.request.build_opener(_HTTPHandler(deadline), _HTTPSHandler(deadline))
    try:
        return _fetch(opener, url, deadline)
    finally:
        deadline.cancel()


def _fetch(opener: urllib.request.OpenerDirector, url: str, deadline: Deadline) -> Outcome:
    for method in ("HEAD", "GET"):
        request = urllib.request.Request(url, method=method, headers={"User-Agent": USER_AGENT})
        try:
            with opener.open(request, timeout=deadline.remaining()) as response:
                return Outcome(url, response.status, "ok")
        except urllib.error.HTTPError as error:
            if method == "HEAD" and error.code in (403, 405, 501):
                continue
            return Outcome(url, error.code, error.reason if isinstance(error.reason, str) else "")
        except (OSError, http.client.HTTPException, ValueError) as error:
            if deadline.expired:
                return Outcome(url, None, f"timed out after {deadline.seconds:g} s")
            reason = getattr(error, "reason", error)
            return Outcome(url, None, str(reason) or type(error).__name__)
    return Outcome(url, None, "no answer")


def _valid_entry(entry: object, now: float, max_age: float) -> bool:
    if not isinstance(entry, dict):
        return False
    status, checked = entry.get("status"), entry.get("checked")
    return (
        isinstance(status, int)
        and 100 <= status <= 599
        and isinstance(checked, int | float)
        and math.isfinite(checked)
        and 0 <= now - checked < max_age
    )


def _load_cache(path: Path, max_age: float) -> dict[str, dict[str, object]]:
    """The cache's fresh, well-formed entries; anything else in it is ignored."""
    raw = read_inside(path, path.parent, "its folder", DEFAULT_LIMITS.cache_bytes)
    try:
        data = json.loads(raw) if isinstance(raw, bytes) else None
    except ValueError:
        return {}
    if not isinstance(data, dict) or data.get("version") != CACHE_VERSION:
        return {}
    entries = data.get("links")
    now = time.time()
    return {
        url: entry
        for url, entry in (entries.items() if isinstance(entries, dict) else ())
        if isinstance(url, str) and _valid_entry(entry, now, max_age)
    }


def _save_cache(path: Path, cache: dict[str, dict[str, object]]) -> None:
    """Write the cache beside its old self, then rename: a link in its place is replaced,
    never followed, and an interrupted run leaves the old cache whole."""
    text = json.dumps({"version": CACHE_VERSION, "links": dict(sorted(cache.items()))}, indent=1)
    problem = f"cannot write the link cache {path}"
    try:
        fd, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as error:
        raise LinkCacheError(f"{problem}: {error.strerror}") from error
    temporary = Path(name)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        temporary.replace(path)
    except OSError as error:
        temporary.unlink(missing_ok=True)
        raise LinkCacheError(f"{problem}: {error.strerror}") from error


def check_external(
    links: Mapping[str, list[str]],
    cache_file: Path | None,
    timeout: float = 10.0,
    workers: int = 8,
    max_age_days: float = 7.0,
    fetcher: Callable[[str, float], Outcome] = fetch,
) -> list[Finding]:
    """Findings for dead external links; `links` maps each URL to the pages that use it."""
    cache = _load_cache(cache_file, max_age_days * 86_400) if cache_file else {}
    todo = sorted(url for url in links if url not in cache)
    with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
        fresh = list(pool.map(lambda url: fetcher(url, timeout), todo))
    if fresh and all(o.status is None for o in fresh):
        return [
            Finding(
                "(external links)",
                1,
                1,
                "no-network",
                f"none of {len(fresh)} external hosts could be reached "
                f"(first error: {fresh[0].reason}); external links were not checked",
                "run --external on a machine with network access",
            )
        ]
    now = time.time()
    for outcome in fresh:
        if outcome.status is not None:  # unreachable hosts are retried next time
            cache[outcome.url] = {"status": outcome.status, "checked": now}
    if cache_file:
        _save_cache(cache_file, cache)
    findings = []
    results = {o.url: o for o in fresh}
    for url, pages in sorted(links.items()):
        status = results[url].status if url in results else cache[url].get("status")
        reason = results[url].reason if url in results else "cached"
        if status is None or (isinstance(status, int) and status >= 400):
            what = f"HTTP {status}" if status is not None else f"unreachable ({reason})"
            for page in pages:
                findings.append(Finding(page, 1, 1, "dead-external-link", f"{url}: {what}"))
    return findings
