"""Stage 5: turn each finding's document path into a 1-based line and column.

Checks speak in document paths (`("prerequisites", 2)`); only files with findings are ever
walked, so valid files pay nothing for positions.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import replace

import yaml

from site_builder.findings import DocPath, Finding
from site_builder.load import Document


def locate_all(findings: Iterable[Finding], documents: Mapping[str, Document]) -> list[Finding]:
    """Findings with line and column filled in, sorted by file, line and column."""
    located = []
    for f in findings:
        document = documents.get(f.file)
        if f.line == 0:
            line, column = position(document, f.where, f.text_pos) if document else (1, 1)
            f = replace(f, line=line, column=column)
        located.append(f)
    return sorted(located)


def position(
    document: Document, where: DocPath, text_pos: tuple[int, int] | None = None
) -> tuple[int, int]:
    """Where `where` points: a mapping key, a list item, or a spot inside a text value."""
    node: yaml.Node = document.node
    mark = node.start_mark
    for part in where:
        child = _child(node, part)
        if child is None:
            break
        key, node = child
        mark = (key or node).start_mark
    if text_pos is not None and isinstance(node, yaml.ScalarNode):
        return _inside_scalar(document.text, node, text_pos)
    return mark.line + 1, mark.column + 1


def _child(node: yaml.Node, part: str | int) -> tuple[yaml.Node | None, yaml.Node] | None:
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
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
    quote = 1 if node.style in ("'", '"') else 0
    if line == 0:
        return start.line + 1, start.column + quote + column + 1
    return start.line + line + 1, column + 1
