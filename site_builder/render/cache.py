"""Rendering kept between builds, so that a rebuild redoes only what its input changed.

Prose is keyed by the Markdown and by what each `[[id]]` candidate in it resolves to (href and
title), so a cached page fragment is exactly what a fresh conversion would give: a renamed or
deleted term changes the key of every text that links it. Whole pages are kept by everything
they show (`memo`), and each term's record in terms.json by the term.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Hashable
from typing import TypeVar

from site_builder import prose
from site_builder.model import Term, TermId
from site_builder.render.exports import term_record_json
from site_builder.render.text import prose_markdown

T = TypeVar("T")

Link = Callable[[str], tuple[str, str] | None]
_Key = tuple[str, tuple[tuple[str, tuple[str, str] | None], ...]]
_CANDIDATE_RE = re.compile(prose.WIKILINK_RE)


def _answers(text: str, link: Link) -> tuple[tuple[str, tuple[str, str] | None], ...]:
    if "[[" not in text:
        return ()
    targets = dict.fromkeys(m.group(1).strip() for m in _CANDIDATE_RE.finditer(text))
    return tuple((target, link(target)) for target in targets)


class RenderCache:
    """Page Markdown of term prose by (text, link answers); `sweep` drops what the last build
    did not use, so an edited text does not stay in memory. Pages and records: the last one
    of each name."""

    def __init__(self) -> None:
        self._entries: dict[_Key, str] = {}
        self._used: set[_Key] = set()
        self._memo: dict[str, tuple[Hashable, object]] = {}
        self._records: dict[TermId, tuple[Term, bool, str]] = {}
        self.hits = self.misses = 0

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

    def page_markdown(self, text: str, link: Link) -> str:
        """`prose_markdown(prose.to_html(text, link))`, converted at most once per key."""
        answers = _answers(text, link)
        key = (text, answers)
        self._used.add(key)
        found = self._entries.get(key)
        if found is not None:
            self.hits += 1
            return found
        self.misses += 1
        consulted: set[str] = set()

        def recording(target: str) -> tuple[str, str] | None:
            consulted.add(target)
            return link(target)

        result = prose_markdown(prose.to_html(text, recording))
        # The parser only asks about candidates the pattern finds; if it ever asked about
        # another, the key would not cover the answer, so the result is not kept.
        if consulted <= {target for target, _ in answers}:
            self._entries[key] = result
        return result

    def sweep(self) -> None:
        """Forget entries the builds since the last sweep did not ask for."""
        self._entries = {k: v for k, v in self._entries.items() if k in self._used}
        self._used = set()

    def __len__(self) -> int:
        return len(self._entries)
