"""`mkdocs build` with the glossary plugin against a plain build of `glossary render` output.

Targets (issue 3): plugin overhead at most 15%; HTML per term page at most 20 KB; output size
linear in the number of terms. Run: python3 bench/bench_site.py [N ...]
"""

from __future__ import annotations

import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from bench.synth import write_glossary  # noqa: E402

ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


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


def timed(command: list[str], cwd: Path) -> float:
    start = time.perf_counter()
    subprocess.run(command, cwd=cwd, check=True, env=ENV, capture_output=True)
    return time.perf_counter() - start


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


def size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def measure(count: int, rounds: int) -> dict[str, float]:
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
        plugin, plain = [], []
        for _ in range(rounds):  # interleaved, so machine noise hits both alike
            plugin.append(timed(["mkdocs", "build", "-q", "-d", "site"], folder))
            plain.append(timed(["mkdocs", "build", "-q", "-f", "plain.yml", "-d", "plain"], folder))
        pages = [p.stat().st_size for p in (folder / "site" / "terms").glob("*/index.html")]
        return {
            "plugin": statistics.median(plugin),
            "plain": statistics.median(plain),
            "page_mean": statistics.mean(pages),
            "page_max": max(pages),
            "site": size(folder / "site"),
        }


def main() -> None:
    counts = [int(a) for a in sys.argv[1:]] or [1_000, 5_000]
    results = {}
    for count in counts:
        r = results[count] = measure(count, rounds=3 if count <= 1_000 else 1)
        print(
            f"{count:>5} terms: plugin build {r['plugin']:.1f}s, plain build of render output "
            f"{r['plain']:.1f}s, overhead {100 * (r['plugin'] / r['plain'] - 1):+.1f}% "
            f"(target <= 15%); term page HTML mean {r['page_mean'] / 1024:.1f} KB, "
            f"max {r['page_max'] / 1024:.1f} KB (target <= 20 KB); site {r['site'] / 1e6:.1f} MB"
        )
    if len(counts) > 1:
        small, large = counts[0], counts[-1]
        growth = (results[large]["site"] / results[small]["site"]) / (large / small)
        per_term = (results[large]["site"] - results[small]["site"]) / (large - small)
        print(
            f"output growth {small} → {large} terms: {growth:.2f}x linear "
            f"({per_term / 1024:.1f} KB per added term)"
        )


if __name__ == "__main__":
    main()
