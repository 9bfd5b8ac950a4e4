"""The package as users get it: sdist and wheel built from the tracked files (as `pip install
git+…` would), the wheel installed into a fresh virtualenv, the README's commands run in an
empty folder, and a term page of the result opened in real Chromium."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tarfile
import zipfile
from email.parser import Parser
from pathlib import Path
from typing import Any

import pytest

from tests.browser import serve

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.package
UV = shutil.which("uv")


def _clean_env(bin_dir: Path | None = None) -> dict[str, str]:
    """No PYTHONPATH: the installed package must be the one that runs."""
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    if bin_dir is not None:
        env["PATH"] = f"{bin_dir}{os.pathsep}{env['PATH']}"
        env["VIRTUAL_ENV"] = str(bin_dir.parent)
    return {**env, "NO_MKDOCS_2_WARNING": "1"}


def _tracked() -> list[str]:
    listed = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True)
    return [p for p in listed.stdout.decode().split("\0") if p and (ROOT / p).is_file()]


@pytest.fixture(scope="module")
def dist(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """sdist and wheel (the wheel built from the sdist) of a copy of the tracked files."""
    source = tmp_path_factory.mktemp("checkout")
    for path in _tracked():
        (source / path).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / path, source / path)
    out = tmp_path_factory.mktemp("dist")
    installer = ["--installer", "uv"] if UV else []
    result = subprocess.run(
        [sys.executable, "-m", "build", *installer, "--outdir", str(out), str(source)],
        capture_output=True,
        text=True,
        env=_clean_env(),
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    (wheel,) = out.glob("*.whl")
    (sdist,) = out.glob("*.tar.gz")
    return {"wheel": wheel, "sdist": sdist}


def test_wheel_and_sdist_carry_every_package_file_and_the_metadata(dist: dict[str, Path]) -> None:
    package = {p for p in _tracked() if p.startswith("site_builder/")}
    assert any(p.endswith("fonts/KaTeX_Main-Regular.ttf") for p in package)
    with zipfile.ZipFile(dist["wheel"]) as wheel:
        names = set(wheel.namelist())
        info = next(n for n in names if n.endswith(".dist-info/METADATA"))
        metadata = Parser().parsestr(wheel.read(info).decode())
        entry_points = wheel.read(info.replace("METADATA", "entry_points.txt")).decode()
    assert package - names == set(), "files missing from the wheel"
    assert {n for n in names if n.startswith("site_builder/")} == package
    assert metadata["License-Expression"] == "MIT"
    assert any(n.endswith("licenses/LICENSE") for n in names)
    assert "Framework :: MkDocs" in (metadata.get_all("Classifier") or [])
    urls = dict(u.split(", ", 1) for u in metadata.get_all("Project-URL") or [])
    assert {"Homepage", "Source", "Issues", "Changelog", "Documentation"} <= set(urls)
    assert "glossary = site_builder.cli:run" in entry_points
    assert "glossary = site_builder.plugin:GlossaryPlugin" in entry_points
    with tarfile.open(dist["sdist"]) as sdist:
        top = sdist.getnames()[0].split("/")[0]
        members = {n.removeprefix(top + "/") for n in sdist.getnames()}
    assert package | {"LICENSE", "CHANGELOG.md", "README.md", "pyproject.toml"} <= members


@pytest.fixture(scope="module")
def venv(dist: dict[str, Path], tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh virtualenv (no system packages) with the wheel and its dependencies from PyPI."""
    env_dir = tmp_path_factory.mktemp("venv") / "env"
    python = env_dir / "bin" / "python"
    if UV:  # the same install, resolved and downloaded in parallel (about 8x faster here)
        commands = [
            [UV, "venv", "-q", "--seed", str(env_dir)],
            [UV, "pip", "install", "-q", "--python", str(python), str(dist["wheel"])],
        ]
    else:
        commands = [
            [sys.executable, "-m", "venv", str(env_dir)],
            [str(python), "-m", "pip", "install", "-q", str(dist["wheel"])],
        ]
    for command in commands:
        result = subprocess.run(command, capture_output=True, text=True, env=_clean_env())
        assert result.returncode == 0, result.stderr[-3000:]
    return env_dir / "bin"


def readme_commands() -> list[str]:
    """The shell block of the README's "Use it for your own glossary" section."""
    readme = (ROOT / "README.md").read_text("utf-8")
    section = readme.split("## Use it for your own glossary", 1)[1]
    block = re.search(r"```sh\n(.*?)```", section, re.S)
    assert block, "no command block in the section"
    return [line for line in block.group(1).splitlines() if line.strip()]


def test_readme_section_shows_the_one_line_plugin_config() -> None:
    readme = (ROOT / "README.md").read_text("utf-8")
    section = readme.split("## Use it for your own glossary", 1)[1].split("\n## ", 1)[0]
    assert "```yaml\ntheme:\n  name: material\nplugins:\n  - search\n  - glossary\n```" in section
    assert readme_commands()[:2] == ["pip install glossary-site", "glossary init my-glossary"]


@pytest.fixture(scope="module")
def new_site(venv: Path, dist: dict[str, Path], tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The README's commands, run in an empty folder with the fresh virtualenv's tools."""
    folder = tmp_path_factory.mktemp("empty")
    script = "\n".join(["set -euo pipefail", *readme_commands()])
    script = script.replace("pip install glossary-site", f"pip install -q {dist['wheel']}")
    result = subprocess.run(
        ["bash", "-c", script], cwd=folder, capture_output=True, text=True, env=_clean_env(venv)
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert "0 errors, 0 warnings in 2 term files" in result.stdout
    probe = "import site_builder as s; print(s.__file__)"
    where = subprocess.run(
        [str(venv / "python"), "-c", probe],
        capture_output=True,
        text=True,
        cwd=folder,
        env=_clean_env(venv),
    )
    assert where.stdout.startswith(str(venv.parent)), "not the installed wheel"
    return folder / "my-glossary" / "site"


@pytest.fixture(scope="module")
def browser(chromium: Any) -> Any:
    """The session's Chromium (one Playwright per process: the sync API allows no second)."""
    return chromium


@pytest.mark.browser
def test_installed_wheel_builds_a_new_glossary_that_works_in_chromium(
    new_site: Path, browser: Any
) -> None:
    outside: list[str] = []
    errors: list[str] = []
    with serve(new_site) as base_url:
        page = browser.new_page()

        def request(r: Any) -> None:
            if not r.url.startswith("http://127.0.0.1:"):
                outside.append(r.url)

        def console(m: Any) -> None:
            if m.type == "error":
                errors.append(m.text)

        page.on("request", request)
        page.on("console", console)
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(base_url + "terms/glossary/")
        graph = "document.querySelector('div.glossary-mermaid')?.shadowRoot?.querySelector('svg')"
        page.wait_for_function(f"() => {graph} != null")
        assert "Term" in page.evaluate(f"() => {graph}.textContent")
        page.wait_for_function("() => document.querySelectorAll('.arithmatex .katex').length >= 2")
        page.wait_for_load_state("networkidle")
        page.close()
    assert outside == [], "requests left 127.0.0.1"
    assert errors == []
