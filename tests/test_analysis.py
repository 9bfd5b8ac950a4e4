"""The parallel reader gives exactly the serial result, findings and positions included."""

from __future__ import annotations

from pathlib import Path

from bench.synth import write_glossary
from site_builder.analysis import PARALLEL_MIN_FILES, analyse


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
