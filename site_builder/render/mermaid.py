"""The concept graph of one term as Mermaid `graph LR` source.

Prerequisites point into the term, what builds on it points out of it, related terms hang on
dotted links. Labels are escaped for Mermaid; node ids are prefixed so that term ids such as
`end` or `click` cannot break the syntax; every node links to its page by a relative URL.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from site_builder.model import Glossary, TermId

# Mermaid's entity codes; `#` first would be wrong, so all are replaced in one pass. `%` and
# braces go too: Mermaid reads `%%{…}%%` anywhere in its source as a directive (init, themeCSS).
_LABEL_ESCAPES = {
    '"': "#quot;",
    "#": "#35;",
    "<": "#lt;",
    ">": "#gt;",
    "&": "#amp;",
    "`": "#96;",
    "%": "#37;",
    "{": "#123;",
    "}": "#125;",
}
_LABEL_RE = re.compile("|".join(map(re.escape, _LABEL_ESCAPES)))

# Fills and text come from Material's palette-aware Mermaid theme (they follow the light/dark
# switch, so text keeps its contrast); these only mark each kind with borders that read on both
# backgrounds. Mermaid's grammar accepts no CSS variables here.
CLASS_STYLES = {
    "main": "stroke:#7c3aed,stroke-width:4px,font-weight:bold",
    "pre": "stroke:#3b82f6,stroke-width:2px",
    "child": "stroke:#10b981,stroke-width:2px",
    "related": "stroke:#8b5cf6,stroke-width:1.5px,stroke-dasharray:5 5",
    "more": "fill:none,stroke:none,font-style:italic",
}


@dataclass(frozen=True)
class Neighbours:
    prerequisites: Sequence[TermId]
    dependants: Sequence[TermId]
    related: Sequence[TermId]


def label(text: str) -> str:
    """Text safe inside a quoted Mermaid label."""
    return _LABEL_RE.sub(lambda m: _LABEL_ESCAPES[m.group(0)], " ".join(text.split()))


def node_id(term_id: TermId) -> str:
    """A Mermaid node id that no term id can turn into a keyword (ids have no `_`)."""
    return "t_" + term_id.replace("-", "_")


_TOOLTIP = str.maketrans({'"': "'", "\\": "/", "%": "\uff05"})


def _tooltip(text: str) -> str:
    """Text safe inside a quoted `click` tooltip, which Mermaid does not entity-decode: no
    quote or backslash to end the string, no `%` to start a directive."""
    return " ".join(text.translate(_TOOLTIP).split())


def concept_graph(
    glossary: Glossary,
    term_id: TermId,
    neighbours: Neighbours,
    url: Callable[[TermId], str],
    direction: str = "LR",
    max_per_kind: int = 10,
) -> str:
    """Mermaid source for `term_id`'s neighbourhood; `url` gives each node's relative link."""
    centre = node_id(term_id)
    lines = [f"graph {direction}", f'  {centre}["{label(glossary.terms[term_id].title)}"]:::main']
    shown: list[TermId] = [term_id]
    kinds = (
        ("pre", neighbours.prerequisites, "{n} --> " + centre),
        ("child", neighbours.dependants, centre + " --> {n}"),
        ("related", neighbours.related, "{n} -.- " + centre),
    )
    for kind, ids, edge in kinds:
        for other in ids[:max_per_kind]:
            node = f'{node_id(other)}["{label(glossary.terms[other].title)}"]:::{kind}'
            lines.append("  " + edge.format(n=node))
            shown.append(other)
        if len(ids) > max_per_kind:
            more = f'more_{kind}["+{len(ids) - max_per_kind} more"]:::more'
            lines.append("  " + edge.replace("-->", "-.->").format(n=more))
    for other in shown[1:]:  # the centre is the page itself
        tip = _tooltip(glossary.terms[other].summary)
        lines.append(f'  click {node_id(other)} "{url(other)}" "{tip}"')
    lines += [f"  classDef {name} {style}" for name, style in CLASS_STYLES.items()]
    return "\n".join(lines) + "\n"
