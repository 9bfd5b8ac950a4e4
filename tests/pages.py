"""A tiny site's pages as mkdocs renders their content, in this process and without the theme.

The plugin's hooks up to the page's content and mkdocs' own Markdown rendering (extensions,
link rewriting) run as in a build; only the theme's templates are skipped, which makes it
about ten times faster than a build. Tests that need the whole page (head, navigation,
assets) use `tests/sites.build`.
"""

from __future__ import annotations

import copy
import html
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import lxml.html
from mkdocs.config import load_config
from mkdocs.structure.files import get_files
from mkdocs.structure.nav import get_navigation
from mkdocs.structure.pages import Page

from tests.sites import make_project


@dataclass(frozen=True)
class Rendered:
    """Every generated file: page content as HTML, other files (graph.json) as text; each
    page's front matter (the theme prints its title and description into the head as is)."""

    files: dict[str, str]
    meta: dict[str, dict[str, Any]]

    def html(self, path: str) -> Any:
        """The page at docs path `path` (e.g. `terms/alpha.md`) as an lxml tree."""
        return lxml.html.fragment_fromstring(self.files[path], create_parent="div")

    def section(self, path: str, anchor: str) -> Any:
        """The elements between heading `#anchor` and the next heading of the same level."""
        root = self.html(path)
        (heading,) = root.xpath(f"//*[@id='{anchor}']")
        box = lxml.html.Element("div")
        for sibling in heading.itersiblings():
            if sibling.tag == heading.tag:
                break
            box.append(copy.deepcopy(sibling))
        return box

    def mermaid(self, term_id: str) -> str:
        """The Mermaid source of a term's concept graph, as Mermaid reads it."""
        match = re.search(r"<pre class=\"glossary-mermaid\"[^>]*><code>(.*?)</code></pre>",
                          self.files[f"terms/{term_id}.md"], re.S)  # fmt: skip
        assert match, "no concept graph"
        return html.unescape(match.group(1))


def render(root: Path, terms: dict[str, Any], *, config: dict[str, Any] | None = None,
           **plugin_options: Any) -> Rendered:  # fmt: skip
    """Write a project for `terms` into `root` and render every page's content."""
    make_project(root, terms, **plugin_options)
    return render_project(root, config)


def render_project(root: Path, config: dict[str, Any] | None = None) -> Rendered:
    """Render every page's content of the project in `root` (`config` overrides mkdocs.yml)."""
    loaded = load_config(str(root / "mkdocs.yml"), **(config or {}))
    loaded.plugins.on_startup(command="build", dirty=False)
    loaded = loaded.plugins.on_config(loaded)
    files = loaded.plugins.on_files(get_files(loaded), config=loaded)
    get_navigation(files, loaded)
    out: dict[str, str] = {}
    meta: dict[str, dict[str, Any]] = {}
    for file in files:
        if file.is_documentation_page():
            page = file.page or Page(None, file, loaded)
            page.read_source(loaded)
            page.markdown = loaded.plugins.on_page_markdown(
                page.markdown or "", page=page, config=loaded, files=files
            )
            page.render(loaded, files)
            page.content = loaded.plugins.on_page_content(
                page.content or "", page=page, config=loaded, files=files
            )
            out[file.src_uri] = page.content or ""
            meta[file.src_uri] = dict(page.meta)
        elif file.generated_by and file.src_uri.endswith(".json"):
            out[file.src_uri] = file.content_string
    return Rendered(out, meta)
