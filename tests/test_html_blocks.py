"""The HTML blocks of generated pages bypass mkdocs' Markdown pass (`render/blocks.py`): the page a
reader gets is the same, and nothing in a term file can make or use a marker."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from site_builder.export import export_docs
from site_builder.render.blocks import HtmlBlocks
from tests.helpers import term, write_terms
from tests.pages import render, render_project

ROOT = Path(__file__).resolve().parent.parent


# Titles and summaries full of what Markdown, its extensions or HTML would read as syntax.
HOSTILE_TITLES = (
    "A &amp; B <b>x</b> &#60; &lt;",
    "*Star* _under_ `code` x_y_z __init__ a\\*b",
    "[link](http://x.org) \\ back http://auto.link/x?a=1&b=2",
    "$x$ and $$y$$ {: .c } {#id}",
    "# Hash - dash + plus 1. one! bang --- 1) paren",
    "Pipe | tilde ~~s~~ caret ^s^ ==mark==",
    ":smile: 'q' \"dq\" <!-- c --> 2 < 3 > 1",
    "Spaces   many\ttab Ünïcode — … ©",
)


def _hostile_terms() -> dict[str, dict[str, object]]:
    ids = [f"t{i}" for i in range(len(HOSTILE_TITLES))]
    return {
        ids[i]: term(
            title,
            summary=f"Of {title}: *stars* & <tags> [br] \\ $m$ {{x}} `c`.",
            prerequisites=ids[:i][-2:],
            related=[ids[(i + 3) % len(ids)]],
            overview=" ".join(f"[[{other}]]" for other in ids if other != ids[i]),
        )
        for i, title in enumerate(HOSTILE_TITLES)
    }


@pytest.mark.parametrize(
    ("glossary", "directory_urls"), [("this repository's", True), ("hostile", False)]
)
def test_every_term_page_is_the_one_a_plain_build_of_render_output_makes(
    tmp_path: Path, glossary: str, directory_urls: bool
) -> None:
    """The plugin's pages hand their blocks (prose, lists of terms) past Markdown; a plain
    mkdocs build of `glossary render` output reads them inline, Markdown lists and all."""
    root = tmp_path / "project"
    root.mkdir()
    shutil.copytree(ROOT / "docs", root / "docs")
    config = (ROOT / "mkdocs.yml").read_text("utf-8")
    (root / "mkdocs.yml").write_text(f"{config}\nuse_directory_urls: {directory_urls}\n", "utf-8")
    if glossary == "hostile":
        write_terms(root, _hostile_terms())
    else:
        (root / "terms").symlink_to(ROOT / "terms")
    plugin = render_project(root)
    export_docs(root / "mkdocs.yml", root / "exported")
    plain = render_project(root, {"docs_dir": str(root / "exported"), "plugins": ["search"]})
    term_pages = [path for path in plugin.files if path.startswith("terms/")]
    assert len(term_pages) == (len(HOSTILE_TITLES) if glossary == "hostile" else 321)
    for path in term_pages:
        assert "glossary-html" not in plugin.files[path]
        assert plugin.files[path] == plain.files[path], path
    assert "<li><a href=" in plugin.files["terms/t1.md" if glossary == "hostile" else path]


def test_a_tight_block_takes_the_place_of_markdown_output() -> None:
    """After a list or paragraph Markdown writes one newline, after raw HTML two."""
    blocks = HtmlBlocks()
    tight, raw = blocks.mark("<ul>\n<li>x</li>\n</ul>", tight=True), blocks.mark("<p>x</p>")
    assert blocks.fill(f"{tight}\n\n<h2>A</h2>\n{raw}\n\n<h2>B</h2>") == (
        "<ul>\n<li>x</li>\n</ul>\n<h2>A</h2>\n<p>x</p>\n\n<h2>B</h2>"
    )
    assert tight != blocks.mark("<ul>\n<li>x</li>\n</ul>")  # the same HTML, not tight


MARKER = "<!-- glossary-html {} -->"


def test_a_marker_in_a_term_file_is_text_on_the_page(tmp_path: Path) -> None:
    """A term may quote a marker, even one naming a real block (the legend's is the same on
    every page): the reader sees the text, and the block appears only where the page puts it."""
    probe = render(tmp_path / "probe", {"probe": term("Probe")}).files["terms/probe.md"]
    legend = re.search(r'<p class="glossary-legend".*?</p>', probe, re.S)
    assert legend
    quoted = [MARKER.format("0" * 32), HtmlBlocks().mark(legend[0])]
    for marker in quoted:
        fields = {
            "summary": f"Summary {marker}",
            "eli5": f"Child {marker}\n\n{marker}\n",
            "expert": f"{marker}\n\n`{marker}`\n\n    {marker}\n",
            "aliases": [f"Alias {marker}"],
        }
        page = render(tmp_path / marker[19:27], {"alpha": term("Alpha", **fields)}).files[
            "terms/alpha.md"
        ]
        assert "<!-- glossary-html" not in page
        shown = marker.replace("<", "&lt;").replace(">", "&gt;")
        assert page.count(shown) == 7  # summary, alias, two in eli5, three in expert
        assert page.count('class="glossary-legend"') == 1


def test_a_marker_naming_no_block_is_left_as_it_is() -> None:
    blocks = HtmlBlocks()
    mark = blocks.mark("<p>kept</p>")
    unknown = MARKER.format("f" * 32)
    assert blocks.fill(f"{mark}\n{unknown}\n{mark}") == f"<p>kept</p>\n{unknown}\n<p>kept</p>"


def test_blocks_no_page_marks_any_longer_are_forgotten() -> None:
    blocks = HtmlBlocks()
    old, new = blocks.mark("<p>old</p>"), blocks.mark("<p>new</p>")
    blocks.retain([f"# Page\n\n{new}\n"])
    assert blocks.fill(f"{old}{new}") == f"{old}<p>new</p>"
    assert len(blocks) == 1
