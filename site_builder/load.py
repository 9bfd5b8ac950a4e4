"""Stage 1: term files → documents (plain data and the text they came from).

No validation happens here beyond what it takes to read a file safely: links, size, encoding,
YAML syntax, control characters, nesting, duplicate keys, anchor bombs, types JSON cannot
hold, and a top level that is a mapping.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import yaml

from site_builder.errors import TermsDirError
from site_builder.files import Unreadable, read_inside
from site_builder.findings import DocPath, Finding
from site_builder.limits import DEFAULT_LIMITS, Limits
from site_builder.model import is_term_id, slugify
from site_builder.yamlload import (
    Refused,
    TermLoader,
    nesting_bound,
    text_position,
    too_big,
    too_deep,
)

T = TypeVar("T", bound=tuple[Any, ...])


@dataclass(frozen=True)
class Document:
    """One term file that parsed to a mapping.

    The node tree is not kept: a million nodes and marks held for 10,000 files make Python's
    garbage collector rescan them again and again (2.5x the parse time). `marks` keeps the
    line and column of what checks point at most (top-level keys, their list items and the
    keys of those items) as plain numbers; anything else is found by composing the file again,
    only when it has a finding.
    """

    file: str
    stem: str
    data: dict[str, Any]
    marks: dict[DocPath, tuple[int, int]] = field(default_factory=dict)


def list_term_files(terms_dir: Path) -> list[Path]:
    """Every `*.yaml` entry directly in `terms_dir`, in name order, whatever its kind: reading
    judges links, folders and FIFOs. Dot-files (editors' lock and swap files) are skipped."""
    return [terms_dir / name for name in term_file_names(terms_dir)]


def term_file_names(terms_dir: Path) -> list[str]:
    """The names of `list_term_files`, without making a Path of each (10,000 take 0.015 s)."""
    if not terms_dir.is_dir():
        raise TermsDirError(f"terms directory not found: {terms_dir}")
    try:
        with os.scandir(terms_dir) as entries:
            return sorted(
                e.name for e in entries if e.name.endswith(".yaml") and not e.name.startswith(".")
            )
    except OSError as error:
        raise TermsDirError(f"cannot list {terms_dir}: {error.strerror}") from error


def load_file(path: Path, limits: Limits = DEFAULT_LIMITS) -> tuple[Document | None, list[Finding]]:
    """Read one term file: a document when it parses to a mapping, and what is wrong with it."""
    display = path.as_posix()
    naming = [] if is_term_id(path.stem) else [_bad_file_name(display, path.stem)]
    document, findings = _read(path, display, limits)
    return document, naming + findings


def _read(path: Path, display: str, limits: Limits) -> tuple[Document | None, list[Finding]]:
    raw = read_inside(path, path.parent, "the terms folder", limits.file_bytes)
    if isinstance(raw, Unreadable):
        return None, [Finding(display, 1, 1, raw.code, raw.message, raw.hint)]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line, column = _byte_position(raw, error.start)
        message = f"not valid UTF-8: byte 0x{raw[error.start]:02x} cannot be decoded"
        return None, [Finding(display, line, column, "encoding", message, "save the file as UTF-8")]
    return parse_text(text, display, path.stem, limits)


def parse_text(
    text: str, display: str, stem: str, limits: Limits = DEFAULT_LIMITS
) -> tuple[Document | None, list[Finding]]:
    """Parse the text of one term file."""
    if not text.strip():
        return None, [Finding(display, 1, 1, "empty-file", "the file is empty")]
    if nesting_bound(text) > limits.depth:
        # Measured on the flat event stream: libyaml's composer would recurse (and crash).
        deep = too_deep(text, limits.depth)
        if deep is not None:
            return None, [_too_deep_finding(display, deep, limits.depth)]
    loader = TermLoader(text, limits)
    try:
        node = loader.get_single_node()
        if node is None:
            return None, [Finding(display, 1, 1, "empty-file", "the file holds only comments")]
        if not isinstance(node, yaml.MappingNode):
            return None, [_not_a_mapping(display, node)]
        aliased = "*" in text
        if aliased and (culprit := too_big(node, limits)) is not None:
            return None, [_anchor_bomb(display, culprit, limits)]
        data = loader.construct_plain_document(node, aliased)
    except Refused as error:
        return None, [_refused_finding(display, error)]
    except yaml.MarkedYAMLError as error:
        return None, [_syntax_finding(display, error, text)]
    except yaml.reader.ReaderError as error:
        return None, [_reader_finding(display, error, text)]
    except (yaml.YAMLError, ValueError, OverflowError) as error:
        return None, [Finding(display, 1, 1, "yaml-syntax", f"cannot read YAML: {error}")]
    except RecursionError:
        return None, [Finding(display, 1, 1, "yaml-syntax", "the YAML is nested too deeply")]
    finally:
        loader.dispose()
    findings = [_duplicate_finding(display, key, first) for key, first in loader.duplicates]
    findings += [_escaped_control(display, node, char) for node, char in loader.controls]
    return Document(display, stem, data, marks(node)), findings


def marks(root: yaml.MappingNode) -> dict[DocPath, tuple[int, int]]:
    """1-based (line, column) of each top-level key, each item of a top-level list and each key
    of such an item: where `positions.position` would point for those paths (the last of
    duplicates, whose value YAML keeps)."""
    found: dict[DocPath, tuple[int, int]] = {}
    for key, value in root.value:
        if not isinstance(key, yaml.ScalarNode):
            continue
        found[_shared((key.value,))] = _mark(key)
        if not isinstance(value, yaml.SequenceNode):
            continue
        for index, item in enumerate(value.value):
            found[_shared((key.value, index))] = _mark(item)
            if isinstance(item, yaml.MappingNode):
                for inner, _ in item.value:
                    if isinstance(inner, yaml.ScalarNode):
                        found[_shared((key.value, index, inner.value))] = _mark(inner)
    return found


# Paths and positions repeat from file to file (a title on line 2, column 1): each is kept
# once, so that a glossary holds one tuple for each instead of some forty per file (less to
# allocate and keep; a parallel check pickles each once per chunk of files). At most
# _SHARED_MAX are shared: files of odd keys make new tuples, as before.
_SHARED_MAX = 1 << 16
_SHARED: dict[tuple[Any, ...], Any] = {}


def _shared(value: T) -> T:
    shared = _SHARED.get(value)
    if shared is not None:
        return shared  # type: ignore[no-any-return]
    if len(_SHARED) < _SHARED_MAX:
        _SHARED[value] = value
    return value


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
    return text_position(raw[:offset].decode("utf-8", "replace"))


def _mark(node: yaml.Node) -> tuple[int, int]:
    return _shared((node.start_mark.line + 1, node.start_mark.column + 1))


def _mark_position(mark: Any) -> tuple[int, int]:
    """1-based line and column of a mark (the C and Python parsers have their own Mark)."""
    return (mark.line + 1, mark.column + 1) if mark else (1, 1)


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


def _too_deep_finding(display: str, event: yaml.Event, limit: int) -> Finding:
    return Finding(
        display,
        *_mark_position(event.start_mark),
        "yaml-too-deep",
        f"lists and mappings nest more than {limit} levels deep here",
        "a term needs three levels at most; flatten it",
    )


def _anchor_bomb(display: str, culprit: yaml.Node, limits: Limits) -> Finding:
    return Finding(
        display,
        *_mark(culprit),
        "yaml-anchor-bomb",
        f"YAML aliases expand this document past {limits.expanded_nodes:,} nodes "
        f"or {limits.expanded_bytes:,} bytes of text",
        "write values out instead of using anchors (&) and aliases (*)",
    )


def _refused_finding(display: str, error: Refused) -> Finding:
    line, column = _mark_position(error.problem_mark)
    hint = "quote it if it is text" if error.code == "number-too-large" else "write plain values"
    return Finding(display, line, column, error.code, str(error.problem), hint)


def _escaped_control(display: str, node: yaml.Node, char: str) -> Finding:
    return Finding(
        display,
        *_mark(node),
        "control-character",
        f"this string holds control character U+{ord(char):04X}, written as an escape",
        "remove it",
    )


def _reader_finding(display: str, error: yaml.reader.ReaderError, text: str) -> Finding:
    """A character YAML forbids in a file, at its real line and column.

    libyaml counts the position in UTF-8 bytes, the pure-Python reader in characters.
    """
    encoded = text.encode("utf-8", "surrogatepass")
    offset = error.position if error.encoding == "?" else len(text[: error.position].encode())
    line, column = _byte_position(encoded, min(offset, len(encoded)))
    code = error.character if isinstance(error.character, int) else ord(error.character)
    kind = "control character" if code < 0x20 or 0x7F <= code <= 0x9F else "character"
    return Finding(
        display,
        line,
        column,
        "control-character",
        f"{kind} U+{code:04X} is not allowed in a YAML file",
        "remove it",
    )
