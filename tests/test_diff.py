"""`glossary diff`: two folders or two git revisions, in every format."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import yaml

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
