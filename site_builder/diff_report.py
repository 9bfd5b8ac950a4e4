"""A GlossaryDiff → text (terminal), JSON, GitHub annotations, or Markdown (job summary)."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from site_builder.diff import Edge, GlossaryDiff
from site_builder.findings import Finding
from site_builder.render.text import plain
from site_builder.report import as_github, escape_terminal, message_with_hint

FORMATS = ("text", "json", "github", "markdown")


def _finding_record(f: Finding) -> dict[str, Any]:
    return {"code": f.code, "severity": str(f.severity), "file": f.file, "line": f.line,
            "column": f.column, "message": message_with_hint(f)}  # fmt: skip


def as_data(d: GlossaryDiff) -> dict[str, Any]:
    return {
        "terms": {"added": list(d.added), "removed": list(d.removed),
                  "renamed": [{"from": a, "to": b} for a, b in d.renamed]},
        "prerequisites": {"added": [list(e) for e in d.prerequisites_added],
                          "removed": [list(e) for e in d.prerequisites_removed]},
        "related": {"added": [list(e) for e in d.related_added],
                    "removed": [list(e) for e in d.related_removed]},
        "learning_paths": [
            {"term": p.term, "before": list(p.before), "after": list(p.after),
             "downstream": p.downstream}
            for p in d.paths_changed
        ],
        "findings": {"new": [_finding_record(f) for f in d.new_findings],
                     "resolved": [_finding_record(f) for f in d.resolved_findings]},
    }  # fmt: skip


def _sections(d: GlossaryDiff, code: Callable[[str], str]) -> list[tuple[str, list[str]]]:
    """(heading, lines) for each non-empty part, in one order for every format."""

    def edges(items: tuple[Edge, ...], arrow: str) -> list[str]:
        return [f"{code(a)} {arrow} {code(b)}" for a, b in items]

    touched = sum(p.downstream for p in d.paths_changed)
    parts = [
        ("Terms added", [code(t) for t in d.added]),
        ("Terms removed", [code(t) for t in d.removed]),
        ("Terms renamed", edges(d.renamed, "→")),
        ("Prerequisites added (needed → needed by)", edges(d.prerequisites_added, "→")),
        ("Prerequisites removed", edges(d.prerequisites_removed, "→")),
        ("Related links added", edges(d.related_added, "↔")),
        ("Related links removed", edges(d.related_removed, "↔")),
        (
            f"Learning paths changed ({len(d.paths_changed)} terms; "
            f"{touched} paths downstream pass through them)",
            [
                f"{code(p.term)}: {len(p.before)} → {len(p.after)} terms to read first; "
                f"{p.downstream} downstream"
                for p in d.paths_changed
            ],
        ),
    ]
    return [(heading, lines) for heading, lines in parts if lines]


def summary_line(d: GlossaryDiff) -> str:
    return (
        f"{len(d.added)} added, {len(d.removed)} removed, {len(d.renamed)} renamed; "
        f"{len(d.prerequisites_added) + len(d.prerequisites_removed)} prerequisite and "
        f"{len(d.related_added) + len(d.related_removed)} related edge changes; "
        f"{len(d.paths_changed)} learning paths changed; "
        f"{len(d.new_findings)} new and {len(d.resolved_findings)} resolved findings"
    )


def as_text(d: GlossaryDiff) -> str:
    lines = []
    for heading, items in _sections(d, str):
        lines += [f"{heading}:", *(f"  {item}" for item in items)]
    for heading, found in (("New findings", d.new_findings),
                           ("Resolved findings", d.resolved_findings)):  # fmt: skip
        if found:
            lines.append(f"{heading}:")
            lines += [f"  {f.file}:{f.line}:{f.column}: {f.severity}[{f.code}] "
                      f"{message_with_hint(f)}" for f in found]  # fmt: skip
    lines.append(summary_line(d))
    return "\n".join(escape_terminal(line) for line in lines) + "\n"


def as_markdown(d: GlossaryDiff) -> str:
    """For a pull request's job summary (GitHub-flavoured Markdown); term text escaped."""
    out = ["## Glossary changes", "", plain(summary_line(d)), ""]
    for heading, items in _sections(d, lambda t: f"`{t}`"):  # ids: [a-z0-9-] only
        out += [f"### {plain(heading)}", "", *(f"- {item}" for item in items), ""]
    for heading, found in (("New findings", d.new_findings),
                           ("Resolved findings", d.resolved_findings)):  # fmt: skip
        if found:
            out += [f"### {heading}", ""]
            out += [f"- `{f.code}` {plain(f.file)}:{f.line}:{f.column}: "
                    f"{plain(message_with_hint(f))}" for f in found]  # fmt: skip
            out.append("")
    if d.empty:
        out += ["No change to terms, links, learning paths or findings.", ""]
    return "\n".join(out)


def render_diff(d: GlossaryDiff, fmt: str) -> str:
    if fmt == "json":
        return json.dumps(as_data(d), indent=2, ensure_ascii=False) + "\n"
    if fmt == "markdown":
        return as_markdown(d)
    if fmt == "github":
        # New findings as annotations on the pull request, then the text report.
        # as_github ends with its summary line, which the text report replaces.
        annotations = as_github(d.new_findings, 0, "term file").splitlines(keepends=True)[:-1]
        return "".join(annotations) + as_text(d)
    return as_text(d)
