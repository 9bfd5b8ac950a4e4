"""The term schema ships inside the package: a broken install says so once, clearly."""

from __future__ import annotations

from collections.abc import Iterator
from importlib import resources
from pathlib import Path

import fastjsonschema
import pytest
import yaml
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


def _accepted_by_fast(document: object) -> bool:
    try:
        schema.fast_validator()(document)
    except fastjsonschema.JsonSchemaException:
        return False
    return True


def test_the_fast_validator_accepts_exactly_what_the_full_one_accepts(fresh_schema: None) -> None:
    """The fast path (the schema compiled, its $defs written in) decides alone for valid
    files: it must agree with the full validator on every real term and on broken ones."""
    root = Path(__file__).resolve().parent.parent
    documents = [yaml.safe_load(p.read_text("utf-8")) for p in sorted(root.glob("terms/*.yaml"))]
    good = documents[0]
    broken: list[dict[str, object]] = [
        {**good, "prerequisites": ["Not-An-Id"]},
        {**good, "related": ["ok", "bad--id"]},
        {**good, "related": [3]},
        {**good, "tags": ["Upper"]},
        {**good, "aliases": [" "]},
        {**good, "sources": []},
        {**good, "sources": [{"title": "t"}]},
        {**good, "sources": [{"title": "t", "url": "ftp://x"}]},
        {**good, "title": "   "},
        {**good, "status": "final"},
        {**good, "extra": 1},
        {key: value for key, value in good.items() if key != "eli5"},
    ]
    full = schema._full_validator()
    for document in documents + broken:
        assert _accepted_by_fast(document) == (not list(full.iter_errors(document))), document
    assert all(map(_accepted_by_fast, documents)) and not any(map(_accepted_by_fast, broken))


_FIELDS = {"title": "T", "summary": "S", "overview": "O", "eli5": "E", "expert": "X"}
_SOURCES = {"sources": [{"title": "A source", "url": "https://example.org"}]}


@pytest.mark.parametrize(
    ("document", "message", "hint"),
    [
        ({**_FIELDS, **_SOURCES, "title": ["a"]}, "'title' must be text, not a list", ""),
        ({**_FIELDS, **_SOURCES, "summary": 3}, "'summary' must be text, not a number", ""),
        ({**_FIELDS, **_SOURCES, "summary": 2.5}, "'summary' must be text, not a number", ""),
        ({**_FIELDS, **_SOURCES, "summary": True}, "'summary' must be text, not true/false", ""),
        ({**_FIELDS, **_SOURCES, "summary": {"a": 1}}, "'summary' must be text, not a mapping", ""),
        ({**_FIELDS, "sources": ["https://e.org"]}, "'sources[0]' must be a mapping, not text", ""),
        ({**_FIELDS, **_SOURCES, "aliases": 3}, "'aliases' must be a list, not a number", ""),
        ({**_FIELDS, **_SOURCES, "title": "  "}, "'title' is empty", "write it"),
    ],
)
def test_a_schema_problem_is_said_in_the_authors_words(
    document: dict[str, object], message: str, hint: str
) -> None:
    assert [(f.message, f.hint) for f in schema.validate_data(document, "a.yaml")] == [
        (message, hint)
    ]
