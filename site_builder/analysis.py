"""The checking pipeline, stage by stage; the CLI and the mkdocs plugin both call `analyse`."""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path
from typing import TypeVar

from site_builder.checks import Hints, check_unlinked_mentions, glossary_checks, term_checks
from site_builder.findings import DocPath, Finding, Severity, finding
from site_builder.forked import Spread, spread
from site_builder.graph import ConceptGraph, build_graph
from site_builder.limits import DEFAULT_LIMITS, Limits
from site_builder.load import load_file, term_file_names
from site_builder.mentions import Names, names_of
from site_builder.model import Glossary, Term, is_term_id
from site_builder.positions import Positions
from site_builder.prose import renderer
from site_builder.schema import fast_validator
from site_builder.validate import assemble, validate_document

T = TypeVar("T")


@dataclass(frozen=True)
class Analysis:
    glossary: Glossary
    graph: ConceptGraph
    findings: tuple[Finding, ...]
    file_count: int

    def count(self, severity: Severity) -> int:
        return sum(1 for f in self.findings if f.severity is severity)

    def fails(self, strict: bool = False, fail_on: Severity | None = None) -> bool:
        """True when the findings should fail a build: errors, or warnings when strict, or
        any finding at `fail_on` or above. Information fails only when `fail_on` says so."""
        level = fail_on or (Severity.WARNING if strict else Severity.ERROR)
        return any(f.severity.rank >= level.rank for f in self.findings)


# Below this many files a process pool costs more than it saves.
PARALLEL_MIN_FILES = 2_000
# Files read at a time by one process: small enough that processes finish together.
READ_CHUNK = 50
# Terms whose text one process looks at for mentions at a time.
MENTION_CHUNK = 250


@dataclass(frozen=True)
class FileResult:
    stem: str
    term: Term | None
    findings: list[Finding]
    file: str = ""
    marks: dict[DocPath, tuple[int, int]] = field(default_factory=dict)


def read_term(
    path: Path,
    known_ids: frozenset[str],
    with_text: bool = True,
    limits: Limits = DEFAULT_LIMITS,
    hints: Hints | None = None,
) -> FileResult:
    """Everything about one file that needs no other file: parse, schema, Term, its text.

    Without `with_text` the Term's Markdown sections are dropped once checked: the remaining
    stages never read them, and they are 90% of what a worker would send back.
    """
    document, findings = load_file(path, limits)
    term = None
    if document is not None:
        term, schema_findings = validate_document(document)
        findings += schema_findings
    if term is not None:
        findings += term_checks(term, known_ids, hints)
        if not with_text:
            term = replace(term, overview="", eli5="", expert="")
    if document is None:
        return FileResult(path.stem, term, findings)
    return FileResult(path.stem, term, findings, document.file, document.marks)


def _read_all(
    terms_dir: Path, names: list[str], jobs: int, with_text: bool, limits: Limits
) -> list[FileResult]:
    """Every file of `names` in `terms_dir` read; each process makes the paths it reads."""
    # Ids come from file names, so they are known before any file is read.
    known_ids = frozenset(stem for stem in map(_stem, names) if is_term_id(stem))
    # One Hints per process: its budget bounds "did you mean" across all the files it reads.
    hints = Hints(known_ids)
    read = partial(read_term, known_ids=known_ids, with_text=with_text, limits=limits, hints=hints)
    if jobs < 2 or len(names) < PARALLEL_MIN_FILES:
        return _read_slice(read, terms_dir, names)
    # Built once here, not once in every process: the Markdown converter (0.1 s, its
    # extensions and their imports) and the compiled schema.
    renderer()
    fast_validator()
    # Chunks of files, read by whichever process is free; only Terms and findings come back.
    chunks = spread(partial(_read_slice, read, terms_dir), _chunks(names, READ_CHUNK), jobs)
    return [r for chunk in chunks for r in chunk]


def _stem(name: str) -> str:
    return name.removesuffix(".yaml")  # as Path(name).stem: every name ends in .yaml


def _read_slice(
    read: Callable[[Path], FileResult], terms_dir: Path, names: list[str]
) -> list[FileResult]:
    return [read(terms_dir / name) for name in names]


def unread_yml_files(terms_dir: Path) -> list[Finding]:
    """`*.yml` files beside the terms: reported, so that a term is never silently missing."""
    return [
        finding(
            path.as_posix(),
            "invalid-filename",
            f"'{path.name}' is not read: term files end in .yaml",
            hint=f"rename it to '{path.stem}.yaml'",
        )
        for path in sorted(terms_dir.glob("*.yml"))
        if path.is_file()
    ]


def analyse(
    terms_dir: Path,
    jobs: int = 1,
    with_text: bool = True,
    limits: Limits = DEFAULT_LIMITS,
    mentions: bool = False,
) -> Analysis:
    """Load, validate, graph, check and locate: every finding of the glossary at once.

    `jobs` > 1 reads large glossaries in that many processes (the command line does this;
    the mkdocs plugin, inside a threaded server, does not). `with_text=False` leaves the
    Terms' Markdown sections empty after checking them, for callers that only report.
    `limits` bounds what one file may cost. `mentions` adds the informational
    `unlinked-mention` findings (it needs the text, so it keeps it).
    """
    with _collector_paused():
        # Read and validate every file; bad YAML, encodings and fields become findings.
        names = term_file_names(terms_dir)
        results = _read_all(terms_dir, names, jobs, with_text or mentions, limits)
        parallel = jobs > 1 and len(results) >= PARALLEL_MIN_FILES
        return combine(results, terms_dir, limits, mentions=mentions, parallel=parallel)


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Python's cycle collector off for the duration: an analysis builds acyclic data only
    (Terms, findings, graphs), which the collector would scan again and again as it grows
    (a tenth of the time at 10,000 terms). Its garbage is freed by reference counting."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def across_terms(glossary: Glossary) -> tuple[ConceptGraph, list[Finding]]:
    """The concept graph and the checks across terms, not yet located."""
    graph = build_graph(glossary)
    return graph, glossary_checks(glossary, graph)


def _looking_for_mentions(glossary: Glossary, processes: int) -> Spread[list[Term], list[Finding]]:
    """Unlinked mentions, the costliest check across terms, looked for in chunks of terms:
    by children from now on, by this process once it has checked the graph."""
    names = names_of(glossary)
    look = partial(_unlinked_mentions, glossary, names)
    return Spread(look, _chunks(list(glossary.terms.values()), MENTION_CHUNK), processes)


def _unlinked_mentions(glossary: Glossary, names: Names, terms: list[Term]) -> list[Finding]:
    return list(check_unlinked_mentions(glossary, names, terms))


def _chunks(items: list[T], size: int) -> list[list[T]]:
    return [items[i : i + size] for i in range(0, len(items), size)]


def combine(
    results: list[FileResult],
    terms_dir: Path,
    limits: Limits,
    *,
    mentions: bool,
    parallel: bool,
    across: Callable[[Glossary], tuple[ConceptGraph, list[Finding]]] = across_terms,
) -> Analysis:
    """The stages after reading: the glossary of every file's result, its graph, the checks
    across terms, and every finding located (`incremental` calls it with cached results and
    a remembering `across`). `parallel` looks for mentions in a child process too."""
    file_findings = [f for r in results for f in r.findings] + unread_yml_files(terms_dir)
    glossary = assemble((r.term for r in results if r.term), (r.stem for r in results))
    looking = _looking_for_mentions(glossary, 2 if parallel else 1) if mentions else None
    # Build the concept graph from the terms.
    graph, across_findings = across(glossary)
    positions = Positions(limits, {r.file: r.marks for r in results if r.file})
    # Check the graph and the text, then point every finding at its line and column.
    graph_findings = list(across_findings)
    if looking:
        graph_findings += [f for chunk in looking.results() for f in chunk]
    findings = positions.locate_all([*file_findings, *graph_findings])
    return Analysis(glossary, graph, tuple(findings), len(results))
