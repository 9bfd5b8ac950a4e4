"""The checking pipeline run again after edits gives what a fresh run gives."""

from __future__ import annotations

from pathlib import Path

from site_builder.analysis import analyse
from site_builder.incremental import IncrementalAnalysis
from tests.helpers import linked_pair, term, write_terms


def test_a_new_term_changes_the_hint_of_an_unchanged_file(tmp_path: Path) -> None:
    """`[[betta]]` in alpha is unknown before and after; its "did you mean" changes when a
    term named `bettas` appears, though alpha's file was not touched."""
    pair = linked_pair()
    terms = write_terms(tmp_path, {**pair, "alpha": {**pair["alpha"], "eli5": "See [[betta]]."}})
    incremental = IncrementalAnalysis()
    assert incremental.analyse(terms).findings == analyse(terms).findings
    write_terms(tmp_path, {"bettas": term("Bettas", related=["alpha"])})
    again = incremental.analyse(terms)
    assert [p.name for p in incremental.reread] == ["bettas.yaml"]
    hints = [f.hint for f in again.findings if f.file.endswith("alpha.yaml") and f.hint]
    assert any("'bettas'" in hint for hint in hints), hints
    assert again.findings == analyse(terms).findings
