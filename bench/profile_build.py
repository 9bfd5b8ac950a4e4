"""Where a `mkdocs build` of a synthetic glossary spends its time (issue 15), from cProfile.

Run: python3 bench/profile_build.py [N]  (default 1,000 terms). The shares come from cumulative
times of the functions named below; the profiler slows Python code down about evenly.
"""

from __future__ import annotations

import cProfile
import os
import pstats
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from bench.bench_site import project  # noqa: E402

# (label, file suffix, function name): cumulative time of that function.
PARTS = (
    ("mkdocs: Markdown of every page", "mkdocs/structure/pages.py", "render"),
    (
        "mkdocs: writing pages (theme templates, on_page_context, on_post_page)",
        "mkdocs/commands/build.py",
        "_build_page",
    ),
    ("  of which search: indexing pages", "material/plugins/search/plugin.py", "on_page_context"),
    ("  of which glossary-minify", "site_builder/minify.py", "on_post_page"),
    ("  of which glossary: JSON-LD", "site_builder/plugin.py", "on_post_page"),
    ("search: writing the index", "material/plugins/search/plugin.py", "on_post_build"),
    ("mkdocs: copying static files", "mkdocs/structure/files.py", "copy_static_files"),
    ("glossary: on_files (check + generate pages)", "site_builder/plugin.py", "on_files"),
    ("  of which the check (analyse)", "site_builder/incremental.py", "analyse"),
    ("  of which term prose to HTML", "site_builder/render/sections.py", "all_sections"),
    ("  of which page generation", "site_builder/render/pages.py", "site_pages"),
)


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    os.environ["NO_MKDOCS_2_WARNING"] = "1"
    with tempfile.TemporaryDirectory() as tmp:
        folder = project(Path(tmp), count)
        os.chdir(folder)
        config = load_config("mkdocs.yml", site_dir=str(folder / "site"))
        config.plugins.on_startup(command="build", dirty=False)
        profile = cProfile.Profile()
        profile.enable()
        build(config)
        profile.disable()
    stats = pstats.Stats(profile).stats  # type: ignore[attr-defined]
    total = max(cumulative for _, _, _, cumulative, _ in stats.values())
    print(f"{count} terms: mkdocs build {total:.1f} s under cProfile")
    for label, suffix, name in PARTS:
        seconds = sum(
            row[3]
            for (file, _, function), row in stats.items()
            if file.endswith(suffix) and function == name
        )
        print(f"  {100 * seconds / total:5.1f}%  {seconds:6.1f} s  {label}")


if __name__ == "__main__":
    main()
