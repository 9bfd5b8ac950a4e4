"""`glossary diff`: two folders or two git revisions, in every format."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner, Result

from site_builder.cli import main
from tests.helpers import term, write_terms

ROOT = Path(__file__).resolve().parent.parent

BASE = {
    "algebra": term("Algebra", related=["topology"]),
    "calculus": term("Calculus", prerequisites=["algebra"]),
    "analysis": term("Analysis", prerequisites=["calculus"]),
    "topology": term("Topology", related=["algebra"]),
}
HEAD = {
    "algebra": term("Algebra", related=["space"]),
    "arithmetic": term("Arithmetic", related=["algebra"]),  # added, one-way: a new warning
    "calculus": term("Calculus", prerequisites=["algebra", "arithmetic"]),
    "analysis": term("Analysis", prerequisites=["calculus"]),
    "space": term("Topology", related=["algebra"]),  # topology renamed to space
}


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "site_builder", "diff", *args], cwd=cwd,
                          capture_output=True, text=True, env={**os.environ})  # fmt: skip


def folders(tmp_path: Path) -> tuple[str, str]:
    return str(write_terms(tmp_path / "base", BASE)), str(write_terms(tmp_path / "head", HEAD))


def test_diff_of_two_folders_as_json(tmp_path: Path) -> None:
    result = run(*folders(tmp_path), "--format", "json")
    assert result.returncode == 0, result.stderr
    data: dict[str, Any] = json.loads(result.stdout)
    assert data["terms"] == {"added": ["arithmetic"], "removed": [],
                             "renamed": [{"from": "topology", "to": "space"}]}  # fmt: skip
    assert data["prerequisites"] == {"added": [["arithmetic", "calculus"]], "removed": []}
    assert data["related"] == {"added": [["algebra", "arithmetic"]], "removed": []}
    paths = {p["term"]: p for p in data["learning_paths"]}
    assert set(paths) == {"calculus", "analysis"}
    assert paths["calculus"]["before"] == ["algebra"]
    assert paths["calculus"]["after"] == ["algebra", "arithmetic"]
    assert paths["calculus"]["downstream"] == 1  # analysis reads through calculus
    (new,) = data["findings"]["new"]
    assert new["code"] == "one-way-related" and new["severity"] == "warning"
    assert new["file"].endswith(".yaml") and new["line"] > 0
    assert data["findings"]["resolved"] == []


def test_diff_as_markdown_and_github(tmp_path: Path) -> None:
    base, head = folders(tmp_path)
    markdown = run(base, head, "--format", "markdown").stdout
    assert markdown.startswith("## Glossary changes\n\n1 added, 0 removed, 1 renamed;")
    assert "### Terms renamed\n\n- `topology` → `space`\n" in markdown
    assert "### Related links added\n\n- `algebra` ↔ `arithmetic`\n" in markdown
    assert "### Learning paths changed (2 terms; 1 paths downstream pass through them)" in markdown
    github = run(base, head, "--format", "github").stdout
    assert github.startswith("::warning file=")
    assert "title=one-way-related::" in github
    unchanged = run(head, head, "--format", "github").stdout
    assert unchanged.startswith("0 added, 0 removed, 0 renamed")  # no stray summary line


def test_diff_of_git_revisions_against_the_working_tree(tmp_path: Path) -> None:
    terms = write_terms(tmp_path, BASE)
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"}  # fmt: skip
    for command in (["init", "-q"], ["add", "terms"], ["commit", "-qm", "base"]):
        subprocess.run(["git", *command], cwd=tmp_path, check=True, env=env)
    (terms / "topology.yaml").unlink()
    write_terms(tmp_path, HEAD)
    text = run("HEAD", "--terms-dir", "terms", cwd=tmp_path)
    assert text.returncode == 0, text.stderr
    assert "Terms renamed:\n  topology → space\n" in text.stdout
    assert text.stdout.endswith("1 new and 0 resolved findings\n")
    same = run("HEAD", "HEAD", "--terms-dir", "terms", cwd=tmp_path).stdout
    assert same.startswith("0 added, 0 removed, 0 renamed")
    missing = run("no-such-revision", "--terms-dir", "terms", cwd=tmp_path)
    assert missing.returncode == 2
    assert "'no-such-revision' is neither a folder nor a git revision" in missing.stderr


def test_the_workflow_posts_the_markdown_diff_as_the_job_summary() -> None:
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "glossary.yml").read_text("utf-8"))
    steps = workflow["jobs"]["check"]["steps"]
    assert steps[0]["with"]["fetch-depth"] == 0  # the base branch's history is there
    (step,) = [s for s in steps if "glossary diff" in str(s.get("run", ""))]
    assert step["if"] == "github.event_name == 'pull_request'"
    command = 'glossary diff "origin/$BASE_REF" --format markdown >> "$GITHUB_STEP_SUMMARY"'
    assert step["run"] == command
    assert step["env"] == {"BASE_REF": "${{ github.base_ref }}"}


def glossary_diff(*args: str) -> Result:
    """`glossary diff` in this process."""
    return CliRunner().invoke(main, ["diff", *args], env={"GITHUB_ACTIONS": None})


def diff_of(tmp_path: Path, base: dict[str, Any], head: dict[str, Any], fmt: str) -> str:
    """`glossary diff BASE HEAD --format FMT` of two folders written into tmp_path."""
    before, after = write_terms(tmp_path / "base", base), write_terms(tmp_path / "head", head)
    result = glossary_diff(str(before), str(after), "--format", fmt)
    assert result.exit_code == 0, result.output
    return result.stdout


def test_a_term_that_kept_its_title_is_renamed_even_with_a_new_summary(tmp_path: Path) -> None:
    base = {"algebra": term("Algebra", summary="Old words.", related=["b"]), "b": term("B")}
    head = {"algebra-2": term("Algebra", summary="New words.", related=["b"]), "b": term("B")}
    data = json.loads(diff_of(tmp_path, base, head, "json"))
    assert data["terms"] == {
        "added": [], "removed": [], "renamed": [{"from": "algebra", "to": "algebra-2"}]
    }  # fmt: skip


def test_a_term_that_kept_its_summary_is_renamed_even_with_a_new_title(tmp_path: Path) -> None:
    base = {"algebra": term("Algebra", summary="Same words.", related=["b"]), "b": term("B")}
    head = {"algebra-2": term("Algebra 2", summary="Same words.", related=["b"]), "b": term("B")}
    data = json.loads(diff_of(tmp_path, base, head, "json"))
    assert data["terms"] == {
        "added": [], "removed": [], "renamed": [{"from": "algebra", "to": "algebra-2"}]
    }  # fmt: skip


def test_prerequisites_added_are_listed_in_order(tmp_path: Path) -> None:
    base = {t: term(t.upper()) for t in ("a", "b", "c", "d", "e")}
    head = {**base, "e": term("E", prerequisites=["d", "b", "c", "a"])}
    data = json.loads(diff_of(tmp_path, base, head, "json"))
    assert data["prerequisites"]["added"] == [["a", "e"], ["b", "e"], ["c", "e"], ["d", "e"]]


def test_one_new_term_is_the_rename_of_one_old_term_only(tmp_path: Path) -> None:
    """Two removed terms, one with the new term's title and one with its summary."""
    base = {"a": term("Space", summary="Old."), "b": term("B", summary="Where things are.")}
    head = {"c": term("Space", summary="Where things are.")}
    data = json.loads(diff_of(tmp_path, base, head, "json"))
    assert data["terms"] == {"added": [], "removed": ["b"], "renamed": [{"from": "a", "to": "c"}]}


def test_a_new_term_below_a_changed_edge_has_no_learning_path_change(tmp_path: Path) -> None:
    base = {"a": term("A"), "b": term("B", prerequisites=["a"])}
    head = {**base, "c": term("C", prerequisites=["b"]), "d": term("D", prerequisites=["c"])}
    data = json.loads(diff_of(tmp_path, base, head, "json"))
    assert data["terms"]["added"] == ["c", "d"]
    assert data["learning_paths"] == []


def test_new_findings_in_json_carry_code_severity_place_and_message(tmp_path: Path) -> None:
    base = {"a": term("A", related=["b"]), "b": term("B", related=["a"])}
    head = {**base, "g": term("G")}
    data = json.loads(diff_of(tmp_path, base, head, "json"))
    assert data["findings"] == {
        "new": [
            {
                "code": "orphan",
                "severity": "warning",
                "file": f"{(tmp_path / 'head' / 'terms' / 'g.yaml').as_posix()}",
                "line": 1,
                "column": 1,
                "message": "'g' has no prerequisites, no related terms and nothing builds on it; "
                "add prerequisites or related terms so readers can find it",
            }
        ],
        "resolved": [],
    }


def test_text_lists_each_kind_of_change_under_its_heading(tmp_path: Path) -> None:
    base = {"a": term("A", related=["b"]), "b": term("B", related=["a"]), "c": term("C")}
    head = {"a": term("A", related=["b"]), "b": term("B", related=["a"], prerequisites=["d"]),
            "d": term("D")}  # fmt: skip
    text = diff_of(tmp_path, base, head, "text")
    assert text.splitlines()[:8] == [
        "Terms added:",
        "  d",
        "Terms removed:",
        "  c",
        "Prerequisites added (needed → needed by):",
        "  d → b",
        "Learning paths changed (1 terms; 0 paths downstream pass through them):",
        "  b: 0 → 1 terms to read first; 0 downstream",
    ]


def test_of_many_removed_terms_like_an_added_one_the_first_by_id_was_renamed(
    tmp_path: Path,
) -> None:
    """Twenty removed terms share the added term's title: the first of them by id is the one
    renamed, whatever order a set would give them in (the output is the same on every run)."""
    base = {f"same-{i:02}": term("Same") for i in range(20)}
    data = json.loads(diff_of(tmp_path, base, {"new": term("Same")}, "json"))
    assert data["terms"]["renamed"] == [{"from": "same-00", "to": "new"}]
    assert data["terms"]["removed"] == [f"same-{i:02}" for i in range(1, 20)]


def test_prerequisite_changes_are_listed_in_order(tmp_path: Path) -> None:
    """Twenty-eight edges added one way are removed the other, each list sorted (the same
    output on every run, whatever order a set holds them in)."""
    ids = [f"t{i}" for i in range(8)]
    plain = {i: term(i.upper()) for i in ids}
    needing = {i: term(i.upper(), prerequisites=[j for j in ids if j < i]) for i in ids}
    edges = [[a, b] for b in ids for a in ids if a < b]
    added = json.loads(diff_of(tmp_path / "up", plain, needing, "json"))["prerequisites"]
    removed = json.loads(diff_of(tmp_path / "down", needing, plain, "json"))["prerequisites"]
    assert added == {"added": sorted(edges), "removed": []}
    assert removed == {"added": [], "removed": sorted(edges)}


def test_markdown_of_no_change_says_so(tmp_path: Path) -> None:
    same = {"a": term("A", related=["b"]), "b": term("B", related=["a"])}
    assert diff_of(tmp_path, same, same, "markdown") == (
        "## Glossary changes\n\n"
        "0 added, 0 removed, 0 renamed; 0 prerequisite and 0 related edge changes; 0 learning "
        "paths changed; 0 new and 0 resolved findings\n\n"
        "No change to terms, links, learning paths or findings.\n"
    )


def test_markdown_of_an_added_term_is_a_section_per_kind_of_change(tmp_path: Path) -> None:
    base = {"a": term("A", related=["b"]), "b": term("B", related=["a"])}
    head = {**base, "c": term("C", prerequisites=["a"])}
    assert diff_of(tmp_path, base, head, "markdown") == (
        "## Glossary changes\n\n"
        "1 added, 0 removed, 0 renamed; 1 prerequisite and 0 related edge changes; 0 learning "
        "paths changed; 0 new and 0 resolved findings\n\n"
        "### Terms added\n\n- `c`\n\n"
        "### Prerequisites added (needed → needed by)\n\n- `a` → `c`\n"
    )


def test_findings_of_revisions_name_the_terms_folder_not_a_temporary_copy(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The annotations, findings and hints of `diff BASE HEAD` point at files a reader has."""
    terms = write_terms(tmp_path, {"a": term("A", related=["b"]), "b": term("B", related=["a"]),
                                   "g": term("G")})  # fmt: skip
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"}  # fmt: skip
    subprocess.run(["git", "init", "-q"], cwd=tmp_path, check=True, env=env)
    for message in ("base", "head"):
        if message == "head":
            (terms / "g.yaml").unlink()
            write_terms(tmp_path, {"c": term("C", related=["a"])})
        subprocess.run(["git", "add", "-A", "terms"], cwd=tmp_path, check=True, env=env)
        subprocess.run(["git", "commit", "-qm", message], cwd=tmp_path, check=True, env=env)
    monkeypatch.chdir(tmp_path)
    result = glossary_diff("HEAD~1", "HEAD", "--terms-dir", "terms", "--format", "github")
    assert result.exit_code == 0, result.output
    one_way = "'c' lists 'a' as related but 'a' does not list 'c'"
    orphan = "'g' has no prerequisites, no related terms and nothing builds on it"
    assert result.stdout.splitlines()[:2] + result.stdout.splitlines()[8:12] == [
        "::warning file=terms/c.yaml,line=9,col=5,title=one-way-related::"
        f"{one_way}; add 'c' to related in terms/a.yaml",
        "::warning file=terms/a.yaml,line=8,col=1,title=one-way-related::"
        f"{one_way}: add 'c' to related here",
        "New findings:",
        f"  terms/c.yaml:9:5: warning[one-way-related] {one_way}; add 'c' to related in "
        "terms/a.yaml",
        "Resolved findings:",
        f"  terms/g.yaml:1:1: warning[orphan] {orphan}; add prerequisites or related terms so "
        "readers can find it",
    ]


def test_a_revision_of_a_missing_terms_folder_is_one_clear_line(tmp_path: Path) -> None:
    result = glossary_diff("HEAD", "--terms-dir", str(tmp_path / "nowhere"))
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        "error: cannot run git for 'HEAD': [Errno 2] No such file or directory: "
        f"'{tmp_path / 'nowhere'}'\n"
    )


def test_a_revision_that_looks_like_an_option_never_reaches_git(tmp_path: Path) -> None:
    """git would read `--output=FILE:` as its option and write FILE (an empty one)."""
    terms = write_terms(tmp_path, BASE)
    subprocess.run(["git", "init", "-q"], cwd=terms, check=True)  # terms at the top: no prefix
    target = tmp_path / "clobbered"
    result = glossary_diff("--terms-dir", str(terms), "--", f"--output={target}")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        f"error: '--output={target}' is neither a folder nor a git revision with {terms}\n"
    )
    assert list(tmp_path.glob("clobbered*")) == []


def test_markdown_lists_what_went_away_and_the_findings_it_resolved(tmp_path: Path) -> None:
    """HEAD back to BASE: the related link and the term go, and so does the one-way warning."""
    head, base = folders(tmp_path)[::-1]
    markdown = run(head, base, "--format", "markdown").stdout
    assert "### Related links removed\n\n- `algebra` ↔ `arithmetic`\n" in markdown
    resolved = markdown.split("### Resolved findings\n\n", 1)[1].splitlines()[0]
    assert resolved.startswith("- `one-way-related` ")
    assert "arithmetic\\.yaml:9:5: 'arithmetic' lists 'algebra' as related" in resolved
