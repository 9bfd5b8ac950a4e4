"""What many test modules share: the real glossary built once per session, served on loopback,
and one headless Chromium (Debian's)."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from tests.browser import CHROMIUM, CHROMIUM_ARGS, ensure_chromium, free_port, serve

ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class BuiltSite:
    folder: Path
    port: int  # the port site_url names: instant navigation needs the site served there


@pytest.fixture(scope="session")
def real_site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    """`mkdocs build --strict` of this repository's glossary (every term in terms/)."""
    folder = tmp_path_factory.mktemp("real") / "site"
    port = free_port()
    env = {**os.environ, "SITE_URL": f"http://127.0.0.1:{port}/", "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run(
        ["mkdocs", "build", "--strict", "-d", str(folder)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env=env,
    )
    assert result.returncode == 0, result.stderr
    return BuiltSite(folder, port)


@pytest.fixture(scope="session")
def real_site_url(real_site: BuiltSite) -> Iterator[str]:
    with serve(real_site.folder, real_site.port) as url:
        yield url


@pytest.fixture(scope="session")
def chromium() -> Iterator[Any]:
    ensure_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield instance
        instance.close()
