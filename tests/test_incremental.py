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


def test_findings_across_terms_follow_text_and_link_edits(tmp_path: Path) -> None:
    """The checks across terms are kept while only text changes, yet their findings move with
    the lines of the file, and a link edit brings new ones: each step equals a fresh run."""
    files = {
        "alpha": term("Alpha", related=["beta"]),
        "beta": term("Beta", prerequisites=["alpha"]),
        "gamma": term("Gamma", prerequisites=["alpha", "beta"]),
    }
    terms = write_terms(tmp_path, files)
    incremental = IncrementalAnalysis()

    def same_as_fresh() -> list[tuple[str, str, int, int]]:
        found = incremental.analyse(terms).findings
        assert found == analyse(terms).findings
        return [(f.code, Path(f.file).stem, f.line, f.column) for f in found if f.code != "orphan"]

    before = same_as_fresh()
    assert ("redundant-prerequisite", "gamma", 9, 5) in before
    # More lines of text above gamma's prerequisites: the finding moves down with them.
    write_terms(tmp_path, {"gamma": {**files["gamma"], "eli5": "One.\n\nTwo.\n\nThree.\n"}})
    moved = same_as_fresh()
    assert ("redundant-prerequisite", "gamma", 17, 5) in moved
    assert ("redundant-prerequisite", "gamma", 9, 5) not in moved
    # A link edit: alpha now needs gamma, a cycle through all three.
    write_terms(tmp_path, {"alpha": term("Alpha", related=["beta"], prerequisites=["gamma"])})
    assert "prerequisite-cycle" in {code for code, *_ in same_as_fresh()}


def test_a_spaced_link_to_a_missing_term_is_resolved_when_the_term_appears(
    tmp_path: Path,
) -> None:
    """`[[ gamma ]]` names gamma as `[[gamma]]` does: when gamma's file appears, alpha's
    finding goes, though alpha's file was not touched."""
    pair = linked_pair()
    terms = write_terms(tmp_path, {**pair, "alpha": {**pair["alpha"], "eli5": "See [[ gamma ]]."}})
    incremental = IncrementalAnalysis()
    before = incremental.analyse(terms).findings
    assert [f.code for f in before if f.file.endswith("alpha.yaml")] == ["unknown-term"]
    write_terms(tmp_path, {"gamma": term("Gamma", related=["alpha"])})
    again = incremental.analyse(terms)
    assert [f.code for f in again.findings if f.file.endswith("alpha.yaml")] == []
    assert again.findings == analyse(terms).findings


def test_schema_problems_are_reported_and_kept_until_fixed(tmp_path: Path) -> None:
    pair = linked_pair()
    terms = write_terms(tmp_path, {**pair, "alpha": {**pair["alpha"], "colour": "red"}})
    incremental = IncrementalAnalysis()
    first = incremental.analyse(terms)
    assert [f.code for f in first.findings] == ["unknown-field"]
    assert first.findings == analyse(terms).findings
    write_terms(tmp_path, {"beta": {**pair["beta"], "summary": "Beta, edited."}})
    again = incremental.analyse(terms)  # alpha is not read again: its finding is kept
    assert [p.name for p in incremental.reread] == ["beta.yaml"]
    assert again.findings == first.findings
    write_terms(tmp_path, pair)
    assert incremental.analyse(terms).findings == ()


def test_an_edited_text_is_checked_again(tmp_path: Path) -> None:
    pair = linked_pair()
    terms = write_terms(tmp_path, pair)
    incremental = IncrementalAnalysis()
    assert incremental.analyse(terms).findings == ()
    write_terms(tmp_path, {"alpha": {**pair["alpha"], "eli5": "Now <b>bold</b>."}})
    again = incremental.analyse(terms)
    assert [f.code for f in again.findings] == ["raw-html", "raw-html"]  # <b> and </b>
    assert again.findings == analyse(terms).findings
