"""Generated Markdown pages: one per term, the A–Z index and the tag pages.

Every string handed to a template is already escaped here (`plain`, `safe_markdown`), so the
templates only lay text out and no term field can reach the page unescaped.
"""

from __future__ import annotations

import html
import json
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from urllib.parse import quote

import jinja2

from site_builder.graph import (
    ConceptGraph,
    dependants_of,
    learning_path,
    prerequisites_of,
    reading_order,
    related_to,
)
from site_builder.model import STATUS_LABELS, Glossary, Term, TermId, term_page_path
from site_builder.render.blocks import HtmlBlocks
from site_builder.render.cache import RenderCache
from site_builder.render.exports import (
    GRAPH_JSON,
    TERMS_JSON,
    graph_json,
    json_ld,
    terms_json,
    word_count,
)
from site_builder.render.mermaid import Neighbours, concept_graph
from site_builder.render.sections import Prose, Sections, mentioned_in, prose_of, term_sections
from site_builder.render.text import plain, prose_markdown, shown
from site_builder.skos import SKOS_FILE, skos_turtle


@dataclass(frozen=True)
class PageOptions:
    index_page: str = "a-z.md"
    tags_dir: str = "tags"
    graph_direction: str = "LR"
    graph_max_neighbours: int = 10
    use_directory_urls: bool = True
    explorer_page: str = "explorer.md"
    path_page: str = "path.md"
    site_name: str = "Glossary"
    site_url: str | None = None
    autolink: bool = False  # link the first unlinked mention of each term in each section


def _html_block(html: str, blocks: HtmlBlocks | None, tight: bool = False) -> str:
    """A finished HTML block: as it is, or the marker `blocks` keeps it under (`tight`: it is
    what Markdown would make of Markdown, see `HtmlBlocks`)."""
    return html if blocks is None else blocks.mark(html, tight)


# Made at import (under a millisecond; templates load on first use).
_TEMPLATES = jinja2.Environment(
    loader=jinja2.PackageLoader("site_builder", "templates"),
    autoescape=False,  # Markdown, not HTML: every value is escaped before it gets here
    keep_trailing_newline=True,
    undefined=jinja2.StrictUndefined,
)
_TEMPLATES.filters["html_block"] = _html_block


def _md_link(from_page: str, to_page: str) -> str:
    """A relative link between two docs pages, which mkdocs resolves and checks.

    (posixpath.relpath gives the same answer but costs 0.7 s per 1,000 term pages.)
    """
    here = from_page.split("/")[:-1]
    there = to_page.split("/")
    common = 0
    while common < len(here) and common < len(there) - 1 and here[common] == there[common]:
        common += 1
    return "../" * (len(here) - common) + "/".join(there[common:])


def _url_from_page(options: PageOptions, page: str, target: str) -> str:
    """A URL relative to where `page` is served, for raw HTML that mkdocs does not rewrite."""
    folder, _, name = page.rpartition("/")
    stem = name.removesuffix(".md")
    served = f"{folder}/{stem}/x" if options.use_directory_urls and stem != "index" else page
    return _md_link(served.lstrip("/"), target)


def _text(text: str) -> str:
    """Plain text inside a raw HTML block: one line, HTML-escaped."""
    return html.escape(" ".join(text.split()), quote=False)


def _meta(text: str) -> str:
    """A front-matter value. Themes print page titles and descriptions into `<title>` and
    attributes unescaped, so it is HTML-escaped here; JSON strings are valid YAML."""
    return json.dumps(html.escape(" ".join(text.split()), quote=True))


def _url(url: str) -> str:
    """A source URL made safe inside `(<…>)`, whatever characters it holds."""
    return quote(url, safe=":/?#[]@!$&'*+,;=%~-._")


def tag_page_path(options: PageOptions, tag: str) -> str:
    return f"{options.tags_dir}/{tag}.md"


def term_page_url(options: PageOptions, to_id: TermId) -> str:
    """The URL of `to_id`'s page relative to another term's page, as the built site serves it."""
    return f"../{to_id}/" if options.use_directory_urls else f"{to_id}.html"


def _items(
    glossary: Glossary, page: str, ids: list[TermId], options: PageOptions | None = None
) -> list[dict[str, str]]:
    """Terms to list on `page`, as Markdown; with `options`, as the HTML Markdown makes of it
    (`shown` text, the URL mkdocs makes of the link) for a block mkdocs does not read."""
    terms = [glossary.terms[i] for i in ids]
    if options is not None:
        return [
            {
                "title_html": shown(t.title),
                "url": _url_from_page(options, page, served_url(options, term_page_path(t.id))),
                "summary_html": shown(t.summary),
            }
            for t in terms
        ]
    return [
        {
            "title": plain(t.title),
            "href": _md_link(page, term_page_path(t.id)),
            "summary": plain(t.summary),
        }
        for t in terms
    ]


_LINK_SECTIONS = (
    ("Prerequisites", "prerequisites", "prerequisites", "None: start here."),
    ("Builds on this", "builds-on-this", "dependants", "No term builds on it yet."),
    ("Related terms", "related-terms", "related", "No related terms yet."),
)


def neighbours_of(graph: ConceptGraph, term_id: TermId) -> Neighbours:
    return Neighbours(
        prerequisites_of(graph, term_id), dependants_of(graph, term_id), related_to(graph, term_id)
    )


def _text_fields(term: Term, sections: Sections, cache: RenderCache | None) -> dict[str, str]:
    """The escaped text of the term; prose as sanitized HTML with [[links]] to term pages."""

    def text(field: str) -> str:
        html = sections.html[field]
        if not html:
            return ""
        return (
            cache.page_text(getattr(term, field), html)
            if cache is not None
            else prose_markdown(html)
        )

    return {
        "meta_title": _meta(term.title),
        "meta_description": _meta(term.summary),
        "title": plain(term.title),
        "title_html": shown(term.title),
        "summary_html": _text(term.summary),
        "aliases_html": ", ".join(_text(a) for a in term.aliases),
        "status": term.status,
        "status_label": STATUS_LABELS.get(term.status, STATUS_LABELS["draft"]),
        "overview": text("overview"),
        "eli5": text("eli5"),
        "expert": text("expert"),
    }


def term_page(
    glossary: Glossary,
    graph: ConceptGraph,
    term: Term,
    options: PageOptions,
    order: dict[TermId, int] | None = None,
    sections: Sections | None = None,
    mentioned: list[TermId] | None = None,
    updated: str = "",
    cache: RenderCache | None = None,
) -> str:
    """The Markdown page of one term (`order` from `reading_order`, `sections` and the terms
    whose text links to it (`mentioned`) from `all_sections`, when rendering many; `updated`,
    the date its file last changed, or ""; `cache` keeps converted prose between builds)."""
    page = term_page_path(term.id)
    if sections is None:
        sections = term_sections(glossary, term, _href(options), None)
    neighbours = neighbours_of(graph, term.id)
    graph_source = concept_graph(
        glossary,
        term.id,
        neighbours,
        lambda other: term_page_url(options, other),
        options.graph_direction,
        options.graph_max_neighbours,
    )
    jsonld = json_ld(term, options.site_name, options.site_url, options.use_directory_urls)
    blocks = cache.blocks if cache is not None else None
    as_html = options if blocks is not None else None  # lists as HTML blocks: the URLs too
    template = _TEMPLATES.get_template("term.md.jinja")
    return template.render(
        **_text_fields(term, sections, cache),
        blocks=blocks,
        jsonld=json.dumps(jsonld),
        graph_html=html.escape(graph_source, quote=False),
        graph_caption_html=_text(_graph_caption(glossary, term.id, neighbours)),
        path=_items(glossary, page, learning_path(graph, term.id, order), as_html),
        link_sections=[
            {
                "heading": heading,
                "anchor": anchor,
                "empty": empty,
                "links": _items(glossary, page, list(getattr(neighbours, kind)), as_html),
            }
            for heading, anchor, kind, empty in _LINK_SECTIONS
        ],
        mentioned_in=_items(glossary, page, mentioned or [], as_html),
        updated=updated,
        progress=_progress(options, page, term.id),
        sources=[{"title": plain(s.title), "url": _url(s.url)} for s in term.sources],
        tags=[
            {"title": plain(t), "href": _md_link(page, tag_page_path(options, t))}
            for t in sorted(set(term.tags))
        ],
    )


def served_url(options: PageOptions, page: str) -> str:
    """The site-relative URL a generated docs page is served at."""
    stem = page.removesuffix(".md")
    if not options.use_directory_urls:
        return f"{stem}.html"
    if stem == "index" or stem.endswith("/index"):
        return stem.removesuffix("index")
    return f"{stem}/"


def _progress(options: PageOptions, page: str, term_id: TermId) -> dict[str, str]:
    """What a term page's "I know this term" control needs: the graph and the goal page."""
    goal = _url_from_page(options, page, served_url(options, options.path_page))
    return {
        "term": term_id,
        "graph_href": _url_from_page(options, page, GRAPH_JSON),
        "goal_href": html.escape(f"{goal}?goal={term_id}"),
    }


def path_page(glossary: Glossary, options: PageOptions) -> str:
    """The "Path to a goal" page: every term to choose from; progress.js does the rest."""
    ordered = sorted(glossary.terms.values(), key=lambda t: (_sort_key(t.title), t.id))
    return _TEMPLATES.get_template("path.md.jinja").render(
        graph_href=_url_from_page(options, options.path_page, GRAPH_JSON),
        options=[{"id": t.id, "title": _text(t.title)} for t in ordered],
    )


def _graph_caption(glossary: Glossary, term_id: TermId, neighbours: Neighbours) -> str:
    """The graph in one sentence: its text alternative for screen readers."""

    def names(ids: list[TermId] | tuple[TermId, ...]) -> str:
        return ", ".join(glossary.terms[i].title for i in ids) or "none"

    title = glossary.terms[term_id].title
    return (
        f"Concept graph of {title}. Learn first: {names(list(neighbours.prerequisites))}. "
        f"Builds on it: {names(list(neighbours.dependants))}. "
        f"Related: {names(list(neighbours.related))}."
    )


def explorer_page(glossary: Glossary, options: PageOptions) -> str:
    tags = sorted({tag for term in glossary.terms.values() for tag in term.tags})
    return _TEMPLATES.get_template("explorer.md.jinja").render(
        count=len(glossary),
        graph_href=_url_from_page(options, options.explorer_page, GRAPH_JSON),
        index_href=_md_link(options.explorer_page, options.index_page),
        tags=[html.escape(t) for t in tags],  # raw HTML: no Markdown escapes
    )


def _sort_key(text: str) -> str:
    return unicodedata.normalize("NFKD", text).casefold()


def _letter(text: str) -> str:
    first = _sort_key(text)[:1].upper()
    return first if "A" <= first <= "Z" else "0–9"


def index_page(glossary: Glossary, options: PageOptions) -> str:
    """The A–Z index: every title and alias, grouped by first letter, with a jump bar."""
    page = options.index_page
    entries: list[tuple[str, dict[str, str]]] = []
    for term in glossary.terms.values():
        (item,) = _items(glossary, page, [term.id])
        item["status"] = term.status
        item["status_label"] = STATUS_LABELS.get(term.status, STATUS_LABELS["draft"])
        entries.append((term.title, {"alias": "", **item}))
        for alias in term.aliases:
            entries.append((alias, {"alias": plain(alias), **item}))
    groups: dict[str, list[dict[str, str]]] = defaultdict(list)
    for name, entry in sorted(entries, key=lambda e: (_sort_key(e[0]), e[0])):
        groups[_letter(name)].append(entry)
    return _TEMPLATES.get_template("a-z.md.jinja").render(
        count=len(glossary),
        alias_count=sum(len(t.aliases) for t in glossary.terms.values()),
        groups=[
            {
                "letter": letter,
                "anchor": f"letter-{'0-9' if letter == '0–9' else letter.lower()}",
                "entries": groups[letter],
            }
            for letter in sorted(groups, key=lambda g: (g != "0–9", g))
        ],
    )


def tag_pages(glossary: Glossary, options: PageOptions) -> dict[str, str]:
    """`tags/index.md` and one page per tag."""
    by_tag: dict[str, list[TermId]] = defaultdict(list)
    for term in glossary.terms.values():
        for tag in sorted(set(term.tags)):
            by_tag[tag].append(term.id)
    overview_path = f"{options.tags_dir}/index.md"
    pages = {
        overview_path: _TEMPLATES.get_template("tags.md.jinja").render(
            tags=[
                {
                    "title": plain(tag),
                    "href": _md_link(overview_path, tag_page_path(options, tag)),
                    "count": len(ids),
                }
                for tag, ids in sorted(by_tag.items())
            ]
        )
    }
    for tag, ids in sorted(by_tag.items()):
        path = tag_page_path(options, tag)
        ordered = sorted(ids, key=lambda i: _sort_key(glossary.terms[i].title))
        pages[path] = _TEMPLATES.get_template("tag.md.jinja").render(
            meta_title=_meta(f"Tag: {tag}"),
            meta_description=_meta(f"Glossary terms tagged {tag}."),
            title=plain(tag),
            count=len(ids),
            all_href=_md_link(path, overview_path),
            items=_items(glossary, path, ordered),
        )
    return pages


def _href(options: PageOptions) -> Callable[[TermId], str]:
    return lambda to_id: term_page_url(options, to_id)


def site_prose(glossary: Glossary, options: PageOptions, cache: RenderCache) -> Prose:
    """Every term's prose as page HTML and the mention graph (`sections.prose_of`)."""
    return prose_of(glossary, _href(options), options.autolink, cache)


def site_pages(
    glossary: Glossary,
    graph: ConceptGraph,
    options: PageOptions,
    updated: Mapping[TermId, str] | None = None,
    cache: RenderCache | None = None,
    terms: Iterable[TermId] | None = None,
    prose: Prose | None = None,
) -> dict[str, str]:
    """Every generated page, docs-relative path → Markdown, in a stable order. `updated` gives
    each term's last-changed date (from `freshness`), when known; `cache` keeps what a rebuild
    can reuse; of the term pages only those of `terms`, when given (`affected.affected_terms`
    says which); `prose` is `site_prose`'s, when the caller needed it already."""
    updated = updated or {}
    if cache is None:
        cache = RenderCache()  # one build: nothing to keep, but the same code path
    # The analysis hands back the same graph while the glossary's structure is unchanged.
    order = cache.memo("reading order", graph.prerequisites, lambda: reading_order(graph))
    # Every section first: a page lists the terms whose text links to it.
    if prose is None:
        prose = site_prose(glossary, options, cache)
    ids = glossary.terms if terms is None else sorted(terms)
    pages = {
        term_page_path(i): term_page(
            glossary,
            graph,
            glossary.terms[i],
            options,
            order,
            prose.sections[i],
            mentioned_in(prose.mentions, i),
            updated.get(i, ""),
            cache,
        )
        for i in ids
    }
    terms_seen = glossary.terms.values()
    listed = (
        options,
        tuple((t.id, t.title, t.summary, t.aliases, t.tags, t.status) for t in terms_seen),
    )
    # What the SKOS scheme shows: ids, titles, aliases, summaries (in `listed`) and edges.
    edges = (listed, tuple((t.prerequisites, t.related) for t in terms_seen), glossary.known_ids)
    shape = (
        edges,
        tuple(sorted(prose.mentions.edges)),
        tuple(word_count(t) for t in terms_seen),  # graph.json's reading times
    )
    pages[options.index_page] = cache.memo("a-z", listed, lambda: index_page(glossary, options))
    pages[options.explorer_page] = cache.memo(
        "explorer", listed, lambda: explorer_page(glossary, options)
    )
    pages[options.path_page] = cache.memo("path", listed, lambda: path_page(glossary, options))
    pages.update(cache.memo("tags", listed, lambda: tag_pages(glossary, options)))
    directory_urls = options.use_directory_urls
    pages[GRAPH_JSON] = cache.memo(
        "graph", shape, lambda: graph_json(glossary, graph, directory_urls, order, prose.mentions)
    )
    pages[TERMS_JSON] = terms_json(glossary, directory_urls, cache.term_json)
    pages[SKOS_FILE] = cache.memo(
        "skos",
        edges,
        lambda: skos_turtle(glossary, options.site_name, options.site_url, directory_urls),
    )
    return pages
