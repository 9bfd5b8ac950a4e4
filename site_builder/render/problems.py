"""What `mkdocs serve` shows of a term that has errors: its findings, on its own page.

A preview must keep working while a term is half-written; `mkdocs build` still fails on the
same findings. Every string is HTML-escaped here: findings quote term text.
"""

from __future__ import annotations

import html
import json
from collections.abc import Sequence

from site_builder.findings import Finding

_HEADING = "This term has problems; `mkdocs build` fails until they are fixed"


def problems_block(findings: Sequence[Finding], relative_to: str = "") -> str:
    """A raw HTML block listing the findings, one `file:line:col` line each."""
    items = "".join(
        f"<li><code>{html.escape(_where(f, relative_to))}</code> "
        f"{html.escape(f.severity.value)}[{html.escape(f.code)}] {html.escape(f.message)}</li>\n"
        for f in findings
    )
    return (
        '<div class="glossary-problems" role="alert">\n'
        f"<p><strong>{html.escape(_HEADING)}</strong></p>\n<ul>\n{items}</ul>\n</div>\n"
    )


def problems_page(term_id: str, findings: Sequence[Finding], relative_to: str = "") -> str:
    """The page of a term file that could not be read at all."""
    title = json.dumps(html.escape(term_id))
    return f"---\ntitle: {title}\n---\n\n# {term_id}\n\n" + problems_block(findings, relative_to)


def _where(finding: Finding, relative_to: str) -> str:
    file = finding.file
    if relative_to and file.startswith(relative_to.rstrip("/") + "/"):
        file = file[len(relative_to.rstrip("/")) + 1 :]
    return f"{file}:{finding.line}:{finding.column}"
