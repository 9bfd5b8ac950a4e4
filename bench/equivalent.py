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
# frozen=False on a dataclass nothing assigns to or hashes: only mutability changes.
_FROZEN = "no code assigns to or hashes its instances"
# The parallel reader gives the serial result by design (test_analysis compares them), so where
# the switch to it sits changes speed, not output.
_PARALLEL = "decides only whether files are read in parallel; the output is the same"
# Every caller passes this argument, so the default is never used.
_DEFAULT = "every caller passes this argument"

EQUIVALENT: dict[tuple[str, str, str, str], str] = {
    ("analysis", "Analysis", "True", "False"): _FROZEN,
    ("analysis", "FileResult", "True", "False"): _FROZEN,
    ("graph", "ConceptGraph", "True", "False"): _FROZEN,
    ("model", "Source", "True", "False"): _FROZEN,
    ("model", "Term", "True", "False"): _FROZEN,
    ("model", "Glossary", "True", "False"): _FROZEN,
    ("analysis", "", "2000", "2001"): _PARALLEL,
    ("analysis", "_read_all", "jobs < 2", "jobs <= 2"): _PARALLEL,
    ("analysis", "_read_all", "2", "3"): _PARALLEL,
    (
        "analysis",
        "_read_all",
        "len(paths) < PARALLEL_MIN_FILES",
        "len(paths) <= PARALLEL_MIN_FILES",
    ): _PARALLEL,
    ("analysis", "analyse", "1", "0"): _PARALLEL + " (jobs=0 reads serially, as jobs=1 does)",
    ("analysis", "Analysis.fails", "False", "True"): _DEFAULT,
    ("analysis", "read_term", "True", "False"): _DEFAULT + " (through functools.partial)",
    ("model", "term_url", "True", "False"): _DEFAULT,
    ("model", "Term", "''", "'XX'"): _DEFAULT + ": validate.to_term sets every field",
    ("model", "Term", "'draft'", "'XXdraftXX'"): _DEFAULT + ": validate.to_term sets every field",
    ("analysis", "read_term", "''", "'XX'"): (
        "with_text=False empties the Markdown sections after they are checked, for callers that "
        "only report; no later stage reads them, so what they are emptied to is never seen"
    ),
    (
        "graph",
        "dependants_of",
        "sorted(graph.prerequisites.successors(term_id))",
        "graph.prerequisites.successors(term_id)",
    ): (
        "build_graph adds edges term by term in id order, so a node's successors already come "
        "in id order"
    ),
    ("graph", "learning_path", "order is not None", "order is None"): (
        "every caller passes the reading order, and recomputing it gives the same order"
    ),
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
