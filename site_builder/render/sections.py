"""Every term's prose as page HTML, converted once before any page is written.

A page lists the terms whose text links to it ("Mentioned in"), so every section has to be
converted before the first page is rendered; doing it here, once, gives the pages their HTML
and the mention graph its edges from the same conversion. With `autolink: first` the first
unlinked mention of each other term in each section becomes a link too (see `mentions`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

import networkx as nx

from site_builder import mentions, prose, sanitize
from site_builder.model import Glossary, Term, TermId

TEXT_FIELDS = ("overview", "eli5", "expert")
# a term page's URL relative to another term page (every term page is one folder deep)
Href = Callable[[TermId], str]


@dataclass(frozen=True)
class Sections:
    """One term's prose: sanitized HTML per field, and the terms its text links to."""

    html: Mapping[str, str]
    links: tuple[TermId, ...]


def term_sections(
    glossary: Glossary, term: Term, href: Href, names: mentions.Names | None
) -> Sections:
    """The HTML of `term`'s fields; `names` (the glossary's matcher) turns on autolinking."""

    def link(target: str) -> tuple[str, str] | None:
        other = glossary.terms.get(TermId(target))
        if other is None:  # the checker reports it; never a broken link on the page
            return None
        return href(other.id), other.title

    html: dict[str, str] = {}
    links: set[TermId] = set()
    for field in TEXT_FIELDS:
        text = getattr(term, field)
        if not text:
            html[field] = ""
            continue
        converted, events = prose.renderer().convert(text, link)
        linked = {TermId(t) for t, _, _ in events.wikilinks if TermId(t) in glossary}
        if names is not None and not events.too_complex:
            converted, added = mentions.autolink(names, converted, term.id, linked, href)
            if added:
                converted = sanitize.clean(converted)  # the allowlist has the last word
            linked.update(added)
        html[field] = converted
        links |= linked
    links.discard(term.id)
    return Sections(html, tuple(sorted(links)))


def all_sections(glossary: Glossary, href: Href, autolink: bool) -> dict[TermId, Sections]:
    """Every term's sections, in id order."""
    names = mentions.names_of(glossary) if autolink else None
    return {
        term_id: term_sections(glossary, term, href, names)
        for term_id, term in glossary.terms.items()
    }


def mention_graph(sections: Mapping[TermId, Sections]) -> nx.DiGraph:
    """An edge a → b when a's text links to b ("b is mentioned in a")."""
    graph = nx.DiGraph()
    graph.add_nodes_from(sections)
    graph.add_edges_from((a, b) for a, s in sections.items() for b in s.links)
    return graph


def mentioned_in(graph: nx.DiGraph, term_id: TermId) -> list[TermId]:
    """The terms whose text links to `term_id`, in id order."""
    return sorted(graph.predecessors(term_id))
