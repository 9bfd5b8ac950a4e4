"""Stage 2: documents → a Glossary of frozen Terms (plus the findings of the schema).

Every document with a valid file name becomes a Term, even one with schema errors: its
well-formed fields still take part in the graph checks, so one run reports every problem.
Malformed list items become "" (never a valid id), which keeps list indexes, and so the
positions of later findings, intact.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, cast

from site_builder.findings import Finding
from site_builder.load import Document
from site_builder.model import Glossary, Source, Term, TermId, is_term_id
from site_builder.schema import validate_data
from site_builder.textrules import text_findings


def validate_document(document: Document) -> tuple[Term | None, list[Finding]]:
    """The document's schema findings, and its Term when its file name is a valid id."""
    findings = validate_data(document.data, document.file)
    findings += text_findings(document.data, document.file)
    if not is_term_id(document.stem):
        return None, findings
    return to_term(TermId(document.stem), document.file, document.data), findings


def assemble(terms: Iterable[Term], stems: Iterable[str]) -> Glossary:
    """The Glossary of `terms`; `stems` are every file's, parsed or not, so that a broken
    file's id still exists for the links that point at it."""
    known = frozenset(TermId(stem) for stem in stems if is_term_id(stem))
    return Glossary({t.id: t for t in sorted(terms, key=lambda t: t.id)}, known)


def _text(data: dict[str, Any], key: str, default: str = "") -> str:
    value = data.get(key)
    return value.strip() if isinstance(value, str) else default


def _strings(data: dict[str, Any], key: str) -> tuple[str, ...]:
    value = data.get(key)
    if not isinstance(value, list):
        return ()
    return tuple(item.strip() if isinstance(item, str) else "" for item in value)


def _ids(data: dict[str, Any], key: str) -> tuple[TermId, ...]:
    # TermId is a NewType: the strings themselves (calling it per item costs a call each).
    return cast(tuple[TermId, ...], _strings(data, key))


def _sources(data: dict[str, Any]) -> tuple[Source, ...]:
    value = data.get("sources")
    items = value if isinstance(value, list) else []
    return tuple(
        Source(_text(item, "title"), _text(item, "url")) for item in items if isinstance(item, dict)
    )


def to_term(term_id: TermId, file: str, data: dict[str, Any]) -> Term:
    """A Term from whatever fields of `data` are well-formed (the schema reports the rest)."""
    return Term(
        id=term_id,
        file=file,
        title=_text(data, "title", default=term_id),
        summary=_text(data, "summary"),
        overview=_text(data, "overview"),
        eli5=_text(data, "eli5"),
        expert=_text(data, "expert"),
        prerequisites=_ids(data, "prerequisites"),
        related=_ids(data, "related"),
        aliases=_strings(data, "aliases"),
        tags=_strings(data, "tags"),
        sources=_sources(data),
        status=_text(data, "status", default="draft"),
    )
