"""The checking pipeline, stage by stage; the CLI and the mkdocs plugin both call `analyse`."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from site_builder.checks import run_checks
from site_builder.findings import DocPath, Finding, Severity
from site_builder.graph import ConceptGraph, build_graph
from site_builder.load import load_terms
from site_builder.model import Glossary
from site_builder.positions import locate_all, position
from site_builder.validate import build_glossary


@dataclass(frozen=True)
class Analysis:
    glossary: Glossary
    graph: ConceptGraph
    findings: tuple[Finding, ...]
    file_count: int

    def count(self, severity: Severity) -> int:
        return sum(1 for f in self.findings if f.severity is severity)

    def fails(self, strict: bool = False) -> bool:
        """True when the findings should fail a build: errors, or warnings when strict."""
        return any(f.severity is Severity.ERROR or strict for f in self.findings)


def analyse(terms_dir: Path) -> Analysis:
    """Load, validate, graph, check and locate: every finding of the glossary at once."""
    # Read every file; syntax and encoding problems become findings, not exceptions.
    loaded = load_terms(terms_dir)
    documents = {d.file: d for d in loaded.documents}
    # Validate against the schema; valid documents become Terms.
    glossary, schema_findings = build_glossary(loaded)
    # Build the concept graph from the valid terms.
    graph = build_graph(glossary)

    def locate(file: str, where: DocPath) -> str:
        line, _ = position(documents[file], where)
        return f"{file}:{line}"

    # Check the graph and the text, then point every finding at its line and column.
    graph_findings = run_checks(glossary, graph, locate)
    findings = locate_all([*loaded.findings, *schema_findings, *graph_findings], documents)
    return Analysis(glossary, graph, tuple(findings), loaded.file_count)
