"""`glossary render --out` to a place it cannot use: one clear line, exit 2, nothing left
half-written (the docs go to a hidden sibling folder first and are renamed when complete)."""

from __future__ import annotations

import gc
import os
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from site_builder.cli import _render_once, main
from site_builder.export import PLAIN_BUILD, ExportState
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


@pytest.mark.parametrize("name", ["templates", "templates/main.html"])
def test_a_docs_file_where_the_overrides_go_is_named(
    tmp_path: Path, project: Path, name: str
) -> None:
    """The output keeps its theme overrides in templates/: a docs page there would be lost or
    block the write, so the render stops and names it."""
    root = tmp_path / "project"
    subprocess.run(["cp", "-a", str(project), str(root)], check=True)
    (root / "docs" / name).parent.mkdir(parents=True, exist_ok=True)
    (root / "docs" / name).write_text("mine\n", "utf-8")
    result = CliRunner().invoke(main, ["render", "--out", str(root / "out"), "-f",
                                       str(root / "mkdocs.yml")])  # fmt: skip
    assert result.exit_code == 2
    assert result.stderr == (
        f"error: cannot write {root / 'out'}: `{root / 'docs' / name}` is where the output "
        "keeps its theme overrides (templates/); rename it\n"
    )
    assert not (root / "out").exists()


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def test_render_says_what_it_wrote_and_how_to_build_it(tmp_path: Path, project: Path) -> None:
    out = tmp_path / "out"
    args = ["render", "--out", str(out), "-f", str(project / "mkdocs.yml")]
    first = CliRunner().invoke(main, args)
    assert first.exit_code == 0, first.output
    lines = first.stdout.splitlines()
    written = sum(1 for p in out.rglob("*") if p.is_file())
    assert lines == [f"wrote {written} files to {out.as_posix()}", PLAIN_BUILD.format(out=out)]
    gc.disable()  # as the `glossary` program has it: render, which builds a site, turns it on
    try:
        again = CliRunner().invoke(main, args)
        assert gc.isenabled()
    finally:
        gc.enable()
    assert again.stdout.splitlines()[0] == (
        f"wrote 0 files to {out.as_posix()} ({written} unchanged, 0 removed)"
    )


def test_a_watched_render_of_a_glossary_with_errors_keeps_the_output_and_goes_on(
    tmp_path: Path, project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """What `render --watch` does after an edit that breaks the glossary: no exit."""
    root = tmp_path / "project"
    subprocess.run(["cp", "-a", str(project), str(root)], check=True)
    (root / "terms" / "graph.yaml").write_text("title: [unclosed\n", "utf-8")
    kept = _render_once(tmp_path / "out", root / "mkdocs.yml", ExportState.new(), watching=True)
    captured = capsys.readouterr()
    assert kept is False
    assert "graph.yaml:1:" in captured.out
    assert captured.err == "the glossary has errors; the output was left as it was\n"
    assert not (tmp_path / "out").exists()


def test_a_watched_render_with_a_broken_mkdocs_yml_says_so_and_goes_on(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: [unclosed\n", "utf-8")
    kept = _render_once(tmp_path / "out", config, ExportState.new(), watching=True)
    captured = capsys.readouterr()
    assert (kept, captured.out) == (False, "")
    assert captured.err.startswith(
        "error: MkDocs encountered an error parsing the configuration file: while parsing a "
        f'flow sequence\\n  in "{config}", line 1, column 12\\n'
    )
    assert captured.err.count("\n") == 1  # one line: the YAML error's breaks are escaped
