"""Plain-text fields are one line: a title with a line break would become a heading plus a
paragraph. (Control characters are the load stage's: it sees where each value starts.)"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from typing import Any

from site_builder.findings import DocPath, Finding, finding
from site_builder.schema import dotted
from site_builder.yamlload import LINE_BREAKS

_LINE_BREAK_RE = re.compile(f"[{LINE_BREAKS}]")


def plain_text_paths(data: dict[str, Any]) -> Iterator[DocPath]:
    """The document paths of every plain-text value: title, summary, aliases, source titles."""
    yield from (("title",), ("summary",))
    for field in ("aliases", "sources"):
        items = data.get(field)
        for index in range(len(items) if isinstance(items, list) else 0):
            yield (field, index, "title") if field == "sources" else (field, index)


def _get(data: Any, path: DocPath) -> Any:
    for part in path:
        if isinstance(part, int) and isinstance(data, list) and part < len(data):
            data = data[part]
        elif isinstance(part, str) and isinstance(data, dict):
            data = data.get(part)
        else:
            return None
    return data


def _text_pos(value: str, offset: int) -> tuple[int, int]:
    """(line, column) of `offset` inside `value`, both 0-based, lines split at \\n only."""
    line_start = value.rfind("\n", 0, offset) + 1
    return value.count("\n", 0, offset), offset - line_start


def text_findings(data: dict[str, Any], file: str) -> list[Finding]:
    """A finding for each plain-text field that holds a line break."""
    findings = []
    for path in plain_text_paths(data):
        value = _get(data, path)
        if not isinstance(value, str):
            continue
        stripped = value.strip()
        found = _LINE_BREAK_RE.search(stripped)
        if found is not None:
            # Point at the text after the break: the line a reader would see split off.
            after = value.index(stripped) + found.end()
            findings.append(
                finding(
                    file,
                    "line-break",
                    f"'{dotted(path)}' is plain text on one line but holds a line break "
                    f"(U+{ord(found.group()):04X})",
                    where=path,
                    hint="write it on one line",
                    text_pos=_text_pos(value, after),
                )
            )
    return findings


def plain_text_problem(text: str) -> str | None:
    """Why `text` cannot be a plain-text value (for values typed on a command line), or None."""
    if _LINE_BREAK_RE.search(text.strip()):
        return "holds a line break"
    categories = {unicodedata.category(c) for c in text}
    if "Cc" in categories:  # tab too: a title is one visible line
        return "holds a control character"
    if "Cs" in categories:  # a command-line byte that was not UTF-8
        return "is not valid UTF-8 text"
    return None
