"""Inline patterns skipped on text that lacks what they need (`prose._NEEDED`) change nothing:
every real term and any text made of Markdown's busy characters converts exactly as it does
with every pattern run everywhere."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from site_builder import prose
from site_builder.analysis import analyse
from site_builder.checks import TEXT_FIELDS

ROOT = Path(__file__).resolve().parent.parent


def _link(target: str) -> tuple[str, str] | None:
    return (f"../{target}/", target.title()) if target in {"a", "mdp", "x-y"} else None


@pytest.fixture(scope="module")
def renderers() -> tuple[prose.Renderer, prose.Renderer]:
    """Ours, and one whose patterns run on every text (the filter taken off again)."""
    everywhere = prose.Renderer()
    patterns = everywhere.md.inlinePatterns
    unwrapped = 0
    for pattern in patterns:
        regex = pattern.compiled_re
        if isinstance(regex, prose._Needs):
            pattern.compiled_re = regex.regex
            unwrapped += 1
    assert unwrapped == len(prose._NEEDED)  # every pattern named there exists and was wrapped
    return prose.Renderer(), everywhere


def test_every_term_of_the_glossary_converts_the_same(
    renderers: tuple[prose.Renderer, prose.Renderer],
) -> None:
    ours, everywhere = renderers
    glossary = analyse(ROOT / "terms").glossary
    texts = [getattr(t, f) for t in glossary.terms.values() for f in ("summary", *TEXT_FIELDS)]
    assert len(texts) > 1000
    for text in texts:
        assert ours.convert(text, _link)[0] == everywhere.convert(text, _link)[0], text


_PIECES = st.sampled_from(
    ["$", "$$", "\\", "\\(", "\\)", "`", "``", "[", "]", "[[", "]]", "(", ")", "!", "<", ">",
     "&", ";", "#", "*", "**", "_", "__", "  \n", "\n", "\n\n", " ", "a", "mdp", "x-y", "|",
     "http://e.org", "@", ":", "-", "1.", "&amp;", "&#x41;", "=", '"']
)  # fmt: skip


@settings(
    max_examples=400,
    derandomize=True,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(st.lists(_PIECES, max_size=40).map("".join))
# One text for each pattern of `prose._NEEDED`, so that each needle is tried every run.
@example("a `x` b")
@example("the $x$ and \\(y\\)")
@example("\\*not em\\*")
@example("see [[mdp]] and [[x-y|that]]")
@example("[a][r] and [r]\n\n[r]: http://e.org")
@example("[a](http://e.org) and ![i](http://e.org/i.png)")
@example("![i][r] and ![r]\n\n[r]: http://e.org/i.png")
@example("<http://e.org> and <a@e.org> and <b>")
@example("one  \ntwo")
@example("a &amp; b &#x41; c")
@example("*a* **b** _c_ __d__")
def test_any_text_of_busy_characters_converts_the_same(
    renderers: tuple[prose.Renderer, prose.Renderer], text: str
) -> None:
    ours, everywhere = renderers
    assert ours.convert(text, _link) == everywhere.convert(text, _link)


def test_every_pattern_named_in_needed_runs_only_on_text_with_its_needles() -> None:
    patterns = prose.Renderer().md.inlinePatterns
    for name, needles in prose._NEEDED.items():
        regex = patterns[name].compiled_re
        assert isinstance(regex, prose._Needs) and regex.needles == needles, name


def test_a_short_image_reference_is_shown_as_its_alt_text() -> None:
    text = "See ![diagram] here.\n\n[diagram]: https://example.org/d.png"
    assert prose.to_html(text, _link) == "<p>See <span>diagram</span> here.</p>"
