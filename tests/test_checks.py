"""Each check on a tiny glossary: the exact code, file, line and column of what it reports."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from site_builder.analysis import analyse
from site_builder.findings import finding
from site_builder.model import TermId
from tests.helpers import linked_pair, term, write_terms

# (name, files, expected findings as (code, file stem, line, column))
CASES = [
    (
        "clean glossary",
        linked_pair(),
        [],
    ),
    (
        "syntax error at the parser's position",
        {**linked_pair(), "gamma": "title: [unclosed\nsummary: x\n"},
        [("yaml-syntax", "gamma", 2, 8)],
    ),
    (
        "tab indentation",
        {**linked_pair(), "gamma": "title: G\nrelated:\n\t- alpha\n"},
        [("yaml-tab", "gamma", 3, 1)],
    ),
    (
        "non-UTF-8 bytes",
        {**linked_pair(), "gamma": b"title: G\nsummary: caf\xe9\n"},
        [("encoding", "gamma", 2, 13)],
    ),
    (
        "empty file",
        {**linked_pair(), "gamma": "   \n"},
        [("empty-file", "gamma", 1, 1)],
    ),
    (
        "top level is a list",
        {**linked_pair(), "gamma": "- title: G\n"},
        [("not-a-mapping", "gamma", 1, 1)],
    ),
    (
        "duplicate key",
        {
            "alpha": "title: A\ntitle: B\n"
            + "".join(f"{k}: x\n" for k in ("summary", "eli5", "expert"))
            + "sources:\n  - {title: t, url: 'https://e.org'}\nrelated: [beta]\n",
            "beta": term("Beta", related=["alpha"]),
        },
        [("duplicate-key", "alpha", 2, 1)],
    ),
    (
        "unknown field with near miss",
        {
            "alpha": term("Alpha", related=["beta"], prerequisite=["beta"]),
            "beta": term("Beta", related=["alpha"]),
        },
        [("unknown-field", "alpha", 10, 1)],
    ),
    (
        "missing required field",
        {
            "alpha": term("Alpha", related=["beta"], eli5=None),
            "beta": term("Beta", related=["alpha"]),
        },
        [("missing-field", "alpha", 1, 1)],
    ),
    (
        "string where a list belongs",
        {"alpha": term("Alpha", related="beta"), "beta": term("Beta", related=["alpha"])},
        [("wrong-type", "alpha", 8, 1), ("one-way-related", "beta", 9, 5)],
    ),
    (
        "number in a list of ids",
        {"alpha": term("Alpha", related=["beta", 7]), "beta": term("Beta", related=["alpha"])},
        [("wrong-type", "alpha", 10, 5)],
    ),
    (
        "null required text",
        {
            "alpha": term("Alpha", related=["beta"], summary=None) | {"summary": None},
            "beta": term("Beta", related=["alpha"]),
        },
        [("empty-field", "alpha", 9, 1)],
    ),
    (
        "file name is not an id",
        {**linked_pair(), "Deep-Learning": term("Deep", related=["alpha"])},
        [("invalid-filename", "Deep-Learning", 1, 1)],
    ),
    (
        "unknown prerequisite",
        {**linked_pair(), "gamma": term("Gamma", prerequisites=["alpah"])},
        [("unknown-term", "gamma", 9, 5), ("orphan", "gamma", 1, 1)],
    ),
    (
        "self reference",
        {**linked_pair(), "gamma": term("Gamma", prerequisites=["gamma"], related=["alpha"])},
        [("self-reference", "gamma", 9, 5), ("one-way-related", "gamma", 11, 5)],
    ),
    (
        "shared alias",
        {
            "alpha": term("Alpha", related=["beta"], aliases=["AB"]),
            "beta": term("Beta", related=["alpha"], aliases=["ab"]),
        },
        [("duplicate-alias", "beta", 11, 5)],
    ),
    (
        "alias equal to another term's title",
        {
            "alpha": term("Alpha", related=["beta"]),
            "beta": term("Beta", related=["alpha"], aliases=["ALPHA"]),
        },
        [("duplicate-alias", "beta", 11, 5)],
    ),
    (
        "javascript source url",
        {
            "alpha": term(
                "Alpha", related=["beta"], sources=[{"title": "x", "url": "javascript:alert(1)"}]
            ),
            "beta": term("Beta", related=["alpha"]),
        },
        [("unsafe-url", "alpha", 7, 5)],
    ),
    (
        "source without url",
        {
            "alpha": term("Alpha", related=["beta"], sources=[{"title": "x"}]),
            "beta": term("Beta", related=["alpha"]),
        },
        [("missing-field", "alpha", 6, 5)],
    ),
    (
        "one-way related",
        {
            "alpha": term("Alpha", related=["beta"]),
            "beta": term("Beta", prerequisites=["gamma"]),
            "gamma": term("Gamma"),
        },
        [("one-way-related", "alpha", 9, 5)],
    ),
    (
        "related answered by the other term's prerequisite",
        {"alpha": term("Alpha", related=["beta"]), "beta": term("Beta", prerequisites=["alpha"])},
        # Not one-way (beta answers through its prerequisite), but a related link to one's own
        # descendant adds nothing.
        [("related-is-ancestor", "alpha", 9, 5)],
    ),
    (
        "orphan",
        {**linked_pair(), "gamma": term("Gamma")},
        [("orphan", "gamma", 1, 1)],
    ),
    (
        "redundant prerequisite",
        {
            "a": term("A"),
            "b": term("B", prerequisites=["a"]),
            "c": term("C", prerequisites=["a", "b"]),
        },
        [("redundant-prerequisite", "c", 9, 5)],
    ),
    (
        "related term that is an ancestor, listed from both sides",
        {
            "a": term("A", related=["c"]),
            "b": term("B", prerequisites=["a"]),
            "c": term("C", prerequisites=["b"], related=["a"]),
        },
        [("related-is-ancestor", "a", 9, 5), ("related-is-ancestor", "c", 11, 5)],
    ),
    (
        "related term that is a direct dependant (the prerequisite side reports it once)",
        {"a": term("A", related=["b"]), "b": term("B", prerequisites=["a"], related=["a"])},
        [("related-is-ancestor", "a", 9, 5), ("prerequisite-and-related", "b", 11, 5)],
    ),
    (
        "siblings may be related",
        {
            "a": term("A"),
            "b": term("B", prerequisites=["a"], related=["c"]),
            "c": term("C", prerequisites=["a"], related=["b"]),
        },
        [],
    ),
    (
        "redundant prerequisite deeper in the graph",
        {
            "a": term("A"),
            "b": term("B", prerequisites=["a"]),
            "c": term("C", prerequisites=["b"]),
            "d": term("D", prerequisites=["c", "b"]),
        },
        [("redundant-prerequisite", "d", 10, 5)],
    ),
    (
        "two unrelated prerequisites are not redundant",
        {"a": term("A"), "b": term("B"), "c": term("C", prerequisites=["a", "b"])},
        [],
    ),
    (
        "an orphan is reported at its title",
        {
            **linked_pair(),
            "gamma": "summary: G.\ntitle: Gamma\neli5: E.\nexpert: X.\n"
            "sources:\n  - {title: t, url: 'https://e.org'}\n",
        },
        [("orphan", "gamma", 2, 1)],
    ),
    (
        "same id twice in a list",
        {"alpha": term("Alpha", related=["beta", "beta"]), "beta": term("Beta", related=["alpha"])},
        [("duplicate-item", "alpha", 10, 5)],
    ),
    (
        "prerequisite and related at once",
        {"alpha": term("Alpha"), "beta": term("Beta", prerequisites=["alpha"], related=["alpha"])},
        [("prerequisite-and-related", "beta", 11, 5)],
    ),
    (
        "unknown in-text link inside a quoted multi-line scalar",
        {
            **linked_pair(),
            "gamma": term("Gamma", related=["alpha"])
            | {"expert": "## Part\n\nSee [[alpah]] first.\n"},
        },
        [("unknown-term", "gamma", 7, 7), ("one-way-related", "gamma", 14, 5)],
    ),
    (
        "unknown in-text link inside a block scalar",
        {
            **linked_pair(),
            "gamma": (
                "title: Gamma\nsummary: G.\neli5: Toy.\nexpert: |\n  ## Part\n\n"
                "  See [[alpha]] and\n  then [[betta|B]].\n"
                "sources:\n  - title: t\n    url: https://e.org\nrelated: [alpha]\n"
            ),
        },
        [("unknown-term", "gamma", 8, 8), ("one-way-related", "gamma", 12, 11)],
    ),
    (
        "a glossary of one term has no orphan",
        {"alpha": term("Alpha")},
        [],
    ),
    (
        "aliases that differ only in case, in one term",
        {
            "alpha": term("Alpha", related=["beta"], aliases=["ML", "ml"]),
            "beta": term("Beta", related=["alpha"]),
        },
        [("duplicate-item", "alpha", 12, 5)],
    ),
    (
        "malformed list items keep the positions of the items after them",
        {
            "alpha": term("Alpha", related=["beta"], prerequisites=[7, "nope"]),
            "beta": term("Beta", related=["alpha"]),
        },
        [("wrong-type", "alpha", 11, 5), ("unknown-term", "alpha", 12, 5)],
    ),
    (
        "a malformed alias keeps the position of a shared alias after it",
        {
            "alpha": term("Alpha", related=["beta"], aliases=["AB"]),
            "beta": term("Beta", related=["alpha"], aliases=[7, "ab"]),
        },
        [("wrong-type", "beta", 11, 5), ("duplicate-alias", "beta", 12, 5)],
    ),
    (
        "two malformed items are not the same item twice",
        {
            "alpha": term("Alpha", related=["beta"], prerequisites=[1, 2], aliases=[3, 4]),
            "beta": term("Beta", related=["alpha"], aliases=[5]),
        },
        [
            ("wrong-type", "alpha", 11, 5),
            ("wrong-type", "alpha", 12, 5),
            ("wrong-type", "alpha", 14, 5),
            ("wrong-type", "alpha", 15, 5),
            ("wrong-type", "beta", 11, 5),
        ],
    ),
    (
        "values that look like dates stay text",
        {
            **linked_pair(),
            "gamma": "title: 2024-01-31\nsummary: 2024-13-45\neli5: E.\nexpert: X.\n"
            "aliases: [1999-12-31]\nrelated: [alpha]\n"
            "sources:\n  - {title: 2001-01-01, url: 'https://e.org'}\n",
        },
        [("one-way-related", "gamma", 6, 11)],
    ),
    (
        "javascript in capitals in a Markdown link",
        {
            **linked_pair(),
            "gamma": term("Gamma", related=["alpha"])
            | {"eli5": "Click [me](JAVASCRIPT:alert(1)) now.\n"},
        },
        [("unsafe-link", "gamma", 3, 19), ("one-way-related", "gamma", 11, 5)],
    ),
    (
        "javascript in capitals as a source url",
        {
            "alpha": term(
                "Alpha", related=["beta"], sources=[{"title": "x", "url": "JAVASCRIPT:alert(1)"}]
            ),
            "beta": term("Beta", related=["alpha"]),
        },
        [("unsafe-url", "alpha", 7, 5)],
    ),
    (
        "http in capitals is a web address",
        {
            "alpha": term(
                "Alpha", related=["beta"], sources=[{"title": "x", "url": "HTTPS://EXAMPLE.ORG/a"}]
            ),
            "beta": term("Beta", related=["alpha"]),
        },
        [],
    ),
    (
        "term links inside code are not links",
        {
            **linked_pair(),
            "gamma": term("Gamma", related=["alpha"])
            | {
                "eli5": "Type `[[nope]]` to link.\n",
                "expert": "## Part\n\n```yaml\nsee: [[nowhere]]\n```\n\nAnd ``[[none]]``.\n",
            },
        },
        [("one-way-related", "gamma", 23, 5)],
    ),
    (
        "javascript link in a block-scalar line that starts with X",
        {
            **linked_pair(),
            "gamma": "title: Gamma\nsummary: G.\neli5: Toy.\nexpert: |\n"
            "  Xylophones [me](javascript:alert(1)) here.\n"
            "sources: [{title: B, url: 'https://e.org'}]\nrelated: [alpha]\n",
        },
        [("one-way-related", "gamma", 7, 11), ("unsafe-link", "gamma", 5, 19)],
    ),
    (
        "javascript link in Markdown",
        {
            **linked_pair(),
            "gamma": term("Gamma", related=["alpha"])
            | {"eli5": "Click [me](javascript:alert(1)) now.\n"},
        },
        [("unsafe-link", "gamma", 3, 19), ("one-way-related", "gamma", 11, 5)],
    ),
    (
        # The link's text is written with escapes, so it is not in the file as the reader sees
        # it: the finding points at the start of the value rather than nowhere.
        "link in a double-quoted value whose source differs from its text",
        {
            **linked_pair(),
            "gamma": "title: Gamma\nsummary: G.\n"
            'eli5: "Click [me](javascript:alert(\\"1\\")) now."\n'
            'expert: Deep.\nsources: [{title: B, url: "https://e.org"}]\nrelated: [alpha]\n',
        },
        [("unsafe-link", "gamma", 3, 7), ("one-way-related", "gamma", 6, 11)],
    ),
    (
        # The value is one line once folded, and the same link comes twice with the same 40
        # characters after it: the text after each spot is looked for far enough to tell them.
        "the same link twice in a folded plain value",
        {
            **linked_pair(),
            "gamma": "title: Gamma\nsummary: G.\n"
            "eli5: Click [me](javascript:alert(1)) and some more words to pass forty, one.\n"
            "  Then [me](javascript:alert(1)) and some more words to pass forty, two.\n"
            "expert: Deep.\nsources: [{title: B, url: 'https://e.org'}]\nrelated: [alpha]\n",
        },
        [
            ("one-way-related", "gamma", 7, 11),
            ("unsafe-link", "gamma", 3, 18),
            ("unsafe-link", "gamma", 4, 13),
        ],
    ),
    (
        # libyaml reads a tab after a value, the pure-Python parser does not: the locate stage
        # must compose with the parser that read the file, or it places the link at 1:1.
        "link in a file with a tab after a value",
        {
            **linked_pair(),
            "gamma": "title: Gamma\t\nsummary: G.\neli5: Click [me](javascript:alert(1)) now.\n"
            "expert: Deep.\nsources: [{title: B, url: 'https://e.org'}]\nrelated: [alpha]\n",
        },
        [("unsafe-link", "gamma", 3, 18), ("one-way-related", "gamma", 6, 11)],
    ),
]


def _located(root: Path) -> list[tuple[str, str, int, int]]:
    analysis = analyse(root / "terms")
    return sorted((f.code, Path(f.file).stem, f.line, f.column) for f in analysis.findings)


@pytest.mark.parametrize(("name", "files", "expected"), CASES, ids=[c[0] for c in CASES])
def test_check_reports_exact_position(
    tmp_path: Path, name: str, files: dict[str, Any], expected: list[tuple[str, str, int, int]]
) -> None:
    write_terms(tmp_path, files)
    assert _located(tmp_path) == sorted(expected)


def test_cycle_is_reported_once_with_its_whole_path(tmp_path: Path) -> None:
    write_terms(
        tmp_path,
        {
            "a": term("A", prerequisites=["d", "c"]),
            "b": term("B", prerequisites=["a"]),
            "c": term("C", prerequisites=["b"]),
            "d": term("D"),
        },
    )
    cycles = [f for f in analyse(tmp_path / "terms").findings if f.code == "prerequisite-cycle"]
    assert len(cycles) == 1
    (cycle,) = cycles
    assert cycle.message == "prerequisite cycle: a → c → b → a"
    assert (Path(cycle.file).name, cycle.line, cycle.column) == ("a.yaml", 10, 5)
    assert cycle.hint == "break one of these edges"
    edges = [(Path(r.file).name, r.line, r.column, r.message) for r in cycle.related]
    assert edges == [
        ("a.yaml", 10, 5, "a needs c"),
        ("c.yaml", 9, 5, "c needs b"),
        ("b.yaml", 9, 5, "b needs a"),
    ]


def test_a_tangle_of_cycles_is_spelled_out_twenty_times_at_most(tmp_path: Path) -> None:
    """Five terms that all need each other hold 84 cycles; four hold exactly 20."""
    for size in (4, 5):
        ids = [f"t{i}" for i in range(size)]
        folder = tmp_path / str(size)
        write_terms(folder, {i: term(i, prerequisites=[o for o in ids if o != i]) for i in ids})
        codes = [f.code for f in analyse(folder / "terms").findings]
        assert codes == ["prerequisite-cycle"] * 20


def test_one_way_related_points_at_the_other_files_related_list(tmp_path: Path) -> None:
    write_terms(
        tmp_path,
        {
            "alpha": term("Alpha", related=["beta", "gamma"]),
            "beta": term("Beta", related=["gamma"]),
            "gamma": term("Gamma", related=["alpha", "beta"]),
        },
    )
    (found,) = analyse(tmp_path / "terms").findings
    assert (found.code, Path(found.file).name, found.line) == ("one-way-related", "alpha.yaml", 9)
    assert [(Path(r.file).name, r.line, r.column, r.message) for r in found.related] == [
        ("beta.yaml", 8, 1, "add 'alpha' to related here")
    ]


@pytest.mark.parametrize("stem", ["a--b", "-a", "a-", "a_b", "Alpha", "a.b", "é"])
def test_file_names_that_are_not_ids(tmp_path: Path, stem: str) -> None:
    write_terms(tmp_path, {**linked_pair(), stem: term("X", related=["alpha"])})
    found = [(f.code, Path(f.file).stem, f.line) for f in analyse(tmp_path / "terms").findings]
    assert found == [("invalid-filename", stem, 1)]


@pytest.mark.parametrize("listed", ["a--b", "-a", "a-", "A", "a b"])
def test_listed_ids_that_are_not_ids(tmp_path: Path, listed: str) -> None:
    write_terms(
        tmp_path, {**linked_pair(), "gamma": term("G", prerequisites=[listed], related=["alpha"])}
    )
    found = [(f.code, f.line) for f in analyse(tmp_path / "terms").findings]
    assert found == [("invalid-id", 9), ("one-way-related", 11)]


def test_hints_spell_out_the_id_to_use(tmp_path: Path) -> None:
    write_terms(
        tmp_path,
        {
            **linked_pair(),
            "Façade's_Rule": term(
                "F", related=["alpha"], prerequisites=["Deep Learning"], tags=["Big Data"]
            ),
        },
    )
    hints = {f.code: f.hint for f in analyse(tmp_path / "terms").findings}
    assert hints == {
        "invalid-filename": (
            "rename it to 'facades-rule.yaml' (lowercase letters, digits, single hyphens)"
        ),
        "invalid-id": "did you mean 'deep-learning'?",
        "invalid-value": "write 'big-data'",
    }


def test_a_file_name_with_nothing_to_keep_is_told_a_placeholder_name(tmp_path: Path) -> None:
    write_terms(tmp_path, {**linked_pair(), "___": term("X", related=["alpha"])})
    (found,) = analyse(tmp_path / "terms").findings
    assert (found.code, found.message, found.hint) == (
        "invalid-filename",
        "file name '___.yaml' is not a valid term id",
        "rename it to 'term.yaml' (lowercase letters, digits, single hyphens)",
    )


def test_aliases_that_name_another_term(tmp_path: Path) -> None:
    write_terms(
        tmp_path,
        {
            "alpha": term("Alpha", related=["beta"], aliases=["GAMMA", "Beta", "AB", "third"]),
            "beta": term("Beta", related=["alpha", "gamma"], aliases=["ab"]),
            "gamma": term("Third", related=["beta"]),
        },
    )
    found = [(Path(f.file).stem, f.line, f.message) for f in analyse(tmp_path / "terms").findings]
    assert found == [
        ("alpha", 11, "alias 'GAMMA' is the title or id of 'gamma'"),
        ("alpha", 12, "alias 'Beta' is the title or id of 'beta'"),
        ("alpha", 14, "alias 'third' is the title or id of 'gamma'"),
        ("beta", 12, "alias 'ab' is also an alias of 'alpha'"),
    ]


# (term fields, the finding's message and hint)
MESSAGES = [
    (
        {"prerequisites": ["zzz"], "related": ["alpha"]},
        "prerequisite 'zzz' does not exist",
        "",
    ),
    (
        {"related": ["alpha", "alpah"]},
        "related term 'alpah' does not exist",
        "did you mean 'alpha'?",
    ),
    (
        {"prerequisites": ["alpha"], "related": ["alpha"]},
        "'alpha' is both a prerequisite and related",
        "keep it as a prerequisite only",
    ),
    (
        {"related": ["alpha"], "eli5": "See [this](file:///etc/passwd)."},
        "link or image 'file:///etc/passwd' in 'eli5' is not an http(s) link; the page shows its "
        "text only",
        "link an http:// or https:// address (images are not shown)",
    ),
    (
        {"related": ["alpha"], "overview": "A <span>tag</span>."},
        "raw HTML '<span>' in 'overview' will be shown as text",
        "use Markdown, or put code in `backticks`",
    ),
    (
        {"related": ["alpha"], "expert": "## H\n\nThe $x^2 never closes."},
        "math '$x^2 never closes.' in 'expert' does not close; the page shows it as TeX",
        "close it: `$…$` inline, or `$$` on lines of their own for display math",
    ),
    (
        {"related": ["alpha"], "status": "done"},
        "'status' expected one of: draft, reviewed, stable but received: 'done'",
        "",
    ),
    (
        {},
        "'gamma' has no prerequisites, no related terms and nothing builds on it",
        "add prerequisites or related terms so readers can find it",
    ),
]


@pytest.mark.parametrize(("fields", "message", "hint"), MESSAGES, ids=[m[1] for m in MESSAGES])
def test_message_and_hint(
    tmp_path: Path, fields: dict[str, object], message: str, hint: str
) -> None:
    write_terms(tmp_path, {**linked_pair(), "gamma": term("Gamma", **fields)})
    found = [(f.message, f.hint) for f in analyse(tmp_path / "terms").findings]
    assert (message, hint) in found


_GAMMA = "title: Gamma\nsummary: G.\neli5: Toy.\nexpert: Deep.\nprerequisites: [alpha]\n"
FILE_MESSAGES = [
    (
        _GAMMA + "sources: []\n",
        ("empty-field", 6, 1, "'sources' needs at least one entry", ""),
    ),
    (
        _GAMMA + "sources: !!int twelve\n",
        ("yaml-type", 6, 10, "'twelve' is not a valid !!int", "write plain values"),
    ),
    (
        _GAMMA + "sources: !!float half\n",
        ("yaml-type", 6, 10, "'half' is not a valid !!float", "write plain values"),
    ),
    (
        _GAMMA + "sources: !!bool maybe\n",
        ("yaml-type", 6, 10, "'maybe' is not a valid !!bool", "write plain values"),
    ),
    (
        _GAMMA + "sources: !!binary aGVsbG8=\n",
        (
            "yaml-type",
            6,
            10,
            "the YAML type !!binary is not allowed: a term file holds only text, numbers, "
            "true/false, null, lists and mappings",
            "write plain values",
        ),
    ),
    ("", ("empty-file", 1, 1, "the file is empty", "")),
    (" \n\n", ("empty-file", 1, 1, "the file is empty", "")),
    ("# to do\n", ("empty-file", 1, 1, "the file holds only comments", "")),
    (
        "- title\n- summary\n",
        (
            "not-a-mapping",
            1,
            1,
            "expected a mapping of fields (title: …, summary: …) but the file holds a list",
            "",
        ),
    ),
    (
        "\n  Gamma rays\n",
        (
            "not-a-mapping",
            2,
            3,
            "expected a mapping of fields (title: …, summary: …) but the file holds a single value",
            "",
        ),
    ),
    (
        _GAMMA + "sources: a book\n",
        (
            "wrong-type",
            6,
            1,
            "'sources' must be a list, not text",
            "write it as a list: `- a book`",
        ),
    ),
    (
        _GAMMA + "sources:\n  - a book\n",
        ("wrong-type", 7, 5, "'sources[0]' must be a mapping, not text", ""),
    ),
    (
        _GAMMA.replace("summary: G.", "summary:\n  short: G.")
        + "sources:\n  - title: A book\n    url: https://example.org/\n",
        ("wrong-type", 2, 1, "'summary' must be text, not a mapping", ""),
    ),
    (
        _GAMMA + "sources: " + "9" * 5_000 + "\n",
        (
            "number-too-large",
            6,
            10,
            "a number of 5,000 characters is too large for a term file",
            "quote it if it is text",
        ),
    ),
]


@pytest.mark.parametrize(
    ("text", "expected"), FILE_MESSAGES, ids=[f"{m[1][3]} ({m[0][-12:]!r})" for m in FILE_MESSAGES]
)
def test_file_problem_message_and_place(
    tmp_path: Path, text: str, expected: tuple[str, int, int, str, str]
) -> None:
    write_terms(tmp_path, {**linked_pair(), "gamma": text})
    findings = analyse(tmp_path / "terms").findings
    found = [(f.code, f.line, f.column, f.message, f.hint) for f in findings if "gamma" in f.file]
    assert found == [expected]


def test_unknown_term_suggests_every_near_id(tmp_path: Path) -> None:
    write_terms(
        tmp_path,
        {
            **{t: term(t, related=[]) for t in ("term-a", "term-b", "term-c", "term-d")},
            "gradient-descent": term("GD", related=["gradient-ascent"]),
            "gradient-ascent": term("GA", related=["gradient-descent"]),
            "backprop": term("B", prerequisites=["gradiant-descent", "term-x"]),
        },
    )
    hints = [f.hint for f in analyse(tmp_path / "terms").findings if f.code == "unknown-term"]
    assert hints == [
        "did you mean 'gradient-descent' or 'gradient-ascent'?",
        "did you mean 'term-d' or 'term-c' or 'term-b'?",
    ]


def test_unknown_term_suggests_nearest_ids(tmp_path: Path) -> None:
    write_terms(
        tmp_path,
        {
            "gradient-descent": term("GD", related=["backprop"]),
            "backprop": term(
                "Backprop", prerequisites=["gradiant-descent"], related=["gradient-descent"]
            ),
        },
    )
    (found,) = [f for f in analyse(tmp_path / "terms").findings if f.code == "unknown-term"]
    assert found.message == "prerequisite 'gradiant-descent' does not exist"
    assert found.hint == "did you mean 'gradient-descent'?"


def test_unknown_field_suggests_near_miss(tmp_path: Path) -> None:
    write_terms(
        tmp_path, {**linked_pair(), "gamma": term("G", related=["alpha"], prerequisite=["a"])}
    )
    found = [f for f in analyse(tmp_path / "terms").findings if f.code == "unknown-field"]
    assert [f.hint for f in found] == ["did you mean 'prerequisites'?"]


def test_billion_laughs_is_rejected_quickly(tmp_path: Path) -> None:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for prev, name in zip("abcdefgh", "bcdefghi", strict=True):
        lines.append(f"{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]")
    write_terms(tmp_path, {**linked_pair(), "bomb": "\n".join(lines) + "\n"})
    codes = [(f.code, f.line) for f in analyse(tmp_path / "terms").findings]
    assert codes == [("yaml-anchor-bomb", 5)]


def test_broken_file_id_still_counts_as_existing(tmp_path: Path) -> None:
    """A syntax error in one file must not make every link to it an unknown-term error."""
    write_terms(
        tmp_path,
        {
            **linked_pair(),
            "gamma": "title: [\n",
            "delta": term("D", prerequisites=["gamma"], related=["alpha"]),
        },
    )
    codes = {f.code for f in analyse(tmp_path / "terms").findings}
    assert "unknown-term" not in codes


def test_related_is_ancestor_names_the_relation_and_the_fix(tmp_path: Path) -> None:
    write_terms(
        tmp_path,
        {
            "calculus": term("Calculus", related=["gradient-descent"]),
            "gradient": term("Gradient", prerequisites=["calculus"]),
            "gradient-descent": term(
                "Gradient Descent", prerequisites=["gradient"], related=["calculus"]
            ),
        },
    )
    found = sorted(
        (f.file.rsplit("/", 1)[-1], f.message, f.hint)
        for f in analyse(tmp_path / "terms").findings
        if f.code == "related-is-ancestor"
    )
    graph = "in the prerequisite graph"
    fix = "from related; the learning path already links them"
    assert found == [
        (
            "calculus.yaml",
            f"related term 'gradient-descent' is a descendant of 'calculus' {graph}",
            f"remove 'gradient-descent' {fix}",
        ),
        (
            "gradient-descent.yaml",
            f"related term 'calculus' is an ancestor of 'gradient-descent' {graph}",
            f"remove 'calculus' {fix}",
        ),
    ]


def test_an_alias_two_terms_share_is_reported_on_the_later_id(tmp_path: Path) -> None:
    """Ids, not file names, decide who owns a name first: 'a-b.yaml' sorts before 'a.yaml'."""
    write_terms(
        tmp_path,
        {
            "a": term("A", related=["a-b"], aliases=["Foo"]),
            "a-b": term("AB", related=["a"], aliases=["Foo"]),
        },
    )
    found = [(Path(f.file).stem, f.code, f.message) for f in analyse(tmp_path / "terms").findings]
    assert found == [("a-b", "duplicate-alias", "alias 'Foo' is also an alias of 'a'")]


def test_a_finding_with_an_unregistered_code_cannot_be_made() -> None:
    """Every code has a severity and documentation; a new check must register its code."""
    with pytest.raises(KeyError, match="unregistered finding code 'no-such-code'"):
        finding("terms/a.yaml", "no-such-code", "message")


def test_a_finding_in_a_duplicated_field_points_at_the_copy_yaml_keeps(tmp_path: Path) -> None:
    """YAML keeps the last of duplicate keys, so a finding about its value is located there."""
    write_terms(
        tmp_path,
        {
            **linked_pair(),
            "gamma": (
                "title: Gamma\nsummary: G.\neli5: Toy.\neli5: A [toy](ftp://x).\n"
                "expert: Deep.\nprerequisites: [alpha]\nrelated: [zzz]\nrelated: [yyy]\n"
                "sources: [{title: A, url: 'https://x.org'}]\n"
            ),
        },
    )
    found = [(f.code, f.line, f.column) for f in analyse(tmp_path / "terms").findings]
    assert found == [
        ("duplicate-key", 4, 1),
        ("unsafe-link", 4, 15),
        ("duplicate-key", 8, 1),
        ("unknown-term", 8, 11),
    ]


def test_text_too_long_to_render_is_one_finding_not_also_checked_for_links(tmp_path: Path) -> None:
    """The page shows such text as plain text, so its [[links]] are not reported as well."""
    long = "## H\n\nSee [[nowhere]] and <b>this</b>. " + "word " * 13_000
    write_terms(tmp_path, {**linked_pair(), "gamma": term("G", related=["alpha"], expert=long)})
    found = [f.code for f in analyse(tmp_path / "terms").findings if "gamma" in f.file]
    assert found == ["prose-too-complex", "one-way-related"]


def test_a_term_without_an_overview_has_none(tmp_path: Path) -> None:
    """An optional text field left out is empty, so the page shows no section for it."""
    write_terms(tmp_path, linked_pair())
    alpha = analyse(tmp_path / "terms").glossary.terms[TermId("alpha")]
    assert (alpha.overview, alpha.status) == ("", "draft")
