"""Stage 3: Glossary → concept graph; learning paths and neighbourhoods, networkx-style."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

from site_builder.lazy import lazy
from site_builder.model import Glossary, TermId

# networkx takes a fifteenth of a second to import (it reads every installed package's entry
# points): a `glossary check` reads its files first, in processes forked before the import.
if TYPE_CHECKING:
    import networkx as nx
else:
    nx = lazy("networkx")


@dataclass(frozen=True)
class ConceptGraph:
    """`prerequisites` has an edge p → t when t lists p; `related` is undirected."""

    prerequisites: nx.DiGraph
    related: nx.Graph

    @cached_property
    def topological(self) -> tuple[TermId, ...] | None:
        """One topological order of `prerequisites` (networkx's), or None when it has a cycle:
        found once for the checks that need one."""
        try:
            return tuple(nx.topological_sort(self.prerequisites))
        except nx.NetworkXUnfeasible:
            return None


def build_graph(glossary: Glossary) -> ConceptGraph:
    """Edges between existing terms only; unknown ids are the checks' business."""
    terms = glossary.terms.values()
    prerequisites = nx.DiGraph()
    prerequisites.add_nodes_from(glossary.terms)
    prerequisites.add_edges_from(
        (p, t.id) for t in terms for p in t.prerequisites if p in glossary and p != t.id
    )
    related = nx.Graph()
    related.add_nodes_from(glossary.terms)
    related.add_edges_from(
        (t.id, r) for t in terms for r in t.related if r in glossary and r != t.id
    )
    return ConceptGraph(prerequisites, related)


def prerequisites_of(graph: ConceptGraph, term_id: TermId) -> list[TermId]:
    return sorted(graph.prerequisites.predecessors(term_id))


def dependants_of(graph: ConceptGraph, term_id: TermId) -> list[TermId]:
    """Terms that list `term_id` as a prerequisite: what builds on it."""
    return sorted(graph.prerequisites.successors(term_id))


def related_to(graph: ConceptGraph, term_id: TermId) -> list[TermId]:
    """Related terms from both sides, whichever file lists the link; never a prerequisite."""
    direct = set(graph.prerequisites.predecessors(term_id)) | set(
        graph.prerequisites.successors(term_id)
    )
    return sorted(set(graph.related.neighbors(term_id)) - direct)


def reading_order(graph: ConceptGraph) -> dict[TermId, int]:
    """Each term's place in one reading order of the whole glossary (ties broken by id).

    Any order of the whole graph, restricted to a term's prerequisites, is a valid order for
    them: computing it once serves every learning path.
    """
    order = nx.lexicographical_topological_sort(graph.prerequisites)
    return {term_id: place for place, term_id in enumerate(order)}


def learning_path(
    graph: ConceptGraph, term_id: TermId, order: dict[TermId, int] | None = None
) -> list[TermId]:
    """Every transitive prerequisite of `term_id` in a valid reading order.

    Pass `order` (from `reading_order`) when asking for many terms; the graph must be acyclic.
    """
    places = order if order is not None else reading_order(graph)
    return sorted(nx.ancestors(graph.prerequisites, term_id), key=places.__getitem__)
