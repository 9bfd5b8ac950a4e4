"""Tiny real mkdocs projects in tmp_path, built with the real `mkdocs` command."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import yaml

from tests.helpers import term, write_terms

ROOT = Path(__file__).resolve().parent.parent


def make_project(root: Path, terms: dict[str, Any], **plugin_options: Any) -> Path:
    """Our mkdocs.yml and docs/, pointed at `terms`."""
    text = (ROOT / "mkdocs.yml").read_text("utf-8")
    config = yaml.safe_load(re.sub(r"!ENV \[\w+, (\S+)\]", r"\1", text))
    config["strict"] = False  # tests pass --strict where they mean it
    config["plugins"] = ["search", {"glossary": {"terms_dir": "terms", **plugin_options}}]
    text = yaml.safe_dump(config, sort_keys=False, allow_unicode=True)
    root.mkdir(parents=True, exist_ok=True)
    (root / "mkdocs.yml").write_text(text, "utf-8")
    shutil.copytree(ROOT / "docs", root / "docs")
    write_terms(root, terms)
    return root


def tiny_project(root: Path, terms: dict[str, Any], home: str = "# Home\n") -> Path:
    """The smallest site with the plugin: Material, search, a home page and `terms` (most of
    a build's time here is the theme's templates, whatever the site)."""
    (root / "mkdocs.yml").write_text(
        "site_name: Tiny\nsite_url: https://g.example/\ntheme: material\nnav:\n  - index.md\n"
        "plugins:\n  - search\n  - glossary:\n      terms_dir: terms\n",
        "utf-8",
    )
    (root / "docs").mkdir()
    (root / "docs" / "index.md").write_text(home, "utf-8")
    write_terms(root, terms)
    return root


def build(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """`mkdocs build` (not -q: it hides warnings from --strict's count)."""
    return subprocess.run(
        ["mkdocs", "build", "-d", "site", *args],
        cwd=root,
        capture_output=True,
        text=True,
        env=_quiet_env(),
    )


def _quiet_env() -> dict[str, str]:
    import os

    return {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


def starter_terms() -> dict[str, Any]:
    """The home page links these three; the rest exercise graphs, paths and keyword ids."""
    return {
        "probability": term("Probability", related=["end"]),
        "machine-learning": term(
            "Machine Learning", prerequisites=["probability"], aliases=["ML"], tags=["basics"]
        ),
        "large-language-model": term(
            "Large Language Model", prerequisites=["graph"], aliases=["LLM"]
        ),
        "graph": term("Graph", prerequisites=["click"], related=["subgraph"]),
        "click": term("Click", prerequisites=["machine-learning"]),
        "end": term("End", related=["probability"]),
        "subgraph": term(
            "Subgraph",
            related=["graph"],
            expert="## Detail\n\nSee [[graph]] and [[click|the click term]].",
        ),
    }
