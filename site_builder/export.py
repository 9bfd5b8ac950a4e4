"""`glossary render`: the docs folder the plugin would build, written out for other engines.

A plain `mkdocs build` of the result gives the same site when mkdocs.yml, without the glossary
plugin, has what the plugin would add (PLAIN_BUILD says what); engines that run no mkdocs
plugins can build it too. The JSON-LD of term pages needs a theme override: it is written to
`templates/main.html` in the output, a folder mkdocs leaves out of the site by default, with
the plugin's own Material overrides (`partials/`).
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig

from site_builder.analysis import Analysis, analyse
from site_builder.assets import (
    PAGE_CSS,
    PAGE_JAVASCRIPT,
    asset_files,
    head_script,
    theme_overrides,
)
from site_builder.config import GlossaryConfig
from site_builder.errors import GlossaryError
from site_builder.findings import Severity
from site_builder.plugin import page_options
from site_builder.render.pages import site_pages

OVERRIDES = "templates"
PLAIN_BUILD = (
    "build it with mkdocs.yml minus the glossary plugin, plus: docs_dir: {out}; theme: "
    f"custom_dir: {{out}}/{OVERRIDES}, font: false; markdown_extensions: attr_list, toc; "
    f"extra_css: {PAGE_CSS}; extra_javascript: {PAGE_JAVASCRIPT} (each at the end of its list)"
)


class ExportError(GlossaryError):
    """The output folder cannot be used, or the configuration has no glossary plugin."""


@dataclass(frozen=True)
class Export:
    analysis: Analysis
    written: int


def _plugin_config(config: MkDocsConfig) -> GlossaryConfig:
    plugin = config.plugins.get("glossary")
    if plugin is None:
        raise ExportError(f"{config.config_file_path} does not use the glossary plugin")
    return plugin.config  # type: ignore[no-any-return]


def export_docs(config_file: Path, out_dir: Path) -> Export:
    """Write hand-written docs, generated pages and assets to `out_dir` (new or empty).

    Nothing is written when the glossary has errors.
    """
    if out_dir.exists() and (not out_dir.is_dir() or any(out_dir.iterdir())):
        raise ExportError(f"{out_dir} exists and is not an empty folder")
    config = load_config(str(config_file))
    options = _plugin_config(config)
    root = config_file.resolve().parent
    analysis = analyse(root / options.terms_dir)
    if analysis.count(Severity.ERROR):
        return Export(analysis, 0)
    assets = asset_files()
    pages = site_pages(analysis.glossary, analysis.graph, page_options(options, config))
    shutil.copytree(config.docs_dir, out_dir, dirs_exist_ok=True)
    for path, content in pages.items():
        target = out_dir / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(content, encoding="utf-8")
    for path, source in assets.items():
        target = out_dir / path
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
    override = resources.files("site_builder").joinpath("templates/export/main.html")
    (out_dir / OVERRIDES).mkdir(exist_ok=True)
    (out_dir / OVERRIDES / "main.html").write_text(override.read_text("utf-8"), "utf-8")
    # The plugin's own theme overrides (table of contents on phones, the page-load bar).
    partials = sorted(theme_overrides().rglob("*.html"))
    for source in partials:
        target = out_dir / OVERRIDES / source.relative_to(theme_overrides())
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
    head = f"{{% raw %}}{head_script()}{{% endraw %}}"  # a template: its text is printed as is
    (out_dir / OVERRIDES / "partials" / "glossary-head.html").write_text(head, "utf-8")
    return Export(analysis, len(pages) + len(assets) + 2 + len(partials))
