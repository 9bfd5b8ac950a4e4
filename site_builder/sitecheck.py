"""`glossary check-site`: every internal link, script, stylesheet, image and font of a built
site resolves.

Pages are parsed with lxml (a real HTML parser, ~2,000 pages a second here): `href` (links
and `<link>`), `src`, `srcset` and the like, and the `url()`s of `<style>` blocks and `style`
attributes; every stylesheet of the site is read for its `url()` and `@import` references
(fonts, images). Internal references must name a file inside the site, and a #fragment must
exist as an id (or a named anchor) in its target page. External links are collected, never
fetched here; `external.py` checks them on request.

The site is read as untrusted: only regular files, never a symbolic link out of the site,
never more than `Limits.page_bytes` of a page or stylesheet; anything else is a finding for
that entry.
"""

from __future__ import annotations

import os
import posixpath
import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import SplitResult, unquote, urlsplit

import lxml.etree

from site_builder.errors import GlossaryError
from site_builder.files import Unreadable, read_inside
from site_builder.findings import Finding
from site_builder.limits import DEFAULT_LIMITS, Limits

# Attributes that point somewhere; srcset is split into its candidate URLs.
_LINK_ATTRIBUTES = ("href", "src", "poster", "data")
_CSS_COMMENT_RE = re.compile(r"/\*.*?\*/", re.DOTALL)
# Bounded repeats: a stylesheet of unclosed `url("` cannot make the scan quadratic (a longer
# URL, such as a big data: URI, is simply not matched, and data: URIs are not checked anyway).
_CSS_URL_RE = re.compile(
    r"""url\(\s*(?:"([^"\n]{0,4096})"|'([^'\n]{0,4096})'|([^)'"\s]{0,4096}))\s*\)"""
    r"""|@import\s+(?:"([^"\n]{0,4096})"|'([^'\n]{0,4096})')"""
)


class SiteDirError(GlossaryError):
    """The site folder is missing or holds no HTML page."""


@dataclass(frozen=True)
class Reference:
    page: str  # site-relative path of the page that holds the reference
    line: int
    url: str


@dataclass
class Page:
    anchors: set[str] = field(default_factory=set)
    references: list[Reference] = field(default_factory=list)
    stopped: Finding | None = None  # where the parser gave up, when it did


@dataclass(frozen=True)
class SiteReport:
    findings: tuple[Finding, ...]
    page_count: int
    external: dict[str, list[str]]  # URL → pages that link it


_PARSER = lxml.etree.HTMLParser(remove_comments=True)
# Only elements that carry an anchor or a reference; selecting them in C skips the rest.
_INTERESTING = lxml.etree.XPath(
    "//*[@id or @name or @href or @src or @srcset or @poster or @data or @style] | //style"
)


def css_urls(css: str) -> Iterator[tuple[int, str]]:
    """(line, URL) of every `url()` and `@import` in a stylesheet, comments left out; a
    `url(#id)` (an SVG paint server in the same document) is not a file reference."""
    blank = _CSS_COMMENT_RE.sub(lambda m: "\n" * m.group(0).count("\n"), css)
    for match in _CSS_URL_RE.finditer(blank):
        url = next((g for g in match.groups() if g is not None), "").strip()
        if url and not url.startswith("#"):
            yield blank.count("\n", 0, match.start()) + 1, url


def _urls(element: lxml.etree._Element) -> Iterator[str]:
    for name in _LINK_ATTRIBUTES:
        value = element.get(name)
        if value:
            yield value.strip()
    srcset = element.get("srcset")
    if srcset:
        yield from (part.strip().split()[0] for part in srcset.split(",") if part.strip())
    style = element.get("style")
    if style:
        yield from (url for _, url in css_urls(style))
    if element.tag == "style":
        yield from (url for _, url in css_urls(element.text or ""))


def read_stylesheet(site: Path, relative: str, limits: Limits = DEFAULT_LIMITS) -> Page | Finding:
    """A stylesheet's references (fonts, images, imports; it has no anchors), or why it
    could not be read."""
    raw = read_inside(site / relative, site, "the site", limits.page_bytes)
    if isinstance(raw, Unreadable):
        return Finding(relative, 1, 1, raw.code, raw.message, raw.hint)
    text = raw.decode("utf-8", errors="replace")
    return Page(references=[Reference(relative, line, url) for line, url in css_urls(text)])


def read_page(site: Path, relative: str, limits: Limits = DEFAULT_LIMITS) -> Page | Finding:
    """The anchors and references of one page, or why it could not be read whole."""
    raw = read_inside(site / relative, site, "the site", limits.page_bytes)
    if isinstance(raw, Unreadable):
        return Finding(relative, 1, 1, raw.code, raw.message, raw.hint)
    page = Page()
    try:
        root = lxml.etree.fromstring(raw, _PARSER)
    except lxml.etree.LxmlError as error:
        return Finding(relative, 1, 1, "unparsed-page", f"the HTML parser failed: {error}")
    if root is None:  # an empty file
        return page
    for element in _INTERESTING(root):
        anchor = element.get("id")
        if anchor:
            page.anchors.add(anchor)
        name = element.get("name")
        if name and element.tag == "a":
            page.anchors.add(name)
        for url in _urls(element):
            page.references.append(Reference(relative, element.sourceline or 1, url))
    stop = next((e for e in _PARSER.error_log if e.level_name == "FATAL"), None)
    if stop is not None:  # libxml2 stops at 256 levels of nesting, for one
        page.stopped = Finding(
            relative,
            max(stop.line, 1),
            max(stop.column, 1),
            "unparsed-page",
            f"the HTML parser gave up here ({stop.message}); the rest was not checked",
            "nest elements less deeply",
        )
    return page


@dataclass(frozen=True)
class Tree:
    """Every file and folder of the site, so resolving a link needs no file-system call."""

    files: frozenset[str]
    folders: frozenset[str]

    @classmethod
    def of(cls, site: Path) -> Tree:
        """Every entry but folders counts as a file (reading judges links and FIFOs); links to
        folders are not followed, so nothing outside the site is ever listed."""
        files: set[str] = set()
        folders = {"."}
        for directory, _, names in os.walk(site, followlinks=False):
            relative = Path(directory).relative_to(site).as_posix()
            prefix = "" if relative == "." else relative + "/"
            if prefix:
                folders.add(relative)
            files.update(prefix + name for name in names)
        return cls(frozenset(files), frozenset(folders))

    def target(self, page: str, path: str) -> tuple[str | None, bool]:
        """The file a link path points at (None: missing), and whether it stays inside."""
        raw = unquote(path)
        base = "" if raw.startswith("/") else posixpath.dirname(page)
        joined = posixpath.normpath(posixpath.join(base, raw.lstrip("/")))
        if joined == ".." or joined.startswith("../"):
            return None, False
        if joined in self.folders:
            index = "index.html" if joined == "." else f"{joined}/index.html"
            return (index if index in self.files else None), True
        return (joined if joined in self.files else None), True


def _finding(reference: Reference, code: str, message: str, hint: str = "") -> Finding:
    return Finding(reference.page, reference.line, 1, code, message, hint)


def check_site(site: Path, limits: Limits = DEFAULT_LIMITS) -> SiteReport:
    """Every broken internal reference, missing anchor and escape from the site root."""
    if not site.is_dir():
        raise SiteDirError(f"site folder not found: {site}")
    tree = Tree.of(site)
    paths = sorted(f for f in tree.files if f.endswith(".html"))
    if not paths:
        raise SiteDirError(f"no HTML pages in {site}; build the site first (mkdocs build)")
    findings: list[Finding] = []
    pages: dict[str, Page | None] = {}  # None: not read
    for relative in paths:
        page = read_page(site, relative, limits)
        if isinstance(page, Finding):
            findings.append(page)
            pages[relative] = None
        else:
            findings.extend([page.stopped] if page.stopped else [])
            pages[relative] = page
    stylesheets: list[Page] = []
    for relative in sorted(f for f in tree.files if f.endswith(".css")):
        sheet = read_stylesheet(site, relative, limits)
        if isinstance(sheet, Finding):
            findings.append(sheet)
        else:
            stylesheets.append(sheet)
    external: dict[str, set[str]] = defaultdict(set)
    for read in [*pages.values(), *stylesheets]:
        for ref in read.references if read else ():
            findings.extend(_check_reference(tree, pages, ref, external))
    return SiteReport(
        tuple(sorted(findings)),
        len(pages),
        {url: sorted(on) for url, on in sorted(external.items())},
    )


def _split(url: str) -> SplitResult | None:
    try:
        return urlsplit(url)
    except ValueError:  # "http://[::1": an IPv6 host without its bracket
        return None


def _check_reference(
    tree: Tree, pages: dict[str, Page | None], ref: Reference, external: dict[str, set[str]]
) -> Iterator[Finding]:
    parts = _split(ref.url)
    if parts is None:
        yield _finding(ref, "invalid-url", f"{ref.url!r} is not a valid URL")
        return
    if parts.scheme or parts.netloc:
        if parts.scheme.lower() in ("http", "https") or parts.netloc:
            external[ref.url].add(ref.page)
        return
    if parts.path:
        target, inside = tree.target(ref.page, parts.path)
        if not inside:
            yield _finding(ref, "link-escapes-root", f"'{ref.url}' points outside the site root")
            return
        if target is None:
            yield _finding(ref, "broken-link", f"'{ref.url}' does not exist in the site")
            return
    else:
        target = ref.page
    fragment = unquote(parts.fragment)
    page = pages.get(target)
    if fragment and page is not None and fragment not in page.anchors:
        yield _finding(
            ref,
            "missing-anchor",
            f"'{ref.url}': no id '{fragment}' in {target}",
        )
