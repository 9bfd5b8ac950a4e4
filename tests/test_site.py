"""Real `mkdocs build`s of tiny glossaries: pages, graphs, links, escaping, errors."""

from __future__ import annotations

import html as html_lib
import json
import re
import subprocess
from pathlib import Path
from typing import Any

import lxml.html
import pytest
import yaml

from tests.allowlist import problems
from tests.helpers import term
from tests.sites import build, make_project, starter_terms

HOSTILE: dict[str, Any] = {
    "title": '<script>alert("t")</script> & "a < b"',
    "summary": '"><img src=x onerror=alert(1)> *not emphasis* [not](a link) $5',
    "aliases": ["<b>bold</b>"],
    "overview": "Para\n{: onclick=\"alert('attr')\" }\n\n<iframe src=x></iframe>",
    "eli5": "<script>alert('eli5')</script> and `<code>` stays code",
    "expert": "## Part\n\n<style>body{display:none}</style>\n\n$a < b$",
    "sources": [{"title": "<i>T</i>", "url": 'https://example.org/?q=<x>&y="z"'}],
}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = make_project(
        tmp_path_factory.mktemp("site"),
        {
            **starter_terms(),
            "hostile": term(related=["end"], **HOSTILE),
            "end": term("End", related=["probability", "hostile"]),
        },
    )
    result = build(root)  # not --strict: the hostile term's raw HTML is (rightly) a warning
    assert result.returncode == 0, result.stderr
    assert (
        "[raw-html] raw HTML '<iframe src=x>' in 'overview' will be shown as text" in result.stderr
    )
    return root / "site"


def page(site: Path, term_id: str) -> str:
    return (site / "terms" / term_id / "index.html").read_text("utf-8")


def mermaid_source(html: str) -> str:
    match = re.search(r'<pre class="glossary-mermaid"[^>]*><code>(.*?)</code></pre>', html, re.S)
    assert match, "no mermaid block"
    return html_lib.unescape(match.group(1))  # what Mermaid reads


def test_graph_shows_prerequisites_dependants_and_related(site: Path) -> None:
    source = mermaid_source(page(site, "graph"))
    assert source.startswith("graph LR\n")
    assert 't_graph["Graph"]:::main' in source
    assert 't_click["Click"]:::pre --> t_graph' in source
    assert "t_graph --> t_large_language_model" in source
    assert 't_subgraph["Subgraph"]:::related -.- t_graph' in source


def test_click_urls_are_relative(site: Path) -> None:
    source = mermaid_source(page(site, "graph"))
    clicks = re.findall(r'click (\S+) "(.*?)"', source)
    assert ("t_click", "../click/") in clicks
    assert all(url.startswith("../") for _, url in clicks)
    assert "/terms/" not in source


def test_mermaid_keywords_as_ids_are_prefixed(site: Path) -> None:
    source = mermaid_source(page(site, "end"))
    assert re.search(r"^\s+t_end\[", source, re.M)
    assert not re.search(r"^\s+end\b", source, re.M)


def test_related_shows_from_both_sides(site: Path) -> None:
    # Only "end" lists "probability" and vice versa; "subgraph" lists "graph" and back.
    assert 'href="../end/"' in page(site, "probability")


def test_link_lists_and_learning_path_order(site: Path) -> None:
    html = page(site, "large-language-model")
    path = re.search(r'id="learning-path".*?<ol>(.*?)</ol>', html, re.S)
    assert path, "no learning path"
    order = re.findall(r'href="\.\./([^/]+)/"', path.group(1))
    assert order == ["probability", "machine-learning", "click", "graph"]
    prereq = re.search(r'id="prerequisites".*?<ul>(.*?)</ul>', html, re.S)
    assert prereq and 'href="../graph/"' in prereq.group(1)
    builds = re.search(r'id="builds-on-this".*?<ul>(.*?)</ul>', page(site, "click"), re.S)
    assert builds and 'href="../graph/"' in builds.group(1)


def test_in_text_term_links_become_relative_links(site: Path) -> None:
    html = page(site, "subgraph")
    assert '<a href="../graph/">Graph</a>' in html
    assert '<a href="../click/">the click term</a>' in html


def test_graph_source_stays_out_of_the_search_index(site: Path) -> None:
    index = (site / "search" / "search_index.json").read_text("utf-8")
    assert "classDef" not in index and "t_graph" not in index
    docs = json.loads(index)["docs"]
    ml = "terms/machine-learning/"
    assert any("ML" in d["text"] for d in docs if d["location"].startswith(ml))


def test_link_lists_stay_out_of_the_search_index(site: Path) -> None:
    """They repeat other terms' summaries: a third of the index, and false hits."""
    docs = json.loads((site / "search" / "search_index.json").read_text("utf-8"))["docs"]
    sections = {d["location"].split("#", 1)[-1] for d in docs if d["location"].startswith("terms/")}
    assert "eli5" in sections and "detail" in sections  # the prose stays searchable
    assert sections.isdisjoint(
        {
            "concept-graph",
            "learning-path",
            "prerequisites",
            "builds-on-this",
            "related-terms",
            "sources",
        }
    )


def test_term_pages_are_not_in_the_navigation(site: Path) -> None:
    nav = re.search(r'<nav class="md-nav md-nav--primary".*?</nav>', page(site, "graph"), re.S)
    assert nav and "terms/" not in nav.group(0).replace("../", "")
    assert "A–Z index" in nav.group(0)


def test_a_to_z_index_lists_titles_aliases_and_letters(site: Path) -> None:
    html = (site / "a-z" / "index.html").read_text("utf-8")
    assert 'href="#letter-m"' in html and 'id="letter-m"' in html
    assert re.search(r"ML → <a href=\"\.\./terms/machine-learning/\">Machine Learning</a>", html)


def test_tag_pages_link_their_terms(site: Path) -> None:
    html = (site / "tags" / "basics" / "index.html").read_text("utf-8")
    assert 'href="../../terms/machine-learning/"' in html


def _scripts(html: str) -> list[tuple[str, str]]:
    """Every executable script of a page as (src, inline text); JSON data blocks excluded."""
    tree = lxml.html.fromstring(html)
    return [
        (s.get("src", ""), s.text or "")
        for s in tree.iter("script")
        if not (s.get("type") or "").endswith("json")
    ]


def test_hostile_text_reaches_the_built_page_only_as_allowlisted_markup(site: Path) -> None:
    html = page(site, "hostile")
    tree = lxml.html.fromstring(html)
    (article,) = tree.iter("article")
    inner = "".join(lxml.html.tostring(child, encoding="unicode") for child in article)
    assert problems(inner) == []
    # The hostile page runs exactly the scripts a benign page runs (paths relative alike).
    assert _scripts(html) == _scripts(page(site, "probability"))
    assert "&lt;script&gt;alert(&quot;t&quot;)" in html or '&lt;script&gt;alert("t")' in html
    assert "*not emphasis* [not](a link) $5" in html
    assert '<meta name="description" content="&quot;&gt;&lt;img' in html
    assert "<title>&lt;script&gt;" in html
    assert "&lt;b&gt;bold&lt;/b&gt;" in html
    assert "<code>&lt;code&gt;</code>" in html
    source = mermaid_source(html)
    assert "#lt;script#gt;" in source and "<script" not in source


def test_strict_build_fails_on_warnings(tmp_path: Path) -> None:
    root = make_project(tmp_path, {**starter_terms(), "lonely": term("Lonely")})
    result = build(root, "--strict")
    assert result.returncode == 1
    assert "terms/lonely.yaml:1:1: [orphan]" in result.stderr


def test_errors_abort_the_build_with_file_and_line(tmp_path: Path) -> None:
    root = make_project(
        tmp_path, {**starter_terms(), "bad": term("Bad", prerequisites=["nope"], related=["end"])}
    )
    result = build(root)
    assert result.returncode == 1
    assert "terms/bad.yaml:9:5: [unknown-term] prerequisite 'nope' does not exist" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (root / "site" / "terms" / "bad").exists()


def test_a_theme_other_than_material_is_a_clear_error(tmp_path: Path) -> None:
    root = make_project(tmp_path, starter_terms())
    config = (root / "mkdocs.yml").read_text("utf-8").replace("name: material", "name: mkdocs")
    (root / "mkdocs.yml").write_text(config, "utf-8")
    result = build(root)
    assert result.returncode == 1
    assert "needs the Material for MkDocs theme, but mkdocs.yml uses theme 'mkdocs'" in (
        result.stderr
    )
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    ("option", "value", "message"),
    [
        ("graph_max_neighbours", 0, "Expected a whole number of at least 1, but received: 0"),
        ("graph_direction", "up", "Expected one of: ('LR', 'RL', 'TB', 'BT') but received: 'up'"),
        ("index_page", "../a-z.md", "Expected a relative path inside the docs folder"),
    ],
)
def test_invalid_options_are_mkdocs_config_errors(
    tmp_path: Path, option: str, value: object, message: str
) -> None:
    root = make_project(tmp_path, starter_terms(), **{option: value})
    result = build(root)
    assert result.returncode == 1
    assert f"Plugin 'glossary' option '{option}': {message}" in result.stderr
    assert "Traceback" not in result.stderr


def test_same_input_gives_byte_identical_output(tmp_path: Path) -> None:
    root = make_project(tmp_path, starter_terms())
    assert build(root).returncode == 0
    first = {p.relative_to(root): p.read_bytes() for p in (root / "site").rglob("*") if p.is_file()}
    assert build(root).returncode == 0
    second = {
        p.relative_to(root): p.read_bytes() for p in (root / "site").rglob("*") if p.is_file()
    }
    assert first.keys() == second.keys()
    assert [k for k in first if first[k] != second[k]] == []


def _tree(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    }


def test_render_export_builds_the_same_site_without_the_plugin(tmp_path: Path) -> None:
    root = make_project(tmp_path, starter_terms())
    assert build(root).returncode == 0
    exported = subprocess.run(
        ["glossary", "render", "--out", "exported"], cwd=root, capture_output=True, text=True
    )
    assert exported.returncode == 0, exported.stderr
    assert "custom_dir: exported/templates, font: false" in exported.stdout
    config = yaml.safe_load((root / "mkdocs.yml").read_text("utf-8"))
    # What `glossary render` says a plain build needs: the plugin adds these itself.
    config["plugins"] = [p for p in config["plugins"] if "glossary" not in p]
    config["docs_dir"] = "exported"
    config["theme"].update(custom_dir="exported/templates", font=False)
    config["extra_css"] = ["assets/glossary/glossary.css"]
    config["extra_javascript"] = ["assets/glossary/glossary.js"]
    (root / "plain.yml").write_text(yaml.safe_dump(config, allow_unicode=True), "utf-8")
    result = subprocess.run(
        ["mkdocs", "build", "-f", "plain.yml", "-d", "plain-site"],
        cwd=root,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    plugin_site, plain_site = _tree(root / "site"), _tree(root / "plain-site")
    assert plugin_site.keys() == plain_site.keys()
    assert [k for k in plugin_site if plugin_site[k] != plain_site[k]] == []


def test_render_refuses_a_folder_that_is_not_empty(tmp_path: Path) -> None:
    root = make_project(tmp_path, starter_terms())
    (root / "out").mkdir()
    (root / "out" / "keep.txt").write_text("mine", "utf-8")
    result = subprocess.run(
        ["glossary", "render", "--out", "out"], cwd=root, capture_output=True, text=True
    )
    assert result.returncode == 2
    assert "out exists and is not an empty folder or an earlier render output" in result.stderr
    assert (root / "out" / "keep.txt").read_text("utf-8") == "mine"


def _json_ld(html: str) -> dict[str, object]:
    match = re.search(r'<script type="?application/ld\+json"?>(.*?)</script>', html, re.S)
    assert match, "no JSON-LD"
    data: dict[str, object] = json.loads(match.group(1))
    return data


def test_json_ld_describes_a_defined_term_in_its_set(site: Path) -> None:
    data = _json_ld(page(site, "machine-learning"))
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "DefinedTerm"
    assert data["name"] == "Machine Learning" and data["termCode"] == "machine-learning"
    assert data["alternateName"] == ["ML"]
    term_set = data["inDefinedTermSet"]
    assert isinstance(term_set, dict) and term_set["@type"] == "DefinedTermSet"
    assert data["url"] == "http://127.0.0.1:8000/terms/machine-learning/"


def test_json_ld_of_hostile_text_cannot_close_its_script(site: Path) -> None:
    html = page(site, "hostile")
    data = _json_ld(html)
    assert data["name"] == HOSTILE["title"]  # intact after JSON decoding
    assert html.count("</script>") == html.count("<script")


def test_graph_json_is_node_link_data_with_both_edge_kinds(site: Path) -> None:
    data = json.loads((site / "graph.json").read_text("utf-8"))
    nodes = {n["id"]: n for n in data["nodes"]}
    assert nodes["graph"]["url"] == "terms/graph/" and nodes["graph"]["title"] == "Graph"
    assert {"summary", "tags", "depth", "aliases"} <= set(nodes["graph"])
    kinds = {(link["source"], link["target"]): link["kind"] for link in data["links"]}
    assert kinds[("click", "graph")] == "prerequisite"
    assert (
        kinds.get(("graph", "subgraph")) == "related"
        or kinds.get(("subgraph", "graph")) == "related"
    )


def test_terms_json_has_every_field_and_url(site: Path) -> None:
    records = {r["id"]: r for r in json.loads((site / "terms.json").read_text("utf-8"))}
    assert records["subgraph"]["url"] == "terms/subgraph/"
    assert records["subgraph"]["expert"].startswith("## Detail")
    assert {
        "title",
        "summary",
        "eli5",
        "expert",
        "prerequisites",
        "related",
        "aliases",
        "tags",
        "sources",
    } <= set(records["subgraph"])


def test_graph_has_a_text_alternative(site: Path) -> None:
    html = page(site, "graph")
    caption = re.search(r"<figcaption>(.*?)</figcaption>", html, re.S)
    assert caption and "Learn first: Click" in caption.group(1)
    assert "Builds on it: Large Language Model" in caption.group(1)


def test_markdown_extension_settings_of_the_user_are_kept(site: Path) -> None:
    # mkdocs.yml configures toc with permalinks; the plugin adds toc only when it is missing.
    assert 'class="headerlink"' in page(site, "graph")


def test_fonts_stay_local_unless_the_user_sets_them(site: Path, tmp_path: Path) -> None:
    assert "fonts.googleapis.com" not in page(site, "graph")
    root = make_project(tmp_path, starter_terms())
    config = yaml.safe_load((root / "mkdocs.yml").read_text("utf-8"))
    config["theme"]["font"] = {"text": "Inter"}
    (root / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True), "utf-8")
    assert build(root).returncode == 0
    assert "fonts.googleapis.com/css?family=Inter" in page(root / "site", "graph")
