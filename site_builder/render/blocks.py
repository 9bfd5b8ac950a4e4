"""Finished HTML kept out of mkdocs' Markdown pass.

A term page is mostly HTML the plugin has already made and made safe: the summary, the prose
between headings, the concept graph. In a page's Markdown every such block costs a second
parse (Python-Markdown reads raw HTML with `html.parser` to find where the block ends), about
a tenth of a full build, only to copy it to the output unchanged. So the plugin's pages carry
a one-line marker for each block, an HTML comment naming the block by its content hash, and the
page's HTML gets the block back after Markdown (`fill`). Markdown keeps a comment on its own
line as it is, just as it keeps the block, so the page is byte for byte what the inline
block would give. The plugin's pages also give their learning path and lists of terms as
blocks, written as the HTML Markdown and mkdocs make of the Markdown lists that `glossary
render` writes (which other engines read): another tenth of a build. tests/test_html_blocks.py
builds every page both ways.

A block that stands for what Markdown itself would make (a list, a paragraph: `tight`) is
followed by one newline in Markdown's output, where a raw HTML block is followed by two; so
`fill` drops the newline after its marker.

Nothing from a term file can make a marker: its text reaches the page escaped or sanitized
(comments removed), and a marker whose hash names no block is left as the comment it is.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable

_MARKER = "<!-- glossary-html {} -->"
_MARKER_RE = re.compile(r"<!-- glossary-html ([0-9a-f]{32}) -->(\n?)")


class HtmlBlocks:
    """Blocks by content hash, for one build or one `mkdocs serve` session."""

    def __init__(self) -> None:
        self._blocks: dict[str, tuple[str, bool]] = {}  # key → (html, tight)
        self._kept = 0  # how many there were at the last `retain`

    def mark(self, html: str, tight: bool = False) -> str:
        """The marker that stands for `html` in page Markdown; `tight` when `html` is what
        Markdown would make of Markdown (see above)."""
        data = ("t" if tight else "h") + html
        key = hashlib.blake2b(data.encode("utf-8"), digest_size=16).hexdigest()
        self._blocks[key] = (html, tight)
        return _MARKER.format(key)

    def fill(self, page_html: str) -> str:
        """`page_html` with every marker replaced by its block."""
        if "<!-- glossary-html " not in page_html:
            return page_html

        def block(marker: re.Match[str]) -> str:
            found = self._blocks.get(marker[1])
            if found is None:
                return marker[0]
            html, tight = found
            return html if tight else html + marker[2]

        return _MARKER_RE.sub(block, page_html)

    def retain(self, pages: Iterable[str]) -> None:
        """Forget the blocks none of `pages` (page Markdown) marks: an edited text's old blocks.
        Run only once the store has grown by a quarter since the last time, as it costs a
        read of every page."""
        if len(self._blocks) < 1.25 * self._kept:
            return
        wanted = {key for page in pages for key, _ in _MARKER_RE.findall(page)}
        self._blocks = {k: v for k, v in self._blocks.items() if k in wanted}
        self._kept = len(self._blocks)

    def __len__(self) -> int:
        return len(self._blocks)
