"""Edit-to-visible under the real `mkdocs serve`: a term file is written, and real Chromium,
with the page open, waits for live reload to show the new text.

Targets (issue 15): editing a term's text is visible within 1 s (median) at 1,000 terms and
2 s at 5,000. Also measured: a title change (neighbours, A–Z, tags and exports change too),
adding a term (seen in a related term's page) and deleting it. The baseline, in the same run
and the same server, is an edit of a hand-written page, which mkdocs rebuilds in full.
Run: python3 bench/bench_serve.py [N ...]
"""

from __future__ import annotations

import os
import random
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from bench.bench_site import project  # noqa: E402
from bench.synth import term_yaml  # noqa: E402
from tests.browser import CHROMIUM, CHROMIUM_ARGS, free_port  # noqa: E402

ROUNDS = 3
HAS_TEXT = "(text) => document.body !== null && document.body.innerText.includes(text)"


class Server:
    """`mkdocs serve` with our plugin; its log read as it comes."""

    def __init__(self, folder: Path, port: int) -> None:
        self.process = subprocess.Popen(
            ["mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
            cwd=folder,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        )
        self.log: list[str] = []
        self.arrived: list[float] = []  # when each line of the log was read
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()
        self.url = f"http://127.0.0.1:{port}/"

    def _read(self) -> None:
        assert self.process.stderr is not None
        for line in self.process.stderr:
            self.arrived.append(time.perf_counter())
            self.log.append(line)

    def wait_until_serving(self) -> None:
        while not any("Serving on" in line for line in self.log):
            if self.process.poll() is not None:
                raise RuntimeError("".join(self.log))
            time.sleep(0.2)

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=30)
        self.reader.join(timeout=10)


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process so far (Linux /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


CPU: dict[str, list[float]] = {}  # kind → server CPU seconds from change to visible
# kind → (change to "Detected file changes", to "Reloading browsers", to visible in Chromium)
STEPS: dict[str, list[tuple[float, float, float]]] = {}
BUILD: dict[str, list[float]] = {}  # kind → the rebuild's own time, as the server logs it
BUILT_RE = re.compile(r"(?:rebuilt in|Documentation built in) ([0-9.]+) s")


def build_seconds(server: Server, since: int) -> float:
    """The time of the rebuild logged after line `since`: its line is written before live
    reload tells the page, but the log is read by another thread, so wait for it."""
    deadline = time.perf_counter() + 10
    while time.perf_counter() < deadline:
        found = [m for line in server.log[since:] if (m := BUILT_RE.search(line))]
        if found:
            return sum(float(m.group(1)) for m in found)
        time.sleep(0.01)
    return float("nan")


def steps(server: Server, since: int, changed: float, shown: float) -> tuple[float, float, float]:
    """How long the change took to be noticed, rebuilt (until live reload was told) and shown
    (the page reloaded and drawn), from the server's log lines after line `since`."""
    lines = list(zip(server.arrived[since:], server.log[since:], strict=False))
    noticed = next((t for t, line in lines if "Detected file changes" in line), float("nan"))
    reloaded = next((t for t, line in lines if "Reloading browsers" in line), float("nan"))
    return noticed - changed, reloaded - noticed, shown - reloaded


def visible_after(
    page: Any, url: str, change: Callable[[], None], text: str, gone: bool
) -> tuple[float, float]:
    """When `change()` was made and when the open page showed `text` (or no longer showed it)."""
    page.goto(url)
    page.wait_for_load_state("load")
    time.sleep(1)  # the server idles again (its poll of the folders costs a little CPU)
    start = time.perf_counter()
    change()
    deadline = start + 1800
    while time.perf_counter() < deadline:
        try:
            if page.evaluate(HAS_TEXT, text) != gone:
                return start, time.perf_counter()
        except Exception:  # the page is reloading: its context went away
            pass
        time.sleep(0.01)
    raise TimeoutError(f"{text!r} never {'went' if gone else 'appeared'} on {url}")


def added_term(n: int) -> tuple[str, str]:
    """A new term related to term-7 (so term-7's page lists it), and its title."""
    title = f"Added term {n}"
    text = term_yaml(0, 1, random.Random(n), [-1])
    text = text.replace('title: "Concept 0 of math"', f'title: "{title}"')
    text = text.replace("  - C0\n", f"  - Added{n}\n").replace("  - term-1\n", "  - term-7\n")
    return text, title


def one_round(page: Any, server: Server, folder: Path, n: int, full: bool) -> dict[str, float]:
    """One of each change, each undone by the next, timed on an open page."""
    terms = folder / "terms"
    target = terms / "term-7.yaml"
    original = target.read_text("utf-8")
    url = server.url + "terms/term-7/"
    times = {}
    pid = server.process.pid

    def timed(kind: str, *args: Any) -> None:
        """visible_after(*args), and the server's CPU time over it (page load included)."""
        start, lines = cpu_seconds(pid), len(server.log)
        changed, shown = visible_after(page, *args)
        times[kind] = shown - changed
        CPU.setdefault(kind, []).append(cpu_seconds(pid) - start)
        BUILD.setdefault(kind, []).append(build_seconds(server, lines))
        STEPS.setdefault(kind, []).append(steps(server, lines, changed, shown))

    marker = f"Edited overview number {n}"
    edited = original.replace("overview: |\n  ", f"overview: |\n  {marker} ")
    timed("edit", url, partial(target.write_text, edited), marker, False)
    title = f"Renamed concept {n}"
    renamed = re.sub(r'^title: ".*"$', f'title: "{title}"', original, count=1, flags=re.M)
    timed("title", url, partial(target.write_text, renamed), title, False)
    added = terms / f"added-{n}.yaml"
    text, title = added_term(n)
    timed("add", url, partial(added.write_text, text), title, False)
    timed("delete", url, added.unlink, title, True)
    # Undone (the title back) before anything else is timed, so no rebuild overlaps the next.
    old_title = re.search(r'^title: "(.*)"$', original, flags=re.M)
    assert old_title is not None
    timed("restore", url, partial(target.write_text, original), old_title.group(1), False)
    if full:
        home = folder / "docs" / "index.md"
        marker = f"Home edit {n}"
        write = partial(home.write_text, f"# Synthetic glossary\n\n{marker}\n")
        timed("full", server.url, write, marker, False)
    return times


def measure(count: int, rounds: int) -> dict[str, list[float]]:
    from playwright.sync_api import sync_playwright

    times: dict[str, list[float]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        folder = project(Path(tmp), count)
        server = Server(folder, free_port())
        try:
            server.wait_until_serving()
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                page = browser.new_page()
                for n in range(rounds):  # interleaved, so machine noise hits each kind alike
                    full = n < max(1, rounds // 3)  # full rebuilds are slow: fewer of them
                    for kind, seconds in one_round(page, server, folder, n, full).items():
                        times.setdefault(kind, []).append(seconds)
                browser.close()
        finally:
            server.stop()
        fallbacks = sum("full rebuild" in line for line in server.log)
        print(f"  ({fallbacks} term changes fell back to a full rebuild)")
    return times


def split(steps: list[tuple[float, float, float]]) -> str:
    """The median of each step, as noticed + rebuilt + shown."""
    noticed, rebuilt, shown = (statistics.median(column) for column in zip(*steps, strict=True))
    return f"noticed {noticed:.2f} + rebuilt {rebuilt:.2f} + shown {shown:.2f} s"


def main() -> None:
    counts = [int(a) for a in sys.argv[1:]] or [1_000, 5_000]
    for count in counts:
        rounds = ROUNDS
        times = measure(count, rounds)
        full = statistics.median(times["full"])
        target = 1.0 if count <= 1_000 else 2.0
        print(f"{count:>5} terms, median of {rounds} (full rebuild: {len(times['full'])}):")
        for kind in ("edit", "title", "add", "delete", "full"):
            median = statistics.median(times[kind])
            note = f" (target <= {target:.0f} s)" if kind == "edit" else ""
            print(
                f"  {kind:<6} {median:6.2f} s{note}; {full / median:5.1f}x faster than a full "
                f"rebuild; the rebuild itself {statistics.median(BUILD[kind]):.2f} s; server "
                f"CPU {statistics.median(CPU[kind]):.2f} s; {split(STEPS[kind])}; all: "
                f"{', '.join(f'{t:.2f}' for t in times[kind])}"
            )


if __name__ == "__main__":
    main()
