"""Golden files for the three report formats, produced by the real console script."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = ROOT / "tests" / "golden"
FIXTURE = "tests/fixtures/broken"


def run_check(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    environment = {k: v for k, v in os.environ.items() if k != "GITHUB_ACTIONS"}
    environment.update(env or {})
    return subprocess.run(
        ["glossary", "check", *args], cwd=ROOT, capture_output=True, text=True, env=environment
    )


@pytest.mark.parametrize("fmt", ["text", "json", "github"])
def test_format_matches_golden(fmt: str) -> None:
    result = run_check(FIXTURE, "--format", fmt)
    assert result.returncode == 1
    assert result.stderr == ""
    assert result.stdout == (GOLDEN / f"check.{fmt}").read_text(encoding="utf-8")


def test_github_format_is_chosen_on_github_actions() -> None:
    result = run_check(FIXTURE, env={"GITHUB_ACTIONS": "true"})
    assert result.stdout == (GOLDEN / "check.github").read_text(encoding="utf-8")


def test_json_has_the_documented_keys() -> None:
    records = json.loads(run_check(FIXTURE, "--format", "json").stdout)
    assert records, "the fixture has findings"
    for record in records:
        assert {"code", "severity", "file", "line", "column", "message"} <= set(record)
        assert record["severity"] in ("error", "warning")
        assert record["line"] >= 1 and record["column"] >= 1


def test_github_escapes_percent_and_property_separators() -> None:
    out = run_check(FIXTURE, "--format", "github").stdout
    assert "%2541" in out  # a literal % in the message
    assert (
        "::error file=tests/fixtures/broken/backprop.yaml,line=14,col=5,title=unsafe-url::" in out
    )
