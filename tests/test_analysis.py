"""The parallel reader gives exactly the serial result, findings and positions included."""

from __future__ import annotations

from pathlib import Path

from bench.synth import write_glossary
from site_builder.analysis import PARALLEL_MIN_FILES, analyse


def test_parallel_and_serial_reads_agree(tmp_path: Path) -> None:
    terms = write_glossary(tmp_path / "terms", PARALLEL_MIN_FILES + 10)
    # Break a few files in different ways so findings come from workers and from this process.
    (terms / "term-3.yaml").write_text("title: [broken\n", encoding="utf-8")
    (terms / "term-2005.yaml").write_text(
        (terms / "term-2005.yaml").read_text("utf-8").replace("term-", "terrm-", 1), "utf-8"
    )
    serial = analyse(terms, jobs=1)
    parallel = analyse(terms, jobs=2)
    assert {f.code for f in serial.findings} >= {"yaml-syntax", "unknown-term"}
    assert parallel.findings == serial.findings
    assert list(parallel.glossary.terms) == list(serial.glossary.terms)
