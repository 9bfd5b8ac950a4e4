"""The workflow, the pre-commit hooks and the contributing guide stay true."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from site_builder.project import default_terms_dir
from tests.helpers import linked_pair, term, write_terms

ROOT = Path(__file__).resolve().parent.parent
WORKFLOW = ROOT / ".github" / "workflows" / "glossary.yml"
PROJECT_COMMANDS = ("glossary check --strict", "mkdocs build --strict", "glossary check-site site")


def _steps() -> list[dict[str, object]]:
    workflow = yaml.safe_load(WORKFLOW.read_text("utf-8"))
    assert set(workflow["jobs"]) == {"check", "deploy"}
    assert workflow["jobs"]["deploy"]["needs"] == "check"
    assert workflow["jobs"]["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}
    steps: list[dict[str, object]] = workflow["jobs"]["check"]["steps"]
    return steps


def test_workflow_is_valid_and_runs_the_project_checks() -> None:
    runs = [str(step["run"]).strip() for step in _steps() if "run" in step]
    for command in PROJECT_COMMANDS:
        assert command in runs
    uses = [str(step.get("uses", "")) for step in _steps()]
    assert any(u.startswith("actions/upload-pages-artifact@") for u in uses)


def test_workflow_commands_pass_on_a_copy_of_the_repository(tmp_path: Path) -> None:
    for name in ("terms", "docs"):
        shutil.copytree(ROOT / name, tmp_path / name)
    shutil.copy(ROOT / "mkdocs.yml", tmp_path)
    env = {**os.environ, "GITHUB_ACTIONS": "true"}
    for command in PROJECT_COMMANDS:
        result = subprocess.run(
            command.split(), cwd=tmp_path, capture_output=True, text=True, env=env
        )
        assert result.returncode == 0, f"{command}: {result.stdout}{result.stderr}"


def test_pre_commit_hook_checks_the_whole_glossary(tmp_path: Path) -> None:
    (hook,) = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text("utf-8"))
    assert hook["pass_filenames"] is False and hook["language"] == "python"
    write_terms(tmp_path, {**linked_pair(), "lonely": term("Lonely")})
    result = subprocess.run(hook["entry"].split(), cwd=tmp_path, capture_output=True, text=True)
    assert result.returncode == 1 and "warning[orphan]" in result.stdout
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text("utf-8"))
    ids = [h["id"] for repo in config["repos"] for h in repo["hooks"]]
    assert "glossary-check" in ids


def test_stats_describe_the_graph(tmp_path: Path) -> None:
    write_terms(
        tmp_path,
        {
            "a": term("A", tags=["x"]),
            "b": term("B", prerequisites=["a"], related=["c"]),
            "c": term("C", prerequisites=["b"], related=["b"], tags=["x", "y"]),
            "d": term("D"),
        },
    )
    result = subprocess.run(
        ["glossary", "stats", "--format", "json"], cwd=tmp_path, capture_output=True, text=True
    )
    import json

    stats = json.loads(result.stdout)
    assert stats["terms"] == 4 and stats["prerequisite_edges"] == 2
    assert stats["longest_learning_path"] == ["a", "b", "c"]
    assert stats["most_depended_on"][0] == {"id": "a", "dependants": 2}
    assert stats["most_ancestors"] == [{"id": "c", "ancestors": 2}, {"id": "b", "ancestors": 1}]
    assert stats["orphans"] == ["d"] and stats["untagged"] == ["b", "d"]
    assert stats["tags"] == {"x": 2, "y": 1}
    text = subprocess.run(["glossary", "stats"], cwd=tmp_path, capture_output=True, text=True)
    assert "longest learning path: 3 terms: a → b → c" in text.stdout
    assert "most ancestors:        c (2), b (1)" in text.stdout


def _action_run(step: dict[str, object], inputs: dict[str, str], cwd: Path) -> int:
    """One `run` step of action.yml as GitHub runs it: bash -e, inputs through env."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    for name, value in dict(step.get("env") or {}).items():  # type: ignore[call-overload]
        match = re.fullmatch(r"\$\{\{ inputs\.([\w-]+) \}\}", str(value))
        assert match, f"{name}: inputs only, never inline expressions in scripts"
        env[name] = inputs[match.group(1)]
    script = str(step["run"])
    assert "${{" not in script
    return subprocess.run(["bash", "-e", "-c", script], cwd=cwd, env=env).returncode


def test_reusable_action_checks_and_builds_another_repository(tmp_path: Path) -> None:
    action = yaml.safe_load((ROOT / "action.yml").read_text("utf-8"))
    assert action["runs"]["using"] == "composite"
    defaults = {name: str(spec["default"]) for name, spec in action["inputs"].items()}
    subprocess.run(["glossary", "init", "repo"], cwd=tmp_path, check=True, capture_output=True)
    repo = tmp_path / "repo"
    steps = [s for s in action["runs"]["steps"] if "run" in s and "Install" not in s["name"]]
    assert [s["name"] for s in steps] == [
        "Check the term files",
        "Build the site",
        "Check the built site's links",
    ]
    assert all(_action_run(step, defaults, repo) == 0 for step in steps)
    assert (repo / "site" / "terms" / "glossary" / "index.html").is_file()
    # Pointed at another terms folder, with no site.
    (repo / "terms").rename(repo / "words")
    other = {**defaults, "terms-dir": "words", "build": "false"}
    assert _action_run(steps[0], other, repo) == 0
    (repo / "words" / "term.yaml").unlink()  # "glossary" now needs a missing prerequisite
    assert _action_run(steps[0], other, repo) == 1


@pytest.mark.parametrize(
    ("config", "folder"),
    [
        ("plugins:\n  - search\n  - glossary\n", "terms"),
        ("plugins:\n  - glossary:\n      terms_dir: words\n", "words"),
        ("plugins:\n  glossary:\n    terms_dir: words\n", "words"),  # plugins as a mapping
        (
            "site_url: !ENV [SITE_URL, 'https://example.org/']\n"
            "plugins:\n  - glossary:\n      terms_dir: words\n"
            "markdown_extensions:\n  - pymdownx.emoji:\n"
            "      emoji_index: !!python/name:material.extensions.emoji.twemoji\n",
            "words",
        ),
        ("plugins:\n  - search\n", "terms"),  # no glossary plugin: the default
        ("plugins: [glossary\n", "terms"),  # not YAML: the default
    ],
)
def test_commands_read_the_terms_folder_mkdocs_yml_names(
    tmp_path: Path, config: str, folder: str
) -> None:
    (tmp_path / "mkdocs.yml").write_text(config, "utf-8")
    assert default_terms_dir(tmp_path) == tmp_path / folder
