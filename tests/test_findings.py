"""The registry of finding codes: what the contributing guide shows and what the code holds."""

from __future__ import annotations

from pathlib import Path

from site_builder.findings import CODES
from site_builder.limits import DEFAULT_LIMITS, KIB
from site_builder.stats import codes_markdown

GUIDE = Path(__file__).resolve().parent.parent / "docs" / "contributing.md"


def test_the_contributing_guide_shows_the_table_of_every_code() -> None:
    guide = GUIDE.read_text("utf-8")
    start = guide.index("-->\n", guide.index("<!-- finding-codes:start")) + 4
    end = guide.index("<!-- finding-codes:end -->")
    table = codes_markdown()
    assert table == guide[start:end], "regenerate the guide's table with `glossary codes`"
    assert "| `one-way-related` | warning |" in table
    assert len(table.splitlines()) == len(CODES) + 2  # a heading, a rule, a row per code


def test_the_size_limits_the_codes_table_states_are_the_default_limits() -> None:
    """The table promises 256 KB for a term file and 16 MB for a page: what the code holds."""
    meaning = CODES["file-too-large"].meaning
    assert f"{DEFAULT_LIMITS.file_bytes // KIB} KB for a term file" in meaning
    assert f"{DEFAULT_LIMITS.page_bytes // KIB // KIB} MB for a page" in meaning
