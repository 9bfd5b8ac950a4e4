"""Mentions: a term's title or alias in another term's prose, linked or not.

Where prose is text is the parser's decision: both the checker (`unlinked-mention`) and the
`autolink: first` option walk the sanitized HTML the page shows, and look for names only in
text outside code, pre, math, links and headings. Names are matched by one pattern compiled
once for the whole glossary (every title, alias and simple plural, as a trie, so the cost
grows with the text and hardly with the number of terms); on raw source it is only the cheap
pre-test that decides whether a field needs parsing at all.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from html import escape as html_escape
from typing import Any

import lxml.html

from site_builder.model import Glossary, TermId

# Names shorter than this (acronyms such as "RL") match only in their exact case.
SHORT_NAME = 3
# Elements whose text is never a mention: code, math, existing links and headings.
_SKIPPED_TAGS = frozenset({"code", "pre", "a", "h1", "h2", "h3", "h4", "h5", "h6"})
_MATH_CLASS = "arithmatex"
_SPACE_RE = re.compile(r"\s+")
_Trie = dict[str, "_Trie"]


@dataclass(frozen=True)
class Names:
    """Every title and alias of a glossary, compiled once: one pattern, and who owns a match."""

    pattern: re.Pattern[str] | None
    folded: Mapping[str, TermId]  # lowercased name or plural → term (names ≥ SHORT_NAME)
    exact: Mapping[str, TermId]  # short names and their plurals, exact case → term

    def owner(self, matched: str) -> TermId | None:
        text = _SPACE_RE.sub(" ", matched)
        return self.exact.get(text) or self.folded.get(text.lower())


@dataclass(frozen=True)
class Mention:
    """The first unlinked mention of `term` in one section: the words, and where they stand
    (`offset` in the HTML text segment `segment`)."""

    term: TermId
    text: str
    segment: str
    offset: int


def _variants(name: str, folded: bool) -> list[str]:
    """The name and its simple English plural: -es after s, x, z, ch and sh; -y after a
    consonant → -ies; else -s."""
    lower = name.lower()
    if lower.endswith(("s", "x", "z", "ch", "sh")):
        return [name, name + "es"]
    if folded and lower.endswith("y") and lower[-2:-1] not in ("", *"aeiou"):
        return [name, name[:-1] + "ies"]
    return [name, name + "s"]


def names_of(glossary: Glossary) -> Names:
    """The matcher of every title and alias; a name two terms share goes to the first id."""
    folded: dict[str, TermId] = {}
    exact: dict[str, TermId] = {}
    for term in glossary.terms.values():
        for raw in (term.title, *term.aliases):
            name = _SPACE_RE.sub(" ", raw).strip()
            if not name:
                continue
            if len(name) < SHORT_NAME:
                exact.setdefault(name, term.id)
            else:
                folded.setdefault(name.lower(), term.id)
    # Plurals never take a name that another term owns.
    for table, fold in ((folded, True), (exact, False)):
        for name, owner in list(table.items()):
            for variant in _variants(name, fold)[1:]:
                table.setdefault(variant, owner)
    if not folded and not exact:
        return Names(None, folded, exact)
    branches = [_trie_regex(folded)] if folded else []
    if exact:
        branches.append(f"(?-i:{_trie_regex(exact)})")
    pattern = re.compile(rf"(?<![\w-])(?:{'|'.join(branches)})(?![\w-])", re.IGNORECASE)
    return Names(pattern, folded, exact)


def _trie_regex(words: Iterable[str]) -> str:
    """One regex for many words, shaped as their trie: each position tries one branch per
    next character, not one per word; optional tails are greedy, so the longest name wins."""
    trie: _Trie = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}
    return _node_regex(trie)


def _node_regex(node: _Trie) -> str:
    branches = [
        (r"\s+" if char == " " else re.escape(char)) + _node_regex(child)
        for char, child in sorted(node.items())
        if char
    ]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if "" not in node:
        return body
    return f"(?:{body})?" if len(branches) > 1 or len(body) > 1 else f"{body}?"


def candidates(names: Names, text: str, own: TermId) -> set[TermId]:
    """The other terms whose names occur anywhere in `text` (source, not yet parsed): when
    this is empty, no section of it can mention a term, and the parse is skipped."""
    if names.pattern is None:
        return set()
    found = {names.owner(m.group()) for m in names.pattern.finditer(text)}
    return {t for t in found if t is not None and t != own}


def _segments(element: Any, skipped: bool) -> Iterator[tuple[Any, str, bool]]:
    """(element, "text" | "tail", skipped) for every text node, in document order."""
    classes = (element.get("class") or "").split()
    skip = skipped or element.tag in _SKIPPED_TAGS or _MATH_CLASS in classes
    if element.text:
        yield element, "text", skip
    for child in element:
        yield from _segments(child, skip)
        if child.tail:
            yield child, "tail", skip


def _fragment(html: str) -> Any:
    return lxml.html.fragment_fromstring(html, create_parent="div")


def _new_mentions(names: Names, text: str, seen: set[TermId]) -> list[tuple[re.Match[str], TermId]]:
    """The mentions in one text segment of terms not in `seen` (which they are added to)."""
    assert names.pattern is not None
    found = []
    for match in names.pattern.finditer(text):
        owner = names.owner(match.group())
        if owner is not None and owner not in seen:
            seen.add(owner)
            found.append((match, owner))
    return found


def unlinked(names: Names, html: str, own: TermId, linked: Iterable[str]) -> list[Mention]:
    """The first mention of each other term in one section's sanitized HTML that no link
    covers, in document order; terms in `linked` (linked elsewhere in it) are left out."""
    if names.pattern is None or not html:
        return []
    mentions = []
    seen: set[TermId] = {own, *(TermId(t) for t in linked)}
    for element, where, skip in _segments(_fragment(html), False):
        if skip:
            continue
        text = element.text if where == "text" else element.tail
        for match, owner in _new_mentions(names, text, seen):
            mentions.append(Mention(owner, match.group(), text, match.start()))
    return mentions


def locate(source: str, html: str, mentions: list[Mention]) -> list[int]:
    """Each mention's offset in the Markdown `source`, the way `prose` locates what the
    parser met: the text around it, searched for after the previous one (the parser keeps
    text in order; escapes and entities may differ, so the words alone are the fallback)."""
    offsets = []
    cursor = 0
    for mention in mentions:
        line_start = mention.segment.rfind("\n", 0, mention.offset) + 1
        context = mention.segment[line_start : mention.offset + len(mention.text)]
        before = r"(?<![\w-])" if line_start == mention.offset else ""
        in_context = re.compile(rf"{before}{re.escape(context)}(?![\w-])")
        word = re.compile(rf"(?<![\w-]){re.escape(mention.text)}(?![\w-])")
        if match := in_context.search(source, cursor):
            at = match.start() + mention.offset - line_start
        elif match := word.search(source, cursor) or word.search(source):
            at = match.start()
        else:
            at = cursor
        offsets.append(at)
        cursor = at + len(mention.text)
    return offsets


def autolink(
    names: Names,
    html: str,
    own: TermId,
    linked: Iterable[str],
    href: Callable[[TermId], str],
) -> tuple[str, list[TermId]]:
    """`html` with the first unlinked mention of each other term made a link to its page,
    and the terms linked so; code, math, headings and links are left as they are."""
    if names.pattern is None or not html:
        return html, []
    root = _fragment(html)
    added: list[TermId] = []
    seen: set[TermId] = {own, *(TermId(t) for t in linked)}
    for element, where, skip in list(_segments(root, False)):
        text = element.text if where == "text" else element.tail
        found = [] if skip else _new_mentions(names, text, seen)
        if not found:
            continue
        anchors = []
        for index, (match, owner) in enumerate(found):
            anchor = lxml.html.Element("a", href=href(owner))
            anchor.text = match.group()
            following = found[index + 1][0].start() if index + 1 < len(found) else len(text)
            anchor.tail = text[match.end() : following]
            anchors.append(anchor)
            added.append(owner)
        if where == "text":
            element.text = text[: found[0][0].start()]
            for position, anchor in enumerate(anchors):
                element.insert(position, anchor)
        else:
            element.tail = text[: found[0][0].start()]
            for anchor in reversed(anchors):
                element.addnext(anchor)
    if not added:
        return html, []
    inner = html_escape(root.text or "", quote=False) + "".join(
        lxml.html.tostring(child, encoding="unicode") for child in root
    )
    return inner, added
