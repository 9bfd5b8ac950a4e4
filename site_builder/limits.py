"""How much one input may cost: the one place for every size, depth and count limit.

Term files and built pages come from strangers; past a limit an input is a finding (with
its position), never a crash, a hang or a gigabyte of memory.
"""

from __future__ import annotations

from dataclasses import dataclass

KIB = 1024


@dataclass(frozen=True)
class Limits:
    # Term files (`glossary check`, the mkdocs plugin).
    file_bytes: int = 256 * KIB
    """A term file larger than this is not read (the largest real term is about 12 KB)."""
    expanded_bytes: int = 1024 * KIB
    """The text a document may hold once every YAML alias is expanded."""
    expanded_nodes: int = 10_000
    """The nodes a document may hold once every YAML alias is expanded."""
    depth: int = 100
    """How deep lists and mappings may nest (a term needs 3; libyaml crashes near 20,000)."""
    number_chars: int = 20
    """The characters of one integer (Python refuses to print one of 4,300 digits)."""

    # Built pages (`glossary check-site`).
    page_bytes: int = 16 * KIB * KIB
    """An HTML page larger than this is not parsed (a term page is about 20 KB)."""
    cache_bytes: int = 16 * KIB * KIB
    """The link cache file of `check-site --external`."""


DEFAULT_LIMITS = Limits()
