"""Mentions: a term's title or alias in another term's prose, linked or not.

Where prose is text is the parser's decision: both the checker (`unlinked-mention`) and the
`autolink: first` option walk the sanitized HTML the page shows, and look for names only in
text outside code, pre, math, links and headings. Names and text are read as the same tokens
(runs of word characters and hyphens, runs of whitespace, single other characters), so a name
is found by looking up the tokens that start at a place in tables built once for the glossary:
nothing is compiled per glossary, and a text none of whose tokens starts a name costs one
tokenizing pass. On raw source this is only the cheap pre-test that decides whether a field
needs parsing at all.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import cached_property
from html import escape as html_escape
from itertools import filterfalse, islice
from typing import TYPE_CHECKING, Any, NamedTuple

from site_builder.lazy import lazy
from site_builder.model import Glossary, TermId

# lxml's HTML module takes a hundredth of a second to import; only a section that may mention
# a term is parsed, so a check of a glossary without mentions never needs it.
if TYPE_CHECKING:
    import lxml.html as lxml_html
else:
    lxml_html = lazy("lxml.html")

# Names shorter than this (acronyms such as "RL") match only in their exact case.
SHORT_NAME = 3
# Elements whose text is never a mention: code, math, existing links and headings.
_SKIPPED_TAGS = frozenset({"code", "pre", "a", "h1", "h2", "h3", "h4", "h5", "h6"})
_MATH_CLASS = "arithmatex"
# A name never starts or ends inside a run of word characters and hyphens: "loss" is not
# found in "glossary" or "loss-free". Whitespace in a name matches any run of whitespace.
_TOKEN_RE = re.compile(r"[\w-]+|\s+|[^\w\s-]")
_WORDISH_RE = re.compile(r"[\w-]")
_WORDS_RE = re.compile(r"[\w-]+")
# Words between single spaces: a name whose tokens are its words and spaces.
_WORDS_AND_SPACES_RE = re.compile(r"[\w-]+(?: [\w-]+)*")
# Each byte that is an ASCII word character or hyphen as itself, any other as a space.
_ASCII_WORD_BYTES = bytes(b if _WORDISH_RE.match(chr(b)) and b < 128 else 32 for b in range(256))


def _fold(text: str) -> str:
    """Lowercase, one character for one, so that offsets in it are offsets in `text`: U+0130
    (İ), the one character whose lowercase is two, becomes i. Folding keeps every character
    a word character, a space or neither, as it was (tests/test_mentions.py checks it)."""
    return text.replace("\u0130", "i").lower()


def _key_part(token: str) -> str:
    return " " if token[0].isspace() else token


@dataclass(frozen=True)
class _Table:
    """Names by key, and for each token that starts a name the most tokens such a name has
    (where the longest-first search at a place begins); `starts_folded`: those first tokens
    folded, to pre-test a text's folded tokens."""

    names: Mapping[str, TermId]
    longest: Mapping[str, int]
    starts_folded: frozenset[str]

    @classmethod
    def of(cls, names: Mapping[str, TermId]) -> _Table:
        keyed: dict[str, TermId] = {}
        longest: dict[str, int] = {}
        for name, owner in names.items():
            if _WORDS_AND_SPACES_RE.fullmatch(name):  # most names: their tokens are plain
                key, first, count = name, name.partition(" ")[0], 2 * name.count(" ") + 1
            else:
                tokens = _TOKEN_RE.findall(name)
                # Its tokens as one key, each run of whitespace a space (none at its ends).
                key, first, count = " ".join(name.split()), tokens[0], len(tokens)
            keyed.setdefault(key, owner)
            if count > longest.get(first, 0):
                longest[first] = count
        return cls(keyed, longest, frozenset(map(_fold, longest)))

    def longest_at(self, text: str, at: int) -> tuple[int, TermId] | None:
        """(end, owner) of the longest name that starts at offset `at` of `text` and ends where
        a name may end (not right before a word character or hyphen), or None."""
        tokens = _TOKEN_RE.finditer(text, at)
        first = next(tokens)
        most = self.longest.get(first.group(), 0)
        if not most:
            return None
        # The keys of the first one, two, … tokens, each made from the one before.
        keys: list[tuple[str, int]] = []
        key = ""
        for token in (first, *islice(tokens, most - 1)):
            key += _key_part(token.group())
            keys.append((key, token.end()))
        for key, end in reversed(keys):
            owner = self.names.get(key)
            if owner is not None and not _WORDISH_RE.match(text, end):
                return end, owner
        return None


@dataclass(frozen=True)
class Match:
    """A name found in a text: where it stands, its words as written, and the term it names."""

    start: int
    end: int
    text: str
    owner: TermId


@dataclass(frozen=True)
class Names:
    """Every title and alias of a glossary with its simple plural, in two tables: names of
    SHORT_NAME characters or more match in any case (`folded`, keys folded), shorter ones
    in their exact case."""

    folded: _Table
    exact: _Table

    @cached_property
    def starts(self) -> _Starts:
        """Every token a name starts with, folded."""
        every = self.folded.starts_folded | self.exact.starts_folded
        marks = frozenset(token for token in every if not _WORDISH_RE.match(token))
        words = every - marks
        ascii_words = frozenset(word.encode("ascii") for word in words if word.isascii())
        return _Starts(words, marks, ascii_words)

    def __bool__(self) -> bool:
        return bool(self.folded.names or self.exact.names)

    def finditer(self, text: str) -> Iterator[Match]:
        """Each name in `text`, left to right, the longest at each place; where a name in any
        case and a short one in its exact case both start, the former."""
        # Folding keeps lengths and character kinds: the same tokens, at the same offsets.
        folded = _fold(text)
        starts = _starts_in(folded, self.starts)
        places = {at: token for token in starts for at in _places(folded, token)}
        end = 0
        for at in sorted(places):
            if at < end:
                continue
            token = places[at]
            found = None
            if token in self.folded.starts_folded:
                found = self.folded.longest_at(folded, at)
            if found is None and token in self.exact.starts_folded:
                found = self.exact.longest_at(text, at)
            if found is not None:
                end, owner = found
                words = text[at:end]
                yield Match(at, end, words, self._owner(words, owner))

    def _owner(self, words: str, found: TermId) -> TermId:
        """A short name written in its exact case is its own term's, even where a longer name
        in any case has the same letters. (No short name holds whitespace.)"""
        return self.exact.names.get(words, found)


@dataclass(frozen=True)
class Mention:
    """The first unlinked mention of `term` in one section: the words, and where they stand
    (`offset` in the HTML text segment `segment`)."""

    term: TermId
    text: str
    segment: str
    offset: int


class _Starts(NamedTuple):
    """The tokens names start with: words, the single characters that are neither word
    characters nor whitespace (".NET" starts with "."), and the ASCII words as bytes."""

    words: frozenset[str]
    marks: frozenset[str]
    ascii_words: frozenset[bytes]


def _starts_in(text: str, starts: _Starts) -> set[str]:
    """The tokens of `text` among `starts`, cheaply. In ASCII text (most prose) a word is a
    run of the bytes [A-Za-z0-9_-]: every other byte becomes a space and splitting gives the
    words. Elsewhere most runs between spaces are one word, and only the others are split
    into words. A character that is neither a word character nor whitespace is a token
    wherever it stands."""
    if text.isascii():
        words = text.encode("ascii").translate(_ASCII_WORD_BYTES).split()
        found = {word.decode("ascii") for word in starts.ascii_words.intersection(words)}
    else:
        runs = text.split()
        found = set(starts.words.intersection(runs))
        if odd := " ".join(filterfalse(str.isalnum, runs)):
            found.update(starts.words.intersection(_WORDS_RE.findall(odd)))
    found.update(mark for mark in starts.marks if mark in text)
    return found


def _places(text: str, token: str) -> Iterator[int]:
    """Where `token` stands in `text` as a token a name may start with: not right after a word
    character or hyphen, nor (a word) right before one."""
    return _standing(text, token, clear_after=bool(_WORDISH_RE.match(token)))


def _standing(
    text: str, words: str, start: int = 0, clear_before: bool = True, clear_after: bool = True
) -> Iterator[int]:
    """Each offset from `start` where `words` stand in `text` with no word character or hyphen
    right before them (if `clear_before`) nor right after them (if `clear_after`)."""
    at = text.find(words, start)
    while at >= 0:
        touches_before = clear_before and at > 0 and _WORDISH_RE.match(text, at - 1)
        touches_after = clear_after and _WORDISH_RE.match(text, at + len(words))
        if not touches_before and not touches_after:
            yield at
        at = text.find(words, at + 1)


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
    """The tables of every title and alias; a name two terms share goes to the first id."""
    folded: dict[str, TermId] = {}
    exact: dict[str, TermId] = {}
    for term in glossary.terms.values():
        for raw in (term.title, *term.aliases):
            name = raw.strip()  # whitespace inside is the tokens' business
            if not name:
                continue
            if len(name) < SHORT_NAME:
                exact.setdefault(name, term.id)
            else:
                folded.setdefault(_fold(name), term.id)
    # Plurals never take a name that another term owns.
    for table, fold in ((folded, True), (exact, False)):
        for name, owner in list(table.items()):
            for variant in _variants(name, fold)[1:]:
                table.setdefault(variant, owner)
    return Names(_Table.of(folded), _Table.of(exact))


def candidates(names: Names, text: str, own: TermId) -> set[TermId]:
    """The other terms whose names occur anywhere in `text` (source, not yet parsed): when
    this is empty, no section of it can mention a term, and the parse is skipped."""
    return {match.owner for match in names.finditer(text)} - {own}


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
    return lxml_html.fragment_fromstring(html, create_parent="div")


def _new_mentions(names: Names, text: str, seen: set[TermId]) -> list[Match]:
    """The mentions in one text segment of terms not in `seen` (which they are added to)."""
    found = []
    for match in names.finditer(text):
        if match.owner not in seen:
            seen.add(match.owner)
            found.append(match)
    return found


def unlinked(names: Names, html: str, own: TermId, linked: Iterable[str]) -> list[Mention]:
    """The first mention of each other term in one section's sanitized HTML that no link
    covers, in document order; terms in `linked` (linked elsewhere in it) are left out."""
    if not names or not html:
        return []
    mentions = []
    seen: set[TermId] = {own, *(TermId(t) for t in linked)}
    for element, where, skip in _segments(_fragment(html), False):
        if skip:
            continue
        text = element.text if where == "text" else element.tail
        for match in _new_mentions(names, text, seen):
            mentions.append(Mention(match.owner, match.text, text, match.start))
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
        clear_before = line_start == mention.offset
        if (found := _find_words(source, context, cursor, clear_before)) >= 0:
            at = found + mention.offset - line_start
        elif (found := _find_words(source, mention.text, cursor)) >= 0:
            at = found
        else:
            found = _find_words(source, mention.text, 0)
            at = found if found >= 0 else cursor
        offsets.append(at)
        cursor = at + len(mention.text)
    return offsets


def _find_words(text: str, words: str, start: int, clear_before: bool = True) -> int:
    """The first offset from `start` where `words` stand in `text` with no word character or
    hyphen right after them (nor, if `clear_before`, right before them); -1 if nowhere."""
    return next(_standing(text, words, start, clear_before), -1)


def autolink(
    names: Names,
    html: str,
    own: TermId,
    linked: Iterable[str],
    href: Callable[[TermId], str],
) -> tuple[str, list[TermId]]:
    """`html` with the first unlinked mention of each other term made a link to its page,
    and the terms linked so; code, math, headings and links are left as they are."""
    if not names or not html:
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
        for index, match in enumerate(found):
            anchor = lxml_html.Element("a", href=href(match.owner))
            anchor.text = match.text
            following = found[index + 1].start if index + 1 < len(found) else len(text)
            anchor.tail = text[match.end : following]
            anchors.append(anchor)
            added.append(match.owner)
        if where == "text":
            element.text = text[: found[0].start]
            for position, anchor in enumerate(anchors):
                element.insert(position, anchor)
        else:
            element.tail = text[: found[0].start]
            for anchor in reversed(anchors):
                element.addnext(anchor)
    if not added:
        return html, []
    inner = html_escape(root.text or "", quote=False) + "".join(
        lxml_html.tostring(child, encoding="unicode") for child in root
    )
    return inner, added
