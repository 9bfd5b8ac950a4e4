"""The term schema ships inside the package: a broken install says so once, clearly."""

from __future__ import annotations

from collections.abc import Iterator
from importlib import resources
from pathlib import Path

import pytest
from click.testing import CliRunner

from site_builder import schema
from site_builder.cli import main
from tests.helpers import linked_pair, write_terms


@pytest.fixture
def fresh_schema() -> Iterator[None]:
    """The schema and its validators read again in this test, and again after it."""
    caches = (schema.term_schema, schema.fast_validator, schema._full_validator)
    for cached in caches:
        cached.cache_clear()
    yield
    for cached in caches:
        cached.cache_clear()


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (None, "No such file or directory"),
        ("{not json", "Expecting property name enclosed in double quotes"),
    ],
)
def test_a_missing_or_broken_schema_file_is_one_usage_error(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    fresh_schema: None,
    content: str | None,
    reason: str,
) -> None:
    package = tmp_path / "site_builder"
    package.mkdir()
    if content is not None:
        (package / schema.SCHEMA_FILE).write_text(content, encoding="utf-8")
    monkeypatch.setattr(resources, "files", lambda name: package)
    terms = write_terms(tmp_path, linked_pair())
    result = CliRunner().invoke(main, ["check", str(terms)])
    assert result.exit_code == 2
    assert result.output.startswith("error: cannot read the term schema: ")
    assert reason in result.output
    assert "Traceback" not in result.output
