"""`mkdocs serve` after a term edit: only the pages whose Markdown changed go through mkdocs.

A full build remembers what it made: the config, files, navigation and theme environment, the
Markdown of every generated page and each page's search entries. When only term files changed
since, the next rebuild runs the glossary stages again (cached per file and per prose text),
compares the generated pages with the remembered ones, and hands only the changed, added and
removed pages to mkdocs' own page functions; the search index, sitemap and exports are written
again from the remembered parts. Anything else (docs, mkdocs.yml, a plugin this module does
not know, a navigation title that changed) falls back to mkdocs' full build. The site is then
byte for byte what a full build of the same files gives (tests/test_livebuild.py).
"""

from __future__ import annotations

import gc
import logging
import shutil
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mkdocs.commands import build as mkdocs_build
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

log = logging.getLogger("mkdocs.plugins.glossary")

# Plugins whose whole output for a page comes from that page alone, or whose site-wide output
# this module writes itself (search). Any other plugin may write site-wide files from every
# page, so with it every rebuild is a full one.
KNOWN_PLUGINS = frozenset({"search", "material/search", "glossary", "glossary-minify"})

Snapshot = dict[str, tuple[int, int]]


class FullBuildNeeded(Exception):
    """What changed is more than generated pages: only a full build gives the right site."""


def snapshot(paths: Iterable[Path]) -> Snapshot:
    """Size and modification time of every file under `paths` (files or folders)."""
    found: Snapshot = {}
    for top in paths:
        for path in [top] if top.is_file() else top.rglob("*"):
            try:
                stat = path.stat()
            except OSError:
                continue
            found[str(path)] = (stat.st_mtime_ns, stat.st_size)
    return found


@dataclass
class BuiltSite:
    """What the last build made, as far as a later partial build needs it."""

    config: MkDocsConfig
    files: Files
    nav: Navigation | None = None
    env: Any = None
    generated: dict[str, str] = field(default_factory=dict)  # page path → Markdown
    problems: dict[str, str] = field(default_factory=dict)  # page path → its findings, shown
    search: dict[str, list[dict[str, Any]]] = field(default_factory=dict)  # src_uri → entries
    watched: Snapshot = field(default_factory=dict)  # everything but terms, at build start
    complete: bool = False


@dataclass(frozen=True)
class Generated:
    """The glossary stages' answer for one build: pages and the findings shown on them."""

    pages: dict[str, str]
    problems: dict[str, str]
    nav_paths: frozenset[str]  # generated pages that are in the navigation


def search_plugin(config: MkDocsConfig) -> Any:
    return config.plugins.get("material/search") or config.plugins.get("search")


def watched_paths(config: MkDocsConfig) -> list[Path]:
    """What `mkdocs serve` watches besides the terms: docs, mkdocs.yml and `watch:` paths."""
    paths = [Path(config.docs_dir), *map(Path, config.watch)]
    if config.config_file_path:
        paths.append(Path(config.config_file_path))
    return [p.resolve() for p in paths if p.exists()]


class SearchRecorder:
    """Each page's entries in the search index, taken as the page is built."""

    def __init__(self) -> None:
        self.seen = 0

    def start(self, config: MkDocsConfig) -> None:
        self.seen = 0

    def page_built(self, site: BuiltSite, page: Page) -> None:
        search = search_plugin(site.config)
        if search is None or not getattr(search, "search_index", None):
            return
        entries = search.search_index.entries
        site.search[page.file.src_uri] = entries[self.seen :]
        self.seen = len(entries)


class LiveBuilder:
    """Stands in for `mkdocs serve`'s builder: a partial build when only terms changed."""

    def __init__(
        self,
        site: Callable[[], BuiltSite | None],
        generate: Callable[[MkDocsConfig], Generated],
        full_build: Callable[[], None],
        recorder: SearchRecorder,
    ) -> None:
        self.site = site
        self.generate = generate
        self.full_build = full_build
        self.recorder = recorder
        self._frozen = 0  # objects frozen after the last full collection (0: none since)

    def __call__(self) -> None:
        site = self.site()
        unchanged = site is not None and snapshot(watched_paths(site.config)) == site.watched
        if site is None or not site.complete or not unchanged:
            self._full_build()
            return
        self._freeze()
        start = time.monotonic()
        try:
            count = self.rebuild(site)
        except FullBuildNeeded as reason:
            log.info(f"glossary: full rebuild ({reason})")
            self._full_build()
            return
        log.info(f"glossary: {count} page(s) rebuilt in {time.monotonic() - start:.2f} s")

    def _freeze(self) -> None:
        """What the last build made lives on: the garbage collector need not look through it
        again in this rebuild (at 5,000 terms one full collection took 0.5 s, and Python's own
        schedule put one into an edit's rebuild every few edits). The frozen part also keeps
        the cycles each rebuild leaves (mkdocs' per-page Markdown objects, about 7,000 objects
        an edit at 5,000 terms), so once it has grown by a quarter it is collected, in the next
        rebuild: memory stays within 1.25 times the site's, at one collection in many edits."""
        if self._frozen and gc.get_freeze_count() > self._frozen * 5 // 4:
            self._frozen = 0
            gc.unfreeze()
            gc.collect()
        gc.freeze()
        if not self._frozen:
            self._frozen = gc.get_freeze_count()

    def _full_build(self) -> None:
        self._frozen = 0
        gc.unfreeze()  # what partial rebuilds kept from the collector can be collected again
        self.full_build()

    def rebuild(self, site: BuiltSite) -> int:
        config = site.config
        new = self.generate(config)
        old_pages, old_problems = site.generated, site.problems
        changed = [
            p
            for p in new.pages
            if p in old_pages
            and (new.pages[p] != old_pages[p] or new.problems.get(p) != old_problems.get(p))
        ]
        added = [p for p in new.pages if p not in old_pages]
        removed = [p for p in old_pages if p not in new.pages]
        files = site.files
        for path in removed:
            _remove(files, path, config)
        for path in changed:
            file = files.get_file_from_path(path)
            assert file is not None
            file.content_string = new.pages[path]
        for path in added:
            files.append(
                File.generated(
                    config, path, content=new.pages[path], inclusion=InclusionLevel.NOT_IN_NAV
                )
            )
        if added or removed:
            site.files = files = _in_order(files, config)
        site.generated, site.problems = dict(new.pages), dict(new.problems)
        # Hand-written pages may link to a page that came or went.
        again = set(changed) | set(added)
        if added or removed:
            again |= {f.src_uri for f in files.documentation_pages() if f.generated_by is None}
        pages = self._build(site, again)
        if added or removed:
            assert site.nav is not None
            for template in config.theme.static_templates:
                mkdocs_build._build_theme_template(template, site.env, files, config, site.nav)
        self._write_search_index(site)
        return pages

    def _build(self, site: BuiltSite, paths: set[str]) -> int:
        """mkdocs' two passes (read and render every page, then write them) over `paths`."""
        config, files, nav = site.config, site.files, site.nav
        assert nav is not None
        inclusion = InclusionLevel.is_in_serve
        doc_files = files.documentation_pages(inclusion=inclusion)
        chosen = [f for f in doc_files if f.src_uri in paths]
        titles = {}
        for file in chosen:
            if file.page is not None and file.page in nav.pages:
                titles[file.src_uri] = file.page.title
            else:  # as a full build makes it
                Page(None, file, config)
            assert file.page is not None
            mkdocs_build._populate_page(file.page, config, files)
            if file.src_uri in titles and file.page.title != titles[file.src_uri]:
                raise FullBuildNeeded(f"the title of {file.src_uri} changed")
        for file in files:
            if file.src_uri in paths and not file.is_documentation_page():
                file.copy_file()
        search = search_plugin(config)
        if search is not None and getattr(search, "search_index", None):
            search.search_index.entries = []
        self.recorder.start(config)
        for file in chosen:
            assert file.page is not None
            mkdocs_build._build_page(file.page, config, doc_files, nav, site.env)
        level = config.validation.links.anchors
        for file in chosen:
            assert file.page is not None
            file.page.validate_anchor_links(files=files, log_level=level)
        return len(chosen)

    @staticmethod
    def _write_search_index(site: BuiltSite) -> None:
        """The index as a full build writes it: every page's entries, in the files' order."""
        search = search_plugin(site.config)
        if search is None or not getattr(search, "search_index", None):
            return
        order = site.files.documentation_pages(inclusion=InclusionLevel.is_in_serve)
        search.search_index.entries = [
            entry for f in order for entry in site.search.get(f.src_uri, [])
        ]
        search.on_post_build(config=site.config)


def _remove(files: Files, path: str, config: MkDocsConfig) -> None:
    file = files.get_file_from_path(path)
    if file is None:
        return
    files.remove(file)
    target = Path(file.abs_dest_path)
    target.unlink(missing_ok=True)
    if config.use_directory_urls and file.is_documentation_page() and target.name == "index.html":
        folder = target.parent
        if folder != Path(config.site_dir) and not any(folder.iterdir()):
            shutil.rmtree(folder)


def _in_order(files: Files, config: MkDocsConfig) -> Files:
    from site_builder.plugin import in_docs_order

    return in_docs_order(files, config)
