"""Stage 5: turn each finding's document path into a 1-based line and column.

Checks speak in document paths (`("prerequisites", 2)`). Only files with findings are composed
again to find them, so valid files pay nothing for positions.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path

import yaml

from site_builder.files import read_inside
from site_builder.findings import DocPath, Finding, Location
from site_builder.limits import DEFAULT_LIMITS, Limits
from site_builder.yamlload import safe_to_compose

# How much of the text after a spot in a flow scalar is looked for in the file: enough that
# it occurs once, though the same link may be written many times in one value.
SNIPPET_CHARS = 200

_BaseLoader: type[yaml.BaseLoader] = getattr(yaml, "CBaseLoader", yaml.BaseLoader)


class _StructureLoader(_BaseLoader):  # type: ignore[valid-type,misc]
    """Positions need only the structure and the marks, not tags: resolving the tag of
    every scalar took half the time of composing a file again."""

    def resolve(self, kind: type[yaml.Node], value: object, implicit: object) -> str:
        return ""


class Positions:
    """Line and column of document paths, reading and composing each file at most once."""

    def __init__(
        self,
        limits: Limits = DEFAULT_LIMITS,
        marks: dict[str, dict[DocPath, tuple[int, int]]] | None = None,
    ) -> None:
        self._parsed: dict[str, tuple[str, yaml.Node] | None] = {}
        self._limits = limits
        # What the load stage recorded: most findings need no second parse (thousands of
        # redundant prerequisites would otherwise compose thousands of files again).
        self._marks = marks or {}

    def _parse(self, file: str) -> tuple[str, yaml.Node] | None:
        if file not in self._parsed:
            # Read the way the load stage did: the file may have changed since.
            path = Path(file)
            limits = self._limits
            raw = read_inside(path, path.parent, "the terms folder", limits.file_bytes)
            parsed = None
            if isinstance(raw, bytes):
                try:
                    text = raw.decode("utf-8")
                    safe = safe_to_compose(text)
                    root = yaml.compose(text, Loader=_StructureLoader) if safe else None
                except (UnicodeDecodeError, yaml.YAMLError, RecursionError):
                    root = None
                parsed = (text, root) if root is not None else None
            self._parsed[file] = parsed
        return self._parsed[file]

    def of(
        self, file: str, where: DocPath, text_pos: tuple[int, int] | None = None
    ) -> tuple[int, int]:
        if text_pos is None:
            known = self._marks.get(file, {}).get(where)
            if known is not None:
                return known
        parsed = self._parse(file)
        if parsed is None:
            return 1, 1
        return position(*parsed, where, text_pos)

    def locate_all(self, findings: Iterable[Finding]) -> list[Finding]:
        """Findings (and their related places) with line and column filled in, sorted by file,
        line and column.

        One file at a time, each node tree dropped once its findings are placed: a dense
        glossary with a finding in every file held them all (750 MB at 1,000 files).
        """
        located: list[Finding] = []
        unplaced: dict[str, list[Finding]] = defaultdict(list)
        for f in findings:
            if f.line == 0 or any(r.line == 0 for r in f.related):
                unplaced[f.file].append(f)
            else:
                located.append(f)
        for file, group in unplaced.items():
            for f in group:
                line, column = (f.line, f.column) if f.line else self.of(file, f.where, f.text_pos)
                related = tuple(map(self._locate, f.related))
                # Built directly: dataclasses.replace costs 30 µs, a lot at 500,000 findings.
                located.append(
                    Finding(
                        file, line, column, f.code, f.message, f.hint, f.where, f.text_pos, related
                    )
                )
            self._parsed.pop(file, None)
        return sorted(located, key=_order)

    def _locate(self, place: Location) -> Location:
        if place.line:
            return place
        line, column = self.of(place.file, place.where)
        return replace(place, line=line, column=column)


def _order(f: Finding) -> tuple[str, int, int, str, str, str]:
    """The dataclass order of findings, as one tuple (its generated __lt__ is 5x slower)."""
    return f.file, f.line, f.column, f.code, f.message, f.hint


def position(
    text: str, root: yaml.Node, where: DocPath, text_pos: tuple[int, int] | None = None
) -> tuple[int, int]:
    """Where `where` points: a mapping key, a list item, or a spot inside a text value."""
    node = root
    mark = node.start_mark
    for part in where:
        child = _child(node, part)
        if child is None:
            break
        key, node = child
        mark = (key or node).start_mark
    if text_pos is not None and isinstance(node, yaml.ScalarNode):
        return _inside_scalar(text, node, text_pos)
    return mark.line + 1, mark.column + 1


def _child(node: yaml.Node, part: str | int) -> tuple[yaml.Node | None, yaml.Node] | None:
    if isinstance(node, yaml.MappingNode):
        # The last of duplicate keys: its value is the one YAML keeps.
        for key, value in reversed(node.value):
            if isinstance(key, yaml.ScalarNode) and key.value == part:
                return key, value
    elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value):
        return None, node.value[part]
    return None


def _inside_scalar(text: str, node: yaml.ScalarNode, text_pos: tuple[int, int]) -> tuple[int, int]:
    line, column = text_pos
    start = node.start_mark
    if node.style in ("|", ">"):
        # Block scalars start on the line after the indicator, at the block's indentation.
        source_line = start.line + 1 + line
        lines = text.splitlines()
        indent = 0
        if source_line < len(lines):
            content = lines[source_line]
            indent = len(content) - len(content.lstrip(" "))
        return source_line + 1, indent + column + 1
    # Flow scalars fold line breaks, so find the text that follows the spot (the rest of its
    # line, up to SNIPPET_CHARS) inside the scalar's source span, its words separated by any
    # whitespace (a folded break is a newline and an indentation there). Escapes in quoted
    # scalars make the source differ from the text: then the scalar's start is the place.
    value_lines = node.value.split("\n")
    rest = value_lines[line][column : column + SNIPPET_CHARS] if line < len(value_lines) else ""
    words = rest.split()
    pattern = re.compile(r"\s+".join(map(re.escape, words))) if words else None
    found = pattern.search(text, start.index, node.end_mark.index) if pattern else None
    if found is None:
        return start.line + 1, start.column + 1
    absolute = found.start()
    line_start = text.rfind("\n", 0, absolute) + 1
    return text.count("\n", 0, absolute) + 1, absolute - line_start + 1
