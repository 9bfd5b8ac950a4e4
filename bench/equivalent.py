"""Surviving mutants that behave exactly like the original code, each with the reason.

Keyed by `Mutant.key`: (module, enclosing function, code before, code after), so an entry
outlives edits that move lines. `python3 bench/mutation.py --list MODULE` prints the mutants.
Equivalent mutants are not run and do not count towards the score.
"""

from __future__ import annotations

# Findings are sorted by file, line, column, code, message, hint and related places before
# anyone sees them (Positions.locate_all), so the order in which a check emits them is not
# observable.
_EMIT_ORDER = "findings are fully sorted before they are reported"

EQUIVALENT: dict[tuple[str, str, str, str], str] = {
    (
        "checks",
        "check_cycles",
        "sorted(nx.strongly_connected_components(graph.prerequisites), key=min)",
        "nx.strongly_connected_components(graph.prerequisites)",
    ): _EMIT_ORDER,
    ("checks", "check_cycles", "sorted(cycles)", "cycles"): _EMIT_ORDER,
    ("checks", "check_redundant_prerequisites", "sorted(dag)", "dag"): _EMIT_ORDER,
    (
        "checks",
        "check_orphans",
        "sorted(nx.isolates(graph.related))",
        "nx.isolates(graph.related)",
    ): _EMIT_ORDER,
    ("checks", "check_cycles", "continue", "pass"): (
        "a one-term component has no cycle: build_graph never adds a self-loop, so "
        "simple_cycles finds nothing in it; the guard only saves the call"
    ),
    ("checks", "_cycle_finding", "True", "False"): (
        "zip(cycle, rotated cycle, strict=...): both sequences always have the same length"
    ),
    ("checks", "check_redundant_prerequisites", "len(needed_list) > 1", "len(needed_list) >= 1"): (
        "with one prerequisite the only candidate is the prerequisite itself, and in a DAG no "
        "node is its own ancestor; the guard only saves work"
    ),
    ("checks", "check_redundant_prerequisites", "1", "0"): (
        "`len(needed_list) > 0` differs from `> 1` only for one prerequisite: see the entry above"
    ),
}
