"""Term files the checker must not trust: links, FIFOs, sizes, YAML types, line breaks and
control characters each become one finding at the exact place, and nothing else breaks."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from site_builder.analysis import analyse
from site_builder.cli import main
from site_builder.limits import Limits
from site_builder.load import parse_text
from tests.helpers import linked_pair, write_terms

# A valid term that needs alpha (so it is neither an orphan nor one-way related).
GAMMA = (
    "title: Gamma\n"  # 1
    "summary: Gamma is a thing.\n"  # 2
    "eli5: It is like a toy.\n"  # 3
    'expert: "## Detail"\n'  # 4
    "sources:\n"  # 5
    "  - title: A book\n"  # 6
    "    url: https://example.org/book\n"  # 7
    "prerequisites: [alpha]\n"  # 8
)


def gamma(line: int, text: str) -> str:
    """GAMMA with line `line` (1-based) replaced by `text`."""
    lines = GAMMA.splitlines(keepends=True)
    lines[line - 1] = text + "\n"
    return "".join(lines)


def _terms(root: Path, extra: dict[str, str | bytes] | None = None) -> Path:
    return write_terms(root, {**linked_pair(), **(extra or {})})


def link_outside(root: Path) -> None:
    secret = root / "secret.yaml"
    secret.write_text("title: TOP SECRET\n", encoding="utf-8")
    (_terms(root) / "leak.yaml").symlink_to(secret)


def link_system_file(root: Path) -> None:
    (_terms(root) / "passwd.yaml").symlink_to("/etc/passwd")


def link_loop(root: Path) -> None:
    terms = _terms(root, {"broken": gamma(8, "prerequisites: [alpha, alpah]")})
    (terms / "loop.yaml").symlink_to("loop.yaml")
    (terms / "ping.yaml").symlink_to("pong.yaml")
    (terms / "pong.yaml").symlink_to("ping.yaml")


def link_dangling(root: Path) -> None:
    (_terms(root) / "gone.yaml").symlink_to("nowhere.yaml")


def link_inside(root: Path) -> None:
    terms = _terms(root)
    (terms / "drafts").mkdir()
    (terms / "drafts" / "gamma.txt").write_text(GAMMA, encoding="utf-8")
    (terms / "gamma.yaml").symlink_to("drafts/gamma.txt")


def fifo(root: Path) -> None:
    os.mkfifo(_terms(root) / "pipe.yaml")


def folder(root: Path) -> None:
    (_terms(root) / "folder.yaml").mkdir()


def editor_lock_file(root: Path) -> None:
    (_terms(root) / ".#alpha.yaml").symlink_to("user@host.1234:1700000000")


def files(extra: dict[str, str | bytes]) -> Callable[[Path], None]:
    def setup(root: Path) -> None:
        _terms(root, extra)

    return setup


# 300 KB of valid YAML: over the 256 KB limit.
BIG = gamma(3, "eli5: " + "toy " * 75_000)
# One 100 KB anchored string repeated 5,000 times: 500 MB of text from a 120 KB file.
ALIASES = (
    gamma(3, "eli5: &toy " + "x" * 100_000) + "aliases: [" + ",".join(["*toy"] * 5_000) + "]\n"
)
DEEP = gamma(8, "prerequisites: " + "[" * 50_000 + "alpha" + "]" * 50_000)

# (name, setup, expected findings as (code, file stem, line, column))
CASES: list[tuple[str, Callable[[Path], None], list[tuple[str, str, int, int]]]] = [
    ("symlink outside the folder", link_outside, [("symlink-outside", "leak", 1, 1)]),
    ("symlink to a system file", link_system_file, [("symlink-outside", "passwd", 1, 1)]),
    (
        "symlink loops; the other files are still checked",
        link_loop,
        [
            ("symlink-loop", "loop", 1, 1),
            ("symlink-loop", "ping", 1, 1),
            ("symlink-loop", "pong", 1, 1),
            ("unknown-term", "broken", 8, 24),
        ],
    ),
    ("dangling symlink", link_dangling, [("io-error", "gone", 1, 1)]),
    ("symlink to a file inside the folder is read", link_inside, []),
    ("FIFO named like a term file", fifo, [("not-a-file", "pipe", 1, 1)]),
    ("folder named like a term file", folder, [("not-a-file", "folder", 1, 1)]),
    ("editor lock files are not term files", editor_lock_file, []),
    ("file over the size limit", files({"big": BIG}), [("file-too-large", "big", 1, 1)]),
    (
        "aliases bounded by the bytes they expand to",
        files({"bomb": ALIASES}),
        [("yaml-anchor-bomb", "bomb", 9, 1)],
    ),
    ("deep nesting", files({"deep": DEEP}), [("yaml-too-deep", "deep", 8, 115)]),
    (
        "an alias inside its own anchor expands forever",
        files({"loop": "title: Loop\nsame: &x {a: [*x]}\n"}),
        [("yaml-anchor-bomb", "loop", 2, 1)],
    ),
    ("top-level !!set", files({"set": "!!set {a, b}\n"}), [("yaml-type", "set", 1, 1)]),
    (
        "!!binary value",
        files({"gamma": gamma(3, "eli5: !!binary aGVsbG8=")}),
        [("yaml-type", "gamma", 3, 7)],
    ),
    (
        "!!omap value",
        files({"gamma": gamma(8, "prerequisites: !!omap [alpha: 1]")}),
        [("yaml-type", "gamma", 8, 16)],
    ),
    (
        "custom tag",
        files({"gamma": gamma(2, "summary: !shout hello")}),
        [("yaml-type", "gamma", 2, 10)],
    ),
    (
        "python tag",
        files({"gamma": gamma(2, "summary: !!python/object/apply:os.system [id]")}),
        [("yaml-type", "gamma", 2, 10)],
    ),
    (
        "a value its tag does not fit",
        files({"gamma": gamma(2, "summary: !!bool maybe")}),
        [("yaml-type", "gamma", 2, 10)],
    ),
    (
        "4,000-digit hex integer",
        files({"gamma": gamma(2, "summary: 0x" + "f" * 4_000)}),
        [("number-too-large", "gamma", 2, 10)],
    ),
    (
        "5,000-digit integer",
        files({"gamma": gamma(2, "summary: " + "9" * 5_000)}),
        [("number-too-large", "gamma", 2, 10)],
    ),
    (
        "sexagesimal float of 200 parts (1:1:…:1.5)",
        files({"gamma": gamma(2, "summary: " + ":".join(["1"] * 200) + ".5")}),
        [("number-too-large", "gamma", 2, 10)],
    ),
    ("a date becomes text", files({"gamma": gamma(1, "title: 2001-12-14")}), []),
    (
        "newline in a title",
        files({"gamma": gamma(1, 'title: "Gamma\\nRays"')}),
        [("line-break", "gamma", 1, 16)],
    ),
    (
        "carriage return in a summary",
        files({"gamma": gamma(2, 'summary: "One\\rTwo"')}),
        [("line-break", "gamma", 2, 16)],
    ),
    (
        # The line break the text starts with is stripped off; a line separator follows it.
        "line separator after a leading newline",
        files({"gamma": gamma(2, 'summary: "\\nOne\\u2028Two"')}),
        [("line-break", "gamma", 2, 22)],
    ),
    (
        "line break in a block-scalar summary",
        files({"gamma": gamma(2, "summary: |\n  One.\n  Two.")}),
        [("line-break", "gamma", 4, 3)],
    ),
    (
        "newline in an alias",
        files({"gamma": GAMMA + 'aliases: [G, "G\\nH"]\n'}),
        [("line-break", "gamma", 9, 18)],
    ),
    (
        "newline in a source title",
        files({"gamma": gamma(6, '  - title: "A\\nbook"')}),
        [("line-break", "gamma", 6, 16)],
    ),
    (
        "raw BEL on line 7",
        files({"gamma": gamma(7, "    url: https://example.org/bo\x07ok")}),
        [("control-character", "gamma", 7, 32)],
    ),
    (
        "raw BEL in a file with CR line ends",
        files({"gamma": GAMMA.replace("\n", "\r").replace("Gamma is", "Gam\x07ma is")}),
        [("control-character", "gamma", 2, 13)],
    ),
    (
        "raw ESC after multi-byte characters",
        files({"gamma": gamma(2, "summary: Γάμμα \x1b[31m")}),
        [("control-character", "gamma", 2, 16)],
    ),
    (
        "escaped ESC in a double-quoted value",
        files({"gamma": gamma(3, 'eli5: "a \\e[2J toy"')}),
        [("control-character", "gamma", 3, 7)],
    ),
]


@pytest.mark.parametrize(("name", "setup", "expected"), CASES, ids=[c[0] for c in CASES])
def test_hostile_file_is_one_finding_at_its_place(
    tmp_path: Path,
    name: str,
    setup: Callable[[Path], None],
    expected: list[tuple[str, str, int, int]],
) -> None:
    setup(tmp_path)
    found = sorted(
        (f.code, Path(f.file).stem, f.line, f.column) for f in analyse(tmp_path / "terms").findings
    )
    assert found == sorted(expected)


def test_a_date_title_is_kept_as_text(tmp_path: Path) -> None:
    _terms(tmp_path, {"gamma": gamma(1, "title: 2001-12-14")})
    assert analyse(tmp_path / "terms").glossary.terms["gamma"].title == "2001-12-14"  # type: ignore[index]


def test_size_limit_is_configurable(tmp_path: Path) -> None:
    _terms(tmp_path, {"gamma": GAMMA})
    small = Limits(file_bytes=100)
    codes = {
        (f.code, Path(f.file).stem) for f in analyse(tmp_path / "terms", limits=small).findings
    }
    assert ("file-too-large", "gamma") in codes
    result = subprocess.run(
        ["glossary", "check", "--max-file-kb", "1", "terms"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout  # every file is under 1 KB
    _terms(tmp_path, {"big": gamma(3, "eli5: " + "toy " * 300)})
    result = subprocess.run(
        ["glossary", "check", "--max-file-kb", "1", "terms"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
    )
    assert "terms/big.yaml:1:1: error[file-too-large]" in result.stdout


def test_merge_keys_nested_past_the_interpreter_s_stack_are_one_finding(tmp_path: Path) -> None:
    """With the depth limit raised, `<<:` merges nested deeper than Python's recursion limit
    outgrow it while PyYAML flattens them: a finding on the file's first line, not a crash.
    (The limit is the interpreter's: 1,000, or 3,000 once rdflib's SPARQL parser is loaded.)"""
    levels = sys.getrecursionlimit() + 500
    merges = "{<<: " * levels + "{x: 1}" + "}" * levels
    _terms(tmp_path, {"gamma": f"# Merges all the way down\ntitle: G\nsummary: {merges}\n"})
    found = analyse(tmp_path / "terms", limits=Limits(depth=levels + 500)).findings
    assert [(Path(f.file).stem, f.line, f.column, f.code, f.message) for f in found] == [
        ("gamma", 1, 1, "yaml-syntax", "the YAML is nested too deeply")
    ]


def test_a_linked_secret_never_reaches_the_output(tmp_path: Path) -> None:
    link_outside(tmp_path)
    link_system_file(tmp_path)
    for fmt in ("text", "json", "github"):
        result = subprocess.run(
            ["glossary", "check", "--format", fmt],
            cwd=tmp_path,
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert result.returncode == 1
        assert "SECRET" not in result.stdout + result.stderr
        assert "root:" not in result.stdout + result.stderr


def test_a_control_character_message_is_one_line(tmp_path: Path) -> None:
    _terms(tmp_path, {"gamma": gamma(7, "    url: https://example.org/bo\x07ok")})
    result = subprocess.run(["glossary", "check"], cwd=tmp_path, capture_output=True, text=True)
    assert result.stdout.splitlines() == [
        "terms/gamma.yaml:7:32: error[control-character] control character U+0007 is not "
        "allowed in a YAML file; remove it",
        "1 error, 0 warnings in 3 term files",
    ]


def test_a_link_out_of_the_folder_is_explained_and_read_nowhere(tmp_path: Path) -> None:
    """The finding says what the file is, that it was not read, and what to do instead."""
    link_outside(tmp_path)
    found = [f for f in analyse(tmp_path / "terms").findings if f.code == "symlink-outside"]
    assert [(f.message, f.hint) for f in found] == [
        (
            "the file is a symbolic link to a place outside the terms folder; it was not read",
            "copy the file into the terms folder instead of linking to it",
        )
    ]


def test_a_terms_folder_that_cannot_be_listed_is_a_usage_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What `chmod 000 terms` gives a user who is not root (the tests may run as root)."""
    terms = _terms(tmp_path)
    scandir = os.scandir

    def refuse(path: Any = ".") -> Any:
        if Path(path) == terms:
            raise PermissionError(13, "Permission denied", str(path))
        return scandir(path)

    monkeypatch.setattr(os, "scandir", refuse)
    result = CliRunner().invoke(main, ["check", str(terms)])
    assert (result.exit_code, result.output) == (
        2,
        f"error: cannot list {terms}: Permission denied\n",
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            gamma(8, "prerequisites:\n\t- alpha"),
            ("yaml-tab", 9, 1, "a tab character is used for indentation", "indent with spaces"),
        ),
        (
            gamma(8, "related: " + "[" * 101 + "alpha" + "]" * 101),
            (
                "yaml-too-deep",
                8,
                109,
                "lists and mappings nest more than 100 levels deep here",
                "a term needs three levels at most; flatten it",
            ),
        ),
    ],
    ids=["tab", "too deep"],
)
def test_a_file_the_parser_refuses_gets_its_place_and_advice(
    tmp_path: Path, text: str, expected: tuple[str, int, int, str, str]
) -> None:
    terms = _terms(tmp_path, {"gamma": text})
    (found,) = [f for f in analyse(terms).findings if f.file.endswith("gamma.yaml")]
    assert (found.code, found.line, found.column, found.message, found.hint) == expected


@pytest.mark.parametrize(
    ("char", "kind"),
    [
        ("\x7f", "control character"),  # DEL, the first of the C1 range's neighbours
        ("\x80", "control character"),
        ("\x9f", "control character"),  # the last C1 control
        ("\ufffe", "character"),  # a noncharacter, not a control
    ],
)
def test_a_character_yaml_forbids_is_named_for_what_it_is(
    tmp_path: Path, char: str, kind: str
) -> None:
    terms = _terms(tmp_path, {"gamma": gamma(2, f"summary: Gamma{char}")})
    (found,) = [f for f in analyse(terms).findings if f.file.endswith("gamma.yaml")]
    assert (found.code, found.line, found.column, found.hint) == (
        "control-character",
        2,
        15,
        "remove it",
    )
    assert found.message == f"{kind} U+{ord(char):04X} is not allowed in a YAML file"


def test_a_number_of_exactly_the_most_characters_is_read() -> None:
    most = Limits().number_chars
    document, findings = parse_text(f"title: T\ncount: {'9' * most}\n", "a.yaml", "a")
    assert findings == [] and document is not None and document.data["count"] == int("9" * most)
    _, findings = parse_text(f"title: T\ncount: {'9' * (most + 1)}\n", "a.yaml", "a")
    assert [(f.code, f.line, f.column) for f in findings] == [("number-too-large", 2, 8)]


@pytest.mark.parametrize(
    ("text", "found"),
    [
        (
            "a: b: c\n",
            (
                "yaml-syntax",
                1,
                5,
                "invalid YAML: mapping values are not allowed in this context",
                "",
            ),
        ),
        (
            'title: "a\\x1b b"\n',
            (
                "control-character",
                1,
                8,
                "this string holds control character U+001B, written as an escape",
                "remove it",
            ),
        ),
    ],
)
def test_a_yaml_problem_is_named_with_its_place_and_what_to_do(
    text: str, found: tuple[str, int, int, str, str]
) -> None:
    _, findings = parse_text(text, "a.yaml", "a")
    assert [(f.code, f.line, f.column, f.message, f.hint) for f in findings] == [found]


@pytest.mark.parametrize(("node_limit", "bombs"), [(100, True), (200, False)])
def test_aliases_past_the_node_limit_of_empty_text_are_a_bomb(node_limit: int, bombs: bool) -> None:
    """Twelve aliases of a list of ten empty strings expand to 132 nodes and no text at all:
    the node limit alone decides, whatever the byte limit is set to."""
    empties, aliases = ", ".join(['""'] * 10), ", ".join(["*x"] * 12)
    text = f"title: T\na: &x [{empties}]\nb: [{aliases}]\n"
    _, found = parse_text(text, "t.yaml", "t", Limits(expanded_nodes=node_limit, expanded_bytes=50))
    assert [f.code for f in found] == (["yaml-anchor-bomb"] if bombs else [])
