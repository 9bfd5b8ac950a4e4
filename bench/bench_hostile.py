"""Hostile prerequisite graphs against baselines measured in the same run, whole processes.

Cases (issue point 7; before this work they took 143 s, 44 s / 772 MB and 122 s):
  hub    `glossary check`: one term listing 20,000 prerequisites (20,001 terms)
  dense  `glossary check`: 1,000 terms, each needing every earlier one (499,500 edges)
  chain  `glossary stats`: 20,000 terms in one chain
Baselines:
  parse  a bare yaml.CSafeLoader parse of the same files (linear in the input)
  synth  the same command on bench/synth.py's glossary with as many edges (20,001 terms)
  growth dense at 500 terms (a quarter of the edges): a linear check grows ~4x
Run: python3 bench/bench_hostile.py
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench.bench_check import BARE_PARSE
from bench.synth import write_glossary

HUB, DENSE, CHAIN = 20_000, 1_000, 20_000


def _term(index: int, prerequisites: list[str]) -> str:
    lines = [
        f'title: "Concept {index}"',
        f'summary: "Concept {index} is a thing."',
        'eli5: "Like a toy."',
        'expert: "## Detail"',
        "sources:",
        '  - title: "Reference"',
        "    url: https://example.org/ref",
    ]
    if prerequisites:
        lines += ["prerequisites:", *(f"  - {p}" for p in prerequisites)]
    return "\n".join(lines) + "\n"


def _write(directory: Path, terms: dict[str, str]) -> Path:
    directory.mkdir(parents=True)
    for name, text in terms.items():
        (directory / f"{name}.yaml").write_text(text, "utf-8")
    return directory


def hub(directory: Path, count: int) -> Path:
    terms = {f"t{i}": _term(i, []) for i in range(count)}
    terms["hub"] = _term(count, list(terms))
    return _write(directory, terms)


def dense(directory: Path, count: int) -> Path:
    return _write(directory, {f"t{i}": _term(i, [f"t{j}" for j in range(i)]) for i in range(count)})


def chain(directory: Path, count: int) -> Path:
    return _write(directory, {f"t{i}": _term(i, [f"t{i - 1}"] if i else []) for i in range(count)})


def run(command: list[str]) -> tuple[float, float]:
    """Wall seconds and peak memory (MB) of one process."""
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) not in (0, 1):  # 1: the findings themselves
        raise SystemExit(f"{command} failed")
    return seconds, usage.ru_maxrss / 1024


def parse(terms: Path) -> float:
    return run([sys.executable, "-c", BARE_PARSE, str(terms)])[0]


def glossary(command: str, terms: Path) -> tuple[float, float]:
    return run([sys.executable, "-m", "site_builder", command, str(terms)])


def report(name: str, seconds: float, memory: float, baselines: dict[str, float]) -> None:
    ratios = ", ".join(f"{seconds / base:.1f}x {label}" for label, base in baselines.items())
    print(f"{name:<34} {seconds:6.2f} s {memory:6.0f} MB   ({ratios})", flush=True)


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        synth = write_glossary(root / "synth", HUB + 1)
        print("baselines: 'parse' = bare parse of the same files; 'synth' = the same command")
        print(f"on a normal {HUB + 1:,}-term glossary (bench/synth.py, {HUB:,} edges)\n")
        synth_check = glossary("check", synth)[0]
        synth_stats = glossary("stats", synth)[0]
        print(f"{'synth check / stats':<34} {synth_check:6.2f} s / {synth_stats:.2f} s\n")

        terms = hub(root / "hub", HUB)
        seconds, memory = glossary("check", terms)
        report(
            f"check, one term with {HUB:,} prereqs",
            seconds,
            memory,
            {"parse": parse(terms), "synth": synth_check},
        )

        small = dense(root / "dense-small", DENSE // 2)
        terms = dense(root / "dense", DENSE)
        seconds, memory = glossary("check", terms)
        half = glossary("check", small)[0]
        report(
            f"check, dense {DENSE:,} terms",
            seconds,
            memory,
            {"parse": parse(terms), f"dense {DENSE // 2} (edges x4)": half},
        )

        terms = chain(root / "chain", CHAIN)
        seconds, memory = glossary("stats", terms)
        report(
            f"stats, {CHAIN:,}-term chain",
            seconds,
            memory,
            {"parse": parse(terms), "synth": synth_stats},
        )


if __name__ == "__main__":
    main()
