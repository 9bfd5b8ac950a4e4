"""The three report formats: golden files from the `glossary check` command, and each escape."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from site_builder.cli import main
from site_builder.findings import Finding, Location
from site_builder.report import Format, render

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = ROOT / "tests" / "golden"
FIXTURE = "tests/fixtures/broken"


def check(*args: str, env: dict[str, str] | None = None) -> tuple[int, str]:
    """`glossary check` in this process (the same click command the console script runs)."""
    environment = {"GITHUB_ACTIONS": None, **(env or {})}
    result = CliRunner().invoke(main, ["check", *args], env=environment)
    return result.exit_code, result.output


@pytest.fixture(autouse=True)
def _in_the_repository(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)  # the goldens hold paths relative to the repository


@pytest.mark.parametrize("fmt", ["text", "json", "github"])
def test_format_matches_golden(fmt: str) -> None:
    code, output = check(FIXTURE, "--format", fmt)
    assert code == 1
    assert output == (GOLDEN / f"check.{fmt}").read_text(encoding="utf-8")


def test_github_format_is_chosen_on_github_actions() -> None:
    _, output = check(FIXTURE, env={"GITHUB_ACTIONS": "true"})
    assert output == (GOLDEN / "check.github").read_text(encoding="utf-8")


def test_the_console_script_prints_the_same_report() -> None:
    environment = {k: v for k, v in os.environ.items() if k != "GITHUB_ACTIONS"}
    result = subprocess.run(
        ["glossary", "check", FIXTURE], cwd=ROOT, capture_output=True, text=True, env=environment
    )
    assert (result.returncode, result.stderr) == (1, "")
    assert result.stdout == (GOLDEN / "check.text").read_text(encoding="utf-8")


def test_json_has_the_documented_keys() -> None:
    records = json.loads(check(FIXTURE, "--format", "json")[1])
    assert records, "the fixture has findings"
    for record in records:
        assert {"code", "severity", "file", "line", "column", "message"} <= set(record)
        assert record["severity"] in ("error", "warning")
        assert record["line"] >= 1 and record["column"] >= 1


CYCLE = Finding(
    "terms/a.yaml",
    9,
    5,
    "prerequisite-cycle",
    "prerequisite cycle: a → b → a",
    "break one of these edges",
    related=(
        Location("terms/a.yaml", 9, 5, "a needs b"),
        Location("terms/b.yaml", 12, 7, "b needs a"),
    ),
)


def test_text_prints_each_related_place_as_a_note() -> None:
    assert render([CYCLE], 2, Format.TEXT).splitlines() == [
        "terms/a.yaml:9:5: error[prerequisite-cycle] prerequisite cycle: a → b → a; "
        "break one of these edges",
        "  terms/a.yaml:9:5: note: a needs b",
        "  terms/b.yaml:12:7: note: b needs a",
        "1 error, 0 warnings in 2 term files",
    ]


def test_json_lists_related_places_as_data() -> None:
    (record,) = json.loads(render([CYCLE], 2, Format.JSON))
    assert record["related"] == [
        {"file": "terms/a.yaml", "line": 9, "column": 5, "message": "a needs b"},
        {"file": "terms/b.yaml", "line": 12, "column": 7, "message": "b needs a"},
    ]
    plain = Finding("terms/a.yaml", 1, 1, "orphan", "'a' is alone")
    (record,) = json.loads(render([plain], 1, Format.JSON))
    assert "related" not in record and "hint" not in record


def test_github_annotates_every_other_related_place() -> None:
    assert render([CYCLE], 2, Format.GITHUB).splitlines() == [
        "::error file=terms/a.yaml,line=9,col=5,title=prerequisite-cycle::"
        "prerequisite cycle: a → b → a; break one of these edges",
        "::error file=terms/b.yaml,line=12,col=7,title=prerequisite-cycle::"
        "prerequisite cycle: a → b → a: b needs a",
        "1 error, 0 warnings in 2 term files",
    ]


# (file, message) → the annotation GitHub reads: properties end at `,` and `::`, data at a
# line break, and `%` starts an escape in both.
GITHUB_ESCAPES = [
    ("terms/a,b.yaml", "x", "::warning file=terms/a%2Cb.yaml,line=1,col=1,title=orphan::x"),
    ("c:/terms/a.yaml", "x", "::warning file=c%3A/terms/a.yaml,line=1,col=1,title=orphan::x"),
    ("terms/100%.yaml", "x", "::warning file=terms/100%25.yaml,line=1,col=1,title=orphan::x"),
    ("a.yaml", "50% done", "::warning file=a.yaml,line=1,col=1,title=orphan::50%25 done"),
    ("a.yaml", "one\ntwo", "::warning file=a.yaml,line=1,col=1,title=orphan::one%0Atwo"),
    ("a.yaml", "one\r\ntwo", "::warning file=a.yaml,line=1,col=1,title=orphan::one%0D%0Atwo"),
    ("a.yaml", "a, b: c", "::warning file=a.yaml,line=1,col=1,title=orphan::a, b: c"),
    ("a\nb.yaml", "x", "::warning file=a%0Ab.yaml,line=1,col=1,title=orphan::x"),
]


@pytest.mark.parametrize(("file", "message", "expected"), GITHUB_ESCAPES)
def test_github_escapes_properties_and_data(file: str, message: str, expected: str) -> None:
    first, summary = render([Finding(file, 1, 1, "orphan", message)], 1, Format.GITHUB).splitlines()
    assert first == expected
    assert summary == "0 errors, 1 warning in 1 term file"


def test_summary_counts_and_plurals() -> None:
    error = Finding("a.yaml", 1, 1, "unknown-term", "x")
    warning = Finding("a.yaml", 2, 1, "orphan", "y")
    assert render([], 1, Format.TEXT) == "0 errors, 0 warnings in 1 term file\n"
    assert render([error, error, warning], 3, Format.TEXT).endswith(
        "\n2 errors, 1 warning in 3 term files\n"
    )
    assert render([warning], 4, Format.TEXT, noun="page").endswith(
        "\n0 errors, 1 warning in 4 pages\n"
    )


def test_summary_counts_notes_apart_from_warnings() -> None:
    """A note is neither an error nor a warning: `1 warning, 2 notes`, not `3 warnings`."""
    error = Finding("a.yaml", 1, 1, "unknown-term", "x")
    warning = Finding("a.yaml", 2, 1, "orphan", "y")
    note = Finding("a.yaml", 3, 1, "unlinked-mention", "z")
    assert render([error, warning, note, note], 1, Format.TEXT).endswith(
        "\n1 error, 1 warning, 2 notes in 1 term file\n"
    )
