"""The concept graph's questions about one term, as a term page lists them."""

from __future__ import annotations

from pathlib import Path

from site_builder.analysis import analyse
from site_builder.graph import dependants_of, prerequisites_of, related_to
from site_builder.model import TermId
from tests.helpers import term, write_terms


def test_related_terms_never_repeat_a_prerequisite_or_a_dependant(tmp_path: Path) -> None:
    """A link listed both ways is shown once, under Prerequisites or Builds on this."""
    write_terms(
        tmp_path,
        {
            "alpha": term("Alpha", related=["beta"]),
            "beta": term("Beta", prerequisites=["alpha"], related=["alpha", "delta"]),
            "gamma": term("Gamma", prerequisites=["beta"], related=["beta"]),
            "delta": term("Delta", related=["beta"]),
        },
    )
    graph, beta = analyse(tmp_path / "terms").graph, TermId("beta")
    assert prerequisites_of(graph, beta) == ["alpha"]
    assert dependants_of(graph, beta) == ["gamma"]
    assert related_to(graph, beta) == ["delta"]
