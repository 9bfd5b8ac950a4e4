"""Write tests/data/yaml-test-suite.json: the `in.yaml` of every case of the YAML test suite.

Usage: python3 scripts/vendor_yaml_test_suite.py GIT_DIR [REF]
GIT_DIR is a clone of https://github.com/yaml/yaml-test-suite; REF (default `data`) is its
data branch, where each case's `in.yaml` has the visual markers (␣ → ↵ ∎ —») expanded.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "tests" / "data" / "yaml-test-suite.json"


def git(repo: str, *args: str) -> bytes:
    return subprocess.run(["git", "--git-dir", repo, *args], check=True, capture_output=True).stdout


def main() -> None:
    repo, ref = sys.argv[1], sys.argv[2] if len(sys.argv) > 2 else "data"
    names = git(repo, "ls-tree", "-r", "--name-only", ref).decode().split("\n")
    cases = {
        name.removesuffix("/in.yaml"): git(repo, "show", f"{ref}:{name}").decode("utf-8")
        for name in sorted(names)
        if name.endswith("/in.yaml")
    }
    commit = git(repo, "rev-parse", ref).decode().strip()
    data = {"source": f"https://github.com/yaml/yaml-test-suite/tree/{commit}", "cases": cases}
    OUT.write_text(json.dumps(data, indent=0, ensure_ascii=False, sort_keys=True) + "\n", "utf-8")
    print(f"{len(cases)} cases from {commit} → {OUT}")


if __name__ == "__main__":
    main()
