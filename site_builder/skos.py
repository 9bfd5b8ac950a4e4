"""The glossary as a SKOS concept scheme (Turtle), built with rdflib.

One `skos:Concept` per term in one `skos:ConceptScheme`: prefLabel = title, altLabel = each
alias, definition = summary, `skos:related` = related terms. Prerequisites are not
`skos:broader` (a prerequisite is something to learn first, not a wider concept), so they use
`dcterms:requires` ("a related resource that is required by the described resource"), whose
object is the term to learn first. Concept URIs are the term pages' URLs under `site_url`;
without one they are `urn:glossary-site:term:<id>`, stable all the same.
"""

from __future__ import annotations

from rdflib import DCTERMS, RDF, SKOS, Graph, Literal, URIRef
from rdflib.namespace import NamespaceManager
from rdflib.term import Identifier

from site_builder.model import Glossary, TermId, term_url

SKOS_FILE = "glossary.ttl"
URN_PREFIX = "urn:glossary-site:"
PREFIXES = (("dcterms", str(DCTERMS)), ("skos", str(SKOS)))


def concept_uri(term_id: TermId, site_url: str | None, directory_urls: bool = True) -> URIRef:
    """The stable URI of a term's concept: its page URL, or a URN without a site URL."""
    if site_url:
        return URIRef(site_url.rstrip("/") + "/" + term_url(term_id, directory_urls))
    return URIRef(f"{URN_PREFIX}term:{term_id}")


def scheme_uri(site_url: str | None) -> URIRef:
    return URIRef(site_url.rstrip("/") + "/") if site_url else URIRef(f"{URN_PREFIX}scheme")


def _statements(
    glossary: Glossary, site_name: str, site_url: str | None, directory_urls: bool
) -> list[tuple[URIRef, list[tuple[URIRef, Identifier]]]]:
    """Subject → (predicate, object) pairs, every list in a fixed order."""

    def uri(term_id: TermId) -> URIRef:
        return concept_uri(term_id, site_url, directory_urls)

    def text(value: str) -> Literal:
        return Literal(value, lang="en")

    scheme = scheme_uri(site_url)
    tops = [uri(t.id) for t in glossary.terms.values() if not t.prerequisites]
    subjects: list[tuple[URIRef, list[tuple[URIRef, Identifier]]]] = [
        (
            scheme,
            [(RDF.type, SKOS.ConceptScheme), (DCTERMS.title, text(site_name))]
            + [(SKOS.hasTopConcept, top) for top in tops],
        )
    ]
    related: dict[TermId, set[TermId]] = {t: set() for t in glossary.terms}
    for term in glossary.terms.values():
        for other in term.related:
            if other in glossary and other != term.id:  # skos:related is symmetric
                related[term.id].add(other)
                related[other].add(term.id)
    for term in glossary.terms.values():
        pairs: list[tuple[URIRef, Identifier]] = [
            (RDF.type, SKOS.Concept),
            (SKOS.inScheme, scheme),
            (SKOS.notation, Literal(term.id)),
            (SKOS.prefLabel, text(term.title)),
            *((SKOS.altLabel, text(alias)) for alias in dict.fromkeys(term.aliases)),
            (SKOS.definition, text(term.summary)),
            *((SKOS.related, uri(other)) for other in sorted(related[term.id])),
            *(
                (DCTERMS.requires, uri(needed))
                for needed in sorted(set(term.prerequisites))
                if needed in glossary and needed != term.id
            ),
        ]
        subjects.append((uri(term.id), pairs))
    return subjects


def skos_turtle(
    glossary: Glossary, site_name: str, site_url: str | None, directory_urls: bool = True
) -> str:
    """The concept scheme as Turtle, one block per concept in id order.

    rdflib's own Turtle serializer takes about a millisecond a term (seconds for a large
    glossary in every build), so the statements are laid out here and every IRI and literal
    is written by rdflib's `n3()`, its escaping for the language; the tests parse the result
    back with rdflib.
    """
    names = NamespaceManager(Graph(), bind_namespaces="none")
    names.bind("skos", SKOS)
    names.bind("dcterms", DCTERMS)
    lines = [f"@prefix {prefix}: <{namespace}> ." for prefix, namespace in PREFIXES]
    for subject, pairs in _statements(glossary, site_name, site_url, directory_urls):
        lines.append("")
        body = " ;\n    ".join(
            f"{'a' if p == RDF.type else p.n3(names)} {o.n3(names)}" for p, o in pairs
        )
        lines.append(f"{subject.n3()}\n    {body} .")
    return "\n".join(lines) + "\n"
