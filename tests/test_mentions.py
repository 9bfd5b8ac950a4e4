"""Unlinked mentions: found by the parser's reading, located exactly, never failing a build;
`autolink: first`, "Mentioned in" and mention edges in real builds."""

from __future__ import annotations

import json
import random
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from site_builder import mentions
from site_builder.analysis import analyse
from site_builder.mentions import autolink, names_of
from site_builder.model import Glossary, Term, TermId, slugify
from tests.helpers import term, write_terms
from tests.sites import build, make_project, starter_terms


def _terms(text: str) -> dict[str, Any]:
    """Three terms to mention, and a writer whose expert text starts on line 5, column 3."""
    expert = "".join(f"  {line}\n" if line else "\n" for line in text.split("\n"))
    writer = (
        'title: Writer\nsummary: "Writes."\neli5: A toy.\nexpert: |\n'
        + expert
        + "related: [loss]\nsources:\n  - {title: A book, url: 'https://example.org/b'}\n"
    )
    return {
        "gradient-descent": term("Gradient Descent", related=["loss"], aliases=["GD"]),
        "loss": term(
            "Loss",
            related=["gradient-descent", "probability", "writer"],
            aliases=["loss function"],
        ),
        "probability": term("Probability", related=["loss"]),
        "writer": writer,
    }


def mentions_in(tmp_path: Path, text: str) -> list[tuple[int, int, str]]:
    """(line, column, hint) of each unlinked mention in the writer's expert text."""
    analysis = analyse(write_terms(tmp_path, _terms(text)), mentions=True)
    return [
        (f.line, f.column, f.hint)
        for f in analysis.findings
        if f.code == "unlinked-mention" and f.file.endswith("writer.yaml")
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("We use Gradient Descent.", [(5, 10, "write [[gradient-descent]]")]),
        ("Two probabilities.", [(5, 7, "write [[probability|probabilities]]")]),
        ("The loss functions.", [(5, 7, "write [[loss|loss functions]]")]),
        ("Run GD now; gd is not it.", [(5, 7, "write [[gradient-descent|GD]]")]),
        ("run gd now", []),  # a short alias matches in its exact case only
        ("`Loss` in code, $Loss$ in math.", []),
        ("## Loss\n\nNothing here.", []),
        ("# Loss\n\nNothing here.", []),
        ("### Loss\n\nNothing here.", []),
        ("#### Loss\n\nNothing here.", []),
        ("##### Loss\n\nNothing here.", []),
        ("###### Loss\n\nNothing here.", []),
        ("See [[loss]] and the loss again.", []),  # linked in this section already
        ("[the loss](https://example.org) is a link.", []),
        ("Lossy and glossary.\n\nLoss here.", [(7, 3, "write [[loss]]")]),
        ("A loss, a loss, a loss.", [(5, 5, "write [[loss|loss]]")]),  # once per section
        ("The Writer writes.", []),  # never the term itself
        ("```\nloss\n```\n\nand loss", [(9, 7, "write [[loss|loss]]")]),
    ],
)
def test_unlinked_mentions_are_found_where_the_parser_sees_text(
    tmp_path: Path, text: str, expected: list[tuple[int, int, str]]
) -> None:
    assert mentions_in(tmp_path, text) == expected


def test_mentions_are_information_and_fail_only_when_asked(tmp_path: Path) -> None:
    terms = write_terms(tmp_path, _terms("Gradient Descent and loss."))
    run = [sys.executable, "-m", "site_builder", "check", str(terms)]
    strict = subprocess.run([*run, "--strict"], capture_output=True, text=True)
    assert strict.returncode == 0, strict.stdout
    assert "writer.yaml:5:3: info[unlinked-mention] 'Gradient Descent' in 'expert'" in strict.stdout
    assert strict.stdout.endswith("0 errors, 0 warnings, 2 notes in 4 term files\n")
    assert subprocess.run([*run, "--fail-on", "info"], capture_output=True).returncode == 1
    github = subprocess.run([*run, "--format", "github"], capture_output=True, text=True).stdout
    assert "::notice file=" in github
    quiet = subprocess.run([*run, "--no-mentions"], capture_output=True, text=True).stdout
    assert "unlinked-mention" not in quiet


def test_analyse_reports_unlinked_mentions_only_when_asked(tmp_path: Path) -> None:
    """Callers that do not ask (`glossary diff`, `stats`, `export`) get no mention notes."""
    terms = write_terms(tmp_path, _terms("We use Gradient Descent."))
    assert [f.code for f in analyse(terms).findings] == []
    assert [f.code for f in analyse(terms, mentions=True).findings] == ["unlinked-mention"]


@pytest.mark.parametrize(
    ("text", "alias", "column", "hint"),
    [
        # spaces around an alias are not part of it
        ("Cost is high.", "  cost ", 3, "write [[loss|Cost]]"),
        # a run of spaces inside one matches a single space in the text
        ("The cost function is high.", "cost \t function", 7, "write [[loss|cost function]]"),
    ],
)
def test_an_alias_is_matched_by_its_words_not_its_spacing(
    tmp_path: Path, text: str, alias: str, column: int, hint: str
) -> None:
    terms = _terms(text)
    terms["loss"]["aliases"] = [alias]
    analysis = analyse(write_terms(tmp_path, terms), mentions=True)
    assert [(f.line, f.column, f.hint) for f in analysis.findings] == [(5, column, hint)]


def test_an_empty_alias_mentions_nothing(tmp_path: Path) -> None:
    """An empty alias is reported by the schema and never matches text (nor does its plural)."""
    terms = _terms("Some s, an s and words.")
    terms["loss"]["aliases"] = ["", "  "]
    analysis = analyse(write_terms(tmp_path, terms), mentions=True)
    assert [(f.code, f.message) for f in analysis.findings] == [
        ("empty-field", "'aliases[0]' is empty"),
        ("empty-field", "'aliases[1]' is empty"),
    ]


def test_a_glossary_with_no_names_has_no_mentions(tmp_path: Path) -> None:
    """A term whose title is blank leaves nothing to match: only the schema finding remains."""
    text = "title: ' '\nsummary: S.\neli5: E.\nexpert: Some words.\nsources: [{title: B, url: 'https://e.org'}]\n"
    analysis = analyse(write_terms(tmp_path, {"a": text}), mentions=True)
    assert [(f.code, f.message) for f in analysis.findings] == [("empty-field", "'title' is empty")]


AUTOLINKED = {
    **starter_terms(),
    "loss": term("Loss", related=["writer"], aliases=["loss function"]),
    "writer": term(
        "Writer",
        related=["loss"],
        overview="The loss and the loss again; `loss` in code.",
        eli5="A Loss for kids.",
        expert="## Loss\n\nA $loss$ and [the loss](https://example.org) and a Writer. "
        "Then the loss functions.",
    ),
}


@pytest.fixture(scope="module")
def autolinked(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = make_project(tmp_path_factory.mktemp("autolink"), AUTOLINKED, autolink="first")
    result = build(root, "--strict")
    assert result.returncode == 0, result.stderr
    return root / "site"


def _article(site: Path, term_id: str) -> str:
    html = (site / "terms" / term_id / "index.html").read_text("utf-8")
    return html[html.index("<article") : html.index("</article>")]


def test_autolink_links_the_first_mention_of_each_section_only(autolinked: Path) -> None:
    article = _article(autolinked, "writer")
    prose = article[: article.index('id="learning-path"')]
    links = re.findall(r'<a href="\.\./loss/">([^<]*)</a>', prose)
    # overview, eli5, expert: once each; never the heading, code, math or the existing link
    assert links == ["loss", "Loss", "loss functions"]
    assert "<code>loss</code>" in article
    assert 'href="./"' not in article  # the page never links to itself ("a Writer")


def test_mentioned_in_lists_the_terms_whose_text_links_here(autolinked: Path) -> None:
    article = _article(autolinked, "loss")
    section = article[article.index('id="mentioned-in"') :]
    assert re.search(r'<a href="\.\./writer/">Writer</a>', section)
    assert "No other term's text links here yet." in _article(autolinked, "writer")


def test_graph_json_carries_mention_edges_as_their_own_kind(autolinked: Path) -> None:
    data = json.loads((autolinked / "graph.json").read_text("utf-8"))
    assert data["multigraph"] is True
    kinds = {(link["source"], link["target"], link["kind"]) for link in data["links"]}
    assert ("writer", "loss", "mention") in kinds
    assert ("loss", "writer", "related") in kinds


def test_without_autolink_mentions_stay_text(tmp_path: Path) -> None:
    root = make_project(tmp_path, AUTOLINKED)
    assert build(root, "--strict").returncode == 0
    article = _article(root / "site", "writer")
    assert 'href="../loss/"' not in article[: article.index('id="learning-path"')]


def _autolinked(titles: tuple[str, ...], html: str) -> str:
    """`html` autolinked against a glossary of one term per title (id: the slug of the title)."""
    terms = {
        TermId(slugify(t)): Term(TermId(slugify(t)), "t.yaml", t, "S.", "E.", "X.") for t in titles
    }
    names = names_of(Glossary(terms, frozenset(terms)))
    linked, _ = autolink(names, html, TermId("writer"), (), lambda t: f"/{t}/")
    return linked


@pytest.mark.parametrize(
    ("titles", "html", "expected"),
    [
        (("Bus",), "<p>A bus stop.</p>", '<p>A <a href="/bus/">bus</a> stop.</p>'),
        (("Hash",), "<p>Two hashes.</p>", '<p>Two <a href="/hash/">hashes</a>.</p>'),
        (("Lily",), "<p>Two lilies.</p>", '<p>Two <a href="/lily/">lilies</a>.</p>'),
        # a short name matches its exact case and takes -s only, never -ies
        (("Py",), "<p>Pies, not Pys.</p>", '<p>Pies, not <a href="/py/">Pys</a>.</p>'),
        # a short name's plural follows its last letter whatever its case: -es after S or X
        (("OS",), "<p>Two OSes.</p>", '<p>Two <a href="/os/">OSes</a>.</p>'),
        # a name's characters are matched as written, never as regex syntax
        (("C++",), "<p>In C++ code.</p>", '<p>In <a href="/c/">C++</a> code.</p>'),
        # plurals: -es after x, z and ch; -s after a vowel and y
        (
            ("Box", "Buzz", "Match", "Key"),
            "<p>Boxes, buzzes, matches and keys.</p>",
            '<p><a href="/box/">Boxes</a>, <a href="/buzz/">buzzes</a>, <a href="/match/">'
            'matches</a> and <a href="/key/">keys</a>.</p>',
        ),
        # a name inside a longer one found at the same words is not found again
        (
            ("Gradient Descent", "Descent"),
            "<p>Gradient descent.</p>",
            '<p><a href="/gradient-descent/">Gradient descent</a>.</p>',
        ),
        # two mentions in the text after an element keep their order and the words between
        (
            ("Loss", "Box"),
            "<p><em>Note</em>: the loss, the box, the end.</p>",
            '<p><em>Note</em>: the <a href="/loss/">loss</a>, the <a href="/box/">box</a>, the '
            "end.</p>",
        ),
        # the longest name at a place wins; whitespace in a name matches any run of it
        (
            ("Gradient", "Gradient Descent"),
            "<p>Gradient\ndescent, gradient.</p>",
            '<p><a href="/gradient-descent/">Gradient\ndescent</a>, <a href="/gradient/">'
            "gradient</a>.</p>",
        ),
        # a name that starts or ends with punctuation: never right after or before a word
        ((".NET",), "<p>x.NET and .NET.</p>", '<p>x.NET and <a href="/net/">.NET</a>.</p>'),
        (("Pre-",), "<p>pre-training, pre-</p>", '<p>pre-training, <a href="/pre/">pre-</a></p>'),
        # İ, whose lowercase is two characters, matches itself in any case
        (("İstanbul",), "<p>In İSTANBUL.</p>", '<p>In <a href="/istanbul/">İSTANBUL</a>.</p>'),
        (
            ("Loss", "Gradient Descent"),
            "<p>The loss of gradient descent here.</p>",
            '<p>The <a href="/loss/">loss</a> of <a href="/gradient-descent/">gradient descent</a>'
            " here.</p>",
        ),
        (
            ("Loss",),
            "<p><em>Note</em>: the loss.</p>\n<p>More.</p>",
            '<p><em>Note</em>: the <a href="/loss/">loss</a>.</p>\n<p>More.</p>',
        ),
    ],
)
def test_autolink_makes_exactly_the_mention_a_link(
    titles: tuple[str, ...], html: str, expected: str
) -> None:
    """The words around a mention stay where they were, once; only the mention becomes a link."""
    assert _autolinked(titles, html) == expected


def test_folding_keeps_every_character_one_character_of_the_same_kind() -> None:
    """Names are found in folded text at the offsets of the text itself: folding must keep
    lengths, and keep each character a word character or hyphen, a space, or neither."""
    kinds = (re.compile(r"[\w-]"), re.compile(r"\s"))
    changed = []
    for code in range(sys.maxunicode + 1):
        if 0xD800 <= code <= 0xDFFF:
            continue
        char = chr(code)
        folded = mentions._fold(char)
        same_kind = all(bool(k.match(char)) == bool(k.match(folded)) for k in kinds)
        if len(folded) != 1 or not same_kind:
            changed.append(hex(code))
    assert changed == []


@pytest.mark.parametrize(
    ("source", "found", "expected"),
    [
        # the line before differs in the source (Markdown around "Intro"): the words of the
        # mention's own line place it, not the first "loss" of the source
        ("loss: *Intro*\nThe loss", [("loss", "Intro\nThe loss", 10)], [18]),
        # the first is looked for from the start of the source
        ("loss and loss", [("loss", "loss and loss", 0)], [0]),
        # each mention is looked for after the one before it
        ("x beta alpha beta", [("alpha", "x beta alpha beta", 7), ("beta", "beta", 0)], [7, 13]),
        # a mention that starts its line is a whole word in the source too
        ("gloss loss", [("loss", "loss", 0)], [6]),
        # context not found: the word alone, after the mention before it
        ("beta alpha *x* beta", [("alpha", "beta alpha", 5), ("beta", "x beta", 2)], [5, 15]),
        # ... a whole word there too, not the end of another word
        ("alpha *x* abeta beta", [("beta", "x abeta beta", 8)], [16]),
        # not found after the one before: the first place in the whole source
        ("beta alpha", [("alpha", "beta alpha", 5), ("beta", "beta", 0)], [5, 0]),
        # found at the very start, the context places it, not an earlier part of a longer name
        ("loss function and loss", [("loss", "loss function and loss", 18)], [18]),
        # a text that begins with a line break: its line starts after it, where the word
        # stands on its own (Markdown dropped the indentation before it)
        ("- `x`\n  loss is here\n\nloss again", [("loss", "\nloss is here", 1)], [8]),
    ],
)
def test_each_mention_is_placed_in_the_markdown_source(
    source: str, found: list[tuple[str, str, int]], expected: list[int]
) -> None:
    found_mentions = [mentions.Mention(TermId("t"), *mention) for mention in found]
    assert mentions.locate(source, "", found_mentions) == expected


def test_ascii_text_is_pre_tested_as_any_text_is() -> None:
    """ASCII text takes a byte-level way to its words; with one non-ASCII word added it takes
    the general one: both find the same tokens that start names."""
    titles = ("C++", ".NET", "Q-learning", "x_y", "AB", "9 lives", "pre-", "Sigma-algebra", "_x")
    terms = {
        TermId(f"t{i}"): Term(TermId(f"t{i}"), "t.yaml", t, "S.", "E.", "X.")
        for i, t in enumerate(titles)
    }
    starts = names_of(Glossary(terms, frozenset(terms))).starts
    pieces = ["c++", ".net", "q-learning", "x_y", "ab", "9", "lives", "pre-", "sigma", "-", "_x"]
    pieces += [" ", "\n", ".", ",", "(", ")", "/", "a", "b", "x", "y", "_", "+", "--"]
    rng = random.Random(15)
    for _ in range(3_000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 12)))
        found = mentions._starts_in(text, starts)
        assert found == mentions._starts_in(text + " ü", starts), text
        # every token found starts a name and stands in the text
        assert found <= starts.words | starts.marks and all(t in text for t in found)
    assert mentions._starts_in("see q-learning (c++), x_y", starts) == {"q-learning", "c", "x_y"}


def test_text_too_complex_to_render_is_not_looked_at_for_mentions(tmp_path: Path) -> None:
    """The page shows such text as plain text, with no links to add: no mention note."""
    deep = "- " * 5_000 + "We use Gradient Descent."  # past any recursion limit a test sets
    analysis = analyse(write_terms(tmp_path, _terms(deep)), mentions=True)
    assert [f.code for f in analysis.findings] == ["prose-too-complex"]
