"""The real `glossary` console script: exit codes, --strict, `new`, `python -m site_builder`."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import yaml

from site_builder.analysis import analyse
from tests.helpers import linked_pair, term, write_terms


def glossary(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["glossary", *args], cwd=cwd, capture_output=True, text=True)


def test_clean_glossary_exits_zero_with_summary(tmp_path: Path) -> None:
    write_terms(tmp_path, linked_pair())
    result = glossary("check", cwd=tmp_path)
    assert (result.returncode, result.stdout) == (0, "0 errors, 0 warnings in 2 term files\n")


def test_warnings_pass_unless_strict(tmp_path: Path) -> None:
    write_terms(tmp_path, {**linked_pair(), "gamma": term("Gamma")})  # an orphan
    assert glossary("check", cwd=tmp_path).returncode == 0
    strict = glossary("check", "--strict", cwd=tmp_path)
    assert strict.returncode == 1
    assert "warning[orphan]" in strict.stdout


def test_missing_directory_is_a_usage_error(tmp_path: Path) -> None:
    result = glossary("check", "nowhere", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr == "error: terms directory not found: nowhere\n"
    assert "Traceback" not in result.stderr


def test_python_dash_m_runs_the_same_command(tmp_path: Path) -> None:
    write_terms(tmp_path, linked_pair())
    result = subprocess.run(
        [sys.executable, "-m", "site_builder", "check", "terms"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr


def test_the_program_runs_without_the_cycle_collector_and_freezes_what_is_left(
    tmp_path: Path,
) -> None:
    write_terms(tmp_path, linked_pair())
    program = (
        "import atexit, gc, sys\n"
        "from site_builder.cli import run\n"
        "atexit.register(lambda: print(gc.isenabled(), gc.get_freeze_count() > 0))\n"
        "sys.argv = ['glossary', 'check', 'terms']\n"
        "run()\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", program], cwd=tmp_path, capture_output=True, text=True
    )
    # atexit runs last what was registered first: after run()'s own freeze.
    assert result.stdout.splitlines()[-1] == "False True", result.stderr


def test_new_writes_a_complete_template(tmp_path: Path) -> None:
    write_terms(tmp_path, linked_pair())
    result = glossary(
        "new",
        "Bayes' Theorem",
        "-p",
        "alpha",
        "-r",
        "beta",
        "-t",
        "math",
        "-a",
        "Bayes rule",
        cwd=tmp_path,
    )
    assert (result.returncode, result.stdout) == (0, "terms/bayes-theorem.yaml\n")
    text = (tmp_path / "terms" / "bayes-theorem.yaml").read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=")
    data = yaml.safe_load(text)
    assert data["title"] == "Bayes' Theorem"
    assert (data["prerequisites"], data["related"], data["tags"]) == (["alpha"], ["beta"], ["math"])
    assert data["aliases"] == ["Bayes rule"]
    # Every field of the format is there to fill in, so the checker lists what is missing.
    codes = {f.code for f in analyse(tmp_path / "terms").findings if "bayes" in f.file}
    assert codes == {"empty-field", "one-way-related"}
    assert "add 'bayes-theorem' to related in terms/beta.yaml as well" in result.stderr


def test_new_refuses_to_overwrite(tmp_path: Path) -> None:
    write_terms(tmp_path, linked_pair())
    before = (tmp_path / "terms" / "alpha.yaml").read_bytes()
    result = glossary("new", "Alpha", cwd=tmp_path)
    assert result.returncode == 1
    assert "already exists" in result.stderr
    assert (tmp_path / "terms" / "alpha.yaml").read_bytes() == before


def test_new_validates_the_ids_it_is_given(tmp_path: Path) -> None:
    write_terms(tmp_path, linked_pair())
    result = glossary("new", "Gamma", "-p", "alpah", cwd=tmp_path)
    assert result.returncode == 2
    assert "no term 'alpah'; did you mean 'alpha'?" in result.stderr
    assert not (tmp_path / "terms" / "gamma.yaml").exists()


def test_new_names_the_option_of_a_bad_tag(tmp_path: Path) -> None:
    write_terms(tmp_path, linked_pair())
    result = glossary("new", "Gamma", "--tag", "Deep Learning", cwd=tmp_path)
    assert result.returncode == 2
    assert "Invalid value for --tag: tag 'Deep Learning' should be 'deep-learning'" in result.stderr
    assert not (tmp_path / "terms" / "gamma.yaml").exists()
