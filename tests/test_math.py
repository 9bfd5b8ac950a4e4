"""Math as authors and GitHub write it renders; math that cannot is a finding at its place."""

from __future__ import annotations

from pathlib import Path

import lxml.html
import pytest

from site_builder import markup, prose
from site_builder.analysis import analyse
from tests.helpers import term, write_terms


def html(text: str) -> str:
    return prose.to_html(text, lambda _: None)


# Each renders every `$` as math: no `$` is left outside arithmatex output.
@pytest.mark.parametrize(
    "text",
    [
        "Text right above\n$$\nx^2\n$$\ntext right below",
        "Blank lines around\n\n$$\nx^2\n$$\n\nafter",
        "Plus and minus lines\n$$\na\n+ b\n- c\n$$",
        "A list item follows\n$$\n\\sum_i x_i\n$$\n- item",
        "Inline $x_i$, next to punctuation: ($a$), $b$; $c$.",
        "One-line display\n$$x^2$$\nthen text",
    ],
)
def test_math_written_as_authors_do_renders_as_math(text: str) -> None:
    out = html(text)
    outside = out
    for start in ('<span class="arithmatex">', '<div class="arithmatex">'):
        while start in outside:
            head, _, rest = outside.partition(start)
            outside = head + rest.split("</", 1)[1]
    assert "$" not in outside and "\\(" not in outside and "\\[" not in outside, out
    assert "<li>" not in out or "- item" in text


def block_scalar_term(expert: str) -> str:
    """A term file whose `expert` is a block scalar from line 4: text line n is file line
    n + 5, text column c is file column c + 3 (both 0-based in the text)."""
    body = "".join(f"  {line}\n" if line else "\n" for line in expert.split("\n"))
    return (
        "title: Alpha\nsummary: A.\neli5: Toy.\nexpert: |\n"
        + body
        + "sources:\n  - title: t\n    url: https://e.org\nrelated: [beta]\n"
    )


# (expert text, line and column of the finding in the text, both 0-based)
@pytest.mark.parametrize(
    ("expert", "line", "column"),
    [
        ("## H\n\nThe loss $L(\\theta) = \\sum_i x$, then $\\alpha never closes.", 2, 38),
        ("## H\n\nOpened\n\n$$\nx^2", 4, 0),
        ("## H\n\nInline $$ a $$ in text.", 2, 7),
        ("## H\n\nThe $\\alpha\tnever closes.", 2, 4),  # a tab, which Markdown expands
        ("## H\n\nSee $\\alpha \\* never closes.", 2, 4),  # an escape Markdown replaces
    ],
)
def test_math_that_cannot_render_is_reported_where_it_is(
    tmp_path: Path, expert: str, line: int, column: int
) -> None:
    write_terms(
        tmp_path, {"alpha": block_scalar_term(expert), "beta": term("Beta", related=["alpha"])}
    )
    found = [f for f in analyse(tmp_path / "terms").findings if f.code == "math-unbalanced"]
    assert [(f.file.rsplit("/", 1)[-1], f.line, f.column) for f in found] == [
        ("alpha.yaml", line + 5, column + 3)
    ]


@pytest.mark.parametrize(
    "expert",
    [
        "## H\n\nIt costs $5 or $6, in $USD.",
        "## H\n\n`$x_1` is code, and so is\n\n    $\\alpha",
        "## H\n\n$a_1$ and\n\n$$\n\\frac{a}{b}\n$$",
    ],
)
def test_money_code_and_closed_math_are_not_reported(tmp_path: Path, expert: str) -> None:
    write_terms(
        tmp_path,
        {
            "alpha": term("Alpha", expert=expert, related=["beta"]),
            "beta": term("Beta", related=["alpha"]),
        },
    )
    assert "math-unbalanced" not in {f.code for f in analyse(tmp_path / "terms").findings}


def test_an_escaped_dollar_inside_math_is_not_reported(tmp_path: Path) -> None:
    """`$\\$x_1$` is typeset math holding a dollar sign, not a `$` left open."""
    write_terms(
        tmp_path,
        {
            "alpha": term("Alpha", expert="## H\n\nThe price $\\$x_1$ in math.", related=["beta"]),
            "beta": term("Beta", related=["alpha"]),
        },
    )
    assert "math-unbalanced" not in {f.code for f in analyse(tmp_path / "terms").findings}


def test_math_that_cannot_render_is_quoted_up_to_its_line_end(tmp_path: Path) -> None:
    write_terms(
        tmp_path,
        {
            "alpha": block_scalar_term("## H\n\nThe $\\alpha never closes\nand the text goes on."),
            "beta": term("Beta", related=["alpha"]),
        },
    )
    found = [f for f in analyse(tmp_path / "terms").findings if f.code == "math-unbalanced"]
    assert [f.message for f in found] == [
        "math '$\\\\alpha never closes' in 'expert' does not close; the page shows it as TeX"
    ]


@pytest.mark.parametrize("quote", ["> Quoted", "  > Quoted"])
def test_display_math_on_a_quotes_lazy_line_stays_in_the_quote(quote: str) -> None:
    """As GitHub shows it: the quote's paragraph goes on (a lazy line), and the math in it
    is typeset inside the quote."""
    tree = lxml.html.fragment_fromstring(html(f"{quote}\n$$\nx^2\n$$"), create_parent="div")
    (block,) = tree
    assert block.tag == "blockquote"
    assert [(e.tag, e.get("class"), e.text_content()) for e in block] == [
        ("p", None, "Quoted"),
        ("div", "arithmatex", "\\[\nx^2\n\\]"),
    ]


@pytest.mark.parametrize(
    ("text", "found"),
    [
        # with a tab Markdown expanded
        ("a $\\alpha\tb *c $\\beta d*", [("$\\beta d", 15), ("$\\alpha   b ", 2)]),
        # not at the same text in code further on
        ("$\\alpha b *c $\\beta d* `$\\alpha\tb `", [("$\\beta d", 13), ("$\\alpha b ", 0)]),
    ],
)
def test_unclosed_math_is_located_as_written(text: str, found: list[tuple[str, int]]) -> None:
    """The math in emphasis is met first, the math before it second: each is found where it
    is."""
    assert [(math.text, math.offset) for math in markup.math_left(text)] == found


# Display math next to what could stop it being a block of its own, or make it code.
DISPLAY_NEIGHBOURS = [
    "Intro.\n\n$$\nL = \\sum_i \\ell(x_i)\n$$\n\nAfter.",
    "$$\nx^2\n$$\n",
    "Intro $\\alpha.\n\n$$\nx\n$$",
    "Intro.\n$$\nx\n$$\n\nAfter.",
    "$$\nx\n$$\nAfter $\\beta",
    "$$\nx\n\ny\n$$",
    "$$\nx\n---\n$$",
    "$$\n- x\n$$",
    "$$\n# x\n$$",
    "$$\n| a | b |\n|---|---|\n$$",
    "```\n$$\nx\n$$\n```\n\n$$\ny\n$$",
    "~~~\n$$\n~~~\n\n$$\ny\n$$",
    # A fence that closes inside what looks like a plain block leaves its closing `$$` alone.
    "~~~\nstart\n\n$$\nx\n~~~\n$$\n",
    "```\n\n$$\nx\n```\n$$",
    "- item\n\n    $$\n    x\n    $$",
    "> q\n\n$$\nx\n$$",
    "> q\n$$\nx\n$$",
    "$$\n$$\nx\n$$",
    "    $$\n    x\n    $$\n\n$$\ny\n$$",
    "$$\n  x\n$$\n\n`$\\gamma`",
    "$$\nx\n$$ \n\n$$\ny\n$$",
    "Text\n\n$$\nx\n$$\n\n$$\ny\n$$\n\n$$",
]


@pytest.mark.parametrize("text", DISPLAY_NEIGHBOURS)
def test_skipping_the_parse_for_plain_display_math_finds_what_the_parse_finds(text: str) -> None:
    """`math_left` skips the parse when all its `$` are in plain display blocks; whatever it
    skips, the parse would have found nothing there."""
    assert markup.math_left(text) == list(prose.scan(text).math_left)


def test_plain_display_math_is_what_lets_the_check_skip_the_parse() -> None:
    plain = "Intro.\n\n$$\nL = \\sum_i x_i\n$$\n\nAfter.\n\n$$\ny\n$$"
    assert "$" not in markup._without_plain_display_math(plain)
    for kept in ("```\n```\n\n" + plain, "Intro.\n$$\nx\n$$", "$$\nx $\n$$", "$$\n\n$$"):
        assert "$" in markup._without_plain_display_math(kept), kept


@pytest.mark.parametrize(
    ("text", "paragraphs"),
    [
        # Display math opens only at the start of a line, as the math extension reads it.
        ("Text\n  $$\nx^2\n  $$\nafter", ["Text\n  $$\nx^2\n  $$\nafter"]),
        # A line that opens and closes math ends it there, even with nothing between.
        ("Text\n$$$$\nafter", ["Text", "$$$$", "after"]),
        ("Text\n\\[\\]\nafter", ["Text", "[]", "after"]),
    ],
)
def test_display_math_lines_end_the_paragraph_above(text: str, paragraphs: list[str]) -> None:
    tree = lxml.html.fragment_fromstring(html(text), create_parent="div")
    assert [p.text_content() for p in tree.iter("p")] == paragraphs
