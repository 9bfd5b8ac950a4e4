"""`glossary render --out` run again updates the folder in place: changed files rewritten,
unchanged ones untouched, a deleted term's page removed; `--watch` keeps doing it."""

from __future__ import annotations

import queue
import re
import shutil
import subprocess
import threading
from collections.abc import Callable
from pathlib import Path

import pytest

from site_builder.export import PLAIN_BUILD, ExportError, export_docs
from tests.helpers import dump, linked_pair, term, write_terms
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


def test_render_watch_exports_each_change_and_nothing_between(tmp_path: Path) -> None:
    """`render --watch` exports once, says it is watching, then sleeps: nothing is exported or
    printed until a term file changes; then the change is exported, and said so."""
    small_project(tmp_path)
    process = subprocess.Popen(
        ["glossary", "render", "--out", "out", "--watch"],
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    stdout = process.stdout
    assert stdout is not None
    lines: queue.Queue[str] = queue.Queue()

    def read() -> None:
        for line in stdout:
            lines.put(line)

    reader = threading.Thread(target=read)
    reader.start()
    page = tmp_path / "out" / "terms" / "alpha.md"
    try:
        while not lines.get(timeout=60).startswith("watching "):
            pass
        assert page.exists()
        # Nothing changed, so nothing comes: no signal marks that, so a spell of quiet several
        # exports long (one takes a tenth of a second here) stands for it.
        with pytest.raises(queue.Empty):
            lines.get(timeout=0.5)
        (tmp_path / "terms" / "alpha.yaml").write_text(
            dump(term("Alpha", related=["beta"], summary="Alpha, edited.")), "utf-8"
        )
        edited = lines.get(timeout=60)  # printed once the export is written
        assert re.fullmatch(r"wrote [1-9]\d* files to out \(\d+ unchanged, 0 removed\)\n", edited)
        assert "Alpha, edited." in page.read_text("utf-8")
    finally:
        process.terminate()
        process.wait(timeout=10)
        reader.join(timeout=10)
        stdout.close()


def small_project(root: Path) -> Path:
    """A minimal mkdocs.yml (no theme options: loads in milliseconds), a home page, a guide
    page in a subfolder and two terms; `export_docs` is called in this process."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "mkdocs.yml").write_text("site_name: T\nplugins:\n  - glossary\n", "utf-8")
    (root / "docs" / "guide").mkdir(parents=True)
    (root / "docs" / "index.md").write_text("# Home\n", "utf-8")
    (root / "docs" / "guide" / "start.md").write_text("# Start\n", "utf-8")
    write_terms(root, linked_pair())
    return root / "mkdocs.yml"


def test_an_export_ships_hand_written_pages_and_every_theme_override(tmp_path: Path) -> None:
    config = small_project(tmp_path)
    export_docs(config, tmp_path / "out")
    out = tmp_path / "out"
    assert (out / "guide" / "start.md").read_text("utf-8") == "# Start\n"
    overrides = {p.relative_to(out).as_posix() for p in (out / "templates").rglob("*")}
    assert overrides == {"templates/main.html", "templates/partials",
                         "templates/partials/glossary-head.html", "templates/partials/nav.html",
                         "templates/partials/progress.html"}  # fmt: skip


def test_a_second_export_removes_a_deleted_page_and_its_empty_folder(tmp_path: Path) -> None:
    config = small_project(tmp_path)
    first = export_docs(config, tmp_path / "out")
    shutil.rmtree(tmp_path / "docs" / "guide")
    again = export_docs(config, tmp_path / "out")
    assert (again.written, again.unchanged, again.removed) == (1, first.written - 2, 1)
    assert not (tmp_path / "out" / "guide").exists()  # an engine would show an empty section
    assert (tmp_path / "out" / "index.md").exists()


def test_a_page_already_deleted_by_hand_is_no_obstacle_to_removing_it(tmp_path: Path) -> None:
    config = small_project(tmp_path)
    export_docs(config, tmp_path / "out")
    shutil.rmtree(tmp_path / "docs" / "guide")
    shutil.rmtree(tmp_path / "out" / "guide")  # someone cleaned up first
    export_docs(config, tmp_path / "out")
    assert not (tmp_path / "out" / "guide").exists()
    assert (tmp_path / "out" / "index.md").exists()


def manifest_without_files(root: Path) -> str:
    (root / "out").mkdir()
    (root / "out" / ".glossary-render.json").write_text('{"written": []}', "utf-8")
    return "{root}/out/.glossary-render.json cannot be read ('files'); remove the folder"


def docs_file_named_like_the_overrides(root: Path) -> str:
    (root / "docs" / "templates").write_text("not a folder", "utf-8")
    return (
        "cannot write {root}/out: `{root}/docs/templates` is where the output keeps its theme "
        "overrides (templates/); rename it"
    )


def folder_replaced_by_a_file(root: Path) -> str:
    export_docs(root / "mkdocs.yml", root / "out")
    shutil.rmtree(root / "docs" / "guide")
    (root / "docs" / "guide").write_text("now a page without a suffix", "utf-8")
    return "cannot write {root}/out: Is a directory"


@pytest.mark.parametrize(
    "make", [manifest_without_files, docs_file_named_like_the_overrides, folder_replaced_by_a_file]
)
def test_an_export_that_cannot_be_written_is_one_clear_error(
    tmp_path: Path, make: Callable[[Path], str]
) -> None:
    config = small_project(tmp_path)
    expected = make(tmp_path).format(root=tmp_path)
    with pytest.raises(ExportError, match=f"^{re.escape(expected)}$"):
        export_docs(config, tmp_path / "out")


def test_the_build_recipe_points_mkdocs_at_the_exported_templates_folder() -> None:
    """What `glossary render` prints names the folder the export writes its overrides to."""
    assert "theme: custom_dir: out/templates, font: false;" in PLAIN_BUILD.format(out="out")


def test_a_second_export_adds_pages_in_new_and_existing_folders(tmp_path: Path) -> None:
    config = small_project(tmp_path)
    export_docs(config, tmp_path / "out")
    (tmp_path / "docs" / "guide" / "next.md").write_text("# Next\n", "utf-8")
    (tmp_path / "docs" / "api" / "v1").mkdir(parents=True)
    (tmp_path / "docs" / "api" / "v1" / "ref.md").write_text("# Ref\n", "utf-8")
    again = export_docs(config, tmp_path / "out")
    assert (again.written, again.removed) == (3, 0)  # two pages and the manifest
    assert (tmp_path / "out" / "guide" / "next.md").read_text("utf-8") == "# Next\n"
    assert (tmp_path / "out" / "api" / "v1" / "ref.md").read_text("utf-8") == "# Ref\n"


def test_a_manifest_cannot_make_an_export_remove_files_outside_its_folder(tmp_path: Path) -> None:
    """A manifest is read from the output folder, so anyone who can write there could list
    `../…` paths: those are ignored, never removed as stale."""
    config = small_project(tmp_path)
    export_docs(config, tmp_path / "out")
    manifest = tmp_path / "out" / ".glossary-render.json"
    manifest.write_text('{"files": ["index.md", "../keep.txt", "guide/../../keep.txt"]}', "utf-8")
    (tmp_path / "keep.txt").write_text("mine", "utf-8")
    assert export_docs(config, tmp_path / "out").removed == 0
    assert (tmp_path / "keep.txt").read_text("utf-8") == "mine"
