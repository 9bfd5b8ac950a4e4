"""Findings: what the checks report, and the catalogue of every stable finding code."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import NamedTuple

# A path inside one term document: mapping keys and list indexes, e.g. ("prerequisites", 2).
DocPath = tuple[str | int, ...]


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


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
        "YAML anchors and aliases expand into a huge document.",
        "Write the values out; term files need no anchors.",
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
    "unsafe-link": CodeInfo(
        E, "A Markdown link uses a scheme other than http(s) or mailto.", "Link http(s) only."
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
    # The built site (glossary check-site).
    "broken-link": CodeInfo(E, "A link, script or image names no file of the site.", "Fix it."),
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
    "raw-html": CodeInfo(
        W, "Raw HTML in a text field is shown as text, not rendered.", "Use Markdown instead."
    ),
}


@dataclass(frozen=True, order=True)
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
) -> Finding:
    """A finding whose position is still to be located from its document path."""
    if code not in CODES:
        raise KeyError(f"unregistered finding code {code!r}")
    return Finding(file, 0, 0, code, message, hint, where, text_pos)
