"""`glossary init` starts a repository that builds at once; the commands find its terms."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import yaml

from site_builder.project import schema_text
from tests.helpers import linked_pair, write_terms
from tests.sites import build

STARTER = {
    ".github/workflows/glossary.yml",
    ".gitignore",
    ".pre-commit-config.yaml",
    "docs/index.md",
    "mkdocs.yml",
    "terms/glossary.yaml",
    "terms/term.schema.json",
    "terms/term.yaml",
}


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(list(args), cwd=cwd, capture_output=True, text=True)


def test_init_writes_a_repository_that_checks_builds_and_links(tmp_path: Path) -> None:
    result = run("glossary", "init", "net", "--name", "Networking & Co", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    root = tmp_path / "net"
    assert {p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()} == STARTER
    assert yaml.safe_load((root / "mkdocs.yml").read_text("utf-8")) == {
        "site_name": "Networking & Co",
        "theme": {"name": "material"},
        "plugins": ["search", "glossary"],
    }
    assert run("glossary", "check", "--strict", cwd=root).stdout == (
        "0 errors, 0 warnings in 2 term files\n"
    )
    built = build(root, "--strict")
    assert built.returncode == 0, built.stderr
    page = (root / "site" / "terms" / "glossary" / "index.html").read_text("utf-8")
    assert "{:" not in page and "](" not in page  # attr_list and links were read
    assert 'class="glossary-mermaid"' in page and 'class="arithmatex"' in page
    assert '<script type="application/ld+json">' in page
    assert "fonts.googleapis.com" not in page
    checked = run("glossary", "check-site", "site", "--strict", cwd=root)
    assert checked.returncode == 0, checked.stdout
    assert (root / "site" / "term.schema.json").read_text("utf-8") == schema_text()


def test_the_home_page_is_titled_with_the_site_name(tmp_path: Path) -> None:
    assert run("glossary", "init", "--name", "Networking & Co", cwd=tmp_path).returncode == 0
    home = (tmp_path / "docs" / "index.md").read_text("utf-8")
    assert home.splitlines()[0] == "# Networking & Co"


def test_init_never_overwrites_a_file(tmp_path: Path) -> None:
    (tmp_path / "mkdocs.yml").write_text("site_name: Mine\n", "utf-8")
    result = run("glossary", "init", cwd=tmp_path)
    assert result.returncode == 0
    assert "kept     mkdocs.yml (exists)" in result.stdout
    created = result.stdout.count("\ncreated  ") + result.stdout.startswith("created  ")
    assert created > 1 and f"\n{created} files created, 1 kept. Next: " in result.stdout
    assert (tmp_path / "mkdocs.yml").read_text("utf-8") == "site_name: Mine\n"
    assert (tmp_path / "terms" / "term.yaml").is_file()


def test_workflow_and_hook_of_the_starter_run_what_passes_after_init(tmp_path: Path) -> None:
    run("glossary", "init", cwd=tmp_path)
    workflow = yaml.safe_load((tmp_path / ".github/workflows/glossary.yml").read_text("utf-8"))
    runs = [s["run"] for s in workflow["jobs"]["check"]["steps"] if "run" in s]
    assert runs[0].startswith('python -m pip install "glossary-site==')
    assert runs[1:] == [
        "glossary check --strict",
        "mkdocs build --strict",
        "glossary check-site site",
    ]
    hooks = yaml.safe_load((tmp_path / ".pre-commit-config.yaml").read_text("utf-8"))
    (hook,) = hooks["repos"][0]["hooks"]
    assert run(*hook["entry"].split(), cwd=tmp_path).returncode == 0


def test_check_reads_terms_dir_from_mkdocs_yml(tmp_path: Path) -> None:
    write_terms(tmp_path / "glossary", linked_pair())
    (tmp_path / "mkdocs.yml").write_text(
        "site_url: !ENV [SITE_URL, 'http://x/']\nplugins:\n  - glossary:\n"
        "      terms_dir: glossary/terms\nmarkdown_extensions:\n  - pymdownx.emoji:\n"
        "      emoji_index: !!python/name:material.extensions.emoji.twemoji\n",
        "utf-8",
    )
    result = run("glossary", "check", cwd=tmp_path)
    assert (result.returncode, result.stdout) == (0, "0 errors, 0 warnings in 2 term files\n")


def test_a_yml_file_is_reported_not_ignored(tmp_path: Path) -> None:
    terms = write_terms(tmp_path, linked_pair())
    (terms / "gamma.yml").write_text("title: Gamma\n", "utf-8")
    result = run("glossary", "check", cwd=tmp_path)
    assert result.returncode == 1
    assert (
        "terms/gamma.yml:1:1: error[invalid-filename] 'gamma.yml' is not read: term files "
        "end in .yaml; rename it to 'gamma.yaml'"
    ) in result.stdout


def test_a_folder_without_term_files_is_a_usage_error(tmp_path: Path) -> None:
    (tmp_path / "terms").mkdir()
    result = run("glossary", "check", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.startswith("error: no term files (*.yaml) in terms;")


def test_new_names_a_schema_that_exists_and_schema_keeps_it_current(tmp_path: Path) -> None:
    write_terms(tmp_path, {})
    result = run("glossary", "new", "Alpha", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    first = (tmp_path / "terms" / "alpha.yaml").read_text("utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=term.schema.json"
    copy = tmp_path / "terms" / "term.schema.json"
    assert copy.read_text("utf-8") == schema_text()
    copy.write_text(json.dumps({"old": True}), "utf-8")
    assert "run `glossary schema` to update it" in run("glossary", "check", cwd=tmp_path).stderr
    assert run("glossary", "schema", cwd=tmp_path).returncode == 0
    assert copy.read_text("utf-8") == schema_text()
    assert run("glossary", "schema", "--print", cwd=tmp_path).stdout == schema_text()


def test_new_keeps_the_schema_line_its_neighbours_use(tmp_path: Path) -> None:
    line = "# yaml-language-server: $schema=../s.json\n"
    terms = write_terms(tmp_path, {"alpha": line + "title: A\n"})
    (tmp_path / "s.json").write_text("{}", "utf-8")
    run("glossary", "new", "Beta", cwd=tmp_path)
    assert (terms / "beta.yaml").read_text("utf-8").startswith(line)
    assert not (terms / "term.schema.json").exists()
