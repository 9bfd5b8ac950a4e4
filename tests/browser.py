"""Real headless Chromium (Debian's package) driven by Playwright, and a loopback server."""

from __future__ import annotations

import functools
import os
import shutil
import socket
import subprocess
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
# Material draws Mermaid into a closed shadow root; open it so tests can look inside.
OPEN_SHADOW_ROOTS = """
const attach = Element.prototype.attachShadow;
Element.prototype.attachShadow = function (init) {
  return attach.call(this, {...init, mode: "open"});
};
"""
# Material's instant navigation takes over link clicks only once it has parsed sitemap.xml;
# before that a click is an ordinary page load. This marks the moment it has (the parse and
# the hand-over to the click handler run in one synchronous chain, so a microtask comes after).
SITEMAP_SIGNAL = """
const parse = DOMParser.prototype.parseFromString;
DOMParser.prototype.parseFromString = function (text, type) {
  const parsed = parse.call(this, text, type);
  if (parsed.documentElement && parsed.documentElement.localName === "urlset") {
    queueMicrotask(() => { window.__glossarySitemapParsed = true; });
  }
  return parsed;
};
"""
SITEMAP_PARSED = "() => window.__glossarySitemapParsed === true"
ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"
# Every wait is on a signal the page gives (an attribute, an element, a text); this bound only
# says when a missing signal is a failure. Playwright's 30 s is too short on a machine shared
# by several jobs, where building the search index or settling the force layout can take longer.
SIGNAL_TIMEOUT_MS = 120_000


class WatchedTab:
    """A browser context and page whose console errors and requests off 127.0.0.1 are
    recorded, with shadow roots open and the sitemap signal installed."""

    def __init__(self, browser: Any, **context: Any) -> None:
        options = {"viewport": {"width": 1280, "height": 900}, **context}
        self.context = browser.new_context(**options)
        self.context.add_init_script(OPEN_SHADOW_ROOTS)
        self.context.add_init_script(SITEMAP_SIGNAL)
        self.page = self.context.new_page()
        self.errors: list[str] = []
        self.outside: list[str] = []
        self.page.on("console", self._console)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("request", self._request)

    def _console(self, message: Any) -> None:
        if message.type == "error":
            self.errors.append(message.text)

    def _request(self, request: Any) -> None:
        if not request.url.startswith(("http://127.0.0.1:", "data:", "blob:")):
            self.outside.append(request.url)

    def close(self) -> None:
        self.context.close()


def ensure_chromium() -> None:
    """Install Debian's chromium when it is missing (as root); never Playwright's download."""
    if Path(CHROMIUM).exists():
        return
    if os.geteuid() != 0 or shutil.which("apt-get") is None:
        raise RuntimeError("Debian's chromium is not installed; run: apt-get install chromium")
    subprocess.run(["apt-get", "update", "-qq"], check=True)
    subprocess.run(
        ["apt-get", "install", "-y", "-qq", "chromium"],
        check=True,
        env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"},
    )


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def serve(folder: Path, port: int = 0) -> Iterator[str]:
    """Serve `folder` on 127.0.0.1 for the duration of the block."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = ThreadingHTTPServer(("127.0.0.1", port), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
