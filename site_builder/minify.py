"""`glossary-minify`: minified HTML output, a plugin of its own.

Separate from `glossary` so that a plain build of `glossary render` output, which keeps every
other plugin, produces the same bytes. minify-html keeps <pre> content (Mermaid sources)
intact and is deterministic.
"""

from __future__ import annotations

from typing import Any

import minify_html
from mkdocs.plugins import BasePlugin


class MinifyPlugin(BasePlugin):  # type: ignore[type-arg,no-untyped-call]
    """Shrinks every page's HTML by about a sixth (whitespace, optional quotes, inline CSS)."""

    def on_post_page(self, output: str, /, **kwargs: Any) -> str:
        return minify_html.minify(
            output,
            keep_closing_tags=True,
            keep_html_and_head_opening_tags=True,
            minify_css=True,
            minify_js=False,  # Material's inline scripts are small; not worth the risk
        )
