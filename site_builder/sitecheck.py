"""`glossary check-site`: every internal link, script, stylesheet, image and font of a built
site resolves.

Pages are parsed with lxml (a real HTML parser, ~2,000 pages a second here): `href` (links
and `<link>`), `src`, `srcset` and the like, and the `url()`s of `<style>` blocks and `style`
attributes; every stylesheet of the site is read for its `url()` and `@import` references
(fonts, images). Internal references must name a file inside the site, and a #fragment must
exist as an id (or a named anchor) in its target page. External links are collected, never
fetched here; `external.py` checks them on request.
"""

from __future__ import annotations

import posixpath
import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

import lxml.etree

from site_builder.errors import GlossaryError
from site_builder.findings import Finding

# Attributes that point somewhere; srcset is split into its candidate URLs.
_LINK_ATTRIBUTES = ("href", "src", "poster", "data")
_IGNORED_SCHEMES = ("javascript", "data", "blob", "about")
_CSS_COMMENT_RE = re.compile(r"/\*.*?\*/", re.DOTALL)
_CSS_URL_RE = re.compile(
    r"""url\(\s*(?:"([^"]*)"|'([^']*)'|([^)'"\s]*))\s*\)|@import\s+(?:"([^"]*)"|'([^']*)')"""
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


def read_stylesheet(path: Path, relative: str) -> Page:
    """A stylesheet's references (fonts, images, imports); it has no anchors."""
    text = path.read_text("utf-8", errors="replace")
    return Page(references=[Reference(relative, line, url) for line, url in css_urls(text)])


def read_page(path: Path, relative: str) -> Page:
    page = Page()
    root = lxml.etree.fromstring(path.read_bytes(), _PARSER)
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
    return page


@dataclass(frozen=True)
class Tree:
    """Every file and folder of the site, so resolving a link needs no file-system call."""

    files: frozenset[str]
    folders: frozenset[str]

    @classmethod
    def of(cls, site: Path) -> Tree:
        files = frozenset(p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file())
        folders = {"."}
        for file in files:
            parts = file.split("/")[:-1]
            folders.update("/".join(parts[: i + 1]) for i in range(len(parts)))
        return cls(files, frozenset(folders))

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


def check_site(site: Path) -> SiteReport:
    """Every broken internal reference, missing anchor and escape from the site root."""
    if not site.is_dir():
        raise SiteDirError(f"site folder not found: {site}")
    paths = sorted(site.rglob("*.html"))
    if not paths:
        raise SiteDirError(f"no HTML pages in {site}; build the site first (mkdocs build)")
    tree = Tree.of(site)
    pages = {}
    for path in paths:
        relative = path.relative_to(site).as_posix()
        pages[relative] = read_page(path, relative)
    stylesheets = [
        read_stylesheet(path, path.relative_to(site).as_posix())
        for path in sorted(site.rglob("*.css"))
    ]
    findings: list[Finding] = []
    external: dict[str, set[str]] = defaultdict(set)
    for page in [*pages.values(), *stylesheets]:
        for ref in page.references:
            findings.extend(_check_reference(tree, pages, ref, external))
    return SiteReport(
        tuple(sorted(findings)),
        len(pages),
        {url: sorted(on) for url, on in sorted(external.items())},
    )


def _check_reference(
    tree: Tree, pages: dict[str, Page], ref: Reference, external: dict[str, set[str]]
) -> Iterator[Finding]:
    parts = urlsplit(ref.url)
    if parts.scheme or parts.netloc:
        if parts.scheme.lower() in ("http", "https") or parts.netloc:
            external[ref.url].add(ref.page)
        return
    if ref.url.split(":", 1)[0].lower() in _IGNORED_SCHEMES:
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
    if fragment and target.endswith(".html") and fragment not in pages[target].anchors:
        yield _finding(
            ref,
            "missing-anchor",
            f"'{ref.url}': no id '{fragment}' in {target}",
        )
