"""`check-site --external`: fetch external links with a timeout, bounded concurrency and a
cache file. A machine without network gets one `no-network` finding, not a dead link each."""

from __future__ import annotations

import json
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from site_builder.findings import Finding

USER_AGENT = "glossary-site link checker (+https://pypi.org/project/glossary-site/)"
CACHE_VERSION = 1


@dataclass(frozen=True)
class Outcome:
    url: str
    status: int | None  # HTTP status, or None when the host could not be reached
    reason: str


def fetch(url: str, timeout: float) -> Outcome:
    """HEAD, then GET when a server refuses HEAD; never raises."""
    for method in ("HEAD", "GET"):
        request = urllib.request.Request(url, method=method, headers={"User-Agent": USER_AGENT})
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:
                return Outcome(url, response.status, "ok")
        except urllib.error.HTTPError as error:
            if method == "HEAD" and error.code in (403, 405, 501):
                continue
            return Outcome(url, error.code, error.reason if isinstance(error.reason, str) else "")
        except (TimeoutError, urllib.error.URLError, ConnectionError, OSError) as error:
            reason = getattr(error, "reason", error)
            return Outcome(url, None, str(reason))
    return Outcome(url, None, "no answer")


def _load_cache(path: Path, max_age: float) -> dict[str, dict[str, object]]:
    try:
        data = json.loads(path.read_text("utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict) or data.get("version") != CACHE_VERSION:
        return {}
    now = time.time()
    entries = data.get("links", {})
    return {
        url: entry
        for url, entry in entries.items()
        if isinstance(entry, dict) and now - float(entry.get("checked", 0)) < max_age
    }


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
        cache_file.write_text(
            json.dumps({"version": CACHE_VERSION, "links": dict(sorted(cache.items()))}, indent=1),
            "utf-8",
        )
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
