"""Every case of the YAML test suite, fed to `glossary check` as a term file: no traceback,
no hang, and every finding at a real place of its file."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data" / "yaml-test-suite.json"
# The line breaks of YAML (and so of the parser's marks): CRLF, CR, LF, NEL, LS, PS.
YAML_LINES = re.compile("\r\n|[\n\r\x85\u2028\u2029]")


def _file_name(case: str) -> str:
    return "case-" + case.lower().replace("/", "-") + ".yaml"


def test_every_yaml_test_suite_case_is_findings_at_real_places(tmp_path: Path) -> None:
    cases: dict[str, str] = json.loads(DATA.read_text("utf-8"))["cases"]
    assert len(cases) == 402
    terms = tmp_path / "terms"
    terms.mkdir()
    lines = {}
    for case, text in cases.items():
        path = terms / _file_name(case)
        path.write_text(text, "utf-8", newline="")
        lines[path.relative_to(tmp_path).as_posix()] = YAML_LINES.split(text)
    result = subprocess.run(
        ["glossary", "check", "--format", "json", "terms"],
        cwd=tmp_path,
        capture_output=True,
        timeout=60,  # the whole suite takes a few seconds
    )
    assert result.returncode == 1 and result.stderr == b""
    findings = json.loads(result.stdout.decode("utf-8"))
    assert {f["file"] for f in findings} == set(lines)  # every case is a finding or more
    for f in findings:
        file_lines = lines[f["file"]]
        assert 1 <= f["line"] <= len(file_lines), f
        assert 1 <= f["column"] <= len(file_lines[f["line"] - 1]) + 1, f
