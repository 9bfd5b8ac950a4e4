"""The `glossary` plugin's options, as a typed mkdocs config schema."""

from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as opt


class GlossaryConfig(base.Config):  # type: ignore[no-untyped-call]
    # Where things are, relative to mkdocs.yml.
    terms_dir = opt.Type(str, default="terms")
    """The folder of term files (`<id>.yaml`)."""
    assets_dir = opt.Type(str, default="theme/node_modules")
    """Where `npm ci` in theme/ installed Mermaid and KaTeX, which the site serves itself."""

    # The concept graph on each term page.
    graph_direction = opt.Choice(("LR", "RL", "TB", "BT"), default="LR")
    """Mermaid flow direction: prerequisites on the left, what builds on it on the right."""
    graph_max_neighbours = opt.Type(int, default=10)
    """At most this many nodes per kind (prerequisites, dependants, related) are drawn; the
    lists below the graph always name them all."""

    # Generated pages.
    index_page = opt.Type(str, default="a-z.md")
    """The A–Z index of every term and alias."""
    explorer_page = opt.Type(str, default="explorer.md")
    """The interactive graph explorer of the whole glossary."""
    tags_dir = opt.Type(str, default="tags")
    """Tag pages go to `<tags_dir>/<tag>.md`, with an overview at `<tags_dir>/index.md`."""
