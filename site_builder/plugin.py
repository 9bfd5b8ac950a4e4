"""The mkdocs face: `glossary` plugin hooks only; the work is done by the pipeline stages."""

from __future__ import annotations

import logging
import os
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any, NamedTuple

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils.yaml import yaml_load
from watchdog.observers.api import BaseObserver

from site_builder.analysis import Analysis
from site_builder.assets import (
    PAGE_CSS,
    PAGE_JAVASCRIPT,
    asset_files,
    head_script,
    theme_overrides,
)
from site_builder.config import GlossaryConfig
from site_builder.errors import GlossaryError
from site_builder.findings import Finding, Severity
from site_builder.freshness import last_updated
from site_builder.incremental import IncrementalAnalysis
from site_builder.livebuild import (
    KNOWN_PLUGINS,
    BuiltSite,
    Generated,
    LiveBuilder,
    SearchRecorder,
    snapshot,
    watched_paths,
)
from site_builder.model import TermId, is_term_id, term_page_path
from site_builder.render.affected import affected_terms
from site_builder.render.blocks import HtmlBlocks
from site_builder.render.cache import RenderCache
from site_builder.render.exports import into_head, json_ld_script
from site_builder.render.pages import PageOptions, site_pages, site_prose
from site_builder.render.problems import problems_block, problems_page
from site_builder.render.sections import Prose
from site_builder.report import message_with_hint
from site_builder.watch import watch_terms

log = logging.getLogger("mkdocs.plugins.glossary")

# What the generated pages are written in: `{ #id }` on headings, `{: .class }` on paragraphs,
# heading ids for the page's links. Added when mkdocs.yml does not list them.
MARKDOWN_EXTENSIONS = ("attr_list", "toc")


def require_material(config: MkDocsConfig) -> None:
    name = config.theme.name
    if name != "material":
        raise PluginError(
            f"glossary: the glossary plugin needs the Material for MkDocs theme, but mkdocs.yml "
            f"uses theme '{name}'; set `theme: material` (or `theme: {{name: material}}`)"
        )


def add_markdown_extensions(config: MkDocsConfig) -> list[str]:
    """Add what the generated pages need and mkdocs.yml lacks; the user's settings stay."""
    present = {e.removeprefix("markdown.extensions.") for e in config.markdown_extensions}
    added = [e for e in MARKDOWN_EXTENSIONS if e not in present]
    config.markdown_extensions.extend(added)
    return added


def user_set_font(config: MkDocsConfig) -> bool:
    """Whether mkdocs.yml itself sets `theme.font` (the validated config cannot tell a value
    from Material's default, so the file is read again)."""
    try:
        with Path(config.config_file_path).open("rb") as file:
            raw = yaml_load(file)
    except (OSError, ValueError):
        return False
    theme = raw.get("theme") if isinstance(raw, dict) else None
    return isinstance(theme, dict) and "font" in theme


def add_page_assets(config: MkDocsConfig) -> None:
    """glossary.css and glossary.js on every page; glossary.js loads Mermaid, KaTeX and the
    explorer only on the pages that have a graph, math or the explorer."""
    if PAGE_CSS not in map(str, config.extra_css):
        config.extra_css.append(PAGE_CSS)
    if PAGE_JAVASCRIPT not in map(str, config.extra_javascript):  # str() of a script is its path
        config.extra_javascript.append(PAGE_JAVASCRIPT)


def add_theme_overrides(config: MkDocsConfig) -> None:
    """Our template overrides go before Material's own templates and after the user's
    `custom_dir`, so that a site's own overrides still win."""
    dirs = config.theme.dirs
    overrides = str(theme_overrides())
    if overrides not in dirs:
        dirs.insert(1 if config.theme.custom_dir else 0, overrides)


def page_options(plugin_config: GlossaryConfig, config: MkDocsConfig) -> PageOptions:
    return PageOptions(
        index_page=plugin_config.index_page,
        tags_dir=plugin_config.tags_dir,
        graph_direction=plugin_config.graph_direction,
        graph_max_neighbours=plugin_config.graph_max_neighbours,
        use_directory_urls=config.use_directory_urls,
        explorer_page=plugin_config.explorer_page,
        path_page=plugin_config.path_page,
        site_name=config.site_name,
        site_url=config.site_url,
        autolink=plugin_config.autolink == "first",
    )


def log_findings(findings: tuple[Finding, ...], root: Path, as_info: bool = False) -> None:
    """Each finding as one log line, its path relative to the folder of mkdocs.yml.

    `as_info` while serving: mkdocs' strict mode would stop rebuilding on a warning.
    """

    def shown(file: str) -> str:
        return Path(os.path.relpath(file, root)).as_posix()

    for f in findings:
        line = f"{shown(f.file)}:{f.line}:{f.column}: [{f.code}] {message_with_hint(f)}"
        line += "".join(
            f"\n  {shown(r.file)}:{r.line}:{r.column}: note: {r.message}" for r in f.related
        )
        if f.severity is Severity.INFO:
            log.debug(line)  # information: never a warning that --strict would count
        elif as_info:
            log.info(f"{f.severity.value}: {line} (shown on its page)")
        elif f.severity is Severity.ERROR:
            log.error(line)
        else:
            log.warning(line)


def problem_pages(findings: tuple[Finding, ...]) -> dict[str, list[Finding]]:
    """Term page path → the error findings of its file (warnings stay in the log)."""
    pages: dict[str, list[Finding]] = {}
    for f in findings:
        stem = Path(f.file).stem
        if f.severity is Severity.ERROR and is_term_id(stem):
            pages.setdefault(term_page_path(TermId(stem)), []).append(f)
    return pages


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


class _Rendered(NamedTuple):
    """What the last build while serving rendered, and from what."""

    analysis: Analysis
    prose: Prose
    updated: Mapping[TermId, str]
    options: PageOptions
    pages: dict[str, str]


class GlossaryPlugin(BasePlugin[GlossaryConfig]):  # type: ignore[no-untyped-call]
    """Turns terms/ into term pages, an A–Z index and tag pages, in memory."""

    serving = False
    problems: dict[str, list[Finding]]
    built: BuiltSite | None = None  # while serving: what the last build made
    _last: _Rendered | None = None  # and what it rendered
    _watcher: BaseObserver | None = None  # while serving: the terms folder's file events

    def __init__(self) -> None:
        super().__init__()
        self.analyses = IncrementalAnalysis()
        self.prose_cache = RenderCache(HtmlBlocks())  # pages mark their HTML blocks
        self.recorder = SearchRecorder()

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.serving = command == "serve"

    def on_shutdown(self) -> None:
        if self._watcher is not None:
            self._watcher.stop()
            self._watcher.join()
            self._watcher = None

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.root = Path(config.config_file_path).resolve().parent
        self.terms_dir = self.root / self.config.terms_dir
        require_material(config)
        for name in add_markdown_extensions(config):
            log.info(f"glossary: added the '{name}' Markdown extension (its pages need it)")
        if not user_set_font(config):
            config.theme["font"] = False  # no Google Fonts: the site asks no other server
        add_page_assets(config)
        add_theme_overrides(config)
        try:
            self.assets = asset_files()
            self.head = head_script()
        except (GlossaryError, OSError) as error:
            raise PluginError(f"glossary: {error}") from error
        return config

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        if self.serving:
            self.built = BuiltSite(config, Files([]), watched=snapshot(watched_paths(config)))
            self.recorder.start(config)

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        generated = self._generate(config)
        for path, content in generated.pages.items():
            in_nav = path in generated.nav_paths
            level = InclusionLevel.UNDEFINED if in_nav else InclusionLevel.NOT_IN_NAV
            self._add(files, File.generated(config, path, content=content, inclusion=level))
        for path, source in self.assets.items():
            self._add(files, File.generated(config, path, abs_src_path=str(source)))
        if self.built is not None:
            self.built.generated, self.built.problems = generated.pages, generated.problems
        return in_docs_order(files, config)

    def _generate(self, config: MkDocsConfig) -> Generated:
        """The glossary stages: every generated page, and the findings shown on pages."""
        try:
            analysis = self.analyses.analyse(self.terms_dir)
        except GlossaryError as error:
            raise PluginError(f"glossary: {error}") from error
        errors = analysis.count(Severity.ERROR)
        self.problems = {}
        cycle = any(f.code == "prerequisite-cycle" for f in analysis.findings)
        if errors and self.serving and not cycle:  # a cycle leaves no learning path to draw
            # A half-written term must not freeze the preview: its findings go on its page.
            log_findings(analysis.findings, self.root, as_info=True)
            self.problems = problem_pages(analysis.findings)
        else:
            log_findings(analysis.findings, self.root)
            if errors:
                raise PluginError(
                    f"glossary: {errors} error(s) in {self.config.terms_dir}/; fix them (listed "
                    "above) or run `glossary check` for the full report"
                )
        pages = self._pages(analysis, page_options(self.config, config))
        for path, findings in list(self.problems.items()):
            if path not in pages:  # the file could not be read at all: a page of findings only
                pages[path] = problems_page(path[6:-3], findings, str(self.root))
                del self.problems[path]
        nav_paths = frozenset(
            (
                self.config.index_page,
                self.config.explorer_page,
                self.config.path_page,
                f"{self.config.tags_dir}/index.md",
            )
        )
        shown = {path: "\n".join(map(repr, found)) for path, found in self.problems.items()}
        return Generated(pages, shown, nav_paths)

    def _pages(self, analysis: Analysis, options: PageOptions) -> dict[str, str]:
        """`site_pages`; while serving, the term pages an edit cannot change are kept."""
        glossary, graph = analysis.glossary, analysis.graph
        updated = last_updated(self.terms_dir)
        prose = site_prose(glossary, options, self.prose_cache)
        last, terms = self._last, None
        if last is not None and last.options == options:
            old = last.analysis
            terms = affected_terms(old.glossary, old.graph, glossary, graph, last.prose, prose)
            terms |= {i for i in glossary.terms if last.updated.get(i) != updated.get(i)}
        pages = site_pages(glossary, graph, options, updated, self.prose_cache, terms, prose)
        if last is not None and terms is not None:
            kept = {term_page_path(i) for i in glossary.terms} - pages.keys()
            pages = {**{p: last.pages[p] for p in kept}, **pages}
        if self.serving:
            self._last = _Rendered(analysis, prose, updated, options, pages)
            if self.prose_cache.blocks is not None:  # an edited text's old blocks go
                self.prose_cache.blocks.retain(pages.values())
        return pages

    def on_nav(self, nav: Navigation, /, *, config: MkDocsConfig, files: Files) -> Navigation:
        if self.built is not None:
            self.built.nav, self.built.files = nav, files
        return nav

    def on_env(self, env: Any, /, *, config: MkDocsConfig, files: Files) -> Any:
        if self.built is not None:
            self.built.env = env
        return env

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if self.built is not None:
            self.built.complete = True
        self.prose_cache.sweep()

    @staticmethod
    def _add(files: Files, file: File) -> None:
        if files.get_file_from_path(file.src_uri) is not None:
            raise PluginError(
                f"glossary: docs/{file.src_uri} exists but the plugin generates that page; "
                "rename or remove the hand-written file"
            )
        files.append(file)

    def on_page_markdown(self, markdown: str, /, *, page: Page, **kwargs: Any) -> str:
        findings = self.problems.get(page.file.src_uri) if self.serving else None
        if not findings:
            return markdown
        heading = re.search(r"^# .*\n", markdown, re.M)
        at = heading.end() if heading else 0
        block = problems_block(findings, str(self.root))
        return f"{markdown[:at]}\n{block}{markdown[at:]}"

    @event_priority(100)  # before any other plugin reads the page's HTML
    def on_page_content(self, html: str, /, *, page: Page, **kwargs: Any) -> str:
        """Generated pages get their HTML blocks back (`render.blocks`)."""
        blocks = self.prose_cache.blocks
        return blocks.fill(html) if blocks is not None else html

    def on_post_page(self, output: str, /, *, page: Page, **kwargs: Any) -> str:
        """The search-on-first-use script in every page's head, and schema.org JSON-LD in
        each term page's (no theme override needed)."""
        if self.built is not None:
            self.recorder.page_built(self.built, page)
        json_ld = page.meta.get("jsonld")
        return into_head(output, self.head + (json_ld_script(json_ld) if json_ld else ""))

    def on_post_template(
        self, output_content: str, /, *, template_name: str, config: MkDocsConfig
    ) -> str:
        """The 404 page (a theme template, not a page) gets the head script too."""
        return (
            into_head(output_content, self.head) if template_name == "404.html" else output_content
        )

    def on_serve(self, server: Any, config: MkDocsConfig, builder: Any) -> Any:
        """Rebuild when a term file is added, edited or removed: only the pages that changed,
        when every plugin is one `livebuild` knows."""
        self._watcher = watch_terms(server, self.terms_dir)
        unknown = sorted(set(config.plugins) - KNOWN_PLUGINS)
        if unknown:
            log.info(f"glossary: every rebuild is a full one (plugins: {', '.join(unknown)})")
        else:
            server.builder = LiveBuilder(
                lambda: self.built, self._generate, server.builder, self.recorder
            )
        return server
