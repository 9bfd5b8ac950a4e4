"""The direct construction of plain trees builds what PyYAML's general constructor builds."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import example, given
from hypothesis import strategies as st

from site_builder.load import parse_text
from site_builder.yamlload import TermLoader, _NotPlain, nesting_bound

ROOT = Path(__file__).resolve().parent.parent
SUITE = ROOT / "tests" / "data" / "yaml-test-suite.json"


def _built(text: str, direct: bool) -> tuple[str, Any, list[Any], list[Any]]:
    """What a loader makes of `text`: the outcome, the data or error, and what it recorded."""
    loader = TermLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return "empty", None, [], []
        data = (
            loader.construct_plain_document(node, aliased="*" in text)  # as parse_text calls it
            if direct
            else loader.construct_document(node)
        )
        outcome: tuple[str, Any] = ("data", _flat(data))
    except (yaml.YAMLError, ValueError, OverflowError, RecursionError) as error:
        outcome = (type(error).__name__, str(error))
    finally:
        loader.dispose()
    duplicates = [(k.start_mark.line, f.start_mark.line) for k, f in loader.duplicates]
    controls = [(n.start_mark.line, char) for n, char in loader.controls]
    return *outcome, sorted(duplicates), sorted(controls)


def _flat(data: Any) -> list[Any]:
    """`data` as a flat list of tokens, walked without recursion (some cases nest deeply)."""
    tokens: list[Any] = []
    stack = [data]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            tokens.append(("{", len(item)))
            for key, value in reversed(item.items()):
                stack += [value, ("key", type(key).__name__, repr(key))]
        elif isinstance(item, list):
            tokens.append(("[", len(item)))
            stack += reversed(item)
        else:
            tokens.append((type(item).__name__, repr(item)))
    return tokens


def _texts() -> dict[str, str]:
    texts: dict[str, str] = json.loads(SUITE.read_text("utf-8"))["cases"]
    texts.update({p.name: p.read_text("utf-8") for p in sorted((ROOT / "terms").glob("*.yaml"))})
    texts.update(  # recorded on the direct way, then left to PyYAML: recorded once
        duplicate_then_merge="a: 1\na: 2\nb: {c: 1, <<: {d: 2}}\n",
        control_then_tag='a: "\\e"\nb: !custom x\n',
        deeper_than_recursion="a: " + "[" * (limit := sys.getrecursionlimit()) + "]" * limit,
        refused_number="a: {b: 1, c: " + "9" * 5_000 + "}\nd: !!set {x}\n",
    )
    return texts


def test_direct_construction_matches_pyyaml_on_every_suite_case_and_term() -> None:
    texts = _texts()
    assert len(texts) > 700
    for name, text in texts.items():
        assert _built(text, direct=True) == _built(text, direct=False), name


def test_term_files_take_the_direct_way() -> None:
    for path in sorted((ROOT / "terms").glob("*.yaml")):
        loader = TermLoader(path.read_text("utf-8"))
        node = loader.get_single_node()
        assert isinstance(loader._plain(node, {}), dict), path
        loader.dispose()


@pytest.mark.parametrize(
    "text",
    [
        "base: &b {a: 1}\nterm:\n  <<: *b\n",  # a merge key
        "title: !custom x\n",  # a tag no constructor takes
        "? [a, b]\n: c\n",  # a key that is a list
        "items: !!set {a, b}\n",
        "title: !!binary aGk=\n",
    ],
)
def test_what_is_not_plain_is_left_to_pyyaml(text: str) -> None:
    loader = TermLoader(text)
    node = loader.get_single_node()
    with pytest.raises(_NotPlain):
        loader._plain(node, {})
    loader.dispose()


def test_an_alias_shares_what_its_anchor_built_and_reports_it_once() -> None:
    text = 'a: &x {k: "\\e", k: 2}\nb: *x\n'
    loader = TermLoader(text)
    data = loader.construct_plain_document(loader.get_single_node(), aliased="*" in text)
    assert data["a"] is data["b"] == {"k": 2}
    assert len(loader.duplicates) == 1 and len(loader.controls) == 1
    loader.dispose()


@pytest.mark.parametrize(
    ("value", "refused"),
    [
        ("!!set {a}", "!!set"),
        ("!!omap [a: 1]", "!!omap"),
        ("!!pairs [a: 1]", "!!pairs"),
        ("!!binary aGVsbG8=", "!!binary"),
        ("!!python/name:os.system", "!!python/name:os.system"),
        ("!custom x", "!custom"),
    ],
)
def test_a_yaml_type_json_cannot_hold_is_refused_at_its_node(value: str, refused: str) -> None:
    """A term file holds text, numbers, true/false, null, lists and mappings: any other type
    stops the file with the tag and where it stands."""
    _, found = parse_text(f"title: T\nsources: {value}\n", "terms/a.yaml", "a")
    assert [(f.code, f.line, f.column, f.message) for f in found] == [
        (
            "yaml-type",
            2,
            10,
            f"the YAML type {refused} is not allowed: a term file holds only text, numbers, "
            "true/false, null, lists and mappings",
        )
    ]


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("!!bool maybe", "'maybe' is not a valid !!bool"),
        ("!!int twelve", "'twelve' is not a valid !!int"),
        ("!!float half", "'half' is not a valid !!float"),
    ],
)
def test_a_value_its_tag_does_not_fit_is_refused_at_its_node(value: str, message: str) -> None:
    _, found = parse_text(f"title: T\nsources: {value}\n", "terms/a.yaml", "a")
    assert [(f.code, f.line, f.column, f.message) for f in found] == [("yaml-type", 2, 10, message)]


@given(st.text(alphabet=st.sampled_from("[{-?:]} aé€😀\ud800\n"), max_size=40))
@example("é[€{😀-\ud800?:")  # multi-byte characters and a lone surrogate beside every mark
def test_nesting_bound_counts_every_mark_once(text: str) -> None:
    assert nesting_bound(text) == sum(text.count(mark) for mark in "[{-?:")
