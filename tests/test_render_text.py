"""Prose HTML into page Markdown: headings become Markdown headings that keep their inline
markup; everything else goes in as a raw HTML block."""

from __future__ import annotations

import pytest

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
