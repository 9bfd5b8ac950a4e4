"""`glossary diff` of two 1,000-term folders against `glossary check` of one, whole processes.

Target (issue 14): the diff costs at most 2x the check. Run: python3 bench/bench_diff.py
"""

from __future__ import annotations

import shutil
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench.measure import run
from bench.synth import write_glossary

ROUNDS = 5


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        head = write_glossary(Path(tmp) / "head", 1_000)
        base = Path(tmp) / "base"
        shutil.copytree(head, base)
        (base / "term-999.yaml").unlink()  # one term added by the change
        check, diff = [], []
        for _ in range(ROUNDS):
            check.append(run([sys.executable, "-m", "site_builder", "check", str(head)]))
            diff.append(run([sys.executable, "-m", "site_builder", "diff", str(base), str(head)]))
        for what in ("wall", "cpu"):
            c = statistics.median(getattr(r, what) for r in check)
            d = statistics.median(getattr(r, what) for r in diff)
            print(
                f"1,000 terms, {what} time: check {c:.2f}s, diff {d:.2f}s, "
                f"ratio {d / c:.2f}x (target <= 2x)"
            )


if __name__ == "__main__":
    main()
