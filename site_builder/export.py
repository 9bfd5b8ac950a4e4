"""`glossary render`: the docs folder the plugin would build, written out for other engines.

A plain `mkdocs build` of the result gives the same site when mkdocs.yml, without the glossary
plugin, has what the plugin would add (PLAIN_BUILD says what); engines that run no mkdocs
plugins can build it too. The JSON-LD of term pages needs a theme override: it is written to
`templates/main.html` in the output, a folder mkdocs leaves out of the site by default, with
the plugin's own Material overrides (`partials/`).

Run again on the same folder, it rewrites only the files whose bytes changed and removes those
it wrote before that are no longer wanted (a deleted term's page), so an engine watching the
folder rebuilds only what changed. MANIFEST, a dot-file no engine publishes, lists what it
wrote; a folder that is neither empty nor holds one is refused, so no file of anyone else's is
ever overwritten or removed.
"""

from __future__ import annotations

import json
import shutil
import tempfile
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig

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
from site_builder.findings import Severity
from site_builder.freshness import last_updated
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
    """The files an earlier export wrote to `out_dir`: none for a missing or empty folder.
    Anything else is refused: a link there (even to an empty folder, or to nothing) rather than
    followed, and a folder without our manifest, which is someone else's."""
    manifest = out_dir / MANIFEST
    if out_dir.is_symlink() or (
        out_dir.exists()
        and (not out_dir.is_dir() or (any(out_dir.iterdir()) and not manifest.is_file()))
    ):
        raise ExportError(
            f"{out_dir} exists and is not an empty folder or an earlier render output"
        )
    if not out_dir.parent.is_dir():
        raise ExportError(f"cannot write {out_dir}: its parent folder does not exist")
    if not manifest.is_file():
        return set()
    try:
        files = json.loads(manifest.read_text("utf-8"))["files"]
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise ExportError(f"{manifest} cannot be read ({error}); remove the folder") from error
    return {f for f in files if isinstance(f, str) and ".." not in f.split("/")}


def _wanted(
    config: MkDocsConfig, out_dir: Path, pages: dict[str, str], assets: dict[str, Path]
) -> dict[str, bytes]:
    """Relative path → bytes of everything the output folder holds."""
    docs = Path(config.docs_dir)
    files = {}
    for path in sorted(docs.rglob("*")):
        if path.is_dir():
            continue
        if not path.is_file():  # reading a named pipe would wait forever
            raise ExportError(f"cannot write {out_dir}: `{path}` is not a regular file")
        files[path.relative_to(docs).as_posix()] = path.read_bytes()
    taken = next((f for f in files if f.split("/")[0] == OVERRIDES), None)
    if taken is not None:
        raise ExportError(
            f"cannot write {out_dir}: `{docs / taken}` is where the output keeps its theme "
            f"overrides ({OVERRIDES}/); rename it"
        )
    files.update((path, content.encode("utf-8")) for path, content in pages.items())
    files.update((path, source.read_bytes()) for path, source in assets.items())
    override = resources.files("site_builder").joinpath("templates/export/main.html")
    files[f"{OVERRIDES}/main.html"] = override.read_bytes()
    # The plugin's own theme overrides (table of contents on phones, the page-load bar).
    for source in sorted(theme_overrides().rglob("*.html")):
        files[f"{OVERRIDES}/{source.relative_to(theme_overrides()).as_posix()}"] = (
            source.read_bytes()
        )
    head = f"{{% raw %}}{head_script()}{{% endraw %}}"  # a template: its text is printed as is
    files[f"{OVERRIDES}/partials/glossary-head.html"] = head.encode("utf-8")
    manifest = json.dumps({"files": sorted(files)}, indent=0) + "\n"
    files[MANIFEST] = manifest.encode("utf-8")
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


def _write_new(out_dir: Path, wanted: dict[str, bytes]) -> None:
    """Everything to a hidden sibling folder first, renamed to `out_dir` once complete: a
    failure (no permission, a full disk) leaves no half-written folder behind."""
    try:
        hidden = Path(tempfile.mkdtemp(dir=out_dir.parent, prefix=f".{out_dir.name}."))
    except OSError as error:
        raise ExportError(f"cannot write to {out_dir.parent}: {error.strerror}") from error
    try:
        staging = hidden / "docs"  # made by mkdir, so it gets the usual permissions
        staging.mkdir()
        for relative, data in wanted.items():
            target = staging / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
        if out_dir.is_dir():
            out_dir.rmdir()  # empty, as checked; rename cannot replace a folder everywhere
        staging.rename(out_dir)
    except OSError as error:
        raise ExportError(f"cannot write {out_dir}: {error.strerror or error}") from error
    finally:
        shutil.rmtree(hidden, ignore_errors=True)


def _update(out_dir: Path, wanted: dict[str, bytes], previous: set[str]) -> tuple[int, int]:
    """An earlier output brought up to date file by file: (files written, files removed)."""
    try:
        written = sum(_write_if_changed(out_dir / path, data) for path, data in wanted.items())
        stale = sorted(previous - wanted.keys())
        for relative in stale:
            _remove(out_dir, relative)
    except OSError as error:
        raise ExportError(f"cannot write {out_dir}: {error.strerror or error}") from error
    return written, len(stale)


def export_docs(config_file: Path, out_dir: Path, state: ExportState | None = None) -> Export:
    """Write hand-written docs, generated pages and assets to `out_dir`: a new or empty folder
    is written whole, an earlier output updated in place. Nothing is written when the glossary
    has errors. `state` carries caches from one run to the next."""
    previous = _previous(out_dir)
    state = state or ExportState.new()
    config = load_config(str(config_file))
    options = _plugin_config(config)
    root = config_file.resolve().parent
    analysis = state.analyses.analyse(root / options.terms_dir)
    if analysis.count(Severity.ERROR):
        return Export(analysis, 0)
    options_ = page_options(options, config)
    updated = last_updated(root / options.terms_dir)
    pages = site_pages(analysis.glossary, analysis.graph, options_, updated, state.cache)
    state.cache.sweep()
    wanted = _wanted(config, out_dir, pages, asset_files())
    if not previous:
        _write_new(out_dir, wanted)
        return Export(analysis, len(wanted))
    written, removed = _update(out_dir, wanted, previous)
    return Export(analysis, written, len(wanted) - written, removed)


def watched_paths_of(config: MkDocsConfig, config_file: Path) -> list[Path]:
    """What `--watch` watches: the terms, the docs folder and mkdocs.yml."""
    terms = config_file.resolve().parent / _plugin_config(config).terms_dir
    return [p for p in (terms, Path(config.docs_dir), config_file) if p.exists()]
