"""The locate stage reads a file again to place its findings: when the file changed since it
was checked (an edit while `serve` runs), every finding still gets a place, and no error."""

from __future__ import annotations

from pathlib import Path

import pytest

from site_builder import load
from site_builder.findings import Finding, finding, location
from site_builder.positions import Positions


@pytest.mark.parametrize(
    ("now", "where", "text_pos", "place"),
    [
        # The value the finding was in lost its second line: the start of the value.
        ("title: T\neli5: One line.\n", ("eli5",), (1, 4), (2, 7)),
        # The file is broken YAML now: its first line.
        ("title: [\n", ("prerequisites", 0), None, (1, 1)),
        ("", ("eli5",), (0, 3), (1, 1)),
        # A block value that ends before the finding's line: the line after it, no error.
        ("title: T\neli5: |\n  One line.\n", ("eli5",), (1, 4), (4, 5)),
        # Lines broken by a lone CR (which YAML counts as a line break): the start of the value.
        ("title: T\reli5: One line.\r", ("eli5",), (1, 4), (2, 7)),
    ],
)
def test_a_finding_in_a_file_changed_since_is_placed_where_it_can_be(
    tmp_path: Path,
    now: str,
    where: tuple[str | int, ...],
    text_pos: tuple[int, int] | None,
    place: tuple[int, int],
) -> None:
    path = tmp_path / "gamma.yaml"
    path.write_text(now, encoding="utf-8")
    found = finding(path.as_posix(), "unsafe-link", "was here", where=where, text_pos=text_pos)
    (located,) = Positions().locate_all([found])
    assert (located.line, located.column) == place


def test_a_text_with_many_hyphens_but_shallow_nesting_is_read_again_to_place_a_finding(
    tmp_path: Path,
) -> None:
    """Over 5,000 marks that could open a list (here hyphens in prose) are no reason to give up
    placing a finding inside the text: it nests two levels deep."""
    path = tmp_path / "gamma.yaml"
    path.write_text("title: T\neli5: |\n  " + "a-" * 5_001 + "\n  See [x](ftp://y).\n")
    found = finding(path.as_posix(), "unsafe-link", "here", where=("eli5",), text_pos=(1, 4))
    (located,) = Positions().locate_all([found])
    assert (located.line, located.column) == (4, 7)


def test_a_placed_finding_still_has_its_related_places_located(tmp_path: Path) -> None:
    other = tmp_path / "beta.yaml"
    other.write_text("title: B\nrelated: [gamma]\n")
    found = Finding(
        (tmp_path / "alpha.yaml").as_posix(),
        3,
        5,
        "one-way-related",
        "one way",
        related=(location(other.as_posix(), "add it here", ("related",)),),
    )
    (located,) = Positions().locate_all([found])
    assert [(r.line, r.column) for r in located.related] == [(2, 1)]


def test_files_share_the_tuples_of_their_marks_up_to_a_bound(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    text = "title: A\naliases:\n  - B\nsources:\n  - title: S\n    url: https://example.org\n"
    first, _ = load.parse_text(text, "a.yaml", "a")
    second, _ = load.parse_text(text, "b.yaml", "b")
    assert first is not None and second is not None
    assert (
        first.marks
        == second.marks
        == {
            ("title",): (1, 1),
            ("aliases",): (2, 1),
            ("aliases", 0): (3, 5),
            ("sources",): (4, 1),
            ("sources", 0): (5, 5),
            ("sources", 0, "title"): (5, 5),
            ("sources", 0, "url"): (6, 5),
        }
    )
    # One tuple of each path and position for both files.
    for (key, value), (other_key, other_value) in zip(
        first.marks.items(), second.marks.items(), strict=True
    ):
        assert key is other_key and value is other_value
    # Once the table is full, new paths and positions are tuples of their own, still right.
    monkeypatch.setattr(load, "_SHARED", {})
    monkeypatch.setattr(load, "_SHARED_MAX", 3)
    third, _ = load.parse_text(text, "c.yaml", "c")
    fourth, _ = load.parse_text(text, "d.yaml", "d")
    assert third is not None and fourth is not None
    assert third.marks == fourth.marks == first.marks
    assert len(load._SHARED) == 3
    tuples = zip(
        [t for item in third.marks.items() for t in item],
        [t for item in fourth.marks.items() for t in item],
        strict=True,
    )
    shared = [mine for mine, theirs in tuples if mine is theirs]
    assert len(shared) == 3 and set(shared) == set(load._SHARED)
