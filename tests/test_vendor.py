"""The front-end libraries shipped inside the package are the ones theme/package-lock.json pins."""

from __future__ import annotations

import hashlib
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from site_builder.assets import asset_files, package_assets, vendored
from site_builder.config import options_markdown

ROOT = Path(__file__).resolve().parent.parent
LOCK = json.loads((ROOT / "theme" / "package-lock.json").read_text("utf-8"))["packages"]
VENDOR = package_assets() / "vendor"


def test_manifest_has_the_lockfile_version_and_integrity_of_every_pinned_package() -> None:
    pinned = LOCK[""]["dependencies"]
    assert set(vendored()) == set(pinned)
    for name, info in vendored().items():
        locked = LOCK[f"node_modules/{name}"]
        assert (info["version"], info["integrity"]) == (locked["version"], locked["integrity"])
        assert info["version"] == pinned[name]


def test_every_shipped_file_has_its_manifest_hash() -> None:
    for name, info in vendored().items():
        files = info["files"]
        assert isinstance(files, dict) and "LICENSE" in files
        for path, digest in files.items():
            data = (VENDOR / name / path).read_bytes()
            assert hashlib.sha256(data).hexdigest() == digest, f"{name}/{path}"
    shipped = {p.relative_to(VENDOR).as_posix() for p in VENDOR.rglob("*") if p.is_file()}
    listed = {f"{n}/{f}" for n, i in vendored().items() for f in i["files"]}  # type: ignore[attr-defined]
    assert shipped - listed == {"manifest.json"}


def test_every_font_katex_css_names_is_shipped_and_published() -> None:
    css = (VENDOR / "katex" / "katex.min.css").read_text("utf-8")
    fonts = set(re.findall(r"url\((fonts/[\w.-]+)\)", css))
    assert len(fonts) == 60  # 20 faces in woff2, woff and ttf
    published = asset_files()
    for font in fonts:
        assert f"assets/glossary/vendor/katex/{font}" in published


@pytest.mark.skipif(not (ROOT / "theme" / "node_modules").is_dir(), reason="no npm install here")
def test_vendored_files_match_the_npm_install() -> None:
    result = subprocess.run(
        [sys.executable, "scripts/vendor_assets.py", "--check"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_options_page_is_generated_from_the_config_schema() -> None:
    page = (ROOT / "docs" / "configuration.md").read_text("utf-8")
    start = page.index("-->\n", page.index("<!-- options:start")) + 4
    end = page.index("<!-- options:end -->")
    assert page[start:end] == options_markdown(), "regenerate with `glossary options`"
