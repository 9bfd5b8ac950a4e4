"""What the checker needs from term prose: `[[links]]`, raw HTML and unsafe links, located.

Every answer comes from `prose.scan`, the very conversion the pages use, so the checker reports
exactly what the site links or neutralises. Text without the characters a construct needs
cannot contain it, so such text skips the parse; that is most text, and most of the cost.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

from site_builder import prose
from site_builder.prose import Spot, WikiLink

# Candidates only: the parser decides which of them are links.
_CANDIDATE_RE = re.compile(prose.WIKILINK_RE)
# Only nested blocks (quotes, lists) make the block parser recurse deeply, and each level of
# them takes at least one character of the line where it starts: quote and list markers and
# indentation. The parser gives up near 500 levels (`- ` repeated: 990 characters); a text
# whose lines all start with fewer such characters than NESTING_SAFE_PREFIX cannot get there.
NESTING_SAFE_PREFIX = 200
# Searched in "\n" + text: a line start as the line break before it, which the regex engine
# finds fast (a MULTILINE ^ is tried at every character: 6x slower).
_LONG_LINE_PREFIX_RE = re.compile(rf"\n[ \t>*+\-\d.)]{{{NESTING_SAFE_PREFIX}}}")

__all__ = [
    "Spot",
    "WikiLink",
    "line_col",
    "linked_ids",
    "math_left",
    "raw_html",
    "section_html",
    "too_complex",
    "unsafe_links",
    "wikilinks",
]


# Places of a needle's first character `_holds` looks at before it leaves the rest to `in`.
_HOLDS_PLACES = 8


def _holds(text: str, needle: str) -> bool:
    """`needle in text`, quickly where its first character is rare: CPython finds one
    character with memchr, many times as fast as it finds two or more (a text with no `[`,
    or whose only `]` close a wikilink, is told apart from a link in a fraction of the time)."""
    first = needle[0]
    at = text.find(first)
    for _ in range(_HOLDS_PLACES):
        if at < 0:
            return False
        if text.startswith(needle, at):
            return True
        at = text.find(first, at + 1)
    return needle in text


@lru_cache(maxsize=1024)  # the three questions below are asked of the same field in turn
def _scan(text: str) -> prose.Scan:
    return prose.scan(text)


@lru_cache(maxsize=1024)
def _links(text: str) -> tuple[WikiLink, ...]:
    return prose.wikilinks_of(text)


def wikilinks(text: str, needs_judging: Callable[[str], bool]) -> list[WikiLink]:
    """Every `[[id]]` or `[[id|label]]` the page turns into a link (not those in code or math).

    Candidates for which `needs_judging(target)` is false (a known id, say) cannot give a
    finding wherever they are; when no candidate needs judging the parse is skipped. The
    parse looks for the links only (`prose.wikilinks_of`), at half the cost of a whole one.
    """
    found = _CANDIDATE_RE.finditer(text) if _holds(text, "[[") else ()
    candidates = [m.group(1).strip() for m in found]
    if not any(map(needs_judging, candidates)):
        return []
    return list(_links(text))


def linked_ids(text: str) -> list[str]:
    """The ids the page links from `text`, from the same whole conversion as `section_html`."""
    return [link.target for link in _scan(text).wikilinks] if _holds(text, "[[") else []


def unsafe_links(text: str) -> list[Spot]:
    """Link and image targets the page drops because they are not absolute http(s) URLs."""
    # An inline link or image `](`, a reference definition `]:`, an autolink `<`.
    if not (_holds(text, "](") or _holds(text, "]:") or "<" in text):
        return []
    return list(_scan(text).unsafe_links)


def raw_html(text: str) -> list[Spot]:
    """Raw HTML tags and comments outside code and math, which the page shows as text."""
    if "<" not in text:
        return []
    return list(_scan(text).raw_html)


def math_left(text: str) -> list[Spot]:
    """Math delimiters the page would show as text: an unclosed `$`, `$$` out of place."""
    if "$" not in text or "$" not in _without_plain_display_math(text):
        return []
    return list(_scan(text).math_left)


# A display-math block in its plainest form: `$$` lines of their own at the margin around lines
# with text and no `$`, a block of its own (a blank line or the text's end on both sides). The
# parser's block processors that run before arithmatex's (empty, list indent, our cuts, indented
# code) cannot take such a block, so it always renders as math; only a code fence elsewhere
# could make it code, so text with a fence keeps its blocks. (The pattern starts with its `$$`,
# which the regex engine looks for quickly, and checks what comes before it afterwards.)
_PLAIN_DISPLAY_MATH_RE = re.compile(
    r"\$\$(?:(?<=\A\$\$)|(?<=\n\n\$\$))\n(?:[ \t]*[^\s$][^$\n]*\n)+\$\$(?=\n\n|\n?\Z)"
)


def _without_plain_display_math(text: str) -> str:
    """`text` without the display math that cannot be left as text: when nothing else holds a
    `$`, no math can be left and the parse is skipped (most math in a glossary is display)."""
    if _holds(text, "```") or _holds(text, "~~~"):
        return text
    return _PLAIN_DISPLAY_MATH_RE.sub("", text)


def too_complex(text: str) -> bool:
    """True when the page shows `text` as plain text: too long or too deeply nested."""
    if len(text) > prose.MAX_PROSE_CHARS:
        return True
    return bool(_LONG_LINE_PREFIX_RE.search("\n" + text)) and _scan(text).too_complex


def section_html(text: str) -> str:
    """The sanitized HTML of one section, every `[[link]]` an `<a>`: where mentions are looked
    for (text outside code, math, headings and links)."""
    return _scan(text).html


def line_col(text: str, offset: int) -> tuple[int, int]:
    """0-based (line, column) of `offset` in `text`."""
    line = text.count("\n", 0, offset)
    return line, offset - (text.rfind("\n", 0, offset) + 1)
