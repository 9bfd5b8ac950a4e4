"""The locate stage reads a file again to place its findings: when the file changed since it
was checked (an edit while `serve` runs), every finding still gets a place, and no error."""

from __future__ import annotations

from pathlib import Path

import pytest

from site_builder.findings import finding
from site_builder.positions import Positions


@pytest.mark.parametrize(
    ("now", "where", "text_pos", "place"),
    [
        # The value the finding was in lost its second line: the start of the value.
        ("title: T\neli5: One line.\n", ("eli5",), (1, 4), (2, 7)),
        # The file is broken YAML now: its first line.
        ("title: [\n", ("prerequisites", 0), None, (1, 1)),
        ("", ("eli5",), (0, 3), (1, 1)),
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
