"""`glossary render --out` run again updates the folder in place: changed files rewritten,
unchanged ones untouched, a deleted term's page removed; `--watch` keeps doing it."""

from __future__ import annotations

import subprocess
import time
from pathlib import Path

from tests.helpers import dump, term
from tests.sites import make_project, starter_terms


def _render(root: Path, out: str) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(
        ["glossary", "render", "--out", out], cwd=root, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    return result


def _tree(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    }


def test_a_second_render_rewrites_only_what_changed(tmp_path: Path) -> None:
    root = make_project(tmp_path, starter_terms())
    _render(root, "out")
    out = root / "out"
    inodes = {p: p.stat().st_ino for p in out.rglob("*") if p.is_file()}
    (root / "terms" / "end.yaml").unlink()
    (root / "terms" / "probability.yaml").write_text(dump(term("Probability")), "utf-8")
    result = _render(root, "out")
    assert "removed" in result.stdout and "1 removed" in result.stdout
    assert not (out / "terms" / "end.md").exists()
    rewritten = {
        p.relative_to(out).as_posix()
        for p, ino in inodes.items()
        if p.exists() and p.stat().st_ino != ino
    }
    assert "terms/probability.md" in rewritten and "terms.json" in rewritten
    assert "terms/subgraph.md" not in rewritten and "index.md" not in rewritten
    assert not any(p.startswith("assets/") for p in rewritten)
    _render(root, "fresh")
    assert _tree(out) == _tree(root / "fresh")


def test_render_watch_follows_term_edits(tmp_path: Path) -> None:
    root = make_project(tmp_path, starter_terms())
    process = subprocess.Popen(
        ["glossary", "render", "--out", "out", "--watch"],
        cwd=root,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    page = root / "out" / "terms" / "graph.md"
    try:
        deadline = time.monotonic() + 60
        assert process.stdout is not None
        for line in process.stdout:  # written once the first export is done and watched
            if line.startswith("watching "):
                break
        assert page.exists()
        (root / "terms" / "graph.yaml").write_text(
            dump(
                term(
                    "Graph",
                    prerequisites=["click"],
                    related=["subgraph"],
                    summary="Watched and written again.",
                )
            ),
            "utf-8",
        )
        while "Watched and written again." not in page.read_text("utf-8"):
            assert time.monotonic() < deadline + 60 and process.poll() is None
            time.sleep(0.2)
    finally:
        process.terminate()
        process.communicate(timeout=10)
