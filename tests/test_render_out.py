"""`glossary render --out` to a place it cannot use: one clear line, exit 2, nothing left
half-written (the docs go to a hidden sibling folder first and are renamed when complete)."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.sites import make_project, starter_terms


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_project(tmp_path_factory.mktemp("render"), starter_terms())


def render(root: Path, out: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["glossary", "render", "--out", out], cwd=root, capture_output=True, text=True, timeout=120
    )


def _entries(root: Path) -> set[str]:
    return {p.name for p in root.iterdir()}


def dangling_link(root: Path) -> str:
    (root / "gone").symlink_to("nowhere")
    return "gone"


def link_to_an_empty_folder(root: Path) -> str:
    (root / "empty-target").mkdir()
    (root / "linked").symlink_to("empty-target")
    return "linked"


def parent_is_a_file(root: Path) -> str:
    (root / "a-file").write_text("x", "utf-8")
    return "a-file/out"


def parent_is_missing(root: Path) -> str:
    return "no/such/folder/out"


def unwritable_parent(root: Path) -> str:
    return "/sys/glossary-out"  # refused even to root


def docs_with_a_fifo(root: Path) -> str:
    os.mkfifo(root / "docs" / "pipe.md")  # copying it fails half-way through
    return "out"


# (name, make the target, the one line of stderr)
CASES: list[tuple[str, Callable[[Path], str], str]] = [
    ("dangling link", dangling_link, "error: gone exists and is not an empty folder"),
    ("link to an empty folder", link_to_an_empty_folder, "error: linked exists and is not an"),
    ("parent is a file", parent_is_a_file, "error: cannot write a-file/out: its parent folder"),
    ("parent is missing", parent_is_missing, "error: cannot write no/such/folder/out: its parent"),
    (
        "unwritable parent",
        unwritable_parent,
        "error: cannot write to /sys: Operation not permitted",
    ),
    ("failure half-way", docs_with_a_fifo, "error: cannot write out: `"),
]


@pytest.mark.parametrize(("name", "target", "line"), CASES, ids=[c[0] for c in CASES])
def test_render_to_an_unusable_place_is_one_clear_line(
    tmp_path: Path, project: Path, name: str, target: Callable[[Path], str], line: str
) -> None:
    root = tmp_path / "project"
    subprocess.run(["cp", "-a", str(project), str(root)], check=True)
    out = target(root)
    before = _entries(root)
    result = render(root, out)
    assert result.returncode == 2
    assert len(result.stderr.splitlines()) == 1 and result.stderr.startswith(line), result.stderr
    assert "Traceback" not in result.stderr
    assert _entries(root) == before  # no half-written folder, no hidden staging folder


def test_render_writes_into_an_empty_folder(tmp_path: Path, project: Path) -> None:
    root = tmp_path / "project"
    subprocess.run(["cp", "-a", str(project), str(root)], check=True)
    (root / "out").mkdir()
    result = render(root, "out")
    assert result.returncode == 0, result.stderr
    assert (root / "out" / "terms" / "graph.md").is_file()
    assert not [p for p in root.iterdir() if p.name.startswith(".out.")]
    assert (root / "out").stat().st_mode & 0o777 == 0o777 & ~_umask()


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
