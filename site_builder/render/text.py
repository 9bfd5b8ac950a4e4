"""Escaping: term text must never inject HTML, script or attributes into the site."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

from site_builder import markup

# Characters Markdown, attr_list or arithmatex could read as syntax become character references
# (a backslash before `(` or `[` would start arithmatex math); the rest that can start a block
# (`#`, `+`, `-`, `1.`) get a backslash escape, which Markdown drops.
_ENTITIES = str.maketrans({c: f"&#{ord(c)};" for c in "&<>[]\\`{}*_$|~^"})
_BLOCK_START_RE = re.compile(r"(?<!&)([#+\-.!])")
_HEADING_RE = re.compile(r"^(#{1,5})(?=[ \t])", re.M)
_FENCE_LINE_RE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_LIST_ITEM_RE = re.compile(r"^(?:[-*+]|\d{1,9}[.)])[ \t]")


@lru_cache(maxsize=65_536)  # titles and summaries are escaped again on every page that lists them
def plain(text: str) -> str:
    """Plain text (titles, summaries, aliases) as Markdown that shows exactly that text."""
    return _BLOCK_START_RE.sub(r"\\\1", text.translate(_ENTITIES))


def safe_markdown(text: str, link: Callable[[str, str | None], str]) -> str:
    """Author Markdown with raw HTML shown as text, attribute lists disabled, and
    `[[id]]`/`[[id|label]]` turned into links by `link(id, label)`.

    Code and math are left alone: Markdown escapes code itself, and arithmatex escapes math.
    """
    pieces = []
    for segment, protected in markup.split_protected(text):
        if not protected:
            segment = segment.replace("<", "&lt;").replace("{", "&#123;")
            segment = markup.WIKILINK_RE.sub(
                lambda m: link(m.group(1).strip(), m.group(2).strip() if m.group(2) else None),
                segment,
            )
        pieces.append(segment)
    return "".join(pieces)


def separate_lists(text: str) -> str:
    """A blank line before a list that starts right under a paragraph line, as CommonMark
    (and GitHub) read it; Python-Markdown would otherwise run the items into the paragraph."""
    lines: list[str] = []
    fence = ""
    for line in text.split("\n"):
        opener = _FENCE_LINE_RE.match(line)
        if opener and (not fence or opener.group(1).startswith(fence)):
            fence = "" if fence else opener.group(1)[0] * 3
        elif not fence and _LIST_ITEM_RE.match(line) and lines:
            previous = lines[-1]
            if previous.strip() and not previous[0].isspace() and not _LIST_ITEM_RE.match(previous):
                lines.append("")
        lines.append(line)
    return "\n".join(lines)


def demote_headings(text: str) -> str:
    """One level deeper for every ATX heading outside fenced code (`##` → `###`)."""
    lines = []
    fence = ""
    for line in text.split("\n"):
        opener = _FENCE_LINE_RE.match(line)
        if opener and (not fence or opener.group(1).startswith(fence)):
            fence = "" if fence else opener.group(1)[0] * 3
        elif not fence:
            line = _HEADING_RE.sub(r"#\1", line)
        lines.append(line)
    return "\n".join(lines)
