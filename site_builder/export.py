"""`glossary render`: the docs folder the plugin would build, written out for other engines.

A plain `mkdocs build` of the result gives the same site when mkdocs.yml, without the glossary
plugin, has what the plugin would add (PLAIN_BUILD says what); engines that run no mkdocs
plugins can build it too. The JSON-LD of term pages needs a theme override: it is written to
`templates/main.html` in the output, a folder mkdocs leaves out of the site by default.

Run again on the same folder, it rewrites only the files whose bytes changed and removes those
it wrote before that are no longer wanted (a deleted term's page), so an engine watching the
folder rebuilds only what changed. MANIFEST, a dot-file no engine publishes, lists what it
wrote; a folder that is neither empty nor holds one is refused, so no file of anyone else's is
ever overwritten or removed.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig

from site_builder.analysis import Analysis
from site_builder.assets import PAGE_CSS, PAGE_JAVASCRIPT, asset_files
from site_builder.config import GlossaryConfig
from site_builder.errors import GlossaryError
from site_builder.findings import Severity
from site_builder.incremental import IncrementalAnalysis
from site_builder.plugin import page_options
from site_builder.render.cache import RenderCache
from site_builder.render.pages import site_pages

OVERRIDES = "templates"
MANIFEST = ".glossary-render.json"
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
    written: int  # files created or rewritten
    unchanged: int = 0
    removed: int = 0


@dataclass
class ExportState:
    """What a repeated export keeps between runs (`--watch`): files read and prose rendered."""

    analyses: IncrementalAnalysis
    cache: RenderCache

    @classmethod
    def new(cls) -> ExportState:
        return cls(IncrementalAnalysis(), RenderCache())


def _plugin_config(config: MkDocsConfig) -> GlossaryConfig:
    plugin = config.plugins.get("glossary")
    if plugin is None:
        raise ExportError(f"{config.config_file_path} does not use the glossary plugin")
    return plugin.config  # type: ignore[no-any-return]


def _previous(out_dir: Path) -> set[str]:
    """The files an earlier export wrote to `out_dir`; refuses a folder that is someone else's."""
    manifest = out_dir / MANIFEST
    if not out_dir.exists():
        return set()
    if not out_dir.is_dir() or (any(out_dir.iterdir()) and not manifest.is_file()):
        raise ExportError(f"{out_dir} exists and is neither empty nor an earlier render output")
    if not manifest.is_file():
        return set()
    try:
        files = json.loads(manifest.read_text("utf-8"))["files"]
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise ExportError(f"{manifest} cannot be read ({error}); remove the folder") from error
    return {f for f in files if isinstance(f, str) and ".." not in f.split("/")}


def _wanted(
    config: MkDocsConfig, pages: dict[str, str], assets: dict[str, Path]
) -> dict[str, bytes]:
    """Relative path → bytes of everything the output folder holds."""
    docs = Path(config.docs_dir)
    files = {p.relative_to(docs).as_posix(): p.read_bytes() for p in docs.rglob("*") if p.is_file()}
    files.update((path, content.encode("utf-8")) for path, content in pages.items())
    files.update((path, source.read_bytes()) for path, source in assets.items())
    override = resources.files("site_builder").joinpath("templates/export/main.html")
    files[f"{OVERRIDES}/main.html"] = override.read_bytes()
    return files


def _write_if_changed(target: Path, data: bytes) -> bool:
    """Write `data` unless `target` holds it already; atomically, so a watcher never reads a
    half-written file."""
    try:
        if target.read_bytes() == data:
            return False
    except OSError:
        pass
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.with_name(f".{target.name}.tmp")
    temporary.write_bytes(data)
    temporary.replace(target)
    return True


def _remove(out_dir: Path, relative: str) -> None:
    target = out_dir / relative
    target.unlink(missing_ok=True)
    for folder in target.parents:
        if folder == out_dir or not folder.is_dir() or any(folder.iterdir()):
            break
        folder.rmdir()


def export_docs(config_file: Path, out_dir: Path, state: ExportState | None = None) -> Export:
    """Write hand-written docs, generated pages and assets to `out_dir` (new, empty or an
    earlier output, which is updated in place). Nothing is written when the glossary has
    errors. `state` carries caches from one run to the next."""
    previous = _previous(out_dir)
    state = state or ExportState.new()
    config = load_config(str(config_file))
    options = _plugin_config(config)
    root = config_file.resolve().parent
    analysis = state.analyses.analyse(root / options.terms_dir)
    if analysis.count(Severity.ERROR):
        return Export(analysis, 0)
    options_ = page_options(options, config)
    pages = site_pages(analysis.glossary, analysis.graph, options_, state.cache)
    state.cache.sweep()
    wanted = _wanted(config, pages, asset_files())
    written = sum(_write_if_changed(out_dir / path, data) for path, data in wanted.items())
    stale = sorted(previous - wanted.keys())
    for relative in stale:
        _remove(out_dir, relative)
    manifest = json.dumps({"files": sorted(wanted)}, indent=0) + "\n"
    _write_if_changed(out_dir / MANIFEST, manifest.encode("utf-8"))
    return Export(analysis, written, len(wanted) - written, len(stale))


def watched_paths_of(config: MkDocsConfig, config_file: Path) -> list[Path]:
    """What `--watch` watches: the terms, the docs folder and mkdocs.yml."""
    terms = config_file.resolve().parent / _plugin_config(config).terms_dir
    return [p for p in (terms, Path(config.docs_dir), config_file) if p.exists()]
