"""The graph explorer's first draw of a 5,000-term glossary in headless Chromium.

Target (issue 5): first draw within 1.5 s. The baseline, in the same run, is the load of a
plain page of the same site (the A–Z index). Run: python3 bench/bench_explorer.py [N]
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from bench.bench_site import project  # noqa: E402
from tests.browser import CHROMIUM, CHROMIUM_ARGS, free_port, serve  # noqa: E402

DRAWN = "() => document.querySelector('.glossary-explorer')?.dataset.firstDrawMs"


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 5_000
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        folder = project(Path(tmp), count)
        port = free_port()
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SITE_URL": f"http://127.0.0.1:{port}/"}
        subprocess.run(
            ["mkdocs", "build", "-q", "-d", "site"],
            cwd=folder,
            check=True,
            env=env,
            capture_output=True,
        )
        with serve(folder / "site", port) as url, sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            draws, plain = [], []
            for _ in range(5):
                page = browser.new_page(viewport={"width": 1280, "height": 900})
                page.goto(url + "a-z/")
                plain.append(
                    page.evaluate(
                        "() => performance.getEntriesByType('navigation')[0].loadEventEnd"
                    )
                )
                page.close()
                page = browser.new_page(viewport={"width": 1280, "height": 900})
                page.goto(url + "explorer/")
                page.wait_for_function(DRAWN, timeout=30_000)
                draws.append(float(page.evaluate(DRAWN)))
                page.close()
            browser.close()
    draw, base = statistics.median(draws), statistics.median(plain)
    print(
        f"{count} terms: explorer first draw {draw / 1000:.2f}s after navigation start "
        f"(target <= 1.5 s); A–Z page load {base / 1000:.2f}s; ratio {draw / base:.2f}x"
    )


if __name__ == "__main__":
    main()
