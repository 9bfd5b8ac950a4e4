"""The code stays lint-clean, formatted and type-checked: part of every test run."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize(
    "command",
    [
        ["ruff", "check", "site_builder", "bench", "tests"],
        ["ruff", "format", "--check", "site_builder", "bench", "tests"],
        [sys.executable, "-m", "mypy"],  # site_builder, tests and bench (pyproject.toml)
    ],
    ids=["ruff-check", "ruff-format", "mypy"],
)
def test_tool_passes(command: list[str]) -> None:
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
