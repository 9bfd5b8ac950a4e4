"""`glossary check` against the bare CSafeLoader parse of the same files, whole processes.

Targets (issue 2): at 10,000 terms the check costs at most 1.5x the bare parse, and
10,000 terms take at most 11x as long as 1,000. Run: python3 bench/bench_check.py
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench.synth import write_glossary

BARE_PARSE = (
    "import sys, yaml, pathlib\n"
    "for p in sorted(pathlib.Path(sys.argv[1]).glob('*.yaml')):\n"
    "    yaml.load(p.read_text('utf-8'), Loader=yaml.CSafeLoader)\n"
)
ROUNDS = 5


def timed(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def measure(terms: Path) -> tuple[float, float]:
    """Median seconds of (bare parse, glossary check), rounds interleaved against noise."""
    parse, check = [], []
    for _ in range(ROUNDS):
        parse.append(timed([sys.executable, "-c", BARE_PARSE, str(terms)]))
        check.append(timed([sys.executable, "-m", "site_builder", "check", str(terms)]))
    return statistics.median(parse), statistics.median(check)


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        results = {}
        for count in (1_000, 10_000):
            terms = write_glossary(Path(tmp) / f"g{count}", count)
            results[count] = measure(terms)
            parse, check = results[count]
            print(
                f"{count:>6} terms: bare parse {parse:.2f}s, glossary check {check:.2f}s, "
                f"ratio {check / parse:.2f}x (target <= 1.5x at 10,000)"
            )
        growth = results[10_000][1] / results[1_000][1]
        print(f"check 10,000 / 1,000 terms: {growth:.1f}x (target <= 11x)")


if __name__ == "__main__":
    main()
