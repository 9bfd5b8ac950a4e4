"""The render stages called directly on a tiny in-memory glossary: what each puts into the
Markdown, Mermaid and JSON a reader or a tool gets, without mkdocs (milliseconds a test)."""

from __future__ import annotations

import itertools
import json
import posixpath
from typing import Any

import networkx as nx
import pytest

from site_builder.findings import Finding
from site_builder.graph import build_graph
from site_builder.model import Glossary, Source, Term, TermId
from site_builder.render.affected import affected_terms
from site_builder.render.cache import RenderCache
from site_builder.render.exports import (
    graph_json,
    into_head,
    json_ld,
    term_record_json,
    terms_json,
)
from site_builder.render.mermaid import concept_graph
from site_builder.render.pages import (
    PageOptions,
    _md_link,
    neighbours_of,
    site_pages,
    site_prose,
    tag_pages,
    term_page,
)
from site_builder.render.problems import problems_block, problems_page
from site_builder.render.text import prose_markdown


def make_term(term_id: str, title: str, **fields: Any) -> Term:
    """A valid term: summary "<title> & co.", one line of ELI5 and expert text."""
    fields = {"summary": f"{title} & co.", "eli5": "Like a toy.", "expert": "Deep.", **fields}
    return Term(TermId(term_id), f"terms/{term_id}.yaml", title, **fields)


def glossary_of(*terms: Term) -> Glossary:
    return Glossary({t.id: t for t in sorted(terms, key=lambda t: t.id)},
                    frozenset(t.id for t in terms))  # fmt: skip


# "machine-learning" has a hyphen (Mermaid ids get `_`); "bee" builds on it.
PAIR = glossary_of(
    make_term("machine-learning", "ML"),
    make_term("bee", "Bee", prerequisites=(TermId("machine-learning"),)),
)


def page_of(glossary: Glossary, term_id: str, **options: Any) -> str:
    return term_page(glossary, build_graph(glossary), glossary.terms[TermId(term_id)],
                     PageOptions(**options))  # fmt: skip


def between(text: str, start: str, end: str) -> str:
    """The text after the first `start` and before the next `end`."""
    return text.split(start, 1)[1].split(end, 1)[0]


PREREQUISITES = "## Prerequisites { #prerequisites data-search-exclude }"
RELATED = "## Related terms { #related-terms data-search-exclude }"


def test_a_term_page_has_its_link_sections_and_their_empty_notes() -> None:
    page = page_of(PAIR, "bee")
    assert between(page, PREREQUISITES, "##") == (
        "\n\n- [ML](machine-learning.md) — ML &#38; co\\.\n\n"
    )
    assert between(page, RELATED, "##") == "\n\nNo related terms yet.\n\n"
    assert between(page_of(PAIR, "machine-learning"), PREREQUISITES, "##") == (
        "\n\nNone: start here.\n\n"
    )


TRIO = glossary_of(
    make_term("a", "A"),
    make_term("c", "C"),
    make_term("e", "E", prerequisites=(TermId("a"), TermId("c")), related=(TermId("a"),)),
)


@pytest.mark.parametrize(
    ("glossary", "term_id", "caption"),
    [
        (PAIR, "bee", "Concept graph of Bee. Learn first: ML. Builds on it: none. Related: none."),
        (TRIO, "e", "Concept graph of E. Learn first: A, C. Builds on it: none. Related: none."),
        (TRIO, "a", "Concept graph of A. Learn first: none. Builds on it: E. Related: none."),
    ],
)
def test_the_graph_caption_names_every_neighbour_or_none(
    glossary: Glossary, term_id: str, caption: str
) -> None:
    """The caption is the graph's text alternative: an empty kind is read out as "none"."""
    assert between(page_of(glossary, term_id), "<figcaption>", "</figcaption>") == caption


def test_term_text_is_escaped_once_on_the_page() -> None:
    """Values are escaped before the template sees them: `&` must not become `&amp;amp;`."""
    page = page_of(PAIR, "bee")
    assert '<p class="glossary-summary">Bee &amp; co.</p>' in page
    assert 'description: "Bee &amp; co."' in page


def test_a_term_without_an_overview_shows_nothing_before_its_graph() -> None:
    page = page_of(PAIR, "bee")
    before_graph = between(page, "has reviewed it yet.</p>", "## Concept graph")
    assert before_graph.strip() == ""


@pytest.mark.parametrize(
    ("directory_urls", "graph", "goal"),
    [
        (True, "../../graph.json", "../../path/?goal=bee"),
        (False, "../graph.json", "../path.html?goal=bee"),
    ],
)
def test_progress_links_of_a_term_page_follow_the_url_layout(
    directory_urls: bool, graph: str, goal: str
) -> None:
    """Raw HTML is not rewritten by mkdocs: its URLs are relative to where the page is served."""
    page = page_of(PAIR, "bee", use_directory_urls=directory_urls)
    assert f'data-graph="{graph}"' in page
    assert f'<a href="{goal}">Plan a path to it</a>' in page


@pytest.mark.parametrize(
    ("explorer_page", "directory_urls", "graph"),
    [
        ("explorer.md", True, "../graph.json"),
        ("explorer.md", False, "graph.json"),
        ("explore/index.md", True, "../graph.json"),
        ("explore/index.md", False, "../graph.json"),
        ("index.md", True, "graph.json"),
        ("X.md", True, "../graph.json"),  # served at X/, one folder down
    ],
)
def test_the_explorer_finds_graph_json_wherever_it_is_served(
    explorer_page: str, directory_urls: bool, graph: str
) -> None:
    options = PageOptions(explorer_page=explorer_page, use_directory_urls=directory_urls)
    pages = site_pages(PAIR, build_graph(PAIR), options)
    assert f'<div class="glossary-explorer" data-graph="{graph}"' in pages[explorer_page]


def test_site_pages_are_the_term_pages_indexes_and_exports() -> None:
    assert list(site_pages(PAIR, build_graph(PAIR), PageOptions())) == [
        "terms/bee.md",
        "terms/machine-learning.md",
        "a-z.md",
        "explorer.md",
        "path.md",
        "tags/index.md",
        "graph.json",
        "terms.json",
        "glossary.ttl",
    ]


def test_a_concept_graph_with_more_neighbours_than_drawn() -> None:
    """Hyphens in ids become `_` (Mermaid reads `-` as part of an arrow); the "+1 more" node
    has its own borderless style."""
    needs = (TermId("a-b"), TermId("c-d"))
    glossary = glossary_of(make_term("a-b", "A"), make_term("c-d", "C"),
                           make_term("e", "E", prerequisites=needs))  # fmt: skip
    neighbours = neighbours_of(build_graph(glossary), TermId("e"))
    source = concept_graph(glossary, TermId("e"), neighbours, lambda i: f"../{i}/", "LR", 1)
    assert source.splitlines() == [
        "graph LR",
        '  t_e["E"]:::main',
        '  t_a_b["A"]:::pre --> t_e',
        '  more_pre["+1 more"]:::more -.-> t_e',
        '  click t_a_b "../a-b/" "A & co."',
        "  classDef main stroke:#7c3aed,stroke-width:4px,font-weight:bold",
        "  classDef pre stroke:#3b82f6,stroke-width:2px",
        "  classDef child stroke:#10b981,stroke-width:2px",
        "  classDef related stroke:#8b5cf6,stroke-width:1.5px,stroke-dasharray:5 5",
        "  classDef more fill:none,stroke:none,font-style:italic",
    ]


def test_json_ld_describes_the_term_in_its_set() -> None:
    bee = PAIR.terms[TermId("bee")]
    assert json.loads(json_ld(bee, "My Glossary", "https://g.example/docs/")) == {
        "@context": "https://schema.org",
        "@type": "DefinedTerm",
        "name": "Bee",
        "description": "Bee & co.",
        "termCode": "bee",
        "inDefinedTermSet": {"@type": "DefinedTermSet", "name": "My Glossary",
                             "url": "https://g.example/docs/"},
        "url": "https://g.example/docs/terms/bee/",
    }  # fmt: skip


def _mentions(*edges: tuple[str, str]) -> nx.DiGraph:
    graph = nx.DiGraph()
    graph.add_nodes_from(sorted(PAIR.terms))
    graph.add_edges_from(edges)
    return graph


def test_graph_json_reads_back_as_a_directed_multigraph() -> None:
    """networkx (and any node-link reader) gets prerequisite → term, and text links."""
    text = graph_json(PAIR, build_graph(PAIR), mentions=_mentions(("bee", "machine-learning")))
    graph = nx.node_link_graph(json.loads(text), edges="links")
    assert isinstance(graph, nx.MultiDiGraph)
    assert sorted(graph.edges(keys=True)) == [
        ("bee", "machine-learning", "mention"),
        ("machine-learning", "bee", "prerequisite"),
    ]
    assert graph.nodes["bee"]["url"] == "terms/bee/"


def test_graph_json_does_not_depend_on_the_order_mentions_were_found() -> None:
    glossary = glossary_of(make_term("a", "A"), make_term("b", "B"), make_term("c", "C"))
    graph = build_graph(glossary)

    def links(*edges: tuple[str, str]) -> list[tuple[str, str]]:
        mentions = nx.DiGraph(edges)
        data = json.loads(graph_json(glossary, graph, mentions=mentions))
        return [(link["source"], link["target"]) for link in data["links"]]

    assert (
        links(("a", "c"), ("a", "b")) == links(("a", "b"), ("a", "c")) == [("a", "b"), ("a", "c")]
    )


def test_the_problems_block_names_each_finding_with_its_place() -> None:
    found = Finding("docs/terms/a.yaml", 3, 5, "unknown-field", "field 'x' <is> unknown")
    assert problems_block([found], "docs").splitlines() == [
        '<div class="glossary-problems" role="alert">',
        "<p><strong>This term has problems; `mkdocs build` fails until they are fixed</strong></p>",
        "<ul>",
        "<li><code>terms/a.yaml:3:5</code> error[unknown-field] field &#x27;x&#x27; &lt;is&gt; "
        "unknown</li>",
        "</ul>",
        "</div>",
    ]


@pytest.mark.parametrize(
    ("file", "relative_to", "shown"),
    [
        ("docs/terms/a.yaml", "", "docs/terms/a.yaml:3:5"),
        ("docs/terms/a.yaml", "docs", "terms/a.yaml:3:5"),
        ("docs/terms/a.yaml", "docs/", "terms/a.yaml:3:5"),
        ("docs/terms/a.yaml", "doc", "docs/terms/a.yaml:3:5"),  # a folder, not any prefix
        ("/srv/BOX/terms/a.yaml", "/srv/BOX", "terms/a.yaml:3:5"),  # only slashes are stripped
    ],
)
def test_the_problems_block_shows_paths_relative_to_the_project(
    file: str, relative_to: str, shown: str
) -> None:
    found = Finding(file, 3, 5, "unknown-field", "bad")
    assert f"<li><code>{shown}</code> error[unknown-field] bad</li>" in problems_block(
        [found], relative_to
    )


def test_a_term_file_that_cannot_be_read_gets_a_page_of_its_findings() -> None:
    found = Finding("docs/terms/a-b.yaml", 1, 1, "unknown-field", "bad")
    page = problems_page("a-b", [found], "docs")
    assert page == '---\ntitle: "a-b"\n---\n\n# a-b\n\n' + problems_block([found], "docs")
    assert "<li><code>terms/a-b.yaml:1:1</code> error[unknown-field] bad</li>" in page


def _affected(old: Glossary, new: Glossary, autolink: bool | None = None) -> set[str]:
    """`affected_terms`; with `autolink` given, also the prose of both (as serve passes it)."""
    if autolink is None:
        return set(affected_terms(old, build_graph(old), new, build_graph(new)))
    options = PageOptions(autolink=autolink)
    before, after = (site_prose(g, options, RenderCache()) for g in (old, new))
    return set(affected_terms(old, build_graph(old), new, build_graph(new), before, after))


def _edit(glossary: Glossary, term: Term) -> Glossary:
    return glossary_of(*{**glossary.terms, term.id: term}.values())


NEEDS_B = (TermId("b"),)
# a → b → c by prerequisites; d stands apart (its text names a "Dee", no term yet); b's text
# links d; e's links b with spaces and a label.
DEE = "A Dee is near."
CHAIN = glossary_of(
    make_term("a", "A"),
    make_term("b", "B", prerequisites=(TermId("a"),), expert="Uses [[d]]."),
    make_term("c", "C", prerequisites=NEEDS_B),
    make_term("d", "D", eli5=DEE),
    make_term("e", "E", expert="Mentions [[ b |the B term]]."),
)


@pytest.mark.parametrize(
    ("change", "autolink", "pages"),
    [
        # a new title shows in the lists, graphs and paths around it and where text links it
        (make_term("b", "Bee", prerequisites=(TermId("a"),), expert="Uses [[d]]."), None,
         {"a", "b", "c", "e"}),
        # a new related term shows the link on both pages
        (make_term("d", "D", eli5=DEE, related=NEEDS_B), None, {"b", "d"}),
        # only its own text changed: only its own page
        (make_term("d", "D", eli5=DEE, expert="New."), None, {"d"}),
        # serving: also d, whose "Mentioned in" shows b's new title
        (make_term("b", "Bee", prerequisites=(TermId("a"),), expert="Uses [[d]]."), False,
         {"a", "b", "c", "d", "e"}),
        # d's text now links c: c's "Mentioned in" gains d
        (make_term("d", "D", eli5=DEE, expert="See [[c]]."), False, {"c", "d"}),
        # autolinking: a new title is linked in another term's text
        (make_term("c", "Dee", prerequisites=NEEDS_B), True, {"b", "c", "d"}),
    ],
)  # fmt: skip
def test_an_edit_rerenders_every_page_that_shows_it(
    change: Term, autolink: bool | None, pages: set[str]
) -> None:
    """While serving, only these pages are rendered again: a missing one stays stale."""
    assert _affected(CHAIN, _edit(CHAIN, change), autolink) == pages


@pytest.mark.parametrize(
    ("new", "pages"),
    [
        # a new term: its page, and the lists of the term it needs
        (_edit(CHAIN, make_term("f", "F", prerequisites=NEEDS_B)), {"b", "f"}),
        # a deleted term: the pages that listed it
        (glossary_of(*(t for t in CHAIN.terms.values() if t.id != "c")), {"b"}),
    ],
)
def test_a_term_that_comes_or_goes_rerenders_its_neighbours(new: Glossary, pages: set[str]) -> None:
    assert _affected(CHAIN, new) == pages


def test_a_broken_file_that_goes_rerenders_the_pages_that_link_it() -> None:
    """A link to a broken file's id is text; once the file is gone it is reported instead."""
    a = make_term("a", "A", expert="See [[x]].")
    old = Glossary({a.id: a}, frozenset({TermId("a"), TermId("x")}))
    new = Glossary({a.id: a}, frozenset({TermId("a")}))
    assert _affected(old, new) == {"a"}


def test_the_prose_cache_gives_the_converted_markdown_and_keeps_what_a_build_used() -> None:
    html = '<div class="glossary-prose">\n<p>Some <em>text</em>.</p>\n</div>\n'
    cache = RenderCache()
    first = cache.page_text("Some *text*.", html)
    assert first == cache.page_text("Some *text*.", html) == prose_markdown(html)
    cache.page_text("Gone.", "<p>Gone.</p>\n")
    cache.sweep()  # a build asked for both: both are kept
    assert len(cache) == 2
    cache.page_text("Some *text*.", html)
    cache.sweep()  # the next build asked for one
    assert len(cache) == 1


def test_a_rebuild_shows_a_new_title_on_the_path_page() -> None:
    """While serving, pages are kept between builds: the path page must follow a new title."""
    cache = RenderCache()
    site_pages(PAIR, build_graph(PAIR), PageOptions(), cache=cache)
    renamed = glossary_of(make_term("machine-learning", "Learning machines"),
                          PAIR.terms[TermId("bee")])  # fmt: skip
    path = site_pages(renamed, build_graph(renamed), PageOptions(), cache=cache)["path.md"]
    assert '<option value="machine-learning">Learning machines</option>' in path


def test_a_rebuild_follows_a_new_prerequisite_in_paths_and_skos() -> None:
    """Kept between builds while serving: the reading order and the SKOS export must follow
    an edge that an edit adds."""
    cache = RenderCache()
    three = (make_term("a", "A"), make_term("b", "B"), make_term("c", "C"))
    before = glossary_of(*three)
    first = site_pages(before, build_graph(before), PageOptions(), cache=cache)
    after = glossary_of(three[0], three[1], make_term("c", "C", prerequisites=(TermId("b"),)))
    second = site_pages(after, build_graph(after), PageOptions(), cache=cache)
    assert "Nothing to read first" in first["terms/c.md"]
    assert "1. [B](b.md)" in between(second["terms/c.md"], "## Learning path", "## ")
    assert "dcterms:requires" not in first["glossary.ttl"]
    assert "dcterms:requires <urn:glossary-site:term:b>" in second["glossary.ttl"]


def test_the_render_cache_remakes_a_page_only_when_its_key_changed() -> None:
    made: list[int] = []

    def make() -> str:
        made.append(1)
        return f"page {len(made)}"

    cache = RenderCache()
    assert [cache.memo("p", ("k", 1), make) for _ in range(2)] == ["page 1", "page 1"]
    assert cache.memo("p", ("k", 2), make) == "page 2"
    assert len(made) == 2


def test_a_terms_json_record_follows_the_url_layout_and_is_made_once() -> None:
    cache = RenderCache()
    bee = PAIR.terms[TermId("bee")]
    first = cache.term_json(bee, True)
    assert cache.term_json(bee, True) is first  # reused, not made again
    assert json.loads(first)["url"] == "terms/bee/"
    assert json.loads(cache.term_json(bee, False))["url"] == "terms/bee.html"


def _prose_html(glossary: Glossary, cache: RenderCache, term_id: str) -> str:
    return site_prose(glossary, PageOptions(), cache).sections[TermId(term_id)].html["expert"]


def test_a_served_rebuild_shows_the_new_title_of_a_linked_term() -> None:
    """The prose cache keeps a term's HTML while its text is unchanged, but not when a term
    its text links is renamed or deleted."""
    cache = RenderCache()
    linker = make_term("a", "A", expert="See [[ b ]].")
    old = glossary_of(linker, make_term("b", "Bee"))
    assert _prose_html(old, cache, "a") == '<p>See <a href="../b/">Bee</a>.</p>'
    renamed = glossary_of(linker, make_term("b", "Wasp"))
    assert _prose_html(renamed, cache, "a") == '<p>See <a href="../b/">Wasp</a>.</p>'
    assert _prose_html(glossary_of(linker), cache, "a") == "<p>See b.</p>"  # no broken link


def test_mentioned_in_lists_autolinking_terms_but_never_the_term_itself() -> None:
    glossary = glossary_of(
        make_term("a", "A", expert="See [[a]] and the Bee."),
        make_term("b", "Bee", expert="Also [[b]]."),
    )
    pages = site_pages(glossary, build_graph(glossary), PageOptions(autolink=True))
    mentioned = "## Mentioned in { #mentioned-in data-search-exclude }"
    assert between(pages["terms/b.md"], mentioned, "##") == "\n\n- [A](a.md) — A &#38; co\\.\n\n"
    assert between(pages["terms/a.md"], mentioned, "##") == (
        "\n\nNo other term's text links here yet.\n\n"
    )


def test_text_too_complex_to_render_is_shown_without_autolinks() -> None:
    """Such text is shown as plain paragraphs, as the check reads it: no mention in it."""
    deep = "See the Bee.\n\n" + "- " * 5_000 + "x"  # past any recursion limit
    glossary = glossary_of(make_term("a", "A", expert=deep), make_term("b", "Bee"))
    pages = site_pages(glossary, build_graph(glossary), PageOptions(autolink=True))
    assert "<p>See the Bee.</p>" in pages["terms/a.md"]
    mentioned = "## Mentioned in { #mentioned-in data-search-exclude }"
    assert between(pages["terms/b.md"], mentioned, "##") == (
        "\n\nNo other term's text links here yet.\n\n"
    )


BUILDS_ON = "## Builds on this { #builds-on-this data-search-exclude }"


def test_builds_on_this_lists_the_terms_that_need_it_or_says_none_does() -> None:
    assert between(page_of(PAIR, "machine-learning"), BUILDS_ON, "##") == (
        "\n\n- [Bee](bee.md) — Bee &#38; co\\.\n\n"
    )
    assert between(page_of(PAIR, "bee"), BUILDS_ON, "##") == "\n\nNo term builds on it yet.\n\n"


def test_a_terms_tags_are_listed_once_each_in_order() -> None:
    tags = ("kiwi", "fig", "apple", "lime", "date", "kiwi", "cherry", "banana", "grape")
    page = page_of(glossary_of(make_term("a", "A", tags=tags)), "a")
    listed = between(page, "**Tags:** ", "\n").split(" · ")
    assert listed == [f"[{t}](../tags/{t}.md)" for t in sorted(set(tags))]


def test_the_tags_overview_and_a_tag_page_link_each_other() -> None:
    pages = tag_pages(glossary_of(make_term("a", "A", tags=("alpha",))), PageOptions())
    assert "\n- [alpha](alpha.md) (1 term)\n" in pages["tags/index.md"]
    assert "\n1 term. [All tags](index.md)\n" in pages["tags/alpha.md"]


def test_a_graph_tooltip_holds_no_backslash_quote_or_percent() -> None:
    """Mermaid reads `\\`, `"` and `%` in a click tooltip as syntax: they are replaced."""
    glossary = glossary_of(
        make_term("a", "A"),
        make_term("b", "B", summary='C:\\tmp "q" 5%', prerequisites=(TermId("a"),)),
    )
    assert '\n  click t_b "../b/" "C:/tmp \'q\' 5\uff05"\n' in page_of(glossary, "a")


def test_graph_json_gives_each_term_its_longest_chain_and_aliases() -> None:
    """`depth` counts the longest chain of prerequisites (c needs a directly and through b)."""
    glossary = glossary_of(
        make_term("a", "A", aliases=("Alpha", "α")),
        make_term("b", "B", prerequisites=(TermId("a"),)),
        make_term("c", "C", prerequisites=(TermId("a"), TermId("b"))),
    )
    nodes = {n["id"]: n for n in json.loads(graph_json(glossary, build_graph(glossary)))["nodes"]}
    assert {i: n["depth"] for i, n in nodes.items()} == {"a": 0, "b": 1, "c": 2}
    assert nodes["a"]["aliases"] == ["Alpha", "α"]
    assert nodes["b"]["aliases"] == []


def test_graph_json_links_related_terms_unless_one_needs_the_other() -> None:
    glossary = glossary_of(
        make_term("a", "A", related=(TermId("c"),)),
        make_term("b", "B", prerequisites=(TermId("a"),), related=(TermId("a"),)),
        make_term("c", "C"),
    )
    links = json.loads(graph_json(glossary, build_graph(glossary)))["links"]
    assert [(k["source"], k["target"], k["kind"]) for k in links] == [
        ("a", "b", "prerequisite"),
        ("a", "c", "related"),
    ]


def test_json_exports_keep_non_ascii_text_as_written() -> None:
    """terms.json and the JSON-LD carry `Café`, not `Caf\\u00e9` (and stay valid JSON)."""
    term = make_term("cafe", "Café", summary="Ünïcode")
    record = term_record_json(term)
    assert '"title":"Café"' in record
    assert json.loads(record)["summary"] == "Ünïcode"
    ld = json_ld(term, "Glossaire", None)
    assert '"name":"Café"' in ld
    assert '"description":"Ünïcode"' in ld


@pytest.mark.parametrize(
    ("page", "headed"),
    [
        ("<head>\n  <title>t</title>\n  </head>", "<head>\n  <title>t</title>X\n  </head>"),
        ("<head><title>t</title></head>", "<head><title>t</title>X</head>"),
        ("\n</head>", "X\n</head>"),
        ("</head><body>", "X</head><body>"),
        ("<body>no head</body>", "<body>no head</body>"),
    ],
)
def test_a_head_fragment_goes_before_the_line_that_closes_head(page: str, headed: str) -> None:
    """Where Material's `extrahead` block prints: at the end of the line before `</head>`
    when that closing tag stands on a line of its own, else right before it."""
    assert into_head(page, "X") == headed


def test_graph_json_gives_the_explorer_each_terms_title_and_summary() -> None:
    """The explorer's tooltips and search read `title` and `summary` from each node."""
    nodes = json.loads(graph_json(PAIR, build_graph(PAIR)))["nodes"]
    assert {n["id"]: (n["title"], n["summary"]) for n in nodes} == {
        "bee": ("Bee", "Bee & co."),
        "machine-learning": ("ML", "ML & co."),
    }


def test_a_link_in_prose_shows_the_title_with_its_spaces_as_everywhere_else() -> None:
    """[[id]] shows the linked term's title; runs of spaces and tabs in it show as one space,
    as in the lists and the graph."""
    glossary = glossary_of(
        make_term("mdp", "Markov  Decision\tProcess"),
        make_term("q", "Q", overview="See [[mdp]] and [[mdp|its model]]."),
    )
    html = site_prose(glossary, PageOptions(), RenderCache()).sections[TermId("q")].html
    assert html["overview"] == (
        '<p>See <a href="../mdp/">Markov Decision Process</a> and '
        '<a href="../mdp/">its model</a>.</p>'
    )


def test_the_exports_carry_each_terms_id_and_tags() -> None:
    glossary = glossary_of(
        make_term("bee", "Bee", tags=("insects", "level-0")), make_term("ant", "Ant")
    )
    nodes = json.loads(graph_json(glossary, build_graph(glossary)))["nodes"]
    assert {node["id"]: node["tags"] for node in nodes} == {
        "ant": [],
        "bee": ["insects", "level-0"],
    }
    records = json.loads(terms_json(glossary))
    assert [(record["id"], record["tags"]) for record in records] == [
        ("ant", []),
        ("bee", ["insects", "level-0"]),
    ]


def test_a_source_address_is_written_so_that_any_character_stays_in_the_link() -> None:
    source = Source("Köln, a city", "https://de.wikipedia.org/wiki/Köln_(Stadt) x>y")
    page = page_of(glossary_of(make_term("bee", "Bee", sources=(source,))), "bee")
    assert "1. [Köln, a city](<https://de.wikipedia.org/wiki/K%C3%B6ln_%28Stadt%29%20x%3Ey>)" in (
        page.splitlines()
    )


def test_links_between_docs_pages_are_their_relative_paths() -> None:
    """What posixpath.relpath gives, except that a file is never the folder named like it."""
    pages = ["index.md", "a.md", "x/a.md", "x/y/a.md", "x/index.md", "y/a.md", "x/y/z/w.md"]
    for source, target in itertools.product(pages, pages):
        assert _md_link(source, target) == posixpath.relpath(
            target, posixpath.dirname(source) or "."
        ), (source, target)
    assert _md_link("a.md/b.md", "a.md") == "../a.md"
    assert _md_link("x/a.md/c.md", "x/a.md") == "../a.md"


def test_a_terms_json_record_holds_every_field_of_the_term() -> None:
    bee = make_term(
        "bee",
        "Bee",
        overview="Seen first.",
        prerequisites=(TermId("ant"),),
        related=(TermId("wasp"),),
        aliases=("B",),
        tags=("insects",),
        status="reviewed",
        sources=(Source("A book", "https://example.org/b"),),
    )
    (record,) = json.loads(terms_json(glossary_of(bee)))
    assert record == {
        "id": "bee",
        "url": "terms/bee/",
        "title": "Bee",
        "summary": "Bee & co.",
        "overview": "Seen first.",
        "eli5": "Like a toy.",
        "expert": "Deep.",
        "prerequisites": ["ant"],
        "related": ["wasp"],
        "aliases": ["B"],
        "tags": ["insects"],
        "status": "reviewed",
        "sources": [{"title": "A book", "url": "https://example.org/b"}],
    }
