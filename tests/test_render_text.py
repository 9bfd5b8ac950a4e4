"""Prose HTML into page Markdown: headings become Markdown headings that keep their inline
markup; everything else goes in as a raw HTML block."""

from __future__ import annotations

import pytest

from site_builder import prose
from site_builder.prose import to_html
from site_builder.render.text import prose_markdown


@pytest.mark.parametrize(
    ("text", "markdown"),
    [
        ("", ""),
        ("## Why **this** works", "### Why <strong>this</strong> works"),
        ("## The *soft* `max`", "### The <em>soft</em> <code>max</code>"),
        (
            "Text with **bold**.",
            '<div class="glossary-prose">\n<p>Text with <strong>bold</strong>.</p>\n</div>',
        ),
        (
            "One.\n\n- a\n- b\n\n## Next\n\nTwo.",
            '<div class="glossary-prose">\n<p>One.</p><ul>\n<li>a</li>\n<li>b</li>\n</ul>\n</div>'
            '\n\n### Next\n\n<div class="glossary-prose">\n<p>Two.</p>\n</div>',
        ),
    ],
)
def test_prose_becomes_page_markdown(text: str, markdown: str) -> None:
    assert prose_markdown(to_html(text, lambda _: None)) == markdown


def test_a_code_block_without_a_language_is_not_highlighted_by_a_guess() -> None:
    code = "#include <stdio.h>\nint main() { return 0; }"
    page_html = prose.to_html(f"```\n{code}\n```", lambda target: None)
    assert page_html == (
        '<div class="highlight"><pre><span></span><code>#include &lt;stdio.h&gt;\n'
        "int main() { return 0; }\n</code></pre></div>"
    )


def test_text_of_exactly_the_longest_prose_is_still_converted() -> None:
    longest = "*a* " + "b" * (prose.MAX_PROSE_CHARS - 4)
    page_html, events = prose.renderer().convert(longest, lambda target: None)
    assert not events.too_complex and page_html.startswith("<p><em>a</em> bbb")
    _, events = prose.renderer().convert(longest + "b", lambda target: None)
    assert events.too_complex
