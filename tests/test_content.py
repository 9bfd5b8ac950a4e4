"""The starter glossary meets the content standard, and the reference term keeps its edges."""

from __future__ import annotations

import re
from pathlib import Path

import networkx as nx
import pytest

from site_builder.analysis import analyse
from site_builder.model import Term

TERMS = Path(__file__).resolve().parent.parent / "terms"
ANALYSIS = analyse(TERMS)
ALL = list(ANALYSIS.glossary.terms.values())


def words(text: str) -> int:
    return len(re.findall(r"[A-Za-z0-9'’-]+", text))


def test_strict_check_reports_nothing() -> None:
    assert ANALYSIS.findings == ()


def test_at_least_120_terms_in_one_connected_graph() -> None:
    assert len(ALL) >= 120
    combined = nx.compose(ANALYSIS.graph.prerequisites.to_undirected(), ANALYSIS.graph.related)
    assert nx.is_connected(combined)


def test_reference_term_keeps_its_graph_and_rlhf() -> None:
    rl = ANALYSIS.glossary.terms["reinforcement-learning"]  # type: ignore[index]
    assert rl.prerequisites == ("machine-learning",)
    assert {"deep-learning", "game-theory", "logistic-regression"} <= set(rl.related)
    assert "## RLHF" in rl.expert and "[[reward-model]]" in rl.expert


@pytest.mark.parametrize("term", ALL, ids=[t.id for t in ALL])
def test_every_section_meets_the_standard(term: Term) -> None:
    assert term.summary.count(". ") == 0 and term.summary.endswith("."), "one sentence"
    assert words(term.overview) >= 40, "an overview paragraph"
    assert 40 <= words(term.eli5) <= 100, f"eli5 has {words(term.eli5)} words"
    assert words(term.expert) >= 150, "expert section of at least 150 words"
    assert re.search(r"^## ", term.expert, re.M), "at least one ## subsection"
    assert term.tags and term.sources
    assert all(s.url.startswith("https://") or s.url.startswith("http://") for s in term.sources)
