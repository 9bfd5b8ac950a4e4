"""What a reader's first view of a page costs: bytes fetched (gzipped), and Lighthouse.

Builds this repository's glossary and a 1,000-term synthetic one, opens each kind of page
afresh in headless Chromium (Debian's), waits until its graph is drawn and its math typeset
and the network is idle, and sums the gzip size of everything the page fetched (what a server
that compresses would send). Budgets (issue 12): a page without graph or math at most 250 KB;
a term page at most 700 KB; neither grows by more than 10% from the real glossary to 1,000
terms. The A–Z index and the explorer list the whole glossary, so they grow with it by design;
they are reported, not budgeted.

Then Lighthouse (npm; `npm install` in bench/ first, or --no-lighthouse) scores performance,
accessibility, best practices and SEO for home, a term page, A–Z and the explorer of the real
glossary, desktop and mobile, with CHROME_PATH pointing at Debian's Chromium.

Run: python3 bench/bench_pages.py [--no-lighthouse]
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from bench.bench_site import project  # noqa: E402
from tests.browser import CHROMIUM, CHROMIUM_ARGS, free_port, serve  # noqa: E402

BUDGET_KB = {"home": 250, "term": 700}
GROWTH = 1.10
LIGHTHOUSE = ROOT / "bench" / "node_modules" / ".bin" / "lighthouse"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")


def build(project_dir: Path, port: int, site: Path) -> Path:
    """`mkdocs build` of the project in `project_dir`, served later on `port`."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SITE_URL": f"http://127.0.0.1:{port}/"}
    subprocess.run(
        ["mkdocs", "build", "-q", "-d", str(site)],
        cwd=project_dir,
        check=True,
        env=env,
        capture_output=True,
    )
    return site


def first_view(browser: Any, url: str) -> tuple[int, list[tuple[str, int]]]:
    """Gzipped bytes of every response of a fresh load of `url`, once the page is done."""
    from playwright.sync_api import Error as PlaywrightError

    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    sizes: dict[str, int] = {}

    def record(response: Any) -> None:
        try:
            body = response.body()
        except PlaywrightError:  # a redirect or an aborted request has no body
            return
        sizes[response.url] = len(gzip.compress(body, 6))

    page.on("response", record)
    page.goto(url)
    page.wait_for_selector("article[data-glossary-ready]", state="attached", timeout=120_000)
    if "explorer" in url:
        page.wait_for_function(
            "() => document.querySelector('.glossary-explorer')?.dataset.firstDrawMs",
            timeout=120_000,
        )
    page.wait_for_load_state("networkidle")
    context.close()
    biggest = sorted(sizes.items(), key=lambda item: -item[1])[:6]
    return sum(sizes.values()), [(u.rsplit("/", 1)[-1] or u, s) for u, s in biggest]


def measure(site: Path, port: int, pages: dict[str, str]) -> dict[str, dict[str, Any]]:
    from playwright.sync_api import sync_playwright

    results = {}
    with serve(site, port) as url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for name, path in pages.items():
            total, biggest = first_view(browser, url + path)
            results[name] = {"kb": total / 1000, "biggest": biggest}
        browser.close()
    return results


def lighthouse(site: Path, port: int, pages: dict[str, str]) -> dict[str, dict[str, int]]:
    scores: dict[str, dict[str, int]] = {}
    env = {**os.environ, "CHROME_PATH": CHROMIUM}
    with serve(site, port) as url, tempfile.TemporaryDirectory() as out:
        for name, path in pages.items():
            for form in ("desktop", "mobile"):
                report = Path(out) / f"{name}-{form}.json"
                command = [
                    str(LIGHTHOUSE),
                    url + path,
                    "--quiet",
                    "--output=json",
                    f"--output-path={report}",
                    f"--only-categories={','.join(CATEGORIES)}",
                    "--chrome-flags=--headless --no-sandbox --disable-gpu",
                ]
                if form == "desktop":
                    command.append("--preset=desktop")
                subprocess.run(command, check=True, env=env, capture_output=True)
                categories = json.loads(report.read_text("utf-8"))["categories"]
                scores[f"{name} {form}"] = {
                    c: round(100 * (categories[c]["score"] or 0)) for c in CATEGORIES
                }
    return scores


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-lighthouse", action="store_true")
    parser.add_argument("--count", type=int, default=1_000, help="synthetic terms")
    args = parser.parse_args()
    real_pages = {
        "home": "",
        "term": "terms/bayes-theorem/",
        "a-z": "a-z/",
        "explorer": "explorer/",
    }
    synthetic_pages = {
        "home": "",
        "term": "terms/term-500/",
        "a-z": "a-z/",
        "explorer": "explorer/",
    }
    failed = False
    with tempfile.TemporaryDirectory() as tmp:
        real_port, synthetic_port = free_port(), free_port()
        real_site = build(ROOT, real_port, Path(tmp) / "real-site")
        folder = Path(tmp) / "synthetic"
        folder.mkdir()
        synthetic = build(project(folder, args.count), synthetic_port, folder / "site")
        real = measure(real_site, real_port, real_pages)
        big = measure(synthetic, synthetic_port, synthetic_pages)
        terms = len(list((ROOT / "terms").glob("*.yaml")))
        print(f"first view, gzipped KB: real glossary ({terms} terms) → {args.count} terms")
        for name in real_pages:
            growth = big[name]["kb"] / real[name]["kb"]
            budget = BUDGET_KB.get(name)
            ok = budget is None or (
                real[name]["kb"] <= budget and big[name]["kb"] <= budget and growth <= GROWTH
            )
            failed |= not ok
            limit = f"budget {budget} KB, growth ≤ {GROWTH:.2f}x" if budget else "not budgeted"
            print(
                f"  {name:8} {real[name]['kb']:7.1f} → {big[name]['kb']:7.1f}  "
                f"({growth:.2f}x; {limit}) {'ok' if ok else 'OVER'}"
            )
            print(
                "           largest:",
                ", ".join(f"{n} {s / 1000:.1f}" for n, s in big[name]["biggest"]),
            )
        if not args.no_lighthouse:
            if not LIGHTHOUSE.exists():
                print("Lighthouse: run `npm install` in bench/ first (or pass --no-lighthouse)")
                return 1
            print("Lighthouse (real glossary):", " / ".join(CATEGORIES))
            for page, scores in lighthouse(real_site, real_port, real_pages).items():
                print(f"  {page:18} " + " / ".join(str(scores[c]) for c in CATEGORIES))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
