"""The validated glossary: frozen dataclasses and the one function that turns an id into a URL."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from typing import NewType

TermId = NewType("TermId", str)

# The `status` values (the schema's enum, first the default) and how pages name them.
STATUS_LABELS = {"draft": "Draft", "reviewed": "Reviewed", "stable": "Stable"}

TERM_ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def is_term_id(text: str) -> bool:
    """True when `text` is a valid term id (lowercase ASCII letters, digits, single hyphens)."""
    return TERM_ID_RE.fullmatch(text) is not None


def slugify(text: str) -> str:
    """A term id (or tag) for free text: "Bayes' Theorem" → "bayes-theorem"."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "-".join(re.findall(r"[a-z0-9]+", ascii_text.replace("'", "").lower()))


def term_url(term_id: TermId, directory_urls: bool = True) -> str:
    """The site-relative URL of a term's page; the only place that knows the layout."""
    return f"terms/{term_id}/" if directory_urls else f"terms/{term_id}.html"


def term_page_path(term_id: TermId) -> str:
    """The docs-relative path of a term's generated Markdown page."""
    return f"terms/{term_id}.md"


@dataclass(frozen=True)
class Source:
    title: str
    url: str


@dataclass(frozen=True)
class Term:
    id: TermId
    file: str
    title: str
    summary: str
    eli5: str
    expert: str
    overview: str = ""
    prerequisites: tuple[TermId, ...] = ()
    related: tuple[TermId, ...] = ()
    aliases: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    sources: tuple[Source, ...] = ()
    status: str = "draft"


@dataclass(frozen=True)
class Glossary:
    """Every valid term, by id, in id order; `known_ids` also holds ids of broken files."""

    terms: Mapping[TermId, Term]
    known_ids: frozenset[TermId]

    def __len__(self) -> int:
        return len(self.terms)

    def __contains__(self, term_id: object) -> bool:
        return term_id in self.terms
