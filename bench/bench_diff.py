"""`glossary diff` at 1,000 terms against `glossary check` of HEAD, whole processes, measured
in the same run: two folders, and a git revision against the working tree (the pull-request
workflow's form, which reads the base from git). Wall and CPU time, as the machine is shared.

Target (issue 14): the diff costs at most 2x the check. Run: python3 bench/bench_diff.py
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench.measure import Run, run
from bench.synth import write_glossary

ROUNDS = 5
GLOSSARY = [sys.executable, "-m", "site_builder"]


def git_repository(root: Path, base: Path, head: Path) -> None:
    """`root/terms` committed as `base`, then changed on disk to `head`."""
    env = {**os.environ, "GIT_AUTHOR_NAME": "b", "GIT_AUTHOR_EMAIL": "b@example.org",
           "GIT_COMMITTER_NAME": "b", "GIT_COMMITTER_EMAIL": "b@example.org"}  # fmt: skip
    shutil.copytree(base, root / "terms")
    for command in (["init", "-q"], ["add", "terms"], ["commit", "-qm", "base"]):
        subprocess.run(["git", *command], cwd=root, check=True, env=env)
    shutil.rmtree(root / "terms")
    shutil.copytree(head, root / "terms")


def main() -> None:
    # Whatever runs this, the subprocesses import this checkout's site_builder.
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parent.parent)}
    with tempfile.TemporaryDirectory() as tmp:
        here = Path(tmp)
        head = write_glossary(here / "head", 1_000)
        base = here / "base"
        shutil.copytree(head, base)
        (base / "term-999.yaml").unlink()  # one term added by the change
        git_repository(here / "repo", base, head)
        check: list[Run] = []
        folders: list[Run] = []
        revision: list[Run] = []
        for _ in range(ROUNDS):  # interleaved, so load on the machine hits all three alike
            check.append(run([*GLOSSARY, "check", str(head)], here, env))
            folders.append(run([*GLOSSARY, "diff", str(base), str(head)], here, env))
            revision.append(
                run([*GLOSSARY, "diff", "HEAD", "--terms-dir", "terms"], here / "repo", env)
            )
        for name, runs in (("two folders", folders), ("git HEAD vs working tree", revision)):
            for what in ("wall", "cpu"):
                c = statistics.median(getattr(r, what) for r in check)
                d = statistics.median(getattr(r, what) for r in runs)
                print(
                    f"1,000 terms, {name}, {what} time: check {c:.2f}s, diff {d:.2f}s, "
                    f"ratio {d / c:.2f}x (target <= 2x)"
                )


if __name__ == "__main__":
    main()
