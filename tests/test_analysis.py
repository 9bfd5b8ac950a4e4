"""The parallel reader gives exactly the serial result, findings and positions included."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest

from bench.synth import write_glossary
from site_builder.analysis import PARALLEL_MIN_FILES, Analysis, analyse
from site_builder.findings import Finding, Severity
from site_builder.graph import build_graph
from site_builder.incremental import IncrementalAnalysis
from site_builder.model import Glossary, Source, Term, TermId
from tests.helpers import forks, term, write_terms


def test_parallel_and_serial_mentions_agree(tmp_path: Path) -> None:
    """Mentions are looked for in two halves, one in a child process: the findings are those
    of one pass over every term."""
    terms = write_glossary(tmp_path / "terms", PARALLEL_MIN_FILES + 10)
    for stem in ("term-1", "term-1990"):  # one in each half
        path = terms / f"{stem}.yaml"
        mention = "overview: |\n  Concept 10 of math. "
        text = path.read_text("utf-8").replace("overview: |\n", mention)
        path.write_text(text, "utf-8")
    serial = analyse(terms, jobs=1, mentions=True)
    parallel = analyse(terms, jobs=2, mentions=True)
    found = [(Path(f.file).stem, f.code) for f in serial.findings if f.code == "unlinked-mention"]
    assert found == [("term-1", "unlinked-mention"), ("term-1990", "unlinked-mention")]
    assert parallel.findings == serial.findings


def test_the_cycle_collector_rests_during_an_analysis_and_is_left_as_it_was(
    tmp_path: Path,
) -> None:
    terms = write_glossary(tmp_path / "terms", 200)
    collections: list[str] = []

    def count(phase: str, info: dict[str, int]) -> None:
        collections.append(phase)

    gc.callbacks.append(count)
    try:
        analyse(terms, mentions=True)
        # Without the pause: dozens. With it: at most the one that the allocations made while
        # it lasted call for as soon as it ends.
        assert collections.count("start") <= 1
        assert gc.isenabled()
        gc.disable()
        analyse(terms)
        assert not gc.isenabled()
    finally:
        gc.enable()
        gc.callbacks.remove(count)


def test_parallel_and_serial_reads_agree(tmp_path: Path) -> None:
    terms = write_glossary(tmp_path / "terms", PARALLEL_MIN_FILES + 10)
    # Files are read in name order, in two halves: this process reads the first (term-0 …),
    # a worker the second (… term-999). Break one file in each, in different ways.
    (terms / "term-0.yaml").write_text("title: [broken\n", encoding="utf-8")
    (terms / "term-999.yaml").write_text(
        (terms / "term-999.yaml").read_text("utf-8").replace("term-", "terrm-", 1), "utf-8"
    )
    serial = analyse(terms, jobs=1)
    parallel = analyse(terms, jobs=2)
    codes = sorted((Path(f.file).stem, f.code) for f in serial.findings)
    assert codes == [("term-0", "yaml-syntax"), ("term-999", "unknown-term")]
    assert parallel.findings == serial.findings
    assert parallel.file_count == serial.file_count == PARALLEL_MIN_FILES + 10
    assert list(parallel.glossary.terms) == list(serial.glossary.terms)


@pytest.mark.parametrize(
    ("codes", "strict", "fail_on", "fails"),
    [
        (["unlinked-mention"], True, None, False),  # information never fails a strict check
        (["unlinked-mention"], False, Severity.INFO, True),  # unless asked for
        (["orphan"], True, None, True),
        (["orphan"], False, None, False),
        (["orphan", "unlinked-mention"], False, Severity.WARNING, True),
        (["unknown-term"], False, None, True),
    ],
)
def test_what_fails_a_check(
    codes: list[str], strict: bool, fail_on: Severity | None, fails: bool
) -> None:
    empty = Glossary({}, frozenset())
    found = tuple(Finding("terms/a.yaml", 1, 1, code, "m") for code in codes)
    analysis = Analysis(empty, build_graph(empty), found, 1)
    assert analysis.fails(strict, fail_on) is fails


def test_the_terms_keep_their_text_unless_asked_not_to(tmp_path: Path) -> None:
    """Callers that only report drop the Markdown sections once checked (they are 90% of what
    a reading child sends back); by default they stay."""
    terms = write_glossary(tmp_path / "terms", 3)
    kept = analyse(terms).glossary.terms[TermId("term-1")]
    dropped = analyse(terms, with_text=False).glossary.terms[TermId("term-1")]
    assert kept.overview and kept.eli5 and kept.expert
    assert (dropped.overview, dropped.eli5, dropped.expert) == ("", "", "")
    assert dropped.title == kept.title and dropped.prerequisites == kept.prerequisites


def test_a_term_is_read_with_every_field_its_file_gives(tmp_path: Path) -> None:
    document = term(
        "Alpha",
        overview="First.",
        aliases=["A"],
        tags=["basics"],
        status="reviewed",
        sources=[{"title": "A book", "url": "https://example.org/b"}],
        related=["beta"],
    )
    write_terms(tmp_path, {"alpha": document, "beta": term("Beta", related=["alpha"])})
    alpha = analyse(tmp_path / "terms").glossary.terms[TermId("alpha")]
    assert alpha == Term(
        TermId("alpha"),
        (tmp_path / "terms" / "alpha.yaml").as_posix(),
        "Alpha",
        document["summary"],
        document["eli5"],
        document["expert"],
        overview="First.",
        related=(TermId("beta"),),
        aliases=("A",),
        tags=("basics",),
        sources=(Source("A book", "https://example.org/b"),),
        status="reviewed",
    )


def test_only_a_parallel_analysis_forks_one_reader_and_one_mention_looker(tmp_path: Path) -> None:
    """The mkdocs plugin analyses inside a threaded server (jobs=1), where forking is unsafe;
    the command line forks, per extra core, one child to read and one to look for mentions."""
    terms = write_glossary(tmp_path / "terms", PARALLEL_MIN_FILES + 10)
    before = forks()
    analyse(terms, jobs=1, mentions=True)
    assert forks() == before
    analyse(terms, jobs=2, mentions=True)
    assert forks() == before + 2


def test_the_plugins_incremental_analysis_never_forks_nor_looks_for_mentions(
    tmp_path: Path,
) -> None:
    """The plugin's analysis (incremental) runs in a threaded server and reports no mentions."""
    terms = write_glossary(tmp_path / "terms", PARALLEL_MIN_FILES + 10)
    first = terms / "term-0.yaml"  # its overview names term-1 by its alias, unlinked
    first.write_text(
        first.read_text("utf-8").replace("overview: |\n  ", "overview: |\n  C1. "), "utf-8"
    )
    assert any(f.code == "unlinked-mention" for f in analyse(terms, mentions=True).findings)
    before = forks()
    found = IncrementalAnalysis().analyse(terms).findings
    assert forks() == before
    assert found == analyse(terms).findings
    assert not any(f.code == "unlinked-mention" for f in found)


def test_a_yml_file_beside_the_terms_is_reported_at_its_start(tmp_path: Path) -> None:
    terms = write_terms(tmp_path, {"alpha": term("Alpha")})
    (terms / "beta.yml").write_text("title: Beta\n", "utf-8")
    (terms / "folder.yml").mkdir()  # not a file: not reported
    assert [
        (Path(f.file).name, f.line, f.column, f.code, f.hint) for f in analyse(terms).findings
    ] == [("beta.yml", 1, 1, "invalid-filename", "rename it to 'beta.yaml'")]


def test_a_terms_sources_keep_their_titles_and_addresses(tmp_path: Path) -> None:
    sources = [{"title": "A book", "url": "https://example.org/book"}, {"title": "  Notes "}]
    terms = write_terms(tmp_path, {"alpha": term("Alpha", sources=sources)})
    assert analyse(terms).glossary.terms[TermId("alpha")].sources == (
        Source("A book", "https://example.org/book"),
        Source("Notes", ""),
    )
