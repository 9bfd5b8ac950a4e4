"""`glossary diff`: what a change does to the glossary, from two analyses (pure).

Terms added, removed and renamed (a removed id whose title or summary an added id has);
prerequisite and related edges added and removed; the terms whose learning path changed, each
with how many terms downstream (whose paths pass through it) are touched; findings new and
resolved, compared without their line numbers so that an edit above them does not count.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import networkx as nx

from site_builder.analysis import Analysis
from site_builder.findings import Finding, Severity
from site_builder.graph import ConceptGraph, learning_path, reading_order
from site_builder.model import Glossary, TermId

Edge = tuple[TermId, TermId]


@dataclass(frozen=True)
class PathChange:
    term: TermId
    before: tuple[TermId, ...]
    after: tuple[TermId, ...]
    downstream: int  # terms whose learning paths include this one


@dataclass(frozen=True)
class GlossaryDiff:
    added: tuple[TermId, ...]
    removed: tuple[TermId, ...]
    renamed: tuple[Edge, ...]  # (old id, new id)
    prerequisites_added: tuple[Edge, ...]  # (needed, needer)
    prerequisites_removed: tuple[Edge, ...]
    related_added: tuple[Edge, ...]  # (a, b) with a < b
    related_removed: tuple[Edge, ...]
    paths_changed: tuple[PathChange, ...]
    new_findings: tuple[Finding, ...]
    resolved_findings: tuple[Finding, ...]

    @property
    def empty(self) -> bool:
        return not any(getattr(self, name) for name in self.__dataclass_fields__)


def _renames(
    base: Glossary, head: Glossary, removed: set[TermId], added: set[TermId]
) -> list[Edge]:
    """Removed ids paired with added ids that kept the title or the summary."""
    by_key: dict[str, TermId] = {}
    for new in sorted(added):
        term = head.terms[new]
        by_key.setdefault("t:" + term.title.casefold(), new)
        by_key.setdefault("s:" + term.summary, new)
    pairs = []
    taken: set[TermId] = set()
    for old in sorted(removed):
        term = base.terms[old]
        for key in ("t:" + term.title.casefold(), "s:" + term.summary):
            match = by_key.get(key)
            if match is not None and match not in taken:
                pairs.append((old, match))
                taken.add(match)
                break
    return pairs


def _related(graph: ConceptGraph) -> set[Edge]:
    return {(min(a, b), max(a, b)) for a, b in graph.related.edges}


def _paths(
    base: ConceptGraph, head: ConceptGraph, renamed: dict[TermId, TermId]
) -> list[PathChange]:
    """Learning paths that differ, for terms in both glossaries (renames followed)."""
    if not (nx.is_directed_acyclic_graph(base.prerequisites)
            and nx.is_directed_acyclic_graph(head.prerequisites)):  # fmt: skip
        return []
    old_edges = {(renamed.get(a, a), renamed.get(b, b)) for a, b in base.prerequisites.edges}
    changed_edges = old_edges ^ set(head.prerequisites.edges)
    # Only terms downstream of a changed edge can have a different path.
    seeds = {b for _, b in changed_edges}
    candidates = set(seeds)
    for seed in seeds:
        if seed in head.prerequisites:
            candidates |= nx.descendants(head.prerequisites, seed)
    back = {new: old for old, new in renamed.items()}
    base_order, head_order = reading_order(base), reading_order(head)
    changes = []
    for term in sorted(candidates):
        old = back.get(term, term)
        if old not in base.prerequisites or term not in head.prerequisites:
            continue
        before = tuple(renamed.get(t, t) for t in learning_path(base, old, base_order))
        after = tuple(learning_path(head, term, head_order))
        if before != after:
            downstream = len(nx.descendants(head.prerequisites, term))
            changes.append(PathChange(term, before, after, downstream))
    return changes


def _finding_key(f: Finding) -> tuple[str, str, str]:
    return Path(f.file).name, f.code, f.message


def _findings(base: Analysis, head: Analysis) -> tuple[list[Finding], list[Finding]]:
    """Findings (information left out) only in head, and only in base."""
    old = {_finding_key(f) for f in base.findings if f.severity is not Severity.INFO}
    new = {_finding_key(f) for f in head.findings if f.severity is not Severity.INFO}
    return (
        [
            f
            for f in head.findings
            if f.severity is not Severity.INFO and _finding_key(f) not in old
        ],
        [
            f
            for f in base.findings
            if f.severity is not Severity.INFO and _finding_key(f) not in new
        ],
    )


def diff(base: Analysis, head: Analysis) -> GlossaryDiff:
    """Everything that changed from `base` to `head`, each list sorted."""
    old_ids, new_ids = set(base.glossary.terms), set(head.glossary.terms)
    renamed = _renames(base.glossary, head.glossary, old_ids - new_ids, new_ids - old_ids)
    moved = dict(renamed)

    def follow(edges: set[Edge]) -> set[Edge]:
        return {(moved.get(a, a), moved.get(b, b)) for a, b in edges}

    old_pre = follow(set(base.graph.prerequisites.edges))
    new_pre = set(head.graph.prerequisites.edges)
    old_rel = {(min(a, b), max(a, b)) for a, b in follow(_related(base.graph))}
    new_rel = _related(head.graph)
    new_findings, resolved = _findings(base, head)
    return GlossaryDiff(
        added=tuple(sorted(new_ids - old_ids - set(moved.values()))),
        removed=tuple(sorted(old_ids - new_ids - set(moved))),
        renamed=tuple(renamed),
        prerequisites_added=tuple(sorted(new_pre - old_pre)),
        prerequisites_removed=tuple(sorted(old_pre - new_pre)),
        related_added=tuple(sorted(new_rel - old_rel)),
        related_removed=tuple(sorted(old_rel - new_rel)),
        paths_changed=tuple(_paths(base.graph, head.graph, moved)),
        new_findings=tuple(sorted(new_findings)),
        resolved_findings=tuple(sorted(resolved)),
    )
