"""The checker's view of prose (`site_builder.markup`): what the page will show, found where
the author wrote it, and text too complex for the parser."""

from __future__ import annotations

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from site_builder import markup


def test_markup_exports_every_name_it_lists() -> None:
    """`from site_builder.markup import *` (the checker's view of prose) gives each name."""
    namespace: dict[str, object] = {}
    exec("from site_builder.markup import *", namespace)
    assert sorted(set(namespace) - {"__builtins__"}) == sorted(markup.__all__)


@pytest.mark.parametrize(
    ("text", "offsets"),
    [
        ("a <b\tx> and <i>", [2, 12]),  # a tab, which Markdown expands
        ('a <i title="\\*"> and <b>', [2, 21]),  # an escape, which Markdown replaces
        ("`<b\t` then <b\ty>", [11]),  # not the one in code
        ("a <b\tonclick=f(1)>", [2]),
        ("<i> and <i> and <i>", [0, 8, 16]),  # each its own
        ("> a <span\n> class=x> b", [4]),  # its first line: the quote's `>` is gone
    ],
)
def test_raw_html_is_located_as_written(text: str, offsets: list[int]) -> None:
    assert [tag.offset for tag in markup.raw_html(text)] == offsets


@pytest.mark.parametrize(
    ("text", "offsets"),
    [
        ("[b]() and more", [0]),
        ("x [a](javascript:x) [c](javascript:y) [b]()", [6, 24, 24]),
    ],
)
def test_a_link_with_no_target_is_reported_where_the_one_before_it_is(
    text: str, offsets: list[int]
) -> None:
    """An empty target cannot be searched for: the field's start, or the unsafe link before
    it, is the nearest place known before it."""
    assert [link.offset for link in markup.unsafe_links(text)] == offsets


@pytest.mark.parametrize(
    ("text", "offset", "place"),
    [("ab", 1, (0, 1)), ("\nab", 2, (1, 1)), ("a\n\nb", 3, (2, 0)), ("\n", 1, (1, 0))],
)
def test_a_place_in_text_is_its_line_and_column(
    text: str, offset: int, place: tuple[int, int]
) -> None:
    """What a finding inside prose reports its line:column from (a first empty line counts)."""
    assert markup.line_col(text, offset) == place


def test_prose_of_up_to_64000_characters_is_rendered() -> None:
    """The limit docs/contributing.md gives: 64,000 characters are Markdown, one more is text."""
    assert not markup.too_complex("a" * 64_000)
    assert markup.too_complex("a" * 64_001)


def test_a_long_line_prefix_that_nests_nothing_is_still_markdown() -> None:
    """A line may start with hundreds of the characters that open nested blocks without
    nesting them (a long number, spaces of indented code): the parse, not the prefix, says
    whether the text is too complex."""
    for text in ("x\n" + "1" * 300 + " is a number", "x\n\n" + " " * 300 + "code"):
        assert not markup.too_complex(text)
    assert markup.too_complex("x\n\n" + "- " * 5_000 + "deep")  # past any recursion limit


def test_an_unsafe_link_is_found_in_text_that_has_every_link_trigger() -> None:
    text = "<b>bold</b> [x](javascript:alert(1)) and [r]\n\n[r]: ftp://example.org"
    assert [spot.text for spot in markup.unsafe_links(text)] == [
        "javascript:alert(1)",
        "ftp://example.org",
    ]


@pytest.mark.parametrize(
    ("text", "target"),
    [
        ("See [x](ftp://example.org/a) now.", "ftp://example.org/a"),  # an inline link
        ("See [x].\n\n[x]: ftp://example.org/b", "ftp://example.org/b"),  # a reference
        ("See <ftp://example.org/c> now.", "ftp://example.org/c"),  # an autolink
    ],
)
def test_an_unsafe_link_is_found_by_each_kind_of_link_alone(text: str, target: str) -> None:
    assert [spot.text for spot in markup.unsafe_links(text)] == [target]


def test_nesting_too_deep_on_the_first_line_is_too_complex() -> None:
    assert markup.too_complex("- " * 5_000 + "deep")  # past any recursion limit a test sets
    assert not markup.too_complex("- " * 20 + "shallow")
    # Past the prefix that needs a look (200 characters), but the parser still copes.
    assert not markup.too_complex("- " * 150 + "deep")
    assert not markup.too_complex("> " * 150 + "deep")


@given(
    st.text(alphabet="[]()<`~$ab\n", max_size=30),
    st.text(alphabet="[]()<`~$ab", min_size=1, max_size=3),
)
@example("ab", "[[")  # the first character absent: the quick answer
@example("a[b[", "[[")  # the first character present, the needle not
@example("a[[b", "[[")
@example("[[b", "[[")  # at the very start
@example("[a[[", "[[")  # right after a first character that was not it
@example("[a" * 8 + "[[", "[[")  # found after the places looked at one by one
@example("[a" * 9, "[[")
def test_holds_answers_as_in_does(text: str, needle: str) -> None:
    assert markup._holds(text, needle) is (needle in text)
