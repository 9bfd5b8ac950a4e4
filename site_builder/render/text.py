"""Term text into page Markdown: plain fields escaped, prose as sanitized HTML blocks.

A generated page is Markdown that mkdocs reads. Plain fields (titles, summaries, aliases)
become character references, so Markdown sees no syntax in them. Prose arrives as HTML that
`prose` made and `sanitize` cleaned; it is cut at its headings, which become Markdown headings
(so they reach the page's table of contents), and the parts between them go in as raw HTML
blocks, which Markdown passes through untouched — in our build and in a plain one.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

import lxml.html

# Characters Markdown, attr_list or arithmatex could read as syntax become character references
# (a backslash before `(` or `[` would start arithmatex math); the rest that can start a block
# (`#`, `+`, `-`, `1.`) get a backslash escape, which Markdown drops.
_ENTITIES = str.maketrans({c: f"&#{ord(c)};" for c in "&<>[]\\`{}*_$|~^"})
_BLOCK_START_RE = re.compile(r"(?<!&)([#+\-.!])")
_HEADINGS = {f"h{n}": n for n in range(1, 7)}
# Inline elements a heading keeps (without attributes, except math's class).
_HEADING_INLINE = frozenset({"code", "em", "strong", "b", "i", "sub", "sup", "del", "kbd"})


@lru_cache(maxsize=65_536)  # titles and summaries are escaped again on every page that lists them
def shown(text: str) -> str:
    """Plain text (titles, summaries, aliases) as HTML: the character references `plain` uses,
    so a raw HTML block shows exactly what the Markdown would."""
    return " ".join(text.split()).translate(_ENTITIES)


@lru_cache(maxsize=65_536)
def plain(text: str) -> str:
    """Plain text as Markdown that shows exactly that text: `shown`, and a backslash before
    what could start a block (Markdown drops it)."""
    return _BLOCK_START_RE.sub(r"\\\1", shown(text))


def _run(text: str | None) -> str:
    """Heading text between inline elements, escaped: a space at either end stays, or
    `Why <code>x</code> works` would read "Whyxworks"."""
    if not text:
        return ""
    if not text.strip():
        return " "
    return (" " if text[0].isspace() else "") + plain(text) + (" " if text[-1].isspace() else "")


def _inline(element: lxml.html.HtmlElement) -> str:
    """A heading's content as Markdown: text escaped, a few inline elements kept."""
    parts = [_run(element.text)]
    for child in element:
        inner = _inline(child)
        if child.tag == "span" and child.get("class") == "arithmatex":
            parts.append(f'<span class="arithmatex">{inner}</span>')
        elif child.tag in _HEADING_INLINE:
            parts.append(f"<{child.tag}>{inner}</{child.tag}>")
        else:
            parts.append(inner)
        parts.append(_run(child.tail))
    return "".join(parts)


def prose_markdown(
    html: str, heading_shift: int = 1, block: Callable[[str], str] | None = None
) -> str:
    """Sanitized prose HTML as page Markdown: headings one level deeper (at most `######`)
    as Markdown headings, everything between them in `<div class="glossary-prose">` blocks
    (each passed through `block`, when given: `HtmlBlocks.mark`)."""
    if not html.strip():
        return ""
    out: list[str] = []
    pending: list[str] = []

    def flush() -> None:
        if pending:
            div = '<div class="glossary-prose">\n' + "".join(pending) + "\n</div>"
            out.append(block(div) if block else div)
            pending.clear()

    for element in lxml.html.fragments_fromstring(html):
        if isinstance(element, str):  # text outside any element: Markdown never makes that
            pending.append(plain(element))
        elif (level := _HEADINGS.get(element.tag)) is None:
            pending.append(lxml.html.tostring(element, encoding="unicode", with_tail=False))
        else:
            flush()
            out.append("#" * min(level + heading_shift, 6) + " " + _inline(element))
    flush()
    return "\n\n".join(out)
