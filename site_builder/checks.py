"""Stage 4: one small function per check, each Glossary (+ graph) → findings."""

from __future__ import annotations

import difflib
import heapq
from collections.abc import Collection, Iterable, Iterator, Set
from itertools import islice
from typing import TYPE_CHECKING

from site_builder import markup, mentions, prose
from site_builder.findings import Finding, finding, location
from site_builder.graph import ConceptGraph
from site_builder.model import Glossary, Term, TermId, is_term_id

if TYPE_CHECKING:
    import networkx as nx
else:
    from site_builder.graph import nx  # imported when first used

# How many cycles to spell out per strongly connected component before summarising.
MAX_CYCLES_PER_COMPONENT = 20

TEXT_FIELDS = ("overview", "eli5", "expert")


# "Did you mean" compares the unknown id with every id (difflib: about 100 µs a pair of long
# ids). Past this many compared character pairs per process, findings come without the hint:
# a file naming 20,000 unknown ids in a 20,000-term glossary took hours.
SUGGESTION_BUDGET = 20_000_000
# Predecessor visits the redundant-prerequisite check may make per edge and node of the graph;
# real glossaries use about one. A graph built to make it quadratic gets a partial check.
REDUNDANCY_VISITS_PER_EDGE = 50


class Hints:
    """`suggest` for many unknown ids against one set of ids, within SUGGESTION_BUDGET."""

    def __init__(self, candidates: Collection[str], budget: int = SUGGESTION_BUDGET) -> None:
        self._candidates = candidates
        self._chars = -1  # counted on first use: most runs never need a hint
        self._left = budget
        self._known: dict[str, str] = {}

    def __call__(self, unknown: str) -> str:
        if unknown not in self._known:
            if self._chars < 0:
                self._chars = sum(map(len, self._candidates))
            cost = len(unknown) * self._chars
            if cost > self._left:
                return ""
            self._left -= cost
            self._known[unknown] = suggest(unknown, self._candidates)
        return self._known[unknown]


def term_checks(term: Term, known_ids: Set[str], hints: Hints | None = None) -> list[Finding]:
    """Checks that need one term and the set of ids only (they run where the file is read)."""
    return [*check_duplicates(term), *check_text(term, known_ids, hints or Hints(known_ids))]


def structure(glossary: Glossary) -> tuple[object, ...]:
    """All that the concept graph and `glossary_checks` read of a glossary: equal structures
    give equal graphs and equal findings (before they are located), whatever the text says."""
    return (
        glossary.known_ids,
        tuple(
            (t.id, t.file, t.title, t.aliases, t.prerequisites, t.related)
            for t in glossary.terms.values()
        ),
    )


def glossary_checks(glossary: Glossary, graph: ConceptGraph) -> list[Finding]:
    """Checks across terms: references, the graph's shape, aliases (they read only what
    `structure` holds)."""
    findings: list[Finding] = []
    hints = Hints(glossary.known_ids)
    for term in glossary.terms.values():
        findings += check_references(glossary, term, hints)
        findings += check_one_way_related(glossary, term)
    findings += check_cycles(glossary, graph)
    findings += check_redundant_prerequisites(glossary, graph)
    findings += check_related_is_ancestor(glossary, graph)
    findings += check_orphans(glossary, graph)
    findings += check_aliases(glossary)
    return findings


def suggest(unknown: str, candidates: Iterable[str]) -> str:
    near = difflib.get_close_matches(unknown, list(candidates), n=3, cutoff=0.6)
    return "did you mean " + " or ".join(f"'{n}'" for n in near) + "?" if near else ""


def check_references(glossary: Glossary, term: Term, hints: Hints) -> Iterator[Finding]:
    """Listed ids must exist and must not be the term itself."""
    for field in ("prerequisites", "related"):
        kind = "prerequisite" if field == "prerequisites" else "related term"
        for index, target in enumerate(getattr(term, field)):
            if target in glossary.known_ids and target != term.id:
                continue  # most references: a known id is a well-formed one
            where = (field, index)
            if not is_term_id(target):
                continue  # malformed: the schema has reported it already
            if target == term.id:
                yield finding(term.file, "self-reference", f"'{term.id}' lists itself", where=where)
            else:  # unknown: known ids other than its own were passed above
                message = f"{kind} '{target}' does not exist"
                hint = hints(target)
                yield finding(term.file, "unknown-term", message, where=where, hint=hint)
    prerequisites = set(term.prerequisites)
    for index, target in enumerate(term.related):
        if target in prerequisites:
            message = f"'{target}' is both a prerequisite and related"
            hint = "keep it as a prerequisite only"
            yield finding(
                term.file, "prerequisite-and-related", message, where=("related", index), hint=hint
            )


def check_duplicates(term: Term) -> Iterator[Finding]:
    for field in ("prerequisites", "related", "aliases", "tags"):
        seen: set[str] = set()
        for index, item in enumerate(getattr(term, field)):
            key = item.casefold()
            if not key:
                continue  # a malformed item: the schema has reported it already
            if key in seen:
                message = f"'{item}' appears twice in '{field}'"
                yield finding(term.file, "duplicate-item", message, where=(field, index))
            seen.add(key)


def check_one_way_related(glossary: Glossary, term: Term) -> Iterator[Finding]:
    for index, target in enumerate(term.related):
        other = glossary.terms.get(target)
        if other is None or target == term.id or target in term.prerequisites:
            continue
        if term.id not in other.related and term.id not in other.prerequisites:
            yield finding(
                term.file,
                "one-way-related",
                f"'{term.id}' lists '{target}' as related but '{target}' does not list '{term.id}'",
                where=("related", index),
                hint=f"add '{term.id}' to related in {other.file}",
                related=[location(other.file, f"add '{term.id}' to related here", ("related",))],
            )


def check_text(term: Term, known_ids: Set[str], hints: Hints) -> Iterator[Finding]:
    """[[links]] must name terms; links must be http(s); raw HTML is shown as text."""
    for field in TEXT_FIELDS:
        text = getattr(term, field)
        if markup.too_complex(text):
            yield finding(
                term.file,
                "prose-too-complex",
                f"'{field}' is too long or too deeply nested to render as Markdown "
                f"(at most {prose.MAX_PROSE_CHARS:,} characters and a few hundred levels); "
                "the page shows it as plain text",
                where=(field,),
                hint="shorten it, or flatten nested lists and quotes",
            )
            continue
        for link in markup.wikilinks(text, lambda target: target not in known_ids):
            if link.target not in known_ids:
                yield finding(
                    term.file,
                    "unknown-term",
                    f"[[{link.target}]] in '{field}' names no term",
                    where=(field,),
                    hint=hints(link.target),
                    text_pos=markup.line_col(text, link.offset),
                )
        for bad in markup.unsafe_links(text):
            yield finding(
                term.file,
                "unsafe-link",
                f"link or image {bad.text!r} in '{field}' is not an http(s) link; the page "
                "shows its text only",
                where=(field,),
                hint="link an http:// or https:// address (images are not shown)",
                text_pos=markup.line_col(text, bad.offset),
            )
        for math in markup.math_left(text):
            yield finding(
                term.file,
                "math-unbalanced",
                f"math {math.text[:40]!r} in '{field}' does not close; the page shows it as TeX",
                where=(field,),
                hint="close it: `$…$` inline, or `$$` on lines of their own for display math",
                text_pos=markup.line_col(text, math.offset),
            )
        for tag in markup.raw_html(text):
            yield finding(
                term.file,
                "raw-html",
                f"raw HTML {tag.text!r} in '{field}' will be shown as text",
                where=(field,),
                hint="use Markdown, or put code in `backticks`",
                text_pos=markup.line_col(text, tag.offset),
            )


def check_unlinked_mentions(
    glossary: Glossary, names: mentions.Names, terms: Iterable[Term] | None = None
) -> Iterator[Finding]:
    """Another term's title or alias in a section's text, outside code, math, headings and
    links, where that section has no [[link]] to it: the first such mention, with the link.
    `terms`: the terms whose text is looked at (every term of `glossary` by default)."""
    for term in glossary.terms.values() if terms is None else terms:
        for field in TEXT_FIELDS:
            text = getattr(term, field)
            if not mentions.candidates(names, text, term.id) or markup.too_complex(text):
                continue
            linked = markup.linked_ids(text)
            html = markup.section_html(text)
            found = mentions.unlinked(names, html, term.id, linked)
            for mention, offset in zip(found, mentions.locate(text, html, found), strict=True):
                other = glossary.terms[mention.term]
                wiki = (
                    f"[[{other.id}]]"
                    if mention.text == other.title
                    else f"[[{other.id}|{mention.text}]]"
                )
                yield finding(
                    term.file,
                    "unlinked-mention",
                    f"'{mention.text}' in '{field}' mentions '{other.id}' without a link",
                    where=(field,),
                    hint=f"write {wiki}",
                    text_pos=markup.line_col(text, offset),
                )


def check_cycles(glossary: Glossary, graph: ConceptGraph) -> Iterator[Finding]:
    """Each prerequisite cycle once, as `a → b → … → a` where each arrow reads "needs"."""
    if graph.topological is not None:  # found for other checks: a graph in order has no cycle
        return
    for component in sorted(nx.strongly_connected_components(graph.prerequisites), key=min):
        if len(component) < 2:
            continue
        sub = graph.prerequisites.subgraph(component)
        cycles = [_needs_order(c) for c in islice(nx.simple_cycles(sub), MAX_CYCLES_PER_COMPONENT)]
        for cycle in sorted(cycles):
            yield _cycle_finding(glossary, cycle)


def _needs_order(cycle: list[TermId]) -> list[TermId]:
    """An edge p → t means t needs p; reverse it and start at the smallest id."""
    needs = list(reversed(cycle))
    start = needs.index(min(needs))
    return needs[start:] + needs[:start]


def _cycle_finding(glossary: Glossary, cycle: list[TermId]) -> Finding:
    """Reported at the first edge; every edge is a related location."""
    edges = list(zip(cycle, cycle[1:] + cycle[:1], strict=True))
    places = []
    for needer, needed in edges:
        term = glossary.terms[needer]
        where = ("prerequisites", term.prerequisites.index(needed))
        places.append(location(term.file, f"{needer} needs {needed}", where))
    return finding(
        places[0].file,
        "prerequisite-cycle",
        "prerequisite cycle: " + " → ".join([*cycle, cycle[0]]),
        where=places[0].where,
        hint="break one of these edges",
        related=places,
    )


def check_redundant_prerequisites(glossary: Glossary, graph: ConceptGraph) -> Iterator[Finding]:
    """a needs b and c while b already needs c: the edge c → a adds nothing."""
    dag = graph.prerequisites
    if graph.topological is None:
        return
    order = {node: place for place, node in enumerate(graph.topological)}
    budget = [REDUNDANCY_VISITS_PER_EDGE * (dag.number_of_edges() + len(dag))]
    for term_id in sorted(dag):
        redundant = _redundant_prerequisites(dag, term_id, order, budget)
        term = glossary.terms[term_id]
        if redundant is None:
            yield _redundancy_unchecked(term)
            return
        place = _first_places(term.prerequisites) if redundant else {}
        for needed, through in sorted(redundant.items()):
            yield finding(
                term.file,
                "redundant-prerequisite",
                f"prerequisite '{needed}' is redundant: '{through}' already needs it",
                where=("prerequisites", place[needed]),
                hint=f"remove '{needed}'",
            )


def check_related_is_ancestor(glossary: Glossary, graph: ConceptGraph) -> Iterator[Finding]:
    """`related` between a term and its own ancestor or descendant: the learning path has it."""
    if graph.topological is None:
        return
    bit, ancestors = _ancestor_masks(graph.prerequisites, graph.topological)
    for term in glossary.terms.values():
        for index, target in enumerate(term.related):
            if target not in bit or target == term.id or target in term.prerequisites:
                continue  # unknown, self and prerequisite-and-related are reported elsewhere
            if ancestors[term.id] & bit[target]:
                kind = "an ancestor"
            elif ancestors[target] & bit[term.id]:
                kind = "a descendant"
            else:
                continue
            yield finding(
                term.file,
                "related-is-ancestor",
                f"related term '{target}' is {kind} of '{term.id}' in the prerequisite graph",
                where=("related", index),
                hint=f"remove '{target}' from related; the learning path already links them",
            )


def _ancestor_masks(
    dag: nx.DiGraph, topological: Iterable[TermId]
) -> tuple[dict[TermId, int], dict[TermId, int]]:
    """Each node's bit, and the OR of its ancestors' bits, in one topological pass.

    networkx's transitive_reduction answers the same question in O(nodes x edges), which
    took 6 s at 10,000 terms; these integer bitsets take a few milliseconds.
    """
    bit = {node: 1 << i for i, node in enumerate(topological)}
    ancestors: dict[TermId, int] = {}
    for node in bit:  # dicts keep insertion order: topological
        mask = 0
        for parent in dag.predecessors(node):
            mask |= ancestors[parent] | bit[parent]
        ancestors[node] = mask
    return bit, ancestors


def _redundant_prerequisites(
    dag: nx.DiGraph, term_id: TermId, order: dict[TermId, int], budget: list[int]
) -> dict[TermId, TermId] | None:
    """Each prerequisite of `term_id` that another one already needs, with that other one.

    A sweep back from the prerequisites in reverse topological order, labelling what it
    reaches with the prerequisite it came from. A prerequisite is final once popped (all
    that could reach it come earlier), nothing older than the oldest prerequisite matters,
    and the sweep stops once every prerequisite is decided: linear in the edges for a dense
    glossary, instead of the transitive closure's nodes x edges. None: `budget` ran out.
    """
    sources = set(dag.predecessors(term_id))
    if len(sources) < 2:
        return {}
    oldest = min(order[p] for p in sources)
    label = {p: p for p in sources}
    heap = sorted((-order[p], p) for p in sources)
    undecided = len(sources)
    redundant: dict[TermId, TermId] = {}
    while heap and undecided:
        _, node = heapq.heappop(heap)
        if node in sources and node not in redundant:
            undecided -= 1  # nothing left can reach it: needed
        parents = dag.pred[node]
        budget[0] -= len(parents)
        if budget[0] < 0:
            return None
        for parent in parents:
            if order[parent] < oldest:
                continue
            if parent not in label:
                label[parent] = label[node]
                heapq.heappush(heap, (-order[parent], parent))
            elif parent in sources and parent not in redundant:
                redundant[parent] = label[node]
                undecided -= 1
    return redundant


def _first_places(items: tuple[TermId, ...]) -> dict[TermId, int]:
    places: dict[TermId, int] = {}
    for index, item in enumerate(items):
        places.setdefault(item, index)
    return places


def _redundancy_unchecked(term: Term) -> Finding:
    return finding(
        term.file,
        "check-limit",
        "the redundant-prerequisite check stopped at this term: the prerequisite graph is "
        "too tangled to finish it within its work limit",
        where=("prerequisites",),
        hint="look for terms that list many far-apart prerequisites",
    )


def check_orphans(glossary: Glossary, graph: ConceptGraph) -> Iterator[Finding]:
    for term_id in sorted(nx.isolates(graph.related)):
        if graph.prerequisites.degree(term_id) == 0 and len(glossary) > 1:
            yield finding(
                glossary.terms[term_id].file,
                "orphan",
                f"'{term_id}' has no prerequisites, no related terms and nothing builds on it",
                where=("title",),
                hint="add prerequisites or related terms so readers can find it",
            )


def check_aliases(glossary: Glossary) -> Iterator[Finding]:
    """Aliases are unique, and never another term's title or id (case-insensitive)."""
    names = {t.title.casefold(): t.id for t in glossary.terms.values()}
    names.update({str(t): t for t in glossary.known_ids})
    first_owner: dict[str, TermId] = {}
    for term in glossary.terms.values():
        for index, alias in enumerate(term.aliases):
            key = alias.casefold()
            if not key:
                continue  # a malformed item: the schema has reported it already
            other = names.get(key)
            owner = first_owner.setdefault(key, term.id)
            if other is not None and other != term.id:
                message = f"alias '{alias}' is the title or id of '{other}'"
            elif owner != term.id:
                message = f"alias '{alias}' is also an alias of '{owner}'"
            else:
                continue
            yield finding(term.file, "duplicate-alias", message, where=("aliases", index))
