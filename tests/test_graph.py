"""The concept graph's questions about one term, as a term page lists them."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from site_builder.analysis import analyse
from site_builder.graph import dependants_of, learning_path, prerequisites_of, related_to
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


def test_networkx_is_imported_when_a_graph_is_first_built() -> None:
    program = (
        "import sys\n"
        "import site_builder.cli\n"
        "from site_builder.graph import build_graph\n"
        "from site_builder.model import Glossary\n"
        "before = 'networkx.classes' in sys.modules\n"
        "build_graph(Glossary({}, frozenset()))\n"
        "print(before, 'networkx.classes' in sys.modules)\n"
    )
    result = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True)
    assert result.stdout.split() == ["False", "True"], result.stderr


def test_a_learning_path_lists_every_prerequisite_in_reading_order(tmp_path: Path) -> None:
    """d needs c and b, c needs a, b needs a: a comes first, then b and c by id, then d's."""
    terms = {
        "a": term("A"),
        "c": term("C", prerequisites=["a"]),
        "b": term("B", prerequisites=["a"]),
        "e": term("E", prerequisites=["d"]),
        "d": term("D", prerequisites=["c", "b"]),
    }
    graph = analyse(write_terms(tmp_path, terms)).graph
    assert learning_path(graph, TermId("e")) == ["a", "b", "c", "d"]
    assert learning_path(graph, TermId("a")) == []
