"""The allowlist for HTML made from term text: the one place that says what may reach a page.

nh3 (the Python binding of the Rust `ammonia` sanitizer) parses the HTML as a browser would
and keeps only these elements, attributes, classes and URL schemes. It is the second line of
defence: `prose` already renders raw HTML as text and judges every URL.
"""

from __future__ import annotations

import re

import nh3
from pygments.token import STANDARD_TYPES

TAGS = frozenset(
    {
        "p", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "ul", "ol", "li",
        "strong", "em", "b", "i", "code", "pre", "kbd", "sub", "sup", "del", "a", "span", "div",
        "table", "thead", "tbody", "tr", "th", "td",
    }
)  # fmt: skip
ATTRIBUTES = {
    "a": {"href", "title", "rel"},
    "ol": {"start"},
    "th": {"align"},
    "td": {"align"},
    "span": {"class"},
    "div": {"class"},
    "code": {"class"},
    "pre": {"class"},
}
URL_SCHEMES = frozenset({"http", "https"})
EXTERNAL_REL = "nofollow noopener noreferrer"  # links written by contributors, not by the site
# Classes our own Markdown extensions write: math for KaTeX, code blocks and Pygments tokens.
_CLASS_RE = re.compile(r"arithmatex|highlight|language-[\w+#.-]{1,40}")
_TOKEN_CLASSES = frozenset(c for c in STANDARD_TYPES.values() if c)


def _allowed_class(value: str) -> str | None:
    kept = [c for c in value.split() if c in _TOKEN_CLASSES or _CLASS_RE.fullmatch(c)]
    return " ".join(kept) or None


def _attribute_filter(element: str, attribute: str, value: str) -> str | None:
    if attribute == "class":
        return _allowed_class(value)
    if attribute == "rel":
        return value if value == EXTERNAL_REL else None
    if attribute == "align":
        return value if value in ("left", "center", "right") else None
    return value


# Built at import (it takes microseconds): one cleaner for every fragment.
_CLEANER = nh3.Cleaner(
    tags=set(TAGS),
    clean_content_tags={"script", "style"},
    attributes={tag: set(names) for tag, names in ATTRIBUTES.items()},
    attribute_filter=_attribute_filter,
    url_schemes=set(URL_SCHEMES),
    link_rel=None,  # set by `prose` on external links only; term links stay followable
    strip_comments=True,
)


def clean(fragment: str) -> str:
    """`fragment` with everything outside the allowlist removed."""
    return _CLEANER.clean(fragment)
