"""Copy the pinned front-end libraries from theme/node_modules into the Python package.

Maintainers only: run `npm ci` in theme/ after changing theme/package.json, then

    python3 scripts/vendor_assets.py          # copy the files and write the manifest
    python3 scripts/vendor_assets.py --check  # exit 1 if the package differs from node_modules

Users, CI and the README's commands never need Node: the copied files and
`site_builder/assets/vendor/manifest.json` (name, version and lockfile integrity of each
package, sha256 of each copied file) are committed. tests/test_vendor.py checks the manifest
against theme/package-lock.json and the files against their hashes.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import posixpath
import re
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NODE_MODULES = ROOT / "theme" / "node_modules"
LOCKFILE = ROOT / "theme" / "package-lock.json"
VENDOR = ROOT / "site_builder" / "assets" / "vendor"

# Package → the files the site serves (paths inside the npm package). KaTeX's fonts are added
# from its CSS: every file it names, so that no link checker finds one missing. Mermaid's ESM
# build is split into chunks; only those a flowchart needs are added (see `mermaid_chunks`):
# 234 KB gzipped against 976 KB for the single-file mermaid.min.js.
FILES = {
    "mermaid": ["dist/mermaid.esm.min.mjs", "LICENSE"],
    "katex": ["dist/katex.min.js", "dist/katex.min.css", "LICENSE"],
    "force-graph": ["dist/force-graph.min.js", "LICENSE"],
}
KATEX_FONT_RE = re.compile(r"url\((fonts/[\w.-]+)\)")
# Static imports (`import"./x.mjs"`, `from"./x.mjs"`) and dynamic ones (`import("./x.mjs")`).
_STATIC_IMPORT_RE = re.compile(r'(?:\bimport|\bfrom)\s*"(\./[\w./-]+\.mjs)"')
_DYNAMIC_IMPORT_RE = re.compile(r'\bimport\("(\./[\w./-]+\.mjs)"\)')
# The lazily loaded modules a concept graph (`graph LR`, dagre layout) needs; every other
# diagram type and layout stays out of the package.
MERMAID_LAZY = re.compile(r"/(?:flowDiagram|dagre)-\w+\.mjs$")


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def mermaid_chunks(entry: str = "dist/mermaid.esm.min.mjs") -> list[str]:
    """The ESM entry's chunks a flowchart can load: every static import, followed from the
    entry, and the dynamic imports that MERMAID_LAZY names, with theirs."""
    package = NODE_MODULES / "mermaid"
    seen: set[str] = set()
    todo = [entry]
    while todo:
        path = todo.pop()
        if path in seen:
            continue
        seen.add(path)
        text = (package / path).read_text("utf-8")
        folder = path.rsplit("/", 1)[0]
        found = _STATIC_IMPORT_RE.findall(text)
        found += [m for m in _DYNAMIC_IMPORT_RE.findall(text) if MERMAID_LAZY.search(m)]
        todo += [posixpath.normpath(f"{folder}/{m}") for m in found]
    return sorted(seen - {entry})


def wanted(package: str) -> list[str]:
    files = list(FILES[package])
    if package == "mermaid":
        files += mermaid_chunks()
    if package == "katex":
        css = (NODE_MODULES / "katex" / "dist" / "katex.min.css").read_text("utf-8")
        files += sorted({f"dist/{name}" for name in KATEX_FONT_RE.findall(css)})
    return files


def target_name(source: str) -> str:
    """Where a package file goes under vendor/<package>/ (dist/ dropped)."""
    return source.removeprefix("dist/")


def manifest() -> dict[str, object]:
    lock = json.loads(LOCKFILE.read_text("utf-8"))["packages"]
    packages = {}
    for package in FILES:
        pinned = lock[f"node_modules/{package}"]
        installed = json.loads((NODE_MODULES / package / "package.json").read_text("utf-8"))
        if installed["version"] != pinned["version"]:
            sys.exit(
                f"{package} {installed['version']} installed, lockfile pins "
                f"{pinned['version']}: run `npm ci` in theme/"
            )
        packages[package] = {
            "version": pinned["version"],
            "integrity": pinned["integrity"],
            "license": pinned.get("license", installed.get("license")),
            "files": {target_name(f): sha256(NODE_MODULES / package / f) for f in wanted(package)},
        }
    return {"source": "theme/package-lock.json", "packages": packages}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare, change nothing")
    args = parser.parse_args()
    if not NODE_MODULES.is_dir():
        sys.exit("theme/node_modules is missing: run `npm ci` in theme/ first")
    expected = manifest()
    text = json.dumps(expected, indent=2, sort_keys=True) + "\n"
    if args.check:
        current = VENDOR / "manifest.json"
        same = current.is_file() and current.read_text("utf-8") == text
        for package, info in expected["packages"].items():  # type: ignore[attr-defined]
            for name, digest in info["files"].items():
                path = VENDOR / package / name
                same = same and path.is_file() and sha256(path) == digest
        print("vendored assets match node_modules" if same else "vendored assets differ")
        return 0 if same else 1
    shutil.rmtree(VENDOR, ignore_errors=True)
    for package in FILES:
        for source in wanted(package):
            target = VENDOR / package / target_name(source)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(NODE_MODULES / package / source, target)
    (VENDOR / "manifest.json").write_text(text, "utf-8")
    count = sum(len(i["files"]) for i in expected["packages"].values())  # type: ignore[attr-defined]
    print(f"copied {count} files to {VENDOR.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
