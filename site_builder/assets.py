"""The front-end files the site serves itself, all shipped inside this package.

`site_builder/assets/` holds our own scripts and styles; `assets/vendor/` holds Mermaid, KaTeX
(with every font its CSS names) and force-graph, copied from the npm packages pinned in
theme/package-lock.json by scripts/vendor_assets.py, with a manifest of versions and hashes.
The site mirrors that folder under ASSET_PREFIX, so glossary.js finds each library at the same
path relative to itself as in the package, and loads it only on the pages that need it.
"""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

from site_builder.errors import AssetMissingError
from site_builder.schema import SCHEMA_FILE

ASSET_PREFIX = "assets/glossary"
MANIFEST = "vendor/manifest.json"

# Added to every page by the plugin: small, and they load the rest on demand.
PAGE_JAVASCRIPT = f"{ASSET_PREFIX}/glossary.js"
PAGE_CSS = f"{ASSET_PREFIX}/glossary.css"
_OWN_FILES = ("glossary.js", "glossary.css", "explorer.js", "progress.js")


def package_assets() -> Path:
    return Path(str(resources.files("site_builder") / "assets"))


HEAD_SCRIPT = "search-on-demand.js"


def head_script() -> str:
    """The script every page's <head> carries inline (it must run before Material's bundle):
    the search index is fetched on first use of search, not on every first view."""
    source = (package_assets() / HEAD_SCRIPT).read_text("utf-8").strip()
    return f"<script>{source}</script>"


def theme_overrides() -> Path:
    """Our Material template overrides (partials/nav.html), a folder of theme templates."""
    return Path(str(resources.files("site_builder") / "overrides"))


def vendored() -> dict[str, dict[str, object]]:
    """The manifest's packages: name → version, integrity, license and file hashes."""
    path = package_assets() / MANIFEST
    try:
        packages: dict[str, dict[str, object]] = json.loads(path.read_text("utf-8"))["packages"]
    except (OSError, ValueError, KeyError) as error:
        raise AssetMissingError(f"cannot read {path} (a broken installation?): {error}") from error
    return packages


def asset_files() -> dict[str, Path]:
    """Site path → source file of every published asset (and the term schema); raises
    AssetMissingError naming what is missing."""
    folder = package_assets()
    names = list(_OWN_FILES)
    for package, info in vendored().items():
        files = info["files"]
        assert isinstance(files, dict)
        names += [f"vendor/{package}/{name}" for name in sorted(files)]
    missing = [name for name in names if not (folder / name).is_file()]
    if missing:
        raise AssetMissingError(
            f"front-end assets missing from {folder}: {', '.join(missing)}; "
            "reinstall the glossary-site package"
        )
    files = {f"{ASSET_PREFIX}/{name}": folder / name for name in names}
    # The term schema at a stable address, for editors of term files anywhere.
    files[SCHEMA_FILE] = folder.parent / SCHEMA_FILE
    return files
