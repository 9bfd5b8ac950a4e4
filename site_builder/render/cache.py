"""Rendering kept between builds, so that a rebuild redoes only what its input changed.

Term sections (prose as HTML) are kept by the Markdown and by what each `[[id]]` candidate in
it resolves to (see `sections.all_sections`), so a cached fragment is exactly what a fresh
conversion would give: a renamed or deleted term changes the key of every text that links it.
Page Markdown is kept by the HTML it is made from, whole pages by everything they show
(`memo`), and each term's record in terms.json by the term.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import TypeVar

from site_builder.model import Term, TermId
from site_builder.render.blocks import HtmlBlocks
from site_builder.render.exports import term_record_json
from site_builder.render.text import prose_markdown

T = TypeVar("T")


class RenderCache:
    """Page Markdown of term prose by its HTML; `sweep` drops what the last build did not use,
    so an edited text does not stay in memory. Pages, sections and records: the last one of
    each name. With `blocks`, the HTML in page Markdown is a marker for a block kept there
    (`render.blocks`)."""

    def __init__(self, blocks: HtmlBlocks | None = None) -> None:
        self.blocks = blocks
        self._entries: dict[str, str] = {}
        self._used: set[str] = set()
        self._memo: dict[str, tuple[Hashable, object]] = {}
        self._records: dict[TermId, tuple[Term, bool, str]] = {}

    def memo(self, name: str, key: Hashable, make: Callable[[], T]) -> T:
        """`make()`, or what it gave last time for `name` if `key` is equal."""
        found = self._memo.get(name)
        if found is not None and found[0] == key:
            return found[1]  # type: ignore[return-value]
        value = make()
        self._memo[name] = (key, value)
        return value

    def term_json(self, term: Term, directory_urls: bool) -> str:
        """`term_record_json`, made again only when the term changed."""
        found = self._records.get(term.id)
        if found is not None and found[0] == term and found[1] == directory_urls:
            return found[2]
        text = term_record_json(term, directory_urls)
        self._records[term.id] = (term, directory_urls, text)
        return text

    def page_text(self, text: str, html: str) -> str:
        """`prose_markdown(html)` for the page, converted at most once per HTML (`text`, the
        Markdown it came from, is for subclasses that want the source instead)."""
        self._used.add(html)
        found = self._entries.get(html)
        if found is not None:
            return found
        mark = self.blocks.mark if self.blocks is not None else None
        result = self._entries[html] = prose_markdown(html, block=mark)
        return result

    def sweep(self) -> None:
        """Forget entries the builds since the last sweep did not ask for."""
        self._entries = {k: v for k, v in self._entries.items() if k in self._used}
        self._used = set()

    def __len__(self) -> int:
        return len(self._entries)
