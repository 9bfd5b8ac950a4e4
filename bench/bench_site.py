"""`mkdocs build` with the glossary plugin against plain builds of the same pages.

Two baselines, built in the same run, rounds interleaved:
- "render": a plain build of `glossary render` output, whose term prose is already HTML (the
  plugin converted it), so the plugin's prose conversion counts as overhead;
- "markdown": the same pages with each term's prose left as Markdown ([[links]] as Markdown
  links, headings one level down) for mkdocs to convert: what mkdocs costs for the same text
  without our plugin, so the plugin's overhead is the checker and page generation.
One unmeasured build of each first (byte code, file caches); then rounds of the three, each
overhead the median over rounds of the plugin build's time over the baseline built beside it,
as this machine's speed drifts by a tenth over minutes.
Targets (issues 3, 15): overhead at most 5%; HTML per term page at most 20 KB; output size and
peak memory linear in the number of terms.
Run: python3 bench/bench_site.py [--rounds=3] [N ...]
"""

from __future__ import annotations

import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from bench.measure import Run, run  # noqa: E402
from bench.synth import write_glossary  # noqa: E402

Link = Callable[[str], tuple[str, str] | None]

# Byte code is written and reused, as for an installed package (the sandbox sets
# PYTHONDONTWRITEBYTECODE, which would make every plugin build compile the package again).
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
ENV["NO_MKDOCS_2_WARNING"] = "1"


def project(folder: Path, count: int) -> Path:
    """Our mkdocs.yml and docs/ and a synthetic glossary."""
    config = (ROOT / "mkdocs.yml").read_text("utf-8")
    config = config.replace("strict: true", "strict: false")
    (folder / "mkdocs.yml").write_text(config, "utf-8")
    shutil.copytree(ROOT / "docs", folder / "docs")
    # The home page links three real terms; give the synthetic glossary pages by those names.
    (folder / "docs" / "index.md").write_text("# Synthetic glossary\n", "utf-8")
    write_glossary(folder / "terms", count)
    return folder


def markdown_pages(folder: Path) -> None:
    """exported-md/: the render output with term prose as Markdown (see the docstring)."""
    from mkdocs.config import load_config

    from site_builder.analysis import analyse
    from site_builder.model import TermId
    from site_builder.plugin import page_options
    from site_builder.render.cache import RenderCache
    from site_builder.render.pages import site_pages, term_page_url

    def as_markdown(text: str, link: Link) -> str:
        def linked(match: re.Match[str]) -> str:
            found = link(match.group(1).strip())
            return f"[{match.group(2) or found[1]}]({found[0]})" if found else match.group(0)

        text = re.sub(r"^(#{1,5}) ", r"#\1 ", text, flags=re.M)
        return re.sub(r"\[\[([^\]|]+)(?:\|([^\]]+))?\]\]", linked, text)

    class MarkdownProse(RenderCache):
        """Term prose passed through as Markdown instead of converted."""

        link: Link

        def page_text(self, text: str, html: str) -> str:
            return as_markdown(text, self.link)

    shutil.copytree(folder / "exported", folder / "exported-md")
    config = load_config(str(folder / "mkdocs.yml"))
    options = page_options(config.plugins["glossary"].config, config)
    analysis = analyse(folder / "terms")
    terms = analysis.glossary.terms

    def link(target: str) -> tuple[str, str] | None:
        other = terms.get(TermId(target))
        return None if other is None else (term_page_url(options, other.id), other.title)

    prose = MarkdownProse()
    prose.link = link
    generated = site_pages(analysis.glossary, analysis.graph, options, cache=prose)
    for path, content in generated.items():
        (folder / "exported-md" / path).write_text(content, "utf-8")


def plain_config(folder: Path) -> None:
    config = (folder / "mkdocs.yml").read_text("utf-8")
    config = re.sub(r"^( *)- glossary:\n(\1  .*\n)+", "", config, flags=re.M)
    # What `glossary render` says a plain build needs (the plugin adds these itself).
    config = config.replace(
        "theme:\n  name: material\n",
        "theme:\n  name: material\n  custom_dir: exported/templates\n  font: false\n",
    )
    config += "extra_css: [assets/glossary/glossary.css]\n"
    config += "extra_javascript: [assets/glossary/glossary.js]\n"
    (folder / "plain.yml").write_text(config.replace("docs_dir: docs", "docs_dir: exported"))
    markdown = config.replace("docs_dir: docs", "docs_dir: exported-md")
    (folder / "markdown.yml").write_text(
        markdown.replace("custom_dir: exported/", "custom_dir: exported-md/")
    )


def size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def measure(count: int, rounds: int) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as tmp:
        folder = project(Path(tmp), count)
        subprocess.run(
            ["glossary", "render", "--out", "exported"],
            cwd=folder,
            check=True,
            env=ENV,
            capture_output=True,
        )
        plain_config(folder)
        markdown_pages(folder)
        builds: dict[str, list[Run]] = {"plugin": [], "render": [], "markdown": []}
        commands = {
            "plugin": ["mkdocs", "build", "-q", "-d", "site"],
            "render": ["mkdocs", "build", "-q", "-f", "plain.yml", "-d", "plain"],
            "markdown": ["mkdocs", "build", "-q", "-f", "markdown.yml", "-d", "plain-md"],
        }
        for command in commands.values():  # warm-up: byte code, file caches
            run(command, folder, ENV)
        for _ in range(rounds):  # interleaved, so machine noise hits each build alike
            for kind, command in commands.items():
                builds[kind].append(run(command, folder, ENV))
        # The machine's speed drifts over minutes: each round's plugin build against the
        # baselines built right beside it, and the median of those ratios.
        ratios = {
            f"{kind}_{what}_ratio": statistics.median(
                getattr(p, what) / getattr(b, what)
                for p, b in zip(builds["plugin"], builds[kind], strict=True)
            )
            for kind in ("render", "markdown")
            for what in ("wall", "cpu")
        }
        pages = [p.stat().st_size for p in (folder / "site" / "terms").glob("*/index.html")]
        return {
            **{
                f"{kind}_{what}": statistics.median(getattr(r, what) for r in runs)
                for kind, runs in builds.items()
                for what in ("wall", "cpu", "peak_rss_mb")
            },
            **ratios,
            "page_mean": statistics.mean(pages),
            "page_max": max(pages),
            "site": size(folder / "site"),
        }


def main() -> None:
    rounds = next((int(a[9:]) for a in sys.argv[1:] if a.startswith("--rounds=")), 3)
    counts = [int(a) for a in sys.argv[1:] if not a.startswith("--")] or [1_000, 5_000]
    results = {}
    for count in counts:
        r = results[count] = measure(count, rounds)
        over = {k: 100 * (r[f"{k}_wall_ratio"] - 1) for k in ("render", "markdown")}
        cpu = {k: 100 * (r[f"{k}_cpu_ratio"] - 1) for k in ("render", "markdown")}
        print(
            f"{count:>5} terms, median of {rounds}: plugin build {r['plugin_wall']:.1f}s "
            f"(CPU {r['plugin_cpu']:.1f}s); "
            f"plain build of render output {r['render_wall']:.1f}s (CPU {r['render_cpu']:.1f}s), "
            f"overhead {over['render']:+.1f}% (CPU {cpu['render']:+.1f}%); plain build with prose "
            f"as Markdown {r['markdown_wall']:.1f}s (CPU {r['markdown_cpu']:.1f}s), overhead "
            f"{over['markdown']:+.1f}% (CPU {cpu['markdown']:+.1f}%) (target <= 5%; overheads "
            "are medians of each round's ratio)\n"
            f"       peak RSS: plugin build {r['plugin_peak_rss_mb']:.0f} MB, plain "
            f"{r['render_peak_rss_mb']:.0f} MB; term page HTML mean {r['page_mean'] / 1024:.1f} "
            f"KB, max {r['page_max'] / 1024:.1f} KB (target <= 20 KB); "
            f"site {r['site'] / 1e6:.1f} MB"
        )
    if len(counts) > 1:
        small, large = counts[0], counts[-1]
        growth = (results[large]["site"] / results[small]["site"]) / (large / small)
        per_term = (results[large]["site"] - results[small]["site"]) / (large - small)
        memory = results[large]["plugin_peak_rss_mb"] / results[small]["plugin_peak_rss_mb"]
        print(
            f"output growth {small} → {large} terms: {growth:.2f}x linear "
            f"({per_term / 1024:.1f} KB per added term); peak RSS of the plugin build "
            f"{memory:.2f}x for {large / small:.0f}x the terms"
        )


if __name__ == "__main__":
    main()
