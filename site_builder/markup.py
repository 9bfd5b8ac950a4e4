"""Scanning Markdown fields: code masking, [[term links]], link targets and raw HTML.

The checks use these to report problems and the renderer to rewrite text, so both agree on
what counts as a link: nothing inside code spans or fenced code blocks does.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import NamedTuple

_FENCE = r"^ {0,3}(?P<fence>`{3,}|~{3,})[^\n]*\n.*?(?:^ {0,3}(?P=fence)[ \t]*$|\Z)"
_CODE_SPAN = r"(?P<ticks>`+)(?!`).+?(?<!`)(?P=ticks)(?!`)"
_MATH = r"\$\$.+?\$\$|(?<![\\$])\$(?!\s)[^$\n]+?(?<![\s\\])\$"
_FENCE_RE = re.compile(_FENCE, re.M | re.S)
_CODE_SPAN_RE = re.compile(_CODE_SPAN, re.S)
_MATH_RE = re.compile(_MATH, re.S)
WIKILINK_RE = re.compile(r"\[\[([^\[\]|\n]+?)(?:\|([^\[\]\n]+?))?\]\]")
_LINK_DEST_RE = re.compile(r"\]\(\s*<?([^\s)>]+)|^ {0,3}\[[^\]\n]+\]:\s*<?(\S+?)>?(?:\s|$)", re.M)
_AUTOLINK_RE = re.compile(r"<([A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]*)>")
_HTML_RE = re.compile(r"<(?:/?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>|!--)")
_SCHEME_RE = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):")
SAFE_SCHEMES = frozenset({"http", "https", "mailto"})


class Match(NamedTuple):
    text: str
    offset: int


class WikiLink(NamedTuple):
    target: str
    label: str | None
    offset: int
    end: int


def _blank(match: re.Match[str]) -> str:
    return re.sub(r"[^\n]", " ", match.group(0))


def mask_code(text: str) -> str:
    """`text` with fenced blocks and code spans blanked out (same length, same line breaks)."""
    if "`" not in text and "~~~" not in text:
        return text
    if "```" in text or "~~~" in text:
        text = _FENCE_RE.sub(_blank, text)
    return _CODE_SPAN_RE.sub(_blank, text)


def mask_code_and_math(text: str) -> str:
    return _MATH_RE.sub(_blank, mask_code(text))


_PROTECTED_RE = re.compile(f"(?:{_FENCE})|(?:{_CODE_SPAN})|(?:{_MATH})", re.M | re.S)


def split_protected(text: str) -> list[tuple[str, bool]]:
    """`text` cut into (segment, is_code_or_math) pieces, in order."""
    pieces: list[tuple[str, bool]] = []
    last = 0
    for m in _PROTECTED_RE.finditer(text):
        if m.start() > last:
            pieces.append((text[last : m.start()], False))
        pieces.append((m.group(0), True))
        last = m.end()
    if last < len(text):
        pieces.append((text[last:], False))
    return pieces


def wikilinks(text: str) -> list[WikiLink]:
    """Every `[[id]]` or `[[id|label]]` outside code."""
    if "[[" not in text:
        return []
    masked = mask_code(text)
    return [
        WikiLink(m.group(1).strip(), m.group(2).strip() if m.group(2) else None, m.start(), m.end())
        for m in WIKILINK_RE.finditer(masked)
    ]


def unsafe_links(text: str) -> list[Match]:
    """Link destinations outside code whose scheme is not http(s) or mailto."""
    if "](" not in text and "]:" not in text and "<" not in text:
        return []
    masked = mask_code(text)
    found: list[Match] = []
    for m in _LINK_DEST_RE.finditer(masked):
        url, start = (m.group(1), m.start(1)) if m.group(1) else (m.group(2), m.start(2))
        found.extend(_if_unsafe(url, start))
    for m in _AUTOLINK_RE.finditer(masked):
        found.extend(_if_unsafe(m.group(1), m.start(1)))
    return found


def _if_unsafe(url: str, offset: int) -> Iterator[Match]:
    scheme = _SCHEME_RE.match(url.strip())
    if scheme and scheme.group(1).lower() not in SAFE_SCHEMES:
        yield Match(url, offset)


def raw_html(text: str) -> list[Match]:
    """Raw HTML tags and comments outside code and math."""
    if "<" not in text:
        return []
    masked = mask_code_and_math(text)
    return [Match(m.group(0), m.start()) for m in _HTML_RE.finditer(masked)]


def line_col(text: str, offset: int) -> tuple[int, int]:
    """0-based (line, column) of `offset` in `text`."""
    line = text.count("\n", 0, offset)
    return line, offset - (text.rfind("\n", 0, offset) + 1)
