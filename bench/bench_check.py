"""`glossary check` against the bare CSafeLoader parse of the same files, whole processes.

Targets (issues 2 and 15): at 10,000 terms the check costs at most 1.5x the bare parse, also
when a third of the terms carry a redundant prerequisite (thousands of warnings, each located
by line and column); 10,000 terms take at most 11x as long as 1,000; peak memory grows no
faster than the number of terms. Run: python3 bench/bench_check.py
"""

from __future__ import annotations

import compileall
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench.measure import Run, run
from bench.synth import write_glossary

ROOT = Path(__file__).resolve().parent.parent

BARE_PARSE = (
    "import sys, yaml, pathlib\n"
    "for p in sorted(pathlib.Path(sys.argv[1]).glob('*.yaml')):\n"
    "    yaml.load(p.read_text('utf-8'), Loader=yaml.CSafeLoader)\n"
)
ROUNDS = 9  # medians of this many interleaved runs: the machine is noisy
CASES = (  # name, terms, every n-th term lists a redundant prerequisite (0: none)
    ("clean", 1_000, 0),
    ("clean", 10_000, 0),
    ("1/3 redundant", 10_000, 3),
)


def measure(terms: Path) -> tuple[list[Run], list[Run]]:
    """(bare parse, glossary check) runs, rounds interleaved against noise."""
    parse, check = [], []
    for _ in range(ROUNDS):
        parse.append(run([sys.executable, "-c", BARE_PARSE, str(terms)]))
        # `check` exits 0 here: warnings only.
        check.append(run([sys.executable, "-m", "site_builder", "check", str(terms)]))
    return parse, check


def median(runs: list[Run], attribute: str) -> float:
    return float(statistics.median(getattr(r, attribute) for r in runs))


def main() -> None:
    # An installed package runs from bytecode (pip compiles it); this tree's may be missing or
    # stale, and with PYTHONDONTWRITEBYTECODE set every run would compile the modules again.
    compileall.compile_dir(ROOT / "site_builder", quiet=1)
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        for name, count, every in CASES:
            folder = Path(tmp) / f"{count}-{every}"
            terms = write_glossary(folder, count, redundant_every=every)
            parse, check = results[name, count] = measure(terms)
            wall_p, wall_c = median(parse, "wall"), median(check, "wall")
            cpu_p, cpu_c = median(parse, "cpu"), median(check, "cpu")
            print(
                f"{count:>6} terms, {name}: bare parse {wall_p:.2f}s, glossary check "
                f"{wall_c:.2f}s, ratio {wall_c / wall_p:.2f}x (target <= 1.5x at 10,000); "
                f"CPU {cpu_p:.2f}s vs {cpu_c:.2f}s ({cpu_c / cpu_p:.2f}x); check peak RSS "
                f"{median(check, 'peak_rss_mb'):.0f} MB (parse "
                f"{median(parse, 'peak_rss_mb'):.0f} MB)"
            )
    small, large = results["clean", 1_000][1], results["clean", 10_000][1]
    time_growth = median(large, "wall") / median(small, "wall")
    memory_growth = median(large, "peak_rss_mb") / median(small, "peak_rss_mb")
    print(
        f"check 10,000 / 1,000 terms: time {time_growth:.1f}x (target <= 11x), "
        f"peak RSS {memory_growth:.1f}x (linear: <= 10x)"
    )


if __name__ == "__main__":
    main()
