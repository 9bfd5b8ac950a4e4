"""`glossary check-site` speed on a built synthetic site, against a bare lxml parse.

Target (issue 6): at least 1,000 pages a second. Run: python3 bench/bench_check_site.py [N]
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import lxml.etree

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from bench.bench_site import project  # noqa: E402
from site_builder.sitecheck import check_site  # noqa: E402


def bare_parse(site: Path) -> None:
    parser = lxml.etree.HTMLParser()
    for path in site.rglob("*.html"):
        lxml.etree.fromstring(path.read_bytes(), parser)


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000
    with tempfile.TemporaryDirectory() as tmp:
        folder = project(Path(tmp), count)
        subprocess.run(
            ["mkdocs", "build", "-q", "-d", "site"],
            cwd=folder,
            check=True,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
            capture_output=True,
        )
        site = folder / "site"
        pages = len(list(site.rglob("*.html")))
        checks, parses = [], []
        for _ in range(5):  # interleaved rounds; medians
            start = time.perf_counter()
            report = check_site(site)
            checks.append(time.perf_counter() - start)
            start = time.perf_counter()
            bare_parse(site)
            parses.append(time.perf_counter() - start)
        check, parse = statistics.median(checks), statistics.median(parses)
        print(
            f"{pages} pages: check-site {check:.2f}s = {pages / check:,.0f} pages/s "
            f"(target >= 1,000); bare lxml parse {parse:.2f}s; ratio {check / parse:.2f}x; "
            f"{len(report.findings)} findings"
        )


if __name__ == "__main__":
    main()
