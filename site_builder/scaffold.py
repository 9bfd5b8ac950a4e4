"""`glossary new`: the text of a new term file (writing it is the CLI's job)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from importlib import resources

from site_builder.project import schema_comment
from site_builder.schema import SCHEMA_FILE


def _block_list(field: str, items: Sequence[str], quote: bool = False) -> str:
    """A YAML block list; ids and tags are plain by construction, free text is JSON-quoted."""
    if not items:
        return f"{field}: []\n"
    lines = (json.dumps(i, ensure_ascii=False) if quote else i for i in items)
    return f"{field}:\n" + "".join(f"  - {line}\n" for line in lines)


def new_term_text(
    title: str,
    *,
    prerequisites: Sequence[str] = (),
    related: Sequence[str] = (),
    tags: Sequence[str] = (),
    aliases: Sequence[str] = (),
    schema_target: str = SCHEMA_FILE,
) -> str:
    """A term file with every field, ready to fill in; strings are JSON-quoted (valid YAML).

    Its first line names the editor schema at `schema_target`, relative to the file."""
    template = resources.files("site_builder").joinpath("templates/term.yaml").read_text("utf-8")
    return template.format(
        schema_comment=schema_comment(schema_target),
        title=json.dumps(title, ensure_ascii=False),
        aliases=_block_list("aliases", aliases, quote=True),
        tags=_block_list("tags", tags),
        prerequisites=_block_list("prerequisites", prerequisites),
        related=_block_list("related", related),
    )
