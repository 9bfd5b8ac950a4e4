"""`glossary new` never writes outside the terms folder and never overwrites, whatever the
title, including two runs at the same moment."""

from __future__ import annotations

import resource
import subprocess
import threading
from pathlib import Path

import pytest
import yaml

from site_builder.model import TermId
from site_builder.scaffold import (
    ScaffoldError,
    TermExistsError,
    create_term_file,
    derive_id,
    id_problem,
)
from tests.helpers import linked_pair, write_terms


def _tree(root: Path) -> set[str]:
    return {p.relative_to(root).as_posix() for p in root.rglob("*")}


def glossary_new(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["glossary", "new", *args], cwd=root / "work", capture_output=True, text=True, timeout=60
    )


@pytest.fixture
def root(tmp_path: Path) -> Path:
    write_terms(tmp_path / "work", linked_pair())
    return tmp_path


LONG = "Stochastic " * 500  # 5,500 characters

# (name, title, exit status, the file written or the start of the error)
CASES = [
    ("climbing out", "../../x", 0, "terms/x.yaml"),
    ("absolute path", "/etc/passwd", 0, "terms/etc-passwd.yaml"),
    ("Windows device", "CON", 2, "Error: Invalid value for TITLE: 'con' names a device"),
    ("Windows port", "com1", 2, "Error: Invalid value for TITLE: 'com1' names a device"),
    ("empty", "", 2, "Error: Invalid value for TITLE: the title is empty"),
    ("only spaces", "   ", 2, "Error: Invalid value for TITLE: the title is empty"),
    ("emoji only", "🎉🚀", 2, "Error: Invalid value for TITLE: the title has no letters"),
    ("5,000 characters", LONG, 0, "terms/" + "-".join(["stochastic"] * 5) + ".yaml"),
    (
        "newline",
        "Gamma\nRays",
        2,
        "Error: Invalid value for TITLE: 'Gamma\\nRays' holds a line break",
    ),
    (
        "escape sequence",
        "Gamma\x1b[2J",
        2,
        "Error: Invalid value for TITLE: 'Gamma\\x1b[2J' holds a control character",
    ),
    ("existing term", "Alpha", 1, "error: terms/alpha.yaml already exists; nothing was changed"),
]


@pytest.mark.parametrize(("name", "title", "status", "outcome"), CASES, ids=[c[0] for c in CASES])
def test_new_stays_in_the_terms_folder(
    root: Path, name: str, title: str, status: int, outcome: str
) -> None:
    before = _tree(root)
    alpha = (root / "work" / "terms" / "alpha.yaml").read_bytes()
    result = glossary_new(root, title)
    assert result.returncode == status, result.stderr
    added = _tree(root) - before
    if status == 0:
        # The first term of a folder also brings the editor schema its first line names.
        added.discard("work/terms/term.schema.json")
        assert (result.stdout, added) == (outcome + "\n", {"work/" + outcome})
        data = yaml.safe_load((root / "work" / outcome).read_text("utf-8"))
        assert data["title"] == title.strip()
    else:
        assert added == set()
        assert result.stderr.splitlines()[-1].startswith(outcome), result.stderr
    assert (root / "work" / "terms" / "alpha.yaml").read_bytes() == alpha


def test_an_explicit_id_is_checked_too(root: Path) -> None:
    before = _tree(root)
    for bad in ("../x", "a/b", "X", "nul", "a" * 65):
        result = glossary_new(root, "Gamma", "--id", bad)
        assert result.returncode == 2 and "Invalid value for --id" in result.stderr, bad
    assert _tree(root) == before


def test_a_link_in_the_way_is_not_followed(root: Path) -> None:
    outside = root / "outside.yaml"
    (root / "work" / "terms" / "gamma.yaml").symlink_to(outside)
    result = glossary_new(root, "Gamma")
    assert result.returncode == 1 and "already exists" in result.stderr
    assert not outside.exists()


def test_derived_ids_are_cut_at_a_hyphen() -> None:
    assert derive_id("Gradient Descent") == "gradient-descent"
    assert derive_id("a" * 100) == "a" * 64
    assert len(derive_id(LONG)) <= 64 and not derive_id(LONG).endswith("-")
    # A word that ends exactly at the limit is kept.
    assert derive_id("x" * 60 + " yyy zz") == "x" * 60 + "-yyy"


@pytest.mark.parametrize("device", ["con", "prn", "aux", "nul", "com0", "com9", "lpt1", "lpt9"])
def test_every_windows_device_name_is_refused_as_an_id(device: str) -> None:
    assert id_problem(device) == (
        f"'{device}' names a device on Windows, so '{device}.yaml' cannot be a file there"
    )
    assert id_problem(f"{device}-cable") is None


def test_two_runs_at_the_same_moment_create_one_file(root: Path) -> None:
    runs = [
        subprocess.Popen(
            ["glossary", "new", "Race Condition"],
            cwd=root / "work",
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(4)
    ]
    statuses = sorted(run.wait(timeout=60) for run in runs)
    for run in runs:
        run.communicate()
    assert statuses == [0, 1, 1, 1]
    text = (root / "work" / "terms" / "race-condition.yaml").read_text("utf-8")
    assert yaml.safe_load(text)["title"] == "Race Condition"


def test_concurrent_creation_has_one_winner(tmp_path: Path) -> None:
    barrier = threading.Barrier(16)
    outcomes: list[str] = []

    def create(n: int) -> None:
        barrier.wait()
        try:
            create_term_file(tmp_path, TermId("race"), f"title: T{n}\n" * 1000)
            outcomes.append("created")
        except TermExistsError:
            outcomes.append("exists")

    threads = [threading.Thread(target=create, args=(n,)) for n in range(16)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["created"] + ["exists"] * 15
    lines = (tmp_path / "race.yaml").read_text("utf-8").splitlines()
    assert len(lines) == 1000 and len(set(lines)) == 1  # one writer's whole text


def test_create_term_file_refuses_an_id_that_is_not_one(tmp_path: Path) -> None:
    with pytest.raises(ScaffoldError, match=r"^'\.\./x' is not a valid term id"):
        create_term_file(tmp_path, TermId("../x"), "title: X\n")
    assert list(tmp_path.iterdir()) == []


def test_create_term_file_in_a_missing_folder_names_the_file(tmp_path: Path) -> None:
    with pytest.raises(ScaffoldError) as raised:
        create_term_file(tmp_path / "gone", TermId("x"), "title: X\n")
    assert (
        str(raised.value)
        == f"cannot create {tmp_path / 'gone' / 'x.yaml'}: No such file or directory"
    )


def test_a_term_file_that_cannot_be_written_whole_is_removed(tmp_path: Path) -> None:
    """A disk that fills up half-way leaves no half-written term behind (here: a file size
    limit of 10 bytes, which the write exceeds)."""
    soft, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
    resource.setrlimit(resource.RLIMIT_FSIZE, (10, hard))
    try:
        with pytest.raises(ScaffoldError) as raised:
            create_term_file(tmp_path, TermId("x"), "title: A title longer than ten bytes\n")
    finally:
        resource.setrlimit(resource.RLIMIT_FSIZE, (soft, hard))
    assert str(raised.value) == f"cannot write {tmp_path / 'x.yaml'}: File too large"
    assert list(tmp_path.iterdir()) == []
