"""The mkdocs face: `glossary` plugin hooks only; the work is done by the pipeline stages."""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files, InclusionLevel

from site_builder.analysis import analyse
from site_builder.assets import REQUIRED_CSS, REQUIRED_JAVASCRIPT, asset_files
from site_builder.config import GlossaryConfig
from site_builder.errors import GlossaryError
from site_builder.findings import Finding, Severity
from site_builder.render.pages import PageOptions, site_pages
from site_builder.report import message_with_hint

log = logging.getLogger("mkdocs.plugins.glossary")


def page_options(plugin_config: GlossaryConfig, config: MkDocsConfig) -> PageOptions:
    return PageOptions(
        index_page=plugin_config.index_page,
        tags_dir=plugin_config.tags_dir,
        graph_direction=plugin_config.graph_direction,
        graph_max_neighbours=plugin_config.graph_max_neighbours,
        use_directory_urls=config.use_directory_urls,
        explorer_page=plugin_config.explorer_page,
        site_name=config.site_name,
        site_url=config.site_url,
    )


def missing_includes(config: MkDocsConfig) -> list[str]:
    """Assets mkdocs.yml must list in extra_javascript / extra_css but does not."""
    scripts = {str(getattr(s, "path", s)) for s in config.extra_javascript}
    styles = set(map(str, config.extra_css))
    return [p for p in REQUIRED_JAVASCRIPT if p not in scripts] + [
        p for p in REQUIRED_CSS if p not in styles
    ]


def log_findings(findings: tuple[Finding, ...], root: Path) -> None:
    """Each finding as one log line, its path relative to the folder of mkdocs.yml."""

    def shown(file: str) -> str:
        return Path(os.path.relpath(file, root)).as_posix()

    for f in findings:
        line = f"{shown(f.file)}:{f.line}:{f.column}: [{f.code}] {message_with_hint(f)}"
        line += "".join(
            f"\n  {shown(r.file)}:{r.line}:{r.column}: note: {r.message}" for r in f.related
        )
        if f.severity is Severity.ERROR:
            log.error(line)
        else:
            log.warning(line)


def _walk_key(src_uri: str) -> tuple[tuple[int, object], ...]:
    """mkdocs' own order (os.walk): a folder's files, index first, before its subfolders."""
    *folders, name = src_uri.split("/")
    stem = name.rsplit(".", 1)[0]
    return (*((1, folder) for folder in folders), (0, (stem not in ("index", "README"), name)))


def in_docs_order(files: Files, config: MkDocsConfig) -> Files:
    """Generated files placed among the docs folder's as if they had been written there, so
    the site matches a plain build of `glossary render` output (search index order included).
    """
    docs_dir = str(Path(config.docs_dir).resolve())

    def from_docs(f: File) -> bool:
        return f.generated_by is not None or str(f.abs_src_path or "").startswith(docs_dir)

    ordered = sorted((f for f in files if from_docs(f)), key=lambda f: _walk_key(f.src_uri))
    return Files(ordered + [f for f in files if not from_docs(f)])


class GlossaryPlugin(BasePlugin[GlossaryConfig]):  # type: ignore[no-untyped-call]
    """Turns terms/ into term pages, an A–Z index and tag pages, in memory."""

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.root = Path(config.config_file_path).resolve().parent
        root = self.root
        self.terms_dir = root / self.config.terms_dir
        missing = missing_includes(config)
        if missing:
            raise PluginError(
                "glossary: add these to mkdocs.yml (extra_javascript / extra_css): "
                + ", ".join(missing)
            )
        try:
            self.assets = asset_files(root / self.config.assets_dir)
        except GlossaryError as error:
            raise PluginError(f"glossary: {error}") from error
        return config

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        try:
            analysis = analyse(self.terms_dir)
        except GlossaryError as error:
            raise PluginError(f"glossary: {error}") from error
        log_findings(analysis.findings, self.root)
        errors = analysis.count(Severity.ERROR)
        if errors:
            raise PluginError(
                f"glossary: {errors} error(s) in {self.config.terms_dir}/; fix them (listed above) "
                "or run `glossary check` for the full report"
            )
        pages = site_pages(analysis.glossary, analysis.graph, page_options(self.config, config))
        for path, content in pages.items():
            in_nav = path in (
                self.config.index_page,
                self.config.explorer_page,
                f"{self.config.tags_dir}/index.md",
            )
            level = InclusionLevel.UNDEFINED if in_nav else InclusionLevel.NOT_IN_NAV
            self._add(files, File.generated(config, path, content=content, inclusion=level))
        for path, source in self.assets.items():
            self._add(files, File.generated(config, path, abs_src_path=str(source)))
        return in_docs_order(files, config)

    @staticmethod
    def _add(files: Files, file: File) -> None:
        if files.get_file_from_path(file.src_uri) is not None:
            raise PluginError(
                f"glossary: docs/{file.src_uri} exists but the plugin generates that page; "
                "rename or remove the hand-written file"
            )
        files.append(file)

    def on_serve(self, server: Any, config: MkDocsConfig, builder: Any) -> Any:
        """Rebuild when a term file is added, edited or removed."""
        server.watch(str(self.terms_dir))
        return server
