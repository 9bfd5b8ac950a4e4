"""Tiny glossaries written into tmp_path for tests."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import yaml

_FORKS: list[int] = []
os.register_at_fork(before=lambda: _FORKS.append(1))  # every fork the test process makes


def forks() -> int:
    """How many times the test process has forked so far."""
    return len(_FORKS)


def term(title: str = "A Term", **fields: Any) -> dict[str, Any]:
    """A valid term document; keyword arguments override or add fields (None removes one)."""
    data: dict[str, Any] = {
        "title": title,
        "summary": f"{title} is a thing used in tests.",
        "eli5": "It is like a toy.",
        "expert": "## Detail",
        "sources": [{"title": "A book", "url": "https://example.org/book"}],
    }
    data.update(fields)
    return {k: v for k, v in data.items() if v is not None}


class _Dumper(yaml.SafeDumper):
    """Indents list items like the real term files (`  - item`), so line numbers read easily."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)


def dump(data: dict[str, Any]) -> str:
    """Lines 1-7: title, summary, eli5, expert, sources (title, url); extra fields from line 8."""
    return yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=1000)


def write_terms(root: Path, files: Mapping[str, dict[str, Any] | str | bytes]) -> Path:
    """Write `files` (name without .yaml → document, YAML text or raw bytes) to root/terms."""
    terms = root / "terms"
    terms.mkdir(parents=True, exist_ok=True)
    for name, content in files.items():
        path = terms / f"{name}.yaml"
        if isinstance(content, bytes):
            path.write_bytes(content)
        elif isinstance(content, str):
            path.write_text(content, encoding="utf-8")
        else:
            path.write_text(dump(content), encoding="utf-8")
    return terms


def linked_pair() -> dict[str, dict[str, Any]]:
    """Two terms related both ways: a glossary with no findings."""
    return {
        "alpha": term("Alpha", related=["beta"]),
        "beta": term("Beta", related=["alpha"]),
    }
