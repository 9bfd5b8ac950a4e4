"""Each `glossary` command in this process (the click command the console script runs): help
text, exit codes, formats and output."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from site_builder.cli import main
from site_builder.config import options_markdown
from site_builder.stats import codes_markdown
from tests.helpers import linked_pair, term, write_terms

GOLDEN = Path(__file__).resolve().parent / "golden"
COMMANDS = [
    "",
    "check",
    "check-site",
    "diff",
    "export",
    "render",
    "stats",
    "codes",
    "new",
    "init",
    "schema",
]


def glossary(*args: str, env: dict[str, str | None] | None = None) -> Result:
    environment = {"GITHUB_ACTIONS": None, **(env or {})}
    return CliRunner().invoke(
        main, list(args), env=environment, prog_name="glossary", terminal_width=100
    )


def test_help_matches_golden() -> None:
    """What `--help` says is the commands' documentation: review changes like prose."""
    text = ""
    for command in COMMANDS:
        args = [*command.split(), "-h"]
        result = glossary(*args)
        assert result.exit_code == 0
        text += f"$ glossary {' '.join(args)}\n{result.output}\n"
    assert text == (GOLDEN / "help.txt").read_text("utf-8")


def test_version() -> None:
    result = glossary("--version")
    assert (result.exit_code, result.output) == (0, "glossary, version 0.1.0\n")


def test_codes_prints_the_table_of_finding_codes() -> None:
    """tests/test_findings.py checks that the contributing guide shows this table."""
    result = glossary("codes")
    assert (result.exit_code, result.output) == (0, codes_markdown())


@pytest.mark.parametrize(
    ("args", "code", "first_line"),
    [
        ([], 0, "0 errors, 1 warning in 3 term files"),
        (["--strict"], 1, "terms/gamma.yaml:1:1: warning[orphan] "),
        (["--format", "json"], 0, "["),
        (["--format", "github"], 0, "::warning file=terms/gamma.yaml,line=1,col=1,title=orphan::"),
    ],
)
def test_check_formats_and_exit_codes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str], code: int, first_line: str
) -> None:
    write_terms(tmp_path, {**linked_pair(), "gamma": term("Gamma")})
    monkeypatch.chdir(tmp_path)
    result = glossary("check", *args)
    assert result.exit_code == code
    lines = result.output.splitlines()
    assert lines[0].startswith(first_line) or lines[-1] == first_line


def test_check_on_github_actions_writes_annotations(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_terms(tmp_path, {**linked_pair(), "gamma": term("Gamma")})
    monkeypatch.chdir(tmp_path)
    result = glossary("check", env={"GITHUB_ACTIONS": "true"})
    assert result.output.startswith("::warning file=terms/gamma.yaml,line=1,col=1,title=orphan::")
    assert glossary("check", env={"GITHUB_ACTIONS": "false"}).output.startswith("terms/gamma")


def test_a_yml_file_beside_the_terms_is_an_error_in_json_too(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_terms(tmp_path, {**linked_pair(), "gamma": term("Gamma")})
    (tmp_path / "terms" / "zeta.yml").write_text("title: Zeta\n", "utf-8")
    monkeypatch.chdir(tmp_path)
    result = glossary("check", "--format", "json")
    assert result.exit_code == 1
    found = [(f["file"], f["line"], f["column"], f["code"], f["message"], f["hint"])
             for f in json.loads(result.output)]  # fmt: skip
    assert found == [
        ("terms/gamma.yaml", 1, 1, "orphan",
         "'gamma' has no prerequisites, no related terms and nothing builds on it",
         "add prerequisites or related terms so readers can find it"),
        ("terms/zeta.yml", 1, 1, "invalid-filename",
         "'zeta.yml' is not read: term files end in .yaml", "rename it to 'zeta.yaml'"),
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("command", "argument"), [("check", "TERMS_DIR"), ("check-site", "SITE_DIR")]
)
def test_a_file_given_as_the_folder_is_refused(tmp_path: Path, command: str, argument: str) -> None:
    (tmp_path / "file").write_text("", "utf-8")
    result = glossary(command, str(tmp_path / "file"))
    assert result.exit_code == 2
    assert result.stderr.endswith(
        f"Error: Invalid value for '[{argument}]': Directory '{tmp_path / 'file'}' is a file.\n"
    )


def test_check_of_a_missing_folder_is_a_usage_error(tmp_path: Path) -> None:
    result = glossary("check", str(tmp_path / "nowhere"))
    assert result.exit_code == 2
    assert result.stderr == f"error: terms directory not found: {tmp_path / 'nowhere'}\n"


def test_stats_in_json_and_text(tmp_path: Path) -> None:
    write_terms(
        tmp_path,
        {
            "a": term("A", tags=["x"], aliases=["AA", "AAA"]),
            "b": term("B", prerequisites=["a"], related=["c"]),
            "c": term("C", prerequisites=["b"], related=["b"], tags=["x", "y"]),
            "d": term("D"),
        },
    )
    output = glossary("stats", str(tmp_path / "terms"), "--format", "json").output
    assert output.startswith('{\n  "terms": 4,\n  "prerequisite_edges": 2,')  # diffable
    numbers = json.loads(output)
    assert numbers == {
        "terms": 4,
        "prerequisite_edges": 2,
        "related_edges": 1,
        "aliases": 2,
        "starting_points": ["a", "d"],
        "components": 2,
        "longest_learning_path": ["a", "b", "c"],
        "most_depended_on": [{"id": "a", "dependants": 2}, {"id": "b", "dependants": 1}],
        "orphans": ["d"],
        "tags": {"x": 2, "y": 1},
        "untagged": ["b", "d"],
        "most_ancestors": [{"id": "c", "ancestors": 2}, {"id": "b", "ancestors": 1}],
        "statuses": {"draft": 4, "reviewed": 0, "stable": 0},
        "oldest": [],  # not a git checkout: no dates, and no error
    }
    assert glossary("stats", str(tmp_path / "terms")).output.splitlines() == [
        "terms:                 4",
        "prerequisite edges:    2",
        "related edges:         1",
        "aliases:               2",
        "starting points:       2 (terms with no prerequisites)",
        "connected components:  2",
        "longest learning path: 3 terms: a → b → c",
        "most depended on:      a (2), b (1)",
        "most ancestors:        c (2), b (1)",
        "orphans:               d",
        "status:                draft 4, reviewed 0, stable 0",
        "oldest (last changed): no git history",
        "tags:                  2; untagged terms: b, d",
        "  x                            2",
        "  y                            1",
    ]


def test_stats_list_tags_used_as_often_by_name(tmp_path: Path) -> None:
    write_terms(
        tmp_path,
        {"a": term("A", tags=["zeta"]), "b": term("B", tags=["alpha"]), "c": term("C")},
    )
    numbers = json.loads(glossary("stats", str(tmp_path / "terms"), "--format", "json").output)
    assert list(numbers["tags"].items()) == [("alpha", 1), ("zeta", 1)]


def test_stats_of_a_cyclic_glossary_has_no_learning_path(tmp_path: Path) -> None:
    write_terms(
        tmp_path, {"a": term("A", prerequisites=["b"]), "b": term("B", prerequisites=["a"])}
    )
    numbers = json.loads(glossary("stats", str(tmp_path / "terms"), "--format", "json").output)
    assert numbers["longest_learning_path"] == [] and numbers["orphans"] == []
    assert "orphans:               none" in glossary("stats", str(tmp_path / "terms")).output


def test_new_writes_the_template_and_names_the_reverse_links(tmp_path: Path) -> None:
    write_terms(tmp_path, linked_pair())
    result = glossary(
        "new",
        "Gamma Rays",
        "-r",
        "alpha",
        "-r",
        "beta",
        "-a",
        'Say "G"',
        "--dir",
        str(tmp_path / "terms"),
    )
    assert result.exit_code == 0
    path = (tmp_path / "terms" / "gamma-rays.yaml").as_posix()
    assert result.stdout == f"{path}\n"
    terms = (tmp_path / "terms").as_posix()
    assert result.stderr == (
        f"wrote {terms}/term.schema.json (the term schema, for editors)\n"
        f"note: add 'gamma-rays' to related in {terms}/alpha.yaml as well\n"
        f"note: add 'gamma-rays' to related in {terms}/beta.yaml as well\n"
    )
    text = (tmp_path / "terms" / "gamma-rays.yaml").read_text("utf-8")
    assert 'title: "Gamma Rays"' in text
    assert 'aliases:\n  - "Say \\"G\\""\n' in text
    assert "related:\n  - alpha\n  - beta\n" in text
    assert "prerequisites: []\n" in text and "tags: []\n" in text


@pytest.mark.parametrize(
    ("title", "file"),
    [("Bayes' Theorem", "bayes-theorem.yaml"), ("Ünïcode  Façade", "unicode-facade.yaml")],
)
def test_new_derives_the_id_from_the_title(tmp_path: Path, title: str, file: str) -> None:
    write_terms(tmp_path, linked_pair())
    result = glossary("new", title, "--dir", str(tmp_path / "terms"))
    assert result.stdout == f"{(tmp_path / 'terms' / file).as_posix()}\n"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["  "], "the title is empty"),
        (["X", "--id", "Not_An_Id"],
         "--id: 'Not_An_Id' is not a valid term id (lowercase letters, digits, single hyphens)\n"),
        (["  ---  "],
         "TITLE: the title has no letters or digits to make an id of; give one with --id\n"),
        (["X", "-p", "a--b"], "'a--b' is not a valid term id (want e.g. 'a-b')"),
        (["X", "-p", "zzz"], "Invalid value for --prerequisite: no term 'zzz'\n"),  # no hint
        (["X", "-r", "zzz"], "Invalid value for --related: no term 'zzz'\n"),
        (["X", "-t", "Big Tag"], "Invalid value for --tag: tag 'Big Tag' should be 'big-tag'"),
    ],
)  # fmt: skip
def test_new_refuses_bad_input(tmp_path: Path, args: list[str], message: str) -> None:
    write_terms(tmp_path, linked_pair())
    result = glossary("new", *args, "--dir", str(tmp_path / "terms"))
    assert result.exit_code == 2
    assert message in result.output
    assert sorted(p.name for p in (tmp_path / "terms").iterdir()) == ["alpha.yaml", "beta.yaml"]


def test_init_starts_the_repository_here_by_default(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert glossary("init").exit_code == 0
    assert (tmp_path / "mkdocs.yml").is_file() and (tmp_path / "terms" / "term.yaml").is_file()


def test_init_refuses_a_file_as_its_directory(tmp_path: Path) -> None:
    (tmp_path / "notes").write_text("mine", "utf-8")
    result = glossary("init", str(tmp_path / "notes"))
    assert result.exit_code == 2
    assert f"Directory '{tmp_path / 'notes'}' is a file." in result.output
    assert (tmp_path / "notes").read_text("utf-8") == "mine"


def test_new_needs_an_existing_folder(tmp_path: Path) -> None:
    result = glossary("new", "X", "--dir", str(tmp_path / "nowhere"))
    assert result.exit_code == 2
    assert result.stderr == f"error: terms directory not found: {tmp_path / 'nowhere'}\n"


def test_check_site_lists_external_links(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text(
        '<a href="https://example.org/a">a</a><a href="https://example.org/a">again</a>'
        '<a href="http://example.org/b">b</a>',
        "utf-8",
    )
    (site / "other.html").write_text('<a href="https://example.org/a">a</a>', "utf-8")
    result = glossary("check-site", str(site), "--list-external")
    assert result.exit_code == 0
    assert result.output == (
        "0 errors, 0 warnings in 2 pages\n"
        "2 external links not fetched (use --external)\n"
        "  http://example.org/b  (1 pages)\n"
        "  https://example.org/a  (2 pages)\n"
    )
    assert json.loads(glossary("check-site", str(site), "--format", "json").output) == []


def test_check_site_checks_the_site_folder_by_default(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert glossary("check-site").stderr == "error: site folder not found: site\n"
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "index.html").write_text("<p>Home</p>", "utf-8")
    assert glossary("check-site").output == (
        "0 errors, 0 warnings in 1 page\n0 external links not fetched (use --external)\n"
    )


def test_options_prints_the_table_the_configuration_page_shows() -> None:
    """test_vendor checks that the page holds this table."""
    result = glossary("options")
    assert (result.exit_code, result.output) == (0, options_markdown())


@pytest.mark.parametrize(
    ("command", "message"),
    [
        ("stats", "terms directory not found"),
        ("export", "terms directory not found"),
        ("schema", "terms directory not found"),
        ("check-site", "site folder not found"),
    ],
)
def test_a_missing_folder_is_a_usage_error_for_every_command(
    tmp_path: Path, command: str, message: str
) -> None:
    result = glossary(command, str(tmp_path / "nowhere"))
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == f"error: {message}: {tmp_path / 'nowhere'}\n"


def test_render_names_a_missing_config_file_and_writes_nothing(tmp_path: Path) -> None:
    result = glossary("render", "--out", str(tmp_path / "out"), "-f", str(tmp_path / "no.yml"))
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == f"error: Config file '{tmp_path / 'no.yml'}' does not exist.\n"
    assert not (tmp_path / "out").exists()


def test_export_of_a_glossary_with_errors_lists_them_and_exports_nothing(tmp_path: Path) -> None:
    terms = write_terms(tmp_path, {"alpha": term("Alpha", prerequisites=["nope"])})
    result = glossary("export", str(terms), "-o", str(tmp_path / "glossary.ttl"))
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (
        f"{terms.as_posix()}/alpha.yaml:9:5: error[unknown-term] prerequisite 'nope' does not"
        " exist\n1 error, 0 warnings in 1 term file\n"
        "error: the glossary has errors; nothing was exported\n"
    )
    assert not (tmp_path / "glossary.ttl").exists()


def test_export_writes_the_turtle_to_the_output_file(tmp_path: Path) -> None:
    terms = write_terms(tmp_path, linked_pair())
    result = glossary("export", str(terms), "-o", str(tmp_path / "glossary.ttl"))
    assert (result.exit_code, result.output) == (0, "")
    assert (tmp_path / "glossary.ttl").read_text("utf-8") == glossary("export", str(terms)).stdout


def test_export_to_a_file_in_a_missing_folder_is_one_clear_line(tmp_path: Path) -> None:
    terms = write_terms(tmp_path, linked_pair())
    output = tmp_path / "missing" / "glossary.ttl"
    result = glossary("export", str(terms), "-o", str(output))
    assert result.exit_code == 2
    assert result.stderr == f"error: cannot write {output}: No such file or directory\n"


def test_schema_writes_the_copy_once_then_says_it_is_up_to_date(tmp_path: Path) -> None:
    terms = write_terms(tmp_path, linked_pair())
    first = glossary("schema", str(terms))
    copy = f"{terms.as_posix()}/term.schema.json"
    assert (first.exit_code, first.stdout) == (0, "")
    assert first.stderr == f"wrote {copy} (the term schema, for editors)\n"
    again = glossary("schema", str(terms))
    assert (again.exit_code, again.stdout, again.stderr) == (0, f"{copy} is up to date\n", "")


def test_schema_that_cannot_be_written_is_one_clear_line(tmp_path: Path) -> None:
    terms = write_terms(tmp_path, linked_pair())
    (terms / "term.schema.json").mkdir()  # a folder in its place
    result = glossary("schema", str(terms))
    assert result.exit_code == 2
    assert result.stderr == f"error: cannot write {terms / 'term.schema.json'}: Is a directory\n"


def test_init_that_cannot_write_a_file_is_one_clear_line(tmp_path: Path) -> None:
    (tmp_path / ".github").write_text("", "utf-8")  # a file where a folder must go
    result = glossary("init", str(tmp_path))
    assert result.exit_code == 2
    assert result.stderr.startswith(f"error: cannot write {tmp_path / '.github' / 'workflows'}/")
    assert result.stderr.endswith(": Not a directory\n")


@pytest.mark.parametrize(
    "copy",
    [b'{"old": "schema"}\n', b"\xff\xfe not UTF-8", None],
    ids=["outdated", "not UTF-8", "a folder"],
)
def test_check_notes_a_schema_copy_that_is_not_this_versions(
    tmp_path: Path, copy: bytes | None
) -> None:
    terms = write_terms(tmp_path, linked_pair())
    path = terms / "term.schema.json"
    if copy is None:
        path.mkdir()
    else:
        path.write_bytes(copy)
    result = glossary("check", str(terms))
    assert (result.exit_code, result.stdout) == (0, "0 errors, 0 warnings in 2 term files\n")
    assert result.stderr == (
        f"note: {path} differs from this glossary-site's term schema; "
        "run `glossary schema` to update it\n"
    )


def test_check_is_silent_about_a_current_schema_copy(tmp_path: Path) -> None:
    terms = write_terms(tmp_path, linked_pair())
    assert glossary("schema", str(terms)).exit_code == 0
    result = glossary("check", str(terms))
    assert (result.exit_code, result.stderr) == (0, "")


def test_new_beside_a_term_file_that_is_not_utf8_names_the_schema_copy(tmp_path: Path) -> None:
    terms = write_terms(tmp_path, {"alpha": b"\xff\xfe title"})
    result = glossary("new", "Gamma", "--dir", str(terms))
    assert result.exit_code == 0, result.output
    first = (terms / "gamma.yaml").read_text("utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=term.schema.json"


def test_new_in_a_folder_that_refuses_files_is_one_clear_line() -> None:
    result = glossary("new", "Gamma", "--dir", "/sys")  # refused even to root
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == "error: cannot create /sys/gamma.yaml: Permission denied\n"
