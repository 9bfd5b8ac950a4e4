"""Findings → text (ruff/yamllint style), JSON, or GitHub Actions workflow commands."""

from __future__ import annotations

import json
from collections.abc import Sequence
from enum import StrEnum

from site_builder.findings import Finding, Severity


class Format(StrEnum):
    TEXT = "text"
    JSON = "json"
    GITHUB = "github"


def render(
    findings: Sequence[Finding], file_count: int, fmt: Format, noun: str = "term file"
) -> str:
    if fmt is Format.JSON:
        return as_json(findings)
    if fmt is Format.GITHUB:
        return as_github(findings, file_count, noun)
    return as_text(findings, file_count, noun)


def message_with_hint(f: Finding) -> str:
    return f"{f.message}; {f.hint}" if f.hint else f.message


def notes(f: Finding) -> list[str]:
    """One `file:line:col: note: …` line per related place, as compilers print them."""
    return [f"{r.file}:{r.line}:{r.column}: note: {r.message}" for r in f.related]


def as_text(findings: Sequence[Finding], file_count: int, noun: str = "term file") -> str:
    lines = []
    for f in findings:
        lines.append(f"{f.file}:{f.line}:{f.column}: {f.severity}[{f.code}] {message_with_hint(f)}")
        lines += [f"  {note}" for note in notes(f)]
    return "\n".join([*lines, summary(findings, file_count, noun)]) + "\n"


def summary(findings: Sequence[Finding], file_count: int, noun: str) -> str:
    errors = sum(1 for f in findings if f.severity is Severity.ERROR)
    warnings = len(findings) - errors
    return (
        f"{_plural(errors, 'error')}, {_plural(warnings, 'warning')} in {_plural(file_count, noun)}"
    )


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


def as_json(findings: Sequence[Finding]) -> str:
    records = []
    for f in findings:
        record: dict[str, object] = {
            "code": f.code,
            "severity": str(f.severity),
            "file": f.file,
            "line": f.line,
            "column": f.column,
            "message": f.message,
        }
        if f.hint:
            record["hint"] = f.hint
        if f.related:
            record["related"] = [
                {"file": r.file, "line": r.line, "column": r.column, "message": r.message}
                for r in f.related
            ]
        records.append(record)
    return json.dumps(records, indent=2, ensure_ascii=False) + "\n"


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def _annotation(f: Finding, file: str, line: int, column: int, message: str) -> str:
    return (
        f"::{f.severity} file={_escape_property(file)},line={line},col={column},"
        f"title={_escape_property(f.code)}::{_escape_data(message)}"
    )


def as_github(findings: Sequence[Finding], file_count: int, noun: str) -> str:
    """One annotation per finding, and one at each related place (every edge of a cycle, the
    other file of a one-way link) so the pull request shows them all."""
    lines = []
    for f in findings:
        lines.append(_annotation(f, f.file, f.line, f.column, message_with_hint(f)))
        lines += [
            _annotation(f, r.file, r.line, r.column, f"{f.message}: {r.message}")
            for r in f.related
            if (r.file, r.line, r.column) != (f.file, f.line, f.column)
        ]
    return "\n".join([*lines, summary(findings, file_count, noun)]) + "\n"
