"""The front-end files the site serves itself: Mermaid and KaTeX from npm, and our own."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from site_builder.errors import AssetMissingError

ASSET_PREFIX = "assets/glossary"
MERMAID_JS = f"{ASSET_PREFIX}/mermaid.min.js"

# Site path → path under the npm install folder (theme/node_modules).
_NPM_FILES = {
    MERMAID_JS: "mermaid/dist/mermaid.min.js",
    f"{ASSET_PREFIX}/katex/katex.min.js": "katex/dist/katex.min.js",
    f"{ASSET_PREFIX}/katex/katex.min.css": "katex/dist/katex.min.css",
    f"{ASSET_PREFIX}/force-graph.min.js": "force-graph/dist/force-graph.min.js",
}
_KATEX_FONTS = "katex/dist/fonts"
_OWN_FILES = ("glossary.js", "explorer.js", "glossary.css")

# What mkdocs.yml must list so that the pages load them (a plain mkdocs build of
# `glossary render` output needs them there too, not injected by the plugin).
REQUIRED_JAVASCRIPT = (
    MERMAID_JS,
    f"{ASSET_PREFIX}/katex/katex.min.js",
    f"{ASSET_PREFIX}/glossary.js",
    f"{ASSET_PREFIX}/explorer.js",
)
REQUIRED_CSS = (f"{ASSET_PREFIX}/katex/katex.min.css", f"{ASSET_PREFIX}/glossary.css")

INSTALL_HINT = "install them with `npm ci` in theme/ (or run `bash scripts/setup.sh`)"


def asset_files(npm_dir: Path) -> dict[str, Path]:
    """Site path → source file of every asset; raises AssetMissingError naming what is missing."""
    files = {site: npm_dir / source for site, source in _NPM_FILES.items()}
    missing = [str(path) for path in files.values() if not path.is_file()]
    fonts = npm_dir / _KATEX_FONTS
    if not fonts.is_dir():
        missing.append(str(fonts))
    if missing:
        raise AssetMissingError(f"front-end assets not found: {', '.join(missing)}; {INSTALL_HINT}")
    # woff2 only: every browser that runs Mermaid 11 reads it, and it is the smallest.
    for font in sorted(fonts.glob("*.woff2")):
        files[f"{ASSET_PREFIX}/katex/fonts/{font.name}"] = font
    own = resources.files("site_builder") / "assets"
    for name in _OWN_FILES:
        files[f"{ASSET_PREFIX}/{name}"] = Path(str(own / name))
    return files
