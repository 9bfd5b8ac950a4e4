"""Output that cannot be forged: whatever a file is called or holds, each finding stays one
line of text, one valid UTF-8 JSON record, one GitHub workflow command, and nothing drives
the terminal."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

from site_builder.findings import Finding
from site_builder.report import as_github, as_json, as_text, escape_terminal
from tests.helpers import linked_pair, write_terms

# (name, text, as printed on a terminal)
TERMINAL = [
    ("plain", "terms/alpha.yaml", "terms/alpha.yaml"),
    ("non-ASCII stays", "→ Γάμμα 中文", "→ Γάμμα 中文"),
    ("newline", "a\nb", "a\\nb"),
    ("carriage return", "a\rb", "a\\rb"),
    ("tab", "a\tb", "a\\tb"),
    ("escape sequence", "\x1b[31mred\x1b[0m", "\\x1b[31mred\\x1b[0m"),
    ("8-bit CSI", "\x9b2J", "\\x9b2J"),
    ("bell and NUL", "\x07\x00", "\\x07\\x00"),
    ("DEL", "a\x7f", "a\\x7f"),
    ("next line", "a\x85b", "a\\x85b"),
    ("line separator", "a\u2028b", "a\\u2028b"),
    ("right-to-left override", "\u202egnp.yaml", "\\u202egnp.yaml"),
    ("isolate", "\u2066x\u2069", "\\u2066x\\u2069"),
    ("byte that is not UTF-8", os.fsdecode(b"caf\xe9.yaml"), "caf\\xe9.yaml"),
    ("lowest and highest such bytes", os.fsdecode(b"\x80\xff"), "\\x80\\xff"),
    ("surrogates just outside them", "\udc7f\udd00", "\\udc7f\\udd00"),
    ("lone surrogate", "\ud800", "\\ud800"),
]


@pytest.mark.parametrize(("name", "text", "shown"), TERMINAL, ids=[c[0] for c in TERMINAL])
def test_terminal_escaping(name: str, text: str, shown: str) -> None:
    assert escape_terminal(text) == shown
    assert shown.isprintable()


# (name, file, as a workflow-command property)
GITHUB = [
    ("percent", "a%41.yaml", "a%2541.yaml"),
    ("colon and comma", "a:b,c.yaml", "a%3Ab%2Cc.yaml"),
    ("newline", "a\nb.yaml", "a%0Ab.yaml"),
    ("carriage return", "a\rb.yaml", "a%0Db.yaml"),
    ("forged command", "x\n::error::y", "x%0A%3A%3Aerror%3A%3Ay"),
    ("escape sequence", "\x1b[2J.yaml", "\\x1b[2J.yaml"),
    ("byte that is not UTF-8", os.fsdecode(b"\xff.yaml"), "\\xff.yaml"),
]


@pytest.mark.parametrize(("name", "file", "escaped"), GITHUB, ids=[c[0] for c in GITHUB])
def test_github_escaping(name: str, file: str, escaped: str) -> None:
    out = as_github([Finding(file, 1, 1, "io-error", f"m% {file}")], 1, "term file")
    assert out.splitlines() == [
        f"::error file={escaped},line=1,col=1,title=io-error::m%25 "
        + escaped.replace("%3A", ":").replace("%2C", ","),
        "1 error, 0 warnings in 1 term file",
    ]


def _replace_surrogates(text: str) -> str:
    return "".join("\ufffd" if 0xD800 <= ord(c) <= 0xDFFF else c for c in text)


@pytest.mark.parametrize(("name", "text", "shown"), TERMINAL, ids=[c[0] for c in TERMINAL])
def test_json_is_valid_utf8_for_any_text(name: str, text: str, shown: str) -> None:
    out = as_json([Finding(text, 1, 1, "io-error", text, text)])
    (record,) = json.loads(out.encode("utf-8"))  # encoding fails on a lone surrogate
    assert record["file"] == record["message"] == record["hint"] == _replace_surrogates(text)
    # Seven keys, seven lines, nothing a terminal would act on.
    assert len(out.splitlines()) == 11 and all(line.isprintable() for line in out.splitlines())


def test_text_format_escapes_every_field() -> None:
    out = as_text([Finding("a\nb.yaml", 1, 2, "io-error", "key '\x1b[2J'", "see\rthis")], 1)
    assert out.splitlines() == [
        "a\\nb.yaml:1:2: error[io-error] key '\\x1b[2J'; see\\rthis",
        "1 error, 0 warnings in 1 term file",
    ]


# File names that try to forge findings or drive the terminal, with what `check` shows.
FORGED = "evil\nalpha.yaml:1:1: error[fake] forged"
NASTY_NAMES = {
    FORGED.encode() + b".yaml": "terms/evil\\nalpha.yaml:1:1: error[fake] forged.yaml",
    b"\x1b[2J\x1b[31mred.yaml": "terms/\\x1b[2J\\x1b[31mred.yaml",
    b"caf\xe9.yaml": "terms/caf\\xe9.yaml",
    "\u202elmay.txt".encode() + b".yaml": "terms/\\u202elmay.txt.yaml",
}


@pytest.fixture
def nasty_glossary(tmp_path: Path) -> Path:
    terms = write_terms(tmp_path, linked_pair())
    text = b"title: Nasty\nsummary: ding\x07\n"  # a BEL at 2:14
    for name in NASTY_NAMES:
        (terms / os.fsdecode(name)).write_bytes(text)
    return tmp_path


def _check(root: Path, fmt: str) -> bytes:
    result = subprocess.run(
        ["glossary", "check", "--format", fmt], cwd=root, capture_output=True, timeout=60
    )
    assert result.returncode == 1 and result.stderr == b""
    return result.stdout


def test_text_output_cannot_be_forged(nasty_glossary: Path) -> None:
    lines = _check(nasty_glossary, "text").decode("utf-8").splitlines()
    # Each file: invalid-filename, and the BEL.
    assert len(lines) == 2 * len(NASTY_NAMES) + 1
    assert lines[-1] == "8 errors, 0 warnings in 6 term files"
    for shown in NASTY_NAMES.values():
        assert f"{shown}:1:1: error[invalid-filename] file name " in "\n".join(lines)
        assert f"{shown}:2:14: error[control-character] " in "\n".join(lines)
    assert not any(line.startswith("alpha.yaml:1:1: error[fake]") for line in lines)
    assert all(line.isprintable() for line in lines)


def test_json_output_is_utf8_json(nasty_glossary: Path) -> None:
    records = json.loads(_check(nasty_glossary, "json").decode("utf-8"))
    found = {(r["code"], r["file"], r["line"], r["column"]) for r in records}
    assert ("invalid-filename", "terms/" + FORGED + ".yaml", 1, 1) in found
    assert ("invalid-filename", "terms/caf\ufffd.yaml", 1, 1) in found
    assert ("invalid-filename", "terms/\x1b[2J\x1b[31mred.yaml", 1, 1) in found
    assert ("control-character", "terms/\u202elmay.txt.yaml", 2, 14) in found
    assert len(records) == 2 * len(NASTY_NAMES)


def test_github_output_is_one_command_per_finding(nasty_glossary: Path) -> None:
    lines = _check(nasty_glossary, "github").decode("utf-8").splitlines()
    commands = lines[:-1]
    assert len(commands) == 2 * len(NASTY_NAMES)
    assert all(
        line.startswith(("::error file=terms/", "::warning file=terms/")) for line in commands
    )
    assert (
        "::error file=terms/evil%0Aalpha.yaml%3A1%3A1%3A error[fake] forged.yaml,"
        "line=1,col=1,title=invalid-filename::" in "\n".join(commands)
    )
    assert all(line.isprintable() for line in lines)
