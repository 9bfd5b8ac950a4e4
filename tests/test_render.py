"""What a reader gets on the generated pages: link lists, learning paths, concept graphs,
headings, sources, the A–Z index, tag pages and graph.json, rendered by mkdocs in-process."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest

from site_builder.render.exports import json_ld
from site_builder.render.mermaid import label
from tests.helpers import term
from tests.pages import Rendered, render

GOLDEN = Path(__file__).resolve().parent / "golden"

# Titles differ from ids on purpose: orders "by id" and "by title" disagree.
GLOSSARY = {
    "alpha": term(
        "Zebra",
        summary='Says "hi" from C:\\temp.',
        tags=["x"],
        expert="## Part\n\nText.\n\n#### Deep\n\nMore.\n\n##### *Deepest*\n\nLast.\n\n"
        "###### `a` `b`\n\n## Why `exp(x)`, *stress*, **bold** and $x^2$ in "
        "[a link](https://example.org/l) & co [bad](javascript:x)",
        sources=[{"title": "<i>T</i> & [x](y)", "url": "https://example.org/a?b=1&c=<2>"}],
    ),
    "beta": term("Aardvark", tags=["x", "y"], aliases=["AV"], related=["zeta"]),
    # Listed out of id order: pages list them in id order.
    "gamma": term("Gamma", prerequisites=["beta", "alpha"], related=["delta"], aliases=["ML"]),
    # gamma lists delta as related and delta needs gamma: one link, shown once.
    "delta": term("Delta", prerequisites=["gamma"]),
    "zeta": term("3D Zeta", tags=["y"], related=["beta"]),
    "epsilon": term("Émile", prerequisites=["delta", "zeta"]),
}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Rendered:
    return render(tmp_path_factory.mktemp("render"), GLOSSARY)


def texts(elements: list[object]) -> list[str]:
    return [e.text_content().strip() for e in elements]  # type: ignore[attr-defined]


def test_learning_path_orders_ties_by_id(site: Rendered) -> None:
    path = site.section("terms/gamma.md", "learning-path")
    assert texts(path.xpath(".//ol/li/a")) == ["Zebra", "Aardvark"]
    path = site.section("terms/epsilon.md", "learning-path")
    assert texts(path.xpath(".//ol/li/a")) == ["Zebra", "Aardvark", "Gamma", "Delta", "3D Zeta"]
    assert [a.get("href") for a in path.xpath(".//ol/li/a")][:2] == ["../alpha/", "../beta/"]


def test_a_term_without_prerequisites_is_a_starting_point(site: Rendered) -> None:
    path = site.section("terms/alpha.md", "learning-path")
    assert path.text_content().strip() == "Nothing to read first: Zebra is a good place to start."


def test_link_lists_show_each_neighbour_once(site: Rendered) -> None:
    lists = {
        anchor: texts(site.section("terms/gamma.md", anchor).xpath(".//li/a"))
        for anchor in ("prerequisites", "builds-on-this", "related-terms")
    }
    assert lists == {"prerequisites": ["Zebra", "Aardvark"], "builds-on-this": ["Delta"],
                     "related-terms": []}  # fmt: skip
    related = site.section("terms/gamma.md", "related-terms").text_content().strip()
    assert related == "No related terms yet."
    item = site.section("terms/gamma.md", "builds-on-this").xpath(".//li")[0]
    assert item.text_content() == "Delta — Delta is a thing used in tests."


def test_concept_graph_shows_each_neighbour_once(site: Rendered) -> None:
    source = site.mermaid("gamma")
    assert source.splitlines()[:5] == [
        "graph LR",
        '  t_gamma["Gamma"]:::main',
        '  t_alpha["Zebra"]:::pre --> t_gamma',
        '  t_beta["Aardvark"]:::pre --> t_gamma',
        '  t_gamma --> t_delta["Delta"]:::child',
    ]
    assert source.count("t_delta[") == 1 and ":::related" not in source


def test_concept_graphs_match_golden(site: Rendered) -> None:
    """Every kind of neighbour, its style and its link, as Mermaid reads it."""
    graphs = "".join(f"%% {term_id}\n{site.mermaid(term_id)}\n" for term_id in ("gamma", "beta"))
    assert graphs == (GOLDEN / "concept-graphs.mmd").read_text("utf-8")


def test_click_lines_survive_quotes_and_backslashes(site: Rendered) -> None:
    clicks = [line for line in site.mermaid("gamma").splitlines() if "click" in line]
    assert clicks == [
        '  click t_alpha "../alpha/" "Says \'hi\' from C:/temp."',
        '  click t_beta "../beta/" "Aardvark is a thing used in tests."',
        '  click t_delta "../delta/" "Delta is a thing used in tests."',
    ]


def test_graph_caption_names_every_neighbour(site: Rendered) -> None:
    caption = site.html("terms/gamma.md").xpath("//figcaption")[0].text_content().strip()
    assert caption == (
        "Concept graph of Gamma. Learn first: Zebra, Aardvark. Builds on it: Delta. Related: none."
    )


def test_expert_headings_sit_below_the_section_heading(site: Rendered) -> None:
    (section,) = site.html("terms/alpha.md").xpath("//h2[@id='expert']")
    assert section.text_content().strip("¶ ") == "Expert deep dive"
    expert = site.section("terms/alpha.md", "expert")  # up to the next h2
    headings = [(h.tag, h.text_content().strip("¶ ")) for h in expert.xpath("h3|h4|h5|h6")]
    last = ("h3", "Why exp(x), stress, bold and \\(x^2\\) in a link & co bad")
    assert headings == [("h3", "Part"), ("h5", "Deep"), ("h6", "Deepest"), ("h6", "a b"), last]


def test_an_expert_heading_keeps_code_emphasis_and_math_but_not_links(site: Rendered) -> None:
    expert = site.section("terms/alpha.md", "expert")
    heading = expert.xpath("h3")[-1]
    kept = [(e.tag, e.get("class"), e.text_content()) for e in heading.iterchildren()]
    assert kept[:4] == [("code", None, "exp(x)"), ("em", None, "stress"),
                        ("strong", None, "bold"), ("span", "arithmatex", "\\(x^2\\)")]  # fmt: skip
    assert not heading.xpath(".//a[not(@class='headerlink')]")
    assert len(heading.find_class("arithmatex")) == 1  # the unsafe link's text is not math


def test_source_titles_are_shown_as_text(site: Rendered) -> None:
    sources = site.section("terms/alpha.md", "sources")
    (link,) = sources.xpath(".//ol/li/a")
    assert link.text_content() == "<i>T</i> & [x](y)"
    assert link.get("href") == "https://example.org/a?b=1&c=%3C2%3E"
    assert sources.xpath(".//i") == []


def test_tags_and_aliases_on_the_term_page(site: Rendered) -> None:
    page = site.html("terms/beta.md")
    (tags,) = page.xpath("//p[contains(@class, 'glossary-tags')]")
    assert [(a.text, a.get("href")) for a in tags.xpath("a")] == [
        ("x", "../../tags/x/"),
        ("y", "../../tags/y/"),
    ]
    (aliases,) = page.xpath("//p[contains(@class, 'glossary-aliases')]")
    assert aliases.text_content() == "Also known as AV"


def test_graph_json_depth_is_the_longest_prerequisite_chain(site: Rendered) -> None:
    nodes = json.loads(site.files["graph.json"])["nodes"]
    depths = {n["id"]: n["depth"] for n in nodes}
    assert depths == {"alpha": 0, "beta": 0, "delta": 2, "epsilon": 3, "gamma": 1, "zeta": 0}


def test_graph_json_links_each_pair_once(site: Rendered) -> None:
    links = json.loads(site.files["graph.json"])["links"]
    pairs = sorted((link["source"], link["target"], link["kind"]) for link in links)
    assert pairs == [
        ("alpha", "gamma", "prerequisite"),
        ("beta", "gamma", "prerequisite"),
        ("beta", "zeta", "related"),
        ("delta", "epsilon", "prerequisite"),
        ("gamma", "delta", "prerequisite"),
        ("zeta", "epsilon", "prerequisite"),
    ]


def test_a_to_z_index_groups_titles_and_aliases_by_letter(site: Rendered) -> None:
    page = site.html("a-z.md")
    groups = {
        h.get("id"): texts(h.xpath("following-sibling::ul[1]/li")) for h in page.xpath("//h2")
    }
    # Every term of the test site is a draft; its status badge follows the title.
    assert groups == {
        "letter-0-9": ["3D Zeta Draft — 3D Zeta is a thing used in tests."],
        "letter-a": ["Aardvark Draft — Aardvark is a thing used in tests.", "AV → Aardvark"],
        "letter-d": ["Delta Draft — Delta is a thing used in tests."],
        "letter-e": ["Émile Draft — Émile is a thing used in tests."],
        "letter-g": ["Gamma Draft — Gamma is a thing used in tests."],
        "letter-m": ["ML → Gamma"],
        "letter-z": ['Zebra Draft — Says "hi" from C:\\temp.'],
    }
    jump = [a.get("href") for a in page.xpath("//p[contains(@class, 'jumpbar')]/a")]
    assert jump == [f"#{key}" for key in groups]
    assert "6 terms and 2 other names." in page.text_content()


def test_tag_pages_list_their_terms_by_title(site: Rendered) -> None:
    overview = site.html("tags/index.md")
    assert texts(overview.xpath("//li")) == ["x (2 terms)", "y (2 terms)"]
    tag = site.html("tags/y.md")
    assert texts(tag.xpath("//li/a")) == ["3D Zeta", "Aardvark"]
    assert [a.get("href") for a in tag.xpath("//li/a")] == [
        "../../terms/zeta/",
        "../../terms/beta/",
    ]
    assert "2 terms." in tag.text_content()


def test_index_and_tag_orders_do_not_depend_on_the_files(tmp_path: Path) -> None:
    terms = {
        "a": term("Ωmega", tags=["zz", "mm"]),
        "b": term("apple", tags=["aa", "zz", "aa"]),
        "c": term("Apple", tags=["qq", "aa"]),
        "d": term("Beta", tags=["kk"]),
    }
    site = render(tmp_path, terms)
    page = site.html("a-z.md")
    assert [h.get("id") for h in page.xpath("//h2")] == ["letter-0-9", "letter-a", "letter-b"]
    assert texts(page.xpath("//h2[@id='letter-a']/following-sibling::ul[1]/li/a")) == [
        "Apple",
        "apple",
    ]
    assert [a.get("href") for a in page.xpath("//li/a")] == [
        "../terms/a/",
        "../terms/c/",
        "../terms/b/",
        "../terms/d/",
    ]
    overview = texts(site.html("tags/index.md").xpath("//li"))
    assert overview == ["aa (2 terms)", "kk (1 term)", "mm (1 term)", "qq (1 term)", "zz (2 terms)"]
    # Tag pages sort by title, case-blind; a tie keeps id order.
    assert texts(site.html("tags/aa.md").xpath("//li/a")) == ["apple", "Apple"]
    assert "1 term." in site.html("tags/kk.md").text_content()
    assert site.meta["tags/kk.md"] == {
        "title": "Tag: kk",
        "description": "Glossary terms tagged kk.",
    }
    tags = site.html("terms/b.md").xpath("//p[contains(@class, 'glossary-tags')]/a")
    assert texts(tags) == ["aa", "zz"]
    options = site.html("explorer.md").xpath("//select[@class='glossary-explorer__tag']/option")
    assert [o.get("value") for o in options] == ["", "aa", "kk", "mm", "qq", "zz"]


def test_the_explorer_loads_graph_json_from_its_own_folder(site: Rendered) -> None:
    (explorer,) = site.html("explorer.md").xpath("//div[@class='glossary-explorer']")
    assert explorer.get("data-graph") == "../graph.json"
    options = explorer.xpath(".//select[@class='glossary-explorer__tag']/option/@value")
    assert options == ["", "x", "y"]


@pytest.mark.parametrize(
    ("explorer_page", "graph_href", "index_href"),
    [
        ("maps/index.md", "../graph.json", "../a-z/"),
        ("maps/graph.md", "../../graph.json", "../../a-z/"),
        ("X/index.md", "../graph.json", "../a-z/"),  # a one-letter folder
        ("a-z.md/index.md", "../graph.json", "../a-z/"),  # a folder named like the index page
    ],
)
def test_the_explorer_finds_graph_json_from_any_folder(
    tmp_path: Path, explorer_page: str, graph_href: str, index_href: str
) -> None:
    site = render(tmp_path, {"a": term("A")}, explorer_page=explorer_page)
    (explorer,) = site.html(explorer_page).xpath("//div[@class='glossary-explorer']")
    assert explorer.get("data-graph") == graph_href
    (index,) = site.html(explorer_page).xpath("//a[text()='A–Z index']")
    assert index.get("href") == index_href


@pytest.mark.parametrize("direction", ["LR", "RL", "TB", "BT"])
def test_graph_direction(tmp_path: Path, direction: str) -> None:
    site = render(tmp_path, {"a": term("A")}, graph_direction=direction)
    assert site.mermaid("a").startswith(f"graph {direction}\n")


def test_ten_neighbours_per_kind_by_default(tmp_path: Path) -> None:
    needed = {f"p{i:02}": term(f"P{i:02}") for i in range(11)}
    site = render(tmp_path, {**needed, "hub": term("Hub", prerequisites=list(needed))})
    hub = site.mermaid("hub")
    assert "t_p09[" in hub and "t_p10" not in hub
    assert '  more_pre["+1 more"]:::more -.-> t_hub' in hub.splitlines()


def test_at_most_max_neighbours_per_kind_are_drawn(tmp_path: Path) -> None:
    terms = {
        **{f"p{i}": term(f"P{i}") for i in range(1, 4)},
        "hub": term("Hub", prerequisites=["p1", "p2", "p3"]),
        "pair": term("Pair", prerequisites=["p1", "p2"]),
    }
    site = render(tmp_path, terms, graph_max_neighbours=2)
    hub = site.mermaid("hub")
    assert "t_p1[" in hub and "t_p2[" in hub and "t_p3" not in hub
    assert '  more_pre["+1 more"]:::more -.-> t_hub' in hub.splitlines()
    assert "more_" not in site.mermaid("pair") and "t_p2[" in site.mermaid("pair")
    assert texts(site.section("terms/hub.md", "prerequisites").xpath(".//li/a")) == [
        "P1",
        "P2",
        "P3",
    ]


def test_related_terms_are_listed_in_id_order(tmp_path: Path) -> None:
    names = ["e", "d", "c", "b", "a"]
    terms = {n: term(n.upper(), related=["hub"]) for n in names}
    site = render(tmp_path, {**terms, "hub": term("Hub", related=names)})
    assert texts(site.section("terms/hub.md", "related-terms").xpath(".//li/a")) == sorted(
        n.upper() for n in names
    )
    drawn = re.findall(r"t_(\w)\[", site.mermaid("hub"))
    assert drawn == ["a", "b", "c", "d", "e"]


def test_links_without_directory_urls(tmp_path: Path) -> None:
    terms = {
        "alpha": term("Alpha", related=["beta"]),
        "beta": term("Beta", related=["alpha"], prerequisites=["gamma"]),
        "gamma": term("Gamma", tags=["t"]),
    }
    site = render(tmp_path, terms, config={"use_directory_urls": False})
    assert re.findall(r'click \S+ "([^"]*)"', site.mermaid("beta")) == ["gamma.html", "alpha.html"]
    related = site.section("terms/beta.md", "related-terms").xpath(".//a/@href")
    assert related == ["alpha.html"]
    nodes = json.loads(site.files["graph.json"])["nodes"]
    assert [n["url"] for n in nodes] == ["terms/alpha.html", "terms/beta.html", "terms/gamma.html"]
    records = json.loads(site.files["terms.json"])
    assert [r["url"] for r in records] == [
        "terms/alpha.html",
        "terms/beta.html",
        "terms/gamma.html",
    ]
    (explorer,) = site.html("explorer.md").xpath("//div[@class='glossary-explorer']")
    assert explorer.get("data-graph") == "graph.json"
    tags = site.html("terms/gamma.md").xpath("//p[contains(@class, 'glossary-tags')]/a/@href")
    assert tags == ["../tags/t.html"]


HOSTILE = term(
    '<script>alert("t")</script> & "a < b"',
    summary='"><img src=x onerror=alert(1)> *not emphasis* [not](a link) $5',
    aliases=["<b>bold</b>"],
    overview="Para\n{: onclick=\"alert('attr')\" }\n\n<iframe src=x></iframe>",
    eli5="<script>alert('eli5')</script> and `<code>` stays code",
    expert="## Part\n\n<style>body{display:none}</style>\n\n$a < b$",
    sources=[{"title": "<i>T</i>", "url": 'https://example.org/?q=<x>&y="z"'}],
    tags=["t"],
)


def test_hostile_text_is_shown_never_run(tmp_path: Path) -> None:
    """Every field of a term as a reader sees it: text, never elements or event handlers."""
    site = render(tmp_path, {"hostile": HOSTILE, "other": term("Other", related=["hostile"])})
    # The theme prints these into <title> and <meta content="…"> as they are.
    assert site.meta["terms/hostile.md"]["title"] == html.escape(HOSTILE["title"])
    assert site.meta["terms/hostile.md"]["description"] == html.escape(HOSTILE["summary"])
    for path in (p for p in site.files if p.endswith(".md")):
        page = site.html(path)
        assert not page.xpath("//script|//iframe|//style|//img|//b|//i"), path
        assert not page.xpath("//@*[starts-with(name(), 'on')]"), path
    text = site.html("terms/hostile.md").text_content()
    for shown in ('<script>alert("t")</script> & "a < b"', "*not emphasis* [not](a link) $5",
                  "<b>bold</b>", "<iframe src=x></iframe>", "<i>T</i>"):  # fmt: skip
        assert shown in text


# Mermaid label escapes: text → what goes between the quotes of `id["…"]`.
MERMAID_LABELS = [
    ("Plain", "Plain"),
    ('Say "hi"', "Say #quot;hi#quot;"),
    ("C# & F#", "C#35; #amp; F#35;"),
    ("<b>x</b>", "#lt;b#gt;x#lt;/b#gt;"),
    ("a `tick`", "a #96;tick#96;"),
    ("two\n  lines", "two lines"),
    ("#quot;", "#35;quot;"),
    # Mermaid reads `%%{…}%%` anywhere as a directive (init, themeCSS).
    ("%%{init: {}}%%", "#37;#37;#123;init: #123;#125;#125;#37;#37;"),
]


@pytest.mark.parametrize(("text", "expected"), MERMAID_LABELS)
def test_mermaid_labels_are_escaped(text: str, expected: str) -> None:
    assert label(text) == expected


# JSON-LD goes inside <script>: nothing in it may close the element or start a comment.
@pytest.mark.parametrize(
    "title", ["</script><script>alert(1)</script>", "<!-- x", "a & b", "Ünïcode “quotes”"]
)
def test_json_ld_cannot_leave_its_script(title: str) -> None:
    from site_builder.model import Term, TermId

    item = Term(TermId("x"), "x.yaml", title, "S.", "E.", "X.", aliases=("A",))
    text = json_ld(item, "Site", "https://example.org/base", directory_urls=False)
    assert not set("<>&") & set(text)
    data = json.loads(text)
    assert data["name"] == title and data["alternateName"] == ["A"]
    assert data["url"] == "https://example.org/base/terms/x.html"
    assert data["inDefinedTermSet"] == {
        "@type": "DefinedTermSet",
        "name": "Site",
        "url": "https://example.org/base/",
    }
    assert "url" not in json.loads(json_ld(item, "Site", None))
