"""Which term pages an edit can change, so a rebuild renders only those.

A term page shows the term itself; the titles and summaries of its neighbours (prerequisites,
dependants, related) in its lists and graph; every ancestor in its learning path; and the title
of every term its text links. So when a term's title, summary or links change, or it comes or
goes, the pages that can change are its own, its neighbours', its descendants' (their learning
paths) and those whose text mentions it, in the graphs before and after. When only its text,
aliases, tags, status or sources change, only its own page can.

A page also lists the terms whose text links to it ("Mentioned in", with their titles and
summaries), and with `autolink` a title or alias anywhere can become a link: given the prose
before and after (`sections.Prose`), the pages whose own sections or "Mentioned in" list
changed are added, and those a reaching term's text links to.
"""

from __future__ import annotations

import re

import networkx as nx

from site_builder import prose
from site_builder.graph import ConceptGraph
from site_builder.model import Glossary, Term, TermId
from site_builder.render.sections import Prose

_CANDIDATE_RE = re.compile(prose.WIKILINK_RE)


def _seen_by_others(term: Term) -> tuple[object, ...]:
    return term.title, term.summary, term.prerequisites, term.related


def _mentions(glossary: Glossary) -> dict[str, set[TermId]]:
    """`[[id]]` candidate → the terms whose text has it."""
    found: dict[str, set[TermId]] = {}
    for term in glossary.terms.values():
        for text in (term.overview, term.eli5, term.expert):
            if "[[" in text:
                for match in _CANDIDATE_RE.finditer(text):
                    found.setdefault(match.group(1).strip(), set()).add(term.id)
    return found


def _around(graph: ConceptGraph, term_id: TermId) -> set[TermId]:
    if term_id not in graph.prerequisites:
        return set()
    descendants: set[TermId] = nx.descendants(graph.prerequisites, term_id)
    return (
        set(graph.prerequisites.predecessors(term_id))
        | set(graph.related.neighbors(term_id))
        | descendants
    )


def affected_terms(
    old: Glossary,
    old_graph: ConceptGraph,
    new: Glossary,
    new_graph: ConceptGraph,
    old_prose: Prose | None = None,
    new_prose: Prose | None = None,
) -> set[TermId]:
    """The terms of `new` whose pages may differ from those rendered for `old`."""
    changed = {i for i in new.terms if old.terms.get(i) != new.terms[i]}
    gone = set(old.terms) - set(new.terms)
    reaching = {
        i
        for i in changed | gone
        if i not in old.terms
        or i not in new.terms
        or _seen_by_others(old.terms[i]) != _seen_by_others(new.terms[i])
    }
    if old.known_ids != new.known_ids:  # a broken file came or went: links to it change
        reaching |= set(old.known_ids ^ new.known_ids)
    pages = set(changed)
    proses = [p for p in (old_prose, new_prose) if p is not None]
    if reaching:
        mentions = _mentions(new)
        for term_id in reaching:
            pages |= _around(old_graph, term_id) | _around(new_graph, term_id)
            pages |= mentions.get(term_id, set())
            for prose_ in proses:  # the pages whose "Mentioned in" shows it
                if term_id in prose_.mentions:
                    pages |= set(prose_.mentions.successors(term_id))
    if old_prose is not None and new_prose is not None:
        before, after = old_prose, new_prose
        pages |= {i for i, s in after.sections.items() if before.sections.get(i) != s}
        pages |= {
            i
            for i in after.mentions
            if i not in before.mentions
            or set(before.mentions.predecessors(i)) != set(after.mentions.predecessors(i))
        }
    return pages & set(new.terms)
