"""`glossary render`: the docs folder the plugin would build, written out for other engines.

A plain `mkdocs build` of the result gives the same site when mkdocs.yml, without the glossary
plugin, has what the plugin would add (PLAIN_BUILD says what); engines that run no mkdocs
plugins can build it too. The JSON-LD of term pages needs a theme override: it is written to
`templates/main.html` in the output, a folder mkdocs leaves out of the site by default, with
the plugin's own Material overrides (`partials/`).
"""

from __future__ import annotations

import shutil
import tempfile
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
from site_builder.freshness import last_updated
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

    Nothing is written when the glossary has errors. Everything goes to a hidden sibling
    folder first, renamed to `out_dir` once complete: a failure (no permission, a full disk)
    leaves no half-written folder behind.
    """
    _check_target(out_dir)
    config = load_config(str(config_file))
    options = _plugin_config(config)
    root = config_file.resolve().parent
    analysis = analyse(root / options.terms_dir)
    if analysis.count(Severity.ERROR):
        return Export(analysis, 0)
    assets = asset_files()
    updated = last_updated(root / options.terms_dir)
    pages = site_pages(analysis.glossary, analysis.graph, page_options(options, config), updated)
    try:
        hidden = Path(tempfile.mkdtemp(dir=out_dir.parent, prefix=f".{out_dir.name}."))
    except OSError as error:
        raise ExportError(f"cannot write to {out_dir.parent}: {error.strerror}") from error
    try:
        staging = hidden / "docs"  # made by mkdir, so it gets the usual permissions
        staging.mkdir()
        templates = _write(staging, Path(config.docs_dir), pages, assets)
        if out_dir.is_dir():
            out_dir.rmdir()  # empty, as checked; rename cannot replace a folder everywhere
        staging.rename(out_dir)
    except OSError as error:
        raise ExportError(f"cannot write {out_dir}: {_reason(error)}") from error
    finally:
        shutil.rmtree(hidden, ignore_errors=True)
    return Export(analysis, len(pages) + len(assets) + templates)


def _reason(error: OSError) -> str:
    """What went wrong, in one line: copytree gathers (source, target, why) per failed file."""
    failures = error.args[0] if isinstance(error, shutil.Error) and error.args else None
    if isinstance(failures, list) and failures and len(failures[0]) == 3:
        return str(failures[0][2])
    return error.strerror or str(error)


def _check_target(out_dir: Path) -> None:
    """`out_dir` may be missing or an empty folder; a link there (even to an empty folder,
    or to nothing) is refused rather than followed."""
    if out_dir.is_symlink() or (
        out_dir.exists() and (not out_dir.is_dir() or any(out_dir.iterdir()))
    ):
        raise ExportError(f"{out_dir} exists and is not an empty folder")
    if not out_dir.parent.is_dir():
        raise ExportError(f"cannot write {out_dir}: its parent folder does not exist")


def _write(staging: Path, docs_dir: Path, pages: dict[str, str], assets: dict[str, Path]) -> int:
    """Docs, pages, assets and theme overrides into `staging`; the number of templates."""
    shutil.copytree(docs_dir, staging, dirs_exist_ok=True)
    for path, content in pages.items():
        target = staging / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(content, encoding="utf-8")
    for path, source in assets.items():
        target = staging / path
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
    override = resources.files("site_builder").joinpath("templates/export/main.html")
    (staging / OVERRIDES).mkdir(exist_ok=True)
    (staging / OVERRIDES / "main.html").write_text(override.read_text("utf-8"), "utf-8")
    # The plugin's own theme overrides (table of contents on phones, the page-load bar).
    partials = sorted(theme_overrides().rglob("*.html"))
    for source in partials:
        target = staging / OVERRIDES / source.relative_to(theme_overrides())
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
    head = f"{{% raw %}}{head_script()}{{% endraw %}}"  # a template: its text is printed as is
    (staging / OVERRIDES / "partials" / "glossary-head.html").write_text(head, "utf-8")
    return 2 + len(partials)
