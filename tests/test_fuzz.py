"""Random and mutated YAML never makes the checker raise: every input becomes findings."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from site_builder.analysis import analyse
from site_builder.load import parse_text
from tests.helpers import dump, linked_pair, term

VALID = dump(
    term(
        "Seed",
        related=["alpha"],
        prerequisites=["beta"],
        aliases=["S"],
        tags=["t"],
        overview="See [[alpha]].",
        status="draft",
    )
)

yaml_scalars = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True), st.text(max_size=20)
)
yaml_values = st.recursive(
    yaml_scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=4),
        st.dictionaries(st.one_of(st.text(max_size=12), st.integers()), children, max_size=4),
    ),
    max_leaves=12,
)
TOKENS = [
    "\t",
    ":",
    "- ",
    "[",
    "]",
    "{",
    "}",
    "&a ",
    "*a",
    "!!int ",
    "!!python/object ",
    "\n",
    "  ",
    "'",
    '"',
    "|",
    ">",
    "#",
    "? ",
    "%YAML 1.1\n",
    "---\n",
    "\x00",
    "\ufeff",
]


@st.composite
def mutated(draw: st.DrawFn) -> str:
    text = VALID
    for _ in range(draw(st.integers(1, 6))):
        at = draw(st.integers(0, len(text)))
        if draw(st.booleans()):
            text = text[:at] + draw(st.sampled_from(TOKENS)) + text[at:]
        else:
            text = text[:at] + text[at + draw(st.integers(1, 8)) :]
    return text


def _check_whole_glossary(text: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        terms = Path(tmp)
        for name, doc in linked_pair().items():
            (terms / f"{name}.yaml").write_text(dump(doc), encoding="utf-8")
        (terms / "seed.yaml").write_text(text, encoding="utf-8", errors="surrogatepass")
        analysis = analyse(terms)
        for f in analysis.findings:
            assert f.line >= 1 and f.column >= 1


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated())
def test_mutated_term_files_never_raise(text: str) -> None:
    _check_whole_glossary(text)


@settings(max_examples=200, deadline=None)
@given(yaml_values)
def test_arbitrary_documents_never_raise(value: object) -> None:
    import yaml

    _check_whole_glossary(yaml.safe_dump(value, allow_unicode=True))


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200))
def test_arbitrary_text_never_raises(text: str) -> None:
    parse_text(text, "x.yaml", "x")
