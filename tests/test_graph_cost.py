"""Graph checks and stats cost near-linear work for any glossary, and still say the same."""

from __future__ import annotations

import random
import time
from pathlib import Path

import networkx as nx
import pytest

from site_builder import checks
from site_builder.analysis import analyse
from site_builder.checks import Hints, _redundant_prerequisites
from site_builder.model import TermId
from site_builder.stats import dependant_counts, glossary_stats, most_ancestors
from tests.helpers import term, write_terms


def random_dag(seed: int) -> nx.DiGraph:
    rng = random.Random(seed)
    size = rng.randrange(2, 40)
    density = rng.choice([0.05, 0.1, 0.3, 0.6, 0.9])
    names = [f"t{i}" for i in range(size)]
    rng.shuffle(names)
    dag = nx.DiGraph()
    dag.add_nodes_from(names)
    dag.add_edges_from(
        (names[i], names[j])
        for i in range(size)
        for j in range(i + 1, size)
        if rng.random() < density
    )
    return dag


def _redundant_edges(dag: nx.DiGraph) -> tuple[set[tuple[str, str]], int]:
    """Every redundant edge the check finds, and how many predecessor visits it made."""
    order = {node: place for place, node in enumerate(nx.topological_sort(dag))}
    budget = [10**9]
    found: set[tuple[str, str]] = set()
    for node in dag:
        redundant = _redundant_prerequisites(dag, node, order, budget)
        assert redundant is not None
        for needed, through in redundant.items():
            # The witness is another prerequisite that needs the redundant one.
            assert dag.has_edge(through, node) and nx.has_path(dag, needed, through)
            found.add((needed, node))
    return found, 10**9 - budget[0]


@pytest.mark.parametrize("seed", range(60))
def test_redundant_edges_are_those_transitive_reduction_drops(seed: int) -> None:
    dag = random_dag(seed)
    reduced = nx.transitive_reduction(dag)
    found, _ = _redundant_edges(dag)
    assert found == {(u, v) for u, v in dag.edges if not reduced.has_edge(u, v)}


def dense(size: int) -> nx.DiGraph:
    return nx.DiGraph((f"t{i}", f"t{j}") for j in range(size) for i in range(j))


def hub(size: int) -> nx.DiGraph:
    return nx.DiGraph((f"t{i}", "hub") for i in range(size))


def hub_over_chain(size: int) -> nx.DiGraph:
    chain = nx.path_graph([f"t{i}" for i in range(size)], create_using=nx.DiGraph)
    chain.add_edges_from((f"t{i}", "hub") for i in range(size))
    return chain


def ends_of_a_chain(size: int, needers: int) -> nx.DiGraph:
    """`needers` terms that each need `a` and `b`, where `b` needs `a` directly and through a
    chain of `size` terms: each needer's sweep can stop at `b`, which already needs `a`."""
    dag = nx.path_graph(["a", *(f"c{i}" for i in range(size)), "b"], create_using=nx.DiGraph)
    dag.add_edge("a", "b")
    dag.add_edges_from((p, f"t{i}") for i in range(needers) for p in ("a", "b"))
    return dag


@pytest.mark.parametrize(
    ("name", "dag", "redundant"),
    [
        ("dense 300 terms", dense(300), 300 * 299 // 2 - 299),
        ("four terms needing both ends of a 100 chain", ends_of_a_chain(100, 4), 1 + 4),
        ("one term needing 5,000 others", hub(5_000), 0),
        ("one term needing all of a 5,000 chain", hub_over_chain(5_000), 4_999),
    ],
)
def test_redundancy_check_visits_each_edge_about_once(
    name: str, dag: nx.DiGraph, redundant: int
) -> None:
    found, visits = _redundant_edges(dag)
    assert len(found) == redundant
    assert visits <= 2 * dag.number_of_edges()  # the closure would be nodes x edges


def test_the_work_limit_allows_exactly_its_visits() -> None:
    """A budget of n predecessor visits lets a sweep that needs n finish; n - 1 stops it."""
    dag = ends_of_a_chain(10, 1)
    order = {node: place for place, node in enumerate(nx.topological_sort(dag))}
    budget = [10**9]
    assert _redundant_prerequisites(dag, TermId("t0"), order, budget) == {"a": "b"}
    needed = 10**9 - budget[0]
    assert needed > 1
    exact = [needed]
    assert _redundant_prerequisites(dag, TermId("t0"), order, exact) == {"a": "b"}
    assert exact == [0]
    assert _redundant_prerequisites(dag, TermId("t0"), order, [needed - 1]) is None


def test_a_graph_past_the_work_limit_is_one_warning(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(checks, "REDUNDANCY_VISITS_PER_EDGE", 0)
    write_terms(
        tmp_path,
        {
            "a": term("A"),
            "b": term("B", prerequisites=["a"]),
            "c": term("C", prerequisites=["a", "b"]),
        },
    )
    found = [
        (f.code, Path(f.file).stem, f.line, f.column) for f in analyse(tmp_path / "terms").findings
    ]
    assert found == [("check-limit", "c", 8, 1)]
    (limit,) = analyse(tmp_path / "terms").findings
    assert (limit.message, limit.hint) == (
        "the redundant-prerequisite check stopped at this term: the prerequisite graph is too "
        "tangled to finish it within its work limit",
        "look for terms that list many far-apart prerequisites",
    )


def test_a_long_chain_is_checked_whole_within_the_work_limit(tmp_path: Path) -> None:
    """Forty terms in a line, the last also needing the first: one redundant edge, no limit."""
    chain = {f"t{i:02}": term(f"T{i}", prerequisites=[f"t{i - 1:02}"]) for i in range(1, 40)}
    chain["t39"] = term("T39", prerequisites=["t38", "t00"])
    write_terms(tmp_path, {"t00": term("T0"), **chain})
    found = [
        (f.code, Path(f.file).stem, f.message)
        for f in analyse(tmp_path / "terms").findings
        if f.code in ("check-limit", "redundant-prerequisite")
    ]
    assert found == [
        ("redundant-prerequisite", "t39", "prerequisite 't00' is redundant: 't38' already needs it")
    ]


@pytest.mark.parametrize("seed", range(30))
def test_dependant_counts_match_descendants(seed: int) -> None:
    graph = nx.gnp_random_graph(
        40, random.Random(seed).choice([0.02, 0.05, 0.1, 0.3]), seed=seed, directed=True
    )
    graph = nx.relabel_nodes(graph, {i: TermId(f"t{i}") for i in graph})  # cycles included
    assert dependant_counts(graph) == {t: len(nx.descendants(graph, t)) for t in graph}


def test_dependant_counts_of_a_long_chain_are_fast() -> None:
    chain = nx.path_graph([TermId(f"t{i}") for i in range(20_000)], create_using=nx.DiGraph)
    start = time.process_time()
    counts = dependant_counts(chain)
    assert time.process_time() - start < 5  # nx.descendants for each term: 122 s
    assert counts[TermId("t0")] == 19_999 and counts[TermId("t19999")] == 0


def test_hints_stop_at_their_budget_and_remember_answers() -> None:
    ids = [f"term-{i}" for i in range(100)]
    hints = Hints(ids, budget=len("term-1x") * sum(map(len, ids)) * 2)
    assert hints("term-1x").startswith("did you mean 'term-1' ")
    assert hints("term-2x").startswith("did you mean 'term-2'")
    assert hints("term-3x") == ""  # over budget: the finding comes without a hint
    assert hints("term-1x").startswith("did you mean")  # remembered, free


def test_terms_with_as_many_ancestors_are_listed_by_id() -> None:
    dag = nx.DiGraph()
    dag.add_nodes_from(["a", "z", "b", "y", "c"])
    dag.add_edges_from([("a", "z"), ("a", "b"), ("a", "y"), ("a", "c")])
    assert [t["id"] for t in most_ancestors(dag)] == ["b", "c", "y", "z"]


def test_terms_as_depended_on_are_listed_by_id(tmp_path: Path) -> None:
    """z and b are each needed by two terms, a by three: a, then b and z by id."""
    terms = {
        "a": term("A"),
        "z": term("Z"),
        "b": term("B"),
        "p": term("P", prerequisites=["a", "z", "b"]),
        "q": term("Q", prerequisites=["a", "z", "b"]),
        "r": term("R", prerequisites=["a"]),
    }
    analysis = analyse(write_terms(tmp_path, terms))
    most = glossary_stats(analysis.glossary, analysis.graph)["most_depended_on"]
    assert most == [
        {"id": "a", "dependants": 3},
        {"id": "b", "dependants": 2},
        {"id": "z", "dependants": 2},
    ]
