"""Stage 1: term files → documents (plain data and the text they came from).

No validation happens here beyond what it takes to read a file safely: encoding, YAML syntax,
duplicate keys, anchor bombs, and a top level that is a mapping.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from site_builder.errors import TermsDirError
from site_builder.findings import Finding
from site_builder.model import is_term_id, slugify

# The C parser is several times faster; fall back to the pure-Python one where it is missing.
BaseLoader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

# A term file has a few dozen nodes; anything that expands past this is an attack or a mistake.
MAX_EXPANDED_NODES = 10_000


@dataclass(frozen=True)
class Document:
    """One term file that parsed to a mapping.

    The node tree is not kept: a million nodes and marks held for 10,000 files make Python's
    garbage collector rescan them again and again (2.5x the parse time). Positions are found by
    composing a file again, only when it has a finding.
    """

    file: str
    stem: str
    data: dict[str, Any]


class _TermLoader(BaseLoader):  # type: ignore[valid-type,misc]
    """A safe loader that records duplicate keys instead of silently keeping the last one."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self.duplicates: list[tuple[yaml.Node, yaml.Node]] = []

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: dict[object, yaml.Node] = {}
        for key_node, _ in node.value:
            if isinstance(key_node, yaml.ScalarNode):
                first = seen.setdefault(key_node.value, key_node)
                if first is not key_node:
                    self.duplicates.append((key_node, first))
        return super().construct_mapping(node, deep)  # type: ignore[no-any-return]


# Dates stay text: term files have no dates, and a malformed one must not raise ValueError.
_TermLoader.add_constructor("tag:yaml.org,2002:timestamp", _TermLoader.construct_yaml_str)


def list_term_files(terms_dir: Path) -> list[Path]:
    """Every `*.yaml` file directly in `terms_dir`, in name order."""
    if not terms_dir.is_dir():
        raise TermsDirError(f"terms directory not found: {terms_dir}")
    try:
        with os.scandir(terms_dir) as entries:
            names = sorted(e.name for e in entries if e.name.endswith(".yaml") and e.is_file())
    except OSError as error:
        raise TermsDirError(f"cannot list {terms_dir}: {error.strerror}") from error
    return [terms_dir / name for name in names]


def load_file(path: Path) -> tuple[Document | None, list[Finding]]:
    """Read one term file: a document when it parses to a mapping, and what is wrong with it."""
    display = path.as_posix()
    naming = [] if is_term_id(path.stem) else [_bad_file_name(display, path.stem)]
    document, findings = _read(path, display)
    return document, naming + findings


def _read(path: Path, display: str) -> tuple[Document | None, list[Finding]]:
    try:
        raw = path.read_bytes()
    except OSError as error:
        return None, [Finding(display, 1, 1, "io-error", f"cannot read file: {error.strerror}")]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line, column = _byte_position(raw, error.start)
        message = f"not valid UTF-8: byte 0x{raw[error.start]:02x} cannot be decoded"
        return None, [Finding(display, line, column, "encoding", message, "save the file as UTF-8")]
    return parse_text(text, display, path.stem)


def parse_text(text: str, display: str, stem: str) -> tuple[Document | None, list[Finding]]:
    """Parse the text of one term file."""
    if not text.strip():
        return None, [Finding(display, 1, 1, "empty-file", "the file is empty")]
    loader = _TermLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None, [Finding(display, 1, 1, "empty-file", "the file holds only comments")]
        if not isinstance(node, yaml.MappingNode):
            return None, [_not_a_mapping(display, node)]
        if "*" in text and _expanded_size(node, {}) > MAX_EXPANDED_NODES:
            return None, [_anchor_bomb(display, node)]
        data = loader.construct_document(node)
    except yaml.MarkedYAMLError as error:
        return None, [_syntax_finding(display, error, text)]
    except (yaml.YAMLError, ValueError, OverflowError) as error:
        return None, [Finding(display, 1, 1, "yaml-syntax", f"cannot read YAML: {error}")]
    except RecursionError:
        return None, [Finding(display, 1, 1, "yaml-syntax", "the YAML is nested too deeply")]
    finally:
        loader.dispose()
    findings = [_duplicate_finding(display, key, first) for key, first in loader.duplicates]
    return Document(display, stem, data), findings


def _bad_file_name(display: str, stem: str) -> Finding:
    suggestion = slugify(stem) or "term"
    return Finding(
        display,
        1,
        1,
        "invalid-filename",
        f"file name '{stem}.yaml' is not a valid term id",
        f"rename it to '{suggestion}.yaml' (lowercase letters, digits, single hyphens)",
    )


def _byte_position(raw: bytes, offset: int) -> tuple[int, int]:
    before = raw[:offset]
    line_start = before.rfind(b"\n") + 1
    return before.count(b"\n") + 1, len(before[line_start:].decode("utf-8", "replace")) + 1


def _mark(node: yaml.Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


def _not_a_mapping(display: str, node: yaml.Node) -> Finding:
    kind = "a list" if isinstance(node, yaml.SequenceNode) else "a single value"
    return Finding(
        display,
        *_mark(node),
        "not-a-mapping",
        f"expected a mapping of fields (title: …, summary: …) but the file holds {kind}",
    )


def _syntax_finding(display: str, error: yaml.MarkedYAMLError, text: str) -> Finding:
    mark = error.problem_mark or error.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    problem = error.problem or str(error)
    if _tab_near(text, line, column):
        return Finding(
            display,
            line,
            column,
            "yaml-tab",
            "a tab character is used for indentation",
            "indent with spaces",
        )
    context = f" ({error.context})" if error.context else ""
    return Finding(display, line, column, "yaml-syntax", f"invalid YAML: {problem}{context}")


def _tab_near(text: str, line: int, column: int) -> bool:
    """True when the parser stopped in a line's indentation and that indentation has a tab."""
    lines = text.splitlines()
    if not 0 < line <= len(lines):
        return False
    source = lines[line - 1]
    indentation = source[: len(source) - len(source.lstrip(" \t"))]
    return "\t" in indentation or source[column - 1 : column] == "\t"


def _duplicate_finding(display: str, key: yaml.Node, first: yaml.Node) -> Finding:
    return Finding(
        display,
        *_mark(key),
        "duplicate-key",
        f"duplicate key '{key.value}' (first defined at line {first.start_mark.line + 1})",
        "YAML keeps only the last value; remove one of them",
    )


def _children(node: yaml.Node) -> Iterable[yaml.Node]:
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            yield key
            yield value
    elif isinstance(node, yaml.SequenceNode):
        yield from node.value


def _expanded_size(node: yaml.Node, memo: dict[int, int]) -> int:
    """How many nodes the document has once every alias is expanded (memoised: linear time)."""
    known = memo.get(id(node))
    if known is not None:
        return known
    memo[id(node)] = MAX_EXPANDED_NODES + 1  # an alias to its own ancestor expands forever
    size = 1 + sum(_expanded_size(child, memo) for child in _children(node))
    memo[id(node)] = min(size, MAX_EXPANDED_NODES + 1)
    return memo[id(node)]


def _anchor_bomb(display: str, node: yaml.MappingNode) -> Finding:
    memo: dict[int, int] = {}
    culprit = next(
        (key for key, value in node.value if _expanded_size(value, memo) > MAX_EXPANDED_NODES),
        node,
    )
    return Finding(
        display,
        *_mark(culprit),
        "yaml-anchor-bomb",
        f"YAML aliases expand this document past {MAX_EXPANDED_NODES:,} nodes",
        "write values out instead of using anchors (&) and aliases (*)",
    )
