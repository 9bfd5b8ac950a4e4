"""A broken installation (an asset or the vendor manifest missing or damaged) is named in one
clear line that says how to fix it, by `glossary render` and by the mkdocs plugin."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

import site_builder
from tests.sites import make_project, starter_terms


def without_explorer(package: Path) -> str:
    (package / "assets" / "explorer.js").unlink()
    return (
        f"front-end assets missing from {package / 'assets'}: explorer.js; "
        "reinstall the glossary-site package"
    )


def damaged_manifest(package: Path) -> str:
    manifest = package / "assets" / "vendor" / "manifest.json"
    manifest.write_text("{", "utf-8")
    return (
        f"cannot read {manifest} (a broken installation?): Expecting property name enclosed in "
        "double quotes: line 1 column 2 (char 1)"
    )


@pytest.fixture
def broken(tmp_path: Path) -> tuple[Path, Path]:
    """A copy of the installed package to break, and a project that uses it."""
    package = tmp_path / "installed" / "site_builder"
    source = Path(site_builder.__file__).parent
    shutil.copytree(source, package, ignore=shutil.ignore_patterns("__pycache__"))
    return package, make_project(tmp_path / "project", starter_terms())


def _run(project: Path, package: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(package.parent), "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run([sys.executable, "-m", *args], cwd=project, capture_output=True,
                          text=True, env=env, timeout=120)  # fmt: skip


@pytest.mark.parametrize("breakage", [without_explorer, damaged_manifest])
def test_render_names_what_is_broken(
    broken: tuple[Path, Path], breakage: Callable[[Path], str]
) -> None:
    package, project = broken
    message = breakage(package)
    result = _run(project, package, "site_builder", "render", "--out", "out")
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == f"error: {message}\n"


def test_the_plugin_stops_the_build_with_the_same_line(broken: tuple[Path, Path]) -> None:
    package, project = broken
    message = without_explorer(package)
    result = _run(project, package, "mkdocs", "build")
    assert result.returncode == 1
    assert f"ERROR   -  glossary: {message}\n" in result.stderr
    assert "Traceback" not in result.stderr
