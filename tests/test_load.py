"""Reading one term file: what is said about a file that holds no term, or holds a key twice."""

from __future__ import annotations

from pathlib import Path

import pytest

from site_builder.load import list_term_files, parse_text, term_file_names


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "the file is empty"),
        (" \n\n\t\n", "the file is empty"),
        ("# to do\n", "the file holds only comments"),
    ],
)
def test_a_file_with_no_term_is_one_empty_file_finding(text: str, message: str) -> None:
    document, found = parse_text(text, "terms/a.yaml", "a")
    assert document is None
    assert [(f.code, f.line, f.column, f.message) for f in found] == [("empty-file", 1, 1, message)]


def test_a_key_written_twice_is_a_finding_at_the_second_with_the_first_named() -> None:
    document, found = parse_text("title: A\nsummary: S\ntitle: B\n", "terms/a.yaml", "a")
    assert document is not None and document.data["title"] == "B"
    assert [(f.code, f.line, f.column, f.hint) for f in found] == [
        ("duplicate-key", 3, 1, "YAML keeps only the last value; remove one of them")
    ]


def test_term_files_are_the_yaml_names_in_order_without_dot_files(tmp_path: Path) -> None:
    for name in ("b.yaml", "a.yaml", ".#a.yaml", ".hidden.yaml", "notes.yml", "c.yaml.bak"):
        (tmp_path / name).write_text("title: x\n", "utf-8")
    assert term_file_names(tmp_path) == ["a.yaml", "b.yaml"]
    assert list_term_files(tmp_path) == [tmp_path / "a.yaml", tmp_path / "b.yaml"]
