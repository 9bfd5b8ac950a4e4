"""Stage 2: documents → a validated Glossary of frozen Terms (plus the findings of the schema)."""

from __future__ import annotations

from typing import Any

from site_builder.findings import Finding
from site_builder.load import Loaded
from site_builder.model import Glossary, Source, Term, TermId, is_term_id
from site_builder.schema import validate_data


def build_glossary(loaded: Loaded) -> tuple[Glossary, list[Finding]]:
    """Validate every document; the valid ones with a valid file name become Terms."""
    findings: list[Finding] = []
    terms: dict[TermId, Term] = {}
    for document in loaded.documents:
        problems = validate_data(document.data, document.file)
        findings.extend(problems)
        if not problems and is_term_id(document.stem):
            terms[TermId(document.stem)] = to_term(
                TermId(document.stem), document.file, document.data
            )
    # A file name that is no valid id can never be linked, so it does not count as known.
    known = frozenset(TermId(stem) for stem in loaded.stems if is_term_id(stem))
    return Glossary(dict(sorted(terms.items())), known), findings


def to_term(term_id: TermId, file: str, data: dict[str, Any]) -> Term:
    """A Term from a document that passed the schema."""
    return Term(
        id=term_id,
        file=file,
        title=data["title"].strip(),
        summary=data["summary"].strip(),
        overview=data.get("overview", "").strip(),
        eli5=data["eli5"].strip(),
        expert=data["expert"].strip(),
        prerequisites=tuple(TermId(i) for i in data.get("prerequisites", ())),
        related=tuple(TermId(i) for i in data.get("related", ())),
        aliases=tuple(a.strip() for a in data.get("aliases", ())),
        tags=tuple(data.get("tags", ())),
        sources=tuple(Source(s["title"].strip(), s["url"]) for s in data["sources"]),
        status=data.get("status", "draft"),
    )
