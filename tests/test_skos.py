"""The SKOS export: glossary.ttl in a real build and `glossary export`, read back by rdflib."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from rdflib import DCTERMS, RDF, SKOS, Graph, Literal, URIRef

from site_builder.model import Glossary, Term, TermId
from site_builder.skos import skos_turtle
from tests.helpers import term, write_terms
from tests.sites import build, make_project, starter_terms

GOLDEN = Path(__file__).resolve().parent / "golden"
HOSTILE_TITLE = 'Quote " back\\slash > and <tag> @en'


def _parse(text: str) -> Graph:
    return Graph().parse(data=text, format="turtle")


def test_the_built_site_carries_a_skos_scheme_with_one_concept_per_term(tmp_path: Path) -> None:
    terms = {**starter_terms(), "odd": term(HOSTILE_TITLE, aliases=["O1", "O2"], related=["end"]),
             "end": term("End", related=["probability", "odd"])}  # fmt: skip
    root = make_project(tmp_path, terms)
    assert build(root, "--strict").returncode == 0
    graph = _parse((root / "site" / "glossary.ttl").read_text("utf-8"))
    concepts = set(graph.subjects(RDF.type, SKOS.Concept))
    assert len(concepts) == len(terms)
    assert len(set(graph.subjects(RDF.type, SKOS.ConceptScheme))) == 1
    base = "http://127.0.0.1:8000/terms/"  # site_url of mkdocs.yml
    odd = URIRef(base + "odd/")
    assert graph.value(odd, SKOS.prefLabel) == Literal(HOSTILE_TITLE, lang="en")
    assert set(graph.objects(odd, SKOS.altLabel)) == {Literal("O1", lang="en"),
                                                      Literal("O2", lang="en")}  # fmt: skip
    assert (URIRef(base + "end/"), SKOS.related, odd) in graph
    ml = URIRef(base + "machine-learning/")
    assert (ml, DCTERMS.requires, URIRef(base + "probability/")) in graph
    assert graph.value(ml, SKOS.definition) == Literal(terms["machine-learning"]["summary"],
                                                       lang="en")  # fmt: skip


def test_glossary_export_skos_is_stable_and_parses_back(tmp_path: Path) -> None:
    terms = {**starter_terms(), "odd": term(HOSTILE_TITLE, related=["end"]),
             "end": term("End", related=["probability", "odd"])}  # fmt: skip
    folder = write_terms(tmp_path, terms)
    command = [sys.executable, "-m", "site_builder", "export", "--format", "skos", str(folder)]
    first = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    again = subprocess.run(command, capture_output=True, text=True, check=True,
                           env={"PYTHONHASHSEED": "7", "PATH": ""}).stdout  # fmt: skip
    assert first == again  # deterministic, whatever the hash seed
    graph = _parse(first)
    assert len(set(graph.subjects(RDF.type, SKOS.Concept))) == 8
    assert URIRef("urn:glossary-site:term:odd") in set(graph.subjects(RDF.type, SKOS.Concept))
    with_url = subprocess.run([*command, "--base-url", "https://g.example/"], capture_output=True,
                              text=True, check=True).stdout  # fmt: skip
    assert "<https://g.example/terms/odd/>" in with_url


def test_glossary_export_writes_the_scheme_to_a_file(tmp_path: Path) -> None:
    folder = write_terms(tmp_path, starter_terms())
    out = tmp_path / "scheme.ttl"
    command = [sys.executable, "-m", "site_builder", "export", "--format", "skos", str(folder)]
    printed = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    written = subprocess.run([*command, "--output", str(out)], capture_output=True, text=True)
    assert written.returncode == 0, written.stderr
    assert written.stdout == ""
    assert out.read_text("utf-8") == printed


def _concept(term_id: str, related: tuple[str, ...] = (), needs: tuple[str, ...] = ()) -> Term:
    ids = (tuple(map(TermId, needs)), tuple(map(TermId, related)))
    return Term(TermId(term_id), f"terms/{term_id}.yaml", term_id.upper(), "S.", "E.", "X.",
                prerequisites=ids[0], related=ids[1])  # fmt: skip


def _urn(term_id: str) -> URIRef:
    return URIRef(f"urn:glossary-site:term:{term_id}")


def test_skos_links_only_other_existing_terms() -> None:
    """A term related to itself or to an id with no term, or needing itself, gets no triple
    for that (the checker reports those); links between two terms go both ways."""
    terms = [
        _concept("a", related=("a", "b", "missing"), needs=("a", "b", "missing")),
        _concept("b"),
    ]
    glossary = Glossary({t.id: t for t in terms}, frozenset({TermId("a"), TermId("b")}))
    graph = _parse(skos_turtle(glossary, "G", None))
    links = {(s, p, o) for s, p, o in graph if p in (SKOS.related, DCTERMS.requires)}
    assert links == {
        (_urn("a"), SKOS.related, _urn("b")),
        (_urn("b"), SKOS.related, _urn("a")),
        (_urn("a"), DCTERMS.requires, _urn("b")),
    }


def test_skos_turtle_of_a_small_glossary() -> None:
    """Concept URIs are page URLs under site_url (only its trailing slashes stripped); top
    concepts are the terms without prerequisites; links come in id order, not file order."""
    alpha = Term(TermId("a"), "terms/a.yaml", "Alpha", "Alpha means it.", "E.", "X.",
                 aliases=("A1",))  # fmt: skip
    others = ("e", "d", "c", "b", "a")
    terms = [
        alpha,
        *map(_concept, sorted(others[:-1])),
        _concept("f", related=others, needs=others),
    ]
    glossary = Glossary({t.id: t for t in terms}, frozenset(t.id for t in terms))  # in id order
    text = skos_turtle(glossary, "My Glossary", "https://g.example/BOX/", directory_urls=False)
    assert text == (GOLDEN / "skos-small.ttl").read_text("utf-8")
