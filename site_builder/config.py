"""The `glossary` plugin's options, as a typed mkdocs config schema.

The docstring under each option is its documentation: `options_markdown` turns them into the
options page (docs/configuration.md; `glossary options` prints it).
"""

from __future__ import annotations

import ast
import inspect
from itertools import pairwise
from typing import Any

from mkdocs.config import base
from mkdocs.config import config_options as opt
from mkdocs.config.base import ValidationError


class PositiveInt(opt.Type[int]):
    """A whole number of at least 1."""

    def __init__(self, default: int) -> None:
        super().__init__(int, default=default)

    def run_validation(self, value: object) -> int:
        number = super().run_validation(value)
        if isinstance(number, bool) or number < 1:
            raise ValidationError(f"Expected a whole number of at least 1, but received: {value!r}")
        return number


class DocsPath(opt.Type[str]):
    """A path inside the docs folder: relative, `/`-separated, no `..`; pages end in `.md`."""

    def __init__(self, default: str, page: bool = True) -> None:
        super().__init__(str, default=default)
        self.page = page

    def run_validation(self, value: object) -> str:
        path = super().run_validation(value)
        parts = path.split("/")
        # An empty or absolute path, `a//b` and a trailing `/` all have an empty part.
        if "\\" in path or {"", ".", ".."} & set(parts):
            raise ValidationError(
                f"Expected a relative path inside the docs folder, like 'a-z.md' or "
                f"'glossary/tags', but received: {value!r}"
            )
        if self.page and not path.endswith(".md"):
            raise ValidationError(f"Expected a page name ending in '.md', but received: {value!r}")
        return path


class GlossaryConfig(base.Config):  # type: ignore[no-untyped-call]
    # Where the terms are, relative to mkdocs.yml.
    terms_dir = opt.Type(str, default="terms")
    """The folder of term files (`<id>.yaml`), relative to mkdocs.yml. `glossary check` reads
    it from here too."""

    # The concept graph on each term page.
    graph_direction = opt.Choice(("LR", "RL", "TB", "BT"), default="LR")
    """Which way the concept graph flows: `LR` puts prerequisites on the left and what builds
    on the term on the right; `TB` runs top to bottom."""
    graph_max_neighbours = PositiveInt(default=10)
    """At most this many nodes of each kind (prerequisites, dependants, related) are drawn; the
    lists below the graph always name them all."""

    # Term text.
    autolink = opt.Choice(("off", "first"), default="off")
    """`first` links the first unlinked mention of each other term (its title or an alias)
    in each section of a term's text, as `glossary check` reports them (`unlinked-mention`);
    code, math, headings and links are left alone, and a page never links to itself."""

    # Generated pages, relative to the docs folder.
    index_page = DocsPath(default="a-z.md")
    """The A–Z index of every term and alias."""
    explorer_page = DocsPath(default="explorer.md")
    """The interactive graph explorer of the whole glossary."""
    path_page = DocsPath(default="path.md")
    """"Path to a goal": a reader picks a term and gets the terms still to read before it, in
    reading order, leaving out the ones marked as known (kept in the browser only)."""
    tags_dir = DocsPath(default="tags", page=False)
    """Tag pages go to `<tags_dir>/<tag>.md`, with an overview at `<tags_dir>/index.md`."""

    # Removed options, kept so that old configurations get a clear message.
    assets_dir = opt.Deprecated(
        message="The glossary option '{}' is no longer used: Mermaid, KaTeX and force-graph "
        "now ship inside the glossary-site package. Remove it from mkdocs.yml."
    )


def _docstrings() -> dict[str, str]:
    """Each option's docstring, read from this class's source (Python keeps none at run time)."""
    tree = ast.parse(inspect.getsource(GlossaryConfig))
    body = tree.body[0].body  # type: ignore[attr-defined]
    docs = {}
    for first, second in pairwise(body):
        if (
            isinstance(first, ast.Assign)
            and isinstance(second, ast.Expr)
            and isinstance(second.value, ast.Constant)
            and isinstance(second.value.value, str)
        ):
            name = first.targets[0].id  # type: ignore[attr-defined]
            docs[name] = " ".join(inspect.cleandoc(second.value.value).split())
    return docs


def _kind(option: Any) -> str:
    if isinstance(option, opt.Choice):
        return "one of " + ", ".join(f"`{c}`" for c in option.choices)
    if isinstance(option, PositiveInt):
        return "whole number ≥ 1"
    if isinstance(option, DocsPath):
        return "page (`.md`)" if option.page else "folder"
    return "text"


def options_markdown() -> str:
    """The options table of the docs page, generated from the schema and its docstrings."""
    docs = _docstrings()
    rows = [
        f"| `{name}` | {_kind(option)} | `{option.default}` | {docs[name]} |"
        for name, option in GlossaryConfig._schema
        if not isinstance(option, opt.Deprecated)
    ]
    header = "| option | value | default | what it does |\n|---|---|---|---|\n"
    return header + "\n".join(rows) + "\n"
