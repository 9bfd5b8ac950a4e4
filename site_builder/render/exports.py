"""Machine-readable exports: graph.json, terms.json and schema.org JSON-LD for each term."""

from __future__ import annotations

import functools
import json
from collections.abc import Callable
from typing import Any

import networkx as nx

from site_builder.graph import ConceptGraph, reading_order
from site_builder.model import Glossary, Term, TermId, term_url

GRAPH_JSON = "graph.json"
TERMS_JSON = "terms.json"


def _dump(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n"


def depths(graph: ConceptGraph, order: dict[TermId, int] | None = None) -> dict[TermId, int]:
    """Length of the longest prerequisite chain leading to each term (0 for a starting point).

    `order` is `reading_order(graph)` when the caller has it already.
    """
    depth: dict[TermId, int] = {}
    for term_id in order if order is not None else reading_order(graph):  # reading order
        depth[term_id] = max(
            (depth[p] + 1 for p in graph.prerequisites.predecessors(term_id)), default=0
        )
    return depth


def word_count(term: Term) -> int:
    """How many words a reader of the term's page reads (the estimate of reading time)."""
    return _words(term.summary, term.overview, term.eli5, term.expert)


@functools.lru_cache(maxsize=1 << 16)
def _words(*texts: str) -> int:
    """Counted once per set of texts: a served rebuild asks again for every term (a string
    keeps its hash, so an unchanged term is found without reading its text again)."""
    return sum(len(text.split()) for text in texts)


def graph_json(
    glossary: Glossary,
    graph: ConceptGraph,
    directory_urls: bool = True,
    order: dict[TermId, int] | None = None,
    mentions: nx.DiGraph | None = None,
) -> str:
    """The whole glossary as networkx node-link data (a multigraph: two terms can be joined
    in more than one way): nodes carry title, summary, tags, url, depth, their place in the
    reading order (`order`) and `words` (for reading time); links are
    `prerequisite` (source needed by target), `related` (undirected) or `mention` (the
    source's text links to the target), each with its kind as key."""
    order = order if order is not None else reading_order(graph)
    level = depths(graph, order)
    nodes: dict[TermId, dict[str, Any]] = {
        term.id: {
            "title": term.title,
            "summary": term.summary,
            "aliases": list(term.aliases),
            "tags": sorted(set(term.tags)),
            "url": term_url(term.id, directory_urls),
            "depth": level[term.id],
            "order": order[term.id],
            "words": word_count(term),
        }
        for term in glossary.terms.values()
    }
    prerequisite = sorted(graph.prerequisites.edges)
    needs = set(prerequisite)
    related = sorted(tuple(sorted(edge)) for edge in graph.related.edges)
    edges = [(a, b, "prerequisite") for a, b in prerequisite]
    edges += [(a, b, "related") for a, b in related if (a, b) not in needs and (b, a) not in needs]
    if mentions is not None:
        edges += [(a, b, "mention") for a, b in sorted(mentions.edges)]
    # networkx's node-link layout of a multigraph, in its order: links by source node, then by
    # the first time each target was joined to it, then by key.
    joined: dict[TermId, dict[TermId, list[str]]] = {term_id: {} for term_id in nodes}
    for a, b, kind in edges:  # every end is a term: the graphs are made from the glossary
        joined[a].setdefault(b, []).append(kind)
    data = {
        "directed": True,
        "multigraph": True,
        "graph": {},
        "nodes": [{**attributes, "id": term_id} for term_id, attributes in nodes.items()],
        "links": [
            {"kind": kind, "source": a, "target": b, "key": kind}
            for a, targets in joined.items()
            for b, kinds in targets.items()
            for kind in kinds
        ],
    }
    return _dump(data)


def _term_record(term: Term, directory_urls: bool) -> dict[str, Any]:
    return {
        "id": term.id,
        "url": term_url(term.id, directory_urls),
        "title": term.title,
        "summary": term.summary,
        "overview": term.overview,
        "eli5": term.eli5,
        "expert": term.expert,
        "prerequisites": list(term.prerequisites),
        "related": list(term.related),
        "aliases": list(term.aliases),
        "tags": list(term.tags),
        "status": term.status,
        "sources": [{"title": s.title, "url": s.url} for s in term.sources],
    }


def term_record_json(term: Term, directory_urls: bool = True) -> str:
    """One term's entry in terms.json."""
    return json.dumps(_term_record(term, directory_urls), ensure_ascii=False, separators=(",", ":"))


def terms_json(
    glossary: Glossary,
    directory_urls: bool = True,
    record: Callable[[Term, bool], str] = term_record_json,
) -> str:
    """Every term's fields (Markdown as written) and its page URL (`record` may be cached:
    the list is written the way `json.dumps` writes it)."""
    return "[" + ",".join(record(t, directory_urls) for t in glossary.terms.values()) + "]\n"


def json_ld(term: Term, site_name: str, site_url: str | None, directory_urls: bool = True) -> str:
    """A schema.org DefinedTerm in its DefinedTermSet, safe to print inside <script>."""
    base = site_url.rstrip("/") + "/" if site_url else ""
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "DefinedTerm",
        "name": term.title,
        "description": term.summary,
        "termCode": term.id,
        "inDefinedTermSet": {"@type": "DefinedTermSet", "name": site_name},
    }
    if term.aliases:
        data["alternateName"] = list(term.aliases)
    if base:
        data["url"] = base + term_url(term.id, directory_urls)
        data["inDefinedTermSet"]["url"] = base
    # No "<", ">" or "&" survives into the page, so nothing can close the <script> early.
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def json_ld_script(json_ld_text: str) -> str:
    """The element that carries `json_ld` output (already safe inside <script>)."""
    return f'<script type="application/ld+json">{json_ld_text}</script>'


def into_head(page_html: str, fragment: str) -> str:
    """`fragment` added at the end of the page's <head>, where Material's `extrahead` block
    prints: so a theme override that prints it there (the `glossary render` export ships one)
    gives the same bytes."""
    end = page_html.find("</head>")
    if end < 0:
        return page_html
    line_start = page_html.rfind("\n", 0, end)
    at = line_start if line_start >= 0 and not page_html[line_start:end].strip() else end
    return page_html[:at] + fragment + page_html[at:]
