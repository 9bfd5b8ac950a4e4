"""The checking pipeline again after an edit: only changed term files are read again.

A file's parse and schema results are kept while its size, times and inode stay the same; its
text checks are kept while, in addition, the same `[[ids]]` it mentions exist (and, when it
mentions an unknown one, while the same ids exist). The concept graph and the checks across
terms are kept while the glossary's `structure` (ids, files, titles, aliases and links) is the
same, as after an edit of a term's text; the findings are located again in every call. The
result equals `analysis.analyse` of the same files.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from site_builder import prose
from site_builder.analysis import Analysis, FileResult, across_terms, combine
from site_builder.checks import TEXT_FIELDS, structure, term_checks
from site_builder.findings import Finding
from site_builder.graph import ConceptGraph
from site_builder.limits import DEFAULT_LIMITS, Limits
from site_builder.load import list_term_files, load_file
from site_builder.model import Glossary, Term, is_term_id
from site_builder.validate import validate_document

_CANDIDATE_RE = re.compile(prose.WIKILINK_RE)
_StatKey = tuple[int, int, int, int]


def _stat_key(path: Path) -> _StatKey | None:
    """What changes when a file is written, replaced or renamed over; None: read it again."""
    try:
        stat = path.lstat()
    except OSError:
        return None
    return stat.st_mtime_ns, stat.st_ctime_ns, stat.st_size, stat.st_ino


@dataclass(frozen=True)
class _Read:
    key: _StatKey
    result: FileResult  # parse and schema findings only
    mentions: frozenset[str]


def _mentions(term: Term | None) -> frozenset[str]:
    """Every `[[id]]` candidate in the term's text: what its text checks ask of other files."""
    if term is None:
        return frozenset()
    return frozenset(
        m.group(1).strip()
        for field in TEXT_FIELDS
        for m in _CANDIDATE_RE.finditer(getattr(term, field))
    )


class IncrementalAnalysis:
    """`analyse` that remembers each file between calls (one instance per terms folder)."""

    def __init__(self, limits: Limits = DEFAULT_LIMITS) -> None:
        self._limits = limits
        self._read: dict[Path, _Read] = {}
        self._checked: dict[Path, tuple[_StatKey, frozenset[str], list[Finding]]] = {}
        self._across: tuple[object, tuple[ConceptGraph, list[Finding]]] | None = None
        self.reread: list[Path] = []  # the files the last call read again

    def analyse(self, terms_dir: Path) -> Analysis:
        paths = list_term_files(terms_dir)
        known_ids = frozenset(p.stem for p in paths if is_term_id(p.stem))
        self.reread = []
        results = [self._result(path, known_ids) for path in paths]
        for gone in set(self._read) - set(paths):
            del self._read[gone]
            self._checked.pop(gone, None)
        return combine(
            results,
            terms_dir,
            self._limits,
            mentions=False,  # informational, for the command line
            parallel=False,  # inside a threaded server: never fork
            across=self._across_terms,
        )

    def _across_terms(self, glossary: Glossary) -> tuple[ConceptGraph, list[Finding]]:
        key = structure(glossary)
        if self._across is None or self._across[0] != key:
            self._across = (key, across_terms(glossary))
        return self._across[1]

    def _result(self, path: Path, known_ids: frozenset[str]) -> FileResult:
        key = _stat_key(path)
        read = self._read.get(path)
        if key is None or read is None or read.key != key:
            read = self._load(path, key)
        term = read.result.term
        if term is None:
            return read.result
        # An unknown mention's "did you mean" hint depends on every id there is.
        mentioned = known_ids if read.mentions - known_ids else read.mentions & known_ids
        checked = self._checked.get(path)
        if checked is None or checked[0] != read.key or checked[1] != mentioned:
            checked = (read.key, mentioned, term_checks(term, known_ids))
            self._checked[path] = checked
        base = read.result
        return FileResult(base.stem, term, [*base.findings, *checked[2]], base.file, base.marks)

    def _load(self, path: Path, key: _StatKey | None) -> _Read:
        self.reread.append(path)
        document, findings = load_file(path, self._limits)
        term = None
        if document is not None:
            term, schema_findings = validate_document(document)
            findings += schema_findings
        file, marks = (document.file, document.marks) if document else ("", {})
        result = FileResult(path.stem, term, findings, file, marks)
        read = _Read(key or (-1, -1, -1, -1), result, _mentions(term))
        if key is not None:
            self._read[path] = read
        return read
