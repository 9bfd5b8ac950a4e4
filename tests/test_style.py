"""The machine-checkable part of the house style, over every term file.

The rules are written down in docs/contributing.md ("House style"). Each failure lists every
offending `terms/<id>.yaml:<line>` at once, so a whole batch of files can be fixed in one pass.
Term ids, `[[id` link targets, URLs and the `sources` block (titles of papers as published) are
exempt from the spelling rules.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

TERMS = Path(__file__).resolve().parent.parent / "terms"
FILES = sorted(TERMS.glob("*.yaml"))

# (name, what to write instead, pattern[, word]). Case-insensitive, matched against prose only.
# A rule with a `word` pattern first finds candidate words cheaply, then keeps those that match
# `word` completely; one big alternation tried at every character would be far slower.
_ISE_STEMS = (
    "optim|minim|maxim|normal|regular|general|initial|summar|visual|recogn|organ|random|penal"
    "|token|parameter|parametr|character|special|standard|quant|memor|factor|stabil|util"
    "|priorit|synchron|amort|formal|equal|marginal|vector|categor|real|local|custom|final"
    "|central|critic|emphas|hypothes|apolog|neutral|polar|theor|symbol|serial|discret|modern"
    "|capital|industrial|personal|operational|rational|contextual|conceptual|linear|popular"
)
_ISE_ENDINGS = "(?:e|es|ed|ing|ation|ations|er|ers)"
SPELLING: list[tuple[str, str, str, str | None]] = [
    (
        "-ise",
        "-ize (optimize, normalize, generalization …)",
        rf"\b[a-z]+is{_ISE_ENDINGS}\b",
        rf"(?:un|de|re|over|mis|non)?(?:{_ISE_STEMS})is{_ISE_ENDINGS}",
    ),
    ("analyse", "analyze", r"\banalys(?:e|ed|ing|er|ers)\b", None),
    (
        "-our",
        "-or (behavior, color, favor, neighbor …)",
        r"\b[a-z]*our[a-z]*",
        r"[a-z]*(?:behaviour|colour|favour|flavour|neighbour|honour|labour|humour|rumour"
        r"|tumour|vapour|harbour|endeavour|savour)[a-z]*",
    ),
    (
        "-ll-",
        "one l (modeling, labeled, canceled …)",
        r"\b[a-z]*ll(?:ed|ing|er|ers)\b",
        r"[a-z]*(?:modell|labell|cancell|travell|signall|tunnell|levell|channell|fuell|rivall"
        r"|pedall|totall)(?:ed|ing|er|ers)",
    ),
    (
        "-tre",
        "-ter (center, meter, fiber)",
        r"\b(?:centre|centres|centred|centring|metre|metres|litre|litres|fibre|fibres|calibre)\b",
        None,
    ),
    ("-ence", "-ense (license, defense, offense)", r"\b(?:licences?|defences?|offences?)\b", None),
    ("-ement", "judgment, acknowledgment", r"\b(?:judgement|judgements|acknowledgement)", None),
    ("practise", "practice (also the verb)", r"\bpractis(?:e|es|ed|ing)\b", None),
    (
        "british words",
        "program, artifact, gray, skeptical, while, among, learned, aging …",
        r"\b(?:programmes?|artefacts?|grey|sceptic\w*|whilst|amongst|learnt|spelt|ageing"
        r"|fulfil|enrol|enrolment|catalogue|greyscale)\b",
        None,
    ),
    ("pretraining", "pretraining, pretrained (no hyphen)", r"\bpre-train", None),
    (
        "fine-tuning",
        "fine-tuning, fine-tune, fine-tuned (always hyphenated)",
        r"\bfine(?:tun| tun)",
        None,
    ),
    ("trade-off", "trade-off", r"\btradeoffs?\b", None),
    ("mini-batch", "mini-batch", r"\bmini ?batch", None),
    ("dataset", "dataset", r"\bdata sets?\b", None),
    ("self-", "self-attention, self-supervised", r"\bself (?:attention|supervised)", None),
    ("multi-head", "multi-head", r"\bmulti ?head", None),
]

# Notation: one macro for KL, \lVert \rVert for norms.
NOTATION: list[tuple[str, str, str]] = [
    (
        "kl-macro",
        r"D_{\mathrm{KL}}(P \parallel Q)",
        r"\bKL\s*\(|D_\{?KL|D_\{?\\(?:text|rm|operatorname)\{?KL|D_\\mathrm"
        r"|(?<!D_\{)\\(?:mathrm|text|operatorname|rm)\{KL\}|\\mathbb\{D\}_"
        r"|D_\{\\mathrm\{KL\}\}\s*(?:\\[bB]igl?|\\left)?\[",
    ),
    (
        "kl-separator",
        r"\parallel between the two distributions of a KL divergence",
        r"D_\{\\mathrm\{KL\}\}[^$]*?(?:\\\||\|\||\\Vert)",
    ),
    ("norm", r"\lVert x \rVert (never ||x||, \|x\| or \Vert)", r"\\\||\|\||(?<![lr])\\Vert"),
]

PRACTICAL = re.compile(
    r"pitfall|practic|mistake|gotcha|caveat|\btips?\b|advice|lesson|best practice", re.I
)
PRACTICAL_NAMES = ("Pitfalls", "In practice")

_TOP_KEY = re.compile(r"^[a-z][a-z0-9_-]*:")
_LINK_TARGET = re.compile(r"\[\[[a-z0-9]+(?:-[a-z0-9]+)*\|?")
_URL = re.compile(r"https?://\S+")
_ID_ITEM = re.compile(r"^\s*-\s+[a-z0-9]+(?:-[a-z0-9]+)*\s*$")


def _read() -> list[tuple[str, list[str]]]:
    return [(f"terms/{p.name}", p.read_text(encoding="utf-8").splitlines()) for p in FILES]


DOCS = _read()


def _prose(lines: list[str]) -> list[tuple[int, str]]:
    """(line number, text) outside `sources`, with URLs, link targets and id items removed."""
    out, in_sources = [], False
    for number, line in enumerate(lines, 1):
        if _TOP_KEY.match(line):
            in_sources = line.startswith("sources:")
        if in_sources or _ID_ITEM.match(line) or line.startswith("# yaml-language-server"):
            continue
        out.append((number, _LINK_TARGET.sub("", _URL.sub("", line))))
    return out


PROSE = [(name, _prose(lines)) for name, lines in DOCS]


def _offenders(pattern: str, flags: int = re.I, word: str | None = None) -> list[str]:
    regex = re.compile(pattern, flags)
    keep = re.compile(word, flags).fullmatch if word else bool
    return [
        f"{name}:{number}: {match.group(0)!r}"
        for name, lines in PROSE
        for number, text in lines
        for match in regex.finditer(text)
        if keep(match.group(0))
    ]


def test_there_are_term_files() -> None:
    assert len(FILES) >= 120


@pytest.mark.parametrize(
    ("name", "instead", "pattern", "word"), SPELLING, ids=[r[0] for r in SPELLING]
)
def test_american_spelling_and_house_hyphenation(
    name: str, instead: str, pattern: str, word: str | None
) -> None:
    found = _offenders(pattern, word=word)
    assert not found, f"{name}: write {instead}\n" + "\n".join(found)


@pytest.mark.parametrize(("name", "instead", "pattern"), NOTATION, ids=[r[0] for r in NOTATION])
def test_notation(name: str, instead: str, pattern: str) -> None:
    found = _offenders(pattern, flags=0)
    assert not found, f"{name}: write {instead}\n" + "\n".join(found)


def test_practical_subsections_use_the_two_fixed_names_in_order() -> None:
    found = []
    for name, lines in DOCS:
        seen: list[str] = []
        for number, line in enumerate(lines, 1):
            heading = re.match(r"^\s*## (.+?)\s*$", line)
            if not heading:
                continue
            title = heading.group(1)
            if title in PRACTICAL_NAMES:
                if title in seen:
                    found.append(f"{name}:{number}: '## {title}' appears twice")
                elif title == "Pitfalls" and "In practice" in seen:
                    found.append(
                        f"{name}:{number}: '## Pitfalls' must come before '## In practice'"
                    )
                seen.append(title)
            elif PRACTICAL.search(title):
                found.append(f"{name}:{number}: '## {title}' → '## Pitfalls' or '## In practice'")
    assert not found, "\n".join(found)


def test_display_math_stands_on_its_own_lines_with_blank_lines_around() -> None:
    found = []
    for name, lines in DOCS:
        opening = True
        for index, line in enumerate(lines):
            if "$$" not in line:
                continue
            where = f"{name}:{index + 1}"
            if line.strip() != "$$":
                found.append(f"{where}: '$$' must be alone on its line")
                continue
            if opening and index > 0 and lines[index - 1].strip():
                found.append(f"{where}: blank line needed before the display block")
            after = lines[index + 1] if index + 1 < len(lines) else ""
            if not opening and after.strip() and not _TOP_KEY.match(after):
                found.append(f"{where}: blank line needed after the display block")
            opening = not opening
        if not opening:
            found.append(f"{name}: a '$$' block is never closed")
    assert not found, "\n".join(found)
