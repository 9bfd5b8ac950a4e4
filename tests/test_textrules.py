"""Plain-text values typed on a command line: what `glossary new` refuses, and why."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from site_builder import textrules
from site_builder.cli import main


@pytest.mark.parametrize(
    ("args", "error"),
    [
        # A byte that was not UTF-8 reaches Python as a lone surrogate (os.fsdecode).
        (["Caf\udce9"], "Invalid value for TITLE: 'Caf\\udce9' is not valid UTF-8 text"),
        (
            ["Gradient", "--alias", "G\udcff"],
            "Invalid value for --alias: 'G\\udcff' is not valid UTF-8 text",
        ),
        (["Gamma\tRays"], "Invalid value for TITLE: 'Gamma\\tRays' holds a control character"),
    ],
)
def test_new_refuses_a_title_or_alias_that_is_not_plain_text(
    tmp_path: Path, args: list[str], error: str
) -> None:
    (tmp_path / "terms").mkdir()
    result = CliRunner().invoke(main, ["new", *args, "--dir", str(tmp_path / "terms")])
    assert result.exit_code == 2
    assert f"Error: {error}" in result.output
    assert list((tmp_path / "terms").iterdir()) == []


def test_line_breaks_at_the_ends_of_a_plain_text_value_are_no_problem() -> None:
    data = {"title": "Title\n", "summary": "\n A summary.\n", "aliases": ["Alias\n"]}
    assert textrules.text_findings(data, "a.yaml") == []
    [found] = textrules.text_findings({"title": " Two\nlines\n"}, "a.yaml")
    assert (found.where, found.text_pos) == (("title",), (1, 0))


def test_every_plain_text_value_is_checked_for_line_breaks() -> None:
    """Title, summary, each alias and each source's title, but not the Markdown sections or
    a source's address."""
    data = {
        "title": "A\nB",
        "summary": "C\nD",
        "eli5": "E\nF",
        "aliases": ["ok", "G\nH"],
        "sources": [{"title": "I\nJ", "url": "https://example.org/\nK"}, {"title": "ok"}],
    }
    found = textrules.text_findings(data, "a.yaml")
    assert [f.where for f in found] == [
        ("title",),
        ("summary",),
        ("aliases", 1),
        ("sources", 0, "title"),
    ]
