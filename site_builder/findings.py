"""Findings: what the checks report, and the catalogue of every stable finding code."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import NamedTuple

# A path inside one term document: mapping keys and list indexes, e.g. ("prerequisites", 2).
DocPath = tuple[str | int, ...]


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"  # worth knowing, never a failure unless asked for (`--fail-on info`)

    @property
    def rank(self) -> int:
        """How serious: error 2, warning 1, info 0."""
        return {"error": 2, "warning": 1, "info": 0}[self.value]


class CodeInfo(NamedTuple):
    severity: Severity
    meaning: str
    fix: str


E, W = Severity.ERROR, Severity.WARNING

CODES: dict[str, CodeInfo] = {
    # Reading and parsing a file.
    "io-error": CodeInfo(E, "The file could not be read.", "Check its permissions."),
    "encoding": CodeInfo(E, "The file is not valid UTF-8.", "Save it as UTF-8."),
    "empty-file": CodeInfo(E, "The file has no content.", "Fill it in or delete it."),
    "yaml-syntax": CodeInfo(E, "The YAML does not parse.", "Fix the syntax at the position."),
    "yaml-tab": CodeInfo(E, "A tab is used for indentation.", "Indent with spaces."),
    "yaml-anchor-bomb": CodeInfo(
        E,
        "YAML anchors and aliases expand into a huge document (too many nodes or bytes).",
        "Write the values out; term files need no anchors.",
    ),
    "yaml-too-deep": CodeInfo(
        E, "Lists and mappings nest deeper than the limit (100 levels).", "Flatten them."
    ),
    "yaml-type": CodeInfo(
        E,
        "A YAML type JSON cannot hold (`!!set`, `!!binary`, `!!omap`, a custom tag) or a "
        "value its tag does not fit (`!!int abc`).",
        "Write text, numbers, true/false, null, lists and mappings only.",
    ),
    "number-too-large": CodeInfo(
        E,
        "An integer longer than 20 characters, or a number too large for a float.",
        "Quote it if it is text.",
    ),
    "control-character": CodeInfo(
        E,
        "A control character (BEL, ESC, NUL, …) in the file or, escaped, in a value.",
        "Remove it.",
    ),
    "symlink-outside": CodeInfo(
        E,
        "A symbolic link that leads outside its folder (the terms folder, or the site); "
        "it is not read.",
        "Copy the file in instead of linking to it.",
    ),
    "symlink-loop": CodeInfo(E, "A symbolic link that leads back to itself.", "Remove it."),
    "not-a-file": CodeInfo(
        E,
        "An entry named like a term file or page is a folder, FIFO, socket or device; "
        "it is not read.",
        "Remove it or rename it.",
    ),
    "file-too-large": CodeInfo(
        E,
        "A file over the size limit (256 KB for a term file, 16 MB for a page); it is not read.",
        "Shorten it.",
    ),
    "not-a-mapping": CodeInfo(
        E, "The top level is not a mapping of fields.", "Start with `title: …`."
    ),
    "duplicate-key": CodeInfo(
        E, "A key appears twice in one mapping (YAML keeps the last).", "Remove one."
    ),
    "invalid-filename": CodeInfo(
        E,
        "The file name is not a valid term id.",
        "Rename it to lowercase letters, digits and single hyphens, e.g. `deep-learning.yaml`.",
    ),
    # The schema.
    "unknown-field": CodeInfo(E, "A field the format does not know.", "Fix the spelling."),
    "missing-field": CodeInfo(E, "A required field is missing.", "Add it."),
    "wrong-type": CodeInfo(
        E, "A field has the wrong type (e.g. a string where a list belongs).", "Use the type."
    ),
    "empty-field": CodeInfo(E, "A required text or list is empty.", "Write it."),
    "invalid-id": CodeInfo(
        E, "A listed id is not a valid term id.", "Use the target file's name without `.yaml`."
    ),
    "invalid-value": CodeInfo(E, "A value is not one of those allowed.", "Use an allowed one."),
    "unsafe-url": CodeInfo(
        E, "A source URL is not http(s).", "Link an http:// or https:// address."
    ),
    "line-break": CodeInfo(
        E,
        "A plain-text field (title, summary, alias, source title) holds a line break.",
        "Write it on one line.",
    ),
    # The graph.
    "unknown-term": CodeInfo(
        E, "A prerequisite, related id or [[link]] names no term.", "Fix the id or add the term."
    ),
    "self-reference": CodeInfo(E, "A term lists itself.", "Remove the entry."),
    "prerequisite-cycle": CodeInfo(
        E, "Prerequisites form a cycle, so no reading order exists.", "Break one edge."
    ),
    "duplicate-alias": CodeInfo(
        E,
        "An alias is shared with another term or equals another term's title or id.",
        "Keep the alias on one term only.",
    ),
    # Warnings.
    "one-way-related": CodeInfo(
        W, "a lists b as related but b does not list a.", "Add the reverse link."
    ),
    "orphan": CodeInfo(
        W, "A term with no prerequisites, no related terms and no dependants.", "Connect it."
    ),
    "redundant-prerequisite": CodeInfo(
        W, "A prerequisite is already implied by another prerequisite.", "Remove it."
    ),
    "duplicate-item": CodeInfo(W, "The same entry appears twice in one list.", "Remove one."),
    "prerequisite-and-related": CodeInfo(
        W, "One id is both a prerequisite and related.", "Keep it as a prerequisite only."
    ),
    "related-is-ancestor": CodeInfo(
        W,
        "A related term is the term's own ancestor or descendant in the prerequisite graph.",
        "Remove it from related; the learning path already links them.",
    ),
    "check-limit": CodeInfo(
        W,
        "A check stopped at its work limit (a prerequisite graph built to be slow); "
        "its findings may be incomplete.",
        "Untangle the prerequisites of the term it names.",
    ),
    # Information: reported, never failing unless asked for (`--fail-on info`).
    "unlinked-mention": CodeInfo(
        Severity.INFO,
        "Another term's title or alias (any case, simple plurals; acronyms under three "
        "letters in their exact case) appears in a section's text, outside code, math, "
        "headings and links, and the section does not link that term.",
        "Write the `[[id]]` or `[[id|words]]` link the hint gives, or set `autolink: first`.",
    ),
    # The built site (glossary check-site).
    "broken-link": CodeInfo(
        E,
        "A link, script, stylesheet, image or font (a CSS `url()`) names no file of the site.",
        "Fix it.",
    ),
    "invalid-url": CodeInfo(
        E, "A link of the site is not a valid URL (`http://[::1`).", "Fix the link."
    ),
    "unparsed-page": CodeInfo(
        E,
        "The HTML parser gave up part-way through a page (e.g. past 256 levels of nesting); "
        "the rest of it was not checked.",
        "Nest elements less deeply.",
    ),
    "missing-anchor": CodeInfo(
        E, "A #fragment names no id in its target page.", "Link an existing heading id."
    ),
    "link-escapes-root": CodeInfo(
        E, "A relative link climbs above the site root.", "Link inside the site."
    ),
    "dead-external-link": CodeInfo(
        W, "An external link answered with an error (--external).", "Update or remove it."
    ),
    "no-network": CodeInfo(
        W,
        "No external host could be reached, so no external link was checked.",
        "Run --external where there is a network.",
    ),
    "unsafe-link": CodeInfo(
        W,
        "A Markdown link, reference or autolink whose target is not an absolute http(s) URL "
        "(after entity decoding), or an image: the page keeps only its text.",
        "Link http(s) only; terms do not embed images.",
    ),
    "prose-too-complex": CodeInfo(
        W,
        "A Markdown field too long (over 64,000 characters) or too deeply nested for the "
        "parser: the page shows it as plain text.",
        "Shorten it, or flatten nested lists and quotes.",
    ),
    "raw-html": CodeInfo(
        W, "Raw HTML in a text field is shown as text, not rendered.", "Use Markdown instead."
    ),
    "math-unbalanced": CodeInfo(
        W,
        "A `$` or `$$` that opens math but never closes (or `$$` inside a line of text): the "
        "page shows the TeX source.",
        "Close inline math with `$`; put display math between `$$` lines.",
    ),
}


@dataclass(frozen=True, order=True)
class Location:
    """Another place a finding involves (an edge of a cycle, the other file of a one-way link),
    with what is there. `where` is resolved to `line`/`column` like a finding's."""

    file: str
    line: int
    column: int
    message: str
    where: DocPath = field(default=(), compare=False)


@dataclass(frozen=True, order=True, slots=True)
class Finding:
    """One problem at one place. `where` is resolved to `line`/`column` by the locate stage."""

    file: str
    line: int
    column: int
    code: str
    message: str
    hint: str = ""
    where: DocPath = field(default=(), compare=False)
    # (line, column) inside the text value at `where`, both 0-based, for in-text problems.
    text_pos: tuple[int, int] | None = field(default=None, compare=False)
    related: tuple[Location, ...] = ()

    @property
    def severity(self) -> Severity:
        return CODES[self.code].severity


def finding(
    file: str,
    code: str,
    message: str,
    *,
    where: DocPath = (),
    hint: str = "",
    text_pos: tuple[int, int] | None = None,
    related: Sequence[Location] = (),
) -> Finding:
    """A finding whose position (and its related places') is still to be located."""
    if code not in CODES:
        raise KeyError(f"unregistered finding code {code!r}")
    return Finding(file, 0, 0, code, message, hint, where, text_pos, tuple(related))


def location(file: str, message: str, where: DocPath = ()) -> Location:
    """A related place still to be located from its document path."""
    return Location(file, 0, 0, message, where)
