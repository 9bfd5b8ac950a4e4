"""Every term's prose as page HTML, converted once before any page is written.

A page lists the terms whose text links to it ("Mentioned in"), so every section has to be
converted before the first page is rendered; doing it here, once, gives the pages their HTML
and the mention graph its edges from the same conversion. With `autolink: first` the first
unlinked mention of each other term in each section becomes a link too (see `mentions`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import partial

import networkx as nx

from site_builder import mentions, prose, sanitize
from site_builder.model import Glossary, Term, TermId
from site_builder.render.cache import RenderCache

TEXT_FIELDS = ("overview", "eli5", "expert")
_CANDIDATE_RE = re.compile(prose.WIKILINK_RE)
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

    link = partial(_resolve, glossary, href)
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


@dataclass(frozen=True)
class Prose:
    """Every term's sections, and the mention graph their links make."""

    sections: Mapping[TermId, Sections]
    mentions: nx.DiGraph


def all_sections(
    glossary: Glossary, href: Href, autolink: bool, cache: RenderCache
) -> dict[TermId, Sections]:
    """Every term's sections, in id order; a term's sections are converted again only when
    its text, what its `[[links]]` resolve to, or (autolinking) any title or alias changed."""
    names = mentions.names_of(glossary) if autolink else None
    # One token per set of names, so each term's key compares it in constant time.
    names_key = autolink and tuple((t.id, t.title, t.aliases) for t in glossary.terms.values())
    names_token = cache.memo("names", names_key, object)
    found: dict[TermId, Sections] = {}
    for term_id, term in glossary.terms.items():
        links = _answers(glossary, term, href)
        key = (term.overview, term.eli5, term.expert, links, href(term_id), names_token)
        found[term_id] = cache.memo(
            f"sections {term_id}", key, partial(term_sections, glossary, term, href, names)
        )
    return found


def _answers(glossary: Glossary, term: Term, href: Href) -> tuple[object, ...]:
    """What each `[[id]]` candidate in the term's text resolves to (href and title)."""
    targets = dict.fromkeys(
        match.group(1).strip()
        for field in TEXT_FIELDS
        if "[[" in (text := getattr(term, field))
        for match in _CANDIDATE_RE.finditer(text)
    )
    return tuple((target, _resolve(glossary, href, target)) for target in targets)


def _resolve(glossary: Glossary, href: Href, target: str) -> tuple[str, str] | None:
    """A `[[target]]` link's href and title (its spaces as everywhere else a title is shown),
    or None for an unknown id (the checker reports it; never a broken link on the page)."""
    other = glossary.terms.get(TermId(target))
    return None if other is None else (href(other.id), " ".join(other.title.split()))


def prose_of(glossary: Glossary, href: Href, autolink: bool, cache: RenderCache) -> Prose:
    """`all_sections` and the mention graph of their links."""
    sections = all_sections(glossary, href, autolink, cache)
    return Prose(sections, mention_graph(sections))


def mention_graph(sections: Mapping[TermId, Sections]) -> nx.DiGraph:
    """An edge a → b when a's text links to b ("b is mentioned in a")."""
    graph = nx.DiGraph()
    graph.add_nodes_from(sections)
    graph.add_edges_from((a, b) for a, s in sections.items() for b in s.links)
    return graph


def mentioned_in(graph: nx.DiGraph, term_id: TermId) -> list[TermId]:
    """The terms whose text links to `term_id`, in id order."""
    return sorted(graph.predecessors(term_id))
