"""`mkdocs serve` rebuilds when a term file is edited, added or removed."""

from __future__ import annotations

import os
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path

from site_builder.scaffold import new_term_text
from tests.browser import free_port
from tests.helpers import dump, term
from tests.sites import build, make_project, starter_terms


def _get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, ""
    except OSError:  # refused, reset, or timed out while the server rebuilds
        return 0, ""


def _until(check: Callable[[], bool], seconds: float = 120) -> bool:
    """Poll `check` until it holds; the deadline only matters when something is broken (a
    loaded machine can take a minute to start the server)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():
            return True
        time.sleep(0.3)
    return False


def test_serve_rebuilds_on_term_changes(tmp_path: Path) -> None:
    root = make_project(tmp_path, starter_terms())
    port = free_port()
    server = subprocess.Popen(
        ["mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
        cwd=root,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    base = f"http://127.0.0.1:{port}/"
    try:
        assert _until(lambda: _get(base + "terms/graph/")[0] == 200), "serve did not start"
        # Edited: the new summary appears.
        path = root / "terms" / "graph.yaml"
        path.write_text(
            dump(
                term(
                    "Graph",
                    prerequisites=["click"],
                    related=["subgraph"],
                    summary="An edited summary, served at once.",
                )
            ),
            "utf-8",
        )
        assert _until(lambda: "An edited summary" in _get(base + "terms/graph/")[1])
        # Added: a new page.
        (root / "terms" / "fresh.yaml").write_text(dump(term("Fresh", related=["graph"])), "utf-8")
        assert _until(lambda: _get(base + "terms/fresh/")[0] == 200)
        # Removed: the page goes away.
        (root / "terms" / "fresh.yaml").unlink()
        assert _until(lambda: _get(base + "terms/fresh/")[0] == 404)
        # Half-written: the draft shows its findings, and the rest of the site keeps rebuilding.
        draft = new_term_text("Draft", related=["graph"])
        (root / "terms" / "draft.yaml").write_text(draft, "utf-8")
        assert _until(lambda: "This term has problems" in _get(base + "terms/draft/")[1])
        assert "error[empty-field]" in _get(base + "terms/draft/")[1]
        (root / "terms" / "broken.yaml").write_text("title: [unclosed\n", "utf-8")
        assert _until(lambda: "error[yaml-syntax]" in _get(base + "terms/broken/")[1])
        assert _get(base + "terms/broken/")[1].count("This term has problems") == 1
        path.write_text(
            dump(
                term(
                    "Graph",
                    prerequisites=["click"],
                    related=["subgraph"],
                    summary="Edited while a draft is broken.",
                )
            ),
            "utf-8",
        )
        assert _until(lambda: "Edited while a draft" in _get(base + "terms/graph/")[1])
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_build_still_fails_on_a_half_written_term(tmp_path: Path) -> None:
    root = make_project(tmp_path, starter_terms())
    (root / "terms" / "draft.yaml").write_text(new_term_text("Draft"), "utf-8")
    result = build(root)
    assert result.returncode == 1
    assert "terms/draft.yaml:" in result.stderr and "[empty-field]" in result.stderr
