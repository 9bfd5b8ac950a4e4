"""`glossary new`: the text of a new term file, its id, and creating it without overwriting."""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from importlib import resources
from pathlib import Path

from site_builder.errors import GlossaryError
from site_builder.model import TermId, is_term_id, slugify
from site_builder.project import schema_comment
from site_builder.schema import SCHEMA_FILE

# An id derived from a long title is cut (at a hyphen) to this many characters.
MAX_ID_CHARS = 64
# Names Windows gives to devices, with any extension: `con.yaml` is the console there.
WINDOWS_DEVICES = frozenset(
    ["con", "prn", "aux", "nul"] + [f"{port}{n}" for port in ("com", "lpt") for n in range(10)]
)


class TermExistsError(GlossaryError):
    """The term file to create exists already (or something else has its name)."""


class ScaffoldError(GlossaryError):
    """The term file cannot be created."""


def derive_id(title: str) -> str:
    """The id for `title`: its slug, cut at a hyphen to at most MAX_ID_CHARS characters."""
    slug = slugify(title)
    if len(slug) <= MAX_ID_CHARS:
        return slug
    cut = slug[: MAX_ID_CHARS + 1]
    return (cut.rsplit("-", 1)[0] if "-" in cut else cut[:MAX_ID_CHARS]).strip("-")


def id_problem(term_id: str) -> str | None:
    """Why `term_id` cannot name a new term file, or None."""
    if not is_term_id(term_id):
        return f"'{term_id}' is not a valid term id (lowercase letters, digits, single hyphens)"
    if len(term_id) > MAX_ID_CHARS:
        return f"the id is {len(term_id)} characters long; at most {MAX_ID_CHARS} are allowed"
    if term_id in WINDOWS_DEVICES:
        return f"'{term_id}' names a device on Windows, so '{term_id}.yaml' cannot be a file there"
    return None


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


def create_term_file(terms_dir: Path, term_id: TermId, text: str) -> Path:
    """Write `terms_dir/<term_id>.yaml`, which must not exist yet.

    O_CREAT|O_EXCL makes the check and the creation one step: of two runs at the same moment
    one creates the file and the other is told it exists; a link (even a dangling one) in
    its place is never followed. A file that cannot be written completely is removed.
    """
    problem = id_problem(term_id)
    if problem is not None:
        raise ScaffoldError(problem)
    path = terms_dir / f"{term_id}.yaml"
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(path, flags, 0o644)
    except FileExistsError:
        raise TermExistsError(f"{path} already exists; nothing was changed") from None
    except OSError as error:
        raise ScaffoldError(f"cannot create {path}: {error.strerror}") from error
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(text.encode("utf-8"))
    except OSError as error:
        path.unlink(missing_ok=True)
        raise ScaffoldError(f"cannot write {path}: {error.strerror}") from error
    return path
