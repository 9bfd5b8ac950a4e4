"""Term prose (overview, eli5, expert): Markdown read by Python-Markdown, then an allowlist.

The parser decides what is code, math, a link or raw HTML; nothing here guesses with a regex
where Markdown would see otherwise. Raw HTML becomes text, attribute lists do not exist,
`[[id]]` becomes a link only where the parser sees text, every other `href`/`src` is judged
after entity decoding, and the HTML then passes the allowlist in `sanitize` before any page
sees it. The same conversion tells the checker what it neutralised, so the two cannot disagree.
"""

from __future__ import annotations

import html
import itertools
import re
import xml.etree.ElementTree as etree
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from typing import Any
from urllib.parse import urlsplit

import markdown
from markdown.blockprocessors import BlockProcessor
from markdown.extensions import Extension
from markdown.extensions.tables import TableExtension
from markdown.inlinepatterns import HTML_RE, InlineProcessor
from markdown.treeprocessors import Treeprocessor
from markdown.util import AtomicString
from pymdownx.arithmatex import ArithmatexExtension
from pymdownx.highlight import HighlightExtension
from pymdownx.superfences import SuperFencesCodeExtension

from site_builder import sanitize

# `[[id]]` or `[[id|words]]`; the parser has already taken code, math and escapes out.
WIKILINK_RE = r"\[\[([^\[\]|\n]+?)(?:\|([^\[\]\n]+?))?\]\]"
SAFE_SCHEMES = frozenset({"http", "https"})
# What browsers drop from a URL before they read its scheme (WHATWG URL: C0 controls and space
# at either end, tab and newlines anywhere).
_URL_STRIP = "".join(map(chr, range(0x21)))
_URL_TABS_RE = re.compile("[\t\n\r]")


@dataclass(frozen=True)
class Spot:
    """Something in the source the parser saw: its text and offset in the field."""

    text: str
    offset: int


@dataclass(frozen=True)
class WikiLink:
    target: str
    label: str | None
    offset: int


@dataclass
class Events:
    """What one conversion met, in document order."""

    wikilinks: list[tuple[str, str | None, str]] = field(default_factory=list)
    raw_html: list[str] = field(default_factory=list)
    unsafe_links: list[str] = field(default_factory=list)
    math_left: list[str] = field(default_factory=list)
    too_complex: bool = False


@dataclass(frozen=True)
class Scan:
    """What the site will do with one field: links it makes, and what it neutralises."""

    wikilinks: tuple[WikiLink, ...]
    raw_html: tuple[Spot, ...]
    unsafe_links: tuple[Spot, ...]
    too_complex: bool = False
    html: str = ""  # the sanitized HTML, every [[link]] an <a> (known or not)
    math_left: tuple[Spot, ...] = ()


def safe_url(url: str) -> bool:
    """An absolute http(s) URL with a host, judged as a browser reads it (entities decoded)."""
    decoded = _URL_TABS_RE.sub("", html.unescape(url)).strip(_URL_STRIP)
    try:
        parts = urlsplit(decoded)
    except ValueError:  # e.g. an unclosed IPv6 bracket
        return False
    return parts.scheme.lower() in SAFE_SCHEMES and bool(parts.netloc)


class _RawHtmlAsText(InlineProcessor):
    """Raw HTML and comments stay visible as the text the author typed."""

    def __init__(self, events: Callable[[], Events]) -> None:
        super().__init__(HTML_RE)
        self.events = events

    # The stubs give InlineProcessor the signature of the older Pattern class.
    def handleMatch(self, m: re.Match[str], data: str) -> tuple[Any, int, int]:  # type: ignore[override]
        self.events().raw_html.append(m.group(1))
        return AtomicString(m.group(1)), m.start(0), m.end(0)


class _WikiLinks(InlineProcessor):
    """`[[id]]` → `<a>` to the term's page (its title or the given words); unknown → text."""

    def __init__(self, converter: _Converter) -> None:
        super().__init__(WIKILINK_RE)
        self.converter = converter

    # The stubs give InlineProcessor the signature of the older Pattern class.
    def handleMatch(self, m: re.Match[str], data: str) -> tuple[Any, int, int]:  # type: ignore[override]
        target, label = m.group(1).strip(), (m.group(2) or "").strip() or None
        self.converter.events.wikilinks.append((target, label, m.group(0)))
        found = self.converter.link(target) if self.converter.link else None
        if found is None:
            return AtomicString(label or target), m.start(0), m.end(0)
        href, title = found
        anchor = etree.Element("a", {"href": href})
        anchor.text = AtomicString(label or title)
        self.converter.internal.add(id(anchor))
        return anchor, m.start(0), m.end(0)


class _JudgeUrls(Treeprocessor):
    """Links that are not http(s) lose their href; images become their alt text.

    Runs after every inline pattern, on the finished tree, so it sees each URL exactly as the
    page would carry it (reference definitions, autolinks and entity-encoded schemes included).
    """

    def __init__(self, converter: _Converter) -> None:
        super().__init__()
        self.converter = converter

    def run(self, root: etree.Element) -> None:
        for element in root.iter():
            if element.tag == "a" and id(element) not in self.converter.internal:
                href = element.get("href", "")
                if safe_url(href):
                    element.set("rel", sanitize.EXTERNAL_REL)
                else:
                    self.converter.events.unsafe_links.append(href)
                    _unwrap(element)
            elif element.tag == "img":  # a term may not make the page fetch anything
                self.converter.events.unsafe_links.append(element.get("src", ""))
                alt = element.get("alt", "")
                _unwrap(element)
                element.text = AtomicString(alt)


# Math delimiters the parser left in the text, so the page shows TeX: any `$$`, or a `$` that
# opens TeX (a command, a sub- or superscript, a brace) but never closes. A `$` before a digit
# or a word ("$5", "$USD") is money, not math.
_MATH_LEFT_RE = re.compile(r"\$\$|\$(?=[^\s\d$])(?=[^$\n]*(?:\\[A-Za-z]|[_^{}]))")
_NOT_TEXT = frozenset({"code", "pre"})


class _OnlyTextWithLinks(Treeprocessor):
    """When only a text's wikilinks are asked for, the text of every element that holds no
    `[[` is set aside before the inline patterns run. A wikilink lies within one element's
    text, and only the patterns that outrank it (code spans, math, escapes) can take it,
    each reading that text alone: the links found are a whole conversion's, for half of it."""

    def __init__(self, converter: _Converter) -> None:
        super().__init__()
        self.converter = converter

    def run(self, root: etree.Element) -> None:
        if not self.converter.links_only:
            return
        for element in root.iter():  # (block elements have no tail text yet)
            if element.text and "[[" not in element.text:
                element.text = None


class _LinksFound(Exception):
    """The inline patterns have run: a links-only conversion has all it asked for."""


class _StopWhenLinksFound(Treeprocessor):
    """Ends a links-only conversion once the inline patterns have met every wikilink: what
    comes after (tidying, URL and math checks, serializing, post-processing) is a fifth of a
    conversion, and its HTML is not wanted."""

    def __init__(self, converter: _Converter) -> None:
        super().__init__()
        self.converter = converter

    def run(self, root: etree.Element) -> None:
        if self.converter.links_only:
            raise _LinksFound


class _MathLeft(Treeprocessor):
    """Records the math that arithmatex did not take: unbalanced or misplaced delimiters."""

    def __init__(self, converter: _Converter) -> None:
        super().__init__()
        self.converter = converter

    def run(self, root: etree.Element) -> None:
        self._visit(root)

    def _visit(self, element: etree.Element) -> None:
        if element.tag in _NOT_TEXT or "arithmatex" in element.get("class", ""):
            return
        for child in element:
            self._visit(child)
            self._record(child.tail)
        self._record(element.text)

    def _record(self, text: str | None) -> None:
        match = _MATH_LEFT_RE.search(text) if text and "$" in text else None
        if match:  # the first one: what follows it is the same problem
            line = text[match.start() :].split("\n", 1)[0]  # type: ignore[index]
            self.converter.events.math_left.append(line)


def _unwrap(element: etree.Element) -> None:
    element.tag = "span"
    element.attrib.clear()


_LIST_ITEM_RE = re.compile(r"^ {0,3}(?:[-*+]|\d{1,9}[.)])[ \t]")
_MATH_OPEN_RE = re.compile(r"^(?:\$\$|\\\[)")  # at the line's start, as Arithmatex reads it
_MATH_CLOSE_RE = re.compile(r"(?:\$\$|\\\])[ \t]*$")
_INDENTED_RE = re.compile(r"^(?: {4}|\t)")


def _cuts(lines: list[str]) -> list[int]:
    """Where a paragraph-like block holds the start of a list or of display math, or text
    after display math: line indexes > 0, in one pass (a block of many `$$` lines is cut in
    linear time). Empty if it is one block already."""
    first = lines[0]
    if _INDENTED_RE.match(first) or first.lstrip().startswith(">"):
        return []
    cuts: list[int] = []
    in_math = False
    for index, line in enumerate(lines):
        if in_math:
            if _MATH_CLOSE_RE.search(line):
                in_math = False
                if index + 1 < len(lines):
                    cuts.append(index + 1)
            continue
        if _MATH_OPEN_RE.match(line):
            if index > 0 and (not cuts or cuts[-1] != index):
                cuts.append(index)
            closed_here = _MATH_CLOSE_RE.search(line, 2) is not None  # past the opener
            if closed_here and index + 1 < len(lines):
                cuts.append(index + 1)
            in_math = not closed_here
        elif index > 0 and _LIST_ITEM_RE.match(line) and not _LIST_ITEM_RE.match(first):
            if not cuts or cuts[-1] != index:
                cuts.append(index)
            break  # the rest is the list's business
    return cuts


class _BlocksAfterParagraph(BlockProcessor):
    """A list or display math right under a paragraph line (or text right under display
    math) starts a new block, as CommonMark and GitHub read it: Python-Markdown alone would
    run them together, and show the math as TeX."""

    def test(self, parent: etree.Element, block: str) -> bool:
        return bool(_cuts(block.split("\n")))

    def run(self, parent: etree.Element, blocks: list[str]) -> bool:
        lines = blocks.pop(0).split("\n")
        bounds = [0, *_cuts(lines), len(lines)]
        blocks[:0] = ["\n".join(lines[a:b]) for a, b in itertools.pairwise(bounds)]
        return True


# Python-Markdown scans from every `[` (and every `](`) to the end of the paragraph, so 30 KB
# of `[` took minutes. Each scan gets a window, and one conversion a total budget of scanned
# characters proportional to its text; once spent, no further `[` starts a link. A scan is
# charged what it read (up to its closing bracket), not its whole window: real link texts and
# URLs are short, so real prose, however many links it holds, never comes near the budget.
LINK_SCAN_WINDOW = 2_000
MAX_PROSE_CHARS = 64_000  # per field; the longest in our glossary is about 6,000
LINK_SCAN_BUDGET_PER_CHAR = 8
_LINK_PATTERNS = (
    "reference", "link", "image_link", "image_reference", "short_reference", "short_image_ref"
)  # fmt: skip


def _bound_link_scans(processor: Any, converter: _Converter) -> None:
    """Give one of Python-Markdown's link processors a window and the conversion's budget."""
    get_text, get_link = processor.getText, processor.getLink

    def window_at(start: int, data: str) -> str | None:
        if converter.budget <= 0:
            return None
        return data[start : start + min(LINK_SCAN_WINDOW, converter.budget)]

    def bounded_text(data: str, index: int) -> tuple[str, int, bool]:
        window = window_at(index, data)
        if window is None:
            return "", index, False
        text, end, handled = get_text(window, 0)
        converter.budget -= end + 1  # it reads up to the closing `]`, or the whole window
        return text, end + index, handled

    def bounded_link(data: str, index: int) -> tuple[str, str | None, int, bool]:
        window = window_at(index, data)
        if window is None:
            return "", None, index, False
        href, title, end, handled = get_link(window, 0)
        # It reads up to the closing `)`, or the whole window. After a quote it takes the
        # first `)` right after a closing quote, which gives the link its title; a title
        # left open makes it read the whole window and then settle on an earlier `)`.
        unresolved = title is None and ('"' in window[:end] or "'" in window[:end])
        converter.budget -= (len(window) if unresolved else end) + 1
        return href, title, end + index, handled

    processor.getText, processor.getLink = bounded_text, bounded_link


# What each inline pattern's every match contains. Python-Markdown tries every pattern on
# every text node, and the regexes that begin with a lookbehind (code spans, math) scan the
# whole text from each start position: three quarters of a conversion went there, on texts
# that mostly hold no `$` or backtick at all. A pattern whose strings are all absent cannot
# match, so it is not run; what it would match is unchanged (tests/test_prose_needles.py).
_NEEDED = {
    "backtick": ("`",),
    "arithmatex-inline": ("$", "\\"),
    "escape": ("\\",),
    "glossary-wikilink": ("[[",),
    "reference": ("[",),
    "link": ("[",),
    "image_link": ("![",),
    "image_reference": ("![",),
    "short_reference": ("[",),
    "short_image_ref": ("![",),
    "autolink": ("<",),
    "automail": ("<",),
    "linebreak": ("  \n",),
    "html": ("<",),
    "entity": ("&",),
    "em_strong": ("*", "_"),
}


class _Needs:
    """An inline pattern's regex that finds nothing, without scanning, in a text that lacks
    every one of `needles` (anything else is the regex's own)."""

    def __init__(self, regex: re.Pattern[str], needles: tuple[str, ...]) -> None:
        self.regex = regex
        self.needles = needles

    def finditer(self, data: str, *args: int) -> Any:
        if not any(needle in data for needle in self.needles):
            return iter(())
        return self.regex.finditer(data, *args)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.regex, name)


def _skip_hopeless(patterns: Any) -> None:
    """Each known new-style inline pattern runs only on text that holds what it needs."""
    for name, needles in _NEEDED.items():
        if name in patterns and isinstance(patterns[name], InlineProcessor):
            patterns[name].compiled_re = _Needs(patterns[name].compiled_re, needles)


class _Converter(Extension):
    """Our Markdown dialect: no raw HTML, no attribute lists, wikilinks, judged URLs."""

    def __init__(self) -> None:
        super().__init__()
        self.events = Events()
        self.link: Callable[[str], tuple[str, str] | None] | None = None
        self.internal: set[int] = set()
        self.budget = 0
        self.links_only = False

    def extendMarkdown(self, md: markdown.Markdown) -> None:
        md.preprocessors.deregister("html_block")
        md.inlinePatterns.deregister("html")
        md.inlinePatterns.register(_RawHtmlAsText(lambda: self.events), "html", 90)
        md.inlinePatterns.register(_WikiLinks(self), "glossary-wikilink", 175)
        for name in _LINK_PATTERNS:
            _bound_link_scans(md.inlinePatterns[name], self)
        _skip_hopeless(md.inlinePatterns)
        md.parser.blockprocessors.register(
            _BlocksAfterParagraph(md.parser), "glossary-blocks-after-paragraph", 85
        )
        md.treeprocessors.register(_OnlyTextWithLinks(self), "glossary-links-only", 25)
        md.treeprocessors.register(_StopWhenLinksFound(self), "glossary-links-found", 19)
        md.treeprocessors.register(_JudgeUrls(self), "glossary-urls", 0.5)
        md.treeprocessors.register(_MathLeft(self), "glossary-math-left", 0.4)


class Renderer:
    """One configured Python-Markdown instance (not thread-safe: use one per thread)."""

    def __init__(self) -> None:
        self._build()

    def _build(self) -> None:
        self.converter = _Converter()
        # The extensions as objects: given by name, Python-Markdown looks each up among the
        # entry points of every installed package, reading all their metadata (0.05 s).
        self.md = markdown.Markdown(
            extensions=[
                TableExtension(use_align_attribute=True),
                HighlightExtension(css_class="highlight", guess_lang=False),
                SuperFencesCodeExtension(),
                ArithmatexExtension(generic=True),
                self.converter,
            ],
            output_format="html",
        )

    def convert(
        self,
        text: str,
        link: Callable[[str], tuple[str, str] | None] | None = None,
        links_only: bool = False,
    ) -> tuple[str, Events]:
        """Sanitized HTML for `text`, and what the conversion met; with `links_only`, only
        its wikilinks (and whether it is too complex), and no HTML.

        Text too long or too deeply nested for the parser (its block parser recurses once per
        level of nesting) is shown as plain text instead, and the events say so.
        """
        self.md.reset()
        self.converter.events = Events()
        self.converter.link = link
        self.converter.internal = set()
        self.converter.budget = LINK_SCAN_BUDGET_PER_CHAR * len(text) + 10_000
        self.converter.links_only = links_only
        if len(text) <= MAX_PROSE_CHARS:
            try:
                page_html = self.md.convert(text)
                return sanitize.clean(page_html), self.converter.events
            except _LinksFound:
                return "", self.converter.events
            except RecursionError:
                self._build()  # the parser's state is unknown after it; start afresh
        paragraphs = (html.escape(p.strip()) for p in text.split("\n\n") if p.strip())
        return "".join(f"<p>{p}</p>" for p in paragraphs), Events(too_complex=True)


@cache
def renderer() -> Renderer:
    """The converter every caller in this process shares, built on first use."""
    return Renderer()


def to_html(text: str, link: Callable[[str], tuple[str, str] | None]) -> str:
    """The HTML a page shows for `text`; `link(id)` gives (href, title) or None if unknown."""
    return renderer().convert(text, link)[0]


def scan(text: str) -> Scan:
    """What the site makes of `text`: its wikilinks, and the raw HTML and unsafe links it
    neutralises, each located in `text` (the first unclaimed occurrence after the previous),
    and its HTML with every [[link]] a link, for what looks for text outside links."""
    page_html, events = renderer().convert(text, _link_anything)
    return Scan(
        _wikilinks(text, events),
        tuple(
            Spot(t, o) for t, o in zip(events.raw_html, _locate(text, events.raw_html), strict=True)
        ),
        tuple(
            Spot(t, o)
            for t, o in zip(events.unsafe_links, _locate(text, events.unsafe_links), strict=True)
        ),
        events.too_complex,
        page_html,
        tuple(
            Spot(t, o)
            for t, o in zip(events.math_left, _locate(text, events.math_left), strict=True)
        ),
    )


def wikilinks_of(text: str) -> tuple[WikiLink, ...]:
    """The wikilinks `scan(text)` finds, at about half its cost (`Renderer.convert`'s
    `links_only`)."""
    _, events = renderer().convert(text, _link_anything, links_only=True)
    return _wikilinks(text, events)


def _wikilinks(text: str, events: Events) -> tuple[WikiLink, ...]:
    raws = [raw for *_, raw in events.wikilinks]
    return tuple(
        WikiLink(target, label, offset)
        for (target, label, _), offset in zip(events.wikilinks, _locate(text, raws), strict=True)
    )


def _link_anything(target: str) -> tuple[str, str]:
    return "#", target


def _locate(text: str, found: list[str]) -> list[int]:
    """Offsets of each string in `text`, in order; Markdown may have re-indented a multi-line
    match, so its first line is what is searched for. Not found → the previous offset."""
    offsets: list[int] = []
    start = 0
    for item in found:
        span = _find(text, item.split("\n", 1)[0] or item, start)
        if span is None:
            offsets.append(offsets[-1] if offsets else 0)
        else:
            offsets.append(span[0])
            start = span[1]
    return offsets


# What Python-Markdown changed in the text it hands on: tabs expanded to spaces, a `\*`-style
# escape as STX, the character's code, ETX.
# Stashed text (a code span, an escape in inline HTML) is a placeholder whose source is not
# known; a wildcard for each would backtrack polynomially on hostile text.
_CHANGED_RE = re.compile("\x02(\\d+)\x03| +")
_STASHED = "\x02klzzwxh:"


def _find(text: str, needle: str, start: int) -> tuple[int, int] | None:
    """Where `needle` is in `text`, after `start` if it can be: as it is, or as it was written
    before Python-Markdown changed it."""
    if not needle:
        return None
    at = text.find(needle, start)
    if at < 0:
        at = text.find(needle)
    if at >= 0:
        return at, at + len(needle)
    # Stashed text stands for something unknown: only the part before it is looked for.
    needle = needle.split(_STASHED, 1)[0]
    if not needle.strip():
        return None
    written = re.compile(_as_written(needle))
    match = written.search(text, start) or written.search(text)
    return match.span() if match else None


def _as_written(needle: str) -> str:
    """A regex for the source text that Python-Markdown turned into `needle`."""
    parts: list[str] = []
    done = 0
    for change in _CHANGED_RE.finditer(needle):
        parts.append(re.escape(needle[done : change.start()]))
        if change[1]:
            parts.append(re.escape("\\" + chr(int(change[1]))))
        else:
            parts.append("[ \t]+")
        done = change.end()
    parts.append(re.escape(needle[done:]))
    return "".join(parts)
