"""`glossary render`: the docs folder the plugin would build, written out for other engines.

A plain `mkdocs build` of the result (same mkdocs.yml without the glossary plugin, docs_dir set
to the output) gives the same site; engines that run no mkdocs plugins can build it too.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig

from site_builder.analysis import Analysis, analyse
from site_builder.assets import asset_files
from site_builder.config import GlossaryConfig
from site_builder.errors import GlossaryError
from site_builder.findings import Severity
from site_builder.plugin import page_options
from site_builder.render.pages import site_pages


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
    assets = asset_files(root / options.assets_dir)
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
    return Export(analysis, len(pages) + len(assets))
