"""The HTML blocks of generated pages bypass mkdocs' Markdown pass (`render/blocks.py`): the page a
reader gets is the same, and nothing in a term file can make or use a marker."""

from __future__ import annotations

import re
from pathlib import Path

import markdown
from mkdocs.config import load_config

from site_builder.analysis import analyse
from site_builder.render.blocks import HtmlBlocks
from site_builder.render.cache import RenderCache
from site_builder.render.pages import PageOptions, site_pages
from tests.helpers import term
from tests.pages import render

ROOT = Path(__file__).resolve().parent.parent


def test_every_term_page_is_the_same_with_its_blocks_marked_or_inline() -> None:
    """Every page of this repository's glossary, through the site's own Markdown extensions."""
    analysis = analyse(ROOT / "terms")
    blocks = HtmlBlocks()
    inline = site_pages(analysis.glossary, analysis.graph, PageOptions(), cache=RenderCache())
    marked = site_pages(analysis.glossary, analysis.graph, PageOptions(), cache=RenderCache(blocks))
    config = load_config(str(ROOT / "mkdocs.yml"))
    config.plugins.on_startup(command="build", dirty=False)
    config = config.plugins.on_config(config)
    md = markdown.Markdown(
        extensions=config.markdown_extensions, extension_configs=config.mdx_configs
    )
    term_pages = [path for path in inline if path.startswith("terms/")]
    assert len(term_pages) == len(analysis.glossary.terms) > 250
    for path in term_pages:
        assert "glossary-html" not in inline[path]
        assert marked[path].count("<!-- glossary-html ") >= 5, path  # summary, meta, graph...
        expected = md.reset().convert(inline[path])
        assert blocks.fill(md.reset().convert(marked[path])) == expected, path


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
