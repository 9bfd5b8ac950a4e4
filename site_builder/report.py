"""Findings → text (ruff/yamllint style), JSON, or GitHub Actions workflow commands."""

from __future__ import annotations

import json
import re
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


# What must not reach a terminal raw: C0 and C1 controls and DEL (escape sequences, fake
# line ends), Unicode line separators, bidirectional overrides (text that reads in another
# order than it is), and lone surrogates (file-name bytes that are not UTF-8).
_TERMINAL_UNSAFE = re.compile(
    "[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
)
_SHORT_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _terminal_escape(match: re.Match[str]) -> str:
    char = match.group()
    code = ord(char)
    if char in _SHORT_ESCAPES:
        return _SHORT_ESCAPES[char]
    if 0xDC80 <= code <= 0xDCFF:  # a byte that was not UTF-8, as os.fsdecode keeps it
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def escape_terminal(text: str) -> str:
    """`text` safe to print on one line of a terminal or CI log: every character that could
    end the line, move the cursor, recolour or reorder text is written as a `\\x..` escape."""
    return _TERMINAL_UNSAFE.sub(_terminal_escape, text)


def notes(f: Finding) -> list[str]:
    """One `file:line:col: note: …` line per related place, as compilers print them."""
    return [f"{r.file}:{r.line}:{r.column}: note: {r.message}" for r in f.related]


def as_text(findings: Sequence[Finding], file_count: int, noun: str = "term file") -> str:
    lines = []
    for f in findings:
        lines.append(
            escape_terminal(
                f"{f.file}:{f.line}:{f.column}: {f.severity}[{f.code}] {message_with_hint(f)}"
            )
        )
        lines += [f"  {escape_terminal(note)}" for note in notes(f)]
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
    return _json_escape(json.dumps(records, indent=2, ensure_ascii=False)) + "\n"


_JSON_UNSAFE = re.compile("[\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_SURROGATE = re.compile("[\ud800-\udfff]")


def _json_escape(text: str) -> str:
    """JSON that is valid UTF-8 whatever the file names: a lone surrogate (a file-name byte
    that is not UTF-8) becomes U+FFFD, and controls json.dumps leaves raw become `\\u` escapes
    (they can only stand inside strings, where the escape means the same character)."""
    text = _SURROGATE.sub("\ufffd", text)
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def _escape_data(text: str) -> str:
    """GitHub's workflow-command escaping, then the terminal's for what is left (a log is
    shown in a terminal emulator)."""
    return escape_terminal(text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A"))


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
