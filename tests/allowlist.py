"""What a page made from hostile terms may contain, judged by a real HTML parser (lxml).

The test side of the allowlist: everything in the article of a term page is either our own
template's markup or sanitized prose; no element, attribute or URL outside these sets.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from urllib.parse import urlsplit

import lxml.html
import markdown
from mkdocs.config import load_config

from site_builder.sanitize import TAGS

ROOT = Path(__file__).resolve().parent.parent

# Our templates' own elements, on top of what sanitized prose may hold.
TEMPLATE_TAGS = {
    "article",
    "figure",
    "figcaption",
    "section",
    "button",
    "div",
    "span",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "a",
    "p",
    "ul",
    "ol",
    "li",
    "em",
    "strong",
    "pre",
    "code",
    "hr",
    "br",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
}
ALLOWED_TAGS = TAGS | TEMPLATE_TAGS
ALLOWED_ATTRIBUTES = {
    "href",
    "title",
    "rel",
    "class",
    "id",
    "align",
    "start",
    "role",
    "aria-label",
    "type",
    "data-level",
    "data-search-exclude",
    "data-graph",  # where progress.js finds graph.json (a site path, checked below)
    "data-term",  # a term id, which the schema keeps to [a-z0-9-]
    "aria-pressed",
    "hidden",
    "markdown",
}
# Relative links the site itself writes: to term, tag and index pages (the goal page with a
# term id as its goal), and to anchors.
OWN_RELATIVE_RE = re.compile(
    r"^(?:\.\./|\./)*(?:[a-z0-9-]+/)*(?:[a-z0-9-]+(?:\.html|\.md|\.json|/)?)?"
    r"(?:\?goal=[a-z0-9-]+)?(?:#[\w-]*)?$"
)


def url_problem(url: str) -> str | None:
    """Why `url` may not be on the page, or None. Judged as the browser reads it."""
    if OWN_RELATIVE_RE.fullmatch(url):
        return None
    parts = urlsplit(url.strip())
    if parts.scheme in ("http", "https") and parts.netloc:
        return None
    return f"URL outside the allowlist: {url!r}"


def problems(fragment: str) -> list[str]:
    """Every element, attribute and URL in `fragment` that is not on the allowlist."""
    found: list[str] = []
    for element in lxml.html.fragment_fromstring(fragment, create_parent="article").iter():
        if not isinstance(element.tag, str):  # comments, processing instructions
            found.append(f"non-element node {element!r}")
            continue
        if element.tag not in ALLOWED_TAGS:
            found.append(f"element <{element.tag}>")
        for name, value in element.attrib.items():
            if name not in ALLOWED_ATTRIBUTES:
                found.append(f"attribute {name}= on <{element.tag}>")
            if name in ("href", "src", "data-graph") and (problem := url_problem(value)):
                found.append(problem)
    return found


@cache
def site_markdown() -> markdown.Markdown:
    """Python-Markdown configured exactly as mkdocs configures it for our site's pages."""
    config = load_config(str(ROOT / "mkdocs.yml"))
    return markdown.Markdown(
        extensions=config.markdown_extensions, extension_configs=config.mdx_configs
    )


def page_article(page_markdown: str) -> str:
    """A generated page's Markdown as the HTML of its article (front matter dropped)."""
    body = page_markdown
    if body.startswith("---\n"):
        body = body.split("\n---\n", 1)[1]
    md = site_markdown()
    md.reset()
    return md.convert(body)
